package io.clusterfactory.cfctl.cli.mixins;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** For every command that talks to the API server. */
public final class KubeconfigOption {
  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Reach the API with this kubeconfig instead of the leader's admin kubeconfig")
  Path file;

  /** The file, or null for the leader's kubeconfig. */
  public Path file() {
    return file;
  }
}

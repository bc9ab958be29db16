package io.clusterfactory.cfctl.cli.mixins;

import picocli.CommandLine.Option;

/** For every command that connects to hosts or Git over SSH. */
public final class HostKeysOption {
  @Option(
      names = "--accept-new-host-keys",
      description = "Trust and record unknown host keys (a changed key is always refused)")
  boolean acceptNew;

  public boolean acceptNew() {
    return acceptNew;
  }
}

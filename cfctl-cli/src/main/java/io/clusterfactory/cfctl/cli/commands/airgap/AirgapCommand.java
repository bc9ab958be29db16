package io.clusterfactory.cfctl.cli.commands.airgap;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(
    name = "airgap",
    description =
        "What an offline site needs: the charts, the k0s binaries and the image list of the tree.",
    subcommands = {AirgapBundleCommand.class})
public final class AirgapCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}

package io.clusterfactory.cfctl.cli.mixins;

import io.clusterfactory.cfctl.core.apply.ApplyPart;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --only hosts|gitops|stacks}, the same for apply and diff. */
public final class OnlyOption {
  @Option(
      names = "--only",
      paramLabel = "PART",
      description = "hosts | gitops | stacks (repeatable; default all)")
  List<String> only = new ArrayList<>();

  public EnumSet<ApplyPart> parts() {
    return ApplyPart.parse(only);
  }
}

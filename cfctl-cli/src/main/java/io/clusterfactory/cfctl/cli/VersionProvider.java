package io.clusterfactory.cfctl.cli;

import picocli.CommandLine;

/** cfctl's version for picocli's {@code -V/--version} (when not answered by {@link Main}). */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {CfctlVersion.line()};
  }
}

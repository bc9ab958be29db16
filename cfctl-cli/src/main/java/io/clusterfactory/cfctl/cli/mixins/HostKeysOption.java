package io.clusterfactory.cfctl.cli.mixins;

import java.time.Duration;
import picocli.CommandLine.Option;

/** For every command that connects to hosts or Git over SSH. */
public final class HostKeysOption {
  @Option(
      names = "--accept-new-host-keys",
      description = "Trust and record unknown host keys (a changed key is always refused)")
  boolean acceptNew;

  @Option(
      names = "--ssh-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How long a host may leave cfctl waiting: SSH banner, key exchange and login, and"
              + " silence mid-command or mid-upload (default 30s)")
  Duration sshTimeout;

  public boolean acceptNew() {
    return acceptNew;
  }

  /** {@code --ssh-timeout}, or null for the default. */
  public Duration sshTimeout() {
    return sshTimeout;
  }
}

package io.clusterfactory.cfctl.k0s.ssh;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to run one command.
 *
 * @param stdin bytes fed to the command's standard input (empty: none)
 * @param sudo run as root: through {@code sudo -n} when the login user is not root
 * @param timeout how long the command may run before it is abandoned and an error is raised
 * @param environment variables exported for the command (values are never logged)
 * @param redact do not log the command line (it holds a secret)
 */
public record ExecOptions(
    byte[] stdin, boolean sudo, Duration timeout, Map<String, String> environment, boolean redact) {

  /** How long a command may run unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public ExecOptions {
    stdin = stdin == null ? new byte[0] : stdin;
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    environment = environment == null ? Map.of() : Map.copyOf(new TreeMap<>(environment));
    for (String name : environment.keySet()) {
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("not a valid environment variable name: " + name);
      }
    }
  }

  /**
   * Root (sudo when needed: almost everything cfctl does on a host needs it), no stdin, {@link
   * #DEFAULT_TIMEOUT}, no extra environment.
   */
  public static ExecOptions defaults() {
    return new ExecOptions(new byte[0], true, DEFAULT_TIMEOUT, Map.of(), false);
  }

  public ExecOptions withStdin(byte[] bytes) {
    return new ExecOptions(bytes, sudo, timeout, environment, redact);
  }

  public ExecOptions withStdin(String text) {
    return withStdin(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Run as the login user, without sudo. */
  public ExecOptions asLoginUser() {
    return new ExecOptions(stdin, false, timeout, environment, redact);
  }

  public ExecOptions withSudo(boolean useSudo) {
    return new ExecOptions(stdin, useSudo, timeout, environment, redact);
  }

  public ExecOptions withTimeout(Duration limit) {
    return new ExecOptions(stdin, sudo, limit, environment, redact);
  }

  public ExecOptions withEnvironment(Map<String, String> variables) {
    return new ExecOptions(stdin, sudo, timeout, variables, redact);
  }

  /** Do not log the command line. */
  public ExecOptions redacted() {
    return new ExecOptions(stdin, sudo, timeout, environment, true);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExecOptions that
        && java.util.Arrays.equals(stdin, that.stdin)
        && sudo == that.sudo
        && timeout.equals(that.timeout)
        && environment.equals(that.environment)
        && redact == that.redact;
  }

  @Override
  public int hashCode() {
    return Objects.hash(java.util.Arrays.hashCode(stdin), sudo, timeout, environment, redact);
  }

  @Override
  public String toString() {
    return "ExecOptions[stdin="
        + stdin.length
        + " bytes, sudo="
        + sudo
        + ", timeout="
        + timeout
        + ", environment="
        + environment.keySet()
        + ", redact="
        + redact
        + "]";
  }
}

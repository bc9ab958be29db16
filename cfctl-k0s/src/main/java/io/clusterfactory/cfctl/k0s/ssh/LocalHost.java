package io.clusterfactory.cfctl.k0s.ssh;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * This machine as a {@link RemoteHost}, for hosts declared with {@code localhost: {enabled: true}}.
 * Commands run with {@code sh -c} through {@link ProcessBuilder}; sudo is used as for remote hosts.
 */
public final class LocalHost extends ShellHost {
  private static final long OUTPUT_DRAIN_MILLIS = 5_000;

  private final String user = System.getProperty("user.name");

  @Override
  public String name() {
    return user + "@localhost";
  }

  @Override
  protected String user() {
    return user;
  }

  @Override
  protected ExecResult run(String command, InputStream stdin, Duration timeout, String logged) {
    Process process;
    try {
      process = new ProcessBuilder("sh", "-c", command).start();
    } catch (IOException e) {
      throw new UncheckedIOException(name() + ": starting sh", e);
    }
    StreamPump pump =
        new StreamPump(
            "local",
            stdin,
            process.getOutputStream(),
            process.getInputStream(),
            process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        pump.abandon();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new OperationFailedException(
            name() + ": command timed out after " + timeout.toSeconds() + " s: " + logged);
      }
      pump.finish(OUTPUT_DRAIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new OperationFailedException(name() + ": interrupted while running: " + logged, e);
    }
    return new ExecResult(process.exitValue(), pump.stdout(), pump.stderr());
  }

  @Override
  public void close() {
    // nothing to release: every command is its own process
  }
}

package io.clusterfactory.cfctl.k0s.ssh;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A host cfctl runs commands on and copies files to: over SSH ({@link SshRemoteHost}) or this
 * machine ({@link LocalHost}).
 *
 * <p>Commands run in a POSIX shell. Unless {@link ExecOptions#asLoginUser()} is asked for, they run
 * as root: directly when the login user is root, else as {@code sudo -n -- sh -c '<command>'}
 * (passwordless sudo is required; there is no password prompt). File operations always run as root.
 * Failures of the transport throw {@link io.clusterfactory.cfctl.core.error.CfctlException}
 * subclasses; a command that ran and exited non-zero is an {@link ExecResult}, not an exception.
 * Implementations are safe to use from several threads.
 */
public interface RemoteHost extends AutoCloseable {

  /** {@code user@address:port}, used in every log line and error message about this host. */
  String name();

  /** Runs a command as root with the default options. */
  default ExecResult exec(String command) {
    return exec(command, ExecOptions.defaults());
  }

  /**
   * Runs a command.
   *
   * @throws io.clusterfactory.cfctl.core.error.OperationFailedException when it times out, or when
   *     sudo is needed and not allowed without a password
   * @throws io.clusterfactory.cfctl.core.error.UnreachableException when the connection is lost
   */
  ExecResult exec(String command, ExecOptions options);

  /**
   * Copies a local file to {@code remotePath} atomically: the bytes go to a temporary name in the
   * destination's folder (created when missing), their sha256 is checked on the host, the mode is
   * set, then the temporary file is renamed over the destination. A reader never sees a partial
   * file; on failure the destination is untouched and the temporary file is removed.
   *
   * @param mode permission bits, e.g. {@code 0755}
   */
  void upload(Path local, String remotePath, int mode);

  /** Like {@link #upload(Path, String, int)}, from a stream of exactly {@code size} bytes. */
  void upload(InputStream content, long size, String remotePath, int mode);

  /**
   * Writes text (UTF-8) to {@code remotePath} atomically, as {@link #upload(Path, String, int)}.
   */
  void writeFile(String remotePath, String content, int mode);

  /**
   * Copies the remote file at {@code remotePath} (read as root) to {@code local}, which is created
   * with mode 0600. The caller checks its sha256 against {@link #sha256}. This default moves the
   * bytes through a command's output as base64 (hosts without SFTP, tests); {@link SshRemoteHost}
   * uses SFTP.
   */
  default void download(String remotePath, Path local) {
    downloadThroughShell(this, remotePath, local);
  }

  /** {@link #download} through a root command's output (base64): works for sudo users too. */
  static void downloadThroughShell(RemoteHost host, String remotePath, Path local) {
    ExecResult r =
        host.exec(
            "base64 -w0 < " + ShellQuote.quote(remotePath), ExecOptions.defaults().redacted());
    r.orThrow(host.name() + ": reading " + remotePath);
    byte[] bytes = java.util.Base64.getDecoder().decode(r.stdout().strip());
    LocalFiles.writeOwnerOnly(local, bytes);
  }

  /** The lowercase hex sha256 of a remote file, or empty when it does not exist. */
  Optional<String> sha256(String remotePath);

  /** The content of a remote file read as UTF-8, or empty when it does not exist. */
  Optional<String> readFile(String remotePath);

  /** Whether something (file, folder, link target) exists at {@code path}. */
  boolean exists(String path);

  /** Whether the login user is root (then no command is wrapped in sudo). */
  boolean isRoot();

  /** Closes the connection; idempotent. */
  @Override
  void close();
}

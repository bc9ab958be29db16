package io.clusterfactory.cfctl.k0s.ssh;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of {@link RemoteHost} that is the same for every transport: root through sudo,
 * environment, logging, and the file operations, which are plain POSIX shell commands ({@code cat},
 * {@code sha256sum}, {@code chmod}, {@code mv}) so they work on any Linux host without SFTP.
 */
abstract class ShellHost implements RemoteHost {
  private static final Logger logger = LoggerFactory.getLogger(ShellHost.class);

  /** An exit code the file probes use for "no such file"; no tool they run returns it. */
  private static final int ABSENT = 44;

  /** Uploads stream up to hundreds of MB; they get more time than a plain command. */
  static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(30);

  private volatile Boolean root;
  private volatile boolean sudoVerified;

  /**
   * Runs {@code command} (already wrapped for sudo and environment) in the login user's shell,
   * feeding {@code stdin}, and waits at most {@code timeout}.
   *
   * @param logged the command line as it may appear in messages ({@code <redacted>} when secret)
   */
  protected abstract ExecResult run(
      String command, InputStream stdin, Duration timeout, String logged);

  /** The login user's name. */
  protected abstract String user();

  @Override
  public ExecResult exec(String command, ExecOptions options) {
    return execStreaming(
        command, options, new ByteArrayInputStream(options.stdin()), options.timeout());
  }

  private ExecResult execStreaming(
      String command, ExecOptions options, InputStream stdin, Duration timeout) {
    String script = withEnvironment(command, options.environment());
    boolean viaSudo = options.sudo() && !isRoot();
    if (viaSudo) {
      ensureSudo();
      script = ShellQuote.sudo(script);
    }
    String logged = options.redact() ? "<redacted>" : command;
    logger.debug("{}: running{}: {}", name(), viaSudo ? " (sudo)" : "", logged);
    ExecResult result = run(script, stdin, timeout, logged);
    logger.trace("{}: exit code {}", name(), result.exitCode());
    return result;
  }

  private static String withEnvironment(String command, Map<String, String> environment) {
    if (environment.isEmpty()) {
      return command;
    }
    String assignments =
        environment.entrySet().stream()
            .map(e -> e.getKey() + "=" + ShellQuote.quote(e.getValue()))
            .collect(Collectors.joining(" "));
    return "export " + assignments + "; " + command;
  }

  @Override
  public boolean isRoot() {
    Boolean known = root;
    if (known == null) {
      ExecResult id = run("id -u", InputStream.nullInputStream(), Duration.ofSeconds(30), "id -u");
      id.orThrow(name() + ": finding the login user's id");
      known = "0".equals(id.stdout().strip());
      root = known;
    }
    return known;
  }

  private void ensureSudo() {
    if (sudoVerified) {
      return;
    }
    ExecResult probe =
        run("sudo -n true", InputStream.nullInputStream(), Duration.ofSeconds(30), "sudo -n true");
    if (!probe.ok()) {
      throw new OperationFailedException(
          name()
              + ": user "
              + user()
              + " is not root and cannot run sudo without a password: "
              + probe.stderr().strip(),
          "allow passwordless sudo (NOPASSWD) for " + user() + " on this host, or connect as root",
          null);
    }
    sudoVerified = true;
  }

  @Override
  public void upload(Path local, String remotePath, int mode) {
    long size;
    try {
      size = Files.size(local);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("upload to " + name() + ": no such file: " + local);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + local, e);
    }
    try (InputStream in = Files.newInputStream(local)) {
      upload(in, size, remotePath, mode);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + local, e);
    }
  }

  @Override
  public void writeFile(String remotePath, String content, int mode) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    upload(new ByteArrayInputStream(bytes), bytes.length, remotePath, mode);
  }

  @Override
  public void upload(InputStream content, long size, String remotePath, int mode) {
    if (!remotePath.startsWith("/") || remotePath.endsWith("/")) {
      throw new IllegalArgumentException(
          "remote path must be an absolute file path: " + remotePath);
    }
    int slash = remotePath.lastIndexOf('/');
    String folder = slash == 0 ? "/" : remotePath.substring(0, slash);
    String temp = TempFiles.next(remotePath);
    String quotedTemp = ShellQuote.quote(temp);
    MessageDigest digest = sha256Digest();
    CountingDigestStream stream = new CountingDigestStream(content, digest);
    // the temp file sits next to the destination: a rename across mounts fails (EXDEV)
    String write =
        "mkdir -p -- "
            + ShellQuote.quote(folder)
            + " && (umask 077 && cat > "
            + quotedTemp
            + ") && "
            + RemoteSha256.of(quotedTemp);
    ExecResult written;
    try {
      written = execStreaming(write, ExecOptions.defaults(), stream, UPLOAD_TIMEOUT);
    } catch (RuntimeException e) {
      removeQuietly(quotedTemp);
      throw e;
    }
    if (!written.ok()) {
      removeQuietly(quotedTemp);
      written.orThrow(name() + ": writing " + remotePath);
    }
    if (size >= 0 && stream.count() != size) {
      removeQuietly(quotedTemp);
      throw new OperationFailedException(
          name()
              + ": uploading "
              + remotePath
              + ": expected "
              + size
              + " bytes, the source gave "
              + stream.count());
    }
    String expected = HexFormat.of().formatHex(digest.digest());
    String actual = firstWord(written.stdout());
    if (!expected.equals(actual)) {
      removeQuietly(quotedTemp);
      throw new OperationFailedException(
          name()
              + ": uploading "
              + remotePath
              + ": checksum mismatch after transfer (sent sha256 "
              + expected
              + ", host has "
              + actual
              + ")");
    }
    String install =
        "chmod "
            + String.format("%04o", mode & 07777)
            + " -- "
            + quotedTemp
            + " && mv -f -- "
            + quotedTemp
            + " "
            + ShellQuote.quote(remotePath);
    ExecResult moved = exec(install);
    if (!moved.ok()) {
      removeQuietly(quotedTemp);
      moved.orThrow(name() + ": moving the uploaded file into place at " + remotePath);
    }
    logger.debug(
        "{}: uploaded {} ({} bytes, sha256 {})", name(), remotePath, stream.count(), expected);
  }

  private void removeQuietly(String quotedPath) {
    try {
      exec("rm -f -- " + quotedPath);
    } catch (RuntimeException e) {
      logger.debug("{}: could not remove {}: {}", name(), quotedPath, e.getMessage());
    }
  }

  @Override
  public Optional<String> sha256(String remotePath) {
    String quoted = ShellQuote.quote(remotePath);
    ExecResult result =
        exec("[ -e " + quoted + " ] || exit " + ABSENT + "; " + RemoteSha256.of(quoted));
    if (result.exitCode() == ABSENT) {
      return Optional.empty();
    }
    result.orThrow(name() + ": computing the sha256 of " + remotePath);
    return Optional.of(firstWord(result.stdout()));
  }

  @Override
  public Optional<String> readFile(String remotePath) {
    String quoted = ShellQuote.quote(remotePath);
    ExecResult result = exec("[ -e " + quoted + " ] || exit " + ABSENT + "; cat -- " + quoted);
    if (result.exitCode() == ABSENT) {
      return Optional.empty();
    }
    result.orThrow(name() + ": reading " + remotePath);
    return Optional.of(result.stdout());
  }

  @Override
  public boolean exists(String path) {
    String quoted = ShellQuote.quote(path);
    ExecResult result = exec("[ -e " + quoted + " ] || exit " + ABSENT);
    if (result.exitCode() == ABSENT) {
      return false;
    }
    result.orThrow(name() + ": checking whether " + path + " exists");
    return true;
  }

  private static String firstWord(String text) {
    String stripped = text.strip();
    int space = stripped.indexOf(' ');
    return space < 0 ? stripped : stripped.substring(0, space);
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Feeds the digest and counts the bytes actually sent. */
  private static final class CountingDigestStream extends DigestInputStream {
    private long count;

    CountingDigestStream(InputStream in, MessageDigest digest) {
      super(in, digest);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    long count() {
      return count;
    }
  }
}

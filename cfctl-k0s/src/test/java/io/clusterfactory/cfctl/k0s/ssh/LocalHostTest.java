package io.clusterfactory.cfctl.k0s.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.testing.RootTier;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RootTier
class LocalHostTest {
  private final LocalHost host = new LocalHost();

  @TempDir Path dir;

  @Test
  @DisplayName("exec returns exit code, stdout and stderr, and feeds stdin")
  void execCapturesOutput() {
    ExecResult result =
        host.exec("cat; echo oops >&2; exit 3", ExecOptions.defaults().withStdin("hello"));
    assertEquals(new ExecResult(3, "hello", "oops\n"), result);
    assertFalse(result.ok());
    OperationFailedException failure =
        assertThrows(OperationFailedException.class, () -> result.orThrow("doing a thing"));
    assertEquals("doing a thing: exit code 3: oops", failure.getMessage());
  }

  @Test
  @DisplayName("environment values reach the command verbatim, however they are quoted")
  void environmentIsExported() {
    ExecResult result =
        host.exec(
            "printf '%s|%s' \"$A\" \"$B\"",
            ExecOptions.defaults().withEnvironment(Map.of("A", "it's $x", "B", "two\nlines")));
    assertEquals("it's $x|two\nlines", result.stdout());
  }

  @Test
  @DisplayName("a command running past its timeout is killed and reported")
  void timeoutIsEnforced() {
    OperationFailedException failure =
        assertThrows(
            OperationFailedException.class,
            () ->
                host.exec("sleep 30", ExecOptions.defaults().withTimeout(Duration.ofMillis(300))));
    assertTrue(failure.getMessage().contains("timed out"), failure.getMessage());
    assertTrue(failure.getMessage().contains("sleep 30"), failure.getMessage());
  }

  @Test
  @DisplayName("a redacted command never appears in the error message")
  void redactedCommandIsNotShown() {
    OperationFailedException failure =
        assertThrows(
            OperationFailedException.class,
            () ->
                host.exec(
                    "sleep 30 # secret-token",
                    ExecOptions.defaults().withTimeout(Duration.ofMillis(300)).redacted()));
    assertFalse(failure.getMessage().contains("secret-token"), failure.getMessage());
  }

  @Test
  @DisplayName("upload writes the bytes, the mode, creates the folder and leaves no temp file")
  void uploadIsAtomicAndChecked() throws Exception {
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new Random(42).nextBytes(content);
    Path local = dir.resolve("k0s");
    Files.write(local, content);
    String remote = dir.resolve("usr/local/bin/k0s").toString();

    host.upload(local, remote, 0750);

    assertEquals(HexFormat.of().formatHex(sha256(content)), host.sha256(remote).orElseThrow());
    assertEquals(
        "rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(remote))));
    try (var files = Files.list(Path.of(remote).getParent())) {
      assertEquals(1, files.count(), "temp file left behind");
    }
  }

  @Test
  @DisplayName("upload of a stream shorter than announced fails and keeps the old file")
  void shortStreamIsRefused() throws Exception {
    Path remote = dir.resolve("config.yaml");
    host.writeFile(remote.toString(), "old\n", 0600);
    assertThrows(
        OperationFailedException.class,
        () ->
            host.upload(
                new ByteArrayInputStream("new".getBytes(StandardCharsets.UTF_8)),
                10,
                remote.toString(),
                0600));
    assertEquals(Optional.of("old\n"), host.readFile(remote.toString()));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "temp file left behind");
    }
  }

  @Test
  @DisplayName("readFile, sha256 and exists tell an absent file from an empty one")
  void absentVersusEmpty() throws Exception {
    String missing = dir.resolve("missing").toString();
    String empty = dir.resolve("empty").toString();
    host.writeFile(empty, "", 0644);
    assertEquals(Optional.empty(), host.readFile(missing));
    assertEquals(Optional.empty(), host.sha256(missing));
    assertFalse(host.exists(missing));
    assertEquals(Optional.of(""), host.readFile(empty));
    assertEquals(
        Optional.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        host.sha256(empty));
    assertTrue(host.exists(empty));
    assertTrue(host.exists(dir.toString()));
  }

  @Test
  @DisplayName("file names with spaces and quotes are handled")
  void awkwardNames() {
    String path = dir.resolve("it's a file").toString();
    host.writeFile(path, "x", 0644);
    assertEquals(Optional.of("x"), host.readFile(path));
  }

  private static byte[] sha256(byte[] content) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(content);
  }
}

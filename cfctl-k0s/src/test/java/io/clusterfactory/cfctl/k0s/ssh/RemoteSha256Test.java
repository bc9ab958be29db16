package io.clusterfactory.cfctl.k0s.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteSha256Test {
  @TempDir Path dir;

  @Test
  void theDigestIsTheSameWithOpensslAndWithCoreutilsAlone() throws Exception {
    byte[] bytes = new byte[3_000_000];
    new Random(7).nextBytes(bytes);
    Path file = dir.resolve("k0s binary");
    Files.write(file, bytes);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    String quoted = ShellQuote.quote(file.toString());

    assertEquals(expected, sh(RemoteSha256.digestOf(quoted), System.getenv("PATH")));
    // a host without OpenSSL: only the tools the fallback needs are on PATH
    Path bin = Files.createDirectory(dir.resolve("bin"));
    for (String tool : new String[] {"sha256sum", "cut"}) {
      Files.copy(which(tool), bin.resolve(tool), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    assertEquals(expected, sh(RemoteSha256.digestOf(quoted), bin.toString()));
    assertEquals(expected, sh(RemoteSha256.of(quoted), bin.toString()).split(" ")[0]);
  }

  private static Path which(String tool) throws Exception {
    return Path.of(sh("command -v " + tool, System.getenv("PATH")));
  }

  private static String sh(String script, String path) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", script);
    builder.environment().put("PATH", path);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), script + ": " + err);
    assertEquals("", err, "nothing on stderr when a tool is missing");
    return out.strip();
  }
}

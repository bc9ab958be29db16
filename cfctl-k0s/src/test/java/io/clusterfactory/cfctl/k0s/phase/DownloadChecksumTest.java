package io.clusterfactory.cfctl.k0s.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check of a downloaded k0s against the release's sha256sums.txt, run by a real shell. */
class DownloadChecksumTest {
  static final String ASSET = "k0s-v1.31.2+k0s.0-amd64";

  @TempDir Path dir;

  @Test
  void aListedMatchingSumPassesAMismatchFailsAndNoListOrNoEntryFallsBackToTheVersionCheck()
      throws Exception {
    Path binary = dir.resolve("k0s.cfctl-download");
    Files.writeString(binary, "the k0s binary");
    String sha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest("the k0s binary".getBytes(StandardCharsets.UTF_8)));
    Path sums = dir.resolve(StageK0sBinary.CHECKSUMS_FILE);
    String url = sums.toUri().toString();

    // sha256sum -b output, as the k0s release workflow writes it
    Files.writeString(sums, "0000 *k0s-v1.31.2+k0s.0-arm64\n" + sha + " *" + ASSET + "\n");
    assertEquals(0, run(url).exit, "matching sum");

    Files.writeString(sums, "f".repeat(64) + " *" + ASSET + "\n");
    Result mismatch = run(url);
    assertEquals(1, mismatch.exit);
    assertTrue(mismatch.err.contains("checksum mismatch: " + ASSET), mismatch.err);
    assertTrue(mismatch.err.contains(sha), mismatch.err);

    Files.writeString(sums, "0000 *k0s-v1.31.2+k0s.0-arm64\n");
    assertEquals(0, run(url).exit, "asset not listed: version check only");

    Files.delete(sums);
    assertEquals(0, run(url).exit, "no list (a mirror): version check only");
  }

  record Result(int exit, String err) {}

  private Result run(String sumsUrl) throws Exception {
    String script =
        StageK0sBinary.checksumScript(
            sumsUrl, ASSET, ShellQuote.quote(dir.resolve("k0s.cfctl-download").toString()));
    Process p = new ProcessBuilder("/bin/sh", "-c", script).start();
    p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), err);
  }
}

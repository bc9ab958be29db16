package io.clusterfactory.cfctl.k0s.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record's scripts, run by this machine's sh on a stand-in binary. */
class BinaryChecksumTest {
  @TempDir Path dir;

  private static String sh(String script) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  private Path binary(String version) throws Exception {
    Path k0s = dir.resolve("k0s");
    Path next = dir.resolve("k0s.next");
    Files.writeString(next, "#!/bin/sh\necho " + version + "\n");
    Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rwxr-xr-x"));
    // staged as cfctl stages: a rename over the old binary
    Files.move(next, k0s, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return k0s;
  }

  private String read(Path k0s) throws Exception {
    return sh(BinaryChecksum.readScript(k0s.toString()) + "; echo \"$sha $ver\"");
  }

  @Test
  void theRecordAnswersWhileTheBinaryIsTheOneItWasMadeFor() throws Exception {
    Path k0s = binary("v1.31.2+k0s.0");
    String real = sh("sha256sum " + k0s + " | cut -d' ' -f1");
    assertEquals(real + " v1.31.2+k0s.0", read(k0s), "no record: hashed and asked");

    sh(BinaryChecksum.recordScript(k0s.toString(), "recorded"));
    assertEquals("recorded v1.31.2+k0s.0", read(k0s), "the record is trusted");

    binary("v1.31.3+k0s.0");
    String next = sh("sha256sum " + k0s + " | cut -d' ' -f1");
    assertEquals(next + " v1.31.3+k0s.0", read(k0s), "a binary renamed over it is read anew");

    sh(BinaryChecksum.recordScript(k0s.toString(), "recorded"));
    sh("chmod 0700 " + k0s);
    assertEquals(next + " v1.31.3+k0s.0", read(k0s), "any change of its inode is read anew");

    Files.writeString(Path.of(BinaryChecksum.sidecar(k0s.toString())), "recorded 1 2\n");
    assertEquals(next + " v1.31.3+k0s.0", read(k0s), "a record of the old form is not trusted");
  }
}

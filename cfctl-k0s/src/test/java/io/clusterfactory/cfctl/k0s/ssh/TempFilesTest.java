package io.clusterfactory.cfctl.k0s.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {
  @TempDir Path dir;

  @Test
  void everyTemporaryNameSitsNextToItsDestinationAndIsFresh() {
    String a = TempFiles.next("/usr/local/bin/k0s");
    assertTrue(a.matches("/usr/local/bin/\\.k0s\\.cfctl-tmp-[0-9a-f]{16}"), a);
    assertNotEquals(a, TempFiles.next("/usr/local/bin/k0s"));
    assertTrue(TempFiles.isTemp(a));
    assertFalse(TempFiles.isTemp("/usr/local/bin/k0s.cfctl-sha256"), "the checksum record stays");
    assertFalse(TempFiles.isTemp("/usr/local/bin/k0s"));
  }

  /** The shell the clean-up runs finds exactly the names {@link TempFiles#next} gives. */
  @Test
  void theFindScriptListsTheTemporaryFilesOfEachFolderAndNothingElse() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path etc = Files.createDirectories(dir.resolve("etc k0s"));
    String binTemp = TempFiles.next(bin.resolve("k0s").toString());
    String etcTemp = TempFiles.next(etc.resolve("k0s.yaml").toString());
    for (String p : List.of(binTemp, etcTemp)) {
      Files.writeString(Path.of(p), "partial");
    }
    for (String keep : List.of("k0s", "k0s.cfctl-sha256", ".k0s", "cfctl-tmp-x", ".hidden")) {
      Files.writeString(bin.resolve(keep), "keep");
    }
    Files.createDirectories(bin.resolve(".dir.cfctl-tmp-0000000000000000"));
    Files.createDirectories(bin.resolve("sub"));
    Files.writeString(Path.of(TempFiles.next(bin.resolve("sub/f").toString())), "deeper");
    // a link left as a temporary name is one too, even when it points nowhere
    String link = TempFiles.next(bin.resolve("kubeconfig").toString());
    Files.createSymbolicLink(Path.of(link), dir.resolve("gone"));

    String script = TempFiles.findScript(List.of(bin.toString(), etc.toString(), dir + "/missing"));
    Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(0, p.exitValue(), out);
    assertEquals(
        java.util.stream.Stream.of(binTemp, link, etcTemp).sorted().toList(),
        out.lines().sorted().toList());
  }

  @Test
  void theListScriptKeepsFoldersWhenAskedAndPrintsNothingForAGlobWithoutMatch() throws Exception {
    Files.createDirectories(dir.resolve("cfctl-seed-abc"));
    Files.writeString(dir.resolve("cfctl-seed-file"), "x");
    String q = ShellQuote.quote(dir + "/cfctl-seed-");
    String script =
        TempFiles.listScript(
            List.of(q + "*", ShellQuote.quote(dir + "/cfctl-backup-") + "*"), true);
    Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertEquals(
        List.of(dir + "/cfctl-seed-abc", dir + "/cfctl-seed-file"), out.lines().sorted().toList());
  }

  @Test
  void aPathThatIsNotAFileHasNoTemporaryName() throws IOException {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> TempFiles.next("/usr/local/bin/"));
  }
}

package io.clusterfactory.cfctl.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a golden file under {@code src/test/resources/diff/}. Run with {@code
 * -Dcfctl.updateGolden=true} to rewrite the files after an intended change, then review the diff.
 */
final class Golden {
  private static final Path DIR = Path.of("src/test/resources/diff");

  private Golden() {}

  static void assertMatches(String name, String actual) throws IOException {
    Path file = DIR.resolve(name);
    if (Boolean.getBoolean("cfctl.updateGolden")) {
      Files.createDirectories(DIR);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(
        Files.exists(file),
        "golden file missing: " + file + " (run with -Dcfctl.updateGolden=true)");
    assertEquals(
        Files.readString(file, StandardCharsets.UTF_8), actual, "output differs from " + file);
  }
}

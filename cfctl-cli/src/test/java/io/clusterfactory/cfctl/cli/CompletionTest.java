package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionTest {
  @Test
  void bashCompletionCompletesSubcommands(@TempDir Path dir) throws Exception {
    CliRun run = CliRun.of("completion", "bash");
    assertEquals(0, run.exitCode(), run.err());
    Path script = dir.resolve("cfctl.bash");
    Files.writeString(script, run.out());
    // Source it in a real bash and ask for completions of "cfctl va".
    Process p =
        new ProcessBuilder(
                "bash",
                "-c",
                "source "
                    + script
                    + "; COMP_WORDS=(cfctl va); COMP_CWORD=1; COMP_LINE='cfctl va';"
                    + " COMP_POINT=8; _complete_cfctl; printf '%s\\n' \"${COMPREPLY[@]}\"")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.lines().anyMatch(l -> l.equals("validate")), out);
  }

  @Test
  void unknownShellIsInvalidInput() {
    assertEquals(2, CliRun.of("completion", "fish").exitCode());
  }
}

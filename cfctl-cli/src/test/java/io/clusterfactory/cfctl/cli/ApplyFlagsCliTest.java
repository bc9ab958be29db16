package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Flags that would have no effect in the mode given are refused before anything runs. */
class ApplyFlagsCliTest {
  @Test
  void outputFormatWithoutDryRunIsRefusedNotIgnored() {
    CliRun run =
        CliRun.of("apply", "--no-hydrate", "-o", "json", "../examples/single/cluster.yaml");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("--dry-run"), run.err());
  }

  @Test
  void anUnknownPlanFormatIsInvalidInput() {
    CliRun run =
        CliRun.of(
            "apply", "--no-hydrate", "--dry-run", "-o", "toml", "../examples/single/cluster.yaml");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("text, json or yaml"), run.err());
  }

  @Test
  void everyCommandThatReachesHostsTakesAnSshTimeout() {
    for (String c : new String[] {"apply", "diff", "status", "kubeconfig", "reset"}) {
      CliRun help = CliRun.of(c, "--help");
      assertTrue(help.out().contains("--ssh-timeout"), c + ": " + help.out());
      assertTrue(help.out().contains("--timeout"), c + ": " + help.out());
    }
  }
}

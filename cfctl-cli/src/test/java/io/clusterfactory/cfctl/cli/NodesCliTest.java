package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NodesCliTest {
  @Test
  void expandKeepsPaddingAndDimensions() {
    CliRun run = CliRun.of("nodes", "expand", "r[1-2]n[01-02]", "cn[008-010/2]");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("cn008\ncn010\nr1n01\nr1n02\nr2n01\nr2n02\n", run.out().replace("\r", ""));
  }

  @Test
  void foldNamesAndSets() {
    CliRun run = CliRun.of("nodes", "fold", "cn001", "cn002", "cn003", "cn[005-006]", "gpu1");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("cn[001-003,005-006],gpu1", run.out().trim());
  }

  @Test
  void malformedNodesetIsInvalidInputWithColumn() {
    CliRun run = CliRun.of("nodes", "expand", "cn[001-");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("at column"), run.err());
  }
}

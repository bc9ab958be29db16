package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class TraceLogTest {
  @Test
  void failureNamesTheTraceLogWhichIsPrivate() throws Exception {
    CliRun run = CliRun.of("render", "/nonexistent/cluster.yaml", "-o", "/tmp/never");
    assertEquals(2, run.exitCode());
    String logLine = run.err().lines().filter(l -> l.startsWith("Log: ")).findFirst().orElseThrow();
    Path log = Path.of(logLine.substring(5));
    assertTrue(Files.exists(log), log.toString());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
    assertTrue(Files.readString(log).contains("does not exist"), Files.readString(log));
    // the file does not exist: its hint says what to do, and `cfctl validate` would not help
    assertFalse(run.err().contains("Next: cfctl validate"), run.err());
  }
}

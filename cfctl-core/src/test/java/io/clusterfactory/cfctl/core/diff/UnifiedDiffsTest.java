package io.clusterfactory.cfctl.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnifiedDiffsTest {
  @Test
  @DisplayName("same format as diff -u -N: hunks, empty sides numbered 0,0, missing final newline")
  void diffUFormat() {
    assertEquals("", UnifiedDiffs.of("a", "b", "x\n", "x\n"));
    assertEquals(
        "--- a\n+++ b\n@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n",
        UnifiedDiffs.of("a", "b", "1\n2\n3\n", "1\ntwo\n3\n"));
    assertEquals(
        "--- /dev/null\n+++ b\n@@ -0,0 +1,2 @@\n+1\n+2\n",
        UnifiedDiffs.of("/dev/null", "b", "", "1\n2\n"));
    assertEquals(
        "--- a\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-1\n",
        UnifiedDiffs.of("a", "/dev/null", "1\n", ""));
    assertEquals(
        "--- a\n+++ b\n@@ -1,2 +1,2 @@\n 1\n-2\n+2\n\\ No newline at end of file\n",
        UnifiedDiffs.of("a", "b", "1\n2\n", "1\n2"));
  }
}

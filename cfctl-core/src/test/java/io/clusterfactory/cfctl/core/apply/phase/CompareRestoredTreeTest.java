package io.clusterfactory.cfctl.core.apply.phase;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.gitops.CommitRelation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CompareRestoredTreeTest {
  private static final String RECORDED = "1111111111111111111111111111111111111111";
  private static final String NOW = "2222222222222222222222222222222222222222";

  @Test
  @DisplayName("Git at the backup's commit or a descendant of it is no warning")
  void sameOrNewerIsFine() {
    assertNull(CompareRestoredTree.warning(RECORDED, RECORDED, CommitRelation.SAME));
    assertNull(CompareRestoredTree.warning(RECORDED, NOW, CommitRelation.NEWER));
  }

  @Test
  @DisplayName("a forked history, an unknown commit or no commit warns with both commits")
  void otherwiseWarnsWithBoth() {
    String diverged = CompareRestoredTree.warning(RECORDED, NOW, CommitRelation.DIVERGED);
    assertTrue(diverged.contains("is not a descendant"), diverged);
    assertTrue(diverged.contains(RECORDED) && diverged.contains(NOW), diverged);

    String unknown = CompareRestoredTree.warning(RECORDED, NOW, CommitRelation.UNKNOWN);
    assertTrue(unknown.contains("does not contain"), unknown);

    String empty = CompareRestoredTree.warning(RECORDED, "", CommitRelation.UNKNOWN);
    assertTrue(empty.contains("no commit") && empty.endsWith(RECORDED + " HEAD)"), empty);
  }
}

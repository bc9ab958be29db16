package io.clusterfactory.cfctl.core.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code cfctl status} reads each Application as Argo CD's controller writes its status. */
class StacksStatusTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final String REPO = "ssh://git@git.example.com/infra/gitops.git";

  private static GenericKubernetesResource app(String specAndStatus) {
    return new KubernetesSerialization()
        .unmarshal(
            "apiVersion: argoproj.io/v1alpha1\n"
                + "kind: Application\n"
                + "metadata: {name: network-metallb, namespace: argocd, labels:"
                + " {cfctl.clusterfactory.io/stack: network, cfctl.clusterfactory.io/component:"
                + " metallb}}\n"
                + specAndStatus,
            GenericKubernetesResource.class);
  }

  private static final String MULTI_SPEC =
      "spec: {sources: [{repoURL: https://metallb.github.io/metallb, chart: metallb,"
          + " targetRevision: 0.15.2}, {repoURL: "
          + REPO
          + ", targetRevision: main, ref: values}]}\n";

  @Test
  @DisplayName("a multi-source Application's commit is its Git source's entry of sync.revisions")
  void multiSourceRevisions() {
    StacksStatus.AppStatus s =
        StacksStatus.of(
            app(
                MULTI_SPEC
                    + "status: {sync: {status: Synced, revisions: [0.15.2, "
                    + COMMIT
                    + "]}, health: {status: Healthy}}"));

    assertEquals("network", s.stack());
    assertEquals(COMMIT, s.revision());
    assertEquals(List.of("0.15.2", COMMIT), s.revisions());
    assertEquals("", s.problem());
    assertTrue(s.ok());
  }

  @Test
  @DisplayName("a single-source Application's commit is sync.revision")
  void singleSourceRevision() {
    StacksStatus.AppStatus s =
        StacksStatus.of(
            app(
                "spec: {source: {repoURL: "
                    + REPO
                    + ", path: clusters/c/apps, targetRevision: main}}\n"
                    + "status: {sync: {status: Synced, revision: "
                    + COMMIT
                    + "}, health: {status: Healthy}}"));

    assertEquals(COMMIT, s.revision());
    assertEquals(List.of(COMMIT), s.revisions());
    assertTrue(s.ok());
  }

  @Test
  @DisplayName("an error condition and a failed sync are the problem, with Argo CD's messages")
  void problems() {
    StacksStatus.AppStatus s =
        StacksStatus.of(
            app(
                MULTI_SPEC
                    + "status: {sync: {status: Unknown}, health: {status: Healthy}, conditions:"
                    + " [{type: ComparisonError, message: app path does not exist}, {type:"
                    + " OrphanedResourceWarning, message: 1 orphaned}], operationState: {phase:"
                    + " Failed, message: one or more objects failed to apply, syncResult:"
                    + " {revisions: [0.15.2, "
                    + COMMIT
                    + "]}}}"));

    assertEquals(
        "ComparisonError: app path does not exist; sync to 0.15.2, 0123456789ab Failed: one or"
            + " more objects failed to apply",
        s.problem());
    assertFalse(s.ok());
  }
}

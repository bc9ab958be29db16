package io.clusterfactory.cfctl.core.diff;

import static io.clusterfactory.cfctl.core.diff.SampleReports.files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.gitops.CommitOptions;
import io.clusterfactory.cfctl.core.gitops.GitAuth;
import io.clusterfactory.cfctl.core.gitops.GitPublisher;
import io.clusterfactory.cfctl.core.gitops.HostKeyPolicy;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineDiffTest {
  @TempDir Path tmp;

  private static final SortedMap<String, byte[]> BASE =
      files(
          "root.yaml", "kind: Application\nname: root\n",
          "network/metallb.yaml", "version: 1\n",
          "gitops/admin-sealed.yaml",
              "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: admin\n"
                  + "  namespace: argocd\nspec:\n  encryptedData:\n    password: AgAAAAold111\n"
                  + "    user: AgAAAAuser222\n");

  @Test
  @DisplayName(
      "offline diff: rendered tree vs the base branch in a real bare repo, secrets per key")
  void offlineAgainstBaseBranch() throws Exception {
    Path bare = tmp.resolve("remote.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    GitopsSpec.Repository spec =
        new GitopsSpec.Repository(bare.toUri().toString(), "main", "clusters/lab");
    GitPublisher publisher =
        new GitPublisher(
            tmp.resolve("cache"),
            GitAuth.defaults(tmp.resolve("home"), null, HostKeyPolicy.STRICT, Map.of()));
    String base =
        publisher
            .publish(spec, BASE, CommitOptions.defaults(), new MutationGuard(false))
            .commitId();
    SortedMap<String, byte[]> pr =
        files(
            "root.yaml", "kind: Application\nname: root\n",
            "network/metallb.yaml", "version: 2\n",
            "network/traefik.yaml", "version: 1\n",
            "gitops/admin-sealed.yaml",
                "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: admin\n"
                    + "  namespace: argocd\nspec:\n  encryptedData:\n    password: AgAAAAnew333\n"
                    + "    user: AgAAAAuser222\n    token: AgAAAAtok444\n");

    GitSection section = OfflineDiff.gitSection(publisher, spec, pr, null);

    assertEquals(base, section.baseCommit());
    assertEquals("clusters/lab", section.path());
    assertEquals(new Summary(1, 2, 0, 1), section.summary());
    FileDiff sealed = section.files().get(0);
    assertEquals("gitops/admin-sealed.yaml", sealed.path());
    assertEquals(
        List.of(
            new SecretKeyDiff("password", KeyChange.CHANGED),
            new SecretKeyDiff("token", KeyChange.ADDED),
            new SecretKeyDiff("user", KeyChange.UNCHANGED)),
        sealed.secretKeys());
    for (String cipher : List.of("AgAAAAold111", "AgAAAAuser222", "AgAAAAnew333", "AgAAAAtok444")) {
      assertFalse(sealed.unifiedDiff().contains(cipher), sealed.unifiedDiff());
    }
    FileDiff metallb = section.files().get(1);
    assertEquals(ChangeKind.UPDATE, metallb.change());
    assertTrue(metallb.unifiedDiff().contains("-version: 1\n+version: 2\n"), metallb.unifiedDiff());
    // a diff only reads: the branch still points at the base commit
    assertEquals(base, publisher.readTree(spec, "main").commitId());
  }

  @Test
  @DisplayName("offline diff against a branch that does not exist yet: every file is a creation")
  void missingBaseBranch() throws Exception {
    Path bare = tmp.resolve("empty.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    GitopsSpec.Repository spec =
        new GitopsSpec.Repository(bare.toUri().toString(), "main", "clusters/lab");
    GitPublisher publisher =
        new GitPublisher(
            tmp.resolve("cache"),
            GitAuth.defaults(tmp.resolve("home"), null, HostKeyPolicy.STRICT, Map.of()));

    GitSection section = OfflineDiff.gitSection(publisher, spec, BASE, null);

    assertEquals("", section.baseCommit());
    assertEquals(new Summary(3, 0, 0, 0), section.summary());
    assertEquals(
        List.of(
            new SecretKeyDiff("password", KeyChange.ADDED),
            new SecretKeyDiff("user", KeyChange.ADDED)),
        section.files().get(0).secretKeys());
  }

  @Test
  @DisplayName("a Secret file that is not valid YAML is hidden, never shown raw")
  void brokenSecretFileHidden() {
    FileDiff f =
        GitTreeDiffer.compareFile(
            "clusters/lab",
            "bad.yaml",
            "kind: Secret\ndata:\n  password: c2VjcmV0\n".getBytes(),
            "kind: Secret\ndata: [unclosed\n  password: bmV3c2VjcmV0\n".getBytes());
    assertEquals(ChangeKind.UPDATE, f.change());
    assertEquals(GitTreeDiffer.HIDDEN, f.unifiedDiff());
  }

  @Test
  @DisplayName("multi-document file with two Secrets: keys named per object; other documents shown")
  void multiDocumentSecrets() {
    String before =
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\ndata:\n  k: MQ==\n---\n"
            + "apiVersion: v1\nkind: Secret\nmetadata:\n  name: b\ndata:\n  k: Mg==\n---\n"
            + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  v: one\n";
    String after = before.replace("Mg==", "Mw==").replace("v: one", "v: two");
    FileDiff f = GitTreeDiffer.compareFile("", "s.yaml", before.getBytes(), after.getBytes());
    assertEquals(
        List.of(
            new SecretKeyDiff("a/k", KeyChange.UNCHANGED),
            new SecretKeyDiff("b/k", KeyChange.CHANGED)),
        f.secretKeys());
    assertFalse(f.unifiedDiff().contains("Mw=="));
    assertFalse(f.unifiedDiff().contains("Mg=="));
    assertTrue(f.unifiedDiff().contains("-  v: one\n+  v: two\n"), f.unifiedDiff());
  }

  @Test
  @DisplayName("binary files are reported without content")
  void binaryFile() {
    FileDiff f =
        GitTreeDiffer.compareFile("x", "logo.png", new byte[] {1, 0, 2}, new byte[] {1, 0, 3});
    assertEquals("Binary files a/x/logo.png and b/x/logo.png differ\n", f.unifiedDiff());
  }
}

package io.clusterfactory.cfctl.core.gitops;

import static io.clusterfactory.cfctl.core.gitops.BareRepos.createBare;
import static io.clusterfactory.cfctl.core.gitops.BareRepos.files;
import static io.clusterfactory.cfctl.core.gitops.BareRepos.head;
import static io.clusterfactory.cfctl.core.gitops.BareRepos.history;
import static io.clusterfactory.cfctl.core.gitops.BareRepos.pushFromElsewhere;
import static io.clusterfactory.cfctl.core.gitops.BareRepos.tree;
import static io.clusterfactory.cfctl.core.gitops.BareRepos.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitPublisherTest {
  @TempDir Path tmp;
  private Path bare;
  private GitopsSpec.Repository spec;
  private GitPublisher publisher;

  private static final SortedMap<String, byte[]> TREE =
      tree(
          "root.yaml", "kind: Application\nname: root\n",
          "network/metallb.yaml", "kind: Application\nname: metallb\nversion: 1\n",
          "network/traefik.yaml", "kind: Application\nname: traefik\n");

  @BeforeEach
  void setUp() throws Exception {
    bare = createBare(tmp.resolve("remote.git"));
    spec = new GitopsSpec.Repository(url(bare), "main", "clusters/lab");
    publisher = publisher(attempt -> {});
  }

  private GitPublisher publisher(java.util.function.IntConsumer beforePush) {
    GitAuth auth = GitAuth.defaults(tmp.resolve("home"), null, HostKeyPolicy.STRICT, Map.of());
    return new GitPublisher(tmp.resolve("cache"), auth, beforePush);
  }

  private PublishResult publish(SortedMap<String, byte[]> files) {
    return publisher.publish(spec, files, CommitOptions.defaults(), new MutationGuard(false));
  }

  @Test
  @DisplayName("first publish to an empty bare repository creates the branch with the tree")
  void firstPublishCreatesBranch() throws Exception {
    PublishResult result = publish(TREE);

    assertEquals(PublishResult.Outcome.COMMITTED, result.outcome());
    ObjectId headId = head(bare, "main");
    assertEquals(headId.name(), result.commitId());
    assertEquals(
        List.of("network/metallb.yaml", "network/traefik.yaml", "root.yaml"), result.added());
    assertEquals(
        Map.of(
            "clusters/lab/root.yaml", "kind: Application\nname: root\n",
            "clusters/lab/network/metallb.yaml", "kind: Application\nname: metallb\nversion: 1\n",
            "clusters/lab/network/traefik.yaml", "kind: Application\nname: traefik\n"),
        files(bare, headId));
    RevCommit commit = history(bare, "main").get(0);
    assertTrue(
        commit.getFullMessage().startsWith("cfctl: update clusters/lab (3 added)\n"),
        commit.getFullMessage());
    assertEquals("cfctl", commit.getAuthorIdent().getName());
    // the command-line git accepts what JGit wrote
    Process fsck =
        new ProcessBuilder("git", "--git-dir", bare.toString(), "fsck", "--strict", "--no-dangling")
            .redirectErrorStream(true)
            .start();
    String fsckOutput = new String(fsck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, fsck.waitFor(), fsckOutput);
  }

  @Test
  @DisplayName("re-publishing the same tree makes no commit")
  void republishUnchangedMakesNoCommit() throws Exception {
    publish(TREE);
    ObjectId first = head(bare, "main");

    PublishResult again = publish(TREE);

    assertEquals(PublishResult.Outcome.UNCHANGED, again.outcome());
    assertEquals("unchanged", again.commitOrStatus());
    assertEquals(first, head(bare, "main"));
    assertEquals(1, history(bare, "main").size());
  }

  @Test
  @DisplayName("a changed value makes one commit touching one file, with the configured author")
  void changedValueMakesOneCommit() throws Exception {
    publish(TREE);
    SortedMap<String, byte[]> changed = new java.util.TreeMap<>(TREE);
    changed.put(
        "network/metallb.yaml",
        "kind: Application\nname: metallb\nversion: 2\n".getBytes(StandardCharsets.UTF_8));

    PublishResult result =
        publisher.publish(
            spec,
            changed,
            new CommitOptions("Ops Bot", "ops@example.org", null, null, "bump metallb", 0),
            new MutationGuard(false));

    assertEquals(List.of("network/metallb.yaml"), result.changed());
    assertTrue(result.added().isEmpty() && result.removed().isEmpty());
    List<RevCommit> log = history(bare, "main");
    assertEquals(2, log.size());
    assertEquals("bump metallb\n", log.get(0).getFullMessage());
    assertEquals("Ops Bot", log.get(0).getAuthorIdent().getName());
    assertEquals("ops@example.org", log.get(0).getCommitterIdent().getEmailAddress());
    SortedMap<String, String> before = files(bare, log.get(1));
    SortedMap<String, String> after = files(bare, log.get(0));
    List<String> differing =
        after.keySet().stream().filter(p -> !after.get(p).equals(before.get(p))).toList();
    assertEquals(List.of("clusters/lab/network/metallb.yaml"), differing);
    assertEquals(before.keySet(), after.keySet());
  }

  @Test
  @DisplayName("only the owned folder is replaced: files outside it stay, stale files inside go")
  void filesOutsideOwnedFolderUntouched() throws Exception {
    pushFromElsewhere(
        bare,
        tmp.resolve("seed"),
        "main",
        Map.of(
            "README.md", "# infra\n",
            "clusters/other/app.yaml", "other: true\n",
            "clusters/lab-extra/keep.yaml", "prefix sibling\n",
            "clusters/lab/stale.yaml", "stale: true\n"));

    PublishResult result = publish(TREE);

    assertEquals(List.of("stale.yaml"), result.removed());
    SortedMap<String, String> after = files(bare, head(bare, "main"));
    assertEquals("# infra\n", after.get("README.md"));
    assertEquals("other: true\n", after.get("clusters/other/app.yaml"));
    assertEquals("prefix sibling\n", after.get("clusters/lab-extra/keep.yaml"));
    assertFalse(after.containsKey("clusters/lab/stale.yaml"));
    assertTrue(after.containsKey("clusters/lab/root.yaml"));
    assertEquals(2, history(bare, "main").size());
  }

  @Test
  @DisplayName(
      "push race: the remote moved -> detected, re-applied on the new head, linear, no force")
  void pushRaceIsRetriedOnTop() throws Exception {
    publish(TREE);
    SortedMap<String, byte[]> changed = new java.util.TreeMap<>(TREE);
    changed.put("network/new.yaml", "new: 1\n".getBytes(StandardCharsets.UTF_8));
    ObjectId[] theirs = new ObjectId[1];
    publisher =
        publisher(
            attempt -> {
              if (attempt == 1) {
                try {
                  theirs[0] =
                      pushFromElsewhere(
                          bare, tmp.resolve("racer"), "main", Map.of("README.md", "raced\n"));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
            });

    PublishResult result = publish(changed);

    assertEquals(PublishResult.Outcome.COMMITTED, result.outcome());
    assertEquals(2, result.attempts());
    List<RevCommit> log = history(bare, "main");
    assertEquals(3, log.size(), "ours on top of theirs on top of the first publish");
    assertEquals(result.commitId(), log.get(0).name());
    assertEquals(theirs[0], log.get(1).getId());
    for (RevCommit c : log) {
      assertTrue(c.getParentCount() <= 1, "no merge commits: history is linear");
    }
    SortedMap<String, String> after = files(bare, log.get(0));
    assertEquals("raced\n", after.get("README.md"), "the other writer's change survives");
    assertEquals("new: 1\n", after.get("clusters/lab/network/new.yaml"));
  }

  @Test
  @DisplayName("a remote that keeps moving ends in a clear error after the bounded attempts")
  void remoteThatKeepsMovingFails() throws Exception {
    publish(TREE);
    AtomicInteger racer = new AtomicInteger();
    publisher =
        publisher(
            attempt -> {
              try {
                pushFromElsewhere(
                    bare,
                    tmp.resolve("racer" + racer.incrementAndGet()),
                    "main",
                    Map.of("README.md", "raced " + attempt + "\n"));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    SortedMap<String, byte[]> changed = new java.util.TreeMap<>(TREE);
    changed.put("network/new.yaml", "new: 1\n".getBytes(StandardCharsets.UTF_8));

    OperationFailedException e =
        assertThrows(
            OperationFailedException.class,
            () ->
                publisher.publish(
                    spec,
                    changed,
                    CommitOptions.defaults().withMaxAttempts(3),
                    new MutationGuard(false)));

    assertTrue(e.getMessage().contains("moved again before each of 3 attempts"), e.getMessage());
    assertEquals(3, racer.get());
    assertEquals("raced 3\n", files(bare, head(bare, "main")).get("README.md"), "never forced");
  }

  @Test
  @DisplayName("dry run plans the commit and pushes nothing")
  void dryRunPushesNothing() throws Exception {
    MutationGuard guard = new MutationGuard(true);

    PublishResult result = publisher.publish(spec, TREE, CommitOptions.defaults(), guard);

    assertEquals(PublishResult.Outcome.PLANNED, result.outcome());
    assertEquals(3, result.added().size());
    assertNull(head(bare, "main"));
    assertEquals(1, guard.changes().size());
    assertTrue(
        guard.changes().get(0).description().contains("cfctl: update clusters/lab (3 added)"),
        guard.changes().get(0).description());
  }

  @Test
  @DisplayName(
      "readTree returns the owned folder at a branch or a commit; a missing branch is empty")
  void readTree() throws Exception {
    PublishResult first = publish(TREE);
    SortedMap<String, byte[]> changed = new java.util.TreeMap<>(TREE);
    changed.remove("root.yaml");
    publish(changed);

    TreeSnapshot atBranch = publisher.readTree(spec, null);
    TreeSnapshot atFirst = publisher.readTree(spec, first.commitId());
    TreeSnapshot missing = publisher.readTree(spec, "no-such-branch");

    assertEquals(changed.keySet(), atBranch.files().keySet());
    assertEquals(head(bare, "main").name(), atBranch.commitId());
    assertEquals(TREE.keySet(), atFirst.files().keySet());
    assertEquals(
        "kind: Application\nname: root\n",
        new String(atFirst.files().get("root.yaml"), StandardCharsets.UTF_8));
    assertTrue(missing.files().isEmpty());
    assertEquals("", missing.commitId());
  }

  @Test
  @DisplayName(
      "relation tells a descendant from the same commit, a forked history and an unknown commit")
  void relation() throws Exception {
    PublishResult first = publish(TREE);
    SortedMap<String, byte[]> changed = new java.util.TreeMap<>(TREE);
    changed.remove("root.yaml");
    String second = publish(changed).commitId();
    publisher.readTree(spec, null);

    assertEquals(CommitRelation.NEWER, publisher.relation(spec, first.commitId(), second));
    assertEquals(CommitRelation.SAME, publisher.relation(spec, second, second));
    assertEquals(CommitRelation.DIVERGED, publisher.relation(spec, second, first.commitId()));
    assertEquals(
        CommitRelation.UNKNOWN,
        publisher.relation(spec, "0123456789abcdef0123456789abcdef01234567", second));
    assertEquals(CommitRelation.UNKNOWN, publisher.relation(spec, first.commitId(), ""));
  }

  @Test
  @DisplayName("publishing to another branch creates it and leaves main alone")
  void publishToNewBranchOfExistingRepo() throws Exception {
    publish(TREE);
    ObjectId main = head(bare, "main");
    GitopsSpec.Repository review = new GitopsSpec.Repository(url(bare), "review", "clusters/lab");

    publisher.publish(review, TREE, CommitOptions.defaults(), new MutationGuard(false));

    assertEquals(main, head(bare, "main"));
    assertEquals(1, history(bare, "review").size());
  }

  @Test
  @DisplayName("a remote that does not exist is unreachable (exit 3), with the URL in the message")
  void missingRemoteIsUnreachable() {
    GitopsSpec.Repository nowhere =
        new GitopsSpec.Repository(
            tmp.resolve("nope.git").toUri().toString(), "main", "clusters/lab");

    UnreachableException e =
        assertThrows(
            UnreachableException.class,
            () ->
                publisher.publish(
                    nowhere, TREE, CommitOptions.defaults(), new MutationGuard(false)));

    assertTrue(e.getMessage().contains("nope.git"), e.getMessage());
  }

  @Test
  @DisplayName("an owned folder escaping the repository is invalid input and touches nothing")
  void badFolderIsInvalidInput() throws Exception {
    for (String path : List.of("../x", "/abs", ".git/hooks", "a//b", "")) {
      GitopsSpec.Repository bad = new GitopsSpec.Repository(url(bare), "main", path);
      assertThrows(
          InvalidInputException.class,
          () -> publisher.publish(bad, TREE, CommitOptions.defaults(), new MutationGuard(false)),
          path);
    }
    assertNull(head(bare, "main"));
  }
}

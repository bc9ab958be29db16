package io.clusterfactory.cfctl.core.gitops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;

/** Real bare repositories and a second writer for the Git tests. */
final class BareRepos {
  private BareRepos() {}

  static Path createBare(Path dir) throws Exception {
    Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call().close();
    return dir;
  }

  static String url(Path bare) {
    return bare.toUri().toString();
  }

  /** Another writer: clones, writes the files, commits and pushes (not force). */
  static ObjectId pushFromElsewhere(
      Path bare, Path workDir, String branch, Map<String, String> files) throws Exception {
    try (Git git =
        Git.cloneRepository()
            .setURI(url(bare))
            .setDirectory(workDir.toFile())
            .setBranch(branch)
            .call()) {
      if (git.getRepository().exactRef("refs/heads/" + branch) == null) {
        git.checkout().setOrphan(true).setName(branch).call();
      }
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = workDir.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue());
      }
      git.add().addFilepattern(".").call();
      RevCommit c =
          git.commit()
              .setMessage("someone else")
              .setAuthor("other", "other@example.org")
              .setCommitter("other", "other@example.org")
              .setSign(false)
              .call();
      git.push()
          .setRemote("origin")
          .setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch))
          .call()
          .forEach(
              r ->
                  r.getRemoteUpdates()
                      .forEach(
                          u -> {
                            if (u.getStatus()
                                != org.eclipse.jgit.transport.RemoteRefUpdate.Status.OK) {
                              throw new IllegalStateException("seed push failed: " + u.getStatus());
                            }
                          }));
      return c.getId();
    }
  }

  static ObjectId head(Path bare, String branch) throws IOException {
    try (Repository repo = Git.open(bare.toFile()).getRepository()) {
      Ref ref = repo.exactRef("refs/heads/" + branch);
      return ref == null ? null : ref.getObjectId();
    }
  }

  /** Commits from the head back to the root, newest first. */
  static List<RevCommit> history(Path bare, String branch) throws IOException {
    try (Repository repo = Git.open(bare.toFile()).getRepository();
        RevWalk walk = new RevWalk(repo)) {
      List<RevCommit> commits = new ArrayList<>();
      walk.markStart(walk.parseCommit(repo.exactRef("refs/heads/" + branch).getObjectId()));
      for (RevCommit c : walk) {
        commits.add(c);
      }
      return commits;
    }
  }

  /** Every file of a commit: path to content. */
  static SortedMap<String, String> files(Path bare, ObjectId commit) throws IOException {
    SortedMap<String, String> out = new TreeMap<>();
    try (Repository repo = Git.open(bare.toFile()).getRepository();
        RevWalk walk = new RevWalk(repo);
        org.eclipse.jgit.treewalk.TreeWalk tree = new org.eclipse.jgit.treewalk.TreeWalk(repo)) {
      tree.addTree(walk.parseCommit(commit).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        out.put(
            tree.getPathString(),
            new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  static SortedMap<String, byte[]> tree(String... pathAndContent) {
    SortedMap<String, byte[]> t = new TreeMap<>();
    for (int i = 0; i < pathAndContent.length; i += 2) {
      t.put(pathAndContent[i], pathAndContent[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return t;
  }
}

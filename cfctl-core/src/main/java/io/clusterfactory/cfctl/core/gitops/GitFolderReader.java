package io.clusterfactory.cfctl.core.gitops;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads a folder of someone else's Git repository at a revision (an Argo CD source's {@code
 * repoURL}, {@code targetRevision} and {@code path}): fetched into a bare cache with the
 * publisher's transports (SSH keys and known_hosts, the HTTPS token, one deadline per fetch), the
 * revision resolved as Argo CD does (a branch, else a tag, else a commit id; empty or {@code HEAD}
 * is the remote's default branch), the folder read from the commit's tree, with no working tree.
 *
 * <p>A revision that is a full commit id already in the cache is read without any network; every
 * other revision is fetched each time, so a branch that moved is read at its new commit.
 */
public final class GitFolderReader {
  private static final String TRACKING = "refs/remotes/origin/";
  private static final String REMOTE_HEAD = "refs/remotes/origin/HEAD";
  private static final Pattern FULL_ID = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern SHORT_ID = Pattern.compile("[0-9a-fA-F]{7,40}");

  private final Path cacheRoot;
  private final GitAuth auth;

  /**
   * @param cacheRoot where the bare clones are kept (one per URL)
   * @param auth SSH keys, known_hosts policy and HTTPS token
   */
  public GitFolderReader(Path cacheRoot, GitAuth auth) {
    this.cacheRoot = cacheRoot;
    this.auth = auth;
  }

  /**
   * The files under {@code folder} at {@code revision}.
   *
   * @param folder a path inside the repository ({@code .} or empty for its root)
   * @param deadline the fetch ends by it
   * @return the resolved commit and the folder's files, by path relative to the folder (empty when
   *     the folder does not exist at that commit)
   * @throws UnreachableException the remote cannot be reached in time or refuses the credentials
   * @throws InvalidInputException the revision names no branch, tag or commit of the remote
   */
  public TreeSnapshot read(String url, String revision, String folder, Instant deadline) {
    URIish uri = uri(url);
    String target = GitPublisher.redact(uri);
    String wanted = revision == null || revision.isBlank() ? "HEAD" : revision.trim();
    try (RepositoryCache cache = RepositoryCache.open(cacheRoot, url);
        Git git = Git.wrap(cache.repository())) {
      Repository repo = cache.repository();
      ObjectId commit = FULL_ID.matcher(wanted).matches() ? commitOf(repo, wanted) : null;
      if (commit == null) {
        fetch(git, uri, url, target, wanted, deadline);
        commit = resolve(repo, wanted);
      }
      if (commit == null) {
        throw new InvalidInputException(
            "revision " + wanted + " is no branch, tag or commit of " + target,
            "set targetRevision to a branch, a tag or a commit id of the repository");
      }
      return new TreeSnapshot(commit.name(), folder(repo, commit, clean(folder)));
    } catch (IOException e) {
      throw new OperationFailedException(
          "reading " + folder + " at " + wanted + " from " + target + ": " + e.getMessage(),
          "check that the cache directory " + cacheRoot + " is writable, or remove it",
          e);
    }
  }

  /**
   * One file at a commit already read by {@link #read} (no network): value files beside the chart.
   */
  public Optional<byte[]> file(String url, String commit, String path) {
    try (RepositoryCache cache = RepositoryCache.open(cacheRoot, url);
        RevWalk walk = new RevWalk(cache.repository());
        ObjectReader reader = cache.repository().newObjectReader()) {
      TreeWalk tree =
          TreeWalk.forPath(
              cache.repository(),
              reader,
              clean(path),
              walk.parseCommit(ObjectId.fromString(commit)).getTree());
      if (tree == null || tree.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
        return Optional.empty();
      }
      return Optional.of(reader.open(tree.getObjectId(0)).getBytes());
    } catch (IOException e) {
      throw new OperationFailedException(
          "reading " + path + " at " + commit + " from the Git cache: " + e.getMessage(), e);
    }
  }

  private void fetch(
      Git git, URIish uri, String url, String target, String wanted, Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new UnreachableException(
          target, "the run's deadline passed before " + target + " was fetched", null);
    }
    List<RefSpec> specs = new ArrayList<>();
    specs.add(new RefSpec("+refs/heads/*:" + TRACKING + "*"));
    specs.add(new RefSpec("+refs/tags/*:refs/tags/*"));
    if (wanted.equals("HEAD")) {
      specs.add(new RefSpec("+HEAD:" + REMOTE_HEAD));
    }
    GitTransports transports = new GitTransports(auth, left);
    try (transports) {
      transports.call(
          transports
              .configure(git.fetch(), uri)
              .setRemote(url)
              .setRefSpecs(specs)
              .setRemoveDeletedRefs(true)
              .setTagOpt(TagOpt.NO_TAGS));
    } catch (GitAPIException e) {
      if (e instanceof TransportException || e instanceof InvalidRemoteException) {
        String refusal = transports.hostKeyRefusal();
        throw new UnreachableException(
            target,
            "fetching from "
                + target
                + ": "
                + (refusal != null ? refusal : GitPublisher.rootMessage(e)),
            e);
      }
      throw new OperationFailedException(
          "fetching from " + target + ": " + GitPublisher.rootMessage(e), e);
    } catch (TimeoutException e) {
      throw new UnreachableException(
          target, "fetching from " + target + ": the remote did not finish in time", null);
    }
  }

  /** A branch first, then a tag (Argo CD's order), then a commit id (full or abbreviated). */
  private static ObjectId resolve(Repository repo, String wanted) throws IOException {
    if (wanted.equals("HEAD")) {
      return peeled(repo, REMOTE_HEAD);
    }
    String name = wanted;
    if (name.startsWith("refs/heads/")) {
      return peeled(repo, TRACKING + name.substring("refs/heads/".length()));
    }
    if (name.startsWith("refs/tags/")) {
      return peeled(repo, name);
    }
    ObjectId found = peeled(repo, TRACKING + name);
    if (found == null) {
      found = peeled(repo, "refs/tags/" + name);
    }
    if (found == null && SHORT_ID.matcher(name).matches()) {
      found = commitOf(repo, name);
    }
    return found;
  }

  private static ObjectId peeled(Repository repo, String ref) throws IOException {
    return repo.exactRef(ref) == null ? null : repo.resolve(ref + "^{commit}");
  }

  private static ObjectId commitOf(Repository repo, String id) throws IOException {
    try {
      ObjectId found = repo.resolve(id + "^{commit}");
      if (found != null) {
        try (RevWalk walk = new RevWalk(repo)) {
          walk.parseCommit(found);
        }
      }
      return found;
    } catch (RevisionSyntaxException | AmbiguousObjectException | MissingObjectException e) {
      return null;
    }
  }

  /**
   * A path inside a repository, normalised: {@code .}, {@code ./x/} and {@code x} alike, {@code
   * a/../b} is {@code b}; one that leaves the repository is {@link InvalidInputException}.
   */
  public static String clean(String folder) {
    String path = folder == null ? "" : folder.strip();
    List<String> parts = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (parts.isEmpty()) {
          throw new InvalidInputException(
              "path " + folder + " leaves the repository", "give a path inside the repository");
        }
        parts.remove(parts.size() - 1);
        continue;
      }
      parts.add(segment);
    }
    return String.join("/", parts);
  }

  private static URIish uri(String url) {
    try {
      return new URIish(url);
    } catch (URISyntaxException e) {
      throw new InvalidInputException(
          "'" + url + "' is not a Git URL: " + e.getReason(),
          "e.g. file:///srv/charts.git, ssh://git@host/org/charts.git, https://host/org/charts.git");
    }
  }

  /** The blobs under {@code folder} ({@code ""}: the whole tree) at {@code commit}. */
  private static SortedMap<String, byte[]> folder(Repository repo, ObjectId commit, String folder)
      throws IOException {
    if (!folder.isEmpty()) {
      return OwnedTree.read(repo, commit, folder);
    }
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (RevWalk walk = new RevWalk(repo);
        ObjectReader reader = repo.newObjectReader();
        TreeWalk tree = new TreeWalk(repo, reader)) {
      tree.addTree(walk.parseCommit(commit).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        if (tree.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
          files.put(tree.getPathString(), reader.open(tree.getObjectId(0)).getBytes());
        }
      }
    }
    return files;
  }
}

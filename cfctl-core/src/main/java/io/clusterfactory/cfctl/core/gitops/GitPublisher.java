package io.clusterfactory.cfctl.core.gitops;

import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.URIish;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a rendered tree to the GitOps repository: fetch into a cache, replace exactly the owned
 * folder, commit only when the tree changed, push without force, and when the remote moved
 * meanwhile (JGit reports that in the push result, not as an exception) fetch and re-apply on top
 * of the new head, a bounded number of times. The commit and push go through the {@link
 * MutationGuard}, so a dry run only plans them.
 */
public final class GitPublisher {
  private static final Logger logger = LoggerFactory.getLogger(GitPublisher.class);
  private static final String TRACKING = "refs/remotes/origin/";
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{7,40}");
  private static final int FILES_LISTED_IN_MESSAGE = 100;

  /** How long one fetch or push may take unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final Path cacheRoot;
  private final GitAuth auth;
  private final IntConsumer beforePush;
  private final Duration timeout;

  /**
   * @param cacheRoot where remotes are cached, see {@link #defaultCacheRoot}
   * @param auth SSH keys, known_hosts policy and HTTPS token
   */
  public GitPublisher(Path cacheRoot, GitAuth auth) {
    this(cacheRoot, auth, attempt -> {});
  }

  /** Tests use {@code beforePush} (called with the attempt number) to push from elsewhere. */
  GitPublisher(Path cacheRoot, GitAuth auth, IntConsumer beforePush) {
    this(cacheRoot, auth, beforePush, DEFAULT_TIMEOUT);
  }

  private GitPublisher(Path cacheRoot, GitAuth auth, IntConsumer beforePush, Duration timeout) {
    this.cacheRoot = cacheRoot;
    this.auth = auth;
    this.beforePush = beforePush;
    this.timeout = timeout;
  }

  /**
   * A publisher whose every network operation (each fetch, each push) ends within {@code limit},
   * whatever the remote does: connect, SSH handshake, HTTP answer and the transfer itself. A remote
   * that does not answer in time is an {@link UnreachableException} naming it.
   */
  public GitPublisher withTimeout(Duration limit) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + limit);
    }
    return new GitPublisher(cacheRoot, auth, beforePush, limit);
  }

  /** {@code ${XDG_CACHE_HOME:-~/.cache}/cfctl/git}. */
  public static Path defaultCacheRoot(Map<String, String> env, Path home) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg == null || xdg.isBlank() ? home.resolve(".cache") : Path.of(xdg);
    return base.resolve("cfctl").resolve("git");
  }

  /**
   * Publishes {@code files} as the whole content of the repository's owned folder.
   *
   * @param repository url, branch and owned folder (defaults already applied)
   * @param files rendered files by path relative to the owned folder ({@code RenderedTree})
   * @param options author, committer, message, push attempts
   * @param guard the run's mutation guard: in a dry run nothing is committed or pushed
   * @throws UnreachableException the remote cannot be reached or refuses the credentials/host key
   * @throws InvalidInputException the folder or a file path is not a clean relative path
   * @throws OperationFailedException the push was refused for another reason, or the remote kept
   *     moving for every attempt
   */
  public PublishResult publish(
      GitopsSpec.Repository repository,
      SortedMap<String, byte[]> files,
      CommitOptions options,
      MutationGuard guard) {
    String folder = folder(repository);
    files.keySet().forEach(GitPublisher::checkFilePath);
    URIish uri = uri(repository.url());
    String target = redact(uri);
    String branch = repository.branch();
    try (GitTransports transports = new GitTransports(auth, timeout);
        RepositoryCache cache = openCache(repository.url());
        Git git = Git.wrap(cache.repository())) {
      Remote remote = new Remote(git, transports, repository.url(), uri, target, branch);
      ObjectId base = remote.fetch();
      OwnedTree.Composition first = OwnedTree.compose(cache.repository(), base, folder, files);
      if (first.unchanged()) {
        logger.info("{}: {} on {} is up to date", target, folder, branch);
        return result(PublishResult.Outcome.UNCHANGED, base, branch, first, 0);
      }
      String message =
          options.message() != null ? options.message() : defaultMessage(folder, first);
      PublishResult planned = result(PublishResult.Outcome.PLANNED, null, branch, first, 0);
      String summary = message.lines().findFirst().orElse(message);
      return guard.mutate(
          target,
          "commit \"" + summary + "\" and push to " + branch,
          planned,
          () -> commitAndPush(remote, base, first, folder, files, options, message));
    } catch (IOException e) {
      throw new OperationFailedException(
          "updating the Git cache under " + cacheRoot + " for " + target + ": " + e.getMessage(),
          "check that the cache directory is writable, or remove it to start afresh",
          e);
    }
  }

  /**
   * The files under the owned folder at {@code ref}: a branch name or a commit id; null means the
   * repository's branch. A branch that does not exist yet gives an empty snapshot.
   */
  public TreeSnapshot readTree(GitopsSpec.Repository repository, String ref) {
    String folder = folder(repository);
    String wanted = ref == null || ref.isBlank() ? repository.branch() : ref.trim();
    URIish uri = uri(repository.url());
    String target = redact(uri);
    try (GitTransports transports = new GitTransports(auth, timeout);
        RepositoryCache cache = openCache(repository.url());
        Git git = Git.wrap(cache.repository())) {
      Remote remote = new Remote(git, transports, repository.url(), uri, target, wanted);
      remote.fetch();
      ObjectId commit = resolve(cache.repository(), wanted);
      if (commit == null) {
        if (HEX.matcher(wanted).matches()) {
          throw new InvalidInputException(
              "commit " + wanted + " not found in " + target,
              "give a branch name or a commit id that exists on the remote");
        }
        logger.warn(
            "{}: branch {} does not exist yet; comparing with an empty tree", target, wanted);
        return TreeSnapshot.empty();
      }
      return new TreeSnapshot(commit.name(), OwnedTree.read(cache.repository(), commit, folder));
    } catch (IOException e) {
      throw new OperationFailedException(
          "reading " + folder + " at " + wanted + " from " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * How {@code later} relates to {@code earlier} in the history last fetched into the cache (no
   * network: {@link #readTree} fetched it). {@link CommitRelation#UNKNOWN} when either commit is
   * not in the cache (another repository, or history rewritten since).
   */
  public CommitRelation relation(GitopsSpec.Repository repository, String earlier, String later) {
    if (earlier == null || earlier.isBlank() || later == null || later.isBlank()) {
      return CommitRelation.UNKNOWN;
    }
    if (earlier.equals(later)) {
      return CommitRelation.SAME;
    }
    try (RepositoryCache cache = openCache(repository.url());
        org.eclipse.jgit.revwalk.RevWalk walk =
            new org.eclipse.jgit.revwalk.RevWalk(cache.repository())) {
      ObjectId from = resolve(cache.repository(), earlier);
      ObjectId to = resolve(cache.repository(), later);
      if (from == null || to == null) {
        return CommitRelation.UNKNOWN;
      }
      if (from.equals(to)) {
        return CommitRelation.SAME;
      }
      return walk.isMergedInto(walk.parseCommit(from), walk.parseCommit(to))
          ? CommitRelation.NEWER
          : CommitRelation.DIVERGED;
    } catch (org.eclipse.jgit.errors.MissingObjectException e) {
      return CommitRelation.UNKNOWN;
    } catch (IOException e) {
      throw new OperationFailedException(
          "reading the history of " + redact(uri(repository.url())) + ": " + e.getMessage(), e);
    }
  }

  private RepositoryCache openCache(String url) throws IOException {
    return RepositoryCache.open(cacheRoot, url);
  }

  private PublishResult commitAndPush(
      Remote remote,
      ObjectId firstBase,
      OwnedTree.Composition firstComposition,
      String folder,
      SortedMap<String, byte[]> files,
      CommitOptions options,
      String firstMessage)
      throws IOException {
    Repository repo = remote.git.getRepository();
    ObjectId base = firstBase;
    OwnedTree.Composition composition = firstComposition;
    String message = firstMessage;
    for (int attempt = 1; ; attempt++) {
      ObjectId commit = commit(repo, base, composition.treeId(), options, message);
      beforePush.accept(attempt);
      RemoteRefUpdate update = remote.push(commit);
      switch (update.getStatus()) {
        case OK, UP_TO_DATE -> {
          logger.info(
              "{}: pushed {} to {}", remote.target, commit.abbreviate(12).name(), remote.branch);
          return result(
              PublishResult.Outcome.COMMITTED, commit, remote.branch, composition, attempt);
        }
        case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
          if (attempt >= options.maxAttempts()) {
            throw new OperationFailedException(
                "pushing to "
                    + remote.target
                    + " branch "
                    + remote.branch
                    + ": the remote moved again before each of "
                    + attempt
                    + " attempts",
                "another writer is pushing continuously; retry later (cfctl never force-pushes)",
                null);
          }
          logger.info(
              "{}: {} moved while publishing (attempt {}); fetching and re-applying on top",
              remote.target,
              remote.branch,
              attempt);
          base = remote.fetch();
          composition = OwnedTree.compose(repo, base, folder, files);
          if (composition.unchanged()) {
            logger.info("{}: the new head already has this tree; nothing to commit", remote.target);
            return result(
                PublishResult.Outcome.UNCHANGED, base, remote.branch, composition, attempt);
          }
          if (options.message() == null) {
            message = defaultMessage(folder, composition);
          }
        }
        default ->
            throw new OperationFailedException(
                "pushing to "
                    + remote.target
                    + " branch "
                    + remote.branch
                    + " was refused: "
                    + update.getStatus()
                    + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"),
                "check the branch protection rules and that the credentials may push",
                null);
      }
    }
  }

  private static ObjectId commit(
      Repository repo, ObjectId parent, ObjectId tree, CommitOptions options, String message)
      throws IOException {
    Instant now = Instant.now();
    CommitBuilder builder = new CommitBuilder();
    builder.setTreeId(tree);
    if (parent != null) {
      builder.setParentId(parent);
    }
    builder.setAuthor(
        new PersonIdent(options.authorName(), options.authorEmail(), now, ZoneOffset.UTC));
    builder.setCommitter(
        new PersonIdent(options.committerName(), options.committerEmail(), now, ZoneOffset.UTC));
    builder.setMessage(message.endsWith("\n") ? message : message + "\n");
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId id = inserter.insert(builder);
      inserter.flush();
      return id;
    }
  }

  /** "cfctl: update clusters/lab (3 added, 1 changed)", then one line per file. */
  static String defaultMessage(String folder, OwnedTree.Composition c) {
    List<String> counts = new ArrayList<>();
    if (!c.added().isEmpty()) {
      counts.add(c.added().size() + " added");
    }
    if (!c.changed().isEmpty()) {
      counts.add(c.changed().size() + " changed");
    }
    if (!c.removed().isEmpty()) {
      counts.add(c.removed().size() + " removed");
    }
    StringBuilder sb = new StringBuilder("cfctl: update ").append(folder);
    sb.append(" (").append(String.join(", ", counts)).append(")\n\n");
    List<String> lines = new ArrayList<>();
    c.added().forEach(p -> lines.add("added:   " + p));
    c.changed().forEach(p -> lines.add("changed: " + p));
    c.removed().forEach(p -> lines.add("removed: " + p));
    lines.stream().limit(FILES_LISTED_IN_MESSAGE).forEach(line -> sb.append(line).append('\n'));
    if (lines.size() > FILES_LISTED_IN_MESSAGE) {
      sb.append("... and ").append(lines.size() - FILES_LISTED_IN_MESSAGE).append(" more\n");
    }
    return sb.toString();
  }

  private static PublishResult result(
      PublishResult.Outcome outcome,
      ObjectId commit,
      String branch,
      OwnedTree.Composition c,
      int attempts) {
    boolean unchanged = outcome == PublishResult.Outcome.UNCHANGED;
    return new PublishResult(
        outcome,
        commit == null ? "" : commit.name(),
        branch,
        unchanged ? List.of() : c.added(),
        unchanged ? List.of() : c.changed(),
        unchanged ? List.of() : c.removed(),
        attempts);
  }

  private static ObjectId resolve(Repository repo, String ref) throws IOException {
    String branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
    Ref tracking = repo.exactRef(TRACKING + branch);
    if (tracking != null) {
      return tracking.getObjectId();
    }
    if (HEX.matcher(ref).matches()) {
      try {
        return repo.resolve(ref + "^{commit}");
      } catch (org.eclipse.jgit.errors.RevisionSyntaxException
          | org.eclipse.jgit.errors.AmbiguousObjectException e) {
        return null;
      }
    }
    return null;
  }

  /** The owned folder, normalised (no trailing slash) and checked. */
  public static String ownedFolder(GitopsSpec.Repository repository) {
    return folder(repository);
  }

  /** The repository URL without a password, for output. */
  public static String displayUrl(String url) {
    return redact(uri(url));
  }

  /** The owned folder, checked: relative, normalised, inside the repository. */
  static String folder(GitopsSpec.Repository repository) {
    if (repository == null || repository.url() == null || repository.url().isBlank()) {
      throw new InvalidInputException(
          "spec.gitops.repository.url: must be set to publish", "e.g. file:///srv/gitops.git");
    }
    String path = repository.path() == null ? "" : repository.path().strip();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.isEmpty() || !cleanRelative(path)) {
      throw new InvalidInputException(
          "spec.gitops.repository.path: '"
              + repository.path()
              + "' is not a folder inside the repository",
          "use a relative path such as clusters/lab (no '..', no leading '/', not .git)");
    }
    if (repository.branch() == null || repository.branch().isBlank()) {
      throw new InvalidInputException("spec.gitops.repository.branch: must be set");
    }
    return path;
  }

  private static void checkFilePath(String path) {
    if (!cleanRelative(path)) {
      throw new InvalidInputException(
          "rendered file '" + path + "' has no clean relative path",
          "this is a renderer bug if the config is valid");
    }
  }

  private static boolean cleanRelative(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("\\")) {
      return false;
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()
          || segment.equals(".")
          || segment.equals("..")
          || segment.equalsIgnoreCase(".git")) {
        return false;
      }
    }
    return true;
  }

  static URIish uri(String url) {
    try {
      return new URIish(url);
    } catch (URISyntaxException e) {
      throw new InvalidInputException(
          "spec.gitops.repository.url: '" + url + "' is not a Git URL: " + e.getReason(),
          "e.g. file:///srv/gitops.git, ssh://git@host/org/infra.git, https://host/org/infra.git");
    }
  }

  /** The URL without a password, for messages and logs. */
  static String redact(URIish uri) {
    return uri.setPass(null).toString();
  }

  /** One remote for one operation: fetch and push with its transports, errors mapped. */
  private static final class Remote {
    private final Git git;
    private final GitTransports transports;
    // as configured: URIish.toString() would drop a password embedded in the URL
    private final String url;
    private final URIish uri;
    private final String target;
    private final String branch;

    Remote(
        Git git, GitTransports transports, String url, URIish uri, String target, String branch) {
      this.git = git;
      this.transports = transports;
      this.url = url;
      this.uri = uri;
      this.target = target;
      this.branch = branch;
    }

    /** Fetches every branch; returns the head of {@link #branch}, null when it does not exist. */
    ObjectId fetch() throws IOException {
      try {
        transports.call(
            transports
                .configure(git.fetch(), uri)
                .setRemote(url)
                .setRefSpecs(new RefSpec("+refs/heads/*:" + TRACKING + "*"))
                .setRemoveDeletedRefs(true)
                .setTagOpt(TagOpt.NO_TAGS));
      } catch (GitAPIException e) {
        throw failure("fetching from", e);
      } catch (TimeoutException e) {
        throw deadlinePassed("fetching from");
      }
      Ref ref = git.getRepository().exactRef(TRACKING + branch);
      return ref == null ? null : ref.getObjectId();
    }

    RemoteRefUpdate push(ObjectId commit) {
      Iterable<PushResult> results;
      try {
        results =
            transports.call(
                transports
                    .configure(git.push(), uri)
                    .setRemote(url)
                    .setRefSpecs(new RefSpec(commit.name() + ":refs/heads/" + branch))
                    .setForce(false));
      } catch (GitAPIException e) {
        throw failure("pushing to", e);
      } catch (TimeoutException e) {
        throw deadlinePassed("pushing to");
      }
      for (PushResult result : results) {
        RemoteRefUpdate update = result.getRemoteUpdate("refs/heads/" + branch);
        if (update != null) {
          return update;
        }
      }
      throw new OperationFailedException(
          "pushing to " + target + ": the remote reported nothing for branch " + branch);
    }

    private UnreachableException deadlinePassed(String doing) {
      String limit =
          transports.timeout().toMillis() % 1000 == 0
              ? transports.timeout().toSeconds() + "s"
              : transports.timeout().toMillis() + "ms";
      return new UnreachableException(
          target,
          doing + " " + target + ": the remote did not finish within " + limit,
          hint(),
          null);
    }

    private CfctlException failure(String doing, GitAPIException e) {
      if (e instanceof TransportException || e instanceof InvalidRemoteException) {
        String refusal = transports.hostKeyRefusal();
        String reason = refusal != null ? refusal : rootMessage(e);
        return new UnreachableException(target, doing + " " + target + ": " + reason, hint(), e);
      }
      return new OperationFailedException(doing + " " + target + ": " + rootMessage(e), e);
    }

    private String hint() {
      // scp-like user@host:path has no scheme but a host
      String scheme =
          uri.getScheme() != null ? uri.getScheme() : uri.getHost() != null ? "ssh" : "file";
      return switch (scheme) {
        case "ssh" ->
            "check the address, that one of your keys is authorised on the server, and its"
                + " entry in known_hosts";
        case "http", "https" ->
            "check the URL; for a private repository set "
                + String.join(" or ", GitAuth.TOKEN_VARIABLES);
        default -> "check that the path exists and is a Git repository (git init --bare)";
      };
    }
  }

  static String rootMessage(Throwable e) {
    String message = e.getMessage();
    Throwable cause = e.getCause();
    while (cause != null) {
      if (cause.getMessage() != null
          && (message == null || !message.contains(cause.getMessage()))) {
        message = message == null ? cause.getMessage() : message + ": " + cause.getMessage();
      }
      cause = cause.getCause();
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }
}

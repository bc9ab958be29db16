package io.clusterfactory.cfctl.core.gitops;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bare clone of one remote under the cache root, named by a hash of the URL, held under a lock so
 * two cfctl runs (or threads) never update it at once. It has no working tree: trees are built in
 * memory. A cache that cannot be opened is rebuilt; it only ever holds fetched data.
 */
final class RepositoryCache implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(RepositoryCache.class);
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final Repository repository;
  private final ReentrantLock threadLock;
  private final FileChannel lockChannel;
  private final FileLock fileLock;

  private RepositoryCache(
      Repository repository, ReentrantLock threadLock, FileChannel lockChannel, FileLock fileLock) {
    this.repository = repository;
    this.threadLock = threadLock;
    this.lockChannel = lockChannel;
    this.fileLock = fileLock;
  }

  static Path directoryFor(Path cacheRoot, String url) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return cacheRoot.resolve(HexFormat.of().formatHex(hash, 0, 8) + ".git");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  static RepositoryCache open(Path cacheRoot, String url) throws IOException {
    Path dir = directoryFor(cacheRoot, url).toAbsolutePath().normalize();
    Files.createDirectories(cacheRoot);
    ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(dir, d -> new ReentrantLock());
    threadLock.lock();
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              dir.resolveSibling(dir.getFileName() + ".lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock lock = channel.lock();
      Repository repo = openOrCreate(dir, url);
      return new RepositoryCache(repo, threadLock, channel, lock);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      threadLock.unlock();
      throw e;
    }
  }

  private static Repository openOrCreate(Path dir, String url) throws IOException {
    if (Files.isDirectory(dir)) {
      try {
        Repository repo =
            new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
        if (repo.getObjectDatabase().exists()) {
          return repo;
        }
        repo.close();
      } catch (IOException | RuntimeException e) {
        logger.warn("Git cache {} is unusable ({}); rebuilding it", dir, e.getMessage());
      }
      deleteRecursively(dir);
    }
    Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
    repo.create(true);
    // for people looking into the cache; never with a password
    repo.getConfig().setString("cfctl", null, "url", GitPublisher.displayUrl(url));
    repo.getConfig().save();
    logger.debug("created Git cache {} for {}", dir, url);
    return repo;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  Repository repository() {
    return repository;
  }

  @Override
  public void close() {
    repository.close();
    try {
      fileLock.release();
      lockChannel.close();
    } catch (IOException e) {
      logger.debug("releasing the Git cache lock: {}", e.toString());
    } finally {
      threadLock.unlock();
    }
  }
}

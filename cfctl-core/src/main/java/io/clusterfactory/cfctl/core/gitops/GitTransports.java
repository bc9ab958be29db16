package io.clusterfactory.cfctl.core.gitops;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jgit.api.GitCommand;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Configures JGit commands for one remote: SSH through Apache MINA sshd with cfctl's keys and
 * known_hosts checking, HTTPS with the token, and a deadline for each network operation. Closing it
 * releases the SSH client.
 *
 * <p>JGit's own timeout ({@link TransportCommand#setTimeout}) bounds the TCP connect, the SSH
 * session's connect and authentication, and each read: a server that trickles a byte at a time
 * defeats a per-read timeout, so {@link #call} also runs the whole operation under one deadline and
 * closes the transport when it passes.
 */
final class GitTransports implements AutoCloseable {
  private static final ExecutorService WORKERS =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "git-transport");
            thread.setDaemon(true);
            return thread;
          });

  private final GitAuth auth;
  private final Duration timeout;
  private final KnownHostsDatabase hostKeys;
  private final List<Transport> open = new CopyOnWriteArrayList<>();
  private SshdSessionFactory sshFactory;

  GitTransports(GitAuth auth, Duration timeout) {
    this.auth = auth;
    this.timeout = timeout;
    this.hostKeys = new KnownHostsDatabase(auth.knownHosts(), auth.hostKeyPolicy());
  }

  /**
   * Runs a configured command by the deadline.
   *
   * @throws TimeoutException when the deadline passed (the transport has been closed)
   */
  <T> T call(GitCommand<T> command) throws GitAPIException, TimeoutException {
    Future<T> running = WORKERS.submit(command::call);
    try {
      return running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      running.cancel(true);
      for (Transport transport : open) {
        try {
          transport.close();
        } catch (RuntimeException ignored) {
          // the operation is being abandoned
        }
      }
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof GitAPIException git) {
        throw git;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      running.cancel(true);
      Thread.currentThread().interrupt();
      throw new OperationFailedException("interrupted while talking to the Git remote", e);
    }
  }

  /** The deadline of each network operation. */
  Duration timeout() {
    return timeout;
  }

  /** Why the last SSH host key was refused, or null. */
  String hostKeyRefusal() {
    return hostKeys.lastRefusal();
  }

  <C extends TransportCommand<C, ?>> C configure(C command, URIish uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    if ((scheme.equals("https") || scheme.equals("http")) && auth.httpsToken() != null) {
      command.setCredentialsProvider(
          new UsernamePasswordCredentialsProvider(
              auth.tokenUserFor(uri.getHost()), auth.httpsToken()));
    }
    // JGit counts in whole seconds; 0 would mean no timeout at all
    command.setTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
    command.setTransportConfigCallback(
        transport -> {
          open.add(transport);
          if (transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(sshFactory());
          }
        });
    return command;
  }

  private synchronized SshdSessionFactory sshFactory() {
    if (sshFactory == null) {
      File sshDir = auth.sshDirectory().toFile();
      List<Path> keys = auth.identityFiles().stream().filter(Files::isRegularFile).toList();
      sshFactory =
          new SshdSessionFactoryBuilder()
              .setHomeDirectory(sshDir.getAbsoluteFile().getParentFile())
              .setSshDirectory(sshDir)
              .setDefaultIdentities(dir -> keys)
              .setDefaultKnownHostsFiles(dir -> List.of(auth.knownHosts()))
              .setServerKeyDatabase((home, dir) -> hostKeys)
              .setPreferredAuthentications("publickey")
              .build(new JGitKeyCache());
    }
    return sshFactory;
  }

  @Override
  public synchronized void close() {
    if (sshFactory != null) {
      sshFactory.close();
      sshFactory = null;
    }
  }
}

package io.clusterfactory.cfctl.k0s.ssh;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.transport.cipher.Cipher;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RemoteHost} over one SSH connection (sshj). Open it with {@link
 * #connect(ConnectionSpec)}; commands run on channels of that connection, several at a time.
 *
 * <p>Authentication: the key file of {@code ssh.keyPath}; without it, ~/.ssh/id_ed25519 and
 * ~/.ssh/id_rsa, then the keys of the ssh-agent at {@code SSH_AUTH_SOCK} ({@link SshAgent}: sshj
 * has no agent client of its own).
 *
 * <p>Failure to connect is an {@link UnreachableException} (exit 3) naming {@code user@host:port}
 * and the cause. That includes a refused key ("authentication failed"): the config is well formed,
 * and from the client side a wrong key cannot be told from a host whose authorized_keys is not set
 * up yet, so it is reported as the host being out of reach rather than as invalid input. A refused
 * host key is the subclass {@link HostKeyRejectedException}.
 */
public final class SshRemoteHost extends ShellHost {
  private static final Logger logger = LoggerFactory.getLogger(SshRemoteHost.class);

  /** OpenSSH's default MaxSessions is 10: stay below it on one connection. */
  private static final int MAX_PARALLEL_CHANNELS = 8;

  /** Opens channels, so that a command's deadline bounds the wait for the host's answers. */
  private static final ExecutorService OPENER =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "ssh-open-channel");
            thread.setDaemon(true);
            return thread;
          });

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(4);
  private static final int MAX_KEEPALIVE_SECONDS = 10;
  private static final long OUTPUT_DRAIN_MILLIS = 5_000;

  /** The shortest handshake deadline an attempt gets, even on the last sliver of the window. */
  private static final long MIN_HANDSHAKE_MILLIS = 1_000;

  private final ConnectionSpec spec;
  private final Link link;
  private final SSHClient client;
  private final Link bastion;
  private final Semaphore channels = new Semaphore(MAX_PARALLEL_CHANNELS);

  /** One SSH connection and the watchdog that drops it when the host stops answering. */
  private record Link(SSHClient client, ConnectionWatchdog watchdog) {
    void close() {
      watchdog.close();
      closeQuietly(client);
    }
  }

  private SshRemoteHost(ConnectionSpec spec, Link link, Link bastion) {
    this.spec = spec;
    this.link = link;
    this.client = link.client();
    this.bastion = bastion;
  }

  /**
   * Connects and authenticates, retrying network failures at most {@code spec.retries()} times and
   * within {@code spec.retryWindow()}. A refused host key or login is not retried.
   *
   * @throws HostKeyRejectedException when the host key is refused
   * @throws UnreachableException when the host (or its bastion) cannot be reached or refuses the
   *     login
   * @throws InvalidInputException when a key file is missing or unreadable
   */
  public static SshRemoteHost connect(ConnectionSpec spec) {
    List<Path> keys = keyFiles(spec);
    Link bastion = null;
    if (spec.bastion() != null) {
      bastion = connectWithRetries(spec.bastion(), keyFiles(spec.bastion()), null);
    }
    try {
      Link link = connectWithRetries(spec, keys, bastion == null ? null : bastion.client());
      logger.debug("{}: connected", spec.target());
      return new SshRemoteHost(spec, link, bastion);
    } catch (RuntimeException e) {
      if (bastion != null) {
        bastion.close();
      }
      throw e;
    }
  }

  /** The known_hosts used when none is configured: {@code $SSH_KNOWN_HOSTS} or the home's. */
  public static Path defaultKnownHosts() {
    String fromEnvironment = System.getenv("SSH_KNOWN_HOSTS");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Path.of(fromEnvironment);
    }
    return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
  }

  private static List<Path> keyFiles(ConnectionSpec spec) {
    if (spec.keyPath() != null) {
      if (!Files.isReadable(spec.keyPath())) {
        throw new InvalidInputException(
            spec.target()
                + ": SSH key file "
                + spec.keyPath()
                + " does not exist or is not readable",
            "set ssh.keyPath to a private key file in OpenSSH or PEM format");
      }
      return List.of(spec.keyPath());
    }
    Path sshFolder = Path.of(System.getProperty("user.home"), ".ssh");
    List<Path> found = new ArrayList<>();
    for (String name : List.of("id_ed25519", "id_rsa")) {
      Path candidate = sshFolder.resolve(name);
      if (Files.isReadable(candidate)) {
        found.add(candidate);
      }
    }
    if (found.isEmpty() && SshAgent.fromEnvironment().isEmpty()) {
      throw new InvalidInputException(
          spec.target()
              + ": no SSH key: ssh.keyPath is not set and neither "
              + sshFolder.resolve("id_ed25519")
              + " nor "
              + sshFolder.resolve("id_rsa")
              + " exists",
          "set ssh.keyPath for this host");
    }
    return found;
  }

  private static Link connectWithRetries(ConnectionSpec spec, List<Path> keys, SSHClient via) {
    long deadline = System.nanoTime() + spec.retryWindow().toNanos();
    Duration backoff = FIRST_BACKOFF;
    IOException last = null;
    String lastVerdict = null;
    int attempts = 0;
    long started = System.nanoTime();
    while (true) {
      attempts++;
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      int timeoutMillis =
          (int) Math.max(1, Math.min(spec.connectTimeout().toMillis(), remainingMillis));
      HostKeyCheck hostKeys =
          new HostKeyCheck(
              spec.target(),
              spec.hostKey(),
              spec.knownHostsPath() != null ? spec.knownHostsPath() : defaultKnownHosts(),
              spec.acceptNewHostKeys());
      // banner, key exchange and authentication together; sshj bounds each read of the banner
      // at most (a trickling host defeats that) and the key exchange not at all on a tunnel
      Duration handshake =
          Duration.ofMillis(
              Math.max(
                  MIN_HANDSHAKE_MILLIS, Math.min(spec.sshTimeout().toMillis(), remainingMillis)));
      ConnectionWatchdog watchdog = new ConnectionWatchdog(spec.target());
      // sshj's own waits end a little after the watchdog, whose message says what was awaited
      SSHClient client =
          newClient(timeoutMillis, (int) handshake.toMillis() + 2_000, spec, hostKeys, watchdog);
      AtomicBoolean authenticating = new AtomicBoolean();
      watchdog.handshake(
          handshake,
          () ->
              !bannerReceived(client)
                  ? "SSH banner"
                  : authenticating.get() ? "answer to authentication" : "end of key exchange");
      try {
        openTransport(client, spec, via, watchdog);
        authenticating.set(true);
        authenticate(client, spec, keys);
        watchdog.established(spec.sshTimeout());
        // the last attempt may have had only a sliver of the window; later requests get it all,
        // and a little more than the watchdog's silence rule, whose message says what happened
        int steady = (int) spec.sshTimeout().toMillis() + 2_000;
        client.getTransport().setTimeoutMs(steady);
        client.getConnection().setTimeoutMs(steady);
        return new Link(client, watchdog);
      } catch (UserAuthException e) {
        watchdog.close();
        closeQuietly(client);
        if (watchdog.verdict() != null) {
          // the host stopped answering during authentication: a network failure, retried
          last = e;
          lastVerdict = watchdog.verdict();
          if (!retryAfter(spec, attempts, backoff, deadline, last)) {
            break;
          }
          sleep(backoff);
          backoff = next(backoff);
          continue;
        }
        throw new UnreachableException(
            spec.target(),
            spec.target() + ": authentication failed with key " + describe(keys) + ": " + reason(e),
            "check ssh.user and ssh.keyPath, and that the public key is in ~"
                + spec.user()
                + "/.ssh/authorized_keys on the host",
            e);
      } catch (IOException e) {
        watchdog.close();
        closeQuietly(client);
        if (hostKeys.rejection() != null) {
          throw hostKeys.rejection();
        }
        last = e;
        lastVerdict = watchdog.verdict();
      } catch (RuntimeException e) {
        watchdog.close();
        closeQuietly(client);
        throw e;
      }
      if (!retryAfter(spec, attempts, backoff, deadline, last)) {
        break;
      }
      sleep(backoff);
      backoff = next(backoff);
    }
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    String through = via != null ? " (through bastion " + spec.bastion().target() + ")" : "";
    String what =
        lastVerdict != null
            ? lastVerdict.substring(spec.target().length() + 2)
            : "cannot connect: " + reason(last);
    throw new UnreachableException(
        spec.target(),
        spec.target()
            + through
            + ": "
            + what
            + " ("
            + attempts
            + (attempts == 1 ? " attempt" : " attempts")
            + " in "
            + String.format(Locale.ROOT, "%.1f", elapsedMillis / 1000.0)
            + " s)",
        "check that the host is up, that sshd listens on port "
            + spec.port()
            + " and that nothing blocks it",
        last);
  }

  /** sshj's banner accessor throws while the banner is half read. */
  private static boolean bannerReceived(SSHClient client) {
    try {
      return client.getTransport().getServerVersion() != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Whether another attempt fits: retries left and time for the backoff in the window. */
  private static boolean retryAfter(
      ConnectionSpec spec, int attempts, Duration backoff, long deadline, IOException last) {
    if (attempts > spec.retries() || System.nanoTime() + backoff.toNanos() >= deadline) {
      return false;
    }
    logger.debug(
        "{}: connect attempt {} failed ({}), retrying in {} ms",
        spec.target(),
        attempts,
        reason(last),
        backoff.toMillis());
    return true;
  }

  private static Duration next(Duration backoff) {
    return backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
        ? MAX_BACKOFF
        : backoff.multipliedBy(2);
  }

  /**
   * A keepalive often enough that a live host answers several times within {@code sshTimeout}: the
   * watchdog reads a longer silence as a host that stopped answering.
   */
  static int keepAliveSeconds(Duration sshTimeout) {
    return (int) Math.max(1, Math.min(MAX_KEEPALIVE_SECONDS, sshTimeout.toSeconds() / 3));
  }

  private static SSHClient newClient(
      int connectMillis,
      int requestMillis,
      ConnectionSpec spec,
      HostKeyCheck hostKeys,
      ConnectionWatchdog watchdog) {
    DefaultConfig config = new DefaultConfig();
    // KEEP_ALIVE (unlike the default heartbeat) drops a connection whose host stopped answering
    config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    preferFastCiphers(config);
    SSHClient client = new SSHClient(config);
    client.setConnectTimeout(connectMillis);
    // many small commands: without TCP_NODELAY, Nagle plus delayed ACKs add ~40 ms per exchange
    client.setSocketFactory(new NoDelaySocketFactory(watchdog::newSocket));
    client.getTransport().setTimeoutMs(requestMillis);
    // bounds channel opens too, e.g. the tunnel a bastion opens to its target
    client.getConnection().setTimeoutMs(requestMillis);
    int interval = keepAliveSeconds(spec.sshTimeout());
    client.getConnection().getKeepAlive().setKeepAliveInterval(interval);
    if (client.getConnection().getKeepAlive() instanceof KeepAliveRunner runner) {
      // on a tunnel (no socket to watch) sshj's count of unanswered keepalives is the bound
      runner.setMaxAliveCount(
          (int) Math.max(2, (spec.sshTimeout().toSeconds() + interval - 1) / interval + 1));
    }
    client.addHostKeyVerifier(hostKeys);
    return client;
  }

  /**
   * AES-GCM first: the JDK runs AES with AES-NI instructions, while sshj's default
   * chacha20-poly1305 is pure Java; uploads of a 100 MB binary to many hosts are cipher-bound.
   */
  private static void preferFastCiphers(DefaultConfig config) {
    List<String> preferred =
        List.of("aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes256-ctr");
    List<Factory.Named<Cipher>> ciphers = new ArrayList<>(config.getCipherFactories());
    ciphers.sort(
        Comparator.comparingInt(
            factory -> {
              int rank = preferred.indexOf(factory.getName());
              return rank < 0 ? preferred.size() : rank;
            }));
    config.setCipherFactories(ciphers);
  }

  private static void openTransport(
      SSHClient client, ConnectionSpec spec, SSHClient via, ConnectionWatchdog watchdog)
      throws IOException {
    try {
      if (via == null) {
        client.connect(spec.address(), spec.port());
      } else {
        DirectConnection tunnel = via.newDirectConnection(spec.address(), spec.port());
        watchdog.watch(tunnel);
        client.connectVia(tunnel);
      }
    } catch (IllegalStateException e) {
      // sshj's "Not connected": the transport died (reset, EOF) between banner and key exchange
      throw new IOException("the host closed the connection during the key exchange");
    }
  }

  private static void authenticate(SSHClient client, ConnectionSpec spec, List<Path> keys)
      throws IOException {
    List<AuthMethod> methods = new ArrayList<>();
    for (Path key : keys) {
      methods.add(new AuthPublickey(loadKey(client, spec, key)));
    }
    // Without an explicit key, the agent's keys come after the default key files, as ssh does.
    if (spec.keyPath() == null) {
      var agent = SshAgent.fromEnvironment();
      if (agent.isPresent()) {
        for (SshAgent.Identity id : agent.get().identities()) {
          methods.add(new AgentAuthMethod(agent.get(), id));
        }
      }
    }
    if (methods.isEmpty()) {
      throw new InvalidInputException(
          spec.target() + ": no SSH key: no key file and ssh-agent holds no key",
          "set ssh.keyPath, or add a key to the agent with ssh-add");
    }
    client.auth(spec.user(), methods);
  }

  /**
   * Loads and decodes a key file up front, so a bad or passphrase-protected key is reported as such
   * (exit 2) instead of as a refused login.
   */
  private static KeyProvider loadKey(SSHClient client, ConnectionSpec spec, Path key) {
    AtomicBoolean askedForPassphrase = new AtomicBoolean();
    PasswordFinder noPassphrase =
        new PasswordFinder() {
          @Override
          public char[] reqPassword(Resource<?> resource) {
            askedForPassphrase.set(true);
            return null;
          }

          @Override
          public boolean shouldRetry(Resource<?> resource) {
            return false;
          }
        };
    try {
      KeyProvider provider = client.loadKeys(key.toString(), noPassphrase);
      provider.getPrivate();
      return provider;
    } catch (IOException | RuntimeException e) {
      if (askedForPassphrase.get()) {
        throw new InvalidInputException(
            spec.target() + ": SSH key " + key + " is protected by a passphrase",
            "cfctl cannot ask for a passphrase: load the key into ssh-agent (ssh-add) and leave"
                + " ssh.keyPath unset, or use a key without one",
            e);
      }
      throw new InvalidInputException(
          spec.target() + ": cannot read SSH key " + key + ": " + reason(e),
          "use an unencrypted private key in OpenSSH or PEM format",
          e);
    }
  }

  private static String describe(List<Path> keys) {
    return keys.size() == 1 ? keys.get(0).toString() : keys.toString();
  }

  /** The innermost useful message: "No route to host", "Connection refused", "timed out". */
  static String reason(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof SocketTimeoutException) {
      return "timed out";
    }
    if (root instanceof UnknownHostException) {
      return "unknown host " + root.getMessage();
    }
    if (root instanceof NoRouteToHostException || root instanceof ConnectException) {
      String message = root.getMessage();
      return message == null
          ? root.getClass().getSimpleName()
          : message.replaceFirst(" \\(.*\\)$", "");
    }
    String message = root.getMessage();
    if (message == null || message.isBlank()) {
      message = error.getMessage() != null ? error.getMessage() : root.getClass().getSimpleName();
    }
    return message;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException("interrupted while waiting to reconnect", e);
    }
  }

  @Override
  public String name() {
    return spec.target();
  }

  @Override
  protected String user() {
    return spec.user();
  }

  /** What this host was connected with. */
  public ConnectionSpec spec() {
    return spec;
  }

  /**
   * Over SFTP into a 0600 local file. SFTP reads as the login user, who cannot read root's files: a
   * login user other than root gets the file through sudo and the command's output instead.
   */
  @Override
  public void download(String remotePath, Path local) {
    if (!isRoot()) {
      RemoteHost.downloadThroughShell(this, remotePath, local);
      return;
    }
    LocalFiles.createOwnerOnly(local);
    try {
      channels.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException(
          name() + ": interrupted before downloading " + remotePath, e);
    }
    try (net.schmizz.sshj.sftp.SFTPClient sftp = client.newSFTPClient()) {
      // the local file keeps its 0600: the remote file's mode is not copied
      sftp.getFileTransfer().setPreserveAttributes(false);
      sftp.getFileTransfer()
          .download(remotePath, new net.schmizz.sshj.xfer.FileSystemFile(local.toFile()));
    } catch (IOException e) {
      if (!client.isConnected()) {
        throw connectionLost("sftp get " + remotePath, e);
      }
      throw new OperationFailedException(
          name() + ": downloading " + remotePath + " over SFTP: " + e.getMessage(), e);
    } finally {
      channels.release();
    }
  }

  @Override
  protected ExecResult run(String command, InputStream stdin, Duration timeout, String logged) {
    try {
      channels.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException(name() + ": interrupted before running: " + logged, e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Session session = null;
    boolean closeInBackground = false;
    try {
      if (!client.isConnected()) {
        throw connectionLost(logged, null);
      }
      Started started = start(command, deadline);
      if (started == null) {
        throw timedOut(logged, timeout);
      }
      session = started.session();
      Session.Command running = started.running();
      StreamPump pump =
          new StreamPump(
              "ssh-" + spec.address(),
              stdin,
              running.getOutputStream(),
              running.getInputStream(),
              running.getErrorStream());
      if (!awaitClose(running, deadline)) {
        pump.abandon();
        abandon(running);
        // sshd keeps the channel until the command's processes end; do not wait for that here
        closeInBackground = true;
        throw timedOut(logged, timeout);
      }
      pump.finish(OUTPUT_DRAIN_MILLIS);
      Integer status = running.getExitStatus();
      if (status == null) {
        // neither an exit status nor a signal: the channel closed because the connection died
        // (sshj may not have marked the transport dead yet)
        if (!client.isConnected()
            || link.watchdog().verdict() != null
            || running.getExitSignal() == null) {
          throw connectionLost(logged, null);
        }
        return new ExecResult(
            -1,
            pump.stdout(),
            pump.stderr() + "\n(killed by signal " + running.getExitSignal().name() + ")");
      }
      return new ExecResult(status, pump.stdout(), pump.stderr());
    } catch (OpenFailException e) {
      throw new OperationFailedException(
          name() + ": the host refused a new session for " + logged + ": " + reason(e), e);
    } catch (IOException e) {
      // a command that fails is an exit code; an exception here means the connection failed
      throw connectionLost(logged, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException(name() + ": interrupted while running: " + logged, e);
    } finally {
      if (closeInBackground) {
        closeLater(session);
      } else {
        closeSession(session);
        channels.release();
      }
    }
  }

  /** A command's channel, open and running the command. */
  private record Started(Session session, Session.Command running) {}

  /**
   * Opens a channel and starts the command in it, by the command's deadline: sshj waits up to
   * sshTimeout for each of the two answers, longer than a short command may take in all.
   *
   * @return null when the deadline passed first (the channel, if it opens later, is closed)
   */
  private Started start(String command, long deadline) throws IOException, InterruptedException {
    CompletableFuture<Started> opening =
        CompletableFuture.supplyAsync(
            () -> {
              Session session = null;
              try {
                session = client.startSession();
                return new Started(session, session.exec(command));
              } catch (IOException e) {
                closeSession(session);
                throw new CompletionException(e);
              }
            },
            OPENER);
    try {
      return opening.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      opening.thenAccept(started -> closeSession(started.session()));
      return null;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(e.getCause());
    }
  }

  /**
   * The command's deadline passed. When keepalives went unanswered as well, the host hangs, not
   * only the command: that is a host out of reach (exit 3).
   */
  private RuntimeException timedOut(String logged, Duration timeout) {
    Duration silent = link.watchdog().silentFor();
    if (silent.toSeconds() >= 2L * keepAliveSeconds(spec.sshTimeout())) {
      return new UnreachableException(
          name(),
          name()
              + ": no answer from the host for "
              + ConnectionWatchdog.seconds(Duration.ofSeconds(silent.toSeconds()))
              + " while running: "
              + logged
              + " (its deadline is "
              + ConnectionWatchdog.seconds(timeout)
              + ")",
          "check that the host is up and not overloaded, then run again",
          null);
    }
    return new OperationFailedException(
        name()
            + ": command timed out after "
            + ConnectionWatchdog.seconds(timeout)
            + ": "
            + logged);
  }

  /** Waits until the command's channel closes; false when the deadline passed first. */
  private static boolean awaitClose(Session.Command running, long deadline)
      throws InterruptedException {
    while (running.isOpen()) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      try {
        running.join(Math.min(1000, left), TimeUnit.MILLISECONDS);
      } catch (ConnectionException e) {
        // join's own wait expired, or the connection died: the loop re-checks both
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
    }
    return true;
  }

  /** Asks sshd to kill the timed-out command (OpenSSH 8.1+ honours the signal request). */
  private void abandon(Session.Command running) {
    try {
      running.signal(Signal.KILL);
    } catch (IOException e) {
      logger.debug("{}: could not signal a timed-out command: {}", name(), e.getMessage());
    }
  }

  private UnreachableException connectionLost(String logged, IOException cause) {
    String verdict = link.watchdog().verdict();
    String why =
        verdict != null
            ? ": " + verdict.substring(name().length() + 2)
            : cause == null ? "" : ": " + reason(cause);
    return new UnreachableException(
        name(),
        name() + ": connection lost while running: " + logged + why,
        "check that the host is up and reachable, then run again",
        cause);
  }

  private void closeLater(Session session) {
    Thread closer =
        new Thread(
            () -> {
              closeSession(session);
              channels.release();
            },
            "ssh-close-" + spec.address());
    closer.setDaemon(true);
    closer.start();
  }

  private void closeSession(Session session) {
    if (session == null) {
      return;
    }
    try {
      session.close();
    } catch (IOException e) {
      logger.debug("{}: closing a session: {}", name(), e.getMessage());
    }
  }

  /** Whether the connection is still open. */
  public boolean isConnected() {
    return client.isConnected() && client.isAuthenticated();
  }

  @Override
  public void close() {
    link.close();
    if (bastion != null) {
      bastion.close();
    }
  }

  private static void closeQuietly(SSHClient client) {
    if (client == null) {
      return;
    }
    try {
      client.close();
    } catch (IOException e) {
      logger.debug("closing an SSH connection: {}", e.getMessage());
    }
  }
}

package io.clusterfactory.cfctl.k0s.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything needed to open an SSH connection to one host. Built by the caller from cluster.yaml;
 * this package does not know the config model.
 *
 * @param address host name or IP address
 * @param port SSH port
 * @param user login user
 * @param keyPath private key file (OpenSSH or PEM format, ed25519/ecdsa/rsa, no passphrase); null:
 *     {@code ~/.ssh/id_ed25519} then {@code ~/.ssh/id_rsa}, those that exist
 * @param hostKey the host's public key pinned as {@code "ssh-ed25519 AAAA..."}; when set it must
 *     match exactly and known_hosts is not consulted; null: check known_hosts
 * @param bastion a jump host the connection is tunnelled through, or null
 * @param knownHostsPath known_hosts file; null: {@code $SSH_KNOWN_HOSTS}, else {@code
 *     ~/.ssh/known_hosts}
 * @param acceptNewHostKeys accept and record a key for a host known_hosts has no entry for (a
 *     changed key is refused regardless)
 * @param connectTimeout bound for opening the TCP connection of one attempt
 * @param retries attempts made after the first one fails for a network reason
 * @param retryWindow bound on the total time spent connecting, all attempts included
 * @param sshTimeout how long the host may leave cfctl waiting: the whole handshake of one attempt
 *     (SSH banner, key exchange, authentication), a channel open, and, once connected, silence
 *     while keepalives ask it to answer (a host that hangs mid-command or mid-upload)
 */
public record ConnectionSpec(
    String address,
    int port,
    String user,
    Path keyPath,
    String hostKey,
    ConnectionSpec bastion,
    Path knownHostsPath,
    boolean acceptNewHostKeys,
    Duration connectTimeout,
    int retries,
    Duration retryWindow,
    Duration sshTimeout) {

  public static final int DEFAULT_PORT = 22;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_RETRIES = 3;
  public static final Duration DEFAULT_RETRY_WINDOW = Duration.ofSeconds(30);
  public static final Duration DEFAULT_SSH_TIMEOUT = Duration.ofSeconds(30);

  public ConnectionSpec {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(retryWindow, "retryWindow");
    Objects.requireNonNull(sshTimeout, "sshTimeout");
    if (sshTimeout.isNegative() || sshTimeout.isZero()) {
      throw new IllegalArgumentException("sshTimeout must be positive: " + sshTimeout);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative: " + retries);
    }
  }

  /** A spec with {@link #DEFAULT_SSH_TIMEOUT}. */
  public ConnectionSpec(
      String address,
      int port,
      String user,
      Path keyPath,
      String hostKey,
      ConnectionSpec bastion,
      Path knownHostsPath,
      boolean acceptNewHostKeys,
      Duration connectTimeout,
      int retries,
      Duration retryWindow) {
    this(
        address,
        port,
        user,
        keyPath,
        hostKey,
        bastion,
        knownHostsPath,
        acceptNewHostKeys,
        connectTimeout,
        retries,
        retryWindow,
        DEFAULT_SSH_TIMEOUT);
  }

  /** A spec with every optional field at its default. */
  public static ConnectionSpec of(String address, int port, String user) {
    return new ConnectionSpec(
        address,
        port,
        user,
        null,
        null,
        null,
        null,
        false,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_RETRIES,
        DEFAULT_RETRY_WINDOW,
        DEFAULT_SSH_TIMEOUT);
  }

  /** {@code user@address:port}. */
  public String target() {
    return user + "@" + address + ":" + port;
  }

  public ConnectionSpec withKeyPath(Path path) {
    return edit(d -> d.keyPath = path);
  }

  public ConnectionSpec withHostKey(String pinned) {
    return edit(d -> d.hostKey = pinned);
  }

  public ConnectionSpec withBastion(ConnectionSpec jumpHost) {
    return edit(d -> d.bastion = jumpHost);
  }

  public ConnectionSpec withKnownHosts(Path path, boolean acceptNew) {
    return edit(
        d -> {
          d.knownHostsPath = path;
          d.acceptNewHostKeys = acceptNew;
        });
  }

  public ConnectionSpec withRetries(Duration timeoutPerAttempt, int retryCount, Duration window) {
    return edit(
        d -> {
          d.connectTimeout = timeoutPerAttempt;
          d.retries = retryCount;
          d.retryWindow = window;
        });
  }

  public ConnectionSpec withSshTimeout(Duration limit) {
    return edit(d -> d.sshTimeout = limit);
  }

  private ConnectionSpec edit(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /** A mutable copy, so that each wither above names only what it changes. */
  private static final class Draft {
    private String address;
    private int port;
    private String user;
    private Path keyPath;
    private String hostKey;
    private ConnectionSpec bastion;
    private Path knownHostsPath;
    private boolean acceptNewHostKeys;
    private Duration connectTimeout;
    private int retries;
    private Duration retryWindow;
    private Duration sshTimeout;

    private Draft(ConnectionSpec s) {
      address = s.address;
      port = s.port;
      user = s.user;
      keyPath = s.keyPath;
      hostKey = s.hostKey;
      bastion = s.bastion;
      knownHostsPath = s.knownHostsPath;
      acceptNewHostKeys = s.acceptNewHostKeys;
      connectTimeout = s.connectTimeout;
      retries = s.retries;
      retryWindow = s.retryWindow;
      sshTimeout = s.sshTimeout;
    }

    private ConnectionSpec build() {
      return new ConnectionSpec(
          address,
          port,
          user,
          keyPath,
          hostKey,
          bastion,
          knownHostsPath,
          acceptNewHostKeys,
          connectTimeout,
          retries,
          retryWindow,
          sshTimeout);
    }
  }
}

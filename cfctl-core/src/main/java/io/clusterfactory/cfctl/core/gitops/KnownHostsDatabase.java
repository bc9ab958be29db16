package io.clusterfactory.cfctl.core.gitops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a Git remote's SSH host key against one OpenSSH known_hosts file (plain and hashed
 * entries, {@code [host]:port} patterns; parsing by Apache MINA sshd). A matching key is accepted;
 * a host listed with other keys is refused (the key changed); an unknown host is refused, or with
 * {@link HostKeyPolicy#ACCEPT_NEW} recorded and accepted. The reason of the last refusal is kept
 * for the error message, since JGit only reports a generic transport failure.
 */
final class KnownHostsDatabase implements ServerKeyDatabase {
  private static final Logger logger = LoggerFactory.getLogger(KnownHostsDatabase.class);

  private final Path file;
  private final HostKeyPolicy policy;
  private volatile String lastRefusal;

  KnownHostsDatabase(Path file, HostKeyPolicy policy) {
    this.file = file;
    this.policy = policy;
  }

  /** Why the last host key was refused, or null. */
  String lastRefusal() {
    return lastRefusal;
  }

  @Override
  public List<PublicKey> lookup(
      String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
    List<PublicKey> keys = new ArrayList<>();
    for (KnownHostEntry entry : matching(connectAddress, remoteAddress)) {
      PublicKey key = resolve(entry);
      if (key != null) {
        keys.add(key);
      }
    }
    return keys;
  }

  @Override
  public boolean accept(
      String connectAddress,
      InetSocketAddress remoteAddress,
      PublicKey serverKey,
      Configuration config,
      CredentialsProvider provider) {
    List<KnownHostEntry> entries = matching(connectAddress, remoteAddress);
    String fingerprint = KeyUtils.getFingerPrint(serverKey);
    boolean knownWithOtherKey = false;
    for (KnownHostEntry entry : entries) {
      PublicKey known = resolve(entry);
      if (known != null && KeyUtils.compareKeys(known, serverKey)) {
        if ("revoked".equals(entry.getMarker())) {
          return refuse(
              "host key " + fingerprint + " of " + connectAddress + " is revoked in " + file);
        }
        return true;
      }
      knownWithOtherKey |= !"revoked".equals(entry.getMarker());
    }
    if (knownWithOtherKey) {
      return refuse(
          "host key of "
              + connectAddress
              + " CHANGED (now "
              + fingerprint
              + ") and differs from "
              + file
              + "; if the server was reinstalled, remove its old line from known_hosts");
    }
    if (policy == HostKeyPolicy.ACCEPT_NEW) {
      try {
        record(connectAddress, serverKey);
        logger.info("{}: recorded new host key {} in {}", connectAddress, fingerprint, file);
        return true;
      } catch (IOException e) {
        return refuse("cannot record the host key of " + connectAddress + " in " + file + ": " + e);
      }
    }
    return refuse(
        "unknown host key "
            + fingerprint
            + " for "
            + connectAddress
            + "; add it to "
            + file
            + " (ssh-keyscan) or allow trust on first use (accept-new)");
  }

  private boolean refuse(String reason) {
    lastRefusal = reason;
    logger.debug("host key refused: {}", reason);
    return false;
  }

  private List<KnownHostEntry> matching(String connectAddress, InetSocketAddress remoteAddress) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<KnownHostEntry> all;
    try {
      all = KnownHostEntry.readKnownHostEntries(file);
    } catch (IOException | RuntimeException e) {
      logger.warn("cannot read known_hosts {}: {}", file, e.toString());
      return List.of();
    }
    HostAndPort target = HostAndPort.parse(connectAddress, remoteAddress);
    String ip =
        remoteAddress != null && remoteAddress.getAddress() != null
            ? remoteAddress.getAddress().getHostAddress()
            : null;
    List<KnownHostEntry> found = new ArrayList<>();
    for (KnownHostEntry entry : all) {
      if ("cert-authority".equals(entry.getMarker())) {
        continue;
      }
      if (entry.isHostMatch(target.host(), target.port())
          || (ip != null && entry.isHostMatch(ip, target.port()))) {
        found.add(entry);
      }
    }
    return found;
  }

  private static PublicKey resolve(KnownHostEntry entry) {
    try {
      return entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  private synchronized void record(String connectAddress, PublicKey key) throws IOException {
    HostAndPort target = HostAndPort.parse(connectAddress, null);
    String hostPattern =
        target.port() == 22 ? target.host() : "[" + target.host() + "]:" + target.port();
    String line = hostPattern + " " + PublicKeyEntry.toString(key) + "\n";
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      Files.createDirectories(parent);
    }
    if (!Files.exists(file)) {
      Files.createFile(file);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: keep the default permissions
      }
    }
    Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  /**
   * The host and port JGit connects to; {@code connectAddress} is {@code host} or {@code
   * [host]:port}.
   */
  record HostAndPort(String host, int port) {
    static HostAndPort parse(String connectAddress, InetSocketAddress remote) {
      int defaultPort = remote != null ? remote.getPort() : 22;
      if (connectAddress.startsWith("[")) {
        int close = connectAddress.indexOf(']');
        if (close > 0) {
          String host = connectAddress.substring(1, close);
          String rest = connectAddress.substring(close + 1);
          int port = rest.startsWith(":") ? Integer.parseInt(rest.substring(1)) : defaultPort;
          return new HostAndPort(host, port);
        }
      }
      return new HostAndPort(connectAddress, defaultPort);
    }
  }
}

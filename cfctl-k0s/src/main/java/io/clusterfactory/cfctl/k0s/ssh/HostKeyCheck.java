package io.clusterfactory.cfctl.k0s.ssh;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.KnownHostEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a host's key against a pinned key or a known_hosts file. sshj only sees true or false; the
 * reason for a refusal is kept here so the caller can throw a {@link HostKeyRejectedException} that
 * names the host and both fingerprints.
 */
final class HostKeyCheck implements HostKeyVerifier {
  private static final Logger logger = LoggerFactory.getLogger(HostKeyCheck.class);

  /** Appends to one known_hosts file are serialized across parallel connections. */
  private static final Map<Path, Object> APPEND_LOCKS = new ConcurrentHashMap<>();

  private final String target;
  private final String pinnedHostKey;
  private final Path knownHosts;
  private final boolean acceptNew;
  private volatile HostKeyRejectedException rejection;

  HostKeyCheck(String target, String pinnedHostKey, Path knownHosts, boolean acceptNew) {
    this.target = target;
    this.pinnedHostKey = pinnedHostKey;
    this.knownHosts = knownHosts;
    this.acceptNew = acceptNew;
  }

  /** Why the last key was refused, or null. */
  HostKeyRejectedException rejection() {
    return rejection;
  }

  @Override
  public boolean verify(String hostname, int port, PublicKey key) {
    byte[] offered = HostKeys.blob(key);
    String offeredType = KeyType.fromKey(key).toString();
    String offeredFingerprint = HostKeys.fingerprint(offered);
    if (pinnedHostKey != null) {
      HostKeys.KeyLine pinned = HostKeys.decodeLine(pinnedHostKey);
      if (pinned.type().equals(offeredType) && Arrays.equals(pinned.blob(), offered)) {
        return true;
      }
      rejection =
          new HostKeyRejectedException(
              target,
              HostKeyRejectedException.Reason.PINNED_MISMATCH,
              offeredFingerprint,
              target
                  + ": host key does not match the pinned hostKey: the host offers "
                  + offeredType
                  + " "
                  + offeredFingerprint
                  + ", the config pins "
                  + pinned.type()
                  + " "
                  + HostKeys.fingerprint(pinned.blob()),
              "if the host was reinstalled, check its new key out of band and update hostKey");
      return false;
    }
    String entryHost = knownHostsName(hostname, port);
    List<String> changed = new ArrayList<>();
    for (KnownHostEntry entry : entries()) {
      try {
        if (!entry.appliesTo(KeyType.fromKey(key), entryHost)) {
          continue;
        }
        if (entry.verify(key)) {
          return true;
        }
        changed.add(HostKeys.fingerprint(keyFieldsOf(entry.getLine())));
      } catch (IOException | RuntimeException e) {
        logger.debug("{}: skipping unreadable known_hosts entry: {}", target, e.getMessage());
      }
    }
    if (!changed.isEmpty()) {
      rejection =
          new HostKeyRejectedException(
              target,
              HostKeyRejectedException.Reason.CHANGED,
              offeredFingerprint,
              target
                  + ": host key has CHANGED: "
                  + knownHosts
                  + " has "
                  + offeredType
                  + " "
                  + String.join(", ", changed)
                  + ", the host now offers "
                  + offeredFingerprint
                  + "; this can be a man-in-the-middle attack, so it is refused",
              "if the host was reinstalled, check its new key out of band, then remove the old"
                  + " entry with: ssh-keygen -R '"
                  + entryHost
                  + "' -f "
                  + knownHosts);
      return false;
    }
    if (acceptNew) {
      append(entryHost + " " + HostKeys.openSshLine(key));
      logger.info(
          "{}: new host key {} {} added to {}",
          target,
          offeredType,
          offeredFingerprint,
          knownHosts);
      return true;
    }
    rejection =
        new HostKeyRejectedException(
            target,
            HostKeyRejectedException.Reason.UNKNOWN,
            offeredFingerprint,
            target
                + ": unknown host key "
                + offeredType
                + " "
                + offeredFingerprint
                + " (no entry for "
                + entryHost
                + " in "
                + knownHosts
                + ")",
            "check the fingerprint out of band, then add it to known_hosts, pin it as the host's"
                + " ssh.hostKey, or run again with --accept-new-host-keys");
    return false;
  }

  @Override
  public List<String> findExistingAlgorithms(String hostname, int port) {
    if (pinnedHostKey != null) {
      return List.of(HostKeys.decodeLine(pinnedHostKey).type());
    }
    String entryHost = knownHostsName(hostname, port);
    List<String> algorithms = new ArrayList<>();
    for (KnownHostEntry entry : entries()) {
      try {
        if (entry.appliesTo(entryHost) && entry.getType() != KeyType.UNKNOWN) {
          algorithms.add(entry.getType().toString());
        }
      } catch (IOException | RuntimeException e) {
        logger.debug("{}: skipping unreadable known_hosts entry: {}", target, e.getMessage());
      }
    }
    return algorithms;
  }

  /** known_hosts names a host on a port other than 22 as {@code [host]:port}. */
  static String knownHostsName(String hostname, int port) {
    return port == ConnectionSpec.DEFAULT_PORT ? hostname : "[" + hostname + "]:" + port;
  }

  private List<KnownHostEntry> entries() {
    if (!Files.isRegularFile(knownHosts)) {
      return List.of();
    }
    try {
      String content = Files.readString(knownHosts, StandardCharsets.UTF_8);
      return new OpenSSHKnownHosts(new StringReader(content)).entries();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + knownHosts, e);
    }
  }

  /** The key blob of a known_hosts line: {@code [@marker] hosts type base64 [comment]}. */
  private static byte[] keyFieldsOf(String line) {
    String[] fields = line.strip().split("\\s+");
    int first = fields[0].startsWith("@") ? 2 : 1;
    return HostKeys.decodeLine(fields[first] + " " + fields[first + 1]).blob();
  }

  private void append(String line) {
    Path file = knownHosts.toAbsolutePath();
    synchronized (APPEND_LOCKS.computeIfAbsent(file, p -> new Object())) {
      try {
        Path folder = file.getParent();
        if (folder != null && !Files.isDirectory(folder)) {
          Files.createDirectories(
              folder,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        String prefix = "";
        if (Files.isRegularFile(file)) {
          String existing = Files.readString(file, StandardCharsets.UTF_8);
          prefix = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
        } else {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(
            file, prefix + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException("adding a host key to " + file, e);
      }
    }
  }
}

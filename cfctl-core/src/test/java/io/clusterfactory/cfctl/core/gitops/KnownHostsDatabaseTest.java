package io.clusterfactory.cfctl.core.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsDatabaseTest {
  @TempDir Path tmp;
  private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 2222);

  private static PublicKey newKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair().getPublic();
  }

  private boolean accept(KnownHostsDatabase db, String address, PublicKey key) {
    return db.accept(address, REMOTE, key, null, null);
  }

  @Test
  @DisplayName("strict: unknown refused and nothing written; accept-new: recorded, then trusted")
  void unknownHosts() throws Exception {
    Path file = tmp.resolve("ssh/known_hosts");
    PublicKey key = newKey();
    KnownHostsDatabase strict = new KnownHostsDatabase(file, HostKeyPolicy.STRICT);

    assertFalse(accept(strict, "[git.lab]:2222", key));
    assertTrue(strict.lastRefusal().startsWith("unknown host key SHA256:"), strict.lastRefusal());
    assertFalse(Files.exists(file));

    KnownHostsDatabase acceptNew = new KnownHostsDatabase(file, HostKeyPolicy.ACCEPT_NEW);
    assertTrue(accept(acceptNew, "[git.lab]:2222", key));
    assertEquals("[git.lab]:2222 " + PublicKeyEntry.toString(key) + "\n", Files.readString(file));
    assertTrue(accept(strict, "[git.lab]:2222", key));
    assertEquals(1, strict.lookup("[git.lab]:2222", REMOTE, null).size());
  }

  @Test
  @DisplayName("a changed key is refused under every policy; another host's key does not count")
  void changedKey() throws Exception {
    Path file = tmp.resolve("known_hosts");
    PublicKey old = newKey();
    Files.writeString(file, "[git.lab]:2222 " + PublicKeyEntry.toString(old) + "\n");
    for (HostKeyPolicy policy : HostKeyPolicy.values()) {
      KnownHostsDatabase db = new KnownHostsDatabase(file, policy);
      assertFalse(accept(db, "[git.lab]:2222", newKey()));
      assertTrue(db.lastRefusal().contains("CHANGED"), db.lastRefusal());
    }
    assertTrue(
        accept(new KnownHostsDatabase(file, HostKeyPolicy.ACCEPT_NEW), "[other]:2222", newKey()));
  }

  @Test
  @DisplayName("a host with several keys accepts any of them; a revoked key is refused")
  void severalKeysAndRevoked() throws Exception {
    Path file = tmp.resolve("known_hosts");
    PublicKey first = newKey();
    PublicKey second = newKey();
    PublicKey revoked = newKey();
    Files.writeString(
        file,
        "[git.lab]:2222 "
            + PublicKeyEntry.toString(first)
            + "\n[git.lab]:2222 "
            + PublicKeyEntry.toString(second)
            + "\n@revoked [git.lab]:2222 "
            + PublicKeyEntry.toString(revoked)
            + "\n");
    KnownHostsDatabase db = new KnownHostsDatabase(file, HostKeyPolicy.STRICT);
    assertTrue(accept(db, "[git.lab]:2222", first));
    assertTrue(accept(db, "[git.lab]:2222", second));
    assertFalse(accept(db, "[git.lab]:2222", revoked));
    assertTrue(db.lastRefusal().contains("revoked"), db.lastRefusal());
  }

  @Test
  @DisplayName("port 22 is recorded as the bare host name, as OpenSSH does")
  void defaultPortRecordedPlain() throws Exception {
    Path file = tmp.resolve("known_hosts");
    PublicKey key = newKey();
    KnownHostsDatabase db = new KnownHostsDatabase(file, HostKeyPolicy.ACCEPT_NEW);
    assertTrue(db.accept("git.lab", new InetSocketAddress("127.0.0.1", 22), key, null, null));
    assertTrue(Files.readString(file).startsWith("git.lab ecdsa-sha2-nistp256 "));
  }
}

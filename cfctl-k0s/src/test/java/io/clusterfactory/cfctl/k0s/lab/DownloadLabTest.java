package io.clusterfactory.cfctl.k0s.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.clusterfactory.cfctl.k0s.ssh.ConnectionSpec;
import io.clusterfactory.cfctl.k0s.ssh.SshRemoteHost;
import io.clusterfactory.cfctl.testing.LabTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code RemoteHost.download} over SFTP: as root, and as a sudo user a root-only file. */
@LabTier
class DownloadLabTest {
  @TempDir Path dir;

  @Test
  @DisplayName("a root-owned 0600 file downloads over SFTP, as root and as a sudo user, into 0600")
  void download() throws Exception {
    try (Lab lab = Lab.builder().hosts(1).withNonRootUsers().start()) {
      lab.execOk(
          0,
          "mkdir -m 0700 -p /run/cfctl-backup-t && head -c 300000 /dev/urandom >"
              + " /run/cfctl-backup-t/a && chmod 0600 /run/cfctl-backup-t/a");
      byte[] expected =
          HexFormat.of()
              .parseHex(
                  lab.execOk(0, "od -An -v -tx1 /run/cfctl-backup-t/a | tr -d ' \\n'").strip());
      try (SshRemoteHost root = SshRemoteHost.connect(lab.spec(0))) {
        Path local = dir.resolve("root.bin");
        root.download("/run/cfctl-backup-t/a", local);
        assertArrayEquals(expected, Files.readAllBytes(local));
        assertEquals(
            "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(local)));
      }
      ConnectionSpec deploy =
          new ConnectionSpec(
              lab.host(0).address(),
              22,
              Lab.SUDO_USER,
              lab.clientKey(),
              null,
              null,
              lab.knownHosts(),
              false,
              Duration.ofSeconds(5),
              1,
              Duration.ofSeconds(10));
      try (SshRemoteHost user = SshRemoteHost.connect(deploy)) {
        assertFalse(user.isRoot());
        Path local = dir.resolve("deploy.bin");
        user.download("/run/cfctl-backup-t/a", local);
        assertArrayEquals(expected, Files.readAllBytes(local));
      }
    }
  }
}

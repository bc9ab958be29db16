package io.clusterfactory.cfctl.k0s.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.k0s.ssh.ExecResult;
import io.clusterfactory.cfctl.k0s.ssh.SshRemoteHost;
import io.clusterfactory.cfctl.testing.LabTier;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in's {@code k0s backup --save-path} and {@code k0s restore FILE}. */
@LabTier
class StandInK0sBackupTest {
  @TempDir Path dir;

  @Test
  @DisplayName(
      "backup writes k0s_backup_<timestamp>.tar.gz; restore refuses while running, and a reset"
          + " controller started after restore comes up with the backed-up cluster id and nodes")
  void backupAndRestore() {
    try (Lab lab = Lab.create(2)) {
      Path binary = StandInK0s.write(dir, StandInK0s.DEFAULT_VERSION);
      for (int i = 0; i < 2; i++) {
        try (SshRemoteHost host = SshRemoteHost.connect(lab.spec(i))) {
          host.upload(binary, StandInK0s.INSTALL_PATH, 0755);
        }
      }
      String k0s = StandInK0s.INSTALL_PATH + " ";
      lab.execOk(0, k0s + "install controller --enable-worker=true");
      lab.execOk(0, k0s + "start");
      String id =
          lab.execOk(0, k0s + "kubectl get namespace kube-system -o jsonpath={.metadata.uid}");
      assertTrue(id.strip().matches("[0-9a-f-]{36}"), id);
      String token = lab.execOk(0, k0s + "token create --role=worker").strip();
      lab.execOk(1, "mkdir -p /etc/k0s && printf %s '" + token + "' > /etc/k0s/k0stoken");
      lab.execOk(1, k0s + "install worker --token-file=/etc/k0s/k0stoken");
      lab.execOk(1, k0s + "start");

      // backup needs a folder that exists, and a running controller
      ExecResult noFolder = lab.exec(0, k0s + "backup --save-path /nonexistent");
      assertEquals(1, noFolder.exitCode());
      lab.execOk(0, "mkdir -p /root/backups");
      ExecResult backup = lab.exec(0, k0s + "backup --save-path=/root/backups");
      assertEquals(0, backup.exitCode(), backup.stderr());
      String path = backup.stdout().strip();
      assertTrue(
          path.matches(
              "/root/backups/k0s_backup_\\d{4}-\\d\\d-\\d\\dT\\d\\d_\\d\\d_\\d\\d_000Z\\.tar\\.gz"),
          path);
      assertTrue(backup.stderr().contains("level=info msg=\"archive " + path + " created\""));
      assertEquals("600", lab.execOk(0, "stat -c %a " + path).strip());
      String listing = lab.execOk(0, "tar -tzf " + path);
      assertTrue(listing.contains("./cluster/cluster-id"), listing);
      assertTrue(listing.contains("./cluster/nodes/node-2"), listing);
      assertTrue(listing.contains("./cluster/tokens/"), listing);

      // restore refuses while k0s runs
      ExecResult running = lab.exec(0, k0s + "restore " + path);
      assertEquals(1, running.exitCode());
      assertTrue(running.stderr().contains("k0s seems to be running!"), running.stderr());

      // the controllers are gone
      lab.execOk(0, "cp " + path + " /root/saved.tar.gz");
      for (int i = 1; i >= 0; i--) {
        lab.execOk(i, k0s + "stop");
        lab.execOk(i, k0s + "reset");
      }
      assertEquals(1, lab.exec(0, k0s + "restore /root/nosuch.tar.gz").exitCode());
      lab.execOk(0, "echo junk > /root/junk.tar.gz");
      assertEquals(1, lab.exec(0, k0s + "restore /root/junk.tar.gz").exitCode());

      // restore, then install and start: the old cluster is back
      lab.execOk(0, k0s + "restore /root/saved.tar.gz");
      lab.execOk(0, k0s + "install controller --enable-worker=true");
      lab.execOk(0, k0s + "start");
      assertEquals(
          id, lab.execOk(0, k0s + "kubectl get namespace kube-system -o jsonpath={.metadata.uid}"));
      String nodes = lab.execOk(0, k0s + "kubectl get nodes");
      assertTrue(nodes.contains("node-1") && nodes.contains("node-2"), nodes);
      assertFalse(lab.exec(0, "test -d /var/lib/k0s/standin-restored").ok());
    }
  }
}

package io.clusterfactory.cfctl.k0s.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ApplyPart;
import io.clusterfactory.cfctl.core.apply.ClusterBackupAction;
import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.apply.NoSealing;
import io.clusterfactory.cfctl.core.apply.Pipelines;
import io.clusterfactory.cfctl.core.backup.BackupArchive;
import io.clusterfactory.cfctl.core.backup.BackupBundle;
import io.clusterfactory.cfctl.core.backup.BackupRequest;
import io.clusterfactory.cfctl.core.backup.RestoreSource;
import io.clusterfactory.cfctl.core.backup.SealingKeys;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.error.ExitCode;
import io.clusterfactory.cfctl.core.kube.MockCluster;
import io.clusterfactory.cfctl.k0s.HostsSettings;
import io.clusterfactory.cfctl.k0s.K0sHostPhases;
import io.clusterfactory.cfctl.k0s.lab.Lab;
import io.clusterfactory.cfctl.k0s.lab.StandInK0s;
import io.clusterfactory.cfctl.testing.LabTier;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * apply, backup, reset every host, apply --restore-from: the cluster id and the nodes are the
 * backed-up ones. The hosts are lab hosts with the stand-in k0s; the API (for the sealing keys) is
 * the mock API server.
 */
@LabTier
class BackupRestoreLabTest {
  static final String K0S = "/usr/local/bin/k0s ";

  @TempDir Path dir;

  @Test
  @DisplayName(
      "apply -> backup -> reset every host -> apply --restore-from: same cluster id and nodes;"
          + " a restore on a running cluster is refused before any change")
  void roundTrip() throws Exception {
    try (Lab lab = Lab.create(2);
        MockCluster api = new MockCluster()) {
      Path binaries = Files.createDirectories(dir.resolve("bin"));
      StandInK0s.write(binaries, StandInK0s.DEFAULT_VERSION);
      StringBuilder known = new StringBuilder();
      StringBuilder y =
          new StringBuilder(
              "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\n"
                  + "metadata:\n  name: lab\nspec:\n  hosts:\n");
      for (int i = 0; i < 2; i++) {
        known.append(lab.host(i).address()).append(' ').append(lab.hostKey(i)).append('\n');
        y.append("  - role: ")
            .append(i == 0 ? "controller" : "worker")
            .append("\n    ssh:\n      address: ")
            .append(lab.host(i).address())
            .append("\n      user: root\n      keyPath: ")
            .append(lab.clientKey())
            .append("\n    k0sBinaryPath: ")
            .append(binaries.resolve("k0s-" + StandInK0s.DEFAULT_VERSION))
            .append('\n');
      }
      y.append("  k0s:\n    version: ").append(StandInK0s.DEFAULT_VERSION).append('\n');
      Path knownHosts = Files.writeString(dir.resolve("known_hosts"), known);
      Path cluster = Files.writeString(dir.resolve("cluster.yaml"), y);
      Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), api.kubeconfig());
      HostsSettings settings =
          HostsSettings.defaults()
              .withKnownHosts(knownHosts)
              .withConnect(Duration.ofSeconds(3), 1, Duration.ofSeconds(6))
              .withWaitTimeout(Duration.ofSeconds(60));
      LoadedConfig loaded = ConfigLoader.forApply().load(cluster);
      ApplyOptions hostsOnly =
          ApplyOptions.defaults()
              .parts(EnumSet.of(ApplyPart.HOSTS))
              .timeout(Duration.ofMinutes(5))
              .build();

      new HostsApplyAction(loaded, hostsOnly, settings).run();
      String id =
          lab.execOk(0, K0S + "kubectl get namespace kube-system -o jsonpath={.metadata.uid}");
      // the sealed-secrets controller's key, as the controller stores it
      api.client()
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName("sealed-secrets")
                  .endMetadata()
                  .build())
          .create();
      api.client()
          .secrets()
          .inNamespace("sealed-secrets")
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("sealed-secrets-keyabc12")
                  .withLabels(Map.of(SealingKeys.LABEL, "active"))
                  .endMetadata()
                  .withType("kubernetes.io/tls")
                  .withData(Map.of("tls.crt", "Y2VydA==", "tls.key", "a2V5"))
                  .build())
          .create();

      // backup: the API through the given kubeconfig, k0s's backup from the leader
      ApplyOptions backupOptions =
          ApplyOptions.defaults().timeout(Duration.ofMinutes(5)).kubeconfig(kubeconfig).build();
      Path backups = Files.createDirectories(dir.resolve("backups"));
      // a killed backup's folder on the leader, and an older backup of this cluster
      lab.execOk(
          0,
          "mkdir -p /run/cfctl-backup-0badc0de && echo x > /run/cfctl-backup-0badc0de/k0s_backup_x.tar.gz");
      Path older =
          Files.writeString(backups.resolve("cfctl-backup-lab-20200101T000000Z.tar.gz"), "old");
      Path unrelated = Files.writeString(backups.resolve("notes.txt"), "mine");

      // a dry run says what it would fetch and write, and writes nothing
      ClusterBackupAction.Result dry =
          new ClusterBackupAction<>(new K0sHostPhases(settings))
              .run(
                  loaded,
                  backupOptions.toBuilder().dryRun(true).build(),
                  new BackupRequest(null, backups, 1, "test"));
      String plan = dry.report().changes().toString();
      assertTrue(plan.contains("take k0s's backup"), plan);
      assertTrue(plan.contains("write the backup " + backups.toAbsolutePath()), plan);
      assertTrue(plan.contains("delete " + older), plan);
      try (var files = Files.list(backups)) {
        assertEquals(2, files.count());
      }
      assertTrue(lab.k0sCalls(0).stream().noneMatch(l -> l.contains(" backup ")));
      ClusterBackupAction.Result result =
          new ClusterBackupAction<>(new K0sHostPhases(settings))
              .run(loaded, backupOptions, new BackupRequest(null, backups, 1, "test"));
      Path file = result.bundle().written();
      assertTrue(Files.isRegularFile(file), String.valueOf(file));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      assertTrue(
          file.getFileName().toString().matches("cfctl-backup-lab-\\d{8}T\\d{6}Z\\.tar\\.gz"));
      BackupArchive.Opened opened = BackupArchive.read(Files.readAllBytes(file), file.toString());
      assertEquals("lab", opened.manifest().cluster());
      assertEquals(StandInK0s.DEFAULT_VERSION, opened.manifest().k0sVersion());
      assertNotNull(opened.entry(BackupBundle.K0S_ENTRY));
      assertTrue(
          SealingKeys.fromYaml(opened.entry(BackupBundle.SEALING_KEYS_ENTRY)).stream()
              .anyMatch(s -> s.getMetadata().getName().equals("sealed-secrets-keyabc12")));
      // --keep 1: the older cfctl backup went, the other file stayed
      assertFalse(Files.exists(older));
      assertTrue(Files.exists(unrelated));
      // nothing left on the leader (the killed run's folder included)
      assertEquals("", lab.execOk(0, "ls -d /run/cfctl-backup-* 2>/dev/null; true").strip());
      assertTrue(lab.k0sCalls(0).stream().anyMatch(l -> l.contains(" backup --save-path=")));

      // a restore on the running cluster is refused before anything changes
      RestoreSource source = RestoreSource.open(file, "lab", null);
      int callsBefore = lab.k0sCalls(0).size();
      CfctlException refused =
          assertThrows(CfctlException.class, () -> restore(loaded, hostsOnly, settings, source));
      assertEquals(ExitCode.INVALID_INPUT, refused.exitCode());
      assertTrue(refused.getMessage().contains("k0s runs on"), refused.getMessage());
      List<String> after = lab.k0sCalls(0).subList(callsBefore, lab.k0sCalls(0).size());
      assertTrue(
          after.stream().allMatch(l -> l.matches("\\d+ (version|status).*")), after.toString());

      // the controllers are gone
      new HostsApplyAction(loaded, hostsOnly, settings).reset();
      assertFalse(lab.exec(0, K0S + "status").ok());

      restore(loaded, hostsOnly, settings, source);
      assertEquals(
          id, lab.execOk(0, K0S + "kubectl get namespace kube-system -o jsonpath={.metadata.uid}"));
      String nodes = lab.execOk(0, K0S + "kubectl get nodes");
      // node-2 runs the workloads (a Node); node-1 is the controller (an etcd member)
      assertTrue(nodes.contains("node-2"), nodes);
      assertTrue(lab.execOk(0, K0S + "etcd member-list").contains("\"node-1\""));
      assertTrue(lab.k0sCalls(0).stream().anyMatch(l -> l.contains(" restore ")));
      assertEquals("", lab.execOk(0, "ls -d /run/cfctl-backup-* 2>/dev/null; true").strip());
    }
  }

  private static void restore(
      LoadedConfig loaded, ApplyOptions options, HostsSettings settings, RestoreSource source) {
    Pipelines.runPrepared(
        Command.APPLY,
        new K0sHostPhases(settings),
        loaded,
        options,
        new NoSealing(),
        ctx -> ctx.restore(source));
  }
}

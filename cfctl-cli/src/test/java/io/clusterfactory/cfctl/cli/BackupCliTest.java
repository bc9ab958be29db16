package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cfctl backup's and apply --restore-from's checks that need no host: all exit 2. */
class BackupCliTest {
  static final String CLUSTER = "../examples/single/cluster.yaml";

  @TempDir Path dir;

  /** A cluster.yaml that loads for apply (its key file exists); its host is never contacted. */
  String cluster() throws Exception {
    Path key = Files.writeString(dir.resolve("id_ed25519"), "not used");
    return Files.writeString(
            dir.resolve("cluster.yaml"),
            "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nmetadata:\n  name: lab\n"
                + "spec:\n  hosts:\n  - role: controller\n    ssh:\n      address: 10.0.0.1\n"
                + "      keyPath: "
                + key
                + "\n  k0s:\n    version: v1.31.2+k0s.0\n")
        .toString();
  }

  @Test
  void backupIsACommandWithItsFlags() {
    CliRun help = CliRun.of("backup", "--help");
    assertEquals(0, help.exitCode(), help.err());
    for (String flag :
        new String[] {
          "--output-dir", "--keep", "--include", "--dry-run", "--timeout", "--ssh-timeout"
        }) {
      assertTrue(help.out().contains(flag), flag + ": " + help.out());
    }
    assertTrue(CliRun.of("--help").out().contains("backup"));
  }

  @Test
  void keepBelowOneIsInvalidInput() {
    CliRun run = CliRun.of("backup", "--keep", "0", CLUSTER);
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("--keep 0"), run.err());
  }

  @Test
  void restoreFromAMissingOrBrokenFileIsRefusedBeforeAnything() throws Exception {
    CliRun missing =
        CliRun.of(
            "apply",
            "--no-hydrate",
            "--restore-from",
            dir.resolve("nosuch.tar.gz").toString(),
            cluster());
    assertEquals(2, missing.exitCode(), missing.err());
    assertTrue(missing.err().contains("no such file"), missing.err());
    Path junk = Files.writeString(dir.resolve("junk.tar.gz"), "junk");
    CliRun broken =
        CliRun.of("apply", "--no-hydrate", "--restore-from", junk.toString(), cluster());
    assertEquals(2, broken.exitCode(), broken.err());
    assertTrue(broken.err().contains("not a cfctl backup"), broken.err());
  }

  @Test
  void includeNamesOnlyDataServicesTheClusterDeploys() throws Exception {
    CliRun unknown = CliRun.of("backup", "--include", "postgres,mariadb", cluster());
    assertEquals(2, unknown.exitCode(), unknown.err());
    assertTrue(unknown.err().contains("--include postgres"), unknown.err());
    assertTrue(unknown.err().contains("mariadb, ldap"), unknown.err());

    // the host of cluster() is never contacted: the refusal comes first
    CliRun notDeployed = CliRun.of("backup", "--include", "ldap", cluster());
    assertEquals(2, notDeployed.exitCode(), notDeployed.err());
    assertTrue(notDeployed.err().contains("spec.software.ldap is not enabled"), notDeployed.err());
  }
}

package io.clusterfactory.cfctl.core.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.kube.ApplyPatchDispatcher.ExecResult;
import io.clusterfactory.cfctl.core.kube.Deadline;
import io.clusterfactory.cfctl.core.kube.KubeCalls;
import io.clusterfactory.cfctl.core.kube.MockCluster;
import io.clusterfactory.cfctl.core.kube.RetryPolicy;
import io.clusterfactory.cfctl.testing.MockApiTier;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** backup --include: a dump runs in the service's running pod through exec and is checked. */
@MockApiTier
class DataDumpsMockApiTest {
  private static final String SQL =
      "-- MariaDB dump 10.19\nCREATE DATABASE slurm_acct_db;\n-- Dump completed on 2026-12-02\n";

  private MockCluster cluster;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private KubeCalls calls(Duration timeout) {
    return new KubeCalls(cluster.url(), RetryPolicy.DEFAULT, Deadline.in(timeout));
  }

  /** A pod of {@code app} whose one container is named like the app, as cfctl deploys them. */
  private void pod(String namespace, String name, String app, String phase) {
    cluster
        .client()
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .addToLabels("app.kubernetes.io/name", app)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(app)
                .withImage(app)
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .endStatus()
                .build())
        .create();
  }

  @Test
  @DisplayName("mariadb-dump runs in the running pod's container; its output is the entry")
  void dumpsThroughExec() {
    pod("mariadb", "mariadb-1", "mariadb", "Pending");
    pod("mariadb", "mariadb-0", "mariadb", "Running");
    cluster.dispatcher().serveExec("mariadb", "mariadb-0", cmd -> new ExecResult(SQL, "", 0));

    KubeCalls calls = calls(Duration.ofSeconds(30));
    String pod = DataDumps.podOf(cluster.client(), calls, DataService.MARIADB);
    byte[] dump = DataDumps.dump(cluster.client(), calls, DataService.MARIADB, pod);

    assertEquals("mariadb-0", pod);
    assertArrayEquals(SQL.getBytes(StandardCharsets.UTF_8), dump);
    List<String> ran = cluster.dispatcher().execCommands().get(0);
    assertEquals(List.of("sh", "-c", DataService.MARIADB.script()), ran);
    // the credentials stay in the pod: the command names the variable, never a value
    assertTrue(ran.get(2).contains("$MARIADB_ROOT_PASSWORD"), ran.get(2));
    assertTrue(
        cluster.dispatcher().requests().stream()
            .anyMatch(
                r ->
                    r.path().contains("/pods/mariadb-0/exec")
                        && r.path().contains("container=mariadb")));
  }

  @Test
  @DisplayName("a dump that exits non-zero, prints nothing or is cut short is refused, naming why")
  void badDumpsAreRefused() {
    pod("ldap", "dirsrv-0", "dirsrv", "Running");
    KubeCalls calls = calls(Duration.ofSeconds(30));

    cluster
        .dispatcher()
        .serveExec("ldap", "dirsrv-0", cmd -> new ExecResult("", "Error: no such backend\n", 1));
    OperationFailedException failed =
        assertThrows(
            OperationFailedException.class,
            () -> DataDumps.dump(cluster.client(), calls, DataService.LDAP, "dirsrv-0"));
    assertTrue(failed.getMessage().contains("ldap/dirsrv-0"), failed.getMessage());
    assertTrue(
        failed.getMessage().contains("exited 1: Error: no such backend"), failed.getMessage());

    cluster.dispatcher().serveExec("ldap", "dirsrv-0", cmd -> new ExecResult("", "", 0));
    OperationFailedException empty =
        assertThrows(
            OperationFailedException.class,
            () -> DataDumps.dump(cluster.client(), calls, DataService.LDAP, "dirsrv-0"));
    assertTrue(empty.getMessage().contains("printed nothing"), empty.getMessage());

    cluster
        .dispatcher()
        .serveExec("ldap", "dirsrv-0", cmd -> new ExecResult("version: 1\n", "", 0));
    OperationFailedException cut =
        assertThrows(
            OperationFailedException.class,
            () -> DataDumps.dump(cluster.client(), calls, DataService.LDAP, "dirsrv-0"));
    assertTrue(cut.getMessage().contains("incomplete"), cut.getMessage());
  }

  @Test
  @DisplayName("a pod whose command never ends fails within the deadline; no running pod is named")
  void boundedAndNamed() {
    pod("mariadb", "mariadb-0", "mariadb", "Running");
    cluster
        .dispatcher()
        .serveExec("mariadb", "mariadb-0", cmd -> new ExecResult("-- partial", "", null));
    long start = System.nanoTime();
    UnreachableException hung =
        assertThrows(
            UnreachableException.class,
            () ->
                DataDumps.dump(
                    cluster.client(),
                    calls(Duration.ofSeconds(3)),
                    DataService.MARIADB,
                    "mariadb-0"));
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    assertTrue(elapsed < 3_000 + 5_000, "ended after " + elapsed + " ms");
    assertTrue(hung.getMessage().contains("did not finish within 3s"), hung.getMessage());

    UnreachableException none =
        assertThrows(
            UnreachableException.class,
            () ->
                DataDumps.podOf(cluster.client(), calls(Duration.ofSeconds(10)), DataService.LDAP));
    assertTrue(none.getMessage().contains("no running pod of ldap"), none.getMessage());
  }
}

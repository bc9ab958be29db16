package io.clusterfactory.cfctl.core.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.testing.MockApiTier;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cluster lease on the mock API: one holder at a time, refused with who and since when. */
@MockApiTier
class ClusterLeaseTest {
  final MockCluster cluster = new MockCluster();

  @AfterEach
  void stop() {
    cluster.close();
  }

  ClusterLease lease(String holder) {
    return new ClusterLease(
        cluster.client(),
        new KubeCalls(cluster.url(), RetryPolicy.DEFAULT, Deadline.in(Duration.ofSeconds(30))),
        holder);
  }

  Lease live() {
    return cluster
        .client()
        .resources(Lease.class)
        .inNamespace(ClusterLease.NAMESPACE)
        .withName(ClusterLease.NAME)
        .get();
  }

  @Test
  void aSecondRunIsRefusedWithTheHolderAndSinceWhenUntilTheFirstGivesItBack() {
    try (ClusterLease first = lease("cfctl run aaaa (pid 1@ci)")) {
      first.acquire();
      assertEquals("cfctl run aaaa (pid 1@ci)", live().getSpec().getHolderIdentity());
      OperationFailedException refused =
          assertThrows(OperationFailedException.class, () -> lease("cfctl run bbbb").acquire());
      assertTrue(refused.getMessage().contains("cfctl run aaaa (pid 1@ci)"), refused.getMessage());
      assertTrue(refused.getMessage().contains("since"), refused.getMessage());
    }
    assertNull(live(), "released: deleted");
    try (ClusterLease second = lease("cfctl run bbbb")) {
      second.acquire();
      assertEquals("cfctl run bbbb", live().getSpec().getHolderIdentity());
    }
  }

  @Test
  void aLeaseNobodyRenewedIsTakenOver() {
    ZonedDateTime old = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(10);
    cluster
        .client()
        .resource(
            new LeaseBuilder()
                .withNewMetadata()
                .withNamespace(ClusterLease.NAMESPACE)
                .withName(ClusterLease.NAME)
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity("cfctl run dead")
                .withLeaseDurationSeconds(60)
                .withAcquireTime(old)
                .withRenewTime(old)
                .endSpec()
                .build())
        .create();
    try (ClusterLease mine = lease("cfctl run alive")) {
      mine.acquire();
      assertEquals("cfctl run alive", live().getSpec().getHolderIdentity());
      assertEquals(1, live().getSpec().getLeaseTransitions());
    }
  }
}

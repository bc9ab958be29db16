package io.clusterfactory.cfctl.core.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StackApplierTest {
  private MockCluster cluster;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private StackApplier applier() {
    KubeCalls calls =
        new KubeCalls(cluster.url(), RetryPolicy.DEFAULT, Deadline.in(Duration.ofSeconds(30)));
    return new StackApplier(cluster.client(), new MutationGuard(false), calls);
  }

  @Test
  @DisplayName("first apply creates every object")
  void firstApplyCreatesAll() {
    List<GenericKubernetesResource> desired = Fixtures.load("network-desired.yaml");
    ApplyResult result = applier().apply("network", desired, new ApplyOptions(false, true, 1));
    result.objects().forEach(System.out::println);
    cluster.dispatcher().writes().forEach(System.out::println);
    assertEquals(desired.size(), result.counts().get(ApplyAction.CREATED));
    cluster.dispatcher().clearRequests();
    ApplyResult again = applier().apply("network", desired, new ApplyOptions(false, true, 1));
    again.objects().forEach(System.out::println);
    cluster.dispatcher().writes().forEach(System.out::println);
    assertTrue(again.unchanged());
    assertEquals(List.of(), cluster.dispatcher().writes());
  }
}

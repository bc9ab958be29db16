package io.clusterfactory.cfctl.core.kube.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per Argo CD status shape (single- and multi-source sync, operation, conditions, health
 * of Argo CD 2.x and 3.x), in {@code kube/argocd-application-cases.yaml}.
 */
class ApplicationHealthTest {
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  static final String REPO = "ssh://git@git.example.com/infra/gitops.git";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static Stream<Arguments> cases() throws IOException {
    try (InputStream in =
        ApplicationHealthTest.class.getResourceAsStream("/kube/argocd-application-cases.yaml")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Arrays.stream(text.split("(?m)^---\\s*$"))
          .map(doc -> SERIALIZATION.unmarshal(doc, GenericKubernetesResource.class))
          .map(o -> Arguments.of(o.getMetadata().getName(), o));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("an Application is ready, waited on or failed as its Argo CD status says")
  void readsArgoCdStatus(String name, GenericKubernetesResource app) {
    var expected = app.getMetadata().getAnnotations();
    String after = expected.get("comparedAfter");
    KStatus kstatus =
        new KStatus(
            new ApplicationHealth(COMMIT, REPO, after == null ? null : Instant.parse(after)));

    Health health = kstatus.compute(app);

    assertEquals(HealthStatus.valueOf(expected.get("expect")), health.status(), health.reason());
    if (expected.containsKey("reason")) {
      assertTrue(
          health.reason().contains(expected.get("reason")),
          "reason '" + health.reason() + "' lacks '" + expected.get("reason") + "'");
    }
  }
}

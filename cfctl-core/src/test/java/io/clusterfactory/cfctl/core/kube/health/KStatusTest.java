package io.clusterfactory.cfctl.core.kube.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KStatusTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static Stream<Arguments> cases() throws IOException {
    try (InputStream in = KStatusTest.class.getResourceAsStream("/kube/health-cases.yaml")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Arrays.stream(text.split("(?m)^---\\s*$"))
          .map(doc -> SERIALIZATION.unmarshal(doc, GenericKubernetesResource.class))
          .map(o -> Arguments.of(o.getKind() + "/" + o.getMetadata().getName(), o));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("kstatus rules per kind")
  void computesStatus(String name, GenericKubernetesResource object) {
    var expected = object.getMetadata().getAnnotations();
    Health health = new KStatus(expected.get("revision")).compute(object);

    assertEquals(HealthStatus.valueOf(expected.get("expect")), health.status(), health.reason());
    if (expected.containsKey("reason")) {
      assertTrue(
          health.reason().contains(expected.get("reason")),
          "reason '" + health.reason() + "' lacks '" + expected.get("reason") + "'");
    }
  }

  @Test
  @DisplayName("a missing object is NotFound, not ready")
  void missingObject() {
    Health health = new KStatus((String) null).compute(null);
    assertEquals(HealthStatus.NOT_FOUND, health.status());
  }
}

package io.clusterfactory.cfctl.core.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads multi-document YAML fixtures from src/test/resources/kube as generic objects. */
final class Fixtures {
  private Fixtures() {}

  static List<GenericKubernetesResource> load(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/kube/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture kube/" + name);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<GenericKubernetesResource> objects = new ArrayList<>();
      for (String doc : text.split("(?m)^---\\s*$")) {
        if (!doc.isBlank() && doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
          objects.add(DesiredObject.SERIALIZATION.unmarshal(doc, GenericKubernetesResource.class));
        }
      }
      return objects;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.clusterfactory.cfctl.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No container image cfctl writes runs a moving tag: none, {@code latest}, {@code snapshot*}. A
 * moving tag lets the registry change what a cluster runs without a commit in its tree.
 */
class PinnedImagesTest {
  private static final Pattern MOVING = Pattern.compile("(?i)latest|snapshot.*|main|master|edge");

  /** The problem with {@code image}, or null when it is pinned. */
  static String moving(String image) {
    String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    if (image.contains("@sha256:")) {
      return null;
    }
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    if (colon <= slash) {
      return image + ": no tag (means latest)";
    }
    String tag = name.substring(colon + 1);
    return MOVING.matcher(tag).matches() ? image + ": moving tag " + tag : null;
  }

  @Test
  @DisplayName("the rule itself: latest, snapshot-*, no tag are moving; a release tag is not")
  void rule() {
    assertEquals(null, moving("ghcr.io/k8snetworkplumbingwg/multus-cni:v4.2.2-thick"));
    assertEquals(null, moving("localhost:5000/x:1.0"));
    assertEquals(null, moving("docker.io/library/busybox@sha256:" + "a".repeat(64)));
    assertFalse(moving("ghcr.io/k8snetworkplumbingwg/multus-cni:snapshot-thick") == null);
    assertFalse(moving("docker.io/library/busybox:latest") == null);
    assertFalse(moving("localhost:5000/busybox") == null);
  }

  @Test
  @DisplayName("every image and image override pinned in manifests/versions.yaml is immutable")
  void versionsArePinned() {
    Versions v = Versions.pinned();
    List<String> problems = new ArrayList<>();
    v.images().values().stream().map(PinnedImagesTest::moving).forEach(problems::add);
    v.charts().values().stream()
        .filter(c -> c.image() != null)
        .map(c -> moving(c.image()))
        .forEach(problems::add);
    problems.removeIf(java.util.Objects::isNull);
    assertEquals(List.of(), problems);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"full", "network-only", "lab"})
  @DisplayName("every image in an example's rendered tree is pinned, kustomize overrides included")
  void renderedImagesArePinned(String example) throws IOException {
    RenderedTree tree = Examples.render(example);
    List<String> images = new ArrayList<>();
    for (RenderedObject o : tree.objects()) {
      collect(o.body(), images);
    }
    for (Map.Entry<String, byte[]> f : tree.files().entrySet()) {
      if (f.getKey().endsWith("kustomization.yaml")) {
        JsonNode k = CanonicalYaml.TREE.mapper().readTree(f.getValue());
        k.path("images")
            .forEach(i -> images.add(i.path("name").asText() + ":" + i.path("newTag").asText()));
      }
    }
    assertFalse(images.isEmpty(), "no image found in " + example);
    List<String> problems =
        images.stream().map(PinnedImagesTest::moving).filter(p -> p != null).toList();
    assertEquals(List.of(), problems);
  }

  private static void collect(JsonNode node, List<String> images) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("image") && e.getValue().isTextual()) {
                  images.add(e.getValue().asText());
                } else {
                  collect(e.getValue(), images);
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, images));
    }
  }
}

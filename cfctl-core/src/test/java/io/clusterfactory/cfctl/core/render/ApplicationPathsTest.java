package io.clusterfactory.cfctl.core.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every path an Application reads from the GitOps repository exists in the tree cfctl pushes: Git
 * keeps no empty folder, and Argo CD refuses a source whose path is missing ("app path does not
 * exist") and a value file that is missing.
 */
class ApplicationPathsTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"single", "ha", "network-only", "full", "lab"})
  @DisplayName("every Application's path and value file exists in the example's rendered tree")
  void everyPathExists(String example) {
    LoadedConfig config = Examples.load(example);
    RenderedTree tree = TreeRenderer.render(config);
    String repo = TreeRenderer.pullUrl(config.cluster());
    String owned = config.cluster().spec().gitops().repository().path() + "/";
    List<String> checked = new ArrayList<>();

    for (RenderedObject o : tree.objects()) {
      if (!o.kind().equals("Application")) {
        continue;
      }
      JsonNode spec = o.body().path("spec");
      List<JsonNode> sources = new ArrayList<>();
      spec.path("sources").forEach(sources::add);
      if (spec.has("source")) {
        sources.add(spec.get("source"));
      }
      for (JsonNode s : sources) {
        for (JsonNode file : s.path("helm").path("valueFiles")) {
          String path = file.asText().replaceFirst("^\\$values/", "");
          assertTrue(path.startsWith(owned), o.name() + ": " + path + " is outside " + owned);
          assertTrue(
              tree.files().containsKey(path.substring(owned.length())),
              o.name() + ": value file " + path + " is not in the tree");
        }
        if (!s.path("repoURL").asText().equals(repo) || !s.has("path")) {
          continue;
        }
        String path = s.get("path").asText();
        assertTrue(path.startsWith(owned), o.name() + ": " + path + " is outside " + owned);
        String dir = path.substring(owned.length()) + "/";
        assertTrue(
            tree.files().keySet().stream().anyMatch(f -> f.startsWith(dir)),
            o.name()
                + ": app path "
                + path
                + " does not exist in the tree "
                + tree.files().keySet());
        checked.add(o.name() + " " + path);
      }
    }
    assertFalse(checked.isEmpty(), "no Application read from " + repo);
    assertTrue(
        checked.stream().anyMatch(c -> c.startsWith("cfctl-root ")),
        "root not checked: " + checked);
  }
}

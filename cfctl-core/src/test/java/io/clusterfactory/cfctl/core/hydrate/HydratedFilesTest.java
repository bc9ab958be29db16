package io.clusterfactory.cfctl.core.hydrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file names and bytes of {@code render --hydrate}'s objects. */
class HydratedFilesTest {
  static final YAMLMapper YAML = new YAMLMapper();

  static HydratedApplication.HydratedObject object(String source, String yaml) throws Exception {
    return new HydratedApplication.HydratedObject(source, (ObjectNode) YAML.readTree(yaml));
  }

  @Test
  void oneFolderPerApplicationFilesInHelmsOrderWithSafeNamesAndCanonicalBytes() throws Exception {
    ChartRef ref = new ChartRef(ChartRef.Kind.HTTP, "https://r", "c", "1.0.0");
    HydratedApplication app =
        new HydratedApplication(
            "network-Traefik",
            "traefik",
            ref,
            "sha256:x",
            List.of(
                object(
                    "c/templates/svc.yaml",
                    "kind: Service\napiVersion: v1\nmetadata: {name: web, namespace: traefik}\n"
                        + "spec: {ports: [{port: 80}], type: ClusterIP}\n"),
                object("", "apiVersion: v1\nkind: Namespace\nmetadata: {name: ../../etc}\n")));
    var files = HydratedFiles.of(new HydratedTree(List.of(app), List.of()));
    assertEquals(
        List.of(
            "hydrated/network-traefik/001-service-traefik-web.yaml",
            "hydrated/network-traefik/002-namespace-etc.yaml"),
        new ArrayList<>(files.keySet()));
    assertEquals(
        "# Source: c/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n"
            + "  namespace: traefik\nspec:\n  ports:\n    - port: 80\n  type: ClusterIP\n",
        new String(
            files.get("hydrated/network-traefik/001-service-traefik-web.yaml"),
            StandardCharsets.UTF_8));
  }

  @Test
  void aLongChartWidensTheNumberSoNamesStillSortInHelmsOrder() throws Exception {
    List<HydratedApplication.HydratedObject> objects = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      objects.add(object("", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm" + i + "}\n"));
    }
    var files =
        HydratedFiles.of(
            new HydratedTree(
                List.of(
                    new HydratedApplication(
                        "a", "ns", new ChartRef(ChartRef.Kind.HTTP, "r", "c", "1"), "d", objects)),
                List.of()));
    assertEquals("hydrated/a/0001-configmap-cm0.yaml", files.firstKey());
    assertEquals("hydrated/a/1000-configmap-cm999.yaml", files.lastKey());
  }
}

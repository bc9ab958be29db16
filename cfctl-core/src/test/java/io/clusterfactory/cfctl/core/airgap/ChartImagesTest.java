package io.clusterfactory.cfctl.core.airgap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.ImageMirror;
import io.clusterfactory.cfctl.core.config.v1beta1.RegistriesSpec;
import io.clusterfactory.cfctl.core.hydrate.ChartRef;
import io.clusterfactory.cfctl.core.hydrate.HydratedApplication;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the bundle makes of the images hydrated charts run. */
class ChartImagesTest {
  static final ChartRef CHART =
      new ChartRef(ChartRef.Kind.HTTP, "https://charts.example.org", "demo", "1.0.0");
  static final String PINNED = "quay.io/demo/init@sha256:" + "ab".repeat(32);

  static HydratedTree running(String... images) throws Exception {
    StringBuilder containers = new StringBuilder();
    for (String i : images) {
      containers.append("{\"name\":\"c\",\"image\":\"").append(i).append("\"},");
    }
    String json =
        "{\"kind\":\"Deployment\",\"spec\":{\"template\":{\"spec\":{\"containers\":["
            + containers.substring(0, containers.length() - 1)
            + "]}}},\"data\":{\"image\":\"not an image ref\"}}";
    ObjectNode body = (ObjectNode) new ObjectMapper().readTree(json);
    return new HydratedTree(
        List.of(
            new HydratedApplication(
                "software-demo",
                "demo",
                CHART,
                "sha256:00",
                List.of(new HydratedApplication.HydratedObject("templates/d.yaml", body)))),
        List.of());
  }

  @Test
  void chartImagesAreMergedWithCfctlsOwnAndKeepTheDigestTheChartPins() throws Exception {
    ImageMirror mirror = ImageMirror.of(new RegistriesSpec("mirror.site:5000/m", null));
    List<AirgapBundle.Image> listed =
        List.of(new AirgapBundle.Image("ghcr.io/demo/app:1.0", "x", List.of("apps/a.yaml")));
    List<AirgapBundle.Image> out =
        AirgapBundle.withChartImages(listed, running("ghcr.io/demo/app:1.0", PINNED), mirror);
    assertEquals(2, out.size(), out.toString());
    assertEquals(
        List.of("apps/a.yaml", "software-demo (chart " + CHART.label() + ")"), out.get(0).usedBy());
    assertEquals("mirror.site:5000/m/demo/app:1.0", out.get(0).pulledAs());
    assertEquals("quay.io/demo/init", out.get(1).image());
    assertEquals(PINNED, out.get(1).pinned());
  }

  @Test
  void anImageTheMirrorsWouldServeButTheChartStillNamesUpstreamIsReported() throws Exception {
    ImageMirror mirror =
        ImageMirror.of(new RegistriesSpec(null, Map.of("quay.io", "mirror.site/quay")));
    List<String> outside =
        AirgapBundle.outsideTheMirrors(
            running("mirror.site/quay/demo/ok:1", "quay.io/demo/bad:1", "ghcr.io/other/x:1"),
            mirror);
    // ghcr.io has no rewrite and no default mirror: pulled upstream by design, not reported
    assertEquals(
        List.of("software-demo (chart " + CHART.label() + "): quay.io/demo/bad:1"), outside);
  }
}

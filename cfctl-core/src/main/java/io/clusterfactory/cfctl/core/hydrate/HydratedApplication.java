package io.clusterfactory.cfctl.core.hydrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The objects Helm renders for one Application of the tree, the way Argo CD renders them.
 *
 * @param application the Application's name, e.g. {@code network-traefik}
 * @param namespace the Application's destination namespace (Helm's release namespace)
 * @param chart where the chart came from
 * @param digest {@code sha256:<hex>} of the chart archive (or of the Git tree's packaged chart)
 * @param objects every object Helm rendered, CRDs first, in the order Helm wrote them; each body
 *     must not be modified by callers
 * @param values the chart and the values Helm was given, for the values check; null when not known
 *     (a fake hydrator)
 */
public record HydratedApplication(
    String application,
    String namespace,
    ChartRef chart,
    String digest,
    List<HydratedObject> objects,
    HelmValues values) {

  public HydratedApplication {
    objects = List.copyOf(objects);
  }

  public HydratedApplication(
      String application,
      String namespace,
      ChartRef chart,
      String digest,
      List<HydratedObject> objects) {
    this(application, namespace, chart, digest, objects, null);
  }

  /**
   * What Helm rendered from.
   *
   * @param chart the chart archive's contents
   * @param layers the values Helm was given over the chart's defaults, in order (later wins)
   * @param templateError Helm's message when it refused the values (its own {@code
   *     values.schema.json} check), so that no object was rendered; null when it rendered
   */
  public record HelmValues(ChartArchive chart, List<ValuesLayer> layers, String templateError) {
    public HelmValues {
      layers = List.copyOf(layers);
    }
  }

  /**
   * One layer of values.
   *
   * @param source where it comes from: the {@code valueFiles} entry ({@code $values/...}) or {@code
   *     helm.values}
   * @param file the tree file it is, or null for inline values
   * @param values the layer's mapping
   */
  public record ValuesLayer(String source, String file, JsonNode values) {}

  /**
   * One rendered object.
   *
   * @param source the chart template it came from, e.g. {@code traefik/templates/deployment.yaml}
   * @param body the object
   */
  public record HydratedObject(String source, ObjectNode body) {}
}

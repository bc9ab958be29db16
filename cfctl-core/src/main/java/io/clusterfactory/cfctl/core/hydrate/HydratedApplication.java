package io.clusterfactory.cfctl.core.hydrate;

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
 */
public record HydratedApplication(
    String application,
    String namespace,
    ChartRef chart,
    String digest,
    List<HydratedObject> objects) {

  public HydratedApplication {
    objects = List.copyOf(objects);
  }

  /**
   * One rendered object.
   *
   * @param source the chart template it came from, e.g. {@code traefik/templates/deployment.yaml}
   * @param body the object
   */
  public record HydratedObject(String source, ObjectNode body) {}
}

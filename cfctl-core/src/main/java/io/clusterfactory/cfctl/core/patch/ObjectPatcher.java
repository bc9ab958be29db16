package io.clusterfactory.cfctl.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the site's patches to a list of objects: a pure function (the objects given are not
 * modified; the same input gives the same output), used over the plain manifests cfctl renders and
 * over the objects of a hydrated chart alike. Patches apply in the order they are written, each to
 * every object it targets; a patch that targets no object is reported, not ignored.
 */
public final class ObjectPatcher {
  private ObjectPatcher() {}

  /**
   * The outcome: the patched objects (same order as given) and the patches that matched nothing.
   */
  public record Result(List<ObjectNode> objects, List<ObjectPatch> unmatched) {}

  /**
   * Applies {@code patches} in order to {@code objects}.
   *
   * @throws PatchFailedException when a patch cannot apply to an object it targets (a JSON patch
   *     operation on a path the object lacks, a patch that is not a mapping or a list of
   *     operations, a patched object that is no longer a mapping)
   */
  public static Result apply(List<ObjectPatch> patches, List<ObjectNode> objects) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode o : objects) {
      out.add(o.deepCopy());
    }
    List<ObjectPatch> unmatched = new ArrayList<>();
    for (ObjectPatch p : patches) {
      boolean matched = false;
      for (int i = 0; i < out.size(); i++) {
        if (p.matches(out.get(i))) {
          matched = true;
          out.set(i, applyOne(p, out.get(i)));
        }
      }
      if (!matched) {
        unmatched.add(p);
      }
    }
    return new Result(List.copyOf(out), List.copyOf(unmatched));
  }

  /** One patch over one object. */
  static ObjectNode applyOne(ObjectPatch p, ObjectNode object) {
    JsonNode result;
    switch (p.type()) {
      case MERGE -> {
        requireMapping(p);
        result = MergePatch.apply(object, p.body());
      }
      case STRATEGIC -> {
        requireMapping(p);
        result = StrategicMergePatch.apply(object, p.body());
      }
      case JSON -> {
        if (!p.body().isArray()) {
          throw new PatchFailedException(
              p.yamlPath() + ".patch",
              "a json patch is a list of operations",
              "write patch: [{op: replace, path: /spec/replicas, value: 3}]");
        }
        try {
          result = JsonPatch.apply(p.body(), object);
        } catch (JsonPatchApplicationException | IllegalArgumentException e) {
          throw new PatchFailedException(
              p.yamlPath() + ".patch",
              "cannot apply to "
                  + object.path("kind").asText()
                  + " "
                  + object.path("metadata").path("name").asText()
                  + ": "
                  + e.getMessage(),
              "check the operation's path against the rendered object (cfctl render)");
        }
      }
      default -> throw new IllegalStateException("patch type " + p.type());
    }
    if (!(result instanceof ObjectNode o)) {
      throw new PatchFailedException(
          p.yamlPath(), "the patched object is no longer a mapping", null);
    }
    return o;
  }

  private static void requireMapping(ObjectPatch p) {
    if (!p.body().isObject()) {
      throw new PatchFailedException(
          p.yamlPath() + ".patch",
          "a " + p.type().name().toLowerCase(java.util.Locale.ROOT) + " patch is a mapping",
          "write the fields to change, e.g. patch: {spec: {replicas: 3}}; or use type: json"
              + " for a list of operations");
    }
  }
}

package io.clusterfactory.cfctl.core.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.v1beta1.Patch;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ObjectPatcherTest {
  static JsonNode yaml(String text) {
    try {
      return CanonicalYaml.TREE.mapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ObjectNode deployment() {
    return (ObjectNode)
        yaml(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: site, labels: {tier: front}}
            spec:
              replicas: 2
              template:
                spec:
                  containers:
                    - name: web
                      image: web:1
                      env: [{name: A, value: "1"}, {name: B, value: "2"}]
                      ports: [{containerPort: 80, name: http}]
                      volumeMounts: [{name: data, mountPath: /data}]
                    - name: sidecar
                      image: side:1
                  volumes: [{name: data, emptyDir: {}}]
                  tolerations: [{key: a, operator: Exists}]
            """);
  }

  static ObjectPatch patch(Patch.Type type, String kind, String name, String body) {
    return new ObjectPatch("spec.x.patches[0]", type, kind, name, null, Map.of(), yaml(body));
  }

  @Test
  @DisplayName("strategic merge: containers, env, ports and volumes merge by their keys")
  void strategicMergesListsByKey() {
    ObjectPatch p =
        patch(
            Patch.Type.STRATEGIC,
            "Deployment",
            "web",
            """
            spec:
              template:
                spec:
                  containers:
                    - name: web
                      image: web:2
                      env: [{name: B, value: "20"}, {name: C, value: "3"}]
                      ports: [{containerPort: 80, protocol: TCP}]
                    - {name: sidecar, $patch: delete}
                  volumes: [{name: cache, emptyDir: {}}]
                  tolerations: [{key: b, operator: Exists}]
            """);
    ObjectNode out = ObjectPatcher.apply(List.of(p), List.of(deployment())).objects().get(0);
    JsonNode containers = out.at("/spec/template/spec/containers");
    assertEquals(1, containers.size(), "sidecar deleted");
    JsonNode web = containers.get(0);
    assertEquals("web:2", web.path("image").asText());
    assertEquals(
        yaml("[{name: A, value: '1'}, {name: B, value: '20'}, {name: C, value: '3'}]"),
        web.path("env"));
    assertEquals(
        yaml("[{containerPort: 80, name: http, protocol: TCP}]"), web.path("ports"), "merged");
    assertEquals(1, web.path("volumeMounts").size(), "untouched list kept");
    assertEquals(2, out.at("/spec/template/spec/volumes").size(), "volume appended");
    assertEquals(
        yaml("[{key: b, operator: Exists}]"),
        out.at("/spec/template/spec/tolerations"),
        "a list without a merge key is replaced");
  }

  @Test
  @DisplayName("JSON merge patch (RFC 7386): null removes, lists replace")
  void mergePatch() {
    ObjectPatch p =
        patch(
            Patch.Type.MERGE,
            "Deployment",
            null,
            "{spec: {replicas: null, template: {spec: {volumes: []}}}}");
    ObjectNode out = ObjectPatcher.apply(List.of(p), List.of(deployment())).objects().get(0);
    assertTrue(out.at("/spec/replicas").isMissingNode());
    assertEquals(0, out.at("/spec/template/spec/volumes").size());
    assertEquals(2, out.at("/spec/template/spec/containers").size());
  }

  @Test
  @DisplayName("JSON patch (RFC 6902) through zjsonpatch; an operation on a missing path fails")
  void jsonPatch() {
    ObjectPatch p =
        patch(
            Patch.Type.JSON,
            null,
            "web",
            "[{op: replace, path: /spec/replicas, value: 5},"
                + " {op: add, path: /metadata/labels/extra, value: 'yes'},"
                + " {op: remove, path: /spec/template/spec/containers/1}]");
    ObjectNode out = ObjectPatcher.apply(List.of(p), List.of(deployment())).objects().get(0);
    assertEquals(5, out.at("/spec/replicas").asInt());
    assertEquals("yes", out.at("/metadata/labels/extra").asText());
    assertEquals(1, out.at("/spec/template/spec/containers").size());
    ObjectPatch bad =
        patch(Patch.Type.JSON, null, "web", "[{op: replace, path: /spec/nothing, value: 1}]");
    PatchFailedException e =
        assertThrows(
            PatchFailedException.class,
            () -> ObjectPatcher.apply(List.of(bad), List.of(deployment())));
    assertEquals("spec.x.patches[0].patch", e.yamlPath());
  }

  @Test
  @DisplayName(
      "targets match on kind, name, namespace and labels; a patch matching nothing is reported")
  void targetsAndUnmatched() {
    ObjectPatch byLabel =
        new ObjectPatch(
            "p[0]",
            Patch.Type.MERGE,
            null,
            null,
            "site",
            Map.of("tier", "front"),
            yaml("{spec: {replicas: 3}}"));
    ObjectPatch none =
        new ObjectPatch(
            "p[1]", Patch.Type.MERGE, "Deployment", "other", null, Map.of(), yaml("{a: 1}"));
    ObjectNode input = deployment();
    ObjectPatcher.Result r = ObjectPatcher.apply(List.of(byLabel, none), List.of(input));
    assertEquals(3, r.objects().get(0).at("/spec/replicas").asInt());
    assertEquals(List.of(none), r.unmatched());
    assertEquals(deployment(), input, "the input objects are not modified");
  }
}

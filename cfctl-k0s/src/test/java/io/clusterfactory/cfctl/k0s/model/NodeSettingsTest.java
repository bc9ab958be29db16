package io.clusterfactory.cfctl.k0s.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.config.NodeTaint;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What cfctl changes on a Node: its own labels and taints, never anyone else's. */
class NodeSettingsTest {
  static NodeSettings want(Map<String, String> labels, String... taints) {
    return new NodeSettings(
        new TreeMap<>(labels), List.of(taints).stream().map(NodeTaint::parse).toList());
  }

  static Node node(Map<String, String> labels, String owned, String... taints) {
    NodeBuilder b =
        new NodeBuilder()
            .withNewMetadata()
            .withName("n1")
            .withResourceVersion("7")
            .withLabels(labels)
            .endMetadata();
    if (owned != null) {
      b.editMetadata().addToAnnotations(NodeSettings.OWNED, owned).endMetadata();
    }
    b.withNewSpec().endSpec();
    for (String t : taints) {
      NodeTaint p = NodeTaint.parse(t);
      b.editSpec()
          .addToTaints(
              new TaintBuilder()
                  .withKey(p.key())
                  .withValue(p.value().isEmpty() ? null : p.value())
                  .withEffect(p.effect())
                  .build())
          .endSpec();
    }
    return b.build();
  }

  static final ObjectMapper JSON = new ObjectMapper();

  /** The Node as the API server has it after the patch (RFC 6902, as a server applies it). */
  static Node patched(Node live, NodeSettings.Plan plan) {
    JsonNode after = JsonPatch.apply(plan.patch(), JSON.valueToTree(live));
    return JSON.convertValue(after, Node.class);
  }

  static List<String> taints(Node n) {
    if (n.getSpec() == null || n.getSpec().getTaints() == null) {
      return List.of();
    }
    return n.getSpec().getTaints().stream()
        .map(
            t ->
                new NodeTaint(t.getKey(), t.getValue() == null ? "" : t.getValue(), t.getEffect())
                    .toString())
        .toList();
  }

  @Test
  void setsWhatIsMissingAndRecordsItAsItsOwn() {
    NodeSettings.Plan plan =
        want(Map.of("rack", "r1"), "gpu=true:NoSchedule")
            .plan(node(Map.of("kubernetes.io/hostname", "n1"), null));
    assertEquals(
        List.of(
            new NodeSettings.Change("label rack", null, "r1"),
            new NodeSettings.Change("taint gpu:NoSchedule", null, "gpu=true:NoSchedule")),
        plan.changes());
    Node after = patched(node(Map.of("kubernetes.io/hostname", "n1"), null), plan);
    assertEquals(
        Map.of("kubernetes.io/hostname", "n1", "rack", "r1"), after.getMetadata().getLabels());
    assertEquals(
        "{\"labels\":[\"rack\"],\"taints\":[\"gpu:NoSchedule\"]}",
        after.getMetadata().getAnnotations().get(NodeSettings.OWNED));
    assertEquals(List.of("gpu=true:NoSchedule"), taints(after));
    assertEquals(
        "{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"7\"}",
        plan.patch().get(0).toString(),
        "a Node changed in between is never overwritten");
  }

  @Test
  void aConvergedNodeNeedsNoPatch() {
    NodeSettings.Plan plan =
        want(Map.of("rack", "r1"), "gpu=true:NoSchedule")
            .plan(
                node(
                    Map.of("rack", "r1"),
                    "{\"labels\":[\"rack\"],\"taints\":[\"gpu:NoSchedule\"]}",
                    "gpu=true:NoSchedule"));
    assertEquals(List.of(), plan.changes());
    assertNull(plan.patch());
  }

  @Test
  void removesOnlyWhatItSetBefore() {
    // rack and gpu were cfctl's; zone and the control-plane taint are someone else's
    Node live =
        node(
            Map.of("rack", "r1", "zone", "z1"),
            "{\"labels\":[\"rack\"],\"taints\":[\"gpu:NoSchedule\"]}",
            "node-role.kubernetes.io/control-plane:NoSchedule",
            "gpu=true:NoSchedule");
    NodeSettings.Plan plan = want(Map.of()).plan(live);
    assertEquals(
        List.of(
            new NodeSettings.Change("label rack", "r1", null),
            new NodeSettings.Change("taint gpu:NoSchedule", "gpu=true:NoSchedule", null)),
        plan.changes());
    Node after = patched(live, plan);
    assertEquals(Map.of("zone", "z1"), after.getMetadata().getLabels());
    assertEquals(List.of("node-role.kubernetes.io/control-plane:NoSchedule"), taints(after));
    assertNull(after.getMetadata().getAnnotations().get(NodeSettings.OWNED));
  }

  @Test
  void changesAValueInPlaceAndKeepsOthersTaintsInOrder() {
    Node live =
        node(
            Map.of("rack", "r1"),
            "{\"labels\":[\"rack\"],\"taints\":[\"gpu:NoSchedule\"]}",
            "a:NoExecute",
            "gpu=old:NoSchedule",
            "b:PreferNoSchedule");
    NodeSettings.Plan plan = want(Map.of("rack", "r2"), "gpu=new:NoSchedule").plan(live);
    assertEquals(
        List.of(
            new NodeSettings.Change("label rack", "r1", "r2"),
            new NodeSettings.Change(
                "taint gpu:NoSchedule", "gpu=old:NoSchedule", "gpu=new:NoSchedule")),
        plan.changes());
    assertEquals(
        List.of("a:NoExecute", "gpu=new:NoSchedule", "b:PreferNoSchedule"),
        taints(patched(live, plan)));
  }

  @Test
  void aLabelSetByHandWithTheSameValueIsTakenOverWithoutAChange() {
    Node live = node(Map.of("rack", "r1"), null);
    NodeSettings.Plan plan = want(Map.of("rack", "r1")).plan(live);
    assertEquals(List.of(), plan.changes());
    // only the record of ownership is written, so a later removal removes it
    assertEquals(
        "{\"labels\":[\"rack\"]}",
        patched(live, plan).getMetadata().getAnnotations().get(NodeSettings.OWNED));
  }

  @Test
  void anAnnotationEditedByHandOwnsNothing() {
    Node live = node(Map.of("rack", "r1"), "not json", "gpu:NoSchedule");
    NodeSettings.Plan plan = want(Map.of()).plan(live);
    assertEquals(List.of(), plan.changes());
    Node after = patched(live, plan);
    assertEquals(Map.of("rack", "r1"), after.getMetadata().getLabels());
    assertEquals(List.of("gpu:NoSchedule"), taints(after));
    assertNull(after.getMetadata().getAnnotations().get(NodeSettings.OWNED));
  }
}

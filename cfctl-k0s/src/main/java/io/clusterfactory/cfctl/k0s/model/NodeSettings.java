package io.clusterfactory.cfctl.k0s.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.NodeTaint;
import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The labels and taints cluster.yaml gives a host's Node, and how to bring a live Node to them.
 * cfctl changes only what it owns: labels and taints it set are recorded on the Node in the
 * annotation {@value #OWNED}, so a label removed from cluster.yaml is removed from the Node while
 * labels and taints set by others (k0s, the kubelet, the node controller, an operator) stay.
 */
public record NodeSettings(SortedMap<String, String> labels, List<NodeTaint> taints) {
  /** What cfctl set on the Node: {@code {"labels":[...],"taints":["key:Effect",...]}}. */
  public static final String OWNED = "cfctl.clusterfactory.io/node-settings";

  private static final ObjectMapper JSON = new ObjectMapper();

  public NodeSettings {
    labels = new TreeMap<>(labels);
    taints = List.copyOf(taints);
  }

  /** From a host of the loaded config (checked: every taint parses). */
  public static NodeSettings of(Host host) {
    return new NodeSettings(
        new TreeMap<>(host.labels()), host.taints().stream().map(NodeTaint::parse).toList());
  }

  public boolean isEmpty() {
    return labels.isEmpty() && taints.isEmpty();
  }

  /**
   * One difference between the Node and cluster.yaml.
   *
   * @param what {@code label KEY} or {@code taint KEY:EFFECT}
   * @param before the live value, null when absent
   * @param after the value cfctl sets, null when cfctl removes it
   */
  public record Change(String what, String before, String after) {}

  /**
   * What to change on {@code live} and the JSON patch (RFC 6902) that does it (null when nothing
   * changes). The patch first tests the Node's resourceVersion: a Node changed by someone else in
   * between fails the patch, it is never overwritten.
   */
  public record Plan(List<Change> changes, ArrayNode patch) {}

  public Plan plan(Node live) {
    Owned owned = Owned.read(live);
    Map<String, String> liveLabels =
        live.getMetadata().getLabels() == null ? Map.of() : live.getMetadata().getLabels();
    List<Change> changes = new ArrayList<>();
    Map<String, String> labelSets = new LinkedHashMap<>();
    List<String> labelRemovals = new ArrayList<>();
    for (Map.Entry<String, String> e : labels.entrySet()) {
      String before = liveLabels.get(e.getKey());
      if (!e.getValue().equals(before)) {
        labelSets.put(e.getKey(), e.getValue());
        changes.add(new Change("label " + e.getKey(), before, e.getValue()));
      }
    }
    for (String key : owned.labels()) {
      if (!labels.containsKey(key) && liveLabels.containsKey(key)) {
        labelRemovals.add(key);
        changes.add(new Change("label " + key, liveLabels.get(key), null));
      }
    }

    List<NodeTaint> liveTaints = liveTaints(live);
    Map<String, NodeTaint> wanted = new LinkedHashMap<>();
    taints.forEach(t -> wanted.put(t.identity(), t));
    List<NodeTaint> next = new ArrayList<>();
    for (NodeTaint t : liveTaints) {
      NodeTaint want = wanted.remove(t.identity());
      if (want != null) {
        next.add(want);
        if (!want.value().equals(t.value())) {
          changes.add(new Change("taint " + t.identity(), t.toString(), want.toString()));
        }
      } else if (owned.taints().contains(t.identity())) {
        changes.add(new Change("taint " + t.identity(), t.toString(), null));
      } else {
        next.add(t); // someone else's
      }
    }
    for (NodeTaint t : wanted.values()) {
      next.add(t);
      changes.add(new Change("taint " + t.identity(), null, t.toString()));
    }

    Owned now =
        new Owned(
            new TreeSet<>(labels.keySet()),
            new TreeSet<>(taints.stream().map(NodeTaint::identity).toList()));
    String ownedText = now.isEmpty() ? null : now.write();
    String liveOwned =
        live.getMetadata().getAnnotations() == null
            ? null
            : live.getMetadata().getAnnotations().get(OWNED);
    boolean ownedChanges = !Objects.equals(ownedText, liveOwned);
    if (changes.isEmpty() && !ownedChanges) {
      return new Plan(List.of(), null);
    }
    // RFC 6902, not a merge patch: a JSON merge patch replaces lists, a strategic one merges
    // them, and servers differ on which a Node's taints get; the ops here mean one thing
    ArrayNode patch = JSON.createArrayNode();
    if (live.getMetadata().getResourceVersion() != null) {
      patch
          .addObject()
          .put("op", "test")
          .put("path", "/metadata/resourceVersion")
          .put("value", live.getMetadata().getResourceVersion());
    }
    if (!labelSets.isEmpty() || !labelRemovals.isEmpty()) {
      // an empty map is absent in the Node's JSON: a pointer below it needs it first
      if (liveLabels.isEmpty()) {
        patch.addObject().put("op", "add").put("path", "/metadata/labels").putObject("value");
      }
      labelSets.forEach(
          (k, v) ->
              patch
                  .addObject()
                  .put("op", "add")
                  .put("path", "/metadata/labels/" + escape(k))
                  .put("value", v));
      labelRemovals.forEach(
          k -> patch.addObject().put("op", "remove").put("path", "/metadata/labels/" + escape(k)));
    }
    if (ownedChanges) {
      String path = "/metadata/annotations/" + escape(OWNED);
      if (ownedText == null) {
        patch.addObject().put("op", "remove").put("path", path);
      } else {
        if (live.getMetadata().getAnnotations() == null
            || live.getMetadata().getAnnotations().isEmpty()) {
          patch
              .addObject()
              .put("op", "add")
              .put("path", "/metadata/annotations")
              .putObject("value");
        }
        patch.addObject().put("op", "add").put("path", path).put("value", ownedText);
      }
    }
    if (!next.equals(liveTaints)) {
      // the whole list: taints have no merge key, and the resourceVersion test makes it safe
      ArrayNode list = JSON.createArrayNode();
      for (NodeTaint t : next) {
        ObjectNode o = list.addObject().put("key", t.key());
        if (!t.value().isEmpty()) {
          o.put("value", t.value());
        }
        o.put("effect", t.effect());
      }
      if (live.getSpec() == null) {
        ObjectNode spec = JSON.createObjectNode();
        spec.set("taints", list);
        patch.addObject().put("op", "add").put("path", "/spec").set("value", spec);
      } else {
        patch.addObject().put("op", "add").put("path", "/spec/taints").set("value", list);
      }
    }
    return new Plan(List.copyOf(changes), patch);
  }

  /** A JSON pointer segment (RFC 6901): label keys hold '/'. */
  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static List<NodeTaint> liveTaints(Node live) {
    List<Taint> taints = live.getSpec() == null ? null : live.getSpec().getTaints();
    if (taints == null) {
      return List.of();
    }
    return taints.stream()
        .map(
            t -> new NodeTaint(t.getKey(), t.getValue() == null ? "" : t.getValue(), t.getEffect()))
        .toList();
  }

  /** What the annotation says cfctl set; an annotation it cannot read owns nothing. */
  record Owned(TreeSet<String> labels, TreeSet<String> taints) {
    boolean isEmpty() {
      return labels.isEmpty() && taints.isEmpty();
    }

    String write() {
      ObjectNode o = JSON.createObjectNode();
      labels.forEach(o.putArray("labels")::add);
      taints.forEach(o.putArray("taints")::add);
      if (labels.isEmpty()) {
        o.remove("labels");
      }
      if (taints.isEmpty()) {
        o.remove("taints");
      }
      return o.toString();
    }

    static Owned read(Node live) {
      Map<String, String> annotations = live.getMetadata().getAnnotations();
      String text = annotations == null ? null : annotations.get(OWNED);
      TreeSet<String> labels = new TreeSet<>();
      TreeSet<String> taints = new TreeSet<>();
      if (text != null) {
        try {
          JsonNode o = JSON.readTree(text);
          o.path("labels").forEach(n -> labels.add(n.asText()));
          o.path("taints").forEach(n -> taints.add(n.asText()));
        } catch (java.io.IOException e) {
          // someone edited it by hand: cfctl then removes nothing it cannot prove it set
        }
      }
      return new Owned(labels, taints);
    }
  }
}

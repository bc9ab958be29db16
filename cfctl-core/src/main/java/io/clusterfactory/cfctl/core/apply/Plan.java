package io.clusterfactory.cfctl.core.apply;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.pipeline.PlannedChange;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes of a run, phase by phase in the order the phases run, hosts and cluster alike; inside
 * a phase sorted by target, then in the order asked: the same input gives the same text, JSON and
 * YAML whatever the timing of parallel hosts. Only phases that change something appear.
 *
 * @param dryRun whether the changes were planned (true) or performed
 */
public record Plan(boolean dryRun, List<PhasePlan> phases) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One phase's changes. */
  public record PhasePlan(String phase, List<Change> changes) {}

  /**
   * One change.
   *
   * @param target what is changed: a host ({@code root@10.0.0.1:22}), the Git repository, an object
   *     ({@code kube/apps/v1/Deployment/ns/name})
   */
  public record Change(String target, String change) {}

  public static Plan of(boolean dryRun, List<PlannedChange> changes) {
    List<PlannedChange> sorted = new ArrayList<>(changes);
    sorted.sort(
        Comparator.comparingInt(PlannedChange::phaseIndex)
            .thenComparing(PlannedChange::target)
            .thenComparingInt(PlannedChange::sequence));
    Map<String, List<Change>> byPhase = new LinkedHashMap<>();
    for (PlannedChange c : sorted) {
      byPhase
          .computeIfAbsent(c.phase(), p -> new ArrayList<>())
          .add(new Change(c.target(), c.description()));
    }
    List<PhasePlan> phases = new ArrayList<>();
    byPhase.forEach((phase, list) -> phases.add(new PhasePlan(phase, List.copyOf(list))));
    return new Plan(dryRun, List.copyOf(phases));
  }

  @JsonIgnore
  public boolean isEmpty() {
    return phases.isEmpty();
  }

  /** Every target with a change, in plan order, each once. */
  @JsonIgnore
  public List<String> targets() {
    return phases.stream()
        .flatMap(p -> p.changes().stream())
        .map(Change::target)
        .distinct()
        .toList();
  }

  /** Human text: one block per phase, each line labelled with its target. */
  public String toText() {
    String verb = dryRun ? "would be" : "were";
    if (phases.isEmpty()) {
      return (dryRun ? "dry-run: " : "") + "no changes " + verb + " made\n";
    }
    StringBuilder out = new StringBuilder();
    out.append(dryRun ? "dry-run: " : "").append("changes that ").append(verb).append(" made:\n");
    for (PhasePlan p : phases) {
      out.append("==> ").append(p.phase()).append('\n');
      for (Change c : p.changes()) {
        out.append("  ").append(c.target()).append(": ").append(c.change()).append('\n');
      }
    }
    return out.toString();
  }

  /** {@code {"dryRun": true, "phases": [{"phase": .., "changes": [{"target": .., ..}]}]}}. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (JsonProcessingException e) {
      throw new InternalException("writing the plan as JSON", e);
    }
  }

  /** The JSON document's content as YAML (kubectl's {@code -o yaml}). */
  public String toYaml() {
    try {
      // the tree writer's mapper: strings a YAML 1.1 reader would type are quoted
      return CanonicalYaml.TREE.mapper().writeValueAsString(JSON.valueToTree(this));
    } catch (JsonProcessingException e) {
      throw new InternalException("writing the plan as YAML", e);
    }
  }
}

package io.clusterfactory.cfctl.core.apply;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.pipeline.PhaseResult;
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

  /**
   * Every phase that ran, in run order, with its changes (none for a phase that only read): what
   * {@code apply --dry-run} prints, so a user sees the whole run and a dry run names no phase it
   * skipped.
   */
  public static Plan of(boolean dryRun, List<PlannedChange> changes, List<PhaseResult> ran) {
    Plan changed = of(dryRun, changes);
    Map<String, PhasePlan> byPhase = new LinkedHashMap<>();
    changed.phases().forEach(p -> byPhase.put(p.phase(), p));
    List<PhasePlan> phases = new ArrayList<>();
    for (PhaseResult r : ran) {
      if (r.status() == PhaseResult.Status.SKIPPED) {
        continue;
      }
      PhasePlan p = byPhase.remove(r.title());
      phases.add(p != null ? p : new PhasePlan(r.title(), List.of()));
    }
    phases.addAll(byPhase.values()); // a change of a phase not in the list (none expected)
    return new Plan(dryRun, List.copyOf(phases));
  }

  /** Only the phases that change something. */
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

  /** No phase changes anything. */
  @JsonIgnore
  public boolean isEmpty() {
    return phases.stream().allMatch(p -> p.changes().isEmpty());
  }

  private String changeCount() {
    long n = phases.stream().mapToLong(p -> p.changes().size()).sum();
    return n == 1 ? "1 change" : n + " changes";
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
    StringBuilder out = new StringBuilder();
    for (PhasePlan p : phases) {
      out.append("==> ").append(p.phase()).append(p.changes().isEmpty() ? ": no change\n" : "\n");
      for (Change c : p.changes()) {
        out.append("  ").append(c.target()).append(": ").append(c.change()).append('\n');
      }
    }
    out.append(dryRun ? "dry-run: " : "")
        .append(isEmpty() ? "no changes " + verb + " made" : changeCount() + " " + verb + " made")
        .append('\n');
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

package io.clusterfactory.cfctl.k0s.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.pipeline.PlannedChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The changes of a run per host, sorted by host then order: the same input gives the same text and
 * JSON, whatever the timing of the hosts.
 *
 * @param dryRun whether the changes were planned (true) or performed
 * @param hosts per target name, its changes in order
 */
public record Plan(boolean dryRun, Map<String, List<Step>> hosts) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One change: the phase that asked for it and what it does. */
  public record Step(String phase, String description) {}

  public static Plan of(boolean dryRun, List<PlannedChange> changes) {
    Map<String, List<Step>> byHost = new TreeMap<>();
    for (PlannedChange c : changes) {
      byHost
          .computeIfAbsent(c.target(), t -> new ArrayList<>())
          .add(new Step(c.phase(), c.description()));
    }
    byHost.replaceAll((k, v) -> List.copyOf(v));
    return new Plan(dryRun, java.util.Collections.unmodifiableMap(byHost));
  }

  public boolean isEmpty() {
    return hosts.isEmpty();
  }

  /** Human text, one block per host. */
  public String toText() {
    String verb = dryRun ? "would be" : "were";
    if (hosts.isEmpty()) {
      return (dryRun ? "dry-run: " : "") + "no host changes " + verb + " made\n";
    }
    StringBuilder out = new StringBuilder();
    out.append(dryRun ? "dry-run: " : "")
        .append("host changes that ")
        .append(verb)
        .append(" made:\n");
    hosts.forEach(
        (host, steps) -> {
          out.append("* ").append(host).append('\n');
          for (Step s : steps) {
            out.append("  - [").append(s.phase()).append("] ").append(s.description()).append('\n');
          }
        });
    return out.toString();
  }

  /** {@code {"dryRun": true, "hosts": {"root@10.0.0.1:22": [{"phase":..,"description":..}]}}}. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (JsonProcessingException e) {
      throw new InternalException("writing the plan as JSON", e);
    }
  }
}

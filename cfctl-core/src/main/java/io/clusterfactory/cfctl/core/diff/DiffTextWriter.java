package io.clusterfactory.cfctl.core.diff;

import java.util.List;

/**
 * Text output: one block per section, unified diffs of changed items, and a terraform-like plan
 * line. Unchanged items are counted, not listed. Colour (ANSI) only when asked.
 */
public final class DiffTextWriter implements DiffRenderer {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";

  private final boolean colour;

  public DiffTextWriter(boolean colour) {
    this.colour = colour;
  }

  @Override
  public String render(DiffReport report) {
    StringBuilder out = new StringBuilder();
    if (report.hosts() != null) {
      hosts(out, report.hosts());
    }
    if (report.git() != null) {
      git(out, report.git());
    }
    if (report.live() != null) {
      live(out, report.live());
    }
    if (report.hydrated() != null) {
      hydrated(out, report.hydrated());
    }
    for (String note : report.notes()) {
      out.append("Note: ").append(note).append('\n');
    }
    if (report.incomplete()) {
      out.append("Note: ").append(report.hydrated().incompleteNote()).append('\n');
    }
    String plan = "Plan: " + report.summary().sentence() + ".";
    out.append(style(BOLD, report.hasChanges() ? plan : "No changes. " + plan)).append('\n');
    return out.toString();
  }

  private void hosts(StringBuilder out, HostsSection hosts) {
    out.append(style(BOLD, "Hosts")).append(" (").append(hosts.summary().sentence()).append(")\n");
    if (hosts.k0sVersionChanges()) {
      out.append("  k0s ")
          .append(orNone(hosts.k0sVersionBefore()))
          .append(" -> ")
          .append(orNone(hosts.k0sVersionAfter()))
          .append('\n');
    }
    for (HostDiff h : hosts.hosts()) {
      if (!h.change().isChange()) {
        continue;
      }
      out.append("  ")
          .append(changeMark(h.change()))
          .append(' ')
          .append(h.change().label())
          .append(' ')
          .append(h.host());
      if (!h.role().isEmpty()) {
        out.append(" (").append(h.role()).append(')');
      }
      out.append('\n');
      if (!h.k0sVersionBefore().equals(h.k0sVersionAfter())) {
        out.append("      k0s ")
            .append(orNone(h.k0sVersionBefore()))
            .append(" -> ")
            .append(orNone(h.k0sVersionAfter()))
            .append('\n');
      }
      for (HostDiff.FlagChange f : h.flags()) {
        out.append("      ").append(f.flag()).append(": ");
        if (f.before() == null) {
          out.append(style(GREEN, "added " + f.after()));
        } else if (f.after() == null) {
          out.append(style(RED, "removed " + f.before()));
        } else {
          out.append(f.before()).append(" -> ").append(f.after());
        }
        out.append('\n');
      }
    }
    out.append('\n');
  }

  private void git(StringBuilder out, GitSection git) {
    out.append(style(BOLD, "Git"))
        .append(' ')
        .append(git.repository())
        .append(" branch ")
        .append(git.branch())
        .append(" path ")
        .append(git.path())
        .append(
            git.baseCommit().isEmpty()
                ? " (branch does not exist yet)"
                : " at " + abbrev(git.baseCommit()))
        .append(" (")
        .append(git.summary().sentence())
        .append(")\n");
    for (FileDiff f : git.files()) {
      if (!f.change().isChange()) {
        continue;
      }
      out.append(changeMark(f.change()))
          .append(' ')
          .append(style(BOLD, f.change().label() + " " + f.path()))
          .append('\n');
      secretKeys(out, f.secretKeys());
      diff(out, f.unifiedDiff());
    }
    out.append('\n');
  }

  private void live(StringBuilder out, LiveSection live) {
    out.append(style(BOLD, "Live objects"));
    if (!live.server().isEmpty()) {
      out.append(' ').append(live.server());
    }
    out.append(" (").append(live.summary().sentence()).append(")\n");
    for (ObjectDiff o : live.objects()) {
      if (!o.change().isChange()) {
        continue;
      }
      out.append(changeMark(o.change()))
          .append(' ')
          .append(style(BOLD, o.change().label() + " " + o.ref().displayName()));
      if (!o.component().isEmpty()) {
        out.append(" [").append(o.component()).append(']');
      }
      out.append('\n');
      if (!o.note().isEmpty()) {
        out.append("  note: ").append(o.note()).append('\n');
      }
      secretKeys(out, o.secretKeys());
      diff(out, o.unifiedDiff());
    }
    out.append('\n');
  }

  private void hydrated(StringBuilder out, HydratedSection section) {
    out.append(style(BOLD, "Chart objects"));
    if (!section.against().isEmpty()) {
      out.append(" against ").append(section.against());
    }
    out.append(" (").append(section.summary().sentence()).append(")\n");
    for (ApplicationDiff a : section.applications()) {
      if (a.summary().changes() == 0) {
        continue;
      }
      out.append("  ").append(style(BOLD, a.application()));
      if (!a.chartBefore().isEmpty() && !a.chartBefore().equals(a.chartAfter())) {
        out.append(": ")
            .append(orNone(a.chartBefore()))
            .append(" -> ")
            .append(orNone(a.chartAfter()));
      } else if (!a.chartAfter().isEmpty()) {
        out.append(": ").append(a.chartAfter());
      }
      out.append(" (").append(a.summary().sentence()).append(")\n");
      for (HydratedObjectDiff h : a.objects()) {
        if (!h.change().isChange()) {
          continue;
        }
        ObjectDiff o = h.object();
        out.append("  ")
            .append(changeMark(o.change()))
            .append(' ')
            .append(style(BOLD, o.change().label() + " " + h.shortName()))
            .append('\n');
        if (!o.note().isEmpty()) {
          out.append("      note: ").append(o.note()).append('\n');
        }
        for (FieldChange f : h.fields()) {
          out.append("      ").append(h.shortName()).append(": ").append(f.sentence()).append('\n');
        }
        if (!o.secretKeys().isEmpty()) {
          out.append("    ");
          secretKeys(out, o.secretKeys());
        }
      }
    }
    for (NotHydrated n : section.notCompared()) {
      out.append("  not compared: ").append(n.sentence()).append('\n');
    }
    out.append('\n');
  }

  private void secretKeys(StringBuilder out, List<SecretKeyDiff> keys) {
    if (keys.isEmpty()) {
      return;
    }
    out.append("  secret keys (values hidden):");
    for (SecretKeyDiff k : keys) {
      out.append(' ').append(k.key()).append('=').append(k.change().label());
    }
    out.append('\n');
  }

  private void diff(StringBuilder out, String unifiedDiff) {
    if (unifiedDiff.isEmpty()) {
      return;
    }
    if (!colour) {
      out.append(unifiedDiff);
      return;
    }
    for (String line : unifiedDiff.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      String c =
          line.startsWith("+++") || line.startsWith("---")
              ? BOLD
              : line.startsWith("@@")
                  ? CYAN
                  : line.startsWith("+") ? GREEN : line.startsWith("-") ? RED : null;
      out.append(c == null ? line : style(c, line)).append('\n');
    }
  }

  private String changeMark(ChangeKind change) {
    return switch (change) {
      case CREATE -> style(GREEN, "+");
      case DELETE -> style(RED, "-");
      case UPDATE -> style(YELLOW, "~");
      case UNCHANGED -> " ";
    };
  }

  private String style(String code, String text) {
    return colour ? code + text + RESET : text;
  }

  private static String orNone(String version) {
    return version.isEmpty() ? "(none)" : version;
  }

  static String abbrev(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }
}

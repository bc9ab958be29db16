package io.clusterfactory.cfctl.core.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown for a pull-request comment: the plan, a summary table, then one {@code <details>} block
 * per component with changes (hosts; the Git tree per top folder; live objects per stack). Output
 * never exceeds the size limit: blocks that do not fit are shortened, then left out, and a note
 * says exactly what was cut.
 */
public final class DiffMarkdownWriter implements DiffRenderer {
  /** GitHub refuses comments over 65,536 characters; stay below with a margin. */
  public static final int GITHUB_COMMENT_LIMIT = 65_000;

  /** Room kept for the note that lists what was cut. */
  private static final int NOTE_RESERVE = 1_500;

  /** Smallest budget worth spending on a shortened block rather than leaving it out. */
  private static final int MIN_SHORTENED_BLOCK = 400;

  private static final int MAX_NAMES_IN_NOTE = 15;
  private static final Pattern BACKTICKS = Pattern.compile("`+");

  private final int maxChars;

  public DiffMarkdownWriter(int maxChars) {
    if (maxChars < NOTE_RESERVE * 2) {
      throw new IllegalArgumentException("markdown size limit too small: " + maxChars);
    }
    this.maxChars = maxChars;
  }

  /** An item inside a block: a heading line, optional detail lines, and a diff. */
  private record Item(String heading, List<String> details, String diff) {}

  /** One {@code <details>} block. */
  private record Block(String title, Summary summary, List<Item> items) {}

  @Override
  public String render(DiffReport report) {
    StringBuilder out = new StringBuilder();
    out.append("## cfctl diff\n\n");
    out.append("**Plan:** ").append(report.summary().sentence()).append('\n');
    if (!report.hasChanges()) {
      out.append("\nNo changes.\n");
    }
    out.append('\n');
    table(out, report);
    for (String note : report.notes()) {
      out.append("> ").append(escape(note)).append('\n');
    }
    if (!report.notes().isEmpty()) {
      out.append('\n');
    }
    if (report.incomplete()) {
      out.append("> **Incomplete:** ")
          .append(escape(report.hydrated().incompleteNote()))
          .append('\n');
      for (NotHydrated n : report.hydrated().notCompared()) {
        out.append("> - not compared: ").append(escape(n.sentence())).append('\n');
      }
      out.append('\n');
    }

    List<Block> blocks = blocks(report);
    int budget = maxChars - NOTE_RESERVE;
    List<String> shortened = new ArrayList<>();
    List<String> omitted = new ArrayList<>();
    for (Block block : blocks) {
      String full = renderBlock(block, Integer.MAX_VALUE, null);
      if (omitted.isEmpty() && out.length() + full.length() <= budget) {
        out.append(full);
        continue;
      }
      int room = budget - out.length();
      if (omitted.isEmpty() && room >= MIN_SHORTENED_BLOCK) {
        int[] shown = new int[1];
        out.append(renderBlock(block, room, shown));
        shortened.add(block.title() + " (" + shown[0] + " of " + block.items().size() + " items)");
      } else {
        omitted.add(block.title());
      }
    }
    if (!shortened.isEmpty() || !omitted.isEmpty()) {
      out.append("> **Output cut to fit ")
          .append(String.format("%,d", maxChars))
          .append(" characters.**");
      if (!shortened.isEmpty()) {
        out.append(" Shortened: ").append(names(shortened)).append('.');
      }
      if (!omitted.isEmpty()) {
        out.append(" Left out: ").append(names(omitted)).append('.');
      }
      out.append(" Run `cfctl diff -o text` for the full diff.\n");
    }
    return out.toString();
  }

  private static void table(StringBuilder out, DiffReport report) {
    out.append("| Part | Create | Update | Delete | Unchanged |\n");
    out.append("|---|---:|---:|---:|---:|\n");
    row(out, "Hosts", report.hosts() == null ? null : report.hosts().summary());
    row(
        out,
        report.git() == null ? "Git tree" : "Git tree `" + report.git().path() + "`",
        report.git() == null ? null : report.git().summary());
    row(out, "Live objects", report.live() == null ? null : report.live().summary());
    if (report.hydrated() != null) {
      row(out, "Chart objects", report.hydrated().summary());
    }
    out.append('\n');
    if (report.hosts() != null && report.hosts().k0sVersionChanges()) {
      out.append("k0s: `")
          .append(none(report.hosts().k0sVersionBefore()))
          .append("` → `")
          .append(none(report.hosts().k0sVersionAfter()))
          .append("`\n\n");
    }
  }

  private static void row(StringBuilder out, String part, Summary s) {
    out.append("| ").append(part).append(" | ");
    if (s == null) {
      out.append("not compared | | | |\n");
    } else {
      out.append(s.create())
          .append(" | ")
          .append(s.update())
          .append(" | ")
          .append(s.delete())
          .append(" | ")
          .append(s.unchanged())
          .append(" |\n");
    }
  }

  private static List<Block> blocks(DiffReport report) {
    List<Block> blocks = new ArrayList<>();
    if (report.hosts() != null && report.hosts().hasChanges()) {
      List<Item> items = new ArrayList<>();
      for (HostDiff h : report.hosts().hosts()) {
        if (!h.change().isChange()) {
          continue;
        }
        List<String> details = new ArrayList<>();
        if (!h.k0sVersionBefore().equals(h.k0sVersionAfter())) {
          details.add(
              "k0s `" + none(h.k0sVersionBefore()) + "` → `" + none(h.k0sVersionAfter()) + "`");
        }
        for (HostDiff.FlagChange f : h.flags()) {
          details.add(
              "`"
                  + f.flag()
                  + "`: "
                  + (f.before() == null ? "(none)" : "`" + f.before() + "`")
                  + " → "
                  + (f.after() == null ? "(none)" : "`" + f.after() + "`"));
        }
        String role = h.role().isEmpty() ? "" : " (" + h.role() + ")";
        items.add(new Item(heading(h.change(), h.host() + role), details, ""));
      }
      blocks.add(new Block("hosts", report.hosts().summary(), items));
    }
    if (report.git() != null) {
      Map<String, List<FileDiff>> byComponent = new TreeMap<>();
      for (FileDiff f : report.git().files()) {
        byComponent.computeIfAbsent(f.component(), c -> new ArrayList<>()).add(f);
      }
      for (Map.Entry<String, List<FileDiff>> e : byComponent.entrySet()) {
        Summary s = Summary.count(e.getValue(), FileDiff::change);
        if (s.changes() == 0) {
          continue;
        }
        List<Item> items = new ArrayList<>();
        for (FileDiff f : e.getValue()) {
          if (f.change().isChange()) {
            items.add(
                new Item(heading(f.change(), f.path()), keys(f.secretKeys()), f.unifiedDiff()));
          }
        }
        String name = e.getKey().isEmpty() ? "(top level)" : e.getKey();
        blocks.add(new Block("git: " + name, s, items));
      }
    }
    if (report.live() != null) {
      Map<String, List<ObjectDiff>> byComponent = new TreeMap<>();
      for (ObjectDiff o : report.live().objects()) {
        byComponent.computeIfAbsent(o.component(), c -> new ArrayList<>()).add(o);
      }
      for (Map.Entry<String, List<ObjectDiff>> e : byComponent.entrySet()) {
        Summary s = Summary.count(e.getValue(), ObjectDiff::change);
        if (s.changes() == 0) {
          continue;
        }
        List<Item> items = new ArrayList<>();
        for (ObjectDiff o : e.getValue()) {
          if (!o.change().isChange()) {
            continue;
          }
          List<String> details = new ArrayList<>();
          if (!o.note().isEmpty()) {
            details.add("note: " + escape(o.note()));
          }
          details.addAll(keys(o.secretKeys()));
          items.add(new Item(heading(o.change(), o.ref().displayName()), details, o.unifiedDiff()));
        }
        String name = e.getKey().isEmpty() ? "(no component)" : e.getKey();
        blocks.add(new Block("live: " + name, s, items));
      }
    }
    if (report.hydrated() != null) {
      for (ApplicationDiff a : report.hydrated().applications()) {
        Summary s = a.summary();
        if (s.changes() == 0) {
          continue;
        }
        List<Item> items = new ArrayList<>();
        for (HydratedObjectDiff h : a.objects()) {
          if (!h.change().isChange()) {
            continue;
          }
          List<String> details = new ArrayList<>();
          if (!h.object().note().isEmpty()) {
            details.add("note: " + escape(h.object().note()));
          }
          for (FieldChange f : h.fields()) {
            details.add(code(f.path()) + ": " + value(f.before()) + " → " + value(f.after()));
          }
          details.addAll(keys(h.object().secretKeys()));
          items.add(
              new Item(
                  heading(h.change(), h.shortName()),
                  details,
                  h.change() == ChangeKind.UPDATE ? h.object().unifiedDiff() : ""));
        }
        String chart =
            !a.chartBefore().isEmpty() && !a.chartBefore().equals(a.chartAfter())
                ? " (" + none(a.chartBefore()) + " → " + none(a.chartAfter()) + ")"
                : a.chartAfter().isEmpty() ? "" : " (" + a.chartAfter() + ")";
        blocks.add(new Block("charts: " + a.application() + chart, s, items));
      }
    }
    return blocks;
  }

  private static String code(String s) {
    return "`" + s.replace("`", "'") + "`";
  }

  private static String value(String s) {
    return s == null ? "(none)" : code(s.length() > 200 ? s.substring(0, 200) + "…" : s);
  }

  private static String heading(ChangeKind change, String what) {
    return "**" + change.label() + "** `" + what.replace("`", "'") + "`";
  }

  private static List<String> keys(List<SecretKeyDiff> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    StringBuilder sb = new StringBuilder("secret keys (values hidden):");
    for (SecretKeyDiff k : keys) {
      sb.append(" `").append(k.key().replace("`", "'")).append("` ").append(k.change().label());
    }
    return List.of(sb.toString());
  }

  /**
   * Renders a block within {@code budget} characters. When {@code shown} is given, items (and the
   * lines of the last one) that do not fit are cut and the number of items fully or partly shown is
   * stored there.
   */
  private static String renderBlock(Block block, int budget, int[] shown) {
    StringBuilder sb = new StringBuilder();
    sb.append("<details><summary><b>")
        .append(html(block.title()))
        .append("</b>: ")
        .append(block.summary().sentence())
        .append("</summary>\n\n");
    String closing = "</details>\n\n";
    String cutMarker = "\n*… rest of this block cut*\n\n";
    int count = 0;
    for (Item item : block.items()) {
      String text = renderItem(item, Integer.MAX_VALUE);
      int room = budget - sb.length() - closing.length() - cutMarker.length();
      if (text.length() <= room) {
        sb.append(text);
        count++;
        continue;
      }
      String partial = renderItem(item, room);
      if (!partial.isEmpty()) {
        sb.append(partial);
        count++;
      }
      sb.append(cutMarker);
      break;
    }
    if (shown != null) {
      shown[0] = count;
    }
    return sb.append(closing).toString();
  }

  /** An item; with a finite budget, as many diff lines as fit ("" if not even the heading fits). */
  private static String renderItem(Item item, int budget) {
    StringBuilder sb = new StringBuilder(item.heading()).append("\n\n");
    for (String d : item.details()) {
      sb.append("- ").append(d).append('\n');
    }
    if (!item.details().isEmpty()) {
      sb.append('\n');
    }
    if (item.diff().isEmpty()) {
      return sb.length() <= budget ? sb.toString() : "";
    }
    String fence = fence(item.diff());
    String open = fence + "diff\n";
    String close = fence + "\n\n";
    if (sb.length() + open.length() + item.diff().length() + close.length() <= budget) {
      return sb.append(open).append(item.diff()).append(close).toString();
    }
    String cutLine = "… diff cut\n";
    if (sb.length() + open.length() + close.length() + cutLine.length() > budget) {
      return "";
    }
    sb.append(open);
    int limit = budget - close.length() - cutLine.length();
    for (String line : item.diff().split("\n")) {
      if (sb.length() + line.length() + 1 > limit) {
        break;
      }
      sb.append(line).append('\n');
    }
    return sb.append(cutLine).append(close).toString();
  }

  /** A code fence longer than any run of backticks in the content, so it cannot be closed early. */
  private static String fence(String content) {
    int longest = 0;
    Matcher m = BACKTICKS.matcher(content);
    while (m.find()) {
      longest = Math.max(longest, m.end() - m.start());
    }
    return "`".repeat(Math.max(3, longest + 1));
  }

  private static String names(List<String> names) {
    StringBuilder sb = new StringBuilder();
    int n = Math.min(names.size(), MAX_NAMES_IN_NOTE);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ", ").append(escape(names.get(i)));
    }
    if (names.size() > n) {
      sb.append(" and ").append(names.size() - n).append(" more");
    }
    return sb.toString();
  }

  private static String none(String v) {
    return v.isEmpty() ? "(none)" : v;
  }

  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Text for a Markdown paragraph: HTML and emphasis characters neutralised. */
  private static String escape(String s) {
    return html(s).replace("*", "\\*").replace("_", "\\_");
  }
}

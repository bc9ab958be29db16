package io.clusterfactory.cfctl.core.validate;

import io.clusterfactory.cfctl.core.hydrate.ChartArchive;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values paths a chart's templates and helpers read, found by scanning their text (no Helm):
 * {@code .Values.a.b}, {@code $.Values.a.b}, {@code $root.Values.a}, a context passed in a dict
 * ({@code .context.Values.a}), {@code index .Values "a" "b"}, and inside {@code with .Values.a} the
 * relative {@code .b}. Conservative by design: reading a path reads everything under it ({@code
 * toYaml .Values.a}, {@code range .Values.a}, {@code include "x" .} inside a {@code with}), and a
 * bare {@code .Values} passed anywhere reads every key, so a key is reported unused only when no
 * template can reach it.
 */
final class TemplateReads {
  private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)\\}\\}", Pattern.DOTALL);
  private static final Pattern INDEX =
      Pattern.compile(
          "index\\s+\\(?\\s*((?:\\$\\w*)?\\.Values(?:\\.[A-Za-z_]\\w*)*)\\s*\\)?((?:\\s+\"[^\"]*\")+)");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`");
  private static final Pattern ABSOLUTE =
      Pattern.compile("\\.Values(?!\\w)((?:\\.[A-Za-z_]\\w*)*)");
  private static final Pattern RELATIVE =
      Pattern.compile("(?<![\\w)\\]$.])\\.([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*)*)");
  private static final Pattern BARE_DOT = Pattern.compile("(?<![\\w)\\]$.])\\.(?![\\w.])");
  private static final Pattern WITH_SUBJECT =
      Pattern.compile(
          "^(?:(\\$\\w*)?\\.Values((?:\\.[A-Za-z_]\\w*)+)|\\.([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*)*))$");

  private final Set<List<String>> whole = new HashSet<>();
  private final Set<List<String>> exact = new HashSet<>();
  private boolean everything;

  /** Every path the chart's own templates read (not its subcharts'). */
  static TemplateReads of(ChartArchive chart) {
    TemplateReads r = new TemplateReads();
    chart.templates().values().forEach(r::scan);
    return r;
  }

  /** Whether {@code key} (split at dots) is read: it, a parent, or a child of it is. */
  boolean reads(List<String> key) {
    if (everything) {
      return true;
    }
    for (int i = 0; i <= key.size(); i++) {
      if (whole.contains(key.subList(0, i))) {
        return true;
      }
    }
    for (List<String> r : whole) {
      if (r.size() > key.size() && r.subList(0, key.size()).equals(key)) {
        return true;
      }
    }
    for (List<String> r : exact) {
      if (r.size() >= key.size() && r.subList(0, key.size()).equals(key)) {
        return true;
      }
    }
    return false;
  }

  void whole(List<String> path) {
    if (path.isEmpty()) {
      everything = true;
    } else {
      whole.add(List.copyOf(path));
    }
  }

  /** One block's dot: the root context, a values path, or unknown (a range element, ...). */
  private record Scope(String keyword, List<String> dot, List<String> outer, boolean root) {}

  void scan(String template) {
    Deque<Scope> stack = new ArrayDeque<>();
    Matcher m = ACTION.matcher(template);
    while (m.find()) {
      String a = m.group(1).trim();
      if (a.startsWith("-")) {
        a = a.substring(1).trim();
      }
      if (a.endsWith("-")) {
        a = a.substring(0, a.length() - 1).trim();
      }
      if (a.startsWith("/*")) {
        continue;
      }
      Scope here = stack.isEmpty() ? new Scope("", null, null, true) : stack.peek();
      String keyword = a.split("[\\s(]", 2)[0];
      String rest = a.substring(keyword.length()).trim();
      switch (keyword) {
        case "end" -> {
          if (!stack.isEmpty()) {
            stack.pop();
          }
        }
        case "else" -> {
          if (!stack.isEmpty()) {
            Scope s = stack.pop();
            boolean outerRoot = stack.isEmpty() || stack.peek().root();
            Scope outer =
                s.keyword().equals("with") || s.keyword().equals("range")
                    ? new Scope(s.keyword(), s.outer(), s.outer(), s.outer() == null && outerRoot)
                    : s;
            if (rest.startsWith("with ")) {
              outer = with(rest.substring(5).trim(), outer, s.outer());
            } else {
              refs(rest, outer);
            }
            stack.push(outer);
          }
        }
        case "with" -> stack.push(with(rest, here, here.dot()));
        case "range" -> {
          refs(rest, here);
          // a range reads its subject whole; the element is not followed
          rangeSubject(rest, here);
          stack.push(new Scope("range", null, here.dot(), false));
        }
        case "define", "block" -> {
          refs(rest, here);
          stack.push(new Scope(keyword, null, null, true));
        }
        case "if" -> {
          refs(rest, here);
          stack.push(new Scope("if", here.dot(), here.dot(), here.root()));
        }
        default -> refs(a, here);
      }
    }
  }

  private Scope with(String subject, Scope here, List<String> outer) {
    Matcher s = WITH_SUBJECT.matcher(subject);
    if (s.matches()) {
      List<String> path = null;
      if (s.group(2) != null) {
        path = parts(s.group(2).substring(1));
      } else if (here.dot() != null) {
        path = new ArrayList<>(here.dot());
        path.addAll(parts(s.group(3)));
      }
      if (path != null) {
        exact.add(List.copyOf(path));
        return new Scope("with", path, outer, false);
      }
    }
    refs(subject, here);
    return new Scope("with", null, outer, false);
  }

  private void rangeSubject(String subject, Scope here) {
    String s = subject.replaceFirst("^\\$\\w+\\s*(,\\s*\\$\\w+\\s*)?:=\\s*", "").trim();
    Matcher rel = WITH_SUBJECT.matcher(s);
    if (rel.matches() && rel.group(3) != null && here.dot() != null) {
      List<String> path = new ArrayList<>(here.dot());
      path.addAll(parts(rel.group(3)));
      whole(path);
    }
  }

  private void refs(String action, Scope here) {
    String text = action;
    Matcher idx = INDEX.matcher(text);
    StringBuilder kept = new StringBuilder();
    while (idx.find()) {
      Matcher base = ABSOLUTE.matcher(idx.group(1));
      if (base.find()) {
        List<String> path =
            base.group(1).isEmpty() ? new ArrayList<>() : parts(base.group(1).substring(1));
        Matcher key = STRING.matcher(idx.group(2));
        while (key.find()) {
          String k = key.group();
          path.add(k.substring(1, k.length() - 1));
        }
        whole(path);
        idx.appendReplacement(kept, " ");
      }
    }
    idx.appendTail(kept);
    text = STRING.matcher(kept.toString()).replaceAll("\"\"");
    Matcher abs = ABSOLUTE.matcher(text);
    while (abs.find()) {
      whole(abs.group(1).isEmpty() ? List.of() : parts(abs.group(1).substring(1)));
    }
    if (here.dot() == null) {
      return;
    }
    String relative = abs.replaceAll(" ");
    Matcher rel = RELATIVE.matcher(relative);
    while (rel.find()) {
      List<String> path = new ArrayList<>(here.dot());
      path.addAll(parts(rel.group(1)));
      whole(path);
    }
    if (BARE_DOT.matcher(relative).find()) {
      whole(here.dot());
    }
  }

  private static List<String> parts(String dotted) {
    return new ArrayList<>(List.of(dotted.split("\\.")));
  }
}

package io.clusterfactory.cfctl.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every problem of an input before failing once. Positions come from the source map of the
 * document being checked; problems without one (e.g. from flags) carry no position.
 */
public final class Problems {
  private final SourceMap sourceMap;
  private final List<Problem> list = new ArrayList<>();

  public Problems(SourceMap sourceMap) {
    this.sourceMap = sourceMap;
  }

  public SourceMap sourceMap() {
    return sourceMap;
  }

  /** An error about the value at a YAML path. */
  public void error(String path, String message, String hint) {
    add(Severity.ERROR, path, position(path, false), message, hint);
  }

  public void error(String path, String message) {
    error(path, message, null);
  }

  /** An error about a key itself (unknown or duplicate field): points at the key. */
  public void keyError(String path, String message, String hint) {
    add(Severity.ERROR, path, position(path, true), message, hint);
  }

  public void warning(String path, String message, String hint) {
    add(Severity.WARNING, path, position(path, false), message, hint);
  }

  public void add(Severity severity, String path, Position position, String message, String hint) {
    Problem p = new Problem(severity, path, position, message, hint);
    // One error per path: a value that failed to bind is not reported again as "missing".
    boolean pathHasError =
        severity == Severity.ERROR
            && path != null
            && !path.isEmpty()
            && list.stream().anyMatch(q -> q.severity() == Severity.ERROR && path.equals(q.path()));
    if (!pathHasError && !list.contains(p)) {
      list.add(p);
    }
  }

  private Position position(String path, boolean key) {
    if (sourceMap == null) {
      return null;
    }
    return key ? sourceMap.keyOf(path) : sourceMap.valueOf(path);
  }

  public boolean hasErrors() {
    return list.stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }

  /** Problems sorted by position, so a report reads top to bottom like the file. */
  public List<Problem> all() {
    List<Problem> sorted = new ArrayList<>(list);
    sorted.sort(
        Comparator.comparing(
                (Problem p) -> p.position() == null ? Integer.MAX_VALUE : p.position().line())
            .thenComparing(p -> p.position() == null ? 0 : p.position().column()));
    return Collections.unmodifiableList(sorted);
  }

  public List<Problem> errors() {
    return all().stream().filter(p -> p.severity() == Severity.ERROR).toList();
  }

  public List<Problem> warnings() {
    return all().stream().filter(p -> p.severity() == Severity.WARNING).toList();
  }

  /** Throws {@link InvalidConfigException} listing every problem when there is any error. */
  public void throwIfErrors(String what) {
    if (hasErrors()) {
      throw new InvalidConfigException(what, all());
    }
  }
}

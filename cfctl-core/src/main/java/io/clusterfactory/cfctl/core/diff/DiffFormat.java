package io.clusterfactory.cfctl.core.diff;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Output formats of {@code cfctl diff -o}. */
public enum DiffFormat {
  TEXT,
  JSON,
  YAML,
  MARKDOWN;

  /** Parses {@code text|json|yaml|markdown}; anything else is invalid input (exit 2). */
  public static DiffFormat parse(String name) {
    for (DiffFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new InvalidInputException(
        "unknown diff output format '" + name + "'",
        "use one of: "
            + Arrays.stream(values())
                .map(f -> f.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
  }

  /**
   * The renderer for this format.
   *
   * @param colour ANSI colours in text output (the CLI decides: terminal and no NO_COLOR); ignored
   *     by the other formats
   */
  public DiffRenderer renderer(boolean colour) {
    return switch (this) {
      case TEXT -> new DiffTextWriter(colour);
      case JSON -> new DiffJsonWriter();
      case YAML -> new DiffYamlWriter();
      case MARKDOWN -> new DiffMarkdownWriter(DiffMarkdownWriter.GITHUB_COMMENT_LIMIT);
    };
  }
}

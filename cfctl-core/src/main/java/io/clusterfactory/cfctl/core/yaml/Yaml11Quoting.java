package io.clusterfactory.cfctl.core.yaml;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Quotes every key and string value that a YAML 1.1 reader would otherwise read as something else
 * than that string ({@code 0x01}, {@code 1e3}, {@code 12:30}, {@code off}, {@code ~}...), on top of
 * Jackson's own rules for indicators and blanks. Used with {@code MINIMIZE_QUOTES}.
 */
public final class Yaml11Quoting extends StringQuotingChecker {
  private static final long serialVersionUID = 1L;

  /** For any YAML writer of cfctl's that does not go through {@link CanonicalYaml}. */
  public static final Yaml11Quoting INSTANCE = new Yaml11Quoting();

  private static final StringQuotingChecker JACKSON = StringQuotingChecker.Default.instance();

  @Override
  public boolean needToQuoteName(String name) {
    return Yaml11.isTyped(name) || JACKSON.needToQuoteName(name);
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return Yaml11.isTyped(value) || JACKSON.needToQuoteValue(value);
  }
}

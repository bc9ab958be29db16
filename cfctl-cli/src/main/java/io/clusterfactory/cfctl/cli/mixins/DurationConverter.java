package io.clusterfactory.cfctl.cli.mixins;

import io.clusterfactory.cfctl.core.config.v1beta1.Duration;
import picocli.CommandLine;

/** Flags take durations as cluster.yaml does: 90s, 5m, 1h30m. */
public final class DurationConverter implements CommandLine.ITypeConverter<java.time.Duration> {
  @Override
  public java.time.Duration convert(String value) {
    try {
      return Duration.parse(value).value();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}

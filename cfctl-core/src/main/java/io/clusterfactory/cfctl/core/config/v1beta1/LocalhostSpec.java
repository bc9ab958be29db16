package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** {@code localhost: true} or the legacy {@code localhost: {enabled: true}}, as k0sctl accepts. */
public record LocalhostSpec(@JsonPropertyDescription("Run on this machine") Boolean enabled) {

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static LocalhostSpec of(boolean enabled) {
    return new LocalhostSpec(enabled);
  }

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public static LocalhostSpec ofObject(
      @com.fasterxml.jackson.annotation.JsonProperty("enabled") Boolean enabled) {
    return new LocalhostSpec(enabled);
  }
}

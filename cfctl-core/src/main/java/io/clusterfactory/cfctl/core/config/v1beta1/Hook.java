package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Commands run on a host before and after an action (apply, upgrade, install, reset...). */
public record Hook(
    @JsonPropertyDescription("Commands run before the action") List<String> before,
    @JsonPropertyDescription("Commands run after the action") List<String> after) {}

package io.clusterfactory.cfctl.grendel.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A boot image as Grendel stores it. Legacy servers use the single template fields {@code
 * provision_template}, {@code user_data} and {@code butane}; v0.2 folds them into the {@code
 * provision_templates} map (keys {@code kickstart}, {@code user_data}, {@code butane}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
  "name",
  "kernel",
  "initrd",
  "liveimg",
  "cmdline",
  "verify",
  "provision_template",
  "provision_templates",
  "user_data",
  "butane"
})
public record GrendelImage(
    @JsonProperty("name") String name,
    @JsonProperty("kernel") String kernel,
    @JsonProperty("initrd") List<String> initrd,
    @JsonProperty("liveimg") String liveimg,
    @JsonProperty("cmdline") String cmdline,
    @JsonProperty("verify") Boolean verify,
    @JsonProperty("provision_template") String provisionTemplate,
    @JsonProperty("provision_templates") Map<String, String> provisionTemplates,
    @JsonProperty("user_data") String userData,
    @JsonProperty("butane") String butane) {}

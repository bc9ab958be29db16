package io.clusterfactory.cfctl.grendel.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A host (upstream: node) in the JSON shape both API generations and {@code grendel host import}
 * accept. Server ids ({@code id}: string in legacy, number in v0.2; {@code uid}) are ignored: the
 * name is the identity.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"name", "provision", "boot_image", "firmware", "tags", "interfaces"})
public record GrendelHost(
    @JsonProperty("name") String name,
    @JsonProperty("provision") Boolean provision,
    @JsonProperty("boot_image") String bootImage,
    @JsonProperty("firmware") String firmware,
    @JsonProperty("tags") List<String> tags,
    @JsonProperty("interfaces") List<GrendelNic> interfaces) {}

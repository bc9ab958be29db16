package io.clusterfactory.cfctl.grendel.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** A Grendel boot image: what a node netboots. Paths are on the Grendel server. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BootImageSpec(
    @JsonProperty("name")
        @JsonPropertyDescription("Unique image name, referenced by groups[].image.")
        String name,
    @JsonProperty("kernel")
        @JsonPropertyDescription(
            "Kernel path on the Grendel server, e.g. /var/lib/grendel/squareos-9.2.vmlinuz.")
        String kernel,
    @JsonProperty("initrds")
        @JsonPropertyDescription("Initrd paths on the Grendel server, loaded in this order.")
        List<String> initrds,
    @JsonProperty("liveImage")
        @JsonPropertyDescription(
            "Live root image (squashfs) path, served at {{ $.endpoints.LiveImageURL }}.")
        String liveImage,
    @JsonProperty("cmdline")
        @JsonPropertyDescription(
            "Kernel command line, a Go text/template (e.g. BOOTIF={{ $.nic.MAC }}). Sprig"
                + " functions such as replace work only with apiGeneration legacy.")
        String cmdline,
    @JsonProperty("verify")
        @JsonPropertyDescription(
            "Make iPXE verify <file>.sig signatures of kernel and initrds (default false).")
        Boolean verify,
    @JsonProperty("butane")
        @JsonPropertyDescription(
            "Optional Butane template name under /var/lib/grendel/templates (Ignition for"
                + " CoreOS-like images).")
        String butane,
    @JsonProperty("cloudInit")
        @JsonPropertyDescription(
            "Optional cloud-init user-data template name under /var/lib/grendel/templates.")
        String cloudInit,
    @JsonProperty("kickstart")
        @JsonPropertyDescription(
            "Optional kickstart template name under /var/lib/grendel/templates (diskful"
                + " installs).")
        String kickstart) {}

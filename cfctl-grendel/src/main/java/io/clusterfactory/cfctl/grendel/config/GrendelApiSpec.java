package io.clusterfactory.cfctl.grendel.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where cfctl reaches a running Grendel's REST API for live sync, listing and power. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrendelApiSpec(
    @JsonProperty("url")
        @JsonPropertyDescription(
            "HTTP endpoint of the Grendel API, e.g. http://10.199.0.10:8080 (upstream v0.2 listens"
                + " on :8080, legacy on :6667). Exclusive with socket.")
        String url,
    @JsonProperty("socket")
        @JsonPropertyDescription(
            "Path of Grendel's API unix socket, e.g. /var/run/grendel/grendel-api.socket (no"
                + " authentication on a socket). Exclusive with url.")
        String socket,
    @JsonProperty("tokenEnv")
        @JsonPropertyDescription(
            "Name of the environment variable holding the API bearer token (upstream v0.2 over"
                + " TCP: the JWT from `grendel auth token`). The token itself never goes in"
                + " cluster.yaml.")
        String tokenEnv) {}

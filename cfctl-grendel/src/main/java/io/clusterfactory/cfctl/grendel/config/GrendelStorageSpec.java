package io.clusterfactory.cfctl.grendel.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The volume holding kernels, initrds and live images served from /var/lib/grendel. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrendelStorageSpec(
    @JsonProperty("size")
        @JsonPropertyDescription(
            "Size of the image volume as a Kubernetes quantity (default 20Gi).")
        String size,
    @JsonProperty("storageClass")
        @JsonPropertyDescription(
            "StorageClass of the image volume; unset uses the cluster's default class.")
        String storageClass) {}

package io.clusterfactory.cfctl.grendel.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The slurm.conf NodeName attributes shared by every node of a group. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SlurmNodeSpec(
    @JsonProperty("cpus") @JsonPropertyDescription("CPUs (logical processors) per node.")
        Integer cpus,
    @JsonProperty("sockets") @JsonPropertyDescription("Sockets per node.") Integer sockets,
    @JsonProperty("coresPerSocket") @JsonPropertyDescription("Cores per socket.")
        Integer coresPerSocket,
    @JsonProperty("threadsPerCore") @JsonPropertyDescription("Hardware threads per core.")
        Integer threadsPerCore,
    @JsonProperty("realMemory")
        @JsonPropertyDescription("Memory per node available to jobs, in megabytes (MB).")
        Long realMemory,
    @JsonProperty("gres")
        @JsonPropertyDescription("Generic resources, e.g. [\"gpu:a100:4\"] (Gres=).")
        List<String> gres,
    @JsonProperty("features")
        @JsonPropertyDescription("Node features for --constraint, e.g. [\"avx512\"] (Feature=).")
        List<String> features) {}

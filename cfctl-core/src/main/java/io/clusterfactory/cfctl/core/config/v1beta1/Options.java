package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

public record Options(
    @JsonProperty("wait") Wait waitFor,
    Drain drain,
    EvictTaint evictTaint,
    Concurrency concurrency) {

  public record Wait(
      @JsonPropertyDescription("Wait for hosts and stacks (default true)") Boolean enabled) {}

  public record Drain(
      @JsonPropertyDescription("Drain workers before upgrading (default true)") Boolean enabled,
      @JsonPropertyDescription("Pod grace period, e.g. 2m (default 120s)") Duration gracePeriod,
      @JsonPropertyDescription("Drain timeout, e.g. 5m (default 300s)") Duration timeout,
      Boolean force,
      Boolean ignoreDaemonSets,
      Boolean deleteEmptyDirData,
      String podSelector,
      Duration skipWaitForDeleteTimeout) {}

  public record EvictTaint(
      @JsonPropertyDescription("Taint each worker while it is upgraded (default false)")
          Boolean enabled,
      @JsonPropertyDescription("The taint, key=value (default k0sctl.k0sproject.io/evict=true)")
          String taint,
      @JsonPropertyDescription("NoExecute (default), NoSchedule or PreferNoSchedule") String effect,
      @JsonPropertyDescription("Taint controller+worker hosts too while they are upgraded")
          Boolean controllerWorkers) {}

  public record Concurrency(
      @JsonPropertyDescription("Hosts worked on at once (default 30, 0 = unlimited)") Integer limit,
      @JsonPropertyDescription("Workers upgraded at once, percent (default 10)")
          Integer workerDisruptionPercent,
      @JsonPropertyDescription("Concurrent binary uploads (default 5)") Integer uploads) {}
}

package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A host's role in the k0s cluster, spelled as in k0sctl. */
public enum Role {
  @JsonProperty("controller")
  CONTROLLER("controller"),
  @JsonProperty("worker")
  WORKER("worker"),
  @JsonProperty("controller+worker")
  CONTROLLER_WORKER("controller+worker"),
  @JsonProperty("single")
  SINGLE("single");

  private final String yaml;

  Role(String yaml) {
    this.yaml = yaml;
  }

  public String yaml() {
    return yaml;
  }

  public boolean isController() {
    return this != WORKER;
  }

  /** Whether k0s runs workloads on the host. */
  public boolean runsWorkloads() {
    return this != CONTROLLER;
  }

  @Override
  public String toString() {
    return yaml;
  }
}

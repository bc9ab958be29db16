package io.clusterfactory.cfctl.core.config.v1beta1;

/** The network stack; its fields are designed in the stacks issue. An empty block is valid. */
public record NetworkSpec() {}

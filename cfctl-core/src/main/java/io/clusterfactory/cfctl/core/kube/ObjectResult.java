package io.clusterfactory.cfctl.core.kube;

/** Outcome for one object; stack and component are empty for pruned objects without the labels. */
public record ObjectResult(ObjectRef ref, String stack, String component, ApplyAction action) {}

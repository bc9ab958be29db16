package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.manifest.ObjectRef;

/** Outcome for one object; stack and component are empty for pruned objects without the labels. */
public record ObjectResult(ObjectRef ref, String stack, String component, ObjectOutcome outcome) {}

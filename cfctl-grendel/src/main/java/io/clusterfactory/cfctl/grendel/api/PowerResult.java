package io.clusterfactory.cfctl.grendel.api;

/** Outcome of a power action on one node, as reported by Grendel's Redfish job. */
public record PowerResult(String node, boolean succeeded, String message) {}

package io.clusterfactory.cfctl.core.hydrate;

/**
 * An Application whose chart could not be hydrated, and why (no network, repository down, digest
 * refused). Never dropped silently: diff reports it, apply refuses unless told {@code
 * --no-hydrate}.
 */
public record Unhydrated(String application, ChartRef chart, String reason) {}

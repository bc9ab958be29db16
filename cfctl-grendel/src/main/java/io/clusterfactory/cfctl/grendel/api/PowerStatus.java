package io.clusterfactory.cfctl.grendel.api;

/** Power state of one node as its BMC reports it ({@code On}, {@code Off}, ...). */
public record PowerStatus(String node, String state) {}

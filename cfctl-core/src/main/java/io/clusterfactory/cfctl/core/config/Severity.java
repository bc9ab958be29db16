package io.clusterfactory.cfctl.core.config;

public enum Severity {
  ERROR,
  WARNING
}

package io.clusterfactory.cfctl.core.config;

/** Where something is in a source file; lines and columns count from 1. */
public record Position(String source, int line, int column) {
  @Override
  public String toString() {
    return source + ":" + line + ":" + column;
  }
}

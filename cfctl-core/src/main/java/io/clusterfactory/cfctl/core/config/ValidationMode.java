package io.clusterfactory.cfctl.core.config;

/**
 * What the file is loaded for. Facts of this machine (a key file that exists here) are warnings
 * when the file is only checked, e.g. in CI, and errors before apply connects to anything.
 */
public enum ValidationMode {
  OFFLINE,
  APPLY
}

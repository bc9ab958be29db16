package io.clusterfactory.cfctl.core.render;

/**
 * A deployed component: its stack, name (also its Application's suffix), the namespace it lives in,
 * its sync wave, and the pin (versions.yaml key) of its upstream chart or manifests, if any.
 */
public record Component(
    Stack stack, String name, String namespace, int wave, String pin, boolean ownsNamespace) {

  /** The Application's name, e.g. network-metallb. */
  public String appName() {
    return stack.id() + "-" + name;
  }

  /** The folder of its plain manifests in the tree. */
  public String manifestsDir() {
    return "manifests/" + stack.id() + "/" + name;
  }

  /** The Helm values file in the tree. */
  public String valuesFile() {
    return "values/" + stack.id() + "/" + name + ".yaml";
  }
}

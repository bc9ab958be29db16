package io.clusterfactory.cfctl.core.render;

/** The stacks in deployment order; each owns a band of ten sync waves. */
public enum Stack {
  NETWORK("network", 10),
  GITOPS("gitops", 20),
  PROVISIONING("provisioning", 30),
  SOFTWARE("software", 40);

  private final String id;
  private final int wave;

  Stack(String id, int wave) {
    this.id = id;
    this.wave = wave;
  }

  public String id() {
    return id;
  }

  /** The first wave of the stack's components; its AppProject goes one wave earlier. */
  public int wave() {
    return wave;
  }
}

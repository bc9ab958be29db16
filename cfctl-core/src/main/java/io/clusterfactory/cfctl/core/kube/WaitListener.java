package io.clusterfactory.cfctl.core.kube;

/** Receives wait progress; the CLI draws it. Called from the waiting thread. */
@FunctionalInterface
public interface WaitListener {
  WaitListener NONE = progress -> {};

  /** A component's ready count or reasons changed. */
  void onProgress(StackProgress progress);

  /** Every object of {@code stack} is ready. */
  default void onStackReady(String stack) {}
}

package io.clusterfactory.cfctl.core.pipeline;

import java.util.ArrayList;
import java.util.List;

/** An ordered, editable list of phases; the one place a pipeline's order is written. */
public final class Phases<C extends PhaseContext> {
  private final List<Phase<? super C>> list;

  private Phases(List<? extends Phase<? super C>> list) {
    this.list = new ArrayList<>(list);
  }

  @SafeVarargs
  public static <C extends PhaseContext> Phases<C> of(Phase<? super C>... phases) {
    return new Phases<C>(java.util.Arrays.asList(phases));
  }

  public static <C extends PhaseContext> Phases<C> of(List<? extends Phase<? super C>> phases) {
    return new Phases<C>(phases);
  }

  /** An empty list, to build with {@link #append} and {@link #appendAll}. */
  public static <C extends PhaseContext> Phases<C> empty() {
    return new Phases<C>(List.of());
  }

  public Phases<C> insertBefore(String title, Phase<? super C> phase) {
    list.add(indexOf(title), phase);
    return this;
  }

  public Phases<C> insertAfter(String title, Phase<? super C> phase) {
    list.add(indexOf(title) + 1, phase);
    return this;
  }

  public Phases<C> remove(String title) {
    list.remove(indexOf(title));
    return this;
  }

  public Phases<C> append(Phase<? super C> phase) {
    list.add(phase);
    return this;
  }

  public Phases<C> appendAll(List<? extends Phase<? super C>> phases) {
    list.addAll(phases);
    return this;
  }

  /**
   * The phases up to and including the one titled {@code title}: a command that is the start of
   * another (kubeconfig is apply cut after the kubeconfig phase) takes its list this way.
   */
  public Phases<C> through(String title) {
    return new Phases<C>(list.subList(0, indexOf(title) + 1));
  }

  public boolean contains(String title) {
    return list.stream().anyMatch(p -> p.title().equals(title));
  }

  public List<Phase<? super C>> asList() {
    return List.copyOf(list);
  }

  public List<String> titles() {
    return list.stream().map(Phase::title).toList();
  }

  private int indexOf(String title) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).title().equals(title)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no phase titled '" + title + "'");
  }
}

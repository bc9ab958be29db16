package io.clusterfactory.cfctl.core.pipeline;

import java.util.ArrayList;
import java.util.List;

/** An ordered, editable list of phases; the one place a pipeline's order is written. */
public final class Phases<C extends PhaseContext> {
  private final List<Phase<C>> list;

  private Phases(List<Phase<C>> list) {
    this.list = new ArrayList<>(list);
  }

  @SafeVarargs
  public static <C extends PhaseContext> Phases<C> of(Phase<C>... phases) {
    return new Phases<>(List.of(phases));
  }

  public static <C extends PhaseContext> Phases<C> of(List<Phase<C>> phases) {
    return new Phases<>(phases);
  }

  public Phases<C> insertBefore(String title, Phase<C> phase) {
    list.add(indexOf(title), phase);
    return this;
  }

  public Phases<C> insertAfter(String title, Phase<C> phase) {
    list.add(indexOf(title) + 1, phase);
    return this;
  }

  public Phases<C> remove(String title) {
    list.remove(indexOf(title));
    return this;
  }

  public Phases<C> append(Phase<C> phase) {
    list.add(phase);
    return this;
  }

  public List<Phase<C>> asList() {
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

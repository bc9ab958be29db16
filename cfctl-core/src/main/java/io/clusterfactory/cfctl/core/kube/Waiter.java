package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.kube.health.Health;
import io.clusterfactory.cfctl.core.kube.health.HealthStatus;
import io.clusterfactory.cfctl.core.kube.health.KStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Waits stack by stack, in the order the targets list them, until every object is ready by {@link
 * KStatus}, polling the objects that are not ready yet. Ends at the deadline of the {@link
 * KubeCalls} it is given (the run's {@code --timeout}) with a {@link WaitTimeoutException} naming
 * every object not ready, including those of stacks not reached yet. An object kstatus calls Failed
 * ends the wait at once with a {@link WaitFailedException}: waiting cannot change it.
 */
public final class Waiter {
  private final ResourceResolver resolver;
  private final KubeCalls calls;
  private final KStatus kstatus;
  private final Duration pollInterval;

  public Waiter(KubernetesClient client, KubeCalls calls, KStatus kstatus, Duration pollInterval) {
    this.resolver = new ResourceResolver(client, calls);
    this.calls = calls;
    this.kstatus = kstatus;
    this.pollInterval = pollInterval;
  }

  /**
   * Blocks until every target is ready.
   *
   * @throws WaitTimeoutException when the deadline passes first
   * @throws WaitFailedException when an object is Failed
   */
  public void waitForStacks(List<WaitTarget> targets, WaitListener listener) {
    Map<String, List<WaitTarget>> byStack = new LinkedHashMap<>();
    targets.forEach(t -> byStack.computeIfAbsent(t.stack(), s -> new ArrayList<>()).add(t));
    List<String> stacks = new ArrayList<>(byStack.keySet());
    for (int i = 0; i < stacks.size(); i++) {
      String stack = stacks.get(i);
      List<NotReady> pending = waitForStack(byStack.get(stack), listener);
      if (!pending.isEmpty()) {
        List<NotReady> all = new ArrayList<>(pending);
        for (String later : stacks.subList(i + 1, stacks.size())) {
          all.addAll(notReady(byStack.get(later)));
        }
        throw new WaitTimeoutException(stack, all);
      }
      listener.onStackReady(stack);
    }
  }

  /** Not-ready objects left when the deadline passed; empty once all are ready. */
  private List<NotReady> waitForStack(List<WaitTarget> targets, WaitListener listener) {
    Map<String, StackProgress> reported = new HashMap<>();
    List<WaitTarget> pending = new ArrayList<>(targets);
    while (true) {
      List<NotReady> notReady = notReady(pending);
      report(targets, notReady, reported, listener);
      if (notReady.isEmpty()) {
        return List.of();
      }
      List<NotReady> failed =
          notReady.stream().filter(n -> n.health().status() == HealthStatus.FAILED).toList();
      if (!failed.isEmpty()) {
        throw new WaitFailedException(targets.get(0).stack(), failed);
      }
      if (calls.deadline().expired()) {
        return notReady;
      }
      pending = notReady.stream().map(NotReady::target).toList();
      Duration remaining = calls.deadline().remaining();
      Duration sleep = remaining.compareTo(pollInterval) < 0 ? remaining : pollInterval;
      try {
        Thread.sleep(sleep.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OperationFailedException("waiting interrupted", e);
      }
    }
  }

  private List<NotReady> notReady(List<WaitTarget> targets) {
    List<NotReady> notReady = new ArrayList<>();
    // one LIST per kind and namespace where many objects share them, as apply reads
    Map<String, GenericKubernetesResource> live =
        resolver.getAll(targets.stream().map(WaitTarget::ref).toList());
    for (WaitTarget target : targets) {
      Health health = kstatus.compute(live.get(target.ref().identity()));
      if (!health.ready()) {
        notReady.add(new NotReady(target, health));
      }
    }
    return notReady;
  }

  private static void report(
      List<WaitTarget> targets,
      List<NotReady> notReady,
      Map<String, StackProgress> reported,
      WaitListener listener) {
    Map<String, List<WaitTarget>> byComponent = new LinkedHashMap<>();
    targets.forEach(t -> byComponent.computeIfAbsent(t.component(), c -> new ArrayList<>()).add(t));
    byComponent.forEach(
        (component, members) -> {
          List<NotReady> waiting =
              notReady.stream().filter(n -> n.target().component().equals(component)).toList();
          StackProgress progress =
              new StackProgress(
                  members.get(0).stack(),
                  component,
                  members.size() - waiting.size(),
                  members.size(),
                  waiting);
          if (!Objects.equals(reported.put(component, progress), progress)) {
            listener.onProgress(progress);
          }
        });
  }
}

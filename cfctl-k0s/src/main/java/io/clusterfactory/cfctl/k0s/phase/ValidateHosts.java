package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Refuses hosts k0s cannot form a cluster from: duplicate node names or private addresses, a
 * non-root user without passwordless sudo, a clock more than 30 s off the hosts' median.
 */
public final class ValidateHosts implements Phase<HostsContext> {
  /** The skew k0sctl tolerates; etcd and certificates need agreeing clocks. */
  public static final long MAX_CLOCK_SKEW_SECONDS = 30;

  @Override
  public String title() {
    return "Validate hosts";
  }

  @Override
  public void run(HostsContext ctx) {
    List<HostState> hosts = ctx.hosts(HostState::connected);
    unique(hosts, HostState::hostname, "hostname", "set a distinct hostname: for each host");
    unique(
        hosts,
        HostState::privateAddress,
        "private address",
        "set privateAddress (or privateInterface) for each host");
    // root needs no sudo; for anyone else the first root command probes `sudo -n true`
    ctx.each(
        "checking sudo",
        hosts,
        h -> {
          if (!h.remote().isRoot()) {
            h.remote().exec("true").orThrow(h.name() + ": checking sudo");
          }
        });
    checkClocks(hosts);
  }

  private static void unique(
      List<HostState> hosts,
      java.util.function.Function<HostState, String> key,
      String what,
      String hint) {
    Map<String, List<String>> byKey = new TreeMap<>();
    for (HostState h : hosts) {
      String k = key.apply(h);
      if (k != null) {
        byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(h.name());
      }
    }
    String dups =
        byKey.entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .map(e -> what + " " + e.getKey() + " is used by " + String.join(", ", e.getValue()))
            .collect(Collectors.joining("; "));
    if (!dups.isEmpty()) {
      throw new InvalidInputException("hosts must differ: " + dups, hint);
    }
  }

  static void checkClocks(List<HostState> hosts) {
    if (hosts.size() < 2) {
      return;
    }
    List<Long> offsets = hosts.stream().map(HostState::clockOffsetSeconds).sorted().toList();
    long median = offsets.get(offsets.size() / 2);
    String skewed =
        hosts.stream()
            .filter(h -> Math.abs(h.clockOffsetSeconds() - median) > MAX_CLOCK_SKEW_SECONDS)
            .map(h -> h.name() + " (" + (h.clockOffsetSeconds() - median) + " s)")
            .collect(Collectors.joining(", "));
    if (!skewed.isEmpty()) {
      throw new OperationFailedException(
          "clock skew over " + MAX_CLOCK_SKEW_SECONDS + " s from the hosts' median: " + skewed,
          "synchronize the clocks (chrony or systemd-timesyncd) and run again",
          null);
    }
  }
}

package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import java.util.List;

/**
 * {@code apply --restore-from} restores a cluster that is gone: when any controller runs k0s it is
 * refused here, after the facts are read and before the first change (exit 2, nothing touched).
 */
public final class RefuseRestoreOnRunningCluster implements Phase<HostsContext> {
  @Override
  public String title() {
    return "Check that no controller runs (restore)";
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return ctx.restore() != null;
  }

  @Override
  public void run(HostsContext ctx) {
    List<String> running =
        ctx.controllers().stream().filter(HostState::running).map(HostState::name).toList();
    if (!running.isEmpty()) {
      throw new InvalidInputException(
          "--restore-from restores a cluster whose controllers are gone, but k0s runs on "
              + String.join(", ", running)
              + ": nothing was changed",
          "to replace this cluster with the backup, run cfctl reset first; to keep it, drop"
              + " --restore-from");
    }
    List<String> unreachable =
        ctx.controllers().stream().filter(h -> !h.connected()).map(HostState::name).toList();
    if (!unreachable.isEmpty()) {
      throw new InvalidInputException(
          "--restore-from: controllers "
              + unreachable
              + " could not be checked: nothing was changed",
          "a restore needs every controller reachable");
    }
  }
}

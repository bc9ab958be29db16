package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.config.v1beta1.Hook;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import java.util.List;

/** Runs the hosts' {@code hooks.<action>.before|after} commands, in order, through the guard. */
public final class RunHooks implements Phase<HostsContext> {
  /** Before or after the action. */
  public enum When {
    BEFORE,
    AFTER
  }

  private final String action;
  private final When when;
  private List<HostState> targets = List.of();

  public RunHooks(String action, When when) {
    this.action = action;
    this.when = when;
  }

  @Override
  public String title() {
    return "Run " + (when == When.BEFORE ? "before " : "after ") + action + " hooks";
  }

  @Override
  public void prepare(HostsContext ctx) {
    targets = ctx.hosts(h -> h.connected() && !commands(h).isEmpty());
  }

  /**
   * Not in {@code diff}: hooks run on every apply (as k0sctl runs them), so they say nothing about
   * how the hosts differ from cluster.yaml, and a converged cluster with hooks must diff empty.
   */
  @Override
  public boolean shouldRun(HostsContext ctx) {
    return !targets.isEmpty() && !ctx.comparing();
  }

  private List<String> commands(HostState h) {
    Hook hook = h.spec().hooks().get(action);
    if (hook == null) {
      return List.of();
    }
    List<String> cmds = when == When.BEFORE ? hook.before() : hook.after();
    return cmds == null ? List.of() : cmds;
  }

  @Override
  public void run(HostsContext ctx) {
    ctx.each(
        "running " + action + " hooks",
        targets,
        h -> {
          for (String cmd : commands(h)) {
            ctx.guard()
                .mutate(
                    h.name(),
                    "run " + when.name().toLowerCase() + " " + action + " hook: " + cmd,
                    () -> K0sCommands.must(h, "hook '" + cmd + "'", cmd));
          }
        });
  }
}

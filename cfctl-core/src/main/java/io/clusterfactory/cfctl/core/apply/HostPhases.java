package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import java.util.List;

/**
 * The host side's part of every command: cfctl-k0s implements it (core cannot depend on cfctl-k0s)
 * and the caller hands it in. Core owns the order ({@link Pipelines}); the host side owns what its
 * phases do and the context type they share, which extends {@link ClusterContext} so core's phases
 * run over the same object.
 *
 * @param <C> the context of the host side
 */
public interface HostPhases<C extends ClusterContext> {
  /** A new context for one command run. */
  C context(LoadedConfig config, ApplyOptions options, Command command);

  /** The phases of {@code step}, in order (empty when the host side has none there). */
  List<Phase<? super C>> phases(HostStep step);

  /** No hosts at all: for runs with {@code --kubeconfig} and for tests of the cluster phases. */
  static HostPhases<ClusterContext> none() {
    return new HostPhases<>() {
      @Override
      public ClusterContext context(LoadedConfig config, ApplyOptions options, Command command) {
        return new ClusterContext(config, options, command);
      }

      @Override
      public List<Phase<? super ClusterContext>> phases(HostStep step) {
        return List.of();
      }
    };
  }
}

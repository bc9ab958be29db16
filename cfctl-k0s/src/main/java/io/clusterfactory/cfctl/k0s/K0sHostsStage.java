package io.clusterfactory.cfctl.k0s;

import io.clusterfactory.cfctl.core.apply.HostsStage;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.k0s.action.HostsApplyAction;
import io.clusterfactory.cfctl.k0s.action.HostsApplyResult;
import io.clusterfactory.cfctl.k0s.action.KubeconfigAction;

/**
 * The host half of {@code cfctl apply} as core's {@link HostsStage}: {@link HostsApplyAction} and
 * {@link KubeconfigAction} with the apply's flags on top of a base {@link HostsOptions}.
 */
public final class K0sHostsStage implements HostsStage {
  private final HostsOptions base;

  /** Over SSH, with the default timeouts and lock settings. */
  public K0sHostsStage() {
    this(HostsOptions.defaults());
  }

  /** With other defaults (e.g. a known_hosts file, or a test connector). */
  public K0sHostsStage(HostsOptions base) {
    this.base = base;
  }

  /**
   * The run's options: {@code concurrency} and {@code concurrentUploads} below 0 mean "as
   * cluster.yaml's spec.options says" (0 concurrency = unlimited, as k0sctl).
   */
  public HostsOptions options(Options options) {
    return base.withDryRun(options.dryRun())
        .withConcurrency(
            options.concurrency() < 0 ? base.concurrency() : Integer.valueOf(options.concurrency()),
            options.concurrentUploads() < 0
                ? base.uploads()
                : Integer.valueOf(options.concurrentUploads()))
        .withHostKeys(base.knownHosts(), options.acceptNewHostKeys() || base.acceptNewHostKeys())
        .withTimeouts(
            options.timeout() == null || options.timeout().isZero()
                ? base.timeout()
                : options.timeout(),
            base.waitTimeout())
        .withNoWait(base.noWait(), options.noDrain() || base.noDrain())
        .withTransfers(options.transfers() != null ? options.transfers() : base.transfers());
  }

  @Override
  public Result apply(LoadedConfig config, Options options) {
    HostsApplyResult r = new HostsApplyAction(config, options(options)).run();
    return new Result(r.changes(), r.phases());
  }

  @Override
  public String adminKubeconfig(LoadedConfig config, String address, Options options) {
    return new KubeconfigAction(config, options(options).withDryRun(false), address).run();
  }
}

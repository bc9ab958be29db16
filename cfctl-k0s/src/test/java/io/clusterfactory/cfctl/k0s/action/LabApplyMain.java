package io.clusterfactory.cfctl.k0s.action;

import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.k0s.HostsSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs an apply in its own JVM, so a lab test can kill it with SIGKILL halfway: {@code LabApplyMain
 * <cluster.yaml> <known_hosts>}.
 */
public final class LabApplyMain {
  private LabApplyMain() {}

  public static void main(String[] args) {
    HostsSettings settings =
        HostsSettings.defaults()
            .withKnownHosts(Path.of(args[1]))
            .withConnect(Duration.ofSeconds(5), 1, Duration.ofSeconds(10))
            .withWaitTimeout(Duration.ofSeconds(60));
    new HostsApplyAction(
            ConfigLoader.forApply().load(Path.of(args[0])),
            ApplyOptions.defaults().timeout(Duration.ofMinutes(5)).build(),
            settings)
        .run();
  }
}

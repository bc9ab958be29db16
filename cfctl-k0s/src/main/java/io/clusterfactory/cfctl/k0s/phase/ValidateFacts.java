package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.model.K0sReleases;
import io.clusterfactory.cfctl.k0s.model.K0sVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the target version (spec.k0s.version, else the version the cluster runs) and refuses a
 * downgrade, or an upgrade that skips a minor version (Kubernetes supports one minor at a time;
 * k0sctl has no such guard). Marks the hosts to upgrade.
 */
public final class ValidateFacts implements Phase<HostsContext> {
  private static final Logger logger = LoggerFactory.getLogger(ValidateFacts.class);

  @Override
  public String title() {
    return "Validate facts";
  }

  @Override
  public void run(HostsContext ctx) {
    K0sVersion target = target(ctx);
    ctx.targetVersion(target);
    List<String> problems = new ArrayList<>();
    for (HostState h : ctx.hosts(h -> h.running() && !h.spec().reset())) {
      K0sVersion running = h.runningVersion();
      int cmp = target.compareTo(running);
      if (cmp < 0) {
        problems.add(h.name() + " runs " + running + ", newer than " + target + " (downgrade)");
      } else if (running.major() == target.major() && target.minor() > running.minor() + 1) {
        problems.add(
            h.name() + " runs " + running + ": upgrading to " + target + " skips a minor version");
      }
      h.needsUpgrade(cmp > 0);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(
          "refusing to change the k0s version: " + String.join("; ", problems),
          "set spec.k0s.version to the running version or the next minor release");
    }
    logger.info("target k0s version {}", target);
  }

  static K0sVersion target(HostsContext ctx) {
    String wanted = ctx.cluster().spec().k0s().version();
    if (wanted != null && !wanted.isBlank()) {
      return K0sVersion.parse(wanted);
    }
    // As k0sctl: the version the cluster runs, else the newest release of the channel.
    return ctx.hosts(HostState::running).stream()
        .map(HostState::runningVersion)
        .max(Comparator.naturalOrder())
        .orElseGet(
            () -> {
              K0sVersion newest =
                  K0sReleases.newest(
                      K0sReleases.base(), ctx.cluster().spec().k0s().versionChannel());
              logger.info("spec.k0s.version is not set: using the newest release, {}", newest);
              return newest;
            });
  }
}

package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.os.OsRelease;
import io.clusterfactory.cfctl.k0s.ssh.ExecOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads /etc/os-release and picks the host's OS family (its {@code os:} field wins). */
public final class DetectOs implements Phase<HostsContext> {
  private static final Logger logger = LoggerFactory.getLogger(DetectOs.class);

  @Override
  public String title() {
    return "Detect host operating systems";
  }

  @Override
  public void run(HostsContext ctx) {
    ctx.each(
        "detecting the operating system", ctx.hosts(HostState::connected), h -> detect(ctx, h));
  }

  static void detect(HostsContext ctx, HostState h) {
    String text =
        h.remote()
            .exec(
                "cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release",
                ExecOptions.defaults().asLoginUser())
            .orThrow(h.name() + ": reading /etc/os-release")
            .stdout();
    OsRelease os = OsRelease.parse(text);
    h.os(os);
    h.configurer(ctx.configurers().pick(h.name(), os, h.spec().os()));
    logger.info("{}: {} ({})", h.name(), os.prettyName(), h.configurer().family());
  }
}

package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.config.v1beta1.Role;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.BinaryChecksum;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import io.clusterfactory.cfctl.k0s.commands.NodeCommands;
import io.clusterfactory.cfctl.k0s.model.InstallFlags;
import io.clusterfactory.cfctl.k0s.model.K0sStatus;
import io.clusterfactory.cfctl.k0s.model.K0sVersion;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns what k0s each host has, in one round trip per host: the binary's sha256 and version,
 * {@code k0s status -o json}, the installed service's flags and the controller config. Refuses a
 * role change (reset the host first) and picks the leader: the first running controller, else the
 * first controller.
 */
public final class GatherK0sFacts implements Phase<HostsContext> {
  private static final Logger logger = LoggerFactory.getLogger(GatherK0sFacts.class);
  private static final String MARK = "@@cfctl ";

  @Override
  public String title() {
    return "Gather k0s facts";
  }

  @Override
  public void run(HostsContext ctx) {
    ctx.each("gathering k0s facts", ctx.hosts(HostState::connected), h -> gather(h));
    List<String> roleChanges = new ArrayList<>();
    for (HostState h : ctx.hosts(HostState::connected)) {
      K0sStatus s = h.status();
      if (s != null && s.asRole() != h.role() && !h.spec().reset()) {
        roleChanges.add(
            h.name() + " runs k0s as " + s.asRole() + ", cluster.yaml says " + h.role());
      }
    }
    if (!roleChanges.isEmpty() && ctx.managesHosts()) {
      throw new InvalidInputException(
          "changing the role of a k0s host is not supported: " + String.join("; ", roleChanges),
          "set reset: true on the host and apply, then restore its role and apply again");
    }
    chooseLeader(ctx);
  }

  static void chooseLeader(HostsContext ctx) {
    List<HostState> controllers =
        ctx.hosts(h -> h.role().isController() && h.connected() && !h.spec().reset());
    if (controllers.isEmpty()) {
      controllers = ctx.hosts(h -> h.role().isController() && h.connected());
    }
    if (controllers.isEmpty()) {
      return;
    }
    HostState leader =
        controllers.stream().filter(HostState::running).findFirst().orElse(controllers.get(0));
    ctx.leader(leader);
    logger.info("{}: leader{}", leader.name(), leader.running() ? " (running)" : "");
  }

  static void gather(HostState h) {
    Map<String, String> sections = sections(K0sCommands.must(h, "reading k0s facts", script(h)));
    String sha = sections.get("sha");
    h.binaryPresent(sha != null);
    h.binarySha256(sha == null ? null : sha.strip());
    h.binaryVersion(sha == null ? null : K0sVersion.find(sections.getOrDefault("version", "")));
    K0sStatus status = null;
    String json = sections.get("status");
    if (json != null && !json.isBlank()) {
      try {
        status = K0sStatus.parse(json);
      } catch (IllegalArgumentException e) {
        logger.debug("{}: k0s status output not understood: {}", h.name(), e.getMessage());
      }
    }
    h.status(status);
    String unit = sections.get("unit");
    h.serviceInstalled(unit != null);
    List<String> flags = unit == null ? List.of() : InstallFlags.fromServiceFile(unit);
    if (flags.isEmpty() && status != null && !status.args().isEmpty()) {
      flags = status.args();
    }
    h.installedFlags(unit == null && status == null ? null : flags);
    h.existingConfig(sections.get("config"));
    h.disruption(sections.get("disruption"));
    logger.info(
        "{}: {}",
        h.name(),
        status != null
            ? "k0s " + status.version() + " running as " + status.asRole()
            : h.binaryPresent() ? "k0s binary present, not running" : "no k0s");
  }

  /** One script printing every fact in sections headed by {@value #MARK}. */
  static String script(HostState h) {
    String k = ShellQuote.quote(h.k0sPath());
    StringBuilder s = new StringBuilder();
    s.append("if [ -x ")
        .append(k)
        .append(" ]; then ")
        .append(BinaryChecksum.readScript(h.k0sPath()))
        .append("; echo '" + MARK + "sha'; echo \"$sha\"; ")
        .append("echo '" + MARK + "version'; echo \"$ver\"; ")
        .append("echo '" + MARK + "status'; ")
        .append(k)
        .append(" status -o json 2>/dev/null")
        .append(" || echo; fi; ");
    for (Role r : new Role[] {h.role(), h.role().isController() ? Role.WORKER : Role.CONTROLLER}) {
      for (String unit : h.configurer().serviceFiles(r)) {
        String u = ShellQuote.quote(unit);
        s.append("if [ -f ")
            .append(u)
            .append(" ] && [ -z \"$unitseen\" ]; then unitseen=1; ")
            .append("echo '" + MARK + "unit'; cat ")
            .append(u)
            .append("; fi; ");
      }
    }
    if (h.role().isController()) {
      String c = ShellQuote.quote(h.configurer().k0sConfigPath());
      s.append("if [ -f ")
          .append(c)
          .append(" ]; then echo '" + MARK + "config'; cat ")
          .append(c)
          .append("; fi; ");
    }
    String d = ShellQuote.quote(NodeCommands.disruptionRecord(h));
    s.append("if [ -f ")
        .append(d)
        .append(" ]; then echo '" + MARK + "disruption'; cat ")
        .append(d)
        .append("; fi; ");
    s.append("exit 0");
    return s.toString();
  }

  static Map<String, String> sections(String out) {
    Map<String, String> map = new TreeMap<>();
    String current = null;
    StringBuilder body = new StringBuilder();
    for (String line : out.split("\n", -1)) {
      if (line.startsWith(MARK)) {
        if (current != null) {
          map.put(current, body.toString());
        }
        current = line.substring(MARK.length()).strip();
        body.setLength(0);
      } else if (current != null) {
        body.append(line).append('\n');
      }
    }
    if (current != null) {
      map.put(current, body.toString());
    }
    return map;
  }
}

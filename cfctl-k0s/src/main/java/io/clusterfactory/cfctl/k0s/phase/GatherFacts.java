package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.ssh.ExecOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * Learns each host's architecture, node name, clock, and private interface and address in one round
 * trip; configured privateInterface/privateAddress/hostname win over detection.
 */
public final class GatherFacts implements Phase<HostsContext> {

  @Override
  public String title() {
    return "Gather host facts";
  }

  @Override
  public void run(HostsContext ctx) {
    ctx.each("gathering facts", ctx.hosts(HostState::connected), GatherFacts::gather);
  }

  static void gather(HostState h) {
    String script = h.configurer().factsScript(h.spec().privateInterface());
    long before = System.currentTimeMillis();
    String out =
        h.remote()
            .exec(script, ExecOptions.defaults().asLoginUser())
            .orThrow(h.name() + ": gathering facts")
            .stdout();
    long after = System.currentTimeMillis();
    Map<String, String> facts = new HashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        facts.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    h.arch(arch(facts.getOrDefault("arch", "")));
    String name = h.spec().hostname() != null ? h.spec().hostname() : facts.get("hostname");
    h.hostname(name == null ? null : name.toLowerCase());
    h.privateInterface(
        h.spec().privateInterface() != null ? h.spec().privateInterface() : facts.get("iface"));
    String address = h.spec().privateAddress();
    if (address == null) {
      address = facts.get("address");
    }
    if (address == null || address.isEmpty()) {
      address = h.spec().ssh() != null ? h.spec().ssh().address() : null;
    }
    h.privateAddress(address);
    try {
      long remote = Long.parseLong(facts.getOrDefault("now", ""));
      h.clockOffsetSeconds(remote - (before + after) / 2000);
    } catch (NumberFormatException e) {
      h.clockOffsetSeconds(0);
    }
  }

  /** uname -m to the k0s release naming. */
  static String arch(String uname) {
    return switch (uname) {
      case "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "armv7l", "armv8l", "armhf" -> "arm";
      default -> uname;
    };
  }
}

package io.clusterfactory.cfctl.k0s.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facts script, run by /bin/sh here with a stand-in {@code ip} that prints given routes: which
 * interface and address it picks.
 */
class FactsScriptTest {
  @TempDir Path dir;

  final Configurer debian = new Configurer("debian", Set.of("debian"));

  Map<String, String> run(String routes, String defaultRoute, String forced) throws Exception {
    Path ip = dir.resolve("ip");
    Files.writeString(
        ip,
        "#!/bin/sh\ncase \"$*\" in\n"
            + "  *'route list'*) printf '%s\\n' '"
            + routes
            + "' ;;\n"
            + "  *default*) printf '%s\\n' '"
            + defaultRoute
            + "' ;;\n"
            + "  *'addr show dev eth7'*) echo '3: eth7    inet 172.20.0.9/16 brd 172.20.255.255"
            + " scope global eth7' ;;\n"
            + "  *addr*) echo \"2: $5    inet 10.1.0.5/24 brd 10.1.0.255 scope global $5\" ;;\n"
            + "esac\n");
    Files.setPosixFilePermissions(ip, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", debian.factsScript(forced));
    pb.environment().put("PATH", dir + ":" + System.getenv("PATH"));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> facts = new TreeMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        facts.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return facts;
  }

  @Test
  void thePrivateRangeRouteWinsOverTheDefaultOne() throws Exception {
    Map<String, String> f =
        run(
            "8.8.0.0/16 dev pub0\n192.168.5.0/24 dev ens5 proto kernel\n10.1.0.0/24 dev ens4",
            "default via 1.1.1.1 dev pub1",
            null);
    assertEquals("ens5", f.get("iface"), f.toString());
    assertEquals("10.1.0.5", f.get("address"), f.toString());
    assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), f.get("hostname"));
    assertTrue(f.get("arch").matches("[a-z0-9_]+"), f.toString());
    assertTrue(f.get("now").matches("[0-9]+"), f.toString());
  }

  @Test
  void aPrivateRouteWithoutADeviceIsPassedOver() throws Exception {
    Map<String, String> f =
        run("unreachable 10.199.0.0/16\n172.16.0.0/12 via 1.2.3.4 dev wg0", "", null);
    assertEquals("wg0", f.get("iface"), f.toString());
  }

  @Test
  void withoutAPrivateRouteTheDefaultRoutesDevice() throws Exception {
    Map<String, String> f =
        run("8.8.0.0/16 dev pub0", "default via 9.9.9.9 dev dflt0 proto dhcp", null);
    assertEquals("dflt0", f.get("iface"), f.toString());
  }

  @Test
  void aConfiguredInterfaceIsTakenAsItIs() throws Exception {
    Map<String, String> f = run("10.1.0.0/24 dev ens4", "", "eth7");
    assertEquals("eth7", f.get("iface"), f.toString());
    assertEquals("172.20.0.9", f.get("address"), f.toString());
  }
}

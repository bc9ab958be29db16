package io.clusterfactory.cfctl.k0s.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.pipeline.PhaseResult;
import io.clusterfactory.cfctl.k0s.HostsOptions;
import io.clusterfactory.cfctl.k0s.lab.Lab;
import io.clusterfactory.cfctl.k0s.lab.StandInK0s;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: the figures of bench/hosts-bench.sh (first apply and no-op re-apply on 1, 5 and 20
 * lab hosts with a 100 MB stand-in binary). Runs only with {@code -Dcfctl.bench=true}; prints a
 * table on stdout and asserts only that the re-apply changed nothing.
 */
@Tag("lab")
@EnabledIfSystemProperty(named = "cfctl.bench", matches = "true")
class HostsBenchTest {
  static final String VERSION = "v1.31.2+k0s.0";
  static final long BINARY_BYTES = 100_000_000L;

  @TempDir Path dir;

  @Test
  void applyTo1And5And20Hosts() throws Exception {
    Path binary = StandInK0s.write(dir, VERSION, BINARY_BYTES);
    StringBuilder out =
        new StringBuilder(
            "\n== cfctl hosts bench (stand-in k0s of "
                + Files.size(binary) / 1_000_000
                + " MB) ==\n");
    String sizes = System.getProperty("cfctl.bench.hosts", "1,5,20");
    for (int n : Arrays.stream(sizes.split(",")).mapToInt(Integer::parseInt).toArray()) {
      try (Lab lab = Lab.create(n)) {
        Path config = config(lab, n, binary);
        HostsOptions options =
            HostsOptions.defaults()
                .withHostKeys(lab.knownHosts(), false)
                .withTimeouts(Duration.ofMinutes(20), Duration.ofSeconds(120));
        HostsApplyResult first =
            new HostsApplyAction(ConfigLoader.forApply().load(config), options).run();
        HostsApplyResult again =
            new HostsApplyAction(ConfigLoader.forApply().load(config), options).run();
        assertEquals(List.of(), again.changes(), "the re-apply on " + n + " hosts changed things");
        out.append(
            String.format(
                "%n%d host(s): first apply %.2f s, no-op re-apply %.2f s%n",
                n, seconds(first.elapsed()), seconds(again.elapsed())));
        out.append(String.format("  %-34s %10s %10s%n", "phase", "first", "re-apply"));
        for (int i = 0; i < first.phases().size(); i++) {
          PhaseResult a = first.phases().get(i);
          PhaseResult b = again.phases().get(i);
          if (a.status() == PhaseResult.Status.SKIPPED
              && b.status() == PhaseResult.Status.SKIPPED) {
            continue;
          }
          out.append(String.format("  %-34s %10s %10s%n", a.title(), fmt(a), fmt(b)));
        }
      }
    }
    System.out.println(out);
    Files.writeString(
        Path.of(System.getProperty("cfctl.bench.out", "target/hosts-bench.txt")), out.toString());
  }

  private static String fmt(PhaseResult r) {
    return r.status() == PhaseResult.Status.SKIPPED
        ? "-"
        : String.format("%.2f s", seconds(r.elapsed()));
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static Path config(Lab lab, int n, Path binary) throws Exception {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\n")
        .append("metadata:\n  name: bench\nspec:\n  hosts:\n");
    for (int i = 0; i < n; i++) {
      y.append("  - role: ")
          .append(i == 0 ? "controller" : "worker")
          .append('\n')
          .append("    ssh:\n      address: ")
          .append(lab.host(i).address())
          .append('\n')
          .append("      keyPath: ")
          .append(lab.clientKey())
          .append('\n')
          .append("    k0sBinaryPath: ")
          .append(binary)
          .append('\n');
    }
    y.append("  k0s:\n    version: ").append(VERSION).append('\n');
    Path file = Files.createTempFile("bench-cluster", ".yaml");
    Files.writeString(file, y.toString());
    return file;
  }
}

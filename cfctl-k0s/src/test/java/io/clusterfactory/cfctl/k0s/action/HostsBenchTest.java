package io.clusterfactory.cfctl.k0s.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.pipeline.PhaseResult;
import io.clusterfactory.cfctl.k0s.HostsSettings;
import io.clusterfactory.cfctl.k0s.lab.Lab;
import io.clusterfactory.cfctl.k0s.lab.StandInK0s;
import io.clusterfactory.cfctl.k0s.local.LocalDigests;
import io.clusterfactory.cfctl.k0s.local.Sha256;
import io.clusterfactory.cfctl.testing.LabTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: the figures of bench/hosts-bench.sh (first apply and no-op re-apply on 1, 5 and 20
 * lab hosts with a 100 MB stand-in binary). Runs only with {@code -Dcfctl.bench=true}; prints a
 * table on stdout and asserts only that the re-apply changed nothing.
 */
@LabTier
@EnabledIfSystemProperty(named = "cfctl.bench", matches = "true")
class HostsBenchTest {
  static final String VERSION = "v1.31.2+k0s.0";
  static final long BINARY_BYTES = 100_000_000L;

  @TempDir Path dir;

  @Test
  void applyTo1And5And20Hosts() throws Exception {
    Path binary = StandInK0s.write(dir, VERSION, BINARY_BYTES);
    // a site's binary was downloaded well before the run; one written less than
    // LocalDigests.RACY_WINDOW (2 s) before it is hashed is "racily clean" and never cached, which
    // would charge the re-apply here a full hash that no real re-apply pays
    Thread.sleep(2_500);
    StringBuilder out =
        new StringBuilder(
            "\n== cfctl hosts bench (stand-in k0s of "
                + Files.size(binary) / 1_000_000
                + " MB) ==\n");
    String sizes = System.getProperty("cfctl.bench.hosts", "1,5,20");
    for (int n : Arrays.stream(sizes.split(",")).mapToInt(Integer::parseInt).toArray()) {
      try (Lab lab = Lab.create(n)) {
        Path config = config(lab, n, binary);
        ApplyOptions options = ApplyOptions.defaults().timeout(Duration.ofMinutes(20)).build();
        HostsSettings settings =
            HostsSettings.defaults()
                .withKnownHosts(lab.knownHosts())
                .withWaitTimeout(Duration.ofSeconds(120));
        // every timed run starts with no dirty pages left by the one before it
        lab.execOk(0, "sync");
        HostsApplyResult first =
            new HostsApplyAction(ConfigLoader.forApply().load(config), options, settings).run();
        // best of three no-op re-applies, as validate's start-up beside it is a best of five:
        // one sample on a shared machine measures its neighbours as much as cfctl
        HostsApplyResult again = null;
        List<String> runs = new java.util.ArrayList<>();
        for (int run = 0; run < 3; run++) {
          HostsApplyResult r =
              new HostsApplyAction(ConfigLoader.forApply().load(config), options, settings).run();
          assertEquals(List.of(), r.changes(), "the re-apply on " + n + " hosts changed things");
          runs.add(String.format("%.3f", seconds(r.elapsed())));
          if (again == null || r.elapsed().compareTo(again.elapsed()) < 0) {
            again = r;
          }
        }
        out.append(
            String.format(
                "%n%d host(s): first apply %.2f s, no-op re-applies %s s, best no-op re-apply"
                    + " %.3f s%n",
                n, seconds(first.elapsed()), String.join(" / ", runs), seconds(again.elapsed())));
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
        out.append(localDigestLine(binary));
        if (n >= 3) {
          // best of three: the first copy onto fresh disk blocks is the slowest and the noisiest
          double floor = Double.MAX_VALUE;
          for (int run = 0; run < 3; run++) {
            floor = Math.min(floor, bareFanOutSeconds(lab));
          }
          out.append(
              String.format(
                  "  floor: the binary copied from the first host to the %d others and hashed,"
                      + " without cfctl, best of 3: %.2f s%n",
                  n - 1, floor));
        }
      }
    }
    System.out.println(out);
    Files.writeString(
        Path.of(System.getProperty("cfctl.bench.out", "target/hosts-bench.txt")), out.toString());
  }

  /**
   * What the local binary's sha256 costs a run: hashing it (what every run paid before the digest
   * cache) and reading it from the cache, as the re-apply above did.
   */
  private static String localDigestLine(Path binary) throws Exception {
    long t0 = System.nanoTime();
    String hashed = new Sha256().digest(binary).sha256();
    long t1 = System.nanoTime();
    String cached = LocalDigests.standard().digest(binary).sha256();
    long t2 = System.nanoTime();
    assertEquals(hashed, cached);
    return String.format(
        "  local sha256 of the binary: hashed %.3f s, from the digest cache %.3f s%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9);
  }

  /**
   * What staging cannot go below in this lab: the first host serves its binary (sendfile, as
   * cfctl's peer server does) and every other host downloads it next to the real one and hashes it,
   * all at once, with no cfctl code involved. The lab's hosts share this machine's CPUs.
   */
  private static double bareFanOutSeconds(Lab lab) throws Exception {
    String address = lab.host(0).address();
    String server =
        "import functools,http.server,sys\n"
            + "class H(http.server.SimpleHTTPRequestHandler):\n"
            + " def log_message(self,*a): pass\n"
            + " def copyfile(self,src,dst): self.connection.sendfile(src)\n"
            + "h=functools.partial(H,directory='/usr/local/bin')\n"
            + "http.server.ThreadingHTTPServer(('"
            + address
            + "',18080),h).serve_forever()\n";
    lab.execOk(
        0,
        "printf '%s' \""
            + server.replace("\"", "\\\"")
            + "\" > /run/floor.py; (setsid timeout 300 python3 /run/floor.py"
            + " </dev/null >/dev/null 2>&1 & echo $! > /run/floor.pid)");
    String url = "http://" + address + ":18080/k0s";
    lab.execOk(
        1,
        "for i in $(seq 1 50); do curl -s -o /dev/null -r 0-0 "
            + url
            + " && exit 0; sleep 0.1; done; exit 1");
    String fetch =
        "curl -sSf -o /usr/local/bin/floor-k0s "
            + url
            + " && openssl dgst -sha256 -r /usr/local/bin/floor-k0s >/dev/null";
    lab.execOk(0, "sync");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(lab.size());
    try {
      long start = System.nanoTime();
      List<java.util.concurrent.Future<String>> copies = new java.util.ArrayList<>();
      for (int i = 1; i < lab.size(); i++) {
        int host = i;
        copies.add(pool.submit(() -> lab.execOk(host, fetch)));
      }
      for (var copy : copies) {
        copy.get();
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      pool.shutdownNow();
      for (int i = 1; i < lab.size(); i++) {
        lab.exec(i, "rm -f /usr/local/bin/floor-k0s");
      }
      // by the pid it started, never by name: the lab shares its pid namespace with the machine
      lab.exec(
          0,
          "pid=$(cat /run/floor.pid) && kill \"$pid\" && for i in $(seq 1 50); do"
              + " kill -0 \"$pid\" 2>/dev/null || break; sleep 0.1; done;"
              + " rm -f /run/floor.py /run/floor.pid");
    }
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

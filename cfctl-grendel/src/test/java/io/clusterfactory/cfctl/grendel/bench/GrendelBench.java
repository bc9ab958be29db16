package io.clusterfactory.cfctl.grendel.bench;

import io.clusterfactory.cfctl.grendel.config.GrendelSpec;
import io.clusterfactory.cfctl.grendel.inventory.Finding;
import io.clusterfactory.cfctl.grendel.inventory.Inventory;
import io.clusterfactory.cfctl.grendel.inventory.Resolution;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedInventory;
import io.clusterfactory.cfctl.grendel.model.GrendelHost;
import io.clusterfactory.cfctl.grendel.model.GrendelJson;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import io.clusterfactory.cfctl.grendel.render.GrendelFiles;
import io.clusterfactory.cfctl.grendel.slurm.SlurmConfig;
import io.clusterfactory.cfctl.grendel.sync.ServerState;
import io.clusterfactory.cfctl.grendel.sync.SyncPlan;
import io.clusterfactory.cfctl.grendel.sync.SyncPlanner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Driver for bench/grendel-bench.sh. {@code nodeset}: expand/fold 10,000 names. {@code e2e
 * SPEC.json OUTDIR [RUNS]}: load, expand, validate and render (hosts.json, images.json, slurm
 * nodes), optionally RUNS times in one JVM to show the warm cost. {@code plan SPEC.json}: time sync
 * plans against a server holding most nodes, some changed, some foreign.
 */
public final class GrendelBench {
  private GrendelBench() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("nodeset")) {
      nodeset();
      return;
    }
    Path specFile = Path.of(args[1]);
    GrendelSpec spec = GrendelJson.mapper().readValue(specFile.toFile(), GrendelSpec.class);
    Path baseDir = specFile.toAbsolutePath().getParent();
    if (args[0].equals("e2e")) {
      int runs = args.length > 3 ? Integer.parseInt(args[3]) : 1;
      for (int run = 0; run < runs; run++) {
        endToEnd(spec, baseDir, Path.of(args[2]));
      }
    } else {
      plan(spec, baseDir);
    }
  }

  private static void endToEnd(GrendelSpec spec, Path baseDir, Path out) throws Exception {
    long start = System.nanoTime();
    Resolution resolution = Inventory.analyze(spec, baseDir, List.of("10.100.250.0-10.100.250.99"));
    if (resolution.hasErrors()) {
      resolution.findings().stream().map(Finding::toString).forEach(System.err::println);
      System.exit(2);
    }
    ResolvedInventory inventory = resolution.inventory();
    long resolved = System.nanoTime();
    Files.createDirectories(out);
    String hosts = GrendelFiles.hostsJson(inventory);
    Files.writeString(out.resolve("hosts.json"), hosts);
    Files.writeString(out.resolve("images.json"), GrendelFiles.imagesJson(inventory));
    Files.writeString(out.resolve("slurm-nodes.conf"), SlurmConfig.render(inventory));
    long rendered = System.nanoTime();
    System.out.printf(
        "nodes=%d findings=%d hosts.json=%d bytes  in-JVM: resolve+validate %d ms, render %d ms%n",
        inventory.nodes().size(),
        resolution.findings().size(),
        hosts.length(),
        (resolved - start) / 1_000_000,
        (rendered - resolved) / 1_000_000);
  }

  /** Expand and fold 10,000 names, regular and two-dimensional with gaps; cold then warm. */
  private static void nodeset() {
    List<String> scattered = new ArrayList<>();
    for (int rack = 1; rack <= 100; rack++) {
      for (int node = 1; node <= 110; node++) {
        if (node % 11 != 0) {
          scattered.add(String.format("r%03dn%03d", rack, node));
        }
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int round = 1; round <= 5; round++) {
      long wall = System.nanoTime();
      long cpu = threads.getCurrentThreadCpuTime();
      List<String> names = NodeSet.expand("cn[00001-10000]");
      String folded = NodeSet.fold(names);
      String scatteredFolded = NodeSet.fold(scattered);
      int back = NodeSet.expand(scatteredFolded).size();
      System.out.printf(
          "nodeset round %d: expand+fold 10000 (%s) and fold+expand %d 2-D names with gaps (%d"
              + " chars, %d back): wall %.1f ms, thread CPU %.1f ms%n",
          round,
          folded,
          scattered.size(),
          scatteredFolded.length(),
          back,
          (System.nanoTime() - wall) / 1e6,
          (threads.getCurrentThreadCpuTime() - cpu) / 1e6);
    }
  }

  private static void plan(GrendelSpec spec, Path baseDir) {
    ResolvedInventory inventory = Inventory.resolve(spec, baseDir);
    List<GrendelHost> desired = GrendelFiles.hosts(inventory);
    List<GrendelHost> server = new ArrayList<>(desired.size());
    // server: 90% of the nodes, 5% of those with another image, plus 100 foreign nodes
    for (int i = desired.size() / 10; i < desired.size(); i++) {
      GrendelHost host = desired.get(i);
      server.add(
          i % 20 == 0
              ? new GrendelHost(host.name(), true, "old", null, host.tags(), host.interfaces())
              : host);
    }
    for (int i = 1; i <= 100; i++) {
      server.add(new GrendelHost("foreign" + i, true, "old", null, List.of(), List.of()));
    }
    ServerState state = new ServerState(server, GrendelFiles.images(inventory));

    long start = System.nanoTime();
    SyncPlan plan = SyncPlanner.plan(inventory, state, true);
    long first = System.nanoTime() - start;
    long[] warm = new long[9];
    for (int i = 0; i < warm.length; i++) {
      long t = System.nanoTime();
      SyncPlanner.plan(inventory, state, true);
      warm[i] = System.nanoTime() - t;
    }
    Arrays.sort(warm);
    SyncPlan.Report report = plan.report();
    System.out.printf(
        "plan of %d desired vs %d server nodes: create=%d update=%d delete=%d unchanged=%d%n",
        desired.size(),
        server.size(),
        report.nodes().create(),
        report.nodes().update(),
        report.nodes().delete(),
        report.nodes().unchanged());
    System.out.printf(
        "plan time: first (cold JIT) %d ms, warm median %d ms%n",
        first / 1_000_000, warm[warm.length / 2] / 1_000_000);
  }
}

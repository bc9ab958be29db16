package io.clusterfactory.cfctl.core.apply.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.error.ExitCode;
import io.clusterfactory.cfctl.core.error.UnhydratedChartsException;
import io.clusterfactory.cfctl.core.hydrate.ChartRef;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.hydrate.Unhydrated;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The hydration phase: runs only with a hydrator, refuses on apply, notes on diff. */
class HydrateTreeTest {
  static final LoadedConfig CONFIG =
      new ConfigLoader(k -> null, ValidationMode.OFFLINE)
          .load(Path.of("../examples/network-only/cluster.yaml"));
  static final ChartRef REF = new ChartRef(ChartRef.Kind.HTTP, "https://x.example", "c", "1.0.0");

  private static ClusterContext ctx(Command c, boolean noHydrate, Unhydrated missing) {
    ClusterContext ctx =
        new ClusterContext(CONFIG, ApplyOptions.defaults().noHydrate(noHydrate).build(), c);
    ctx.tree(new RenderedTree(new TreeMap<>(), List.of(), List.of(), new TreeMap<>()));
    ctx.useHydrator(t -> new HydratedTree(List.of(), List.of(missing)));
    return ctx;
  }

  @Test
  void applyRefusesAnUnreachableChartWithExit3AndALockRefusalWithExit2() {
    ClusterContext ctx = ctx(Command.APPLY, false, new Unhydrated("app", REF, "cannot reach x"));
    UnhydratedChartsException e =
        assertThrows(UnhydratedChartsException.class, () -> new HydrateTree().run(ctx));
    assertEquals(ExitCode.UNREACHABLE, e.exitCode());
    assertTrue(e.getMessage().contains("app (https://x.example c 1.0.0): cannot reach x"));
    ClusterContext locked =
        ctx(
            Command.APPLY,
            false,
            new Unhydrated("app", REF, "digest a " + Unhydrated.LOCK_REFUSED + "'s b"));
    assertEquals(
        ExitCode.INVALID_INPUT,
        assertThrows(UnhydratedChartsException.class, () -> new HydrateTree().run(locked))
            .exitCode());
  }

  @Test
  void noHydrateSkipsAndNoHydratorSkips() {
    assertFalse(
        new HydrateTree().shouldRun(ctx(Command.APPLY, true, new Unhydrated("a", REF, "r"))));
    ClusterContext none = ctx(Command.APPLY, false, new Unhydrated("a", REF, "r"));
    none.useHydrator(null);
    assertFalse(new HydrateTree().shouldRun(none));
    assertTrue(
        new HydrateTree().shouldRun(ctx(Command.APPLY, false, new Unhydrated("a", REF, "r"))));
  }

  @Test
  void diffKeepsGoingAndRecordsWhatItCouldNotHydrate() {
    ClusterContext ctx = ctx(Command.DIFF, false, new Unhydrated("app", REF, "cannot reach x"));
    new HydrateTree().run(ctx);
    assertEquals(1, ctx.hydrated().missing().size());
  }

  @Test
  void templatesAreGivenTheKubernetesVersionOfThePinnedK0s() {
    LoadedConfig pinned =
        new ConfigLoader(k -> null, ValidationMode.OFFLINE)
            .load(Path.of("../examples/single/cluster.yaml"));
    ClusterContext ctx = new ClusterContext(pinned, ApplyOptions.defaults().build(), Command.APPLY);
    ctx.tree(new RenderedTree(new TreeMap<>(), List.of(), List.of(), new TreeMap<>()));
    String k0s = pinned.cluster().spec().k0s().version();
    String[] seen = new String[1];
    ctx.useHydrator(
        new io.clusterfactory.cfctl.core.hydrate.Hydrator() {
          @Override
          public HydratedTree hydrate(RenderedTree tree) {
            throw new AssertionError("the version-aware call is used");
          }

          @Override
          public HydratedTree hydrate(RenderedTree tree, String kubeVersion) {
            seen[0] = kubeVersion;
            return HydratedTree.NONE;
          }
        });
    new HydrateTree().run(ctx);
    assertTrue(k0s.contains("+k0s"), k0s);
    assertEquals(k0s.substring(0, k0s.indexOf('+')), seen[0]);
  }
}

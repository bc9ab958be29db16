package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * apply and diff hydrate by default (docs/helm.md, "Apply and diff"): a chart that cannot be pulled
 * (here a loopback port nobody listens on) stops apply, dry run included, before anything is
 * touched, exit 3, naming the chart and what {@code --no-hydrate} skips; diff lists it, compares
 * the rest and exits 3 too; {@code --no-hydrate} gives the diff without charts, clean once
 * converged. No chart is ever pulled, so Helm's native library is never loaded.
 */
class DefaultHydrationCliTest {
  static final String DOWN = "http://127.0.0.1:1/nothing";
  static final String NAMED = "software-down (" + DOWN + " gone 1.0.0)";

  @TempDir Path dir;
  Path bare;
  String cfg;

  @BeforeEach
  void site() throws Exception {
    bare = dir.resolve("gitops.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    Path site = dir.resolve("site");
    Files.createDirectories(site);
    Path config = site.resolve("cluster.yaml");
    Files.writeString(
        config,
        Files.readString(Path.of("../examples/single/cluster.yaml"))
                .replace("file:///srv/gitops.git", bare.toUri().toString())
            + "  applications:\n    - name: down\n      stack: software\n      repoURL: "
            + DOWN
            + "\n      chart: gone\n      targetRevision: 1.0.0\n");
    cfg = config.toString();
  }

  List<?> refs() throws Exception {
    try (Git git = Git.open(bare.toFile())) {
      return git.getRepository().getRefDatabase().getRefs();
    }
  }

  @Test
  void applyAndItsDryRunStopOnAChartThatCannotBePulledNamingItAndWhatNoHydrateSkips()
      throws Exception {
    for (List<String> args :
        List.of(
            List.of("apply", "--only", "gitops", "--timeout", "20s", cfg),
            List.of("apply", "--dry-run", "--only", "gitops", "--timeout", "20s", cfg),
            List.of("apply", "--hydrate", "--only", "gitops", "--timeout", "20s", cfg))) {
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertEquals(3, run.exitCode(), args + ": " + run.err());
      assertTrue(run.err().contains(NAMED), run.err());
      assertTrue(run.err().contains("nothing was touched"), run.err());
      assertTrue(run.err().contains("--no-hydrate to skip hydration"), run.err());
      assertTrue(run.err().contains("not validated nor compared"), run.err());
      assertEquals(List.of(), refs(), "nothing pushed: " + args);
    }
    CliRun skipped = CliRun.of("apply", "--no-hydrate", "--only", "gitops", cfg);
    assertEquals(0, skipped.exitCode(), skipped.err());
    assertFalse(refs().isEmpty(), "--no-hydrate publishes");
  }

  @Test
  void diffListsTheChartComparesTheRestAndExits3LikeApplyNoHydrateIsCleanOnceConverged()
      throws Exception {
    CliRun diff = CliRun.of("diff", "--offline", "--timeout", "20s", cfg);
    assertEquals(3, diff.exitCode(), diff.err());
    assertTrue(diff.out().contains("could not hydrate " + NAMED.replace(" (", " (")), diff.out());
    assertTrue(diff.out().contains("apps/software/down.yaml"), "the rest compared: " + diff.out());
    assertTrue(diff.err().contains("1 chart(s) could not be hydrated"), diff.err());
    assertTrue(diff.err().contains("--no-hydrate"), diff.err());
    assertEquals(
        3,
        CliRun.of("diff", "--offline", "--detailed-exitcode", "--timeout", "20s", cfg).exitCode(),
        "unreachable keeps 3 in terraform's convention");
    assertEquals(
        3, CliRun.of("diff", "--hydrate", "--offline", "--timeout", "20s", cfg).exitCode());
    CliRun without = CliRun.of("diff", "--no-hydrate", "--offline", cfg);
    assertEquals(1, without.exitCode(), "a first publish: changes: " + without.err());
    assertFalse(without.out().contains("could not hydrate"), without.out());

    assertEquals(0, CliRun.of("apply", "--no-hydrate", "--only", "gitops", cfg).exitCode());
    CliRun converged = CliRun.of("diff", "--no-hydrate", "--offline", "--detailed-exitcode", cfg);
    assertEquals(0, converged.exitCode(), converged.out() + converged.err());
    assertEquals(
        3,
        CliRun.of("diff", "--offline", "--timeout", "20s", cfg).exitCode(),
        "hydrating, the converged diff still cannot vouch for the chart");
  }
}

package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cfctl diff --offline against a real bare repository: what a CI job on a fork runs. */
class DiffCliTest {
  @Test
  void offlineDiffBeforeAndAfterPublishing(@TempDir Path dir) throws Exception {
    Path bare = dir.resolve("gitops.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    Path site = dir.resolve("site");
    Files.createDirectories(site);
    // examples/lab seals a database password; a fork's CI has no secret inputs at all.
    Files.writeString(
        site.resolve("cluster.yaml"),
        Files.readString(Path.of("../examples/lab/cluster.yaml"))
            .replace("file:///srv/gitops.git", bare.toUri().toString()));
    Files.copy(Path.of("../examples/lab/sealed-secrets.pem"), site.resolve("sealed-secrets.pem"));
    String cfg = site.resolve("cluster.yaml").toString();

    CliRun before = CliRun.of("diff", "--no-hydrate", "--offline", "-o", "json", cfg);
    assertEquals(1, before.exitCode(), before.err());
    JsonNode json = new ObjectMapper().readTree(before.out());
    assertTrue(json.toString().contains("create"), before.out());
    assertEquals(
        2, CliRun.of("diff", "--no-hydrate", "--offline", "--detailed-exitcode", cfg).exitCode());
    assertEquals(
        2,
        CliRun.of("diff", "--no-hydrate", "--offline", "-detailed-exitcode", cfg).exitCode(),
        "terraform's single-dash spelling");
    CliRun yaml = CliRun.of("diff", "--no-hydrate", "--offline", "-o", "yaml", cfg);
    assertEquals(
        json,
        new ObjectMapper()
            .readTree(
                new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readTree(yaml.out())
                    .toString()),
        "-o yaml is the JSON document as YAML");
    CliRun noBase = CliRun.of("diff", "--no-hydrate", "--offline", "--base", "no-such-branch", cfg);
    assertEquals(2, noBase.exitCode(), "a --base that does not exist: " + noBase.err());
    assertTrue(noBase.err().contains("no-such-branch"), noBase.err());
    // CI on a fork has no secret inputs: the diff still runs and says what it left out
    CliRun withoutSecrets = CliRun.of("diff", "--no-hydrate", "--offline", cfg);
    assertEquals(1, withoutSecrets.exitCode(), withoutSecrets.err());
    assertTrue(
        withoutSecrets
            .out()
            .contains(
                "secrets not sealed, so not compared: 1 secret input is missing or invalid:"
                    + " secret input"),
        withoutSecrets.out());
    assertTrue(withoutSecrets.out().contains(".secrets/mariadb-root"), withoutSecrets.out());
    CliRun markdown = CliRun.of("diff", "--no-hydrate", "--offline", "-o", "markdown", cfg);
    assertTrue(markdown.out().contains("<details>"), markdown.out());

    CliRun publish = CliRun.of("apply", "--no-hydrate", "--only", "gitops", cfg);
    assertEquals(2, publish.exitCode(), "apply needs the secret input: " + publish.err());
    Files.createDirectories(site.resolve(".secrets"));
    Files.writeString(site.resolve(".secrets/mariadb-root"), "diff-Pw-9911");
    publish = CliRun.of("apply", "--no-hydrate", "--only", "gitops", cfg);
    assertEquals(0, publish.exitCode(), publish.err());

    CliRun after = CliRun.of("diff", "--no-hydrate", "--offline", cfg);
    assertEquals(0, after.exitCode(), after.out() + after.err());
    assertTrue(after.out().contains("No changes"), after.out());
    assertEquals(
        0, CliRun.of("diff", "--no-hydrate", "--offline", "--detailed-exitcode", cfg).exitCode());
    assertTrue(!after.out().contains("diff-Pw-9911"));
  }

  @Test
  void aMisspelledFlagIsAnErrorNotChangesUnderDetailedExitCode() {
    CliRun detailed =
        CliRun.of(
            "diff", "--no-hydrate", "--offline", "--detailed-exitcode", "--ofline", "cluster.yaml");
    assertEquals(1, detailed.exitCode(), "2 would read as 'changes': " + detailed.err());
    assertTrue(detailed.err().contains("--ofline"), detailed.err());
    CliRun plain = CliRun.of("diff", "--no-hydrate", "--offline", "--ofline", "cluster.yaml");
    assertEquals(2, plain.exitCode(), plain.err());
    assertEquals(
        1,
        CliRun.of(
                "diff",
                "--no-hydrate",
                "--offline",
                "-detailed-exitcode",
                "--ofline",
                "cluster.yaml")
            .exitCode());
    assertEquals(2, CliRun.of("validate", "--detailed-exitcode", "x.yaml").exitCode());
  }

  @Test
  void everySubcommandAnswersHelp() {
    for (String c : new String[] {"apply", "diff", "status", "render", "validate", "reset"}) {
      CliRun run = CliRun.of(c, "--help");
      assertEquals(0, run.exitCode(), c + ": " + run.err());
      assertTrue(run.out().contains("Usage: cfctl " + c), run.out());
    }
  }
}

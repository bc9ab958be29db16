package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCliTest {
  static Map<String, String> hashes(Path dir) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), Files.readString(p));
      }
    }
    return out;
  }

  @Test
  void rendersTheFullExampleDeterministically(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    CliRun first = CliRun.of("render", "../examples/full/cluster.yaml", "-o", a.toString());
    assertEquals(0, first.exitCode(), first.err());
    CliRun second = CliRun.of("render", "-c", "../examples/full/cluster.yaml", "-o", b.toString());
    assertEquals(0, second.exitCode(), second.err());
    Map<String, String> ha = hashes(a);
    assertTrue(ha.size() > 40, "expected the whole tree, got " + ha.keySet());
    assertEquals(ha, hashes(b));
    assertTrue(ha.keySet().stream().anyMatch(k -> k.startsWith("apps/network/")));
    assertEquals("", first.out(), "render prints nothing on stdout");
  }

  @Test
  void dashWritesEveryManifestToStdoutAsOneStreamAsHelmTemplateDoes(@TempDir Path dir)
      throws Exception {
    CliRun stream = CliRun.of("render", "../examples/full/cluster.yaml", "-o", "-");
    assertEquals(0, stream.exitCode(), stream.err());
    CliRun folder = CliRun.of("render", "../examples/full/cluster.yaml", "-o", dir.toString());
    assertEquals(0, folder.exitCode(), folder.err());
    long yamlFiles = hashes(dir).keySet().stream().filter(k -> k.endsWith(".yaml")).count();
    long sources = stream.out().lines().filter(l -> l.startsWith("# Source: ")).count();
    assertEquals(yamlFiles, sources, "one # Source: per manifest file");
    var docs =
        new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .readerFor(com.fasterxml.jackson.databind.JsonNode.class)
            .readValues(stream.out())
            .readAll();
    assertTrue(docs.size() >= yamlFiles, "a multi-document stream a YAML reader reads whole");
    assertEquals(
        stream.out(), CliRun.of("render", "../examples/full/cluster.yaml", "-o", "-").out());
  }

  @Test
  void invalidConfigWritesNothing(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("cluster.yaml");
    Files.writeString(
        cfg,
        "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nspec:\n  hosts:\n"
            + "    - role: single\n      ssh: {address: 10.0.0.1}\n  network:\n    bogus: 1\n");
    Path out = dir.resolve("out");
    CliRun run = CliRun.of("render", cfg.toString(), "-o", out.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains(":8:5"), run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void sealsSecretsWithTheConfiguredCertificateAndKeepsThemOnReRender(@TempDir Path dir)
      throws Exception {
    Path site = dir.resolve("site");
    Files.createDirectories(site.resolve(".secrets"));
    Files.copy(Path.of("../examples/lab/cluster.yaml"), site.resolve("cluster.yaml"));
    Files.copy(Path.of("../examples/lab/sealed-secrets.pem"), site.resolve("sealed-secrets.pem"));
    Files.writeString(site.resolve(".secrets/mariadb-root"), "render-Pw-5521");
    Path out = dir.resolve("out");
    CliRun first =
        CliRun.of("render", site.resolve("cluster.yaml").toString(), "-o", out.toString());
    assertEquals(0, first.exitCode(), first.err());
    Path sealed = out.resolve("manifests/software/mariadb/mariadb-credentials-sealedsecret.yaml");
    assertTrue(Files.exists(sealed), "sealed secret written");
    String before = Files.readString(sealed);
    assertTrue(before.contains("kind: SealedSecret"), before);
    assertEquals(
        List.of(),
        io.clusterfactory.cfctl.core.secrets.SecretLeaks.inTree(out, List.of("render-Pw-5521")));
    CliRun second =
        CliRun.of("render", site.resolve("cluster.yaml").toString(), "-o", out.toString());
    assertEquals(0, second.exitCode(), second.err());
    assertEquals(before, Files.readString(sealed), "unchanged input keeps its sealed bytes");
  }

  @Test
  void missingSecretInputIsInvalidInput(@TempDir Path dir) throws Exception {
    Path site = dir.resolve("site");
    Files.createDirectories(site);
    Files.copy(Path.of("../examples/lab/cluster.yaml"), site.resolve("cluster.yaml"));
    Files.copy(Path.of("../examples/lab/sealed-secrets.pem"), site.resolve("sealed-secrets.pem"));
    CliRun run =
        CliRun.of(
            "render", site.resolve("cluster.yaml").toString(), "-o", dir.resolve("out").toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("mariadb"), run.err());
  }

  @Test
  void aMalformedSiteLockIsInvalidInputAtItsPositionAndNothingIsWritten(@TempDir Path dir)
      throws Exception {
    Path site = dir.resolve("site");
    Files.createDirectories(site);
    Files.copy(Path.of("../examples/single/cluster.yaml"), site.resolve("cluster.yaml"));
    Files.writeString(
        site.resolve("charts.lock.yaml"),
        "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: ChartLock\ncharts:\n"
            + "  - repository: https://charts.example.org\n    chart: demo\n"
            + "    version: 1.0.0\n    digest: md5:abc\n");
    Path out = dir.resolve("out");
    CliRun run =
        CliRun.of(
            "render", site.resolve("cluster.yaml").toString(), "--hydrate", "-o", out.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(
        run.err().contains("charts.lock.yaml:7:13: error: charts[0].digest: 'md5:abc' is not a"),
        run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void lockFlagsWithoutHydrateAreRefusedNotIgnored(@TempDir Path dir) {
    for (String flag : new String[] {"--update-lock", "--timeout=1m"}) {
      CliRun run =
          CliRun.of(
              "render", "../examples/single/cluster.yaml", flag, "-o", dir.resolve("o").toString());
      assertEquals(2, run.exitCode(), run.err());
      assertTrue(run.err().contains("add --hydrate"), run.err());
    }
  }
}

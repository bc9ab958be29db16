package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AirgapBundleCliTest {
  @Test
  void listsEveryRenderedImageWithItsMirrorNameAndEveryChartDeterministically(@TempDir Path dir)
      throws Exception {
    Path a = dir.resolve("a");
    CliRun run =
        CliRun.of(
            "airgap",
            "bundle",
            "../examples/air-gapped/cluster.yaml",
            "--lists-only",
            "-o",
            a.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.out(), "nothing on stdout");

    List<String> images = Files.readAllLines(a.resolve("images.txt"));
    assertTrue(images.contains("registry.k8s.io/coredns/coredns:v1.12.3"), images.toString());
    assertTrue(images.contains("docker.io/library/mariadb:11.4.7"), images.toString());
    assertTrue(
        images.contains("ghcr.io/k8snetworkplumbingwg/multus-cni:v4.2.2-thick"), images.toString());
    assertEquals(images.stream().sorted().distinct().toList(), images, "sorted, once each");

    JsonNode manifest = new ObjectMapper().readTree(a.resolve("manifest.json").toFile());
    assertEquals(
        "cfctl.clusterfactory.io/airgap-bundle/v1alpha1", manifest.path("format").asText());
    assertEquals("vault", manifest.path("cluster").asText());
    List<String> pulledAs = new ArrayList<>();
    manifest.path("images").forEach(i -> pulledAs.add(i.path("pulledAs").asText()));
    assertEquals(images.size(), pulledAs.size());
    assertTrue(
        pulledAs.contains("registry.vault.example.com/dockerhub/library/mariadb:11.4.7"),
        pulledAs.toString());
    assertTrue(
        pulledAs.stream().allMatch(p -> p.startsWith("registry.vault.example.com/")),
        pulledAs.toString());
    JsonNode argocd = null;
    JsonNode localPath = null;
    for (JsonNode c : manifest.path("charts")) {
      if (c.path("application").asText().equals("gitops-argocd")) {
        argocd = c;
      }
      if (c.path("application").asText().equals("software-local-path")) {
        localPath = c;
      }
    }
    assertEquals("HTTP", argocd.path("source").asText());
    // a chart kept in Git is listed (and collected) as a folder at a revision, as Argo CD reads it
    assertEquals("GIT", localPath.path("source").asText(), localPath.toString());
    assertEquals(
        "https://github.com/rancher/local-path-provisioner.git",
        localPath.path("repository").asText());
    assertEquals("deploy/chart/local-path-provisioner", localPath.path("chart").asText());
    assertEquals("https://argoproj.github.io/argo-helm", argocd.path("repository").asText());
    assertEquals("8.3.0", argocd.path("version").asText());
    assertEquals("https://charts.vault.example.com/cfctl", argocd.path("mirror").asText());
    assertTrue(argocd.path("imageRepositories").toString().contains("quay.io/argoproj/argocd"));
    assertFalse(manifest.path("left").isEmpty(), "says what is left to bring");

    Path b = dir.resolve("b");
    CliRun again =
        CliRun.of(
            "airgap",
            "bundle",
            "--lists-only",
            "-c",
            "../examples/air-gapped/cluster.yaml",
            "-o",
            b.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(
        Files.readString(a.resolve("manifest.json")), Files.readString(b.resolve("manifest.json")));
  }

  @Test
  void aClusterWithoutAGitopsRepositoryIsExit2(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cluster.yaml");
    Files.writeString(
        file,
        "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nmetadata: {name: t}\n"
            + "spec:\n  hosts:\n    - role: single\n      ssh: {address: 10.0.0.1}\n");
    CliRun run = CliRun.of("airgap", "bundle", file.toString(), "-o", dir.resolve("o").toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("spec.gitops.repository"), run.err());
  }
}

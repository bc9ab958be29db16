package io.clusterfactory.cfctl.core.hydrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where an OCI chart is pulled from, and with which stored login (no network). */
class OciReferenceTest {

  @TempDir Path tmp;

  private static OciChartSource.Reference of(String repo, String chart, String version) {
    return OciChartSource.Reference.of(new ChartRef(ChartRef.Kind.OCI, repo, chart, version));
  }

  @Test
  void bothFormsNameTheSameRepositoryAndTagAsHelmPushTagsIt() {
    OciChartSource.Reference oci = of("oci://ghcr.io/org/charts/", "demo", "1.2.0+build.7");
    assertEquals(new OciChartSource.Reference("ghcr.io", "org/charts/demo", "1.2.0_build.7"), oci);
    assertEquals(oci, of("ghcr.io/org/charts", "demo", "1.2.0+build.7"));
    assertEquals(
        "https://ghcr.io/v2/org/charts/demo/", oci.base().toString(), "HTTPS off loopback");
    assertEquals(
        "http://127.0.0.1:5000/v2/demo/",
        of("oci://127.0.0.1:5000", "demo", "1").base().toString());
    assertEquals("http://localhost/v2/c/demo/", of("localhost/c", "demo", "1").base().toString());
    assertEquals("registry-1.docker.io", of("oci://docker.io/bitnami", "x", "1").host());
    String digest = "sha256:" + "a".repeat(64);
    assertEquals(digest, of("oci://r.example/c", "demo", digest).reference());
  }

  @Test
  void aReferenceWithoutRegistryOrVersionIsRefusedWithTheReason() {
    var noVersion =
        assertThrows(
            HelmHydrator.HydrationException.class, () -> of("oci://r.example/c", "demo", ""));
    assertTrue(noVersion.getMessage().contains("targetRevision"), noVersion.getMessage());
    assertThrows(HelmHydrator.HydrationException.class, () -> of("oci://", "demo", "1"));
  }

  @Test
  void storedLoginsAreFoundByHostHelmsFirstThenDockers() throws Exception {
    Path helm = tmp.resolve("helm.json");
    Path docker = tmp.resolve("docker.json");
    Files.writeString(helm, "{\"auths\":{\"r.example\":{\"auth\":\"aGVsbTpwdw==\"}}}");
    Files.writeString(
        docker,
        "{\"auths\":{\"r.example\":{\"auth\":\"ZG9ja2VyOnB3\"},"
            + "\"https://other.example\":{\"auth\":\"b3RoZXI6cHc=\"}}}");
    RegistryCredentials creds = new RegistryCredentials(List.of(helm, docker));
    assertEquals(Optional.of("Basic aGVsbTpwdw=="), creds.basic("r.example"));
    assertEquals(Optional.of("Basic b3RoZXI6cHc="), creds.basic("other.example"));
    assertEquals(Optional.empty(), creds.basic("third.example"));
    assertEquals(Optional.empty(), RegistryCredentials.none().basic("r.example"));

    Path home = tmp.resolve("home");
    RegistryCredentials standard =
        RegistryCredentials.standard(Map.of("HELM_REGISTRY_CONFIG", helm.toString()), home);
    assertEquals(Optional.of("Basic aGVsbTpwdw=="), standard.basic("r.example"));
  }
}

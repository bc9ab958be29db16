package io.clusterfactory.cfctl.core.hydrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where an image reference is asked, as Docker and crane read one. */
class ImageDigestsTest {
  private static OciChartSource.Reference ref(String host, String name, String reference) {
    return new OciChartSource.Reference(host, name, reference);
  }

  @Test
  void aReferenceNamesItsRegistryRepositoryAndTag() {
    assertEquals(
        ref("registry-1.docker.io", "library/mariadb", "11.4.7"),
        ImageDigests.reference("mariadb:11.4.7"));
    assertEquals(
        ref("registry-1.docker.io", "library/mariadb", "11.4.7"),
        ImageDigests.reference("docker.io/library/mariadb:11.4.7"));
    assertEquals(
        ref("registry-1.docker.io", "alpine/helm", "latest"),
        ImageDigests.reference("alpine/helm"));
    assertEquals(
        ref("registry.k8s.io", "coredns/coredns", "v1.12.3"),
        ImageDigests.reference("registry.k8s.io/coredns/coredns:v1.12.3"));
    assertEquals(
        ref("127.0.0.1:5000", "mirror/k8snetworkplumbingwg/multus-cni", "v4.2.2-thick"),
        ImageDigests.reference(
            "127.0.0.1:5000/mirror/k8snetworkplumbingwg/multus-cni:v4.2.2-thick"));
    assertEquals(ref("localhost", "app", "latest"), ImageDigests.reference("localhost/app"));
    String pinned = "sha256:" + "a".repeat(64);
    assertEquals(
        ref("ghcr.io", "org/app", pinned), ImageDigests.reference("ghcr.io/org/app:1.0@" + pinned));
  }

  @Test
  void aReferencePinnedByDigestIsItsOwnAnswerWithoutARequest() {
    String pinned = "sha256:" + "b".repeat(64);
    ImageDigests digests =
        new ImageDigests(RegistryCredentials.none(), Instant.now().plusSeconds(5));
    assertEquals(pinned, digests.resolve("registry.invalid/org/app:1.0@" + pinned));
    assertEquals(0, digests.requests());
  }
}

package io.clusterfactory.cfctl.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options the examples do not use: BGP, DNS through Traefik, ACME, a private CA. */
class VariantsTest {
  @Test
  @DisplayName(
      "BGP mode, DNS through Traefik, an ACME issuer and a private CA render their objects")
  void variants(@TempDir Path dir) throws IOException {
    Path example = Examples.file("full").getParent();
    String text =
        Files.readString(example.resolve("cluster.yaml"))
            .replace(
                "      pools:\n",
                "      mode: bgp\n"
                    + "      bgp: {myAsn: 64512, peers: [{address: 10.10.0.1, asn: 64500}]}\n"
                    + "      pools:\n")
            .replace(
                "      forwarders: [1.1.1.1, 9.9.9.9]\n",
                "      forwarders: [1.1.1.1, 9.9.9.9]\n      expose: traefik\n")
            .replace(
                "    certManager: {}\n",
                "    certManager:\n"
                    + "      issuer: acme\n"
                    + "      acme: {email: ops@example.com}\n"
                    + "      ca: {certificate: {file: ca.crt}, key: {file: ca.key}}\n");
    Files.writeString(dir.resolve("cluster.yaml"), text);
    Files.copy(example.resolve("nodes.csv"), dir.resolve("nodes.csv"));

    RenderedTree tree = TreeRenderer.render(Examples.load(dir.resolve("cluster.yaml"), Map.of()));

    String peers = tree.text("manifests/network/metallb/peers.yaml");
    assertTrue(peers.contains("peerASN: 64500") && peers.contains("myASN: 64512"), peers);
    assertTrue(
        tree.text("manifests/network/metallb/advertisement.yaml").contains("BGPAdvertisement"));
    assertTrue(tree.text("values/network/metallb.yaml").contains("enabled: true"), "FRR for BGP");
    assertTrue(tree.text("values/network/traefik.yaml").contains("dns-udp"));
    assertTrue(
        tree.text("manifests/network/coredns/ingressroutes.yaml").contains("IngressRouteUDP"));
    assertTrue(tree.text("manifests/network/coredns/service.yaml").contains("type: ClusterIP"));
    // DNS answers on Traefik's address now: Traefik took the first pool address
    assertTrue(
        tree.text("manifests/network/coredns/configmap.yaml").contains("ns IN A 10.10.0.100"));
    String issuers = tree.text("manifests/gitops/cert-manager/issuers.yaml");
    assertTrue(issuers.contains("name: cfctl-acme") && issuers.contains("email: ops@example.com"));
    assertFalse(issuers.contains("kind: Certificate"), "no self-signed root with a private CA");
    SecretRequest ca =
        tree.secrets().stream()
            .filter(s -> s.name().equals("cfctl-root-ca"))
            .findFirst()
            .orElseThrow();
    assertEquals("kubernetes.io/tls", ca.type());
    assertEquals("cert-manager", ca.namespace());
    assertTrue(
        tree.text("values/gitops/argocd.yaml")
            .contains("cert-manager.io/cluster-issuer: cfctl-acme"));
  }

  @Test
  @DisplayName("every template under manifests/templates is used by a renderer")
  void noDeadTemplates() throws IOException {
    Path templates = Path.of("..", "manifests", "templates");
    Path sources =
        Path.of("src", "main", "java", "io", "clusterfactory", "cfctl", "core", "render");
    StringBuilder code = new StringBuilder();
    try (Stream<Path> files = Files.list(sources)) {
      for (Path f : files.toList()) {
        code.append(Files.readString(f));
      }
    }
    try (Stream<Path> files = Files.walk(templates)) {
      for (Path t : files.filter(Files::isRegularFile).toList()) {
        String name = templates.relativize(t).toString().replace('\\', '/');
        assertTrue(code.indexOf("\"" + name + "\"") >= 0, name + " is not used");
      }
    }
  }
}

package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.clusterfactory.cfctl.core.secrets.HybridCrypto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealCliTest {
  @TempDir static Path dir;
  static Path cert;
  static PrivateKey key;

  @BeforeAll
  static void keys() throws Exception {
    cert = dir.resolve("cert.pem");
    Files.write(cert, resource("/secrets/controller.cert.pem"));
    String pem = new String(resource("/secrets/controller.key.pem"), StandardCharsets.US_ASCII);
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
    key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  static byte[] resource(String name) throws Exception {
    try (var in = SealCliTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void sealsLiteralsTheControllerCanOpen() throws Exception {
    CliRun run =
        CliRun.of(
            "seal",
            "--cert",
            cert.toString(),
            "-n",
            "slurm",
            "--name",
            "db",
            "--from-literal",
            "password=s3cret-value",
            "-v");
    assertEquals(0, run.exitCode(), run.err());
    assertFalse(run.out().contains("s3cret-value"));
    assertFalse(run.err().contains("s3cret-value"));
    JsonNode doc = new YAMLMapper().readTree(run.out());
    assertEquals("SealedSecret", doc.get("kind").asText());
    String sealed = doc.at("/spec/encryptedData/password").asText();
    byte[] clear =
        HybridCrypto.decrypt(
            key, Base64.getDecoder().decode(sealed), "slurm/db".getBytes(StandardCharsets.UTF_8));
    assertEquals("s3cret-value", new String(clear, StandardCharsets.UTF_8));
  }

  @Test
  void sealsASecretManifest() throws Exception {
    Path secret = dir.resolve("secret.yaml");
    Files.writeString(
        secret,
        "apiVersion: v1\nkind: Secret\nmetadata: {name: ldap, namespace: ldap}\n"
            + "stringData: {admin: hunter22}\n");
    CliRun run =
        CliRun.of(
            "seal",
            "--cert",
            cert.toString(),
            "-f",
            secret.toString(),
            "--scope",
            "namespace-wide");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = new YAMLMapper().readTree(run.out());
    String sealed = doc.at("/spec/encryptedData/admin").asText();
    byte[] clear =
        HybridCrypto.decrypt(
            key, Base64.getDecoder().decode(sealed), "ldap".getBytes(StandardCharsets.UTF_8));
    assertEquals("hunter22", new String(clear, StandardCharsets.UTF_8));
    assertTrue(run.out().contains("sealedsecrets.bitnami.com/namespace-wide"), run.out());
  }

  @Test
  void badInputIsExitTwo() throws Exception {
    assertEquals(
        2, CliRun.of("seal", "--cert", cert.toString(), "-n", "a", "--name", "b").exitCode());
    assertEquals(
        2,
        CliRun.of(
                "seal",
                "--cert",
                cert.toString(),
                "-n",
                "a",
                "--name",
                "b",
                "--from-literal",
                "novalue")
            .exitCode());
    CliRun expired =
        CliRun.of(
            "seal",
            "--cert",
            "/nonexistent.pem",
            "-n",
            "a",
            "--name",
            "b",
            "--from-literal",
            "k=v");
    assertEquals(2, expired.exitCode(), expired.err());
  }
}

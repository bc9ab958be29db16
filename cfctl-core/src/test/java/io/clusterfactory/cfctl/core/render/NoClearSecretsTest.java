package io.clusterfactory.cfctl.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No secret value ever reaches the tree: only references to the inputs of cluster.yaml. */
class NoClearSecretsTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{secret:([^}]+)}");

  @Test
  @DisplayName("secret values from the environment and from files never appear in the tree")
  void noClearValue(@TempDir Path dir) throws IOException {
    Path example = Examples.file("full").getParent();
    // power-managed compute nodes: the BMC credentials go into grendel.toml
    Files.writeString(
        dir.resolve("cluster.yaml"),
        Files.readString(example.resolve("cluster.yaml"))
            .replace(
                "          tags: [compute]\n",
                "          tags: [compute]\n"
                    + "          bmc: {userEnv: BMC_USER, passwordEnv: BMC_PASSWORD}\n"));
    Files.copy(example.resolve("nodes.csv"), dir.resolve("nodes.csv"));
    Files.createDirectories(dir.resolve(".secrets"));
    Files.writeString(dir.resolve(".secrets/argocd-deploy-key"), "CLEAR-deploy-key-7731");
    Files.writeString(dir.resolve(".secrets/supervisor-ssh-key"), "CLEAR-ssh-key-9120");
    Map<String, String> env =
        Map.of(
            "NODE_ROOT_PASSWORD", "CLEAR-root-4471",
            "PROVIDER_WALLET_KEY", "CLEAR-wallet-0042",
            "BMC_USER", "CLEAR-bmc-user-55",
            "BMC_PASSWORD", "CLEAR-bmc-pass-66");
    RenderedTree tree = TreeRenderer.render(Examples.load(dir.resolve("cluster.yaml"), env));
    for (Map.Entry<String, byte[]> f : tree.files().entrySet()) {
      String text = new String(f.getValue(), StandardCharsets.UTF_8);
      assertFalse(text.contains("CLEAR-"), f.getKey() + " holds a clear secret value");
      assertFalse(text.matches("(?s).*\\nkind: Secret\\n.*"), f.getKey() + " holds a plain Secret");
    }
    assertFalse(tree.secrets().isEmpty());
    String toml =
        tree.secrets().stream()
            .filter(x -> x.name().equals("grendel-config"))
            .findFirst()
            .orElseThrow()
            .data()
            .get("grendel.toml");
    assertTrue(
        toml.contains(
            "password = \""
                + SecretRequest.placeholder("spec.provisioning.grendel.groups[0].bmc.passwordEnv")),
        toml);
    for (SecretRequest s : tree.secrets()) {
      for (String value : s.data().values()) {
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
          assertTrue(tree.secretInputs().containsKey(m.group(1)), "undeclared input " + m.group(1));
        }
      }
      assertTrue(
          s.path().startsWith("manifests/" + s.stack() + "/" + s.component() + "/"), s.path());
    }
  }

  @Test
  @DisplayName("one input feeding several secrets is declared once, so a generated value is shared")
  void sharedInputs() {
    RenderedTree tree = Examples.render("full");
    String id = "spec.software.mariadb.slurmPassword";
    long users =
        tree.secrets().stream()
            .filter(
                s ->
                    s.data().values().stream()
                        .anyMatch(v -> v.contains(SecretRequest.placeholder(id))))
            .count();
    assertEquals(2, users, "mariadb-credentials and slurmdbd-config");
    assertTrue(tree.secretInputs().get(id).generate() != null);
  }

  @Test
  @DisplayName("the sealing step fills a template from its inputs, text outside placeholders kept")
  void fillTemplates() {
    String t = "user = \"a\"\npass = \"" + SecretRequest.placeholder("spec.x") + "\"\n";
    assertEquals(java.util.List.of("spec.x"), SecretRequest.inputsOf(t));
    assertEquals("user = \"a\"\npass = \"$1\\z\"\n", SecretRequest.fill(t, id -> "$1\\z"));
  }
}

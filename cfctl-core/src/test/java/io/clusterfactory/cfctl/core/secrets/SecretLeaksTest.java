package io.clusterfactory.cfctl.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.clusterfactory.cfctl.core.config.v1beta1.SecretSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SecretLeaksTest {
  @TempDir Path directory;

  @Test
  @DisplayName("sealed secrets committed over two renders leak nothing into tree or history")
  void sealedTreeAndHistoryAreClean() throws Exception {
    var logger = (Logger) LoggerFactory.getLogger("io.clusterfactory.cfctl.core.secrets");
    var logs = new ListAppender<ILoggingEvent>();
    logs.start();
    logger.addAppender(logs);
    logger.setLevel(Level.TRACE);
    Files.writeString(directory.resolve("db.pass"), "file-secret-for-leak-test\n");
    var inputs = new SecretInputs(directory, Map.of("ROOT_PASSWORD", "env-secret-for-leak-test"));
    var sealer =
        new Sealer(TestKeys.controllerCertificate(), SealHashKey.load(directory, Map.of()));
    Path tree = Files.createDirectories(directory.resolve("tree"));
    Path manifest = tree.resolve("db-sealed-secret.yaml");
    List<String> renders = new ArrayList<>();
    try (Git git = Git.init().setDirectory(tree.toFile()).call()) {
      for (int render = 0; render < 2; render++) {
        var secret =
            SecretToSeal.of(
                "db",
                "mariadb",
                Map.of(
                    "root", inputs.resolve("root", SecretSource.fromEnv("ROOT_PASSWORD")),
                    "user", inputs.resolve("user", SecretSource.fromFile("db.pass")),
                    "slurm", inputs.resolve("slurm", SecretSource.generated())));
        var previous =
            Files.exists(manifest)
                ? SealedSecretManifest.parse(Files.readString(manifest), manifest.toString())
                : null;
        renders.add(SealedSecretManifest.toYaml(sealer.seal(secret, previous)));
        Files.writeString(manifest, renders.get(render));
        git.add().addFilepattern(".").call();
        git.commit().setMessage("render " + render).setSign(false).setAllowEmpty(true).call();
      }
    }
    logger.detachAppender(logs);
    logger.setLevel(null);
    List<String> secrets = List.of("env-secret-for-leak-test", "file-secret-for-leak-test");

    assertEquals(renders.get(0), renders.get(1), "an unchanged re-render is byte-identical");
    SecretLeaks.assertNone(SecretLeaks.inTree(tree, secrets));
    SecretLeaks.assertNone(SecretLeaks.inGitHistory(tree.resolve(".git"), secrets));
    assertFalse(logs.list.isEmpty(), "sealing logged at debug");
    String logText =
        logs.list.stream()
            .map(ILoggingEvent::getFormattedMessage)
            .collect(Collectors.joining("\n"));
    SecretLeaks.assertNone(SecretLeaks.inText(logText, "debug logs", secrets));
  }

  @Test
  @DisplayName("a value committed once and removed later is still found in the history")
  void findsLeaksInHistory() throws Exception {
    try (Git git = Git.init().setDirectory(directory.toFile()).call()) {
      Files.writeString(directory.resolve("values.yaml"), "password: leaked-value-123\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("oops").setSign(false).call();
      Files.writeString(directory.resolve("values.yaml"), "password: {env: DB}\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("fix").setSign(false).call();
    }
    List<String> secrets = List.of("leaked-value-123");

    assertEquals(List.of(), SecretLeaks.inTree(directory, secrets));
    var findings = SecretLeaks.inGitHistory(directory.resolve(".git"), secrets);
    assertEquals(1, findings.size(), findings.toString());
    assertTrue(findings.get(0).endsWith(":values.yaml"), findings.get(0));
  }
}

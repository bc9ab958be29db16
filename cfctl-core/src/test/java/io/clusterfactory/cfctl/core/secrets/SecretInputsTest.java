package io.clusterfactory.cfctl.core.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.clusterfactory.cfctl.core.config.v1beta1.SecretCharset;
import io.clusterfactory.cfctl.core.config.v1beta1.SecretSource;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretInputsTest {
  @TempDir Path configDirectory;

  @Test
  @DisplayName("an env input reads the variable, and the value is registered for redaction")
  void fromEnvironment() {
    var inputs =
        new SecretInputs(configDirectory, Map.of("DB_ROOT_PASSWORD", "env-secret-value-1"));

    var value = inputs.resolve("mariadb.rootPassword", SecretSource.fromEnv("DB_ROOT_PASSWORD"));

    assertArrayEquals(bytes("env-secret-value-1"), ((SecretValue.Provided) value).bytes());
    assertEquals("pw=***", Redactor.global().redact("pw=env-secret-value-1"));
    assertEquals("value ***", Redactor.global().redact("value env-secret-value-1"));
  }

  @Test
  @DisplayName("a file input is relative to the config directory, one trailing newline stripped")
  void fromFile() throws Exception {
    Files.createDirectories(configDirectory.resolve("secrets"));
    Files.writeString(configDirectory.resolve("secrets/db.pass"), "file-secret-value\n");
    var inputs = new SecretInputs(configDirectory, Map.of());

    var value = inputs.resolve("mariadb.rootPassword", SecretSource.fromFile("./secrets/db.pass"));

    assertArrayEquals(bytes("file-secret-value"), ((SecretValue.Provided) value).bytes());
    assertEquals("got ***", Redactor.global().redact("got file-secret-value"));
  }

  @Test
  @DisplayName("a secret file tracked by Git is refused; a git-ignored one is read")
  void trackedFileIsRefused() throws Exception {
    Files.writeString(configDirectory.resolve(".gitignore"), "*.pass\n");
    Files.writeString(configDirectory.resolve("ignored.pass"), "ignored-secret-1\n");
    Files.writeString(configDirectory.resolve("tracked.txt"), "tracked-secret-1\n");
    try (Git git = Git.init().setDirectory(configDirectory.toFile()).call()) {
      git.add().addFilepattern("tracked.txt").call();
    }
    var inputs = new SecretInputs(configDirectory, Map.of());

    var error =
        assertThrows(
            InvalidInputException.class,
            () -> inputs.resolve("ldap.password", SecretSource.fromFile("tracked.txt")));
    assertTrue(error.getMessage().contains("is tracked by Git"), error.getMessage());
    assertTrue(error.hint().contains("git rm --cached tracked.txt"), error.hint());
    assertArrayEquals(
        bytes("ignored-secret-1"),
        ((SecretValue.Provided)
                inputs.resolve("ldap.password", SecretSource.fromFile("ignored.pass")))
            .bytes());
  }

  @Test
  @DisplayName("a missing variable is an error naming the input and the variable")
  void missingVariable() {
    var inputs = new SecretInputs(configDirectory, Map.of());

    var error =
        assertThrows(
            InvalidInputException.class,
            () ->
                inputs.resolve("ldap.adminPassword", SecretSource.fromEnv("LDAP_ADMIN_PASSWORD")));

    assertTrue(error.getMessage().contains("ldap.adminPassword"), error.getMessage());
    assertTrue(error.getMessage().contains("LDAP_ADMIN_PASSWORD is not set"), error.getMessage());
    assertTrue(error.hint().contains("export LDAP_ADMIN_PASSWORD"), error.hint());
  }

  @Test
  @DisplayName("a missing file is an error naming the input and where the file was expected")
  void missingFile() {
    var inputs = new SecretInputs(configDirectory, Map.of());

    var error =
        assertThrows(
            InvalidInputException.class,
            () ->
                inputs.resolve("grendel.authSecret", SecretSource.fromFile("secrets/grendel.key")));

    assertTrue(error.getMessage().contains("grendel.authSecret"), error.getMessage());
    assertTrue(
        error.getMessage().contains(configDirectory.resolve("secrets/grendel.key").toString()),
        error.getMessage());
  }

  @Test
  @DisplayName("empty values and malformed sources are refused")
  void emptyOrMalformed() throws Exception {
    Files.writeString(configDirectory.resolve("empty"), "\n");
    var inputs = new SecretInputs(configDirectory, Map.of("EMPTY", ""));

    assertThrows(
        InvalidInputException.class, () -> inputs.resolve("a", SecretSource.fromEnv("EMPTY")));
    assertThrows(
        InvalidInputException.class, () -> inputs.resolve("b", SecretSource.fromFile("empty")));
    var both =
        assertThrows(
            InvalidInputException.class,
            () -> inputs.resolve("c", new SecretSource("X", "f", null)));
    assertTrue(
        both.getMessage().contains("exactly one of env, file or generate"), both.getMessage());
    assertThrows(
        InvalidInputException.class,
        () ->
            inputs.resolve(
                "d", new SecretSource(null, null, new SecretSource.GeneratedValue(4, null))));
  }

  @Test
  @DisplayName("a generate input is generated lazily, when first sealed")
  void generateIsLazy() {
    var inputs = new SecretInputs(configDirectory, Map.of());

    var value = inputs.resolve("slurm.dbPassword", SecretSource.generated());

    assertInstanceOf(SecretValue.Generated.class, value);
  }

  @Test
  @DisplayName("generated values have the asked length and charset and differ every time")
  void generation() {
    var hex = new SecretSource.GeneratedValue(64, SecretCharset.HEX);

    String first = SecretInputs.generate(hex);
    String second = SecretInputs.generate(hex);

    assertTrue(first.matches("[0-9a-f]{64}"), first);
    assertNotEquals(first, second);
    assertEquals("token ***", Redactor.global().redact("token " + first).replace("=", " "));
    assertTrue(
        SecretInputs.generate(new SecretSource.GeneratedValue(20, SecretCharset.SYMBOLS))
            .matches("[A-Za-z0-9!#%+\\-.:=@^_~]{20}"));
  }

  @Test
  @DisplayName("SecretSource reads from cluster.yaml's YAML shape")
  void yamlShape() throws Exception {
    var mapper = new YAMLMapper();

    var env = mapper.readValue("env: DB_PASS", SecretSource.class);
    var generate = mapper.readValue("generate: {length: 48, charset: hex}", SecretSource.class);

    assertEquals(SecretSource.fromEnv("DB_PASS"), env);
    assertEquals(48, generate.generate().effectiveLength());
    assertEquals(SecretCharset.HEX, generate.generate().effectiveCharset());
    String written = mapper.writeValueAsString(SecretSource.fromFile("./db.pass"));
    assertFalse(written.contains("env") || written.contains("generate"), written);
    assertEquals(SecretSource.fromFile("./db.pass"), mapper.readValue(written, SecretSource.class));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

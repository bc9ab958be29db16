package io.clusterfactory.cfctl.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealHashKeyTest {
  private static final byte[] VALUE = "weak".getBytes(StandardCharsets.UTF_8);

  @TempDir Path configDirectory;

  @Test
  @DisplayName("the key file is created on first use, mode 0600, in a self-ignoring directory")
  void createdOnFirstUse() throws Exception {
    var first = SealHashKey.load(configDirectory, Map.of());
    Path keyFile = configDirectory.resolve(".cfctl/seal-hash.key");

    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    assertTrue(Files.readString(configDirectory.resolve(".cfctl/.gitignore")).contains("*"));
    assertEquals(32, Base64.getDecoder().decode(Files.readString(keyFile).strip()).length);
    var second = SealHashKey.load(configDirectory, Map.of());
    assertEquals(first.hmac("ns/s/k", VALUE), second.hmac("ns/s/k", VALUE));
  }

  @Test
  @DisplayName("loadExisting never writes: no key file appears for a dry run")
  void loadExistingDoesNotCreate() {
    assertTrue(SealHashKey.loadExisting(configDirectory, Map.of()).isEmpty());
    assertFalse(Files.exists(configDirectory.resolve(".cfctl")));

    var created = SealHashKey.load(configDirectory, Map.of());

    assertEquals(
        created.hmac("c", VALUE),
        SealHashKey.loadExisting(configDirectory, Map.of()).orElseThrow().hmac("c", VALUE));
  }

  @Test
  @DisplayName("CFCTL_SEAL_HASH_KEY wins over the file, and another key gives another HMAC")
  void environmentWins() {
    var fromFile = SealHashKey.load(configDirectory, Map.of());
    String encoded = Base64.getEncoder().encodeToString(new byte[32]);

    var fromEnvironment =
        SealHashKey.load(configDirectory, Map.of(SealHashKey.ENVIRONMENT_VARIABLE, encoded));

    assertEquals("environment variable CFCTL_SEAL_HASH_KEY", fromEnvironment.origin());
    assertNotEquals(fromFile.hmac("c", VALUE), fromEnvironment.hmac("c", VALUE));
  }

  @Test
  @DisplayName("the HMAC depends on the context, so equal passwords in two secrets look unrelated")
  void contextMatters() {
    var key = SealHashKey.of(new byte[32]);

    assertNotEquals(key.hmac("ns/a/password", VALUE), key.hmac("ns/b/password", VALUE));
  }

  @Test
  @DisplayName("a short or non-base64 key is refused with how to make one")
  void badKeys() {
    var tooShort =
        assertThrows(
            InvalidInputException.class,
            () ->
                SealHashKey.load(
                    configDirectory,
                    Map.of(
                        SealHashKey.ENVIRONMENT_VARIABLE,
                        Base64.getEncoder().encodeToString(new byte[8]))));
    assertTrue(tooShort.hint().contains("openssl rand -base64 32"));
    assertThrows(
        InvalidInputException.class,
        () ->
            SealHashKey.load(
                configDirectory, Map.of(SealHashKey.ENVIRONMENT_VARIABLE, "not base64!")));
  }
}

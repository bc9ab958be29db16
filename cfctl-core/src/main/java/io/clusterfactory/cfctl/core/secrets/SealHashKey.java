package io.clusterfactory.cfctl.core.secrets;

import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key of the HMAC that records, beside each sealed value, which clear input it was sealed from.
 * A plain hash would not do: passwords are often short or guessable, and anyone who can read the
 * Git repository could test guesses against an unkeyed hash offline. Without this key the recorded
 * HMACs reveal nothing.
 *
 * <p>The key comes from {@value #ENVIRONMENT_VARIABLE} (base64 of at least 32 bytes; CI sets it
 * from its secret store) or from {@value #KEY_FILE} next to cluster.yaml, created with 32 random
 * bytes and mode 0600 on first use, in a directory that git-ignores itself. A machine with another
 * key still renders correctly; it just re-seals every value once.
 */
public final class SealHashKey {
  private static final Logger logger = LoggerFactory.getLogger(SealHashKey.class);

  /** Environment variable holding the key, base64. */
  public static final String ENVIRONMENT_VARIABLE = "CFCTL_SEAL_HASH_KEY";

  /** Key file, relative to the directory of cluster.yaml. */
  public static final String KEY_FILE = ".cfctl/seal-hash.key";

  /** Minimum key size in bytes. */
  public static final int MIN_KEY_BYTES = 32;

  private static final String HMAC = "HmacSHA256";

  private final byte[] key;
  private final String origin;

  private SealHashKey(byte[] key, String origin) {
    this.key = key;
    this.origin = origin;
  }

  /** A key given directly (tests, embedding). */
  public static SealHashKey of(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new InvalidInputException(
          "the seal hash key has " + key.length + " bytes; at least " + MIN_KEY_BYTES + " needed");
    }
    return new SealHashKey(key.clone(), "given key");
  }

  /**
   * The key from the environment if {@value #ENVIRONMENT_VARIABLE} is set, otherwise from the key
   * file under {@code configDirectory}, created on first use.
   */
  public static SealHashKey load(Path configDirectory, Map<String, String> environment) {
    return loadExisting(configDirectory, environment)
        .orElseGet(() -> create(configDirectory.resolve(KEY_FILE)));
  }

  /**
   * Like {@link #load} but never creates the key file: for dry runs and diffs, which must not
   * write. Empty when neither the variable nor the file exists (every value then seals afresh).
   */
  public static Optional<SealHashKey> loadExisting(
      Path configDirectory, Map<String, String> environment) {
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Optional.of(
          new SealHashKey(
              decode(fromEnvironment, "environment variable " + ENVIRONMENT_VARIABLE),
              "environment variable " + ENVIRONMENT_VARIABLE));
    }
    Path keyFile = configDirectory.resolve(KEY_FILE);
    if (!Files.isRegularFile(keyFile)) {
      return Optional.empty();
    }
    if (SecureFiles.isReadableByOthers(keyFile)) {
      logger.warn("{} is readable by other users; run `chmod 600 {}`", keyFile, keyFile);
    }
    try {
      String text = Files.readString(keyFile, StandardCharsets.US_ASCII);
      return Optional.of(new SealHashKey(decode(text, keyFile.toString()), keyFile.toString()));
    } catch (IOException e) {
      throw new OperationFailedException("reading " + keyFile + ": " + e.getMessage(), e);
    }
  }

  /** Where the key came from, for messages; never the key. */
  public String origin() {
    return origin;
  }

  /**
   * HMAC-SHA256 of {@code value} bound to {@code context} (which secret and key it belongs to), as
   * unpadded URL-safe base64.
   */
  public String hmac(String context, byte[] value) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      mac.update(context.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value));
    } catch (GeneralSecurityException e) {
      throw new InternalException("computing an HMAC: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "SealHashKey[" + origin + "]";
  }

  private static SealHashKey create(Path keyFile) {
    byte[] key = new byte[MIN_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    Path directory = keyFile.getParent();
    SecureFiles.createPrivateDirectories(directory);
    Path ignore = directory.resolve(".gitignore");
    try {
      if (!Files.exists(ignore)) {
        Files.writeString(ignore, "# local cfctl state, never committed\n*\n");
      }
    } catch (IOException e) {
      throw new OperationFailedException("writing " + ignore + ": " + e.getMessage(), e);
    }
    String encoded = Base64.getEncoder().encodeToString(key);
    Redactor.global().register(encoded);
    SecureFiles.writePrivate(keyFile, (encoded + "\n").getBytes(StandardCharsets.US_ASCII));
    logger.info(
        "Created the seal hash key {} (keep it out of Git; share it with CI as {})",
        keyFile,
        ENVIRONMENT_VARIABLE);
    return new SealHashKey(key, keyFile.toString());
  }

  private static byte[] decode(String text, String origin) {
    String trimmed = text.strip();
    Redactor.global().register(trimmed);
    byte[] key;
    try {
      key = Base64.getDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "the seal hash key in " + origin + " is not base64",
          "generate one with `openssl rand -base64 32`");
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new InvalidInputException(
          "the seal hash key in "
              + origin
              + " has "
              + key.length
              + " bytes; at least "
              + MIN_KEY_BYTES
              + " are needed",
          "generate one with `openssl rand -base64 32`");
    }
    return key;
  }
}

package io.clusterfactory.cfctl.k0s.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/** Host key encodings: OpenSSH public key lines and SHA256 fingerprints. */
public final class HostKeys {
  private HostKeys() {}

  /** The SSH wire encoding of a public key (the base64 part of an OpenSSH key line). */
  static byte[] blob(PublicKey key) {
    return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
  }

  /** {@code "ssh-ed25519 AAAA..."}, the form a {@code hostKey} is pinned in. */
  static String openSshLine(PublicKey key) {
    return KeyType.fromKey(key) + " " + Base64.getEncoder().encodeToString(blob(key));
  }

  /** {@code SHA256:<base64 without padding>}, as {@code ssh-keygen -l} prints it. */
  public static String fingerprint(byte[] blob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * The fingerprint of an OpenSSH public key line ({@code "ssh-ed25519 AAAA... comment"}); the type
   * and comment are ignored.
   */
  public static String fingerprint(String openSshLine) {
    return fingerprint(decodeLine(openSshLine).blob());
  }

  /** A key line split into its type and decoded blob. */
  record KeyLine(String type, byte[] blob) {}

  static KeyLine decodeLine(String line) {
    String[] fields = line.strip().split("\\s+");
    if (fields.length < 2) {
      throw new IllegalArgumentException(
          "not an OpenSSH public key (expected \"<type> <base64>\"): " + line);
    }
    try {
      return new KeyLine(fields[0], Base64.getDecoder().decode(fields[1]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key in \"" + line + "\" is not valid base64", e);
    }
  }
}

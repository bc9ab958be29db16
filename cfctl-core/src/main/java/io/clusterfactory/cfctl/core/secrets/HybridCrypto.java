package io.clusterfactory.cfctl.core.secrets;

import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sealed-secrets controller's hybrid encryption, byte for byte.
 *
 * <p>Layout of one sealed value: {@code uint16 big-endian length of the RSA ciphertext || RSA
 * ciphertext || AES-256-GCM ciphertext with its 16-byte tag}. The RSA part is RSA-OAEP (SHA-256,
 * MGF1-SHA-256, the scope's label) of a fresh 32-byte session key; the AES part uses an all-zero
 * 12-byte nonce and no associated data, which is safe because each session key seals exactly one
 * value. The manifest stores the whole as standard base64 with padding.
 */
public final class HybridCrypto {
  /** AES-256 session key size in bytes. */
  public static final int SESSION_KEY_BYTES = 32;

  /** GCM nonce size; the format always uses zero bytes. */
  public static final int GCM_NONCE_BYTES = 12;

  /** GCM tag size in bits. */
  public static final int GCM_TAG_BITS = 128;

  private static final SecureRandom RANDOM = new SecureRandom();

  private HybridCrypto() {}

  /** Seals {@code plaintext} for {@code publicKey} under {@code label}. */
  public static byte[] encrypt(PublicKey publicKey, byte[] plaintext, byte[] label) {
    byte[] sessionKey = new byte[SESSION_KEY_BYTES];
    RANDOM.nextBytes(sessionKey);
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
      rsa.init(Cipher.ENCRYPT_MODE, publicKey, oaepParameters(label), RANDOM);
      byte[] wrappedKey = rsa.doFinal(sessionKey);

      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(sessionKey, "AES"),
          new GCMParameterSpec(GCM_TAG_BITS, new byte[GCM_NONCE_BYTES]));
      byte[] sealedValue = aes.doFinal(plaintext);

      return ByteBuffer.allocate(2 + wrappedKey.length + sealedValue.length)
          .putShort((short) wrappedKey.length)
          .put(wrappedKey)
          .put(sealedValue)
          .array();
    } catch (GeneralSecurityException e) {
      throw new InternalException("sealing a value: " + e.getMessage(), e);
    } finally {
      Arrays.fill(sessionKey, (byte) 0);
    }
  }

  /** {@link #encrypt} encoded as the manifest stores it: standard base64 with padding. */
  public static String encryptToBase64(PublicKey publicKey, byte[] plaintext, byte[] label) {
    return Base64.getEncoder().encodeToString(encrypt(publicKey, plaintext, label));
  }

  /**
   * Opens a sealed value with the controller's private key. A wrong key, a wrong label (another
   * name, namespace or scope) or tampered bytes are invalid input.
   */
  public static byte[] decrypt(PrivateKey privateKey, byte[] sealed, byte[] label) {
    if (sealed.length < 2) {
      throw new InvalidInputException("sealed value too short: " + sealed.length + " bytes");
    }
    int wrappedKeyLength = ((sealed[0] & 0xff) << 8) | (sealed[1] & 0xff);
    if (sealed.length < 2 + wrappedKeyLength) {
      throw new InvalidInputException(
          "sealed value truncated: declares a " + wrappedKeyLength + "-byte RSA part");
    }
    byte[] sessionKey = null;
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
      rsa.init(Cipher.DECRYPT_MODE, privateKey, oaepParameters(label));
      sessionKey = rsa.doFinal(sealed, 2, wrappedKeyLength);

      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(sessionKey, "AES"),
          new GCMParameterSpec(GCM_TAG_BITS, new byte[GCM_NONCE_BYTES]));
      int offset = 2 + wrappedKeyLength;
      return aes.doFinal(sealed, offset, sealed.length - offset);
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException(
          "cannot open sealed value: " + e.getMessage(),
          "it was sealed with another key, or for another name, namespace or scope");
    } finally {
      if (sessionKey != null) {
        Arrays.fill(sessionKey, (byte) 0);
      }
    }
  }

  /**
   * Explicit OAEP parameters: the JDK's default for this transformation uses MGF1 with SHA-1, which
   * the controller (Go's rsa.EncryptOAEP with SHA-256) cannot open.
   */
  static OAEPParameterSpec oaepParameters(byte[] label) {
    return new OAEPParameterSpec(
        "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, new PSource.PSpecified(label));
  }
}

package io.clusterfactory.cfctl.core.secrets;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sealed-secrets controller's HybridDecrypt, written out step by step in test code so the tests
 * do not trust {@link HybridCrypto}: RSA is raw modular exponentiation and OAEP is decoded by hand
 * (RFC 8017 7.1.2), so a wrong hash, MGF1 digest or label in the production code cannot cancel out.
 * Only AES-GCM, which has no parameters to get wrong, uses the JDK.
 */
final class ControllerAlgorithm {
  private static final int HASH_LENGTH = 32;

  private ControllerAlgorithm() {}

  /** Opens a sealed value; throws {@link IllegalStateException} when the label or key is wrong. */
  static byte[] open(RSAPrivateKey key, byte[] sealed, byte[] label) throws Exception {
    // 1. two bytes, big-endian: the length of the RSA ciphertext
    int rsaLength = ((sealed[0] & 0xff) << 8) | (sealed[1] & 0xff);
    int k = (key.getModulus().bitLength() + 7) / 8;
    if (rsaLength != k) {
      throw new IllegalStateException("RSA part is " + rsaLength + " bytes, modulus is " + k);
    }
    // 2. RSA: m = c^d mod n, as a k-byte big-endian block
    byte[] rsaCiphertext = Arrays.copyOfRange(sealed, 2, 2 + rsaLength);
    BigInteger m =
        new BigInteger(1, rsaCiphertext).modPow(key.getPrivateExponent(), key.getModulus());
    byte[] encoded = toFixedLength(m, k);
    // 3. OAEP decoding with SHA-256 and MGF1-SHA-256
    if (encoded[0] != 0) {
      throw new IllegalStateException("OAEP: leading byte not zero");
    }
    byte[] maskedSeed = Arrays.copyOfRange(encoded, 1, 1 + HASH_LENGTH);
    byte[] maskedDataBlock = Arrays.copyOfRange(encoded, 1 + HASH_LENGTH, k);
    byte[] seed = xor(maskedSeed, mgf1(maskedDataBlock, HASH_LENGTH));
    byte[] dataBlock = xor(maskedDataBlock, mgf1(seed, k - HASH_LENGTH - 1));
    byte[] labelHash = sha256(label);
    if (!Arrays.equals(Arrays.copyOfRange(dataBlock, 0, HASH_LENGTH), labelHash)) {
      throw new IllegalStateException("OAEP: label hash mismatch (wrong label or key)");
    }
    int separator = HASH_LENGTH;
    while (separator < dataBlock.length && dataBlock[separator] == 0) {
      separator++;
    }
    if (separator == dataBlock.length || dataBlock[separator] != 1) {
      throw new IllegalStateException("OAEP: no 0x01 separator");
    }
    byte[] sessionKey = Arrays.copyOfRange(dataBlock, separator + 1, dataBlock.length);
    if (sessionKey.length != 32) {
      throw new IllegalStateException("session key is " + sessionKey.length + " bytes");
    }
    // 4. AES-256-GCM, zero nonce, no associated data, over the rest of the blob
    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(sessionKey, "AES"),
        new GCMParameterSpec(128, new byte[12]));
    return aes.doFinal(sealed, 2 + rsaLength, sealed.length - 2 - rsaLength);
  }

  /**
   * Seals by hand with a fixed session key and OAEP seed, so the output is exact: the fixture in
   * the kubeseal layout is rebuilt with this and compared byte for byte.
   */
  static byte[] sealByHand(
      RSAPublicKey key, byte[] sessionKey, byte[] oaepSeed, byte[] plaintext, byte[] label)
      throws Exception {
    int k = (key.getModulus().bitLength() + 7) / 8;
    var dataBlock = new ByteArrayOutputStream();
    dataBlock.write(sha256(label));
    dataBlock.write(new byte[k - sessionKey.length - 2 * HASH_LENGTH - 2]);
    dataBlock.write(1);
    dataBlock.write(sessionKey);
    byte[] maskedDataBlock = xor(dataBlock.toByteArray(), mgf1(oaepSeed, k - HASH_LENGTH - 1));
    byte[] maskedSeed = xor(oaepSeed, mgf1(maskedDataBlock, HASH_LENGTH));
    var encoded = new ByteArrayOutputStream();
    encoded.write(0);
    encoded.write(maskedSeed);
    encoded.write(maskedDataBlock);
    BigInteger c =
        new BigInteger(1, encoded.toByteArray()).modPow(key.getPublicExponent(), key.getModulus());
    byte[] rsaCiphertext = toFixedLength(c, k);

    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(sessionKey, "AES"),
        new GCMParameterSpec(128, new byte[12]));
    byte[] aesCiphertext = aes.doFinal(plaintext);
    return ByteBuffer.allocate(2 + k + aesCiphertext.length)
        .putShort((short) k)
        .put(rsaCiphertext)
        .put(aesCiphertext)
        .array();
  }

  private static byte[] mgf1(byte[] seed, int length) throws Exception {
    var out = new ByteArrayOutputStream();
    for (int counter = 0; out.size() < length; counter++) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(seed);
      digest.update(ByteBuffer.allocate(4).putInt(counter).array());
      out.write(digest.digest());
    }
    return Arrays.copyOf(out.toByteArray(), length);
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  private static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }

  private static byte[] toFixedLength(BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    if (raw.length == length) {
      return raw;
    }
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }
}

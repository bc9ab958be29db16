package io.clusterfactory.cfctl.core.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HybridCryptoTest {
  private static final byte[] LABEL = "demo/db-credentials".getBytes(StandardCharsets.UTF_8);

  private static KeyPair controllerKeys;

  @BeforeAll
  static void generateControllerKey() throws Exception {
    // the controller's default key size, so the layout check below uses the real RSA block size
    controllerKeys = TestKeys.freshRsaKeyPair(4096);
  }

  @Test
  @DisplayName("a value sealed by cfctl opens with the controller's algorithm, written out by hand")
  void roundTripThroughTheControllerAlgorithm() throws Exception {
    byte[] plaintext = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);

    byte[] sealed = HybridCrypto.encrypt(controllerKeys.getPublic(), plaintext, LABEL);

    assertArrayEquals(
        plaintext,
        ControllerAlgorithm.open((RSAPrivateKey) controllerKeys.getPrivate(), sealed, LABEL));
  }

  @Test
  @DisplayName("the blob is uint16 length, a 512-byte RSA block, then plaintext plus a 16-byte tag")
  void layoutMatchesTheControllerFormat() {
    byte[] sealed =
        HybridCrypto.encrypt(
            controllerKeys.getPublic(), "abcdef".getBytes(StandardCharsets.UTF_8), LABEL);

    assertEquals(2 + 512 + 6 + 16, sealed.length);
    assertEquals(512, ((sealed[0] & 0xff) << 8) | (sealed[1] & 0xff));
  }

  @Test
  @DisplayName("each sealing uses a fresh session key: the same value seals to different bytes")
  void sealingIsRandomised() {
    byte[] plaintext = "same".getBytes(StandardCharsets.UTF_8);
    byte[] first = HybridCrypto.encrypt(controllerKeys.getPublic(), plaintext, LABEL);
    byte[] second = HybridCrypto.encrypt(controllerKeys.getPublic(), plaintext, LABEL);

    assertFalse(Arrays.equals(first, second));
    // a reused session key with the fixed zero nonce would leak the XOR of plaintexts
    assertFalse(
        Arrays.equals(
            Arrays.copyOfRange(first, 514, first.length),
            Arrays.copyOfRange(second, 514, second.length)));
  }

  @Test
  @DisplayName("a value sealed under one label does not open under another")
  void wrongLabelDoesNotOpen() {
    byte[] sealed = HybridCrypto.encrypt(controllerKeys.getPublic(), new byte[] {1, 2, 3}, LABEL);
    byte[] otherLabel = "demo/other".getBytes(StandardCharsets.UTF_8);

    assertThrows(
        IllegalStateException.class,
        () ->
            ControllerAlgorithm.open(
                (RSAPrivateKey) controllerKeys.getPrivate(), sealed, otherLabel));
    assertThrows(
        InvalidInputException.class,
        () -> HybridCrypto.decrypt(controllerKeys.getPrivate(), sealed, otherLabel));
  }

  @Test
  @DisplayName("the hand-built kubeseal-format fixture is rebuilt byte for byte and opens")
  void handBuiltFixtureOpens() throws Exception {
    RSAPrivateKey privateKey = TestKeys.controllerPrivateKey();
    RSAPublicKey publicKey = (RSAPublicKey) TestKeys.controllerCertificate().publicKey();
    byte[] sessionKey = new byte[32];
    byte[] oaepSeed = new byte[32];
    for (int i = 0; i < 32; i++) {
      sessionKey[i] = (byte) i;
      oaepSeed[i] = (byte) (0xA0 + i);
    }
    byte[] plaintext = "hunter2-but-much-longer".getBytes(StandardCharsets.UTF_8);
    byte[] fixture = Base64.getDecoder().decode(TestKeys.resource("handbuilt-sealed.txt").strip());

    byte[] rebuilt =
        ControllerAlgorithm.sealByHand(publicKey, sessionKey, oaepSeed, plaintext, LABEL);

    // the Python generator built the same bytes independently
    assertArrayEquals(fixture, rebuilt);
    assertArrayEquals(plaintext, ControllerAlgorithm.open(privateKey, fixture, LABEL));
    assertArrayEquals(plaintext, HybridCrypto.decrypt(privateKey, fixture, LABEL));
  }

  @Test
  @DisplayName("a value sealed by an independent implementation (Python cryptography) opens")
  void oracleFixtureOpens() throws Exception {
    byte[] fixture = Base64.getDecoder().decode(TestKeys.resource("oracle-sealed.txt").strip());
    byte[] expected = "s3cr3t-from-an-independent-oracle".getBytes(StandardCharsets.UTF_8);

    assertArrayEquals(
        expected, ControllerAlgorithm.open(TestKeys.controllerPrivateKey(), fixture, LABEL));
    assertArrayEquals(
        expected, HybridCrypto.decrypt(TestKeys.controllerPrivateKey(), fixture, LABEL));
  }

  @Test
  @DisplayName("a truncated blob is refused with a message, not an array index error")
  void truncatedBlobIsRefused() throws Exception {
    var error =
        assertThrows(
            InvalidInputException.class,
            () ->
                HybridCrypto.decrypt(TestKeys.controllerPrivateKey(), new byte[] {1, 0, 5}, LABEL));
    assertFalse(error.getMessage().isEmpty());
  }
}

package io.clusterfactory.cfctl.core.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An encrypted backup opens only with its recipient's private key (and the key's passphrase). */
class BackupCryptoTest {
  @TempDir static Path dir;
  static Path alicePublic;
  static Path alicePrivate;
  static Path bobPrivate;

  @BeforeAll
  static void keys() throws Exception {
    PGPSecretKey alice = key("alice <alice@example.org>", "alice-pass");
    PGPSecretKey bob = key("bob <bob@example.org>", "");
    alicePublic = write("alice.pub.asc", out -> alice.getPublicKey().encode(out));
    alicePrivate = write("alice.key.asc", alice::encode);
    bobPrivate = write("bob.key.asc", bob::encode);
  }

  interface Encoder {
    void encode(OutputStream out) throws Exception;
  }

  static Path write(String name, Encoder e) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = new ArmoredOutputStream(bytes)) {
      e.encode(armored);
    }
    return Files.write(dir.resolve(name), bytes.toByteArray());
  }

  static PGPSecretKey key(String id, String pass) throws Exception {
    RSAKeyPairGenerator gen = new RSAKeyPairGenerator();
    gen.init(
        new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), new SecureRandom(), 2048, 80));
    BcPGPKeyPair pair =
        new BcPGPKeyPair(PGPPublicKey.RSA_GENERAL, gen.generateKeyPair(), new Date());
    PGPDigestCalculator sha1 = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
    return new PGPSecretKey(
        PGPSignature.DEFAULT_CERTIFICATION,
        pair,
        id,
        sha1,
        null,
        null,
        new BcPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256),
        new BcPBESecretKeyEncryptorBuilder(PGPEncryptedData.AES_256, sha1)
            .build(pass.toCharArray()));
  }

  @Test
  @DisplayName("encrypted for alice: opens with alice's key and passphrase, not bob's, not plain")
  void onlyItsKey() throws Exception {
    byte[] plain = BackupArchiveTest.archive();
    byte[] encrypted = BackupCrypto.encrypt(plain, alicePublic);
    assertFalse(new String(encrypted, StandardCharsets.ISO_8859_1).contains("manifest.json"));
    Path file = Files.write(dir.resolve("b.tar.gz.pgp"), encrypted);

    RestoreSource ok =
        RestoreSource.open(file, "lab", BackupCrypto.decryptor(alicePrivate, "alice-pass"));
    assertEquals("lab", ok.archive().manifest().cluster());

    InvalidInputException bob =
        assertThrows(
            InvalidInputException.class,
            () -> RestoreSource.open(file, "lab", BackupCrypto.decryptor(bobPrivate, "")));
    assertTrue(bob.getMessage().contains("not encrypted for the key"), bob.getMessage());

    InvalidInputException wrongPass =
        assertThrows(
            InvalidInputException.class,
            () -> RestoreSource.open(file, "lab", BackupCrypto.decryptor(alicePrivate, "nope")));
    assertTrue(wrongPass.getMessage().contains("does not unlock"), wrongPass.getMessage());

    InvalidInputException plainRead =
        assertThrows(InvalidInputException.class, () -> RestoreSource.open(file, "lab", null));
    assertTrue(plainRead.getMessage().contains("not a cfctl backup"), plainRead.getMessage());
  }

  @Test
  @DisplayName("a recipient file that is no public key is refused up front")
  void badRecipient() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.asc"), "not a key");
    assertThrows(InvalidInputException.class, () -> BackupCrypto.checkRecipient(junk));
    BackupCrypto.checkRecipient(alicePublic);
  }
}

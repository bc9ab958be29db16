package io.clusterfactory.cfctl.core.backup;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;
import java.util.Iterator;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * OpenPGP encryption of a backup for a recipient's public key, and its decryption with the private
 * key, through Bouncy Castle's lightweight API (no JCA provider registered): AES-256 with an
 * integrity packet, the session key encrypted for the recipient's encryption (sub)key. We chose
 * OpenPGP over age because age has no maintained Java library in the registry cfctl builds from;
 * Bouncy Castle is the reference Java OpenPGP implementation and gpg reads what it writes.
 */
public final class BackupCrypto {
  private BackupCrypto() {}

  /** Checks, before a backup starts, that {@code recipientKey} is a public key that can encrypt. */
  public static void checkRecipient(Path recipientKey) {
    encryptionKey(recipientKey);
  }

  /** Encrypts {@code plain} for the first encryption key of the armored (or binary) key file. */
  public static byte[] encrypt(byte[] plain, Path recipientKey) {
    PGPPublicKey key = encryptionKey(recipientKey);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PGPEncryptedDataGenerator gen =
          new PGPEncryptedDataGenerator(
              new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                  .setWithIntegrityPacket(true)
                  .setSecureRandom(new SecureRandom()));
      gen.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key));
      try (OutputStream enc = gen.open(out, new byte[1 << 16])) {
        PGPLiteralDataGenerator lit = new PGPLiteralDataGenerator();
        try (OutputStream data =
            lit.open(
                enc, PGPLiteralData.BINARY, "cfctl-backup.tar.gz", plain.length, new Date(0))) {
          data.write(plain);
        }
      }
    } catch (IOException | PGPException e) {
      throw new InvalidInputException(
          "encrypting the backup for " + recipientKey + ": " + e.getMessage(),
          "give an OpenPGP public key with an encryption key (gpg --export --armor ID)",
          e);
    }
    return out.toByteArray();
  }

  /**
   * The decryptor for {@code apply --restore-from --decrypt-with}: the private key file (armored or
   * binary), unlocked with {@code passphrase} (null or empty for an unprotected key).
   */
  public static RestoreSource.Decryptor decryptor(Path privateKey, String passphrase) {
    byte[] keyBytes = read(privateKey, "--decrypt-with");
    char[] pass = passphrase == null ? new char[0] : passphrase.toCharArray();
    return (encrypted, what) -> decrypt(encrypted, what, keyBytes, privateKey, pass);
  }

  static byte[] decrypt(byte[] encrypted, String what, byte[] keyBytes, Path keyFile, char[] pass) {
    try {
      PGPSecretKeyRingCollection secrets =
          new PGPSecretKeyRingCollection(
              PGPUtil.getDecoderStream(new ByteArrayInputStream(keyBytes)),
              new BcKeyFingerprintCalculator());
      BcPGPObjectFactory f =
          new BcPGPObjectFactory(PGPUtil.getDecoderStream(new ByteArrayInputStream(encrypted)));
      Object o = f.nextObject();
      if (!(o instanceof PGPEncryptedDataList)) {
        o = f.nextObject();
      }
      if (!(o instanceof PGPEncryptedDataList list)) {
        throw new InvalidInputException(
            what + " is not an OpenPGP-encrypted backup", "drop --decrypt-with for a plain backup");
      }
      for (PGPEncryptedData ed : list) {
        if (!(ed instanceof PGPPublicKeyEncryptedData pked)) {
          continue;
        }
        PGPSecretKey sk = secrets.getSecretKey(pked.getKeyID());
        if (sk == null) {
          continue;
        }
        PGPPrivateKey pk;
        try {
          pk =
              sk.extractPrivateKey(
                  new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                      .build(pass));
        } catch (PGPException e) {
          throw new InvalidInputException(
              keyFile + ": the private key does not unlock (wrong passphrase?)",
              "set CFCTL_BACKUP_PASSPHRASE to the key's passphrase",
              e);
        }
        byte[] plain;
        try (InputStream clear = pked.getDataStream(new BcPublicKeyDataDecryptorFactory(pk))) {
          BcPGPObjectFactory pf = new BcPGPObjectFactory(clear);
          Object m = pf.nextObject();
          if (m instanceof PGPCompressedData c) {
            pf = new BcPGPObjectFactory(c.getDataStream());
            m = pf.nextObject();
          }
          if (!(m instanceof PGPLiteralData ld)) {
            throw new InvalidInputException(what + ": no data inside the OpenPGP message", null);
          }
          plain = ld.getInputStream().readAllBytes();
        }
        if (pked.isIntegrityProtected() && !pked.verify()) {
          throw new InvalidInputException(
              what + " fails its OpenPGP integrity check",
              "the file was changed; use another backup");
        }
        return plain;
      }
      throw new InvalidInputException(
          what + " is not encrypted for the key in " + keyFile,
          "give the private key of the recipient the backup was encrypted to");
    } catch (IOException | PGPException e) {
      throw new InvalidInputException(
          "decrypting " + what + " with " + keyFile + ": " + e.getMessage(),
          "give an OpenPGP private key (gpg --export-secret-keys --armor ID)",
          e);
    }
  }

  private static PGPPublicKey encryptionKey(Path file) {
    byte[] bytes = read(file, "--encrypt-to");
    try {
      PGPPublicKeyRingCollection rings =
          new PGPPublicKeyRingCollection(
              PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes)),
              new BcKeyFingerprintCalculator());
      for (Iterator<PGPPublicKeyRing> r = rings.getKeyRings(); r.hasNext(); ) {
        for (Iterator<PGPPublicKey> k = r.next().getPublicKeys(); k.hasNext(); ) {
          PGPPublicKey key = k.next();
          if (key.isEncryptionKey()) {
            return key;
          }
        }
      }
    } catch (IOException | PGPException e) {
      throw new InvalidInputException(
          "--encrypt-to " + file + ": not an OpenPGP public key (" + e.getMessage() + ")",
          "give the recipient's public key, e.g. gpg --export --armor ID > key.asc",
          e);
    }
    throw new InvalidInputException(
        "--encrypt-to " + file + ": the key has no encryption key", "give a key that can encrypt");
  }

  private static byte[] read(Path file, String flag) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(flag + " " + file + ": no such file", null);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }
}

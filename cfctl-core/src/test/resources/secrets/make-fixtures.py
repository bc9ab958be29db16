#!/usr/bin/env python3
"""Regenerates the sealing fixtures with an implementation independent of cfctl's Java code.

Run from this directory: python3 make-fixtures.py (needs the `cryptography` package).
The key is a throwaway test key; it protects nothing.

  controller.key.pem    RSA-2048 private key (PKCS#8) standing in for the controller's
  controller.cert.pem   its self-signed certificate, valid 2025-01-01..2035-01-01
  expired.cert.pem      same key, valid 2020-01-01..2021-01-01
  future.cert.pem       same key, valid 2090-01-01..2100-01-01
  ec.cert.pem           an EC certificate (the controller only uses RSA)
  oracle-sealed.txt     a value sealed with `cryptography`'s OAEP and AES-GCM (random session key)
  handbuilt-sealed.txt  a value sealed by hand: fixed session key and fixed OAEP seed, OAEP encoded
                        step by step per RFC 8017 and raised to e mod n, so the bytes are exact
"""
import base64
import datetime
import hashlib
import os
import struct

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.x509.oid import NameOID

LABEL = b"demo/db-credentials"
ORACLE_PLAINTEXT = b"s3cr3t-from-an-independent-oracle"
HANDBUILT_PLAINTEXT = b"hunter2-but-much-longer"
SESSION_KEY = bytes(range(32))
OAEP_SEED = bytes(range(0xA0, 0xC0))


def certificate(key, public_key, sign_alg, start, end, name):
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public_key)
        .serial_number(1)
        .not_valid_before(start)
        .not_valid_after(end)
        .sign(key, sign_alg)
        .public_bytes(serialization.Encoding.PEM)
    )


def mgf1(seed, length):
    out = b""
    counter = 0
    while len(out) < length:
        out += hashlib.sha256(seed + struct.pack(">I", counter)).digest()
        counter += 1
    return out[:length]


def oaep_encrypt_by_hand(public_numbers, message, label, seed):
    k = (public_numbers.n.bit_length() + 7) // 8
    h_len = 32
    l_hash = hashlib.sha256(label).digest()
    padding_string = b"\x00" * (k - len(message) - 2 * h_len - 2)
    data_block = l_hash + padding_string + b"\x01" + message
    masked_db = bytes(a ^ b for a, b in zip(data_block, mgf1(seed, k - h_len - 1)))
    masked_seed = bytes(a ^ b for a, b in zip(seed, mgf1(masked_db, h_len)))
    encoded = b"\x00" + masked_seed + masked_db
    c = pow(int.from_bytes(encoded, "big"), public_numbers.e, public_numbers.n)
    return c.to_bytes(k, "big")


def seal(rsa_ciphertext, session_key, plaintext):
    aes = AESGCM(session_key).encrypt(b"\x00" * 12, plaintext, None)
    return struct.pack(">H", len(rsa_ciphertext)) + rsa_ciphertext + aes


def main():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key()
    utc = datetime.timezone.utc
    write("controller.key.pem", key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    for name, start, end in [
        ("controller.cert.pem", 2025, 2035),
        ("expired.cert.pem", 2020, 2021),
        ("future.cert.pem", 2090, 2100),
    ]:
        write(name, certificate(key, public, hashes.SHA256(),
                                datetime.datetime(start, 1, 1, tzinfo=utc),
                                datetime.datetime(end, 1, 1, tzinfo=utc), "sealed-secrets"))
    ec_key = ec.generate_private_key(ec.SECP256R1())
    write("ec.cert.pem", certificate(ec_key, ec_key.public_key(), hashes.SHA256(),
                                     datetime.datetime(2025, 1, 1, tzinfo=utc),
                                     datetime.datetime(2035, 1, 1, tzinfo=utc), "not-rsa"))

    oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=LABEL)
    oracle_session_key = os.urandom(32)
    oracle = seal(public.encrypt(oracle_session_key, oaep), oracle_session_key, ORACLE_PLAINTEXT)
    write("oracle-sealed.txt", base64.b64encode(oracle) + b"\n")

    handbuilt_rsa = oaep_encrypt_by_hand(public.public_numbers(), SESSION_KEY, LABEL, OAEP_SEED)
    assert key.decrypt(handbuilt_rsa, oaep) == SESSION_KEY, "hand-built OAEP does not open"
    handbuilt = seal(handbuilt_rsa, SESSION_KEY, HANDBUILT_PLAINTEXT)
    write("handbuilt-sealed.txt", base64.b64encode(handbuilt) + b"\n")


def write(name, content):
    with open(name, "wb") as f:
        f.write(content)


if __name__ == "__main__":
    main()

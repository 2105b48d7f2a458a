#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes profile_vectors.json: fixed inputs and the outputs of every default-profile derivation,
computed from the formulas of PROFILE.md with Python's hmac module and the `cryptography`
package (for AES key wrap, AES-GCM and X25519) -- an implementation independent of the bench's
C++ code. Run it again only when PROFILE.md changes; the C++ tests read the JSON it writes."""
import hashlib
import hmac
import json
import struct

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.keywrap import aes_key_wrap


def m2m_kdf(key, label, context, length):
    s = label.encode("ascii") + b"\x00" + context + struct.pack(">H", length)
    out, t, i = b"", b"", 1
    while len(out) < length:
        t = hmac.new(key, t + s + bytes([i]), hashlib.sha256).digest()
        out += t
        i += 1
    return out[:length]


def ks_ext_naf(ks, rand, impi, naf_id):
    s = b"\x01"
    for p in (b"gba-me", rand, impi.encode(), naf_id):
        s += p + struct.pack(">H", len(p))
    return hmac.new(ks, s, hashlib.sha256).digest()


def u32(n):
    return struct.pack(">I", n)


inputs = {
    "EMSK": bytes(range(0x00, 0x40)),
    "MSK": bytes(range(0x40, 0x80)),
    "SP-ID": "sp.m2m.example.com",
    "M2M-Node-ID": bytes(range(0xa0, 0xb0)),
    "Ks": bytes(range(0x10, 0x30)),
    "RAND": bytes(range(0xc0, 0xd0)),
    "IMPI": "001010123456789@ims.mnc001.mcc001.3gppnetwork.org",
    "MSBF-FQDN": "msbf.m2m.example.com",
    "Kmc-index": 7,
    "client_random": bytes(range(0x20, 0x40)),
    "server_random": bytes(range(0x60, 0x80)),
    "App-ID": "app:temperature-1",
    "EMSK_cps": bytes(range(0x80, 0xc0)),
    "entity-ID": "urn:m2m:entity:sensor-42",
    "CPS-ID": "cps.m2m.example.com",
    # RFC 7748 section 6.1: Alice is the entity, Bob the CPS.
    "private": bytes.fromhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"),
    "peer-public": bytes.fromhex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"),
    "IBAKE-key": bytes(range(0x30, 0x50)),
    "n": 3,
    "N_cps": bytes(range(0xe0, 0xf0)),
    "holder-ID": "urn:m2m:entity:subscriber-7",
    "i": 5,
    "nonce": bytes(range(0x01, 0x0d)),
    "plaintext": "21.5 degC",
}
I = inputs
ua = bytes.fromhex("ff00000001")
out = {}
out["kmr-eap"] = m2m_kdf(I["EMSK"], "ETSI-M2M-Kmr", I["SP-ID"].encode() + b"\x00" + I["M2M-Node-ID"], 32)
out["kmr-msk"] = m2m_kdf(I["MSK"], "ETSI-M2M-Kmr", I["SP-ID"].encode() + b"\x00" + I["M2M-Node-ID"], 32)
out["ks-naf"] = ks_ext_naf(I["Ks"], I["RAND"], I["IMPI"], I["MSBF-FQDN"].encode() + ua)
out["kmr-gba"] = out["ks-naf"]
kmr = out["kmr-eap"]
out["kmc"] = m2m_kdf(kmr, "ETSI-M2M-Kmc", I["M2M-Node-ID"] + u32(I["Kmc-index"]) + I["client_random"]
                     + I["server_random"], 32)
out["kmc-eap"] = m2m_kdf(I["MSK"], "ETSI-M2M-Kmc", I["M2M-Node-ID"] + u32(I["Kmc-index"]), 32)
out["kma"] = m2m_kdf(out["kmc"], "ETSI-M2M-Kma", I["App-ID"].encode(), 32)
out["kar-eap"] = m2m_kdf(I["EMSK_cps"], "ETSI-M2M-Kar", I["entity-ID"].encode(), 32)
z = X25519PrivateKey.from_private_bytes(I["private"]).exchange(X25519PublicKey.from_public_bytes(I["peer-public"]))
out["dh"] = z
out["kar-dh"] = m2m_kdf(z, "ETSI-M2M-Kar", I["entity-ID"].encode() + b"\x00" + I["CPS-ID"].encode(), 32)
out["kar-ibake"] = m2m_kdf(I["IBAKE-key"], "ETSI-M2M-Kar", I["entity-ID"].encode(), 32)
kar = out["kar-eap"]
out["kas"] = m2m_kdf(kar, "ETSI-M2M-Kas", I["entity-ID"].encode() + u32(I["n"]) + I["N_cps"], 32)
out["kek"] = m2m_kdf(kar, "ETSI-M2M-KEK", I["holder-ID"].encode(), 32)
out["kas-wrap"] = aes_key_wrap(out["kek"], out["kas"])
out["kas-app"] = m2m_kdf(out["kas"], "ETSI-M2M-kAs", u32(I["i"]), 32)
aad = I["entity-ID"].encode() + u32(I["n"]) + u32(I["i"])
sealed = AESGCM(out["kas-app"]).encrypt(I["nonce"], I["plaintext"].encode(), aad)
out["envelope-seal"] = b"\x01" + u32(I["n"]) + u32(I["i"]) + I["nonce"] + sealed
out["m2m-kdf-100"] = m2m_kdf(b"\x0b" * 20, "ETSI-M2M-Test", bytes.fromhex("0102030405"), 100)


def enc(v):
    return v.hex() if isinstance(v, bytes) else v


doc = {
    "source": "PROFILE.md default profile, computed by make_profile_vectors.py (Python hmac and "
              "cryptography, independent of the C++ code). Kmc uses kmr-eap as Kmr; Kas, KEK "
              "and kas-wrap use kar-eap as Kar (KEK for holder-ID); kas-app and the envelope "
              "use kas; m2m-kdf-100 is m2m_kdf(0x0b*20, \"ETSI-M2M-Test\", 0102030405, 100).",
    "inputs": {k: enc(v) for k, v in inputs.items()},
    "outputs": {k: v.hex() for k, v in out.items()},
}
with open("profile_vectors.json", "w") as f:
    json.dump(doc, f, indent=4)
    f.write("\n")

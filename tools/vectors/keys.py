"""The public key sets under test-vectors/keys/ (*.jwks.json): the public parts of the fixed
private keys beside them (keys/*.pem), an HMAC key, a modulus with the ROCA fingerprint and the
vc-jose-cose suite's keys; and the key ids and HMAC secret the signed vectors use."""

from __future__ import annotations

from .common import AUX, aux_text, dump_pretty, read_json
from .signing import b64url, load_key, public_jwk

UPSTREAM_KID = "smartid-upstream-1"
HOPAE_KID = "hopae-test-2025"
KEYS_HOPAE = "keys/hopae.jwks.json"
KEYS_UPSTREAM = "keys/upstream.jwks.json"
INCODE_KID = "incode-test-2025"
KEYS_INCODE = "keys/incode.jwks.json"
HMAC_SECRET = b"vpcheck-test-hmac-secret-32-bytes!!"


def signed_keys() -> None:
    aux_text(KEYS_HOPAE, dump_pretty({"keys": [public_jwk(load_key("hopae-rs256"), HOPAE_KID, use="sig", alg="RS256")]}))
    aux_text(KEYS_INCODE, dump_pretty({"keys": [public_jwk(load_key("incode-rs256"), INCODE_KID, use="sig", alg="RS256")]}))
    aux_text(KEYS_UPSTREAM, dump_pretty({"keys": [public_jwk(load_key("upstream-es256"), UPSTREAM_KID, use="sig")]}))
    aux_text("keys/issuer.jwks.json", dump_pretty({"keys": [
        public_jwk(load_key("issuer-ed25519"), "did:example:issuer#key-1"),
        public_jwk(load_key("hopae-rs256-other"), "rsa-signer-1"),
        public_jwk(load_key("upstream-es256-other"), "ec-signer-1"),
    ]}))
    # The holder's key is trusted for presentations only (--holder-jwks), never beside the
    # issuer's keys: a key verifies only in its role.
    aux_text("keys/holder.jwks.json", dump_pretty({"keys": [
        public_jwk(load_key("holder-ed25519"), "did:example:holder#key-1"),
    ]}))
    aux_text("keys/enc-only.jwks.json", dump_pretty({"keys": [
        public_jwk(load_key("issuer-ed25519"), "did:example:issuer#key-1", use="enc")]}))
    aux_text("keys/weak-rsa.jwks.json", dump_pretty({"keys": [public_jwk(load_key("rsa-1024-weak"), "weak-1")]}))
    aux_text("keys/hmac.jwks.json", dump_pretty({"keys": [{"kty": "oct", "kid": "hmac-1", "k": b64url(HMAC_SECRET)}]}))
    # A 2048-bit modulus with the ROCA fingerprint (CVE-2017-15361): 1 modulo every small prime
    # of the vulnerable generator's M, so in the subgroup 65537 generates modulo each. Not a
    # product of two primes; only the fingerprint matters to the check.
    roca_m = 1
    for p in (3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103,
              107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167):
        roca_m *= p
    roca_k = (1 << 2047) // roca_m + 2
    roca_k += roca_k % 2
    roca_n = roca_k * roca_m + 1
    assert roca_n.bit_length() == 2048 and roca_n % 2 == 1
    aux_text("keys/roca-fingerprint.jwks.json", dump_pretty({"keys": [
        {"kty": "RSA", "kid": "roca-1", "n": b64url(roca_n.to_bytes(256, "big")), "e": "AQAB"}]}))
    # The W3C vc-jose-cose suite's verification methods, public parts only.
    vms = []
    for name in ("ed25519", "p256", "p384", "p521"):
        vms.append(read_json(f"jose/vc-jose-cose/vm-{name}.json")["publicKeyJwk"])
    aux_text("keys/vc-jose-cose.jwks.json", dump_pretty({"keys": vms}))
    for name in ("did-ed25519", "ed25519", "p256", "p384", "p521"):
        AUX.add(f"jose/vc-jose-cose/vm-{name}.json")

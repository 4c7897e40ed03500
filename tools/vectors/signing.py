"""Compact JWS, filler-signed or signed for real.

`jws` writes a FILLER signature: a SHA-256 chain over the signing input, cut to the algorithm's
signature length, so the token is well-formed compact JWS but validly signed by no key.
`sign_jws` signs for real with the fixed test keys of test-vectors/keys/*.pem (test use only),
through Python's `cryptography` package (pinned in tools/requirements.txt); every algorithm used
is deterministic (RFC 6979 ECDSA, RFC 8032 EdDSA, PKCS #1 v1.5, HMAC), so the output reproduces
byte for byte."""

from __future__ import annotations

import base64
import hashlib

from .common import ROOT, compact


SIG_LEN = {"RS256": 256, "ES256": 64, "EdDSA": 64, "none": 0}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def filler_signature(signing_input: bytes, length: int) -> bytes:
    """Deterministic bytes, NOT a signature: sha256(input), sha256 of that, ..."""
    out = b""
    h = signing_input
    while len(out) < length:
        h = hashlib.sha256(h).digest()
        out += h
    return out[:length]


def jws(header: dict, payload: dict) -> str:
    signing_input = b64url(compact(header).encode()) + "." + b64url(compact(payload).encode())
    sig = filler_signature(signing_input.encode("ascii"), SIG_LEN[header["alg"]])
    return signing_input + "." + b64url(sig)


def _crypto():
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa, utils
    return hashes, serialization, ec, ed25519, padding, rsa, utils


def load_key(name: str):
    _, serialization, *_ = _crypto()
    with open(ROOT / "keys" / f"{name}.pem", "rb") as f:
        return serialization.load_pem_private_key(f.read(), password=None)


def int_b64(n: int, length: int | None = None) -> str:
    length = length or max(1, (n.bit_length() + 7) // 8)
    return b64url(n.to_bytes(length, "big"))


def public_jwk(key, kid: str, **extra) -> dict:
    hashes, serialization, ec, ed25519, padding, rsa, utils = _crypto()
    if isinstance(key, rsa.RSAPrivateKey):
        pn = key.public_key().public_numbers()
        jwk = {"kty": "RSA", "kid": kid, "n": int_b64(pn.n), "e": int_b64(pn.e)}
    elif isinstance(key, ec.EllipticCurvePrivateKey):
        pn = key.public_key().public_numbers()
        jwk = {"kty": "EC", "kid": kid, "crv": "P-256", "x": int_b64(pn.x, 32), "y": int_b64(pn.y, 32)}
    else:
        raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        jwk = {"kty": "OKP", "kid": kid, "crv": "Ed25519", "x": b64url(raw)}
    jwk.update(extra)
    return jwk


def sign_jws(header: dict, payload, key) -> str:
    """A compact JWS; deterministic for every algorithm used here (RFC 6979 ECDSA)."""
    hashes, serialization, ec, ed25519, padding, rsa, utils = _crypto()
    body = payload if isinstance(payload, bytes) else compact(payload).encode()
    signing_input = (b64url(compact(header).encode()) + "." + b64url(body)).encode()
    alg = header["alg"]
    if alg == "RS256":
        sig = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    elif alg == "ES256":
        der = key.sign(signing_input, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
        r, s_ = utils.decode_dss_signature(der)
        sig = r.to_bytes(32, "big") + s_.to_bytes(32, "big")
    elif alg == "EdDSA":
        sig = key.sign(signing_input)
    elif alg == "HS256":
        import hmac
        import hashlib
        sig = hmac.new(key, signing_input, hashlib.sha256).digest()
    else:
        raise ValueError(alg)
    return signing_input.decode() + "." + b64url(sig)

"""vpcheck's constructed test vectors: the generator behind tools/generate_vectors.py.

It writes the constructed vectors under test-vectors/, the key sets and ID tokens their policies
name, test-vectors/expected.json and the per-vector index; every path is relative to the
repository's test-vectors/. Deterministic: no randomness, no clock, no network; re-running
reproduces every file it writes byte for byte (CI checks it does).

Python 3.11 and its standard library, plus Python's `cryptography` package for the vectors signed
with the fixed test keys of test-vectors/keys/ (tools/requirements.txt pins it and its
dependencies): `pip install -r tools/requirements.txt`.

Inputs it only reads: the verbatim third-party copies under test-vectors/ (vendors/,
ld/ed25519signature2020-signed.json, jwt/credential-jose-minimal.jwt, ld/vc-di-eddsa/'s and ld/vc-di-ecdsa/'s W3C test
vectors, ld/ecdsa-sd-2023-reference/'s base.json and derived.json (made once with
tools/js/ecdsa-sd-2023/), bbs2020/'s fixtures, jose/vc-jose-cose/'s suite inputs), the private test keys
test-vectors/keys/*.pem, and docs/error-codes.json (every error code and its kind).

Each vector family is a module: copied (the verbatim copies' entries), trinsic_connect,
trinsic_sessions, hopae (hopae/, hopae-signed/, webhook/), incode_regula, vendor_errors, ld, keys (the public key
sets), jwt_jose, hostile, formats (existing vectors under other policies); common and signing hold
the output and JWS helpers, outputs writes expected.json and the index. `generate()` runs them in
a fixed order: hostile/ mutates vectors the families before it wrote, and entries for one file keep
the order they were recorded in.
"""

from __future__ import annotations

from . import copied, formats, hopae, hostile, incode_regula, jwt_jose, keys, ld, outputs
from . import trinsic_connect, trinsic_sessions, vendor_errors


def generate() -> None:
    copied.copied_vectors()
    trinsic_connect.trinsic_connect()
    trinsic_sessions.trinsic_sessions()
    trinsic_sessions.trinsic_provider_output()
    hopae.hopae()
    incode_regula.incode_regula()
    vendor_errors.vendor_errors()
    incode_regula.incode_onboarding()
    ld.generic_ld()
    jwt_jose.generic_jwt()
    keys.signed_keys()
    incode_regula.incode_oidc()
    hopae.hopae_signed()
    hopae.webhook_vectors()
    jwt_jose.jwt_signed()
    ld.vc_di_eddsa()
    ld.ecdsa()
    ld.selective_disclosure()
    ld.ecdsa_sd_reference()
    ld.bbs2020_vectors()
    jwt_jose.vc_jose_cose()
    hostile.hostile()
    formats.formats_and_expectations()
    outputs.check_coverage()
    outputs.write_outputs()

"""Incode OIDC through the binding: ``incode_jwks`` verifies the Incode ID token a userinfo is
bound to, and nothing else does (the Rust side: ``cli/tests/incode_oidc.rs``)."""

from __future__ import annotations

import pickle

import pytest

import vpcheck
from conftest import VECTORS

NOW = "2025-11-03T10:00:00Z"
EXPECT = dict(audience="vpcheck-incode-client", issuer="https://auth.demo.incode.com", nonce="n-Qm9vYmFy")


def token(name: str = "valid") -> str:
    return (VECTORS / f"incode-oidc/id-token-{name}.jwt").read_text(encoding="utf-8")


def userinfo(name: str = "valid") -> bytes:
    return (VECTORS / f"incode-oidc/userinfo-{name}.json").read_bytes()


def test_incode_jwks_verifies_the_pair_and_the_sub_twin_is_rejected():
    policy = vpcheck.Policy(now=NOW, incode_jwks=[VECTORS / "keys/incode.jwks.json"], **EXPECT)
    good = vpcheck.verify(userinfo(), policy, id_token=token())
    assert good.verdict == "verified", good.codes
    assert good.format == "incode-userinfo"
    twin = vpcheck.verify(userinfo("sub-differs"), policy, id_token=token())
    assert (twin.verdict, twin.codes, twin.claims) == ("rejected", ["binding.subject"], None)
    # The options survive a pickle (Spark's broadcast).
    again = vpcheck.verify(userinfo(), pickle.loads(pickle.dumps(policy)), id_token=token())
    assert again.verdict == "verified"


def test_no_other_key_and_no_missing_token_verifies_it():
    hopae = vpcheck.Policy(now=NOW, hopae_jwks=[VECTORS / "keys/hopae.jwks.json"], **EXPECT)
    r = vpcheck.verify(userinfo(), hopae, id_token=token())
    assert r.verdict == "unchecked" and "signature.not_checked" in r.codes
    lax = vpcheck.Policy(now=NOW, incode_jwks=[VECTORS / "keys/incode.jwks.json"],
                         allow_unsigned_formats=True, allow_unsigned_claims=True)
    r = vpcheck.verify(userinfo(), lax)
    assert r.verdict == "unchecked" and r.codes == ["signature.not_checked"]


def test_incode_jwks_is_a_list_of_key_sets():
    with pytest.raises(vpcheck.PolicyError):
        vpcheck.Policy(now=NOW, incode_jwks=[b"{not json"])
    # Not a map by issuer, as evidence_jwks is: one set for the Incode authorization server.
    with pytest.raises(vpcheck.VpcheckError):
        vpcheck.Policy(now=NOW, incode_jwks={"https://auth.demo.incode.com": [b"{}"]})

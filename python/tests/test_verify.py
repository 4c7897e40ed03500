"""`vpcheck.verify` on every vector of `test-vectors/expected.json`: the verdict and the error
codes the Rust tests assert, and the Python objects around them."""

from __future__ import annotations

import pickle

import pytest

import vpcheck
from conftest import VECTORS, cases, policy_options

CASES = cases()


def test_the_corpus_is_the_rust_tests_one():
    assert len(CASES) >= 300
    assert set(vpcheck.error_codes().values()) == {"malformed", "invalid", "could not check"}


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_every_vector_gets_the_verdict_and_codes_of_the_rust_tests(case):
    policy = vpcheck.Policy(now=case["now"], **policy_options(case["policy"]))
    data = (VECTORS / case["file"]).read_bytes()
    id_token = case["policy"].get("id_token")
    token = (VECTORS / id_token).read_text(encoding="utf-8") if id_token else None
    result = vpcheck.verify(data, policy, id_token=token)
    assert (result.verdict, set(result.codes)) == (case["verdict"], set(case["codes"]))
    # Claims only when verified; every error code is one the library declares.
    assert (result.claims is not None) == (result.verdict == "verified")
    assert set(result.codes) <= set(vpcheck.error_codes())
    if case.get("message"):
        assert any(case["message"] in e.message for e in result.errors)


def trinsic_policy(**extra):
    return vpcheck.Policy(
        now="2026-10-01T10:00:00Z",
        did_docs=[VECTORS / "trinsic-bbs/issuer.did.json"],
        trust_trinsic_issuers=["did:web:idv.vpcheck.example:zVpcheckTestIssuer"],
        session_id="urn:trinsic:idvsession:7d6f0c2e-5b1a-4c3e-9f7a-2b8d1e4c6a90",
        **extra,
    )


def test_typed_claims_and_their_dict():
    result = vpcheck.verify((VECTORS / "trinsic-bbs/session-valid.json").read_bytes(), trinsic_policy())
    assert result.verified and result.format == "trinsic-connect-session"
    claims = result.claims
    assert (claims.given_name, claims.family_name, claims.birth_date) == ("JANE", "SMITH", "1990-04-12")
    assert claims.document.number == "AB123987"
    assert claims.address.locality == "PITTSBURGH"
    assert claims.provenance.vendor == "trinsic-connect"
    d = claims.to_dict()
    assert d["document"]["number"] == "AB123987" and "extra" not in d
    assert result.to_dict()["claims"] == d
    assert all(c.status == "passed" for c in result.checks if c.name == "session.state")


def test_a_tampered_result_is_returned_rejected_not_raised():
    data = (VECTORS / "trinsic-bbs/session-valid.json").read_bytes().replace(b"SMITH", b"SMYTH")
    result = vpcheck.verify(data, trinsic_policy())
    assert result.verdict == "rejected" and result.claims is None and result.errors


def test_malformed_input_is_a_result_too():
    result = vpcheck.verify(b"{", trinsic_policy())
    assert result.verdict == "rejected" and result.codes == ["input.json_syntax"]


def test_misuse_raises():
    with pytest.raises(vpcheck.PolicyError, match="unknown policy option 'sesion_id'"):
        vpcheck.Policy(now="2026-10-01T10:00:00Z", sesion_id="x")
    with pytest.raises(vpcheck.PolicyError, match="now"):
        vpcheck.Policy(now="yesterday")
    with pytest.raises(vpcheck.PolicyError):
        vpcheck.Policy(now="2026-10-01T10:00:00Z", hopae_jwks=[b"{not json"])
    with pytest.raises(vpcheck.SourceError):
        vpcheck.Policy(now="2026-10-01T10:00:00Z", did_docs=["/nonexistent/did.json"])
    with pytest.raises(vpcheck.PolicyError, match="algs"):
        vpcheck.Policy(now="2026-10-01T10:00:00Z", algs=["none"])
    with pytest.raises(vpcheck.PolicyError):
        vpcheck.Policy(now="2026-10-01T10:00:00Z", session_id=5)
    with pytest.raises(TypeError):
        vpcheck.verify(b"{}", "not a policy")
    # One hierarchy: every misuse is a VpcheckError.
    assert issubclass(vpcheck.PolicyError, vpcheck.VpcheckError)
    assert issubclass(vpcheck.SourceError, vpcheck.VpcheckError)


def test_a_policy_pickles_as_its_options_and_documents(tmp_path):
    did = tmp_path / "did.json"
    did.write_bytes((VECTORS / "trinsic-bbs/issuer.did.json").read_bytes())
    policy = vpcheck.Policy(
        now="2026-10-01T10:00:00Z",
        did_docs=[did],
        trust_trinsic_issuers=["did:web:idv.vpcheck.example:zVpcheckTestIssuer"],
    )
    did.unlink()  # read once: the copy does not need the file
    copy = pickle.loads(pickle.dumps(policy))
    data = (VECTORS / "trinsic-bbs/session-valid.json").read_bytes()
    assert vpcheck.verify(data, copy).verdict == vpcheck.verify(data, policy).verdict == "verified"
    assert copy.now == "2026-10-01T10:00:00Z"

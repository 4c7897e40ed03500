"""Shared helpers: the repository's test vectors and the policy a vector's case names."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "test-vectors"


def cases():
    """`test-vectors/expected.json` and `trinsic-bbs/expected.json`, as the Rust tests read them."""
    out = []
    for name in ("expected.json", "trinsic-bbs/expected.json"):
        out.extend(json.loads((VECTORS / name).read_text(encoding="utf-8")))
    return out


def policy_options(spec: dict) -> dict:
    """A case's policy spec as `vpcheck.Policy` options, its files as paths."""
    path = lambda f: str(VECTORS / f)  # noqa: E731
    out = {}
    for name in ("session_id", "min_loa", "min_match_probability", "max_age_seconds", "external_user_id", "audience", "issuer", "nonce", "typ"):
        if spec.get(name) is not None:
            out[name] = spec[name]
    for name in ("issuer_jwks", "holder_jwks", "evidence_jwks"):
        if spec.get(name):
            out[name] = {k: [path(f) for f in files] for k, files in spec[name].items()}
    for name in ("signer_jwks", "hopae_jwks", "incode_jwks", "did_docs", "status_lists"):
        if spec.get(name):
            out[name] = [path(f) for f in spec[name]]
    for name in ("trust_issuers", "trust_trinsic_issuers", "algs", "allow_withheld", "accept_formats"):
        if spec.get(name):
            out[name] = list(spec[name])
    if spec.get("contexts"):
        out["contexts"] = {url: path(f) for url, f in spec["contexts"].items()}
    if spec.get("trust_contexts"):
        out["trust_contexts"] = [(VECTORS / f).read_bytes() for f in spec["trust_contexts"]]
    for name in ("require_holder_binding", "require_evidence_signatures", "require_status", "allow_unsigned_formats", "allow_unsigned_claims",
                 "accept_manual_review"):
        if spec.get(name):
            out[name] = True
    return out


def vpcheck_binary() -> Path:
    """The CLI the comparisons run: `VPCHECK_BIN`, else the build in the target directory."""
    if os.environ.get("VPCHECK_BIN"):
        return Path(os.environ["VPCHECK_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    for profile in ("release", "debug"):
        candidate = target / profile / "vpcheck"
        if candidate.exists():
            return candidate
    pytest.skip("no vpcheck binary built (cargo build -p vpcheck-cli)")

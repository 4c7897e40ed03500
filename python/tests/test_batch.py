"""`vpcheck.verify_batch` against `vpcheck audit --format ndjson`: the same items under the same
policy give the same verdict, format, instant and errors, item for item, in input order."""

from __future__ import annotations

import json
import subprocess

import pyarrow as pa
import pytest

import vpcheck
from conftest import VECTORS, cases, vpcheck_binary

NOW = "2026-10-01T10:00:00Z"
TRINSIC = "did:web:idv.vpcheck.example:zVpcheckTestIssuer"


def corpus():
    """Every vector file (each family, each verdict), once, in a fixed order."""
    seen, files = set(), []
    for case in cases():
        if case["file"] not in seen:
            seen.add(case["file"])
            files.append(case["file"])
    return files


def audit_policy():
    return vpcheck.Policy(
        now=NOW,
        did_docs=[VECTORS / "trinsic-bbs/issuer.did.json", VECTORS / "dids/vc-example-issuer.json"],
        trust_trinsic_issuers=[TRINSIC],
        trust_issuers=["https://vc.example/issuers/5678"],
        issuer_jwks={"did:example:issuer": [VECTORS / "keys/issuer.jwks.json"]},
        hopae_jwks=[VECTORS / "keys/hopae.jwks.json"],
        allow_unsigned_formats=True,
    )


AUDIT_FLAGS = [
    "--now", NOW,
    "--did-doc", str(VECTORS / "trinsic-bbs/issuer.did.json"),
    "--did-doc", str(VECTORS / "dids/vc-example-issuer.json"),
    "--trust-trinsic-issuer", TRINSIC,
    "--trust-issuer", "https://vc.example/issuers/5678",
    "--issuer-jwks", f"did:example:issuer={VECTORS / 'keys/issuer.jwks.json'}",
    "--hopae-jwks", str(VECTORS / "keys/hopae.jwks.json"),
    "--allow-unsigned-formats",
]


COMPARED = ("verdict", "format", "at", "instant_source", "instant_signed", "errors")


@pytest.mark.parametrize("at,flags", [(None, []), ("signed", ["--at", "signed"]), ("field:updated", ["--at-field", "updated"])])
def test_verify_batch_equals_vpcheck_audit(at, flags):
    files = corpus()
    items = [(VECTORS / f).read_bytes() for f in files]
    policy = audit_policy()
    got = verify_batch_rows(items, policy, at)
    cli_flags = list(AUDIT_FLAGS)
    if at is not None:
        # `--at` and `--at-field` conflict with `--now` in the CLI.
        i = cli_flags.index("--now")
        del cli_flags[i : i + 2]
    expected = cli_audit_with(files, cli_flags + flags)
    assert len(got) == len(expected) == len(files)
    verdicts = {row["verdict"] for row in got}
    assert verdicts >= {"verified", "rejected"}, verdicts
    for f, row, line in zip(files, got, expected):
        assert {k: row[k] for k in COMPARED} == {k: line[k] for k in COMPARED}, f


def cli_audit_with(files, flags):
    out = subprocess.run(
        [str(vpcheck_binary()), "audit", "--format", "ndjson", "--jobs", "2", *flags,
         *[str(VECTORS / f) for f in files]],
        capture_output=True,
        check=False,
    )
    assert out.returncode in (0, 1, 3), out.stderr.decode()
    return [json.loads(line) for line in out.stdout.decode().splitlines() if '"summary"' not in line[:12]]


def verify_batch_rows(items, policy, at=None, jobs=None):
    return vpcheck.verify_batch(items, policy, at, jobs=jobs).to_pylist()


def test_input_kinds_and_order():
    files = corpus()[:40]
    items = [(VECTORS / f).read_bytes() for f in files]
    policy = audit_policy()
    from_list = verify_batch_rows(items, policy, jobs=1)
    from_binary = verify_batch_rows(pa.array(items, pa.binary()), policy, jobs=3)
    chunked = pa.chunked_array([pa.array(items[:15], pa.large_binary()), pa.array(items[15:], pa.large_binary())])
    from_chunked = verify_batch_rows(chunked, policy, jobs=2)
    strip = lambda rows: [{k: r[k] for k in COMPARED} for r in rows]  # noqa: E731
    assert strip(from_list) == strip(from_binary) == strip(from_chunked)
    # One verify per item gives the same verdicts and codes.
    for item, row in zip(items, from_list):
        single = vpcheck.verify(item, policy)
        assert (single.verdict, single.codes) == (row["verdict"], row["codes"])


def test_nulls_and_bad_items():
    policy = audit_policy()
    rows = verify_batch_rows(pa.array([None, b"{"], pa.binary()), policy)
    assert rows[0]["verdict"] == "unchecked" and rows[0]["codes"] == ["audit.unreadable"]
    assert rows[1]["verdict"] == "rejected" and rows[1]["codes"] == ["input.json_syntax"]
    with pytest.raises(TypeError):
        vpcheck.verify_batch([1, 2], policy)
    with pytest.raises(ValueError):
        vpcheck.verify_batch([b"{}"], policy, at="yesterday")
    assert vpcheck.verify_batch([], policy).to_pylist() == []
    assert vpcheck.verify_batch([], policy).type == vpcheck.batch_schema()

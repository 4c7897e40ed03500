#!/usr/bin/env python3
"""Medians and ratios from criterion's last run of each benchmark (target/criterion/*/new), as
the Markdown tables of BENCHMARKS.md. Run after the `cargo bench` commands BENCHMARKS.md lists:

    python3 benches/summary.py [TARGET_DIR]
"""
import json
import os
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
criterion = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CARGO_TARGET_DIR", root / "target")) / "criterion"


def median_ns(group, name):
    """Criterion's median for GROUP/NAME in nanoseconds, or None when it was not run."""
    path = criterion / group.replace("/", "_") / name.replace("/", "_") / "new" / "estimates.json"
    if not path.exists():
        return None
    return json.loads(path.read_text())["median"]["point_estimate"]


def median_top_ns(name):
    """The same for a benchmark outside a group (`c.bench_function("a/b")`)."""
    path = criterion / name.replace("/", "_") / "new" / "estimates.json"
    return json.loads(path.read_text())["median"]["point_estimate"] if path.exists() else None


def show(ns):
    if ns is None:
        return "not run"
    return f"{ns / 1e6:.2f} ms" if ns >= 1e6 else f"{ns / 1e3:.2f} µs"


def ratio(a, b):
    return f"{a / b:.2f}x" if a and b else "–"


print("## Parse only (bytes per second, MB = 10^6)\n")
print("| input | bytes | median | MB/s |")
print("|---|---|---|---|")
for name, file in [
    ("trinsic-connect-session", "trinsic-connect/session-success.json"),
    ("trinsic-session-result", "trinsic-sessions/result-success.json"),
    ("hopae-userinfo", "hopae/userinfo-valid.json"),
    ("incode-result", "incode/scores-ok.json"),
    ("incode-userinfo", "incode-oidc/userinfo-valid.json"),
    ("jws", "jwt/credential-jose-minimal.jwt"),
    ("jwt-vp", "jwt-signed/vp11-valid.jwt"),
]:
    ns = median_ns("parse", name)
    size = (root / "test-vectors" / file).stat().st_size
    print(f"| {name} (`{file}`) | {size} | {show(ns)} | {size / ns * 1e3:.0f} |" if ns else f"| {name} | {size} | not run | |")
print(f"\nEvidence `names` split and check (Smart-ID's 4 keys): {show(median_top_ns('evidence_names/smart_id'))}\n")

print("## JWS verification per algorithm\n")
print("| alg | vpcheck | bare signature | jsonwebtoken | josekit | ssi | vpcheck / bare | vpcheck / jsonwebtoken | josekit / vpcheck | ssi / vpcheck |")
print("|---|---|---|---|---|---|---|---|---|---|")
for alg in ["EdDSA", "ES256", "RS256"]:
    g = f"jwt_verify/{alg}"
    v, bare, jwt, jose, ssi = (median_ns(g, n) for n in ["vpcheck", "bare_signature", "jsonwebtoken", "josekit", "ssi"])
    print(f"| {alg} | {show(v)} | {show(bare)} | {show(jwt)} | {show(jose)} | {show(ssi)} | {ratio(v, bare)} | {ratio(v, jwt)} | {ratio(jose, v)} | {ratio(ssi, v)} |")

print("\n## Data Integrity Ed25519\n")
print("| credential | vpcheck | ssi | ssi / vpcheck |")
print("|---|---|---|---|")
for suite in ["eddsa-rdfc-2022", "Ed25519Signature2020"]:
    g = f"di_ed25519/{suite}"
    v, ssi = median_ns(g, "vpcheck"), median_ns(g, "ssi")
    print(f"| {suite} | {show(v)} | {show(ssi)} | {ratio(ssi, v)} |")

print("\n## BBS+ derived proofs\n")
print("| | Trinsic-shaped session | shared vector 4 |")
print("|---|---|---|")
rows = [
    ("vpcheck end to end", "vpcheck"),
    ("proof of knowledge on blst (vpcheck's check without JSON-LD)", "proof_of_knowledge_blst"),
    ("canonicalisation and key resolution", "canonicalise_and_resolve"),
    ("bbs 0.4's proof-of-knowledge check (the reference's backend), key expansion included", "bare_proof_of_knowledge_bbs"),
    ("key expansion (bbs 0.4), paid once per issuer key and message count", "key_expansion_bbs"),
]
values = {}
for label, name in rows:
    a, b = median_ns("bbs_trinsic_session", name), median_ns("bbs_derived_proof", name)
    values[name] = (a, b)
    print(f"| {label} | {show(a)} | {show(b)} |")
(va, vb), (pa, pb), (ba, bb) = values["vpcheck"], values["proof_of_knowledge_blst"], values["bare_proof_of_knowledge_bbs"]
print(f"| **end to end / blst proof of knowledge** | {ratio(va, pa)} | {ratio(vb, pb)} |")
print(f"| **bbs 0.4 check / end to end** | {ratio(ba, va)} | {ratio(bb, vb)} |")
print(f"\nThe Trinsic-shaped credential alone (`bbs_trinsic_credential/vpcheck`): {show(median_top_ns('bbs_trinsic_credential/vpcheck'))}")

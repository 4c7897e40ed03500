#!/usr/bin/env python3
"""Every vector of test-vectors/expected.json through the release CLI, one process each, held to
the targets of README "Bounded work": each decided as expected.json says, in at most 1 s of CPU
(user + system) and 256 MiB peak RSS; then `vpcheck audit --jobs 2` over the hostile JSON-LD
inputs under 512 MiB. The CPU time and peak RSS of each child come from wait4(2).

Usage: python3 benches/hostile_bounds.py [--binary target/release/vpcheck] [--report FILE]
Exit status 1 names every vector that broke a bound or was decided otherwise.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "test-vectors"
MAX_CPU_SECONDS = 1.0
MAX_RSS_MIB = 256
MAX_AUDIT_RSS_MIB = 512


def flags(policy: dict) -> list:
    """The CLI flags for a vector's policy, as cli/tests/vectors.rs passes them."""
    out = []
    for key, flag in [("session_id", "--session-id"), ("min_loa", "--min-loa"),
                      ("min_match_probability", "--min-match-probability"), ("max_age_seconds", "--max-age"),
                      ("external_user_id", "--external-user-id"), ("audience", "--audience"), ("issuer", "--issuer"),
                      ("nonce", "--nonce"), ("typ", "--typ")]:
        if policy.get(key) is not None:
            out += [flag, str(policy[key])]
    for key, flag in [("issuer_jwks", "--issuer-jwks"), ("holder_jwks", "--holder-jwks"), ("evidence_jwks", "--evidence-jwks")]:
        for who, files in policy.get(key, {}).items():
            out += [x for f in files for x in (flag, f"{who}={VECTORS / f}")]
    for key, flag in [("signer_jwks", "--signer-jwks"), ("hopae_jwks", "--hopae-jwks"),
                      ("incode_jwks", "--incode-jwks"), ("did_docs", "--did-doc"),
                      ("status_lists", "--status-list")]:
        out += [x for f in policy.get(key, []) for x in (flag, str(VECTORS / f))]
    for key, flag in [("trust_issuers", "--trust-issuer"), ("trust_trinsic_issuers", "--trust-trinsic-issuer"),
                      ("algs", "--alg"), ("allow_withheld", "--allow-withheld"), ("accept_formats", "--accept-format")]:
        out += [x for v in policy.get(key, []) for x in (flag, v)]
    for url, f in policy.get("contexts", {}).items():
        out += ["--context", f"{url}={VECTORS / f}"]
    out += [x for f in policy.get("trust_contexts", []) for x in ("--trust-context", str(VECTORS / f))]
    if policy.get("id_token"):
        out += ["--id-token", str(VECTORS / policy["id_token"])]
    for key, flag in [("require_holder_binding", "--require-holder-binding"),
                      ("require_evidence_signatures", "--require-evidence-signatures"),
                      ("require_status", "--require-status"), ("allow_unsigned_formats", "--allow-unsigned-formats"),
                      ("allow_unsigned_claims", "--allow-unsigned-claims"),
                      ("accept_manual_review", "--accept-manual-review")]:
        if policy.get(key):
            out.append(flag)
    return out


def run(argv: list) -> tuple:
    """Runs argv; returns (stdout, exit status, CPU seconds, peak RSS in MiB) of that child."""
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return out.read(), child.returncode, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    # Where cargo put the release build: CARGO_TARGET_DIR (relative to the working directory, as
    # cargo reads it), else target/.
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target").resolve()
    parser.add_argument("--binary", default=str(target / "release/vpcheck"))
    parser.add_argument("--report", help="write a Markdown table of the hostile JSON-LD vectors here")
    args = parser.parse_args()
    entries = json.loads((VECTORS / "expected.json").read_text())
    failures, rows, worst = [], [], (0.0, 0.0, "", "")
    for e in entries:
        argv = [args.binary, "verify", "--format", "json", "--now", e["now"], *flags(e.get("policy") or {}), str(VECTORS / e["file"])]
        stdout, status, cpu, rss = run(argv)
        try:
            got = json.loads(stdout)
            codes = sorted({x["code"] for x in got["errors"]})
            verdict = got["verdict"]
        except (ValueError, KeyError):
            codes, verdict = [f"exit {status}, no JSON report"], "?"
        if verdict != e["verdict"] or codes != sorted(set(e["codes"])):
            failures.append(f"{e['file']}: {verdict} {codes}, expected {e['verdict']} {sorted(set(e['codes']))}")
        if cpu > MAX_CPU_SECONDS or rss > MAX_RSS_MIB:
            failures.append(f"{e['file']}: {cpu:.2f} s CPU, {rss:.0f} MiB peak (bounds {MAX_CPU_SECONDS} s, {MAX_RSS_MIB} MiB)")
        worst = (max(worst[0], cpu), max(worst[1], rss), e["file"] if cpu >= worst[0] else worst[2], e["file"] if rss >= worst[1] else worst[3])
        if e["file"].startswith("hostile/ld-"):
            size = (VECTORS / e["file"]).stat().st_size
            rows.append(f"| `{e['file']}` | {size / 1000:.1f} KB | `{'`, `'.join(codes) or verdict}` | {cpu:.3f} s | {rss:.1f} MiB |")
    print(f"{len(entries)} vectors: worst CPU {worst[0]:.3f} s ({worst[2]}), worst peak RSS {worst[1]:.1f} MiB ({worst[3]})")
    # Two jobs at once over the hostile JSON-LD inputs (`vpcheck audit` reads a directory).
    with tempfile.TemporaryDirectory() as tmp:
        hostile = [e for e in entries if e["file"].startswith("hostile/ld-")]
        for e in hostile:
            (Path(tmp) / Path(e["file"]).name).write_bytes((VECTORS / e["file"]).read_bytes())
        policy = {}
        for e in hostile:
            for k, v in (e.get("policy") or {}).items():
                if isinstance(v, dict):
                    policy.setdefault(k, {}).update(v)
                elif isinstance(v, list):
                    policy[k] = sorted(set(policy.get(k, [])) | set(v))
        argv = [args.binary, "audit", "--jobs", "2", "--now", "2025-01-01T00:00:00Z", *flags(policy), tmp]
        _, status, cpu, rss = run(argv)
        print(f"audit --jobs 2 over {len(hostile)} hostile JSON-LD inputs: exit {status}, {cpu:.2f} s CPU, {rss:.1f} MiB peak")
        if rss > MAX_AUDIT_RSS_MIB or status not in (0, 1, 3):
            failures.append(f"audit --jobs 2: exit {status}, {rss:.0f} MiB peak (bound {MAX_AUDIT_RSS_MIB} MiB)")
    if args.report:
        Path(args.report).write_text("| input | size | outcome | CPU | peak RSS |\n|---|---|---|---|---|\n" + "\n".join(rows) + "\n")
    for f in failures:
        print("FAIL", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""Paths, verification instants, and the output helpers every family uses: `expect` records a
vector's expected.json entry (its verdict derived from its codes), `write_*` write the files,
`aux_text` writes a file a policy names (a key set, an ID token) that is not a vector itself."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

# test-vectors/ of this repository: every path the generator reads or writes is relative to it.
ROOT = Path(__file__).resolve().parents[2] / "test-vectors"

# Verification instants, one per family.
NOW_TRINSIC_CONNECT = "2023-09-08T20:00:00Z"
NOW_TRINSIC_SESSIONS = "2024-08-01T16:00:00Z"
NOW_HOPAE = "2025-10-28T06:30:00Z"
NOW_OTHER = "2025-01-01T00:00:00Z"

UPSTREAM_ISSUER = "https://oidc.smart-id.example"
# Keys by role: Hopae's own key verifies its ID token; the upstream provider's, its evidence.
HOPAE_KEYS = {"hopae_jwks": ["keys/hopae.jwks.json"]}
UPSTREAM_KEYS = {"evidence_jwks": {UPSTREAM_ISSUER: ["keys/upstream.jwks.json"]}}

# Codes that mean "could not check"; every other code rejects.
# Every error code and its kind, exported from the library's one declaration of them
# (`Error::CODES` in src/error.rs; `tests/readme.rs` keeps the file current). A verdict is
# "unchecked" when every code is of the "could not check" kind.
_CODES = json.loads((ROOT.parent / "docs" / "error-codes.json").read_text(encoding="utf-8"))
COULD_NOT_CHECK = {code for code, kind in _CODES.items() if kind == "could not check"}
KNOWN_CODES = set(_CODES)

# The policy option that accepts formats carrying no signature (the Trinsic sessions API, Hopae
# verification status objects, Incode, Regula): without it they are `format.unsigned` (could not
# check). Their vectors test their own checks, so they carry it; formats.py adds the cases
# without it.
UNSIGNED_OK = {"allow_unsigned_formats": True}


ENTRIES: list[dict] = []
WRITTEN: set[str] = set()


def verdict_of(codes: list[str]) -> str:
    if any(c not in COULD_NOT_CHECK for c in codes):
        return "rejected"
    if codes:
        return "unchecked"
    return "verified"


def _issuer_id(doc: dict):
    issuer = doc.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def ld_issuers(file: str) -> tuple[list[str], list[str]]:
    """The issuers of a JSON-LD vector's signed credentials, as its policy trusts them: those of
    Trinsic results (a Connect session's credentials, any IdentityDocument_v0) as Trinsic issuers,
    the others as issuers of credentials; a signed document naming no issuer, by its signer."""
    generic: list[str] = []
    trinsic: list[str] = []

    def add(to: list, value) -> None:
        if isinstance(value, str) and value and value not in to:
            to.append(value)

    def walk(doc, in_trinsic: bool) -> None:
        if not isinstance(doc, dict):
            return
        types = doc.get("type")
        types = types if isinstance(types, list) else [types]
        if "VerifiablePresentation" in types or "verifiableCredential" in doc:
            creds = doc.get("verifiableCredential")
            for c in creds if isinstance(creds, list) else [creds]:
                walk(c, in_trinsic)
            return
        if "proof" not in doc:
            return
        role = trinsic if in_trinsic or "IdentityDocument_v0" in types else generic
        issuer = _issuer_id(doc)
        if issuer is not None:
            add(role, issuer)
            return
        proofs = doc["proof"] if isinstance(doc["proof"], list) else [doc["proof"]]
        for pr in proofs:
            if isinstance(pr, dict) and isinstance(pr.get("verificationMethod"), str):
                add(role, pr["verificationMethod"].split("#")[0])

    try:
        root = json.loads((ROOT / file).read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return [], []
    if isinstance(root, dict):
        for member in ("resultVp", "result_vp"):
            vp = root.get(member)
            if isinstance(vp, str):
                try:
                    walk(json.loads(vp), True)
                except ValueError:
                    pass
        walk(root, False)
    return generic, trinsic


def expect(file: str, now: str, codes: list[str], *, source: str, exercises: str,
           policy: dict | None = None, unsure: str | None = None) -> None:
    # Trust is explicit: a JSON-LD vector's policy trusts the issuers it names unless the vector
    # says whom it trusts (an empty list: nobody).
    if "trust_issuers" not in (policy or {}) and "trust_trinsic_issuers" not in (policy or {}):
        generic, trinsic = ld_issuers(file)
        policy = dict(policy or {})
        if generic:
            policy["trust_issuers"] = generic
        if trinsic:
            policy["trust_trinsic_issuers"] = trinsic
    policy = {k: v for k, v in (policy or {}).items() if v != []}
    for c in codes:
        assert c in KNOWN_CODES, c
    assert (ROOT / file).is_file(), file
    # One file may be judged under several policies; each (file, policy) pair once.
    assert (file, compact(policy or {})) not in {(e["file"], compact(e["policy"])) for e in ENTRIES}, file
    ENTRIES.append({
        "file": file,
        "now": now,
        "policy": policy or {},
        "verdict": verdict_of(codes),
        "codes": codes,
        "_source": source,
        "_exercises": exercises,
        "_unsure": unsure,
    })


def dump_pretty(obj) -> str:
    return json.dumps(obj, indent=2) + "\n"


def compact(obj) -> str:
    return json.dumps(obj, separators=(",", ":"))


def write_text(rel: str, text: str) -> None:
    path = ROOT / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    WRITTEN.add(rel)


def write_json(rel: str, obj) -> None:
    write_text(rel, dump_pretty(obj))


def write_bytes(rel: str, data: bytes) -> None:
    """Raw bytes: for inputs Python's json module cannot express (duplicates, BOM, bad UTF-8)."""
    path = ROOT / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    WRITTEN.add(rel)


def read_json(rel: str):
    with open(ROOT / rel, encoding="utf-8") as f:
        return json.load(f)


def unix(rfc3339: str) -> int:
    return int(datetime.strptime(rfc3339, "%Y-%m-%dT%H:%M:%SZ")
               .replace(tzinfo=timezone.utc).timestamp())


# The source column of the index for the files written here.
GEN = "generated by tools/generate_vectors.py"

# Files written beside the vectors that are not vectors themselves (check_coverage skips them).
AUX: set[str] = set()


def aux_text(rel: str, text: str) -> str:
    """A file a vector's policy names (a key set, an ID token): not a vector itself."""
    write_text(rel, text)
    AUX.add(rel)
    return rel

#!/usr/bin/env python3
"""Generate vpcheck's constructed test vectors, expected.json and README.md.

Run from anywhere (paths are relative to the repository's test-vectors/):

    python3 tools/vectors/hostile.py

Python 3.11, standard library only, deterministic: no randomness, no clock.
Re-running reproduces every generated file byte-for-byte.

Inputs are the verbatim copies already under test-vectors/ (vendors/, ld/,
jwt/credential-jose-minimal.jwt); they are read, never written.

JWS signatures written here are FILLER: a SHA-256 chain over the signing input,
cut to the algorithm's signature length. The tokens are well-formed compact JWS
but not validly signed by any key. The exceptions are signed for real (sign_jws) with
the fixed keys under keys/: hopae-signed/, jwt-signed/ and hostile/'s signed tokens.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from datetime import datetime, timezone
from pathlib import Path

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
# check). Their vectors test their own checks, so they carry it; `unsigned_formats()` adds the
# cases without it.
UNSIGNED_OK = {"allow_unsigned_formats": True}


# ---------------------------------------------------------------------------
# output helpers
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# unsigned (filler-signed) compact JWS
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# copied files (verbatim, written by hand, listed here for expected.json)
# ---------------------------------------------------------------------------

VENDOR_DOC = "vendor public API docs"


def copied_vectors() -> None:
    v = "vendors/"
    src = "verbatim example payload "
    hopae = " from Hopae's public API docs"
    trinsic_api = " from Trinsic's generated OpenAPI examples"
    expect(v + "hopae-evidence.json", NOW_HOPAE, ["jws.malformed"],
           source=src + "hopae-evidence.json" + hopae,
           exercises="bare evidence {token, names}; placeholder id_token `<BASE64_ID_TOKEN>`")
    expect(v + "hopae-oidc-discovery.json", NOW_HOPAE, ["input.unknown_format"],
           source=src + "hopae-oidc-discovery.json" + hopae,
           exercises="OIDC discovery document: not a result, format detection must refuse it")
    expect(v + "hopae-userinfo-oidc.json", NOW_HOPAE, ["jws.malformed"],
           source=src + "hopae-userinfo-oidc.json" + hopae,
           exercises="OIDC /userinfo, legacy acr `urn:hopae:loa3`; placeholder evidence id_token")
    expect(v + "hopae-userinfo-rest.json", NOW_HOPAE, ["jws.malformed"],
           source=src + "hopae-userinfo-rest.json" + hopae,
           exercises="REST userinfo with provenance/evidence; placeholder evidence id_token")
    expect(v + "hopae-verification-completed.json", NOW_HOPAE, [], policy=UNSIGNED_OK,
           source=src + "hopae-verification-completed.json" + hopae,
           exercises="verification status `completed` (its session expiresAt is past `now`: "
                     "it bounds the flow, not the result)")
    expect(v + "hopae-verification-created.json", NOW_HOPAE, ["session.incomplete"], policy=UNSIGNED_OK,
           source=src + "hopae-verification-created.json" + hopae,
           exercises="verification status `initiated`",
           unsure="its expiresAt (2025-08-06) is before `now`; a library that also compares "
                  "a pending verification's expiresAt with `now` would add time.expired")
    expect(v + "hopae-verification-legacy.json", NOW_HOPAE, [], policy=UNSIGNED_OK,
           source=src + "hopae-verification-legacy.json" + hopae,
           exercises="older verification shape (authorizationCode, verifiedAttributes)")
    expect(v + "trinsic-connect-result-vp.json", NOW_OTHER, ["key.not_found"],
           source=src + "trinsic-connect-result-vp.json from Trinsic's Connect docs "
                        "(their result_vp example)",
           exercises="bare result_vp JSON-LD VP, BbsBlsSignatureProof2020: the issuer key is not "
                     "public, so could not check, naming the missing verification method; document "
                     "expiryDate 2026-07-23 not reached")
    expect(v + "trinsic-connect-session-rest-example.json", NOW_OTHER, ["session.incomplete"],
           source=src + "trinsic-connect-session-rest-example.json" + trinsic_api,
           exercises="placeholder `\"\"` enums treated as absent, so state IDV_CREATED")
    expect(v + "trinsic-session-v3.json", NOW_OTHER, [], policy=UNSIGNED_OK,
           source=src + "trinsic-session-v3.json" + trinsic_api,
           exercises="sessions API session, done & success, `errorCode: \"\"` as absent, "
                     "no identityData")
    expect(v + "trinsic-widget-create-response.json", NOW_OTHER, ["input.unknown_format"],
           source=src + "trinsic-widget-create-response.json" + trinsic_api,
           exercises="create-session response: not a result")
    expect("ld/ed25519signature2020-signed.json", NOW_OTHER, ["proof.not_checked"],
           source="copied without a named upstream: apparently the W3C vc-di-eddsa test vector "
                  "TestVectors/Ed25519Signature2020/signedEdSig.json (https://github.com/w3c/vc-di-eddsa; "
                  "this copy's verificationMethod and proofValue are from another revision)",
           exercises="Ed25519Signature2020 VC: the proof verifies, but its issuer (not a DID) cannot be "
                     "bound to the did:key without the issuer's controller document (see ld/vc-di-eddsa/)")
    expect("jwt/credential-jose-minimal.jwt", NOW_OTHER, ["issuer.untrusted"],
           source="copied without a named upstream: apparently the W3C vc-jose-cose test-suite "
                  "input tests/input/credential-jose-minimal.txt "
                  "(https://github.com/w3c/vc-jose-cose-test-suite; this copy's signature is from "
                  "another revision)",
           exercises="ES256 vc+jwt; no keys are trusted for its issuer, so it could not be checked; "
                     "note `iat` is an RFC 3339 string, not a NumericDate",
           unsure="`iat` is the string \"2010-01-01T19:23:24Z\"; a strict JWT claims parser "
                  "would add field.invalid (the upstream suite treats this token as valid)")


# ---------------------------------------------------------------------------
# Trinsic Connect IDVSession
# ---------------------------------------------------------------------------

TC_SESSION_ID = "urn:trinsic:idvsession:051e040a-29b9-46d0-a6ce-54140289cae0"
TC_OTHER_ID = "urn:trinsic:idvsession:11111111-2222-4333-8444-555555555555"
TC_POLICY = {"session_id": TC_SESSION_ID}
TC_CLIENT_TOKEN = "opaque-client-token-for-tests-only-9f3c1e"
GEN = "generated by generate.py"


def tc_verification(state="VERIFICATION_SUCCESS", fail_code=None, data=True,
                    begun="1694201810", updated="1694201890", vtype="GOVERNMENT_ID") -> dict:
    v = {"id": "ver_1", "type": vtype, "state": state}
    if fail_code is not None:
        v["failCode"] = fail_code
    v["reused"] = False
    if begun is not None:
        v["begun"] = begun
    if updated is not None:
        v["updated"] = updated
    if data:
        v["normalizedGovernmentIdData"] = {
            "idNumber": "AB123987",
            "givenName": "JANE",
            "familyName": "SMITH",
            "address": "15 N FAKESTREET, PITTSBURGH, PA, 152110000, USA",
            "dateOfBirth": "2000-07-23",
            "country": "USA",
            "issueDate": "2022-07-23",
            "expirationDate": "2026-07-23",
        }
    return v


def tc_envelope(vp, *, state="IDV_SUCCESS", fail_code=None, verification=None,
                session_id=TC_SESSION_ID, created="1694201800", updated="1694201893") -> dict:
    env = {"id": session_id, "clientToken": TC_CLIENT_TOKEN}
    if state is not None:
        env["state"] = state
    if fail_code is not None:
        env["failCode"] = fail_code
    env["created"] = created
    env["updated"] = updated
    env["verifications"] = {"ver_1": verification if verification is not None
                            else tc_verification()}
    if vp is not None:
        env["resultVp"] = compact(vp)
    return env


def to_snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def snake_keys(obj):
    if isinstance(obj, dict):
        return {to_snake(k): snake_keys(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [snake_keys(v) for v in obj]
    return obj


def trinsic_connect() -> None:
    d = "trinsic-connect/"
    vp = read_json("vendors/trinsic-connect-result-vp.json")

    def tc(name, obj, codes, exercises, policy=TC_POLICY, unsure=None):
        write_json(d + name, obj)
        expect(d + name, NOW_TRINSIC_CONNECT, codes, source=GEN, exercises=exercises,
               policy=policy, unsure=unsure)

    ok = ["key.not_found"]
    success = tc_envelope(vp)
    tc("session-success.json", success, ok,
       "IDV_SUCCESS envelope, fixed64 as strings, resultVp as a JSON string; nonce matches id")

    rest = tc_envelope(vp, state="IdvSuccess", created=1694201800, updated=1694201893,
                       verification=tc_verification(state="VerificationSuccess",
                                                    vtype="GovernmentId",
                                                    begun=1694201810, updated=1694201890))
    tc("session-success-rest2024.json", rest, ok,
       "mid-2024 REST enum spelling (IdvSuccess, VerificationSuccess, GovernmentId), "
       "timestamps as JSON numbers")

    num = tc_envelope(vp, state=4, created=1694201800, updated=1694201893,
                      verification=tc_verification(state=3, vtype=0,
                                                   begun=1694201810, updated=1694201890))
    tc("session-success-numeric.json", num, ok,
       "enums as numbers (state 4, verification state 3, type 0), fixed64 as numbers")

    tc("session-success-snake.json", snake_keys(success), ok,
       "proto field names (result_vp, client_token, normalized_government_id_data, ...)")

    for code in ["INTERNAL", "VERIFICATION_FAILED", "AUTHENTICATION", "EXPIRED",
                 "USER_CANCELED", "RP_CANCELED"]:
        if code == "VERIFICATION_FAILED":
            ver = tc_verification(state="VERIFICATION_FAILED",
                                  fail_code="VERIFICATION_FAIL_INAUTHENTIC", data=False)
            codes = ["session.failed", "verification.failed"]
            unsure = "whether the failed verification adds verification.failed " \
                     "next to session.failed"
            what = "IDV_FAILED / SESSION_FAIL_VERIFICATION_FAILED, verification " \
                   "VERIFICATION_FAILED (VERIFICATION_FAIL_INAUTHENTIC)"
        else:
            ver = tc_verification(state="VERIFICATION_PENDING", data=False)
            codes = ["session.failed"]
            unsure = None
            what = f"IDV_FAILED / SESSION_FAIL_{code}, verification left VERIFICATION_PENDING"
        env = tc_envelope(None, state="IDV_FAILED", fail_code=f"SESSION_FAIL_{code}",
                          verification=ver)
        tc(f"session-fail-{code}.json", env, codes, what + ", no resultVp", unsure=unsure)

    tc("session-in-progress.json",
       tc_envelope(None, state="IDV_IN_PROGRESS",
                   verification=tc_verification(state="VERIFICATION_PENDING", data=False)),
       ["session.incomplete"], "IDV_IN_PROGRESS, verification pending, no resultVp")

    tc("session-created-omitted-state.json",
       tc_envelope(None, state=None,
                   verification=tc_verification(state="VERIFICATION_PENDING", data=False,
                                                begun=None, updated=None)),
       ["session.incomplete"],
       "no `state` member (proto3 omits 0 = IDV_CREATED); verification not begun "
       "(begun/updated omitted as 0)")

    tc("session-unknown-state.json", tc_envelope(vp, state="IDV_SOMETHING_NEW"),
       ["session.unknown_state"],
       "unknown state name kept by the open enum, rejected by verify (resultVp present)",
       unsure="whether the resultVp is still examined (would add proof.not_checked) "
              "or flagged as present outside IDV_SUCCESS (session.inconsistent)")

    tc("session-success-verification-failed.json",
       tc_envelope(vp, verification=tc_verification(
           state="VERIFICATION_FAILED", fail_code="VERIFICATION_FAIL_INAUTHENTIC", data=False)),
       ["verification.failed", "key.not_found"],
       "IDV_SUCCESS while its only verification is VERIFICATION_FAILED",
       unsure="could be reported as session.inconsistent instead of / besides "
              "verification.failed")

    tc("session-success-no-result.json", tc_envelope(None), ["session.result_missing"],
       "IDV_SUCCESS without resultVp")

    tc("session-updated-before-created.json", tc_envelope(vp, updated="1694201700"),
       ["time.order", "key.not_found"],
       "session updated 1694201700 < created 1694201800 (the proof cannot be checked, so there is no "
       "signed issuance to hold the envelope to)")

    tc("session-verification-begun-after-updated.json",
       tc_envelope(vp, verification=tc_verification(begun="1694201891")),
       ["time.order", "key.not_found"],
       "verification begun 1694201891 > its updated 1694201890")

    tc("session-other-session-id.json", tc_envelope(vp, session_id=TC_OTHER_ID),
       ["binding.session_id", "key.not_found"],
       "envelope id differs from the session id in the proof nonce (no policy session_id)",
       policy={})

    vp_issuer = copy.deepcopy(vp)
    vp_issuer["verifiableCredential"][0]["issuer"] = "did:web:evil.example"
    tc("session-issuer-mismatch.json", tc_envelope(vp_issuer),
       ["binding.issuer", "key.not_found"],
       "credential issuer `did:web:evil.example` vs the proof's verificationMethod DID")

    vp_type = copy.deepcopy(vp)
    vp_type["verifiableCredential"][0]["proof"]["type"] = "BbsBlsSignatureProof2099"
    tc("session-unknown-proof-type.json", tc_envelope(vp_type), ["proof.unsupported_type"],
       "credential proof type `BbsBlsSignatureProof2099` (fail closed)")

    vp_noproof = copy.deepcopy(vp)
    del vp_noproof["verifiableCredential"][0]["proof"]
    tc("session-no-proof.json", tc_envelope(vp_noproof), ["proof.missing"],
       "credential without `proof`",
       unsure="without a proof there is no nonce: a library may also report "
              "binding.session_id")

    text = dump_pretty(success)
    needle = '\n  "state": "IDV_SUCCESS",\n'
    assert text.count(needle) == 1
    text = text.replace(needle, '\n  "state": "IDV_FAILED",\n  "state": "IDV_SUCCESS",\n')
    write_text(d + "session-duplicate-member.json", text)
    expect(d + "session-duplicate-member.json", NOW_TRINSIC_CONNECT,
           ["input.duplicate_member"], source=GEN, policy=TC_POLICY,
           exercises="success envelope with `state` twice (IDV_FAILED then IDV_SUCCESS), "
                     "raw text")

    vp_exp = copy.deepcopy(vp)
    vp_exp["verifiableCredential"][0]["credentialSubject"]["expiryDate"] = "2023-01-01T00:00:00"
    tc("session-document-expired.json", tc_envelope(vp_exp),
       ["time.document_expired", "key.not_found"],
       "credentialSubject expiryDate 2023-01-01T00:00:00 before `now`")


# ---------------------------------------------------------------------------
# Trinsic sessions API
# ---------------------------------------------------------------------------

def ts_base() -> dict:
    return {
        "session": {
            "id": "678c1ff6-2178-49e7-81d2-548afb6f85ec",
            "done": True,
            "success": True,
            "created": 1722526411,
            "updated": 1722526722,
        },
        "identityData": {
            "originatingProviderId": "clear",
            "person": {
                "givenName": "Jane",
                "familyName": "Doe",
                "middleName": "Q",
                "fullName": "Jane Q Doe",
                "nationality": "US",
                "sex": "Female",
                "dateOfBirth": "1990-04-01",
                "address": {
                    "line1": "1 Main St",
                    "city": "Springfield",
                    "subdivision": "IL",
                    "postalCode": "62701",
                    "country": "US",
                    "fullAddress": "1 Main St, Springfield, IL 62701, US",
                },
            },
            "document": {
                "type": "DriversLicense",
                "number": "D1234567",
                "issueDate": "2020-01-15",
                "expirationDate": "2030-01-15",
                "issuingCountry": "US",
                "issuingSubdivision": "IL",
                "issuingAuthority": "Illinois SOS",
            },
            "match": {"givenName": {"booleanValue": True}},
            "attachments": [],
            "providerOutput": {"clear": {"raw": True}},
        },
    }


def ts_session(done: bool, success: bool, error_code: str | None) -> dict:
    s = {"id": "678c1ff6-2178-49e7-81d2-548afb6f85ec", "done": done, "success": success}
    if error_code is not None:
        s["errorCode"] = error_code
    s["created"] = 1722526411
    s["updated"] = 1722526722
    return s


def trinsic_sessions() -> None:
    d = "trinsic-sessions/"

    def ts(name, obj, codes, exercises, unsure=None):
        write_json(d + name, obj)
        expect(d + name, NOW_TRINSIC_SESSIONS, codes, source=GEN, exercises=exercises,
               policy=UNSIGNED_OK, unsure=unsure)

    ts("result-success.json", ts_base(), [], "done & success with identityData")

    r = ts_base()
    r["identityData"]["document"]["issuingCountry"] = "USA"
    r["identityData"]["person"]["nationality"] = "USA"
    ts("result-alpha3-country.json", r, [],
       "issuingCountry / nationality as alpha-3 `USA` (documented as alpha-2)",
       unsure="assumed accepted and normalised (Trinsic Connect itself uses alpha-3); "
              "a strict alpha-2 reading gives field.invalid")

    r = ts_base()
    r["identityData"]["person"]["middleName"] = ""
    r["identityData"]["person"]["phoneNumber"] = ""
    ts("result-empty-strings.json", r, [], "empty-string optional fields treated as absent")

    ts("result-user-abandoned.json", {"session": ts_session(True, False, "UserAbandoned")},
       ["session.failed"], "done, not success, errorCode UserAbandoned, no identityData")

    ts("result-inauthentic.json", {"session": ts_session(True, False, "Inauthentic")},
       ["session.failed"], "done, not success, errorCode Inauthentic, no identityData",
       unsure="an Inauthentic document could be reported as verification.failed")

    ts("result-not-done.json", {"session": ts_session(False, False, None)},
       ["session.incomplete"], "done false, success false, no identityData")

    r = ts_base()
    r["session"] = ts_session(True, True, "Other")
    ts("result-success-with-error.json", r, ["session.inconsistent"],
       "done & success but errorCode Other")

    r = ts_base()
    r["identityData"]["document"]["expirationDate"] = "2024-01-01"
    ts("result-document-expired.json", r, ["time.document_expired"],
       "document expirationDate 2024-01-01 before `now`")

    r = ts_base()
    r["identityData"]["person"]["dateOfBirth"] = "1990-13-45"
    ts("result-bad-birthdate.json", r, ["field.invalid"], "dateOfBirth 1990-13-45")

    r = ts_base()
    r["identityData"]["document"]["issuingCountry"] = "ZZ"
    ts("result-bad-country.json", r, ["field.invalid"],
       "issuingCountry `ZZ` (not an assigned ISO 3166 code)")


# ---------------------------------------------------------------------------
# Hopae
# ---------------------------------------------------------------------------

HOPAE_IAT = unix("2025-10-28T06:20:30Z")
HOPAE_HEADER = {"alg": "RS256", "kid": "smartid-test-1", "typ": "JWT"}


def hopae_payload(iat: int, exp: int) -> dict:
    return {
        "iss": UPSTREAM_ISSUER,
        "sub": "PNOLT-40504040001-MOCK-Q",
        "aud": "hopae-connect",
        "iat": iat,
        "nbf": iat,
        "exp": exp,
        "given_name": "OK",
        "family_name": "TESTNUMBER",
        "birthdate": "1905-04-04",
    }


ID_TOKEN = jws(HOPAE_HEADER, hopae_payload(HOPAE_IAT, HOPAE_IAT + 3600))
NAMES = "id_token;expires_at;access_token;token_type"


def hopae() -> None:
    d = "hopae/"

    # Their tokens' signatures are filler, so nothing in them verifies: a Hopae result with no
    # verified token is as unsigned as Incode's, and these vectors test the other checks under
    # the opt-in (hopae-signed/ has the signed ones).
    def hp(name, obj, codes, exercises, policy=None, unsure=None):
        write_json(d + name, obj)
        expect(d + name, NOW_HOPAE, codes, source=GEN, exercises=exercises,
               policy={"allow_unsigned_formats": True} if policy is None else policy, unsure=unsure)

    base = read_json("vendors/hopae-userinfo-rest.json")
    base["provenance"]["presentation"]["credentials"][0]["evidence"]["token"]["id_token"] = \
        ID_TOKEN
    base["provenance"]["_metadata"]["verified_at"] = "2025-10-28T06:20:36.992Z"

    def variant():
        u = copy.deepcopy(base)
        return u, u["provenance"]["presentation"]["credentials"][0]["evidence"]

    hp("userinfo-valid.json", base, [],
       "REST userinfo, well-formed RS256 evidence id_token (filler signature, skipped "
       "without keys)")

    u, _ = variant()
    u["acr"] = "urn:hopae:loa3"
    hp("userinfo-legacy-acr.json", u, [], "older acr spelling `urn:hopae:loa3`")

    u = {("hopae_provenance" if k == "provenance" else k): v for k, v in
         copy.deepcopy(base).items()}
    hp("userinfo-old-provenance-key.json", u, [],
       "older member name `hopae_provenance`")

    u, _ = variant()
    u["verification_model"] = "match"
    u["user"] = None
    u["match"] = {"given_name": True, "birthdate": True}
    hp("userinfo-match-model.json", u, [],
       "verification_model `match`: `user` null, `match` object")

    u, e = variant()
    e["names"] = NAMES + ";"
    hp("userinfo-trailing-semicolon.json", u, [], "names with one trailing `;`",
       unsure="assumed a trailing delimiter is tolerated; a strict reader gives "
              "evidence.empty_name")

    u, e = variant()
    e["names"] = "id_token; expires_at ;access_token;token_type"
    hp("userinfo-spaces-in-names.json", u, [], "names with spaces around entries (trimmed)",
       unsure="assumed entries are trimmed; a strict reader gives evidence.missing_key "
              "and evidence.undeclared_key")

    u, e = variant()
    e["names"] = NAMES + ";refresh_token"
    hp("userinfo-names-missing-key.json", u, ["evidence.missing_key"],
       "names lists `refresh_token`, absent from token")

    u, e = variant()
    e["token"]["scope"] = "openid"
    hp("userinfo-names-undeclared-key.json", u, ["evidence.undeclared_key"],
       "token has `scope`, not listed in names")

    u, e = variant()
    e["names"] = NAMES + ";id_token"
    hp("userinfo-names-duplicate.json", u, ["evidence.duplicate_name"],
       "names lists `id_token` twice")

    u, e = variant()
    e["names"] = "id_token;;expires_at;access_token;token_type"
    hp("userinfo-names-empty.json", u, ["evidence.empty_name"], "names with an empty entry")

    u, _ = variant()
    u["hopae_loa"] = 4
    u["hopae_loa_label"] = "high"
    hp("userinfo-acr-mismatch.json", u, ["binding.assurance_level"],
       "hopae_loa 4 / label high but acr `urn:hopae:loa:3`")

    u, _ = variant()
    u["hopae_loa_label"] = "high"
    hp("userinfo-label-mismatch.json", u, ["binding.assurance_level"],
       "hopae_loa 3 with label `high`")

    u, e = variant()
    e["token"]["expires_at"] = "2025-10-28T06:00:00.000Z"
    hp("userinfo-evidence-expired.json", u, ["time.expired"],
       "evidence expires_at 06:00:00 before verified_at 06:20:36.992",
       unsure="could be time.order (expires_at < verified_at) rather than time.expired")

    u, e = variant()
    e["token"]["id_token"] = jws(HOPAE_HEADER, hopae_payload(unix("2025-10-28T04:00:00Z"),
                                                             unix("2025-10-28T05:00:00Z")))
    hp("userinfo-id-token-expired.json", u, ["time.expired"],
       "evidence id_token iat/nbf 04:00, exp 05:00, before verified_at")

    u, e = variant()
    p = b64url(compact({"alg": "none"}).encode()) + "." + \
        b64url(compact(hopae_payload(HOPAE_IAT, HOPAE_IAT + 3600)).encode()) + "."
    e["token"]["id_token"] = p
    hp("userinfo-id-token-alg-none.json", u, ["jws.alg_none"],
       "evidence id_token with header {\"alg\":\"none\"} and an empty signature")

    u, e = variant()
    e["token"]["id_token"] = "not-a-jwt"
    hp("userinfo-id-token-malformed.json", u, ["jws.malformed"],
       "evidence id_token `not-a-jwt`")

    ev = read_json("vendors/hopae-evidence.json")
    ev["token"]["id_token"] = ID_TOKEN
    hp("evidence-valid.json", ev, [], "bare /evidence {token, names}, well-formed id_token")

    ev2 = copy.deepcopy(ev)
    ev2["names"] = NAMES + ";refresh_token"
    hp("evidence-names-missing-key.json", ev2, ["evidence.missing_key"],
       "bare evidence, names lists `refresh_token`")

    ver = read_json("vendors/hopae-verification-completed.json")
    v = copy.deepcopy(ver)
    v["status"] = "failed"
    hp("verification-failed.json", v, ["session.failed"],
       "verification status `failed` (otherwise the completed example)", policy=UNSIGNED_OK)
    v = copy.deepcopy(ver)
    v["status"] = "expired"
    hp("verification-expired.json", v, ["session.failed"],
       "verification status `expired` (otherwise the completed example)", policy=UNSIGNED_OK,
       unsure="a terminal `expired` status could map to time.expired or "
              "session.incomplete instead of session.failed")


# ---------------------------------------------------------------------------
# Incode, Regula
# ---------------------------------------------------------------------------

def incode_regula() -> None:
    d = "incode/"

    def ic(name, obj, codes, exercises, unsure=None):
        write_json(d + name, obj)
        expect(d + name, NOW_OTHER, codes, source=GEN, exercises=exercises, policy=UNSIGNED_OK,
               unsure=unsure)

    ic("finish-approved.json",
       {"action": "approved", "scoreStatus": "OK", "redirectionUrl": "https://example.com/done"},
       [], "finish status approved / OK")
    ic("finish-rejected.json",
       {"action": "rejected", "scoreStatus": "FAIL",
        "redirectionUrl": "https://example.com/done"},
       ["session.failed"], "finish status rejected / FAIL",
       unsure="could be verification.failed")
    ic("finish-approved-warn.json",
       {"action": "approved", "scoreStatus": "WARN",
        "redirectionUrl": "https://example.com/done"},
       ["session.failed"], "approved, but scoreStatus WARN: only OK and MANUAL_OK are accepted",
       unsure="the library rejects it: both the action and the score must pass")

    def scores(overall="OK", face="OK"):
        return {
            "idValidation": {"overall": {"value": "100.0", "status": "OK"}},
            "liveness": {"overall": {"value": "100.0", "status": "OK"}},
            "faceRecognition": {"overall": {"value": "95.5", "status": face}},
            "idOcrConfidence": {"overallConfidence": {"value": "99.0", "status": "OK"}},
            "overall": {"value": "100.0", "status": overall},
        }

    ic("scores-ok.json", scores(), [], "scores, overall OK")
    ic("scores-fail.json", scores("FAIL", "FAIL"), ["session.failed"],
       "scores, overall FAIL and faceRecognition FAIL",
       unsure="the failed faceRecognition item may add verification.failed")
    ic("scores-unknown-status.json", scores("SOMETHING_NEW"), ["session.unknown_state"],
       "scores, overall status `SOMETHING_NEW` (open enum, rejected by verify)")

    name = "regula/session.json"
    write_json(name, {"id": 4021, "status": 2, "metadata": {"externalUserId": "user-42"},
                      "properties": {}, "files": []})
    expect(name, NOW_OTHER, ["state.not_checkable"], source=GEN,
           policy=dict(UNSIGNED_OK, external_user_id="user-42"),
           exercises="integer status with undocumented meaning; externalUserId matches policy")


# ---------------------------------------------------------------------------
# generic JSON-LD and JWT
# ---------------------------------------------------------------------------

def generic() -> None:
    vc = read_json("ld/ed25519signature2020-signed.json")
    v = copy.deepcopy(vc)
    del v["proof"]
    write_json("ld/vc-no-proof.json", v)
    expect("ld/vc-no-proof.json", NOW_OTHER, ["proof.missing"], source=GEN,
           exercises="ed25519signature2020-signed.json without its proof")

    v = copy.deepcopy(vc)
    v["proof"]["type"] = "Ed25519Signature2099"
    write_json("ld/vc-unknown-proof-type.json", v)
    expect("ld/vc-unknown-proof-type.json", NOW_OTHER, ["proof.unsupported_type"], source=GEN,
           exercises="proof type `Ed25519Signature2099` (fail closed)")

    tok = b64url(compact({"alg": "none", "typ": "JWT"}).encode()) + "." + \
        b64url(compact({"iss": "did:example:issuer", "iat": 1700000000}).encode()) + "."
    write_text("jwt/alg-none.jwt", tok + "\n")
    expect("jwt/alg-none.jwt", NOW_OTHER, ["jws.alg_none"], source=GEN,
           exercises="unsecured JWT, header {\"alg\":\"none\",\"typ\":\"JWT\"}, empty signature")

    with open(ROOT / "jwt/credential-jose-minimal.jwt", encoding="ascii") as f:
        minimal = f.read().strip()
    write_text("jwt/trailing-garbage.jwt", minimal + ".extra\n")
    expect("jwt/trailing-garbage.jwt", NOW_OTHER, ["jws.malformed"], source=GEN,
           exercises="credential-jose-minimal's token followed by `.extra` (four parts)")


# ---------------------------------------------------------------------------
# Signed vectors: real signatures under fixed test keys (keys/*.pem, test use only)
# ---------------------------------------------------------------------------

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


HOPAE_ISSUER = "https://sandbox.connect.hopae.com"
HOPAE_CLIENT = "vpcheck-test-client"
HOPAE_NONCE = "n-0S6_WzA2Mj"
UPSTREAM_KID = "smartid-upstream-1"
HOPAE_KID = "hopae-test-2025"
VERIFIED_AT = "2025-10-28T06:20:36.992Z"
KEYS_HOPAE = "keys/hopae.jwks.json"
KEYS_UPSTREAM = "keys/upstream.jwks.json"
AUX: set[str] = set()


def aux_text(rel: str, text: str) -> str:
    """A file a vector's policy names (a key set, an ID token): not a vector itself."""
    write_text(rel, text)
    AUX.add(rel)
    return rel


def signed_keys() -> None:
    aux_text(KEYS_HOPAE, dump_pretty({"keys": [public_jwk(load_key("hopae-rs256"), HOPAE_KID, use="sig", alg="RS256")]}))
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


HMAC_SECRET = b"vpcheck-test-hmac-secret-32-bytes!!"


def upstream_claims(iat: int, exp: int, **extra) -> dict:
    c = {
        "iss": "https://oidc.smart-id.example",
        "sub": "PNOLT-40504040001-MOCK-Q",
        "aud": "hopae-connect",
        "iat": iat, "nbf": iat, "exp": exp,
        "documentNumber": "PNOLT-40504040001-MOCK-Q",
        "givenName": "OK", "surname": "TESTNUMBER", "birthdate": "1905-04-04", "countryCode": "LT",
    }
    c.update(extra)
    return c


def hopae_id_token_claims(**extra) -> dict:
    iat = unix("2025-10-28T06:20:37Z")
    c = {"iss": HOPAE_ISSUER, "sub": "otV9EMJr-iG-dj-AHhrCslfdRkUUBQJ1", "aud": HOPAE_CLIENT,
         "iat": iat, "exp": iat + 3600, "nonce": HOPAE_NONCE, "acr": "urn:hopae:loa:3"}
    c.update(extra)
    return c


def hopae_signed() -> None:
    d = "hopae-signed/"
    up = load_key("upstream-es256")
    up_other = load_key("upstream-es256-other")
    hk = load_key("hopae-rs256")
    up_header = {"alg": "ES256", "kid": UPSTREAM_KID, "typ": "JWT"}
    iat = HOPAE_IAT
    good_evidence = sign_jws(up_header, upstream_claims(iat, iat + 3600), up)
    id_header = {"alg": "RS256", "kid": HOPAE_KID, "typ": "JWT"}
    good_id_token = aux_text(d + "id-token-valid.jwt", sign_jws(id_header, hopae_id_token_claims(), hk) + "\n")

    base = read_json("vendors/hopae-userinfo-rest.json")
    base["acr"] = "urn:hopae:loa:3"
    cred = base["provenance"]["presentation"]["credentials"][0]
    cred["claims"] = {"documentNumber": "PNOLT-40504040001-MOCK-Q", "birthdate": "1905-04-04",
                      "countryCode": "LT", "givenName": "OK", "surname": "TESTNUMBER"}
    cred["evidence"]["token"]["id_token"] = good_evidence
    base["provenance"]["_metadata"]["verified_at"] = VERIFIED_AT
    full_policy = {**HOPAE_KEYS, **UPSTREAM_KEYS, "id_token": good_id_token,
                   "audience": HOPAE_CLIENT, "issuer": HOPAE_ISSUER, "nonce": HOPAE_NONCE}

    def hs(name, obj, codes, exercises, policy=None, unsure=None):
        write_json(d + name, obj)
        expect(d + name, NOW_HOPAE, codes, source=GEN + " (signed with test-vectors/keys)",
               exercises=exercises, policy=full_policy if policy is None else policy, unsure=unsure)

    def variant(**token_changes):
        u = copy.deepcopy(base)
        ev = u["provenance"]["presentation"]["credentials"][0]["evidence"]
        ev["token"].update(token_changes)
        return u

    hs("userinfo-valid.json", base, [],
       "evidence id_token ES256 under the upstream key, Hopae ID token RS256 bound by sub/acr, "
       "aud/iss/nonce as the policy expects")
    hs("userinfo-valid-without-id-token.json", base, [],
       "the same without the Hopae ID token: evidence verified, ID token check skipped",
       policy=UPSTREAM_KEYS)
    hs("userinfo-evidence-signed-by-hopae.json", variant(id_token=sign_jws(id_header, upstream_claims(iat, iat + 3600), hk)),
       ["key.wrong_role"], "the evidence id_token re-signed with Hopae's own key: Hopae's keys verify its ID token, "
       "not what the upstream provider signs")
    hs("userinfo-no-keys.json", base, ["format.unsigned"],
       "no keys at all: the evidence signature is skipped, so nothing in the result verified: unsigned",
       policy={})
    hs("userinfo-no-keys.json", base, [],
       "the same with unsigned results accepted: verified, the user claims withheld (the README says so)",
       policy={"allow_unsigned_formats": True})
    hs("userinfo-no-keys-required.json", base, ["signature.not_checked"],
       "no keys and require_evidence_signatures: could not check",
       policy={"require_evidence_signatures": True})
    hs("userinfo-evidence-wrong-key.json",
       variant(id_token=sign_jws(up_header, upstream_claims(iat, iat + 3600), up_other)),
       ["signature.invalid"], "evidence id_token signed by another key under the upstream kid")
    hs("userinfo-evidence-unknown-kid.json",
       variant(id_token=sign_jws(dict(up_header, kid="rotated-2"), upstream_claims(iat, iat + 3600), up)),
       ["key.not_found"], "evidence id_token under a kid the supplied upstream JWKS lacks: could not check")
    hs("userinfo-evidence-expired.json",
       variant(id_token=sign_jws(up_header, upstream_claims(iat - 7200, iat - 3600), up)),
       ["binding.time"], "evidence id_token (validly signed) expired an hour before verified_at: the "
       "unsigned verified_at lies outside the signed iat..exp, so nothing is judged at it")
    u = variant()
    u["provenance"]["presentation"]["credentials"][0]["evidence"]["names"] = "id_token;expires_at;access_token"
    hs("userinfo-names-mismatch.json", u, ["evidence.undeclared_key"],
       "names omits token_type, which token holds")
    # What is signed (README.md): the `user` claims and `verified_at` are unsigned; each is held to
    # the signed evidence id_token (iat 06:20:30, exp 07:20:30, surname TESTNUMBER).
    u = variant()
    u["user"]["family_name"] = "DOE"
    hs("userinfo-user-claim-changed.json", u, ["binding.claims"],
       "user.family_name DOE, the signed evidence id_token's surname TESTNUMBER")
    u = variant()
    u["provenance"]["_metadata"]["verified_at"] = "2025-10-27T06:20:36.992Z"
    hs("userinfo-verified-at-moved-back.json", u, ["binding.time"],
       "verified_at moved back a day, before the signed evidence id_token's iat (and the Hopae ID token's)")
    u = variant()
    del u["provenance"]["presentation"]["credentials"][0]["evidence"]
    hs("userinfo-evidence-removed-required.json", u, ["evidence.unsigned"],
       "evidence removed, require_evidence_signatures: nothing signed to check",
       policy=dict(full_policy, require_evidence_signatures=True))
    u = variant()
    ev = u["provenance"]["presentation"]["credentials"][0]["evidence"]
    del ev["token"]["id_token"]
    ev["names"] = "expires_at;access_token;token_type"
    hs("userinfo-id-token-removed-required.json", u, ["evidence.unsigned"],
       "evidence id_token removed from token and names, require_evidence_signatures",
       policy=dict(full_policy, require_evidence_signatures=True))
    u = variant()
    u["provenance"]["presentation"]["credentials"][0]["claims"]["documentNumber"] = "PNOLT-39912310000-MOCK-Q"
    hs("userinfo-subject-mismatch.json", u, ["binding.subject"],
       "credential claims documentNumber differs from the signed evidence id_token's")
    for name, claims, codes, what in [
        ("id-token-acr-mismatch", hopae_id_token_claims(acr="urn:hopae:loa:2"), ["binding.assurance_level"],
         "Hopae ID token acr loa:2, userinfo loa:3"),
        ("id-token-sub-mismatch", hopae_id_token_claims(sub="someone-else"), ["binding.subject"],
         "Hopae ID token sub differs from the userinfo sub"),
        ("id-token-aud-mismatch", hopae_id_token_claims(aud="another-client"), ["jwt.audience"],
         "Hopae ID token addressed to another client"),
        ("id-token-nonce-mismatch", hopae_id_token_claims(nonce="replayed"), ["jwt.nonce"],
         "Hopae ID token with another nonce"),
        ("id-token-expired", hopae_id_token_claims(iat=unix("2025-10-28T05:00:00Z"), exp=unix("2025-10-28T06:00:00Z")),
         ["time.expired", "binding.time"], "Hopae ID token expired at 06:00, judged at the policy instant 06:30; "
         "verified_at 06:20:36 is after its signed exp"),
    ]:
        tok = aux_text(f"{d}{name}.jwt", sign_jws(id_header, claims, hk) + "\n")
        hs(f"userinfo-{name}.json", base, codes, what, policy=dict(full_policy, id_token=tok))
    tok = aux_text(d + "id-token-wrong-key.jwt", sign_jws(id_header, hopae_id_token_claims(), load_key("hopae-rs256-other")) + "\n")
    hs("userinfo-id-token-wrong-key.json", base, ["signature.invalid"], "Hopae ID token signed by another RSA key",
       policy=dict(full_policy, id_token=tok))
    tok = aux_text(d + "id-token-es256.jwt", sign_jws({"alg": "ES256", "kid": UPSTREAM_KID}, hopae_id_token_claims(), up) + "\n")
    hs("userinfo-id-token-not-rs256.json", base, ["jws.alg_not_allowed"],
       "Hopae ID token signed ES256 (validly, by a trusted key): Hopae signs RS256 only",
       policy=dict(full_policy, id_token=tok))
    p = dict(full_policy)
    del p["audience"]
    hs("userinfo-id-token-no-audience-expected.json", base, ["jwt.audience"],
       "the policy names no audience, so an ID token addressed to one is refused", policy=p)


def webhook_vectors() -> None:
    """Hopae webhook deliveries: `webhook/cases.json` lists header, body, secret, now, code."""
    import hmac
    import hashlib
    d = "webhook/"
    secret = "whsec_vpcheck_test_only"
    body = compact({"verificationId": "3162dd47a26b4218b5fa708761889e44", "status": "completed",
                    "timestamp": "2025-10-28T06:20:37.000Z"})
    aux_text(d + "body.json", body)
    aux_text(d + "body-tampered.json", body.replace("completed", "failed"))
    aux_text(d + "secret.txt", secret + "\n")
    t = unix("2025-10-28T06:20:40Z")

    def header(ts: int, b: str = body, key: str = secret) -> str:
        tag = hmac.new(key.encode(), f"{ts}.{b}".encode(), hashlib.sha256).hexdigest()
        return f"t={ts},v1={tag}"

    now = "2025-10-28T06:21:00Z"
    cases = [
        {"name": "valid", "header": header(t), "body": d + "body.json", "now": now, "code": None},
        {"name": "tampered-body", "header": header(t), "body": d + "body-tampered.json", "now": now,
         "code": "webhook.signature"},
        {"name": "stale-timestamp", "header": header(t), "body": d + "body.json",
         "now": "2025-10-28T06:30:00Z", "code": "webhook.timestamp"},
        {"name": "future-timestamp", "header": header(t + 3600), "body": d + "body.json", "now": now,
         "code": "webhook.timestamp"},
        {"name": "wrong-secret", "header": header(t, key="whsec_other"), "body": d + "body.json", "now": now,
         "code": "webhook.signature"},
        {"name": "rotated-secret", "header": header(t, key="whsec_old") + "," + header(t).split(",")[1],
         "body": d + "body.json", "now": now, "code": None},
        {"name": "malformed", "header": "v1=" + "0" * 64, "body": d + "body.json", "now": now,
         "code": "webhook.malformed"},
    ]
    aux_text(d + "cases.json", dump_pretty({"secret": d + "secret.txt", "cases": cases}))


def jwt_signed() -> None:
    d = "jwt-signed/"
    iss_key = load_key("issuer-ed25519")
    holder_key = load_key("holder-ed25519")
    rsa_key = load_key("hopae-rs256-other")
    ec_key = load_key("upstream-es256-other")
    now = NOW_OTHER
    t0 = unix(now) - 600
    keys = {"issuer_jwks": {"did:example:issuer": ["keys/issuer.jwks.json"]}, "holder_jwks": {"did:example:holder": ["keys/holder.jwks.json"]}}
    base_policy = {**keys, "audience": "https://verifier.example", "nonce": "c-7f2a"}

    def issuer_keys(f):
        return {"did:example:issuer": [f]}

    def jw(name, token, codes, exercises, policy=None, unsure=None):
        write_text(d + name, token + "\n")
        expect(d + name, now, codes, source=GEN + " (signed with test-vectors/keys)", exercises=exercises,
               policy=base_policy if policy is None else policy, unsure=unsure)

    claims = {"iss": "did:example:issuer", "sub": "did:example:holder", "aud": "https://verifier.example",
              "iat": t0, "nbf": t0, "exp": t0 + 3600, "nonce": "c-7f2a"}
    ed = {"alg": "EdDSA", "kid": "did:example:issuer#key-1", "typ": "JWT"}
    jw("eddsa-valid.jwt", sign_jws(ed, claims, iss_key), [], "EdDSA JWT, aud and nonce as expected")
    jw("es256-valid.jwt", sign_jws({"alg": "ES256", "kid": "ec-signer-1"}, claims, ec_key), [], "ES256 JWT")
    jw("rs256-valid.jwt", sign_jws({"alg": "RS256", "kid": "rsa-signer-1"}, claims, rsa_key), [], "RS256 JWT")
    jw("no-kid-valid.jwt", sign_jws({"alg": "EdDSA"}, claims, iss_key), [],
       "EdDSA JWT without kid: every Ed25519 key in the set is tried")
    jw("eddsa-wrong-key.jwt", sign_jws(ed, claims, holder_key), ["signature.invalid"],
       "signed by the holder's key under the issuer's kid")
    def tamper(token: str) -> str:
        parts = token.split(".")
        parts[1] = b64url(compact(dict(claims, sub="did:example:mallory")).encode())
        return ".".join(parts)

    jw("eddsa-tampered-payload.jwt", tamper(sign_jws(ed, claims, iss_key)), ["signature.invalid"],
       "payload changed after signing (sub replaced)")
    jw("es256-tampered-payload.jwt", tamper(sign_jws({"alg": "ES256", "kid": "ec-signer-1"}, claims, ec_key)),
       ["signature.invalid"], "es256-valid.jwt with its payload changed after signing")
    jw("rs256-tampered-payload.jwt", tamper(sign_jws({"alg": "RS256", "kid": "rsa-signer-1"}, claims, rsa_key)),
       ["signature.invalid"], "rs256-valid.jwt with its payload changed after signing")
    jw("aud-mismatch.jwt", sign_jws(ed, dict(claims, aud="https://other.example"), iss_key), ["jwt.audience"],
       "aud names another verifier")
    jw("aud-unexpected.jwt", sign_jws(ed, claims, iss_key), ["jwt.audience"],
       "the policy expects no audience: a token addressed to one is refused",
       policy=keys)
    jw("nonce-mismatch.jwt", sign_jws(ed, dict(claims, nonce="old"), iss_key), ["jwt.nonce"], "another nonce")
    jw("iss-mismatch.jwt", sign_jws(ed, claims, iss_key), ["jwt.issuer"], "the policy expects another issuer",
       policy=dict(base_policy, issuer="did:example:someone"))
    jw("expired.jwt", sign_jws(ed, dict(claims, exp=unix(now) - 61), iss_key), ["time.expired"],
       "exp 61 s before now (leeway 60)")
    jw("not-yet-valid.jwt", sign_jws(ed, dict(claims, nbf=unix(now) + 61), iss_key), ["time.not_yet_valid"],
       "nbf 61 s after now")
    jw("unknown-kid.jwt", sign_jws(dict(ed, kid="did:example:issuer#key-9"), claims, iss_key), ["key.not_found"],
       "kid not in the supplied keys: could not check")
    jw("alg-not-allowed.jwt", sign_jws(ed, claims, iss_key), ["jws.alg_not_allowed"],
       "EdDSA while the policy allows ES256 only", policy=dict(base_policy, algs=["ES256"]))
    # The classic confusion: HS256 with the RSA public key (as its JWK text) for a secret.
    rsa_pub = compact(public_jwk(rsa_key, "rsa-signer-1")).encode()
    jw("hs256-rsa-public-key-as-secret.jwt", sign_jws({"alg": "HS256", "kid": "rsa-signer-1"}, claims, rsa_pub),
       ["key.alg_mismatch"], "HS256 keyed with the RSA public key; the kid selects an RSA key")
    jw("hs256-valid.jwt", sign_jws({"alg": "HS256", "kid": "hmac-1"}, claims, HMAC_SECRET), [],
       "HS256 with the caller's own oct key", policy=dict(base_policy, issuer_jwks=issuer_keys("keys/hmac.jwks.json")))
    jw("hs256-tampered-payload.jwt", tamper(sign_jws({"alg": "HS256", "kid": "hmac-1"}, claims, HMAC_SECRET)),
       ["signature.invalid"], "hs256-valid.jwt with its payload changed after signing",
       policy=dict(base_policy, issuer_jwks=issuer_keys("keys/hmac.jwks.json")))
    jw("key-use-enc.jwt", sign_jws(ed, claims, iss_key), ["key.unusable"],
       "the only key with this kid has use enc", policy=dict(base_policy, issuer_jwks=issuer_keys("keys/enc-only.jwks.json")))
    jw("rsa-weak-key.jwt", sign_jws({"alg": "RS256", "kid": "weak-1"}, claims, load_key("rsa-1024-weak")),
       ["key.weak"], "RS256 under a 1024-bit key", policy=dict(base_policy, issuer_jwks=issuer_keys("keys/weak-rsa.jwks.json")))
    jw("rsa-roca-key.jwt", sign_jws({"alg": "RS256", "kid": "roca-1"}, claims, load_key("hopae-rs256-other")),
       ["key.weak"], "RS256 naming a key whose modulus has the ROCA fingerprint (CVE-2017-15361)",
       policy=dict(base_policy, issuer_jwks=issuer_keys("keys/roca-fingerprint.jwks.json")))

    # VC Data Model 1.1 JWT credentials and presentations (section 6.3.1).
    def vc11(subject="did:example:holder", header=None, signer=None, **over):
        c = {"iss": "did:example:issuer", "sub": subject, "jti": "urn:uuid:8d1e7c1a-0001",
             "nbf": t0, "exp": t0 + 86400, "iat": t0,
             "vc": {"@context": ["https://www.w3.org/2018/credentials/v1"],
                    "type": ["VerifiableCredential", "IdentityCredential"],
                    "id": "urn:uuid:8d1e7c1a-0001", "issuer": "did:example:issuer",
                    "issuanceDate": datetime.fromtimestamp(t0, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "credentialSubject": {"id": subject, "givenName": "OK", "familyName": "TESTNUMBER"}}}
        c.update(over)
        return sign_jws(header or ed, c, signer or iss_key)

    jw("vc11-valid.jwt", vc11(), [], "VCDM 1.1 JWT credential, iss/sub/jti/nbf agree with vc",
       policy=keys)
    bad = vc11(jti="urn:uuid:other")
    jw("vc11-jti-mismatch.jwt", bad, ["jwt.vc_claims"], "jti differs from vc.id", policy=keys)
    hd = {"alg": "EdDSA", "kid": "did:example:holder#key-1", "typ": "JWT"}

    def vp11(creds, signer=holder_key, header=hd, **over):
        c = {"iss": "did:example:holder", "aud": "https://verifier.example", "nonce": "c-7f2a",
             "iat": t0, "exp": t0 + 3600,
             "vp": {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiablePresentation"],
                    "verifiableCredential": creds}}
        c.update(over)
        return sign_jws(header, c, signer)

    hb = dict(base_policy, require_holder_binding=True)
    jw("vp11-valid.jwt", vp11([vc11(), vc11()]), [], "VCDM 1.1 JWT presentation of two credentials, "
       "holder binding required and met", policy=hb)
    cred = vc11().split(".")
    cred[2] = cred[2][:-4] + ("AAAA" if not cred[2].endswith("AAAA") else "BBBB")
    jw("vp11-tampered-credential.jwt", vp11([vc11(), ".".join(cred)]), ["signature.invalid"],
       "the second credential's signature altered: every credential is verified", policy=hb)
    jw("vp11-holder-mismatch.jwt", vp11([vc11(subject="did:example:someone-else")]), ["binding.holder"],
       "credential subject is not the presentation signer", policy=hb)

    # Keys verify only in their role (trust anchors): the holder's key is trusted for
    # presentations, the issuer's for did:example:issuer's tokens.
    jw("vc11-signed-by-holder-key.jwt", vc11(header=hd, signer=holder_key), ["key.wrong_role"],
       "a credential for iss did:example:issuer signed by the holder's key (trusted for presentations only)",
       policy=keys)
    jw("vc11-signed-by-holder-key.jwt", vc11(header=hd, signer=holder_key), ["key.wrong_role", "policy.unconsumed"],
       "the same with --issuer did:example:issuer (a credential's iss is not an addressee's: unconsumed)",
       policy=dict(keys, issuer="did:example:issuer"))
    jw("vp11-credential-signed-by-holder-key.jwt", vp11([vc11(header=hd, signer=holder_key)]), ["key.wrong_role"],
       "a presentation whose credential the holder signed for the issuer, holder binding required", policy=hb)
    jw("vp11-signed-by-issuer-key.jwt", vp11([vc11()], signer=iss_key, header=ed), ["key.wrong_role"],
       "a presentation signed with the issuer's key, which verifies credentials only", policy=hb)
    jw("other-issuer-signed-by-issuer-key.jwt", sign_jws(ed, dict(claims, iss="did:example:other"), iss_key),
       ["key.wrong_role"], "a JWT naming another issuer, signed with did:example:issuer's key",
       policy=dict(base_policy, issuer_jwks={"did:example:issuer": ["keys/issuer.jwks.json"],
                                             "did:example:other": ["keys/hmac.jwks.json"]}))
    jw("untrusted-issuer.jwt", sign_jws(ed, dict(claims, iss="did:example:unknown"), iss_key), ["key.wrong_role"],
       "a JWT of an issuer no keys are trusted for, signed with another issuer's key")
    jw("untrusted-issuer.jwt", sign_jws(ed, dict(claims, iss="did:example:unknown"), iss_key), ["issuer.untrusted"],
       "the same with only the holder's keys: no keys for its issuer, could not check",
       policy={"holder_jwks": {"did:example:holder": ["keys/holder.jwks.json"]}, "audience": "https://verifier.example", "nonce": "c-7f2a"})

    # VCDM 2.0 (VC-JOSE-COSE): vc+jwt and vp+jwt with an enveloped credential.
    vc2 = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
           "id": "urn:uuid:8d1e7c1a-0002", "issuer": "did:example:issuer",
           "validFrom": "2024-06-01T00:00:00Z", "validUntil": "2026-06-01T00:00:00Z",
           "credentialSubject": {"id": "did:example:holder", "givenName": "OK"}, "iss": "did:example:issuer"}
    vc2_tok = sign_jws(dict(ed, typ="vc+jwt", cty="vc"), vc2, iss_key)
    jw("vc2-valid.jwt", vc2_tok, [], "vc+jwt credential, validFrom/validUntil around now", policy=keys)
    jw("vc2-expired.jwt", sign_jws(dict(ed, typ="vc+jwt"), dict(vc2, validUntil="2024-12-31T23:58:59Z"), iss_key),
       ["time.expired"], "validUntil 61 s before now", policy=keys)
    jw("vc2-wrong-typ.jwt", sign_jws(dict(ed, typ="JWT"), vc2, iss_key), ["jwt.type"],
       "a VCDM 2.0 credential whose typ is JWT, not vc+jwt", policy=keys)
    vp2 = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
           "iss": "did:example:holder", "aud": "https://verifier.example", "nonce": "c-7f2a",
           "iat": t0, "exp": t0 + 3600,
           "verifiableCredential": [{"@context": "https://www.w3.org/ns/credentials/v2",
                                     "type": "EnvelopedVerifiableCredential",
                                     "id": "data:application/vc+jwt," + vc2_tok}]}
    jw("vp2-valid.jwt", sign_jws(dict(hd, typ="vp+jwt", cty="vp"), vp2, holder_key), [],
       "vp+jwt with an enveloped vc+jwt credential, holder binding met", policy=hb)


def vc_di_eddsa() -> None:
    d = "ld/vc-di-eddsa/"
    src = "verbatim from w3c/vc-di-eddsa (https://github.com/w3c/vc-di-eddsa) TestVectors/"
    issuer_doc = aux_text("dids/vc-example-issuer.json", dump_pretty({
        "id": "https://vc.example/issuers/5678",
        "assertionMethod": ["did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#"
                            "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"]}))
    for rel in ["dids/did_example_489398593.json", "dids/did_example_489398593_test.json",
                "dids/did_example_82612387612873.json", "dids/did_example_82612387612873_test.json",
                "dids/did_example_b34ca6cd37bbf23.json", "dids/did_example_b34ca6cd37bbf23_test.json",
                d + "keyPair.json"]:
        AUX.add(rel)
    for sub in ("eddsa-jcs-2022", "eddsa-rdfc-2022", "Ed25519Signature2020"):
        for p in (ROOT / d / sub).iterdir():
            AUX.add(f"{d}{sub}/{p.name}")
    with_issuer = {"did_docs": [issuer_doc]}
    expect(d + "eddsa-jcs-2022-signed.json", NOW_OTHER, [], source=src + "eddsa-jcs-2022/signedJCS.json",
           exercises="eddsa-jcs-2022 proof verified; the issuer "
           "(not a DID) lists the did:key under assertionMethod in its controller document "
           "(test-vectors/dids/vc-example-issuer.json, ours)", policy=with_issuer)
    expect(d + "eddsa-jcs-2022-signed.json", NOW_OTHER, ["proof.not_checked"], source=src + "eddsa-jcs-2022/signedJCS.json",
           exercises="the same without the issuer's controller document: the proof verifies, but whether "
           "the issuer controls the did:key cannot be checked")
    # The caller issued a challenge (its nonce) or names a domain (its audience): a proof made
    # without them was made for someone else.
    expect(d + "eddsa-jcs-2022-signed.json", NOW_OTHER, ["proof.challenge"], source=GEN,
           exercises="the policy expects challenge c-7f2a; the proof carries none",
           policy=dict(with_issuer, nonce="c-7f2a"))
    expect(d + "eddsa-jcs-2022-signed.json", NOW_OTHER, ["proof.domain"], source=GEN,
           exercises="the policy expects domain https://verifier.example; the proof carries none",
           policy=dict(with_issuer, audience="https://verifier.example"))
    wrong = read_json(d + "eddsa-jcs-2022-signed.json")
    wrong["proof"]["proofPurpose"] = "authentication"
    write_json(d + "eddsa-jcs-2022-purpose-authentication.json", wrong)
    expect(d + "eddsa-jcs-2022-purpose-authentication.json", NOW_OTHER, ["proof.purpose"], source=GEN,
           exercises="a credential proof whose proofPurpose is authentication: a credential asserts "
                     "(assertionMethod), so it is refused before any key is looked up", policy=with_issuer)
    tampered = read_json(d + "eddsa-jcs-2022-signed.json")
    tampered["credentialSubject"]["alumniOf"] = "The School of Forgeries"
    write_json(d + "eddsa-jcs-2022-tampered.json", tampered)
    expect(d + "eddsa-jcs-2022-tampered.json", NOW_OTHER, ["proof.invalid"], source=GEN,
           exercises="eddsa-jcs-2022-signed.json with credentialSubject.alumniOf changed", policy=with_issuer)
    for name, upstream in [("eddsa-rdfc-2022-signed.json", "eddsa-rdfc-2022/signedDataInt.json"),
                           ("ed25519signature2020-signed.json", "Ed25519Signature2020/signedEdSig.json")]:
        expect(d + name, NOW_OTHER, [], source=src + upstream,
               exercises="RDFC-1.0 suite verified: offline JSON-LD expansion with shipped contexts, "
                         "canonical N-Quads, Ed25519 over the two SHA-256 hashes", policy=with_issuer)
        t = read_json(d + name)
        t["credentialSubject"]["alumniOf"] = "The School of Forgeries"
        tname = name.replace("-signed", "-tampered")
        write_json(d + tname, t)
        expect(d + tname, NOW_OTHER, ["proof.invalid"], source=GEN, exercises=f"{name} with alumniOf changed",
               policy=with_issuer)
    t = read_json(d + "eddsa-rdfc-2022-signed.json")
    t["@context"].append("https://example.org/contexts/not-shipped/v1")
    write_json(d + "eddsa-rdfc-2022-unknown-context.json", t)
    expect(d + "eddsa-rdfc-2022-unknown-context.json", NOW_OTHER, ["context.unavailable"], source=GEN,
           exercises="a context neither shipped nor supplied: could not check, naming the URL; never fetched",
           policy=with_issuer)
    t = read_json(d + "eddsa-rdfc-2022-signed.json")
    t["credentialSubject"]["undefinedTerm"] = "not in any context"
    write_json(d + "eddsa-rdfc-2022-undefined-term.json", t)
    expect(d + "eddsa-rdfc-2022-undefined-term.json", NOW_OTHER, ["proof.invalid"], source=GEN,
           exercises="a member added after signing; the examples/v2 context's @vocab defines every term, "
                     "so it expands and changes the signed statements (strict expansion of an undefined "
                     "term is a unit test in src/ld.rs)", policy=with_issuer)


BBS_DIDS = [f"dids/did_example_{n}{s}.json" for n in ("489398593", "82612387612873", "b34ca6cd37bbf23")
            for s in ("", "_test")]
BBS_CONTEXTS = {"https://schema.org": "contexts/schemaOrg.json", "https://schema.org/": "contexts/schemaOrg.json",
                "http://schema.org/": "contexts/schemaOrg.json", "https://www.w3.org/ns/odrl.jsonld": "contexts/odrl.json"}


def bbs2020_vectors() -> None:
    """The reference implementation's fixtures (mattrglobal/jsonld-signatures-bbs): each case file
    wraps a document; the document is written out as the vector."""
    d = "bbs2020/"
    src = ("verbatim from the fixtures of mattrglobal/jsonld-signatures-bbs "
           "(https://github.com/mattrglobal/jsonld-signatures-bbs), case ")
    policy = {"did_docs": BBS_DIDS, "contexts": BBS_CONTEXTS}
    AUX.update({"contexts/schemaOrg.json", "contexts/odrl.json", d + "keyPair.json"})
    for kind, member in (("proofs", "signedDocument"), ("derivedProofs", "derivedProof")):
        for p in sorted((ROOT / d / kind).glob("[0-9].json")):
            case = read_json(f"{d}{kind}/{p.name}")
            AUX.add(f"{d}{kind}/{p.name}")
            out = f"{d}{kind}/{p.stem}-{'signed' if kind == 'proofs' else 'derived'}.document.json"
            write_json(out, case[member])
            valid = case["result"]["valid"]
            codes = [] if valid else ["proof.invalid"]
            what = "valid" if valid else case["result"].get("reason", "invalid")
            # A selectively disclosed proof that discloses no statement vouches for nothing:
            # vpcheck cannot tell what it is about (could not check).
            doc = case[member]
            if valid and kind == "derivedProofs" and not set(doc) - {"@context", "proof"}:
                codes = ["ld.withheld"]
                what = "a valid proof that discloses no statement: could not check"
            expect(out, NOW_OTHER, codes,
                   source=src + f"{kind}/{p.name} ({member})",
                   exercises=f"{case['caseName']}: {what}",
                   policy=policy)
    for p in sorted((ROOT / d / "documents").glob("*.json")):
        AUX.add(f"{d}documents/{p.name}")


def vc_jose_cose() -> None:
    d = "jose/vc-jose-cose/"
    src = "verbatim from w3c/vc-jose-cose-test-suite (https://github.com/w3c/vc-jose-cose-test-suite), input "
    # The suite's issuer signs its credentials and, as holder, its presentations.
    pol = {"issuer_jwks": {"https://example.issuer/vc-jose-cose": ["keys/vc-jose-cose.jwks.json"]},
           "holder_jwks": {"https://example.issuer/vc-jose-cose": ["keys/vc-jose-cose.jwks.json"]}}
    for name, now, codes, what in [
        ("credential-jose-minimal.txt", NOW_OTHER, [], "ES256 vc+jwt verified under vm-p256"),
        ("credential-jose-unknown-extensions.txt", NOW_OTHER, [], "ES512 vc+jwt with unknown members, ignored"),
        ("credential-jose-bad-signature.txt", NOW_OTHER, ["signature.invalid"], "the suite's bad signature"),
        ("credential-jose-bad-media-type.txt", NOW_OTHER, ["jwt.type"], "typ bad+typ and cty bad+cty"),
        ("credential-jose-vc-vp-claims.txt", NOW_OTHER, ["jwt.vc_claims"], "vc and vp claims in a vc+jwt"),
        ("presentation-jose-multiple.txt", "2024-12-16T12:00:00Z", ["proof.not_checked"],
         "vp+jwt (ES384) of three enveloped credentials: the vc+jwt one verifies, the SD-JWT and COSE ones "
         "are not verified by this build, so the presentation could not be checked"),
        ("presentation-jose-bad-credential.txt", "2024-12-15T12:00:00Z", ["field.invalid"],
         "an enveloped credential whose id is not a data: URL"),
        ("presentation-jose-bad-media-type.txt", "2024-12-15T12:00:00Z", ["jws.malformed", "jwt.type"],
         "typ bad+typ; its enveloped credential's JWT lacks its first character (`yJra...`)"),
    ]:
        expect(d + name, now, codes, source=src + name,
               exercises=what, policy=pol, unsure="codes found by running this library against the suite's "
               "bad-* and vc-vp-claims inputs; the suite names only pass/fail")

# ---------------------------------------------------------------------------
# Hostile catalogue
# ---------------------------------------------------------------------------

def once(text: str, old: str, new: str) -> str:
    """Replaces the single occurrence of `old` (asserting there is exactly one)."""
    assert text.count(old) == 1, (old, text.count(old))
    return text.replace(old, new)


def nested(depth: int, kind: str = "array"):
    """`depth` levels of arrays (or single-member objects), innermost empty."""
    v = [] if kind == "array" else {}
    for _ in range(depth - 1):
        v = [v] if kind == "array" else {"a": v}
    return v


def jws_raw(header_text: str, payload_text: str, sig_len: int) -> str:
    """A compact JWS from header and payload TEXT (so they may hold duplicates), filler-signed."""
    signing_input = b64url(header_text.encode()) + "." + b64url(payload_text.encode())
    return signing_input + "." + b64url(filler_signature(signing_input.encode("ascii"), sig_len))


def hostile() -> None:
    """One hostile input per file, each mutating one valid vector so that exactly one thing is
    wrong. The codes are what a strict, fail-closed verifier must answer, decided from the
    README's error table and the rules above, not copied from the library's output."""
    d = "hostile/"
    ONE_MIB = 1024 * 1024

    def reg(name, now, codes, exercises, policy=None, unsure=None):
        expect(d + name, now, codes, source=GEN, exercises=exercises, policy=policy,
               unsure=unsure)

    def hx_json(name, obj, now, codes, exercises, policy=None, unsure=None):
        write_json(d + name, obj)
        reg(name, now, codes, exercises, policy, unsure)

    def hx_bytes(name, data, now, codes, exercises, policy=None, unsure=None):
        write_bytes(d + name, data)
        reg(name, now, codes, exercises, policy, unsure)

    # The valid vectors mutated here, as written above (main() runs hostile() last).
    def raw(rel: str) -> bytes:
        with open(ROOT / rel, "rb") as f:
            return f.read()

    hopae_text = raw("hopae/userinfo-valid.json").decode("utf-8")
    hopae_obj = json.loads(hopae_text)
    tc_text = raw("trinsic-connect/session-success.json").decode("utf-8")
    tc_obj = json.loads(tc_text)
    ts_text = raw("trinsic-sessions/result-success.json").decode("utf-8")
    ts_obj = json.loads(ts_text)
    incode_text = raw("incode/finish-approved.json").decode("utf-8")
    incode_obj = json.loads(incode_text)
    minimal = raw("jwt/credential-jose-minimal.jwt").decode("ascii").strip()
    mh, mp, ms = minimal.split(".")
    m_header = base64.urlsafe_b64decode(mh + "=" * (-len(mh) % 4)).decode()
    m_payload = base64.urlsafe_b64decode(mp + "=" * (-len(mp) % 4)).decode()
    vp = read_json("vendors/trinsic-connect-result-vp.json")
    assert compact(vp) == tc_obj["resultVp"]
    ld_vc = read_json("ld/ed25519signature2020-signed.json")

    def hopae_variant():
        u = copy.deepcopy(hopae_obj)
        return u, u["provenance"]["presentation"]["credentials"][0]["evidence"]

    def tc_with_vp(v) -> dict:
        env = copy.deepcopy(tc_obj)
        env["resultVp"] = v if isinstance(v, str) else compact(v)
        return env

    def vp_credential(v) -> dict:
        return v["verifiableCredential"][0]

    H, TC, TS, O = NOW_HOPAE, NOW_TRINSIC_CONNECT, NOW_TRINSIC_SESSIONS, NOW_OTHER
    NC = "key.not_found"

    # --- duplicate member names ------------------------------------------------------------
    hx_bytes("duplicate-member-top-level.json",
             once(hopae_text, '\n  "hopae_loa": 3,\n',
                  '\n  "hopae_loa": 5,\n  "hopae_loa": 3,\n').encode(),
             H, ["input.duplicate_member"],
             "Hopae userinfo with top-level `hopae_loa` twice (5, then 3)")

    hx_bytes("duplicate-member-nested.json",
             once(hopae_text, '"expires_at": "2025-10-31T05:43:14.000Z",',
                  '"expires_at": "2099-01-01T00:00:00.000Z",\n'
                  '              "expires_at": "2025-10-31T05:43:14.000Z",').encode(),
             H, ["input.duplicate_member"],
             "Hopae userinfo, `expires_at` twice seven levels down "
             "(provenance.presentation.credentials[0].evidence.token)")

    hx_bytes("duplicate-member-escaped-name.json",
             once(tc_text, '\n  "state": "IDV_SUCCESS",\n',
                  '\n  "state": "IDV_FAILED",\n  "st\\u0061te": "IDV_SUCCESS",\n').encode(),
             TC, ["input.duplicate_member"],
             "Trinsic Connect session: `state` IDV_FAILED, then `st\\u0061te` (the same name, "
             "escaped) IDV_SUCCESS", policy=TC_POLICY)

    u, _ = hopae_variant()
    u["user"].update({f"x{i:02d}": i for i in range(40)})
    text = once(dump_pretty(u), '\n    "family_name": "TESTNUMBER",\n',
                '\n    "family_name": "TESTNUMBER",\n    "given_name": "EVIL",\n')
    hx_bytes("duplicate-member-large-object.json", text.encode(), H,
             ["input.duplicate_member"],
             "Hopae `user` with 46 members (past the linear duplicate scan), `given_name` twice")

    other_nonce = base64.b64encode(TC_OTHER_ID.encode()).decode()
    real_nonce = vp_credential(vp)["proof"]["nonce"]
    vp_text = once(compact(vp), f'"nonce":"{real_nonce}"',
                   f'"nonce":"{other_nonce}","nonce":"{real_nonce}"')
    hx_json("duplicate-member-result-vp.json", tc_with_vp(vp_text), TC,
            ["input.duplicate_member"],
            "Trinsic Connect session whose resultVp string has the proof `nonce` twice "
            "(another session's, then this one's)", policy=TC_POLICY)

    dup_header = once(m_header, '"alg":"ES256",', '"alg":"none","alg":"ES256",')
    hx_bytes("duplicate-member-jws-header.jwt",
             (b64url(dup_header.encode()) + "." + mp + "." + ms + "\n").encode(), O,
             ["input.duplicate_member"],
             "credential-jose-minimal with header `alg` twice (none, then ES256)")

    dup_payload = once(m_payload, '"iss":"https://example.issuer/vc-jose-cose",',
                       '"iss":"https://evil.example","iss":"https://example.issuer/vc-jose-cose",')
    hx_bytes("duplicate-member-jws-payload.jwt",
             (mh + "." + b64url(dup_payload.encode()) + "." + ms + "\n").encode(), O,
             ["input.duplicate_member", "signature.not_checked"],
             "credential-jose-minimal with payload `iss` twice (signature part unchanged)")

    u, e = hopae_variant()
    p_text = compact(hopae_payload(HOPAE_IAT, HOPAE_IAT + 3600))
    p_text = once(p_text, '"exp":', '"exp":4102444800,"exp":')
    e["token"]["id_token"] = jws_raw(compact(HOPAE_HEADER), p_text, SIG_LEN["RS256"])
    hx_json("duplicate-member-id-token-payload.json", u, H, ["input.duplicate_member"],
            "Hopae evidence id_token whose payload has `exp` twice (2100, then the real one)")

    env = copy.deepcopy(tc_obj)
    v = copy.deepcopy(vp)
    vp_credential(v)["proof"]["nonce"] = other_nonce
    env["result_vp"] = compact(v)
    hx_json("duplicate-member-alias-result-vp.json", env, TC, ["input.duplicate_member"],
            "Trinsic Connect session with `resultVp` and its proto spelling `result_vp` "
            "(another session's presentation)", policy=TC_POLICY,
            unsure="the two names differ, but proto3 JSON reads both as one field, set twice "
                   "(protobuf's own parser refuses that); field.invalid is the alternative")
    u, _ = hopae_variant()
    u["hopae_provenance"] = copy.deepcopy(u["provenance"])
    u["hopae_provenance"]["_metadata"]["verified_at"] = "2025-10-28T06:29:00.000Z"
    hx_json("duplicate-member-alias-provenance.json", u, H, ["input.duplicate_member"],
            "Hopae userinfo with both `provenance` and the older `hopae_provenance` "
            "(a different verified_at)",
            unsure="two names for one member, as for resultVp/result_vp; field.invalid is "
                   "the alternative")

    # --- nesting ----------------------------------------------------------------------------
    u, _ = hopae_variant()
    u["x"] = nested(64)
    hx_json("nesting-65.json", u, H, ["input.too_deep"],
            "valid Hopae userinfo plus a member `x` of 64 nested arrays: 65 levels")

    u, _ = hopae_variant()
    u["x"] = nested(63)
    hx_json("nesting-64.json", u, H, [],
            "valid Hopae userinfo plus a member `x` of 63 nested arrays: exactly 64 levels, "
            "an unknown member, ignored", policy={"allow_unsigned_formats": True})

    u, _ = hopae_variant()
    u["x"] = nested(64, "object")
    hx_json("nesting-65-objects.json", u, H, ["input.too_deep"],
            "valid Hopae userinfo plus `x`: 64 nested objects, 65 levels")

    v = copy.deepcopy(vp)
    vp_credential(v)["credentialSubject"]["x"] = nested(61)
    hx_json("nesting-65-result-vp.json", tc_with_vp(v), TC, ["input.too_deep"],
            "resultVp document 65 levels deep (its own structure pass; the envelope is "
            "shallow)", policy=TC_POLICY)

    v = copy.deepcopy(vp)
    vp_credential(v)["credentialSubject"]["x"] = nested(60)
    hx_json("nesting-64-result-vp.json", tc_with_vp(v), TC, [NC],
            "resultVp document exactly 64 levels deep: parsed, an unknown subject member",
            policy=TC_POLICY)

    hx_bytes("nesting-100000.json", b"[" * 100_000 + b"]" * 100_000, O, ["input.too_deep"],
             "100 000 nested arrays (stack exhaustion attempt)")

    # --- size -------------------------------------------------------------------------------
    def padded(total: int) -> bytes:
        obj = dict(incode_obj, padding="")
        base = len(dump_pretty(obj).encode())
        obj["padding"] = "a" * (total - base)
        data = dump_pretty(obj).encode()
        assert len(data) == total
        return data

    hx_bytes("oversize-1048577.json", padded(ONE_MIB + 1), O, ["input.too_large"],
             "Incode finish-approved with a `padding` string: 1048577 bytes, one over 1 MiB")
    hx_bytes("size-1048576.json", padded(ONE_MIB), O, [],
             "Incode finish-approved with a `padding` string: exactly 1 MiB, accepted",
             policy=UNSIGNED_OK)

    # --- encoding ---------------------------------------------------------------------------
    inc = incode_text.encode()
    hx_bytes("invalid-utf8.json", once(inc.decode(), "example.com/done",
                                       "example.com/d\udcffone").encode("utf-8", "surrogateescape"),
             O, ["input.invalid_utf8"], "Incode finish-approved, byte 0xFF inside a string")
    hx_bytes("invalid-utf8-overlong.json",
             inc.replace(b"example.com/done", b"example.com\xc0\xafdone"), O,
             ["input.invalid_utf8"], "overlong encoding C0 AF (`/`) inside a string")
    hx_bytes("invalid-utf8-surrogate.json",
             inc.replace(b"example.com/done", b"example.com/\xed\xa0\x80done"), O,
             ["input.invalid_utf8"], "UTF-8-encoded surrogate ED A0 80 inside a string")
    hx_bytes("invalid-utf8-truncated.json", inc.replace(b'"OK"', b'"OK\xe2\x82"'), O,
             ["input.invalid_utf8"], "truncated 3-byte sequence E2 82 inside a string")
    hx_bytes("lone-surrogate-escape.json",
             once(incode_text, "example.com/done", "example.com/\\ud800done").encode(), O,
             ["input.json_syntax"],
             "`\\ud800` escape without its low half inside a string: no Unicode text")

    hx_bytes("bom.json", b"\xef\xbb\xbf" + hopae_text.encode(), H, ["input.bom"],
             "UTF-8 BOM before valid Hopae userinfo")
    hx_bytes("bom-jwt.jwt", b"\xef\xbb\xbf" + (minimal + "\n").encode(), O, ["input.bom"],
             "UTF-8 BOM before credential-jose-minimal")
    hx_json("bom-result-vp.json", tc_with_vp("\ufeff" + compact(vp)), TC, ["input.bom"],
            "resultVp string starting with U+FEFF", policy=TC_POLICY)

    # --- trailing bytes ---------------------------------------------------------------------
    inc_compact = compact(incode_obj)
    hx_bytes("trailing-x.json", (inc_compact + " x\n").encode(), O, ["input.trailing_data"],
             "Incode finish-approved, then ` x`")
    hx_bytes("trailing-second-object.json", (inc_compact + inc_compact + "\n").encode(), O,
             ["input.trailing_data"], "Incode finish-approved twice, back to back")
    hx_bytes("trailing-nul.json", inc_compact.encode() + b"\x00", O, ["input.trailing_data"],
             "Incode finish-approved, then a NUL byte")
    hx_json("trailing-result-vp.json", tc_with_vp(compact(vp) + " x"), TC,
            ["input.trailing_data"], "resultVp string: the presentation, then ` x`",
            policy=TC_POLICY)
    hx_bytes("trailing-jws-extra-part.jwt", (minimal + ".extra\n").encode(), O,
             ["jws.malformed"], "credential-jose-minimal, then `.extra` (four parts)")
    hx_bytes("trailing-jws-space-garbage.jwt", (minimal + " x\n").encode(), O,
             ["input.trailing_data"], "credential-jose-minimal, then ` x`")
    hx_bytes("trailing-jws-json-string.json", (json.dumps(minimal) + " x\n").encode(), O,
             ["input.trailing_data"],
             "credential-jose-minimal as a JSON string, then ` x`")

    # --- non-canonical base64url ------------------------------------------------------------
    assert len(ms) % 4 == 2 and ms.endswith("A") and "-" in ms
    hx_bytes("jws-base64-padding.jwt", (mh + "." + mp + "." + ms + "==\n").encode(), O,
             ["jws.malformed"], "credential-jose-minimal with `==` padding on the signature")
    hx_bytes("jws-base64-plus-slash.jwt",
             (mh + "." + mp + "." + ms.replace("-", "+").replace("_", "/") + "\n").encode(), O,
             ["jws.malformed"],
             "credential-jose-minimal, signature in the standard alphabet (`+` for `-`)")
    hx_bytes("jws-base64-trailing-bits.jwt", (mh + "." + mp + "." + ms[:-1] + "B\n").encode(),
             O, ["jws.malformed"],
             "credential-jose-minimal, last signature character `B` for `A`: same bytes, "
             "non-zero trailing bits")
    u, e = hopae_variant()
    ih, ip, isig = e["token"]["id_token"].split(".")
    assert len(ip) % 4 != 0
    e["token"]["id_token"] = ih + "." + ip + "=" * (-len(ip) % 4) + "." + isig
    hx_json("id-token-base64-padding.json", u, H, ["jws.malformed"],
            "Hopae evidence id_token with `=` padding on its payload")

    # --- alg none, odd headers --------------------------------------------------------------
    none_h = b64url(once(m_header, '"alg":"ES256"', '"alg":"none"').encode())
    hx_bytes("jws-alg-none-empty-signature.jwt", (none_h + "." + mp + ".\n").encode(), O,
             ["jws.alg_none"], "credential-jose-minimal re-headed `alg: none`, empty signature")
    hx_bytes("jws-alg-none-with-signature.jwt", (none_h + "." + mp + "." + ms + "\n").encode(),
             O, ["jws.alg_none"],
             "credential-jose-minimal re-headed `alg: none`, original signature kept")
    hx_bytes("jws-alg-none-two-parts.jwt", (none_h + "." + mp + "\n").encode(), O,
             ["jws.malformed"], "`alg: none` header and payload, no signature part at all")
    upper_h = b64url(once(m_header, '"alg":"ES256"', '"alg":"NONE"').encode())
    hx_bytes("jws-alg-none-uppercase.jwt", (upper_h + "." + mp + ".\n").encode(), O,
             ["jws.alg_none"], "`alg: NONE`, empty signature",
             unsure="RFC 7515 alg values are case-sensitive, so `NONE` is an unregistered "
                    "algorithm rather than `none`; a fail-closed verifier must still never "
                    "leave it at signature.not_checked (exit 3): it is the classic "
                    "case-folding bypass of the `none` ban")
    hx_bytes("jws-header-array.jwt",
             (b64url(b'[{"alg":"ES256"}]') + "." + mp + "." + ms + "\n").encode(), O,
             ["jws.malformed"], "header `[{\"alg\":\"ES256\"}]`: JSON, but an array")
    hx_bytes("jws-header-not-json.jwt",
             (b64url(b"alg=ES256") + "." + mp + "." + ms + "\n").encode(), O,
             ["jws.malformed"], "header `alg=ES256`: not JSON",
             unsure="the README defines jws.malformed as \"not three strict base64url parts "
                    "with a JSON object header\"; input.json_syntax would describe the header "
                    "bytes, but this is a JWS fault, as for the array header")

    crit_h = b64url(once(m_header, '"alg":"ES256",',
                         '"alg":"ES256","crit":["urn:example:must-understand"],'
                         '"urn:example:must-understand":true,').encode())
    hx_bytes("jws-crit-unknown.jwt", (crit_h + "." + mp + "." + ms + "\n").encode(), O,
             ["jws.crit_unsupported"],
             "credential-jose-minimal re-headed with `crit` naming an extension nobody "
             "understands",
             unsure="RFC 7515 section 4.1.11: a JWS whose `crit` lists an extension the "
                    "recipient does not understand is invalid, whatever its signature; the "
                    "library gives it its own code")

    # --- evidence names ---------------------------------------------------------------------
    u, e = hopae_variant()
    del e["token"]["access_token"]
    hx_json("evidence-names-missing-key.json", u, H, ["evidence.missing_key"],
            "token without `access_token`, names still lists it")
    u, e = hopae_variant()
    e["names"] = "id_token;expires_at;access_token"
    hx_json("evidence-names-undeclared-key.json", u, H, ["evidence.undeclared_key"],
            "names omits `token_type`, token has it")
    u, e = hopae_variant()
    e["names"] = NAMES + ";expires_at"
    hx_json("evidence-names-duplicate.json", u, H, ["evidence.duplicate_name"],
            "names lists `expires_at` twice")
    u, e = hopae_variant()
    e["names"] = ";" + NAMES
    hx_json("evidence-names-empty-entry.json", u, H, ["evidence.empty_name"],
            "names with a leading `;` (empty first entry)")
    for total, codes, what in [
        (65, ["limit.evidence_names"], "65 token keys, all listed in names (limit 64)"),
        (64, [], "64 token keys, all listed in names: exactly at the limit, accepted"),
    ]:
        u, e = hopae_variant()
        for i in range(total - len(e["token"])):
            e["token"][f"k{i:02d}"] = "v"
        e["names"] = ";".join(e["token"].keys())
        assert len(e["token"]) == total
        hx_json(f"evidence-names-{total}.json", u, H, codes, what,
                policy={"allow_unsigned_formats": True} if not codes else None)
    u, e = hopae_variant()
    e["names"] = 4
    hx_json("evidence-names-number.json", u, H, ["field.invalid"], "names is the number 4")

    # --- session binding --------------------------------------------------------------------
    v = copy.deepcopy(vp)
    vp_credential(v)["proof"]["nonce"] = other_nonce
    hx_json("nonce-other-session.json", tc_with_vp(v), TC, ["binding.session_id", NC],
            "proof nonce re-encoded for another session uuid; envelope id and policy are this "
            "session's", policy=TC_POLICY)
    v = copy.deepcopy(vp)
    vp_credential(v)["proof"]["nonce"] = base64.b64encode(
        (TC_OTHER_ID + "idvsession:" + TC_SESSION_ID.rsplit(":", 1)[1]).encode()).decode()
    hx_json("nonce-embedded-session-id.json", tc_with_vp(v), TC, ["binding.session_id", NC],
            "proof nonce for another session with `idvsession:<this uuid>` appended: "
            "its tail matches, the whole nonce does not", policy=TC_POLICY,
            unsure="the nonce cannot be held to the envelope id verbatim (Trinsic's own "
                   "example nonce decodes to `qrn:trinsic:idvsession:<uuid>`), but `idvsession:` "
                   "must occur once and the uuid be all that follows it; matching on the text "
                   "after its last occurrence accepts a nonce minted for another session")
    env = copy.deepcopy(tc_obj)
    env["id"] = "urn:attacker:idvsession:" + TC_SESSION_ID.rsplit(":", 1)[1]
    hx_json("session-id-foreign-prefix.json", env, TC, ["binding.session_id", NC],
            "envelope id `urn:attacker:idvsession:<this uuid>`; the policy names "
            "`urn:trinsic:idvsession:<this uuid>`", policy=TC_POLICY,
            unsure="the README lets a policy name \"either the whole URN or the uuid\"; "
                   "here it names the whole URN, and the envelope's own id (unlike the nonce, "
                   "whose upstream example spells `qrn:`) is another URN: a uuid-only match "
                   "is for policies that name the uuid")

    # --- timestamps -------------------------------------------------------------------------
    env = copy.deepcopy(tc_obj)
    env["updated"] = str(int(env["created"]) - 1)
    hx_json("session-updated-before-created.json", env, TC, ["time.order", NC],
            "Trinsic Connect session updated one second before created (the proof cannot be "
            "checked: no signed issuance to hold the envelope to)", policy=TC_POLICY)
    v = copy.deepcopy(vp)
    vp_credential(v)["expirationDate"] = "2023-09-08T19:58:59Z"
    hx_json("credential-expired.json", tc_with_vp(v), TC, ["time.expired", NC],
            "resultVp credential expirationDate 19:58:59, 61 s before `now` (leeway 60 s)",
            policy=TC_POLICY)
    v = copy.deepcopy(vp)
    vp_credential(v)["proof"]["created"] = "2023-09-08T20:01:01Z"
    hx_json("proof-created-future.json", tc_with_vp(v), TC, ["time.future", NC],
            "resultVp proof `created` 61 s after `now`", policy=TC_POLICY)
    u, _ = hopae_variant()
    u["provenance"]["_metadata"]["verified_at"] = "2025-10-28T06:31:01.000Z"
    hx_json("hopae-verified-at-future.json", u, H, ["time.future"],
            "Hopae verified_at 61 s after `now`")
    u, e = hopae_variant()
    e["token"]["expires_at"] = "2025-10-28T06:19:36.000Z"
    hx_json("hopae-evidence-expires-before-verified.json", u, H, ["time.expired"],
            "evidence expires_at 60.992 s before verified_at (leeway 60 s)")

    # --- wrong JSON types -------------------------------------------------------------------
    u, _ = hopae_variant()
    u["hopae_loa"] = "3"
    hx_json("hopae-loa-string.json", u, H, ["field.invalid"], "hopae_loa the string \"3\"")
    env = copy.deepcopy(tc_obj)
    env["created"] = "yesterday"
    hx_json("created-non-digit-string.json", env, TC, ["field.invalid"],
            "Trinsic Connect `created` \"yesterday\"", policy=TC_POLICY)
    env = copy.deepcopy(tc_obj)
    env["created"] = 1694201800.5
    hx_json("created-fraction.json", env, TC, ["field.invalid"],
            "Trinsic Connect `created` 1694201800.5 (fixed64 has no fraction)", policy=TC_POLICY)
    r = copy.deepcopy(ts_obj)
    r["session"]["done"] = "true"
    hx_json("done-string.json", r, TS, ["field.invalid"], "sessions API `done` \"true\"")
    u, _ = hopae_variant()
    u["user"]["birthdate"] = {"year": 1905, "month": 4, "day": 4}
    hx_json("birthdate-object.json", u, H, ["field.invalid"], "Hopae user.birthdate an object")
    env = copy.deepcopy(tc_obj)
    env["resultVp"] = vp
    hx_json("result-vp-object.json", env, TC, ["field.invalid"],
            "resultVp an object instead of a JSON string", policy=TC_POLICY)

    # --- enum values out of range -----------------------------------------------------------
    env = copy.deepcopy(tc_obj)
    env["state"] = 99
    hx_json("session-state-99.json", env, TC, ["session.unknown_state"],
            "Trinsic Connect state 99 (resultVp present)", policy=TC_POLICY)
    env = copy.deepcopy(tc_obj)
    env["verifications"]["ver_1"]["state"] = 42
    hx_json("verification-state-42.json", env, TC, ["session.unknown_state", NC],
            "IDV_SUCCESS, its verification in state 42", policy=TC_POLICY,
            unsure="an unknown value of an open enum is session.unknown_state (as for the "
                   "session state and Incode statuses); verification.failed would claim the "
                   "vendor failed the person, which state 42 does not say")
    env_items = list(copy.deepcopy(tc_obj).items())
    env_items.insert(3, ("failCode", -1))
    env = dict(env_items)
    hx_json("session-fail-code-minus-1.json", env, TC, ["session.inconsistent", NC],
            "IDV_SUCCESS with failCode -1", policy=TC_POLICY)
    env = copy.deepcopy(tc_obj)
    ver = env["verifications"]["ver_1"]
    env["verifications"]["ver_1"] = dict(list(ver.items())[:3] + [("failCode", -1)]
                                         + list(ver.items())[3:])
    hx_json("verification-fail-code-minus-1.json", env, TC, ["session.inconsistent", NC],
            "IDV_SUCCESS, verification VERIFICATION_SUCCESS with failCode -1",
            policy=TC_POLICY)
    o = dict(incode_obj, action="APPROVED")
    hx_json("incode-action-uppercase.json", o, O, ["session.unknown_state"],
            "Incode action `APPROVED` (the enum is lower case)", policy=UNSIGNED_OK)

    # --- empty ids --------------------------------------------------------------------------
    env = copy.deepcopy(tc_obj)
    env["id"] = ""
    hx_json("trinsic-connect-id-empty.json", env, TC, ["field.missing", "binding.session_id", NC],
            "Trinsic Connect session `id` \"\" (policy expects the session id)",
            policy=TC_POLICY)
    r = copy.deepcopy(ts_obj)
    r["session"]["id"] = ""
    hx_json("trinsic-sessions-id-empty.json", r, TS, ["field.missing"],
            "sessions API `session.id` \"\"", policy=UNSIGNED_OK)

    # --- proofs and credentials -------------------------------------------------------------
    v = copy.deepcopy(vp)
    vp_credential(v)["proof"]["type"] = "bbsblssignatureproof2020"
    hx_json("proof-type-lowercase.json", tc_with_vp(v), TC, ["proof.unsupported_type"],
            "resultVp proof type `bbsblssignatureproof2020` (a known suite, wrong case)",
            policy=TC_POLICY)
    c = copy.deepcopy(ld_vc)
    unknown = dict(c["proof"], type="Ed25519Signature2099")
    c["proof"] = [c["proof"], unknown]
    hx_json("proof-set-one-unknown.json", c, O, ["proof.unsupported_type", "proof.not_checked"],
            "ed25519signature2020-signed.json with a proof set: its proof (verifies; its non-DID issuer cannot be bound without a controller document) and one of type "
            "`Ed25519Signature2099`")
    u, _ = hopae_variant()
    creds = u["provenance"]["presentation"]["credentials"]
    creds.extend(copy.deepcopy(creds[0]) for _ in range(32))
    hx_json("hopae-credentials-33.json", u, H, ["limit.credentials"],
            "Hopae userinfo with 33 upstream credentials (limit 32)")

    # --- assurance level --------------------------------------------------------------------
    for level in (0, 6):
        u, _ = hopae_variant()
        u["hopae_loa"] = level
        hx_json(f"hopae-loa-{level}.json", u, H, ["field.invalid"],
                f"hopae_loa {level} (levels are 1 to 5), acr and label still level 3")
    u, _ = hopae_variant()
    u["acr"] = "http://eidas.europa.eu/LoA/substantial"
    hx_json("acr-other-scheme.json", u, H, ["field.invalid"],
            "acr `http://eidas.europa.eu/LoA/substantial` (eIDAS, not urn:hopae:loa:N)")
    u, _ = hopae_variant()
    u["acr"] = "urn:hopae:loa:+3"
    hx_json("acr-plus-sign.json", u, H, ["field.invalid"],
            "acr `urn:hopae:loa:+3`", unsure="a sign is no part of `urn:hopae:loa:N`; "
            "an identifier compared by value must be spelled exactly")

    # --- not a result at all ----------------------------------------------------------------
    hx_bytes("empty.json", b"", O, ["input.empty"], "zero bytes")
    hx_bytes("whitespace-only.json", b" \t\r\n  \n", O, ["input.empty"],
             "only JSON whitespace")
    hx_bytes("whitespace-form-feed.json", b"\x0c\x0b\n", O, ["input.json_syntax"],
             "form feed and vertical tab: not JSON whitespace")
    hx_bytes("bare-array.json", ("[" + inc_compact + "]\n").encode(), O,
             ["input.unknown_format"], "Incode finish-approved inside a JSON array")
    hx_bytes("json-string-not-jwt.json", b'"hello world"\n', O, ["input.unknown_format"],
             "a JSON string that is not a JWT")
    hx_bytes("null.json", b"null\n", O, ["input.unknown_format"], "`null`")
    hx_bytes("empty-object.json", b"{}\n", O, ["input.unknown_format"], "`{}`")
    hx_bytes("bare-number.json", b"4\n", O, ["input.unknown_format"],
             "`4` (a bare number)")

    # Percent-escapes that do not decode to UTF-8 in a signed JSON-LD credential: iref and pct-str
    # (under json-ld) panic on them when they hash an IRI (found by the ld_proof fuzz target).
    rdfc = read_json("ld/vc-di-eddsa/eddsa-rdfc-2022-signed.json")
    rdfc_policy = {"did_docs": ["dids/vc-example-issuer.json"]}
    bad_id = copy.deepcopy(rdfc)
    bad_id["credentialSubject"]["id"] = "https://example.com/caf%E9"
    hx_json("ld-id-non-utf8-percent-escape.json", bad_id, O, ["field.invalid"],
            "credentialSubject.id with %E9 (Latin-1, not UTF-8): a specific error, no dependency panic",
            policy=rdfc_policy)
    bad_ctx = copy.deepcopy(rdfc)
    bad_ctx["@context"] = ["https://www.w3.org/ns/credentials/v2", "https://example.com/ctx%FF"]
    hx_json("ld-context-url-non-utf8-percent-escape.json", bad_ctx, O, ["field.invalid"],
            "a context URL with %FF", policy=rdfc_policy)

    # Work a small JSON-LD document can ask for (issue: bounded time and memory; README "Bounded
    # work"): the signed vc-di-eddsa credential with its subject replaced, so the proof fails if
    # the work is done. Each is refused with its limit's code before the work it bounds;
    # benches/hostile_bounds.py holds every one to 1 s of CPU and 256 MiB in a release build.
    def ld_hostile(name, subject, codes, exercises, context=None, policy=None, pretty=False):
        doc = copy.deepcopy(rdfc)
        doc["credentialSubject"] = subject
        if context is not None:
            doc["@context"] = context
        p = dict(rdfc_policy, **(policy or {}))
        if pretty:
            hx_json(name, doc, O, codes, exercises, policy=p)
        else:
            hx_bytes(name, json.dumps(doc, separators=(",", ":")).encode() + b"\n", O, codes, exercises, policy=p)

    me = "did:example:abcdefgh"

    def clique(n):
        return [{"id": f"_:c{i}", "knows": [{"id": f"_:c{j}"} for j in range(n) if j != i]} for i in range(n)]

    ld_hostile("ld-blank-node-clique-10.json", {"id": me, "knows": clique(10)}, ["limit.work"],
               "10 blank nodes all linked to each other (the W3C poison graph's shape): RDFC-1.0 "
               "would try 9! permutations per call; refused before the first")
    ld_hostile("ld-blank-node-clique-80.json", {"id": me, "knows": clique(80)}, ["limit.work"],
               "an 80-node blank-node clique (96 KB): 17.5 s before the work budget")
    ld_hostile("ld-identical-blank-nodes-900.json", {"id": me, "knows": [{"name": "x"} for _ in range(900)]},
               ["proof.invalid"],
               "900 identical blank nodes: one \"hash N-degree quads\" call each, cheap ones; "
               "within the budget, canonicalised, and the proof fails")
    def cliques(n, copies):
        return [{"id": f"_:k{c}x{i}", "knows": [{"id": f"_:k{c}x{j}"} for j in range(n) if j != i]}
                for c in range(copies) for i in range(n)]

    ld_hostile("ld-blank-node-cliques-3x300.json", {"id": me, "knows": cliques(3, 300)}, ["proof.invalid"],
               "300 identical 3-node blank-node cliques: \"hash N-degree quads\" runs, within the "
               "budget, and the proof fails")
    ld_hostile("ld-blank-node-cliques-5x4.json", {"id": me, "knows": cliques(5, 4)}, ["limit.work"],
               "four identical 5-node cliques: more calls than the budget pays for at their bound "
               "(the bound is conservative: rdf-canon alone takes 0.03 s)")
    near = copy.deepcopy(rdfc)
    near["credentialSubject"] = {"id": me, "knows": [f"v{i}" for i in range(9000)]}
    near["proof"] = [rdfc["proof"]] * 8
    hx_bytes("ld-proof-set-9000-values.json", json.dumps(near, separators=(",", ":")).encode() + b"\n", O,
             ["proof.invalid", "limit.work"],
             "9 000 statements under a proof set of 8: each proof canonicalises the document; the "
             "budget, one per verification, pays for two", policy=rdfc_policy)
    ld_hostile("ld-blank-nodes-5001.json", {"id": me, "knows": [{} for _ in range(5001)]},
               ["limit.blank_nodes"], "5 001 empty node objects, a blank node each (limit 5 000)")
    ld_hostile("ld-blank-nodes-80000.json", {"id": me, "knows": [{"n": i} for i in range(80000)]},
               ["limit.work"], "80 000 small blank nodes in 950 KB (9 s and 790 MB before the budget): "
               "refused before expansion")
    ld_hostile("ld-statements-10001.json", {"id": me, "knows": [f"v{i}" for i in range(10001)]},
               ["limit.statements"], "10 001 values of one property: over 10 000 statements")
    ld_hostile("ld-nodes-49000.json", {"id": me, "knows": [{"id": f"urn:x:{i}"} for i in range(49000)]},
               ["limit.work"], "49 000 small nodes (1 MB): refused before expansion")
    ld_hostile("ld-values-dense.json", {"id": me, "knows": [1] * 400000},
               ["limit.work"], "400 000 one-digit values in 800 KB: refused before expansion")
    ld_hostile("ld-type-scoped-20000.json", {"id": me, "knows": [{"type": "VerifiableCredential"} for _ in range(20000)]},
               ["limit.work"],
               "20 000 nodes typed VerifiableCredential, whose type-scoped context (17 terms) is "
               "processed for each: charged per node, refused before expansion")
    ld_hostile("ld-list-3000.json", {"id": me, "p": {"@list": [1] * 3000}}, ["ld.keyword"],
               "`@list` of 3 000 equal values (7.6 s and 1.3 GB in a former canonicaliser)")
    proofs = copy.deepcopy(rdfc)
    proofs["proof"] = [rdfc["proof"]] * 1500
    hx_bytes("ld-proofs-1500.json", json.dumps(proofs, separators=(",", ":")).encode() + b"\n", O, ["limit.proofs"],
             "a proof set of 1 500 copies of the proof", policy=rdfc_policy)
    # The caller's own contexts are bounded too: a supplied context of 5 000 terms, and one whose
    # type carries a scoped context of 3 000 terms, used on 400 nodes.
    big_terms = {f"t{i}": f"urn:t:{i}" for i in range(5000)}
    aux_text(d + "ld-context-5000-terms.jsonld", dump_pretty({"@context": big_terms}))
    ld_hostile("ld-context-over-term-limit.json", {"id": me, "t1": "x"}, ["limit.term_definitions"],
               "a supplied context (served by the caller) defining 5 000 terms (limit 4 096)",
               context=["https://www.w3.org/ns/credentials/v2", "https://vpcheck.example/big/v1"],
               policy={"contexts": {"https://vpcheck.example/big/v1": "hostile/ld-context-5000-terms.jsonld"}}, pretty=True)
    scoped_ctx = {"Big": {"@id": "urn:Big", "@context": {f"s{i}": f"urn:s:{i}" for i in range(3000)}},
                  "items": {"@id": "urn:items"}}
    aux_text(d + "ld-context-scoped-3000.jsonld", dump_pretty({"@context": scoped_ctx}))
    ld_hostile("ld-type-scoped-supplied.json", {"id": me, "items": [{"type": "Big"} for _ in range(400)]},
               ["limit.work"],
               "a supplied context whose type `Big` scopes 3 000 terms, on 400 nodes: 1.2 million "
               "term definitions to process, refused before expansion",
               context=["https://www.w3.org/ns/credentials/v2", "https://vpcheck.example/scoped/v1"],
               policy={"contexts": {"https://vpcheck.example/scoped/v1": "hostile/ld-context-scoped-3000.jsonld"}})

    # Signed tokens against the fixed issuer key set: what a key id, an embedded key or an HMAC
    # algorithm can make a careless verifier do. Signed with test-vectors/keys (RFC 8032 EdDSA is
    # deterministic, HMAC too), so the files reproduce byte for byte.
    iss_key = load_key("issuer-ed25519")
    t0 = unix(O) - 600
    claims = {"iss": "did:example:issuer", "sub": "did:example:holder", "aud": "https://verifier.example",
              "iat": t0, "nbf": t0, "exp": t0 + 3600, "nonce": "c-7f2a"}
    jwks = {"issuer_jwks": {"did:example:issuer": ["keys/issuer.jwks.json"]}, "audience": "https://verifier.example",
            "nonce": "c-7f2a"}

    def hx_jws(name, header, key, codes, exercises, policy=None):
        hx_bytes(name, (sign_jws(header, claims, key) + "\n").encode(), O, codes, exercises,
                 policy=jwks if policy is None else policy)

    hx_jws("kid-path-traversal.jwt", {"alg": "EdDSA", "kid": "../../../../etc/passwd"}, iss_key, ["key.not_found"],
           "kid is a path: it only ever names a key of the supplied set, never a file")
    hx_jws("kid-url.jwt", {"alg": "EdDSA", "kid": "https://attacker.example/jwks.json#k"}, iss_key, ["key.not_found"],
           "kid is a URL: never fetched")
    hx_jws("kid-nul-suffix.jwt", {"alg": "EdDSA", "kid": "did:example:issuer#key-1\u0000"}, iss_key, ["key.not_found"],
           "the issuer's kid with a NUL appended: no truncating match")
    # An Ed25519 key in no key set: its seed is a hash of a fixed string.
    attacker_key = _crypto()[3].Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"vpcheck attacker").digest())
    hx_jws("jwk-header-attacker-key.jwt",
           {"alg": "EdDSA", "jwk": public_jwk(attacker_key, "attacker")}, attacker_key, ["signature.invalid"],
           "signed by a key embedded in the header (jwk), in no key set: the header's key is never trusted")
    rsa_key = load_key("hopae-rs256-other")
    rsa_pub = compact(public_jwk(rsa_key, "rsa-signer-1")).encode()
    hx_jws("hs256-rsa-public-key-as-secret.jwt", {"alg": "HS256", "kid": "rsa-signer-1"}, rsa_pub, ["key.alg_mismatch"],
           "HS256 keyed with the RSA public key's JWK text; the kid selects the RSA key")
    hx_jws("hs256-with-ed25519-kid.jwt", {"alg": "HS256", "kid": "did:example:issuer#key-1"},
           b"did:example:issuer#key-1", ["key.alg_mismatch"],
           "HS256 naming the Ed25519 key: an asymmetric key is never an HMAC secret")


# ---------------------------------------------------------------------------
# accepted formats, unsigned formats, expectations no check judged
# ---------------------------------------------------------------------------

def formats_and_expectations() -> None:
    """The policy names the formats it accepts; formats that carry no signature are accepted only
    with `allow_unsigned_formats`; an expectation no check of the detected format judged is
    `policy.unconsumed`. Existing files, judged under other policies."""
    def fx(file, now, codes, exercises, policy):
        expect(file, now, codes, source=GEN + " (an existing vector under another policy)",
               exercises=exercises, policy=policy)

    # Unsigned formats without the opt-in: could not check, whatever their own checks say.
    fx("trinsic-sessions/result-success.json", NOW_TRINSIC_SESSIONS, ["format.unsigned"],
       "sessions API result, done & success: unsigned, and the policy does not accept unsigned formats", {})
    fx("trinsic-sessions/result-success.json", NOW_TRINSIC_SESSIONS, ["format.unsigned"],
       "the policy names trinsic-session-result among the formats it accepts, but not unsigned formats",
       {"accept_formats": ["trinsic-session-result"]})
    fx("incode/finish-approved.json", NOW_OTHER, ["format.unsigned"],
       "Incode approved / OK: unsigned, and the policy does not accept unsigned formats", {})
    fx("vendors/hopae-verification-completed.json", NOW_HOPAE, ["format.unsigned"],
       "Hopae verification status `completed`: unsigned, and the policy does not accept unsigned formats", {})
    fx("regula/session.json", NOW_OTHER, ["format.unsigned", "state.not_checkable"],
       "Regula session: unsigned, and its status cannot be judged either", {})
    # The downgrade: a policy built for a signed token, handed an unsigned vendor status.
    signed_token = {"issuer_jwks": {"did:example:issuer": ["keys/issuer.jwks.json"]}, "audience": "https://verifier.example",
                    "nonce": "c-7f2a", "issuer": "did:example:issuer", "typ": "JWT",
                    "require_holder_binding": True, "require_evidence_signatures": True,
                    "require_status": True}
    fx("incode/finish-approved.json", NOW_OTHER, ["format.unsigned", "policy.unconsumed"],
       "a signed-token policy (keys, audience, nonce, issuer, typ, holder binding, evidence "
       "signatures, status) given an unsigned Incode result: none of it judged", signed_token)
    fx("incode/finish-approved.json", NOW_OTHER, ["policy.unconsumed"],
       "the same, unsigned formats accepted: the expectations are still judged by nothing",
       dict(signed_token, allow_unsigned_formats=True))
    fx("trinsic-sessions/result-success.json", NOW_TRINSIC_SESSIONS, ["format.unsigned", "policy.unconsumed"],
       "a signed-token policy given an unsigned Trinsic sessions result", signed_token)
    # Formats outside the accepted ones.
    jwt_policy = {"issuer_jwks": {"did:example:issuer": ["keys/issuer.jwks.json"]}, "audience": "https://verifier.example", "nonce": "c-7f2a"}
    fx("jwt-signed/eddsa-valid.jwt", NOW_OTHER, [],
       "the policy accepts jws only, and the result is one", dict(jwt_policy, accept_formats=["jws"]))
    fx("jwt-signed/eddsa-valid.jwt", NOW_OTHER, ["format.not_accepted"],
       "a valid JWT, but the policy accepts JSON-LD presentations only",
       dict(jwt_policy, accept_formats=["json-ld-presentation"]))
    # Expectations the detected format never judges.
    fx("jwt-signed/eddsa-valid.jwt", NOW_OTHER, [],
       "typ JWT expected, and the bare JWT's protected header carries it", dict(jwt_policy, typ="JWT"))
    fx("jwt-signed/eddsa-valid.jwt", NOW_OTHER, ["policy.unconsumed"],
       "holder binding required of a plain JWT: only a presentation binds a holder",
       dict(jwt_policy, require_holder_binding=True))
    fx("hopae-signed/userinfo-valid.json", NOW_HOPAE, ["policy.unconsumed"],
       "audience and nonce expected of Hopae userinfo without its ID token: only the ID token carries them",
       {**HOPAE_KEYS, **UPSTREAM_KEYS, "audience": HOPAE_CLIENT, "nonce": HOPAE_NONCE})
    fx("ld/vc-di-eddsa/eddsa-jcs-2022-signed.json", NOW_OTHER, ["policy.unconsumed"],
       "an expected issuer and holder binding of a bare JSON-LD credential: its issuer is bound to "
       "its proof's key, not compared with the issuer tokens addressed to the caller carry, and "
       "nothing binds a holder", {"did_docs": ["dids/vc-example-issuer.json"],
                                  "issuer": "https://vc.example/issuers/5678", "require_holder_binding": True})


# ---------------------------------------------------------------------------
# expected.json and README.md
# ---------------------------------------------------------------------------

README_HEAD = """\
# vpcheck test vectors

**This file, `expected.json` and every file marked "generated by generate.py" are written by
`generate.py`** (Python 3.11, standard library only, deterministic). Edit the generator, then run
`python3 test-vectors/generate.py` from the repository root; it reproduces them byte-for-byte.
The copied files (`vendors/`, `ld/ed25519signature2020-signed.json`,
`jwt/credential-jose-minimal.jwt`) are verbatim copies of third-party files (each row's source
names its upstream: a vendor's public API docs or a public repository; the upstream commit was not
recorded) and are only read by the generator. `external/` holds third-party test suites copied
verbatim (source, commit and licence in each one's README.md), each run by its own harness in
`tests/` with an asserted list of known divergences, and not listed here: `external/rdf-canon/` (W3C RDFC-1.0,
`tests/rdf_canon_suite.rs`), `external/JSONTestSuite/` (nst/JSONTestSuite's `test_parsing/`
y_/n_/i_ files, through the JSON layer, `tests/json_test_suite.rs`) and `external/json-ld-api/`
(W3C JSON-LD 1.1 API, its `expand` and `toRdf` manifests, `tests/jsonld_suite.rs`).

**The JWT signatures in the generated vectors are filler** unless signed with the fixed keys of
`keys/` (`hopae-signed/`, `jwt-signed/` and the signed tokens of `hostile/`): a filler signature
is a SHA-256 chain over the JWS signing input, cut to the algorithm's length (256 bytes for
RS256), so the token is well-formed compact JWS but not validly signed by any key. The Trinsic `resultVp` credentials edited here (issuer, proof type, proof removed,
expiryDate) no longer match their BBS+ proof either; that proof cannot be checked anyway (the
issuer key is not public).

## trinsic-bbs/ (written by `cargo run --example trinsic_vectors`)

Trinsic-shaped BBS+ vectors made with two fixed BLS12-381 issuer keys (seeds in
`examples/trinsic_vectors.rs`): `IdentityDocument_v0` credentials signed with
`BbsBlsSignature2020`, selective-disclosure `BbsBlsSignatureProof2020` proofs derived from them
with the session id as nonce, each in a Trinsic Connect session envelope; the issuers' did:web
documents; Revocation List 2020 and StatusList2021 credentials signed by the issuer. Negatives
beside the positives: a changed claim, a claim added back, a proof for another session, a nonce
rewritten after derivation, another issuer's key, a truncated and a bit-flipped proof value, a
header claiming one message more than was signed, revoked and suspended credentials, status lists
of another issuer or with a forged signature, a tampered second credential, derived proofs that
withhold `credentialStatus` or the document's `expiryDate` (could not check unless the policy
accepts them withheld), two valid credentials about two people (and, as the control, about one).
BBS+ is randomised, so the generator does not reproduce the bytes; it checks each case against
the library instead, and CI runs it into a scratch directory. Its cases are in
`trinsic-bbs/expected.json` (same schema, plus `status_lists`, `require_status`,
`allow_withheld` and `message`, text an error message must contain).

## expected.json

An array with one entry per vector file:
`{"file", "now", "policy", "verdict", "codes"}`. `file` is relative to `test-vectors/`; `now` is
the instant to verify at; `policy` holds only the options a case needs (`session_id`, `min_loa`,
`max_age_seconds`, `external_user_id`, keys, `audience`, `issuer`, `nonce`, `typ`, ...,
`accept_formats`, `allow_unsigned_formats`: the names `tests/vectors.rs` reads); `codes` are the
expected error codes, in any order. `verdict` is `rejected` if any code outside `COULD_NOT_CHECK`
(generate.py: `proof.not_checked`, `signature.not_checked`, `state.not_checkable`,
`key.not_found`, `context.unavailable`, `ld.withheld`, `format.unsigned`, `policy.unconsumed`)
is present, else `unchecked` if one of those is, else `verified`.

The vectors of formats that carry no signature (the Trinsic sessions API, Hopae verification
status objects, Incode, Regula) carry `allow_unsigned_formats: true`, so that they test their own
checks; without it they are `format.unsigned` (could not check). The cases of
`formats_and_expectations()` judge existing files under other policies: unsigned formats without
the opt-in, formats outside `accept_formats`, and expectations the detected format never judges
(`policy.unconsumed`).

Instants: Trinsic Connect `2023-09-08T20:00:00Z`; Trinsic sessions API `2024-08-01T16:00:00Z`;
Hopae (generated and copied) `2025-10-28T06:30:00Z`; everything else, including the copied
Trinsic files, `2025-01-01T00:00:00Z`.
Trinsic Connect sessions use the policy `session_id` =
`urn:trinsic:idvsession:051e040a-29b9-46d0-a6ce-54140289cae0`, except
`session-other-session-id.json` (no policy session id: the mismatch is between envelope and nonce).

Signatures are not checked in this build: JSON-LD documents with a known proof carry
`proof.not_checked`, JWTs `signature.not_checked`; a Hopae evidence `id_token` without keys is
skipped (no code). Codes marked † are best guesses; see "Judgement calls" below.

## Hostile catalogue

`hostile/` (written by `hostile()`) holds one hostile input per file, named for what it
exercises: duplicate members (top level, seven levels down, an escaped spelling, two spellings of
one proto3 field, inside `resultVp`, a JWS header and a JWS payload), nesting at and past the
depth limit, input at and past 1 MiB, invalid UTF-8, byte order marks, trailing bytes,
non-canonical base64url, `alg: none`, odd JWS headers, `kid` path traversal, URL and NUL
strings, a key embedded in the header, HS256 keyed with an RSA public key or naming an Ed25519 key, evidence `names` mismatches and limits,
session binding, timestamps just past their boundaries, mistyped members, unknown enum values,
empty ids, unknown proof types, assurance levels out of range, and inputs that are no result at
all. Each mutates one valid vector (`hopae/userinfo-valid.json`,
`trinsic-connect/session-success.json`, `trinsic-sessions/result-success.json`,
`incode/finish-approved.json`, `jwt/credential-jose-minimal.jwt`, for the proof set
`ld/ed25519signature2020-signed.json`) so that exactly one thing is wrong, and is verified at that
vector's instant and policy (`2025-01-01T00:00:00Z` for inputs that are no result). Files whose
bytes Python's json module cannot express (duplicates, BOM, bad UTF-8, trailing bytes) are written
raw. Unlike the other directories, the codes here are not the library's answer: they are what a
strict, fail-closed verifier must answer, decided from the error table of the repository README
before the library was run. Where the library disagrees, `tests/vectors.rs` fails on purpose
until the library, or after review the expectation, changes; the notes marked † below give the
reasoning where an expectation is open to debate.

## Files

| file | source | exercises | now | verdict | codes |
|---|---|---|---|---|---|
"""


def md(s: str) -> str:
    return s.replace("|", "\\|")


def write_outputs() -> None:
    entries = sorted(ENTRIES, key=lambda e: e["file"])
    public = [{k: e[k] for k in ("file", "now", "policy", "verdict", "codes")}
              for e in entries]
    write_json("expected.json", public)

    lines = [README_HEAD]
    for e in entries:
        codes = ", ".join(f"`{c}`" for c in e["codes"]) or "(none)"
        if e["_unsure"]:
            codes += " †"
        lines.append(f"| `{e['file']}` | {md(e['_source'])} | {md(e['_exercises'])} | "
                     f"{e['now']} | {e['verdict']} | {codes} |\n")
    lines.append("\n## Judgement calls (†)\n\nCases whose outcome was an open question when the vector was written. Outside `hostile/` the\noutcome in the table is the library's answer, pinned by `tests/vectors.rs`; in `hostile/` it is the\nstrict answer (see the hostile catalogue). The note says what the alternative was.\n\n")
    for e in entries:
        if e["_unsure"]:
            lines.append(f"- `{e['file']}`: {e['_unsure']}.\n")
    write_text("README.md", "".join(lines))


def check_coverage() -> None:
    """Every file under test-vectors/ (except the generator's own outputs) has an entry."""
    listed = {e["file"] for e in ENTRIES}
    on_disk = {p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*") if p.is_file()}
    on_disk -= {"generate.py", "expected.json", "README.md"}
    on_disk -= AUX
    # keys/*.pem are the fixed test keys; jose/ outside vc-jose-cose runs through tests/jose.rs;
    # external/ holds third-party suites copied verbatim, each run by its own harness in tests/
    # with its list of known divergences (external/*/README.md names the source and licence).
    on_disk = {p for p in on_disk if "__pycache__" not in p and not p.endswith(".pem") and not p.endswith(".md")
               and not (p.startswith("jose/") and not p.startswith("jose/vc-jose-cose/"))
               and not p.startswith("trinsic-bbs/") and not p.startswith("external/")}
    missing = on_disk - listed
    assert not missing, f"files without an expected.json entry: {sorted(missing)}"


def main() -> None:
    copied_vectors()
    trinsic_connect()
    trinsic_sessions()
    hopae()
    incode_regula()
    generic()
    signed_keys()
    hopae_signed()
    webhook_vectors()
    jwt_signed()
    vc_di_eddsa()
    bbs2020_vectors()
    vc_jose_cose()
    hostile()
    formats_and_expectations()
    check_coverage()
    write_outputs()


if __name__ == "__main__":
    main()

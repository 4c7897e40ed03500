#!/usr/bin/env python3
"""Generate vpcheck's constructed test vectors, expected.json and README.md.

Run from anywhere (paths are relative to this file's directory):

    python3 test-vectors/generate.py

Python 3.11, standard library only, deterministic: no randomness, no clock.
Re-running reproduces every generated file byte-for-byte.

Inputs are the verbatim copies already under test-vectors/ (vendors/, ld/,
jwt/credential-jose-minimal.jwt); they are read, never written.

JWS signatures written here are FILLER: a SHA-256 chain over the signing input,
cut to the algorithm's signature length. The tokens are well-formed compact JWS
but not validly signed by any key.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent

# Verification instants, one per family.
NOW_TRINSIC_CONNECT = "2023-09-08T20:00:00Z"
NOW_TRINSIC_SESSIONS = "2024-08-01T16:00:00Z"
NOW_HOPAE = "2025-10-28T06:30:00Z"
NOW_OTHER = "2025-01-01T00:00:00Z"

# Codes that mean "could not check"; every other code rejects.
COULD_NOT_CHECK = {"proof.not_checked", "signature.not_checked", "state.not_checkable"}

KNOWN_CODES = {
    "input.duplicate_member", "input.unknown_format", "field.missing", "field.invalid",
    "session.incomplete", "session.failed", "session.unknown_state", "session.result_missing",
    "session.inconsistent", "verification.failed", "evidence.missing_key",
    "evidence.undeclared_key", "evidence.duplicate_name", "evidence.empty_name",
    "jws.malformed", "jws.alg_none", "time.order", "time.expired", "time.not_yet_valid",
    "time.document_expired", "binding.session_id", "binding.issuer",
    "binding.assurance_level", "proof.missing", "proof.unsupported_type",
    "proof.not_checked", "signature.not_checked", "state.not_checkable",
}

SHARED = "../shared/vectors"

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


def expect(file: str, now: str, codes: list[str], *, source: str, exercises: str,
           policy: dict | None = None, unsure: str | None = None) -> None:
    for c in codes:
        assert c in KNOWN_CODES, c
    assert (ROOT / file).is_file(), file
    assert file not in {e["file"] for e in ENTRIES}, file
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
    src = f"copied from {SHARED}/vendors/"
    hopae = "; upstream: Hopae public API docs (per the shared README)"
    trinsic_api = "; upstream: Trinsic generated OpenAPI example (per the shared README)"
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
    expect(v + "hopae-verification-completed.json", NOW_HOPAE, [],
           source=src + "hopae-verification-completed.json" + hopae,
           exercises="verification status `completed` (its session expiresAt is past `now`: "
                     "it bounds the flow, not the result)")
    expect(v + "hopae-verification-created.json", NOW_HOPAE, ["session.incomplete"],
           source=src + "hopae-verification-created.json" + hopae,
           exercises="verification status `initiated`",
           unsure="its expiresAt (2025-08-06) is before `now`; a library that also compares "
                  "a pending verification's expiresAt with `now` would add time.expired")
    expect(v + "hopae-verification-legacy.json", NOW_HOPAE, [],
           source=src + "hopae-verification-legacy.json" + hopae,
           exercises="older verification shape (authorizationCode, verifiedAttributes)")
    expect(v + "trinsic-connect-result-vp.json", NOW_OTHER, ["proof.not_checked"],
           source=src + "trinsic-connect-result-vp.json; upstream: Trinsic Connect docs "
                        "(result_vp example, per the shared README)",
           exercises="bare result_vp JSON-LD VP, BbsBlsSignatureProof2020 (issuer key not "
                     "public); document expiryDate 2026-07-23 not reached")
    expect(v + "trinsic-connect-session-rest-example.json", NOW_OTHER, ["session.incomplete"],
           source=src + "trinsic-connect-session-rest-example.json" + trinsic_api,
           exercises="placeholder `\"\"` enums treated as absent, so state IDV_CREATED")
    expect(v + "trinsic-session-v3.json", NOW_OTHER, [],
           source=src + "trinsic-session-v3.json" + trinsic_api,
           exercises="sessions API session, done & success, `errorCode: \"\"` as absent, "
                     "no identityData")
    expect(v + "trinsic-widget-create-response.json", NOW_OTHER, ["input.unknown_format"],
           source=src + "trinsic-widget-create-response.json" + trinsic_api,
           exercises="create-session response: not a result")
    expect("ld/ed25519signature2020-signed.json", NOW_OTHER, ["proof.not_checked"],
           source=f"copied from {SHARED}/jose/vc-di-eddsa/Ed25519Signature2020/signedEdSig.json; "
                  "the shared README names no upstream for jose/: apparently the W3C vc-di-eddsa "
                  "test vector TestVectors/Ed25519Signature2020/signedEdSig.json (w3c/vc-di-eddsa; "
                  "this copy's verificationMethod and proofValue are from another revision)",
           exercises="Data Integrity VC with a known suite; signature not checked in this build")
    expect("jwt/credential-jose-minimal.jwt", NOW_OTHER, ["signature.not_checked"],
           source=f"copied from {SHARED}/jose/vc-jose-cose/credential-jose-minimal.txt; "
                  "the shared README names no upstream for jose/: apparently the W3C "
                  "vc-jose-cose test-suite input tests/input/credential-jose-minimal.txt "
                  "(w3c/vc-jose-cose-test-suite; this copy's signature is from another revision)",
           exercises="ES256 vc+jwt; note `iat` is an RFC 3339 string, not a NumericDate",
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

    ok = ["proof.not_checked"]
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
       ["verification.failed", "proof.not_checked"],
       "IDV_SUCCESS while its only verification is VERIFICATION_FAILED",
       unsure="could be reported as session.inconsistent instead of / besides "
              "verification.failed")

    tc("session-success-no-result.json", tc_envelope(None), ["session.result_missing"],
       "IDV_SUCCESS without resultVp")

    tc("session-updated-before-created.json", tc_envelope(vp, updated="1694201700"),
       ["time.order", "proof.not_checked"], "session updated 1694201700 < created 1694201800")

    tc("session-verification-begun-after-updated.json",
       tc_envelope(vp, verification=tc_verification(begun="1694201891")),
       ["time.order", "proof.not_checked"],
       "verification begun 1694201891 > its updated 1694201890")

    tc("session-other-session-id.json", tc_envelope(vp, session_id=TC_OTHER_ID),
       ["binding.session_id", "proof.not_checked"],
       "envelope id differs from the session id in the proof nonce (no policy session_id)",
       policy={})

    vp_issuer = copy.deepcopy(vp)
    vp_issuer["verifiableCredential"][0]["issuer"] = "did:web:evil.example"
    tc("session-issuer-mismatch.json", tc_envelope(vp_issuer),
       ["binding.issuer", "proof.not_checked"],
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
       ["time.document_expired", "proof.not_checked"],
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
               unsure=unsure)

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
        "iss": "https://oidc.smart-id.example",
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

    def hp(name, obj, codes, exercises, unsure=None):
        write_json(d + name, obj)
        expect(d + name, NOW_HOPAE, codes, source=GEN, exercises=exercises, unsure=unsure)

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
       "verification status `failed` (otherwise the completed example)")
    v = copy.deepcopy(ver)
    v["status"] = "expired"
    hp("verification-expired.json", v, ["session.failed"],
       "verification status `expired` (otherwise the completed example)",
       unsure="a terminal `expired` status could map to time.expired or "
              "session.incomplete instead of session.failed")


# ---------------------------------------------------------------------------
# Incode, Regula
# ---------------------------------------------------------------------------

def incode_regula() -> None:
    d = "incode/"

    def ic(name, obj, codes, exercises, unsure=None):
        write_json(d + name, obj)
        expect(d + name, NOW_OTHER, codes, source=GEN, exercises=exercises, unsure=unsure)

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
           policy={"external_user_id": "user-42"},
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
# expected.json and README.md
# ---------------------------------------------------------------------------

README_HEAD = """\
# vpcheck test vectors

**This file, `expected.json` and every file marked "generated by generate.py" are written by
`generate.py`** (Python 3.11, standard library only, deterministic). Edit the generator, then run
`python3 test-vectors/generate.py` from the repository root; it reproduces them byte-for-byte.
The copied files (`vendors/`, `ld/ed25519signature2020-signed.json`,
`jwt/credential-jose-minimal.jwt`) are verbatim copies of `../shared/vectors/` files and are only
read by the generator.

**The JWT signatures in the generated vectors are filler**: each is a SHA-256 chain over the JWS
signing input, cut to the algorithm's length (256 bytes for RS256). The tokens are well-formed
compact JWS but are not validly signed by any key; properly signed vectors come later, with fixed
keys. The Trinsic `resultVp` credentials edited here (issuer, proof type, proof removed,
expiryDate) no longer match their BBS+ proof either; that proof cannot be checked anyway (the
issuer key is not public).

## expected.json

An array with one entry per vector file:
`{"file", "now", "policy", "verdict", "codes"}`. `file` is relative to `test-vectors/`; `now` is
the instant to verify at; `policy` holds only the options a case needs (`session_id`, `min_loa`,
`max_age_seconds`, `external_user_id`); `codes` are the expected error codes, in any order.
`verdict` is `rejected` if any code other than `proof.not_checked`, `signature.not_checked`,
`state.not_checkable` is present, else `unchecked` if one of those is, else `verified`.

Instants: Trinsic Connect `2023-09-08T20:00:00Z`; Trinsic sessions API `2024-08-01T16:00:00Z`;
Hopae (generated and copied) `2025-10-28T06:30:00Z`; everything else, including the copied
Trinsic files, `2025-01-01T00:00:00Z`.
Trinsic Connect sessions use the policy `session_id` =
`urn:trinsic:idvsession:051e040a-29b9-46d0-a6ce-54140289cae0`, except
`session-other-session-id.json` (no policy session id: the mismatch is between envelope and nonce).

Signatures are not checked in this build: JSON-LD documents with a known proof carry
`proof.not_checked`, JWTs `signature.not_checked`; a Hopae evidence `id_token` without keys is
skipped (no code). Codes marked † are best guesses; see "Uncertain expectations" below.

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
    lines.append("\n## Judgement calls (†)\n\nCases whose outcome was an open question when the vector was written. The outcome in the table is\nthe library's answer, pinned by `tests/vectors.rs`; the note says what the alternative was.\n\n")
    for e in entries:
        if e["_unsure"]:
            lines.append(f"- `{e['file']}`: {e['_unsure']}.\n")
    write_text("README.md", "".join(lines))


def check_coverage() -> None:
    """Every file under test-vectors/ (except the generator's own outputs) has an entry."""
    listed = {e["file"] for e in ENTRIES}
    on_disk = {p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*") if p.is_file()}
    on_disk -= {"generate.py", "expected.json", "README.md"}
    on_disk = {p for p in on_disk if "__pycache__" not in p}
    missing = on_disk - listed
    assert not missing, f"files without an expected.json entry: {sorted(missing)}"


def main() -> None:
    copied_vectors()
    trinsic_connect()
    trinsic_sessions()
    hopae()
    incode_regula()
    generic()
    check_coverage()
    write_outputs()


if __name__ == "__main__":
    main()

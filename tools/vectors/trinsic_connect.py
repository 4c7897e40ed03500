"""trinsic-connect/: Trinsic Connect `IDVSession` envelopes around the copied result_vp
(vendors/trinsic-connect-result-vp.json)."""

from __future__ import annotations

import copy
import re

from .common import (GEN, NOW_TRINSIC_CONNECT, compact, dump_pretty, expect, read_json, write_json,
                     write_text)


TC_SESSION_ID = "urn:trinsic:idvsession:051e040a-29b9-46d0-a6ce-54140289cae0"
TC_OTHER_ID = "urn:trinsic:idvsession:11111111-2222-4333-8444-555555555555"
TC_POLICY = {"session_id": TC_SESSION_ID}
TC_CLIENT_TOKEN = "opaque-client-token-for-tests-only-9f3c1e"


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

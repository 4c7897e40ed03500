"""incode/ and regula/: Incode and Regula results and Incode's onboarding webhook bodies (formats
that carry no signature); incode-oidc/: Incode OIDC userinfo bound to a signed ID token."""

from __future__ import annotations

from .common import GEN, NOW_OTHER, UNSIGNED_OK, aux_text, compact, expect, unix, write_json


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

    # A positive decision must not contradict a component check the result reports.
    ic("scores-ok-face-fail.json", scores("OK", "FAIL"), ["session.inconsistent"],
       "overall OK while faceRecognition FAIL: the decision contradicts a failed component")
    approved_liveness_fail = {
        "action": "approved", "scoreStatus": "OK",
        "liveness": {"overall": {"value": "10.0", "status": "FAIL"}},
    }
    ic("approved-liveness-fail.json", approved_liveness_fail, ["session.inconsistent"],
       "action approved / OK beside liveness FAIL")
    manual = {
        "action": "approved", "scoreStatus": "MANUAL_OK",
        "liveness": {"overall": {"value": "10.0", "status": "FAIL"}},
    }
    ic("manual-ok-liveness-fail.json", manual, ["session.inconsistent"],
       "a reviewer's MANUAL_OK beside liveness FAIL, without the policy accepting the review")
    expect(d + "manual-ok-liveness-fail.json", NOW_OTHER, [], source=GEN,
           policy=dict(UNSIGNED_OK, accept_manual_review=True),
           exercises="the same, the policy accepting a recorded manual review over failed components")
    expect(d + "approved-liveness-fail.json", NOW_OTHER, ["session.inconsistent"], source=GEN,
           policy=dict(UNSIGNED_OK, accept_manual_review=True),
           exercises="accept_manual_review does not cover an automatic OK: no review is recorded")
    # proto3 JSON and REST clients may send the field names in snake_case: read alike.
    snake = {"score_status": "FAIL", "action": "approved", "interview_id": "int-1"}
    ic("finish-snake-case-fail.json", snake, ["session.failed"],
       "snake_case `score_status` FAIL: a failure is not missed because of its spelling")
    ic("scores-snake-case-ok.json",
       {"id_validation": {"overall": {"value": "100.0", "status": "OK"}},
        "face_recognition": {"overall": {"value": "95.5", "status": "OK"}},
        "overall": {"value": "100.0", "status": "OK"}},
       [], "scores in snake_case, every check OK")
    ic("finish-both-spellings.json",
       {"action": "approved", "scoreStatus": "OK", "score_status": "FAIL"},
       ["input.duplicate_member"],
       "`scoreStatus` OK beside `score_status` FAIL: one member spelled twice, refused")

    name = "regula/session.json"
    write_json(name, {"id": 4021, "status": 2, "metadata": {"externalUserId": "user-42"},
                      "properties": {}, "files": []})
    expect(name, NOW_OTHER, ["state.not_checkable"], source=GEN,
           policy=dict(UNSIGNED_OK, external_user_id="user-42"),
           exercises="integer status with undocumented meaning; externalUserId matches policy")


# Incode OIDC (incode-oidc/): userinfo bound to an ID token signed with the fixed test key
# keys/incode-rs256.pem (its public half keys/incode.jwks.json), and one failing twin per check.
NOW_INCODE = "2025-11-03T10:00:00Z"
INCODE_ISSUER = "https://auth.demo.incode.com"
INCODE_CLIENT = "vpcheck-incode-client"
INCODE_NONCE = "n-Qm9vYmFy"
INCODE_SUB = "6728f1c2a9e04b0012a3c4d5"
INCODE_KEYS = {"incode_jwks": ["keys/incode.jwks.json"]}


def incode_id_token_claims(**changes) -> dict:
    iat = unix("2025-11-03T09:58:00Z")
    c = {"iss": INCODE_ISSUER, "sub": INCODE_SUB, "aud": INCODE_CLIENT, "iat": iat,
         "exp": iat + 3600, "auth_time": iat - 30, "nonce": INCODE_NONCE,
         "given_name": "ALEJANDRA", "family_name": "GARCIA LOPEZ", "birthdate": "1990-04-12"}
    c.update(changes)
    return {k: v for k, v in c.items() if v is not None}


def incode_oidc() -> None:
    from .keys import INCODE_KID
    from .signing import b64url, load_key, sign_jws

    d = "incode-oidc/"
    key = load_key("incode-rs256")
    header = {"alg": "RS256", "kid": INCODE_KID, "typ": "JWT"}

    def token(name: str, claims: dict, hdr: dict | None = None, signer=None) -> str:
        return aux_text(f"{d}id-token-{name}.jwt",
                        sign_jws(hdr or header, claims, signer or key) + "\n")

    good = token("valid", incode_id_token_claims())
    base = {
        "sub": INCODE_SUB,
        "name": "ALEJANDRA GARCIA LOPEZ",
        "given_name": "ALEJANDRA",
        "family_name": "GARCIA LOPEZ",
        "birthdate": "1990-04-12",
        "gender": "F",
        "nationality": "MEX",
        "document_type": "ID_CARD",
        "document_number": "GALA900412MDFRPL09",
        "document_issuing_country": "MEX",
        "document_expiry_date": "2031-12-31",
    }
    full = {**INCODE_KEYS, "id_token": good, "audience": INCODE_CLIENT, "issuer": INCODE_ISSUER,
            "nonce": INCODE_NONCE}

    def io(name, obj, codes, exercises, policy=None, unsure=None):
        write_json(d + name, obj)
        expect(d + name, NOW_INCODE, codes, source=GEN + " (signed with test-vectors/keys)",
               exercises=exercises, policy=full if policy is None else policy, unsure=unsure)

    io("userinfo-valid.json", base, [],
       "userinfo bound to an RS256 ID token under the Incode key: iss, aud, nonce as expected, sub "
       "and the names and birth date the token also carries equal; the userinfo-only claims "
       "(gender, nationality, document data) are withheld and listed as unsigned")
    expect(d + "userinfo-valid.json", NOW_INCODE, [], source=GEN, policy=dict(full, allow_unsigned_claims=True),
           exercises="the same with unsigned claims accepted: the userinfo-only claims are returned, listed as unsigned")
    p = dict(full)
    del p["issuer"]
    expect(d + "userinfo-valid.json", NOW_INCODE, [], source=GEN, policy=p,
           exercises="no expected issuer: the trusted Incode keys bind it (iss must still be an https URL)")
    p = dict(full)
    del p["audience"]
    expect(d + "userinfo-valid.json", NOW_INCODE, ["jwt.audience"], source=GEN, policy=p,
           exercises="the policy names no client id, so an ID token addressed to one is refused (fail closed)")
    p = dict(full)
    del p["id_token"]
    expect(d + "userinfo-valid.json", NOW_INCODE, ["signature.not_checked", "policy.unconsumed"],
           source=GEN, policy=p,
           exercises="no ID token: the unsigned userinfo binds to nothing, so it could not be checked "
                     "(and the expected audience, issuer and nonce, which only the token carries, "
                     "were judged by nothing)")
    expect(d + "userinfo-valid.json", NOW_INCODE, ["signature.not_checked"], source=GEN,
           policy={"allow_unsigned_formats": True, "allow_unsigned_claims": True},
           exercises="no ID token, no expectations, every unsigned relaxation on: still never verified")
    p = dict(full)
    del p["incode_jwks"]
    expect(d + "userinfo-valid.json", NOW_INCODE, ["signature.not_checked"], source=GEN, policy=p,
           exercises="ID token without any Incode key: its signature could not be checked")

    u = dict(base, sub="6728f1c2a9e04b0012ffffff")
    io("userinfo-sub-differs.json", u, ["binding.subject"],
       "userinfo sub differs from the ID token's (OpenID Connect Core section 5.3.2)")
    u = dict(base, family_name="GARCIA")
    io("userinfo-claim-differs.json", u, ["binding.claims"],
       "userinfo family_name GARCIA, the signed ID token's GARCIA LOPEZ")
    for name, claims, codes, what in [
        ("aud-wrong", incode_id_token_claims(aud="another-client"), ["jwt.audience"],
         "ID token addressed to another client"),
        ("iss-wrong", incode_id_token_claims(iss="https://auth.incode.com"), ["jwt.issuer"],
         "ID token from Incode's production issuer, the policy expecting the demo one"),
        ("expired", incode_id_token_claims(iat=unix("2025-11-03T08:00:00Z"), exp=unix("2025-11-03T09:00:00Z")),
         ["time.expired"], "ID token expired at 09:00, judged at 10:00"),
        ("nonce-wrong", incode_id_token_claims(nonce="replayed-nonce"), ["jwt.nonce"],
         "ID token with another nonce (a replayed authentication)"),
        ("no-exp", incode_id_token_claims(exp=None), ["field.missing"],
         "ID token without exp (OpenID Connect Core section 2 requires it)"),
        ("no-iat", incode_id_token_claims(iat=None), ["field.missing"],
         "ID token without iat (OpenID Connect Core section 2 requires it)"),
        ("no-sub", incode_id_token_claims(sub=None), ["field.missing"],
         "ID token without sub: nothing binds the userinfo to it"),
        ("not-yet-valid", incode_id_token_claims(nbf=unix("2025-11-03T10:30:00Z")), ["time.not_yet_valid"],
         "ID token with nbf 10:30, judged at 10:00 (beyond the 60 s leeway)"),
        ("azp-other", incode_id_token_claims(azp="another-client"), ["jwt.audience"],
         "ID token whose aud names the caller but whose azp is another client (OIDC Core 3.1.3.7 step 5)"),
        ("auth-failed", incode_id_token_claims(auth_overall_status="FAIL"), ["session.failed"],
         "ID token stating auth_overall_status FAIL (the face authentication failed)"),
        ("document-signed", incode_id_token_claims(document_number="GALA900412MDFRPL09"), [],
         "ID token carrying the document number too: that claim is signed, the rest of the "
         "document data still the userinfo's alone"),
        ("document-differs", incode_id_token_claims(document_number="OTHER000000000000"), ["binding.claims"],
         "ID token carrying another document number than the userinfo"),
    ]:
        tok = token(name, claims)
        io(f"userinfo-id-token-{name}.json", base, codes, what, policy=dict(full, id_token=tok))
    tok = token("iss-http", incode_id_token_claims(iss="http://auth.demo.incode.com"))
    p = dict(full, id_token=tok)
    del p["issuer"]
    io("userinfo-id-token-iss-http.json", base, ["jwt.issuer"],
       "no expected issuer, and the ID token's iss is not an https URL: the keys bind only a "
       "well-formed issuer", policy=p)
    u = dict(base, auth_overall_status="FAIL")
    io("userinfo-auth-failed.json", u, ["session.failed"],
       "userinfo stating auth_overall_status FAIL (the ID token states none)")
    none = aux_text(d + "id-token-alg-none.jwt", b64url(b'{"alg":"none","typ":"JWT"}') + "."
                    + b64url(compact(incode_id_token_claims()).encode()) + ".\n")
    io("userinfo-id-token-alg-none.json", base, ["jws.alg_none"],
       "ID token with alg none and an empty signature", policy=dict(full, id_token=none))
    hs = token("hs256", incode_id_token_claims(), {"alg": "HS256", "kid": INCODE_KID, "typ": "JWT"},
               b"vpcheck-test-hmac-secret-32-bytes!!")
    io("userinfo-id-token-hs256.json", base, ["jws.alg_not_allowed"],
       "ID token MACed with HS256: Incode signs RS256 only", policy=dict(full, id_token=hs))
    other = token("untrusted-key", incode_id_token_claims(), signer=load_key("hopae-rs256-other"))
    io("userinfo-id-token-untrusted-key.json", base, ["signature.invalid"],
       "ID token signed by another RSA key under the Incode kid", policy=dict(full, id_token=other))
    hopae = token("hopae-key", incode_id_token_claims(), {"alg": "RS256", "kid": "hopae-test-2025", "typ": "JWT"},
                  load_key("hopae-rs256"))
    io("userinfo-id-token-hopae-key.json", base, ["key.wrong_role"],
       "ID token signed with Hopae's key, trusted for Hopae only: one vendor's key never verifies another's token",
       policy=dict(full, id_token=hopae, hopae_jwks=["keys/hopae.jwks.json"]))
    # Review 19's twins. Claims are compared as the claims they fill, so that a second spelling
    # of a member the model reads (document_expiration_date) cannot carry a second value.
    signed_expiry = token("expiry-signed", incode_id_token_claims(document_expiry_date="2031-12-31"))
    u = {k: v for k, v in base.items() if k != "document_expiry_date"}
    io("userinfo-expiry-alias-differs.json", dict(u, document_expiration_date="2099-12-31"),
       ["binding.claims"],
       "the ID token signs document_expiry_date 2031-12-31, the userinfo says 2099-12-31 under "
       "the other spelling document_expiration_date", policy=dict(full, id_token=signed_expiry))
    expired = token("expiry-expired", incode_id_token_claims(document_expiry_date="2020-01-01"))
    io("userinfo-signed-document-expired.json", u, ["time.document_expired"],
       "the ID token signs a document that expired in 2020; the userinfo leaves the date out: "
       "the signed date is judged", policy=dict(full, id_token=expired))
    io("userinfo-only-document-expired.json", dict(base, document_expiry_date="2020-01-01"),
       ["time.document_expired"],
       "the userinfo alone says the document expired in 2020: unsigned, yet judged (failing "
       "closed needs no signature)")
    at_jwt = token("typ-at-jwt", incode_id_token_claims(), {"alg": "RS256", "kid": INCODE_KID, "typ": "at+jwt"})
    io("userinfo-id-token-typ-at-jwt.json", base, ["jwt.type"],
       "an RFC 9068 access token (typ at+jwt) signed by the same key, passed as the ID token",
       policy=dict(full, id_token=at_jwt))
    multi = token("aud-several", incode_id_token_claims(aud=[INCODE_CLIENT, "another-client"]))
    io("userinfo-id-token-aud-several.json", base, ["jwt.audience"],
       "an ID token for several audiences without azp (OIDC Core 3.1.3.7 step 4)",
       policy=dict(full, id_token=multi))


def incode_onboarding() -> None:
    """Incode's onboarding-status webhook bodies: unsigned, no identity, a typed status."""
    d = "incode/"

    def ob(name, status, codes, exercises, policy=UNSIGNED_OK):
        body = {"interviewId": "6728f1c2a9e04b0012a3c4d5", "externalId": "user-42",
                "onboardingStatus": status}
        write_json(d + name, body)
        expect(d + name, NOW_OTHER, codes, source=GEN, exercises=exercises, policy=policy)

    ob("onboarding-manual-review-approved.json", "MANUAL_REVIEW_APPROVED", [],
       "onboarding webhook: a reviewer approved (no identity; verified only with unsigned formats allowed)")
    expect(d + "onboarding-manual-review-approved.json", NOW_OTHER, ["format.unsigned"], source=GEN,
           policy={}, exercises="the same without allowing unsigned formats: the webhook body is not signed")
    ob("onboarding-manual-review-rejected.json", "MANUAL_REVIEW_REJECTED", ["session.failed"],
       "onboarding webhook: a reviewer rejected")
    ob("onboarding-finished.json", "ONBOARDING_FINISHED", ["session.incomplete"],
       "onboarding webhook: the flow ended, but the body holds no decision (the scores do)")
    ob("onboarding-id-validation-finished.json", "ID_VALIDATION_FINISHED", ["session.incomplete"],
       "onboarding webhook: a step short of the end")
    ob("onboarding-unknown-status.json", "SOMETHING_NEW", ["session.unknown_state"],
       "onboarding webhook: a status this library does not know (open enum, kept and refused)")

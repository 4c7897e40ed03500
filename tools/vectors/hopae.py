"""Hopae: hopae/ (userinfo, evidence and verification status objects; every evidence `id_token`
is filler-signed), hopae-signed/ (userinfo whose evidence `id_token` is signed with the fixed test
keys, and Hopae's own ID tokens beside them) and webhook/ (HMAC-signed webhook deliveries)."""

from __future__ import annotations

import copy

from .common import (GEN, HOPAE_KEYS, NOW_HOPAE, UNSIGNED_OK, UPSTREAM_ISSUER, UPSTREAM_KEYS,
                     aux_text, compact, dump_pretty, expect, read_json, unix, write_json)
from .keys import HOPAE_KID, UPSTREAM_KID
from .signing import b64url, jws, load_key, sign_jws


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


HOPAE_ISSUER = "https://sandbox.connect.hopae.com"
HOPAE_CLIENT = "vpcheck-test-client"
HOPAE_NONCE = "n-0S6_WzA2Mj"
VERIFIED_AT = "2025-10-28T06:20:36.992Z"


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
    # The typed event, read from signed bodies only: each case with the event it must read as
    # (`event`, `known`), or the code refusing it. Hopae documents the event names, not a body:
    # these follow the verification object its API returns, and the envelope style
    # `{type, data}` its older pages describe.
    vid = "3162dd47a26b4218b5fa708761889e44"

    def signed_body(name: str, obj: dict, code, event=None, known=None, ts: int = t) -> None:
        b = compact(obj)
        aux_text(d + name, b)
        case = {"name": name.removesuffix(".json"), "header": header(ts, b), "body": d + name,
                "now": now, "code": code}
        if event is not None:
            case["event"] = event
            case["known"] = known
        cases.append(case)

    for case in cases:
        if case["code"] is None:
            case["event"] = "verification.completed"
            case["known"] = True
    signed_body("event-completed.json",
                {"event": "verification.completed", "verificationId": vid, "status": "completed",
                 "providerId": "smartid", "timestamp": "2025-10-28T06:20:37.000Z"},
                None, "verification.completed", True)
    signed_body("event-failed.json",
                {"event": "verification.failed", "verificationId": vid, "status": "failed"},
                None, "verification.failed", True)
    signed_body("event-awaiting-user-action.json",
                {"event": "verification.awaiting_user_action", "verificationId": vid,
                 "status": "pending"},
                None, "verification.awaiting_user_action", True)
    signed_body("event-legacy-envelope.json",
                {"type": "verification.workflow.cancelled",
                 "data": {"id": vid, "status": "cancelled"}},
                None, "verification.cancelled", True)
    signed_body("event-unknown.json",
                {"event": "verification.reviewed", "verificationId": vid},
                None, "verification.reviewed", False)
    # Failing twins: signed, yet not one consistent event.
    signed_body("event-contradicts-status.json",
                {"event": "verification.completed", "verificationId": vid, "status": "failed"},
                "session.inconsistent")
    signed_body("event-data-other-verification.json",
                {"event": "verification.completed", "verificationId": vid,
                 "data": {"verificationId": "0000", "status": "completed"}},
                "session.inconsistent")
    signed_body("event-no-verification.json", {"event": "verification.completed"},
                "field.missing")
    signed_body("event-status-unknown.json", {"verificationId": vid, "status": "verification.completed"},
                "session.unknown_state")
    signed_body("event-provider-differs.json",
                {"event": "verification.completed", "verificationId": vid, "providerId": "smartid",
                 "data": {"providerId": "bankidse"}},
                "session.inconsistent")
    signed_body("event-after-signature.json",
                {"event": "verification.completed", "verificationId": vid, "status": "completed",
                 "timestamp": "2025-10-28T06:22:00.000Z"},
                "time.order")
    aux_text(d + "cases.json", dump_pretty({"secret": d + "secret.txt", "cases": cases}))

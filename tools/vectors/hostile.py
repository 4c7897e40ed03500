"""hostile/: one hostile input per file, each mutating one valid vector written by the other
families (so it runs after them) so that exactly one thing is wrong."""

from __future__ import annotations

import base64
import copy
import hashlib
import json

from .common import (GEN, NOW_HOPAE, NOW_OTHER, NOW_TRINSIC_CONNECT, NOW_TRINSIC_SESSIONS, ROOT,
                     UNSIGNED_OK, aux_text, compact, dump_pretty, expect, read_json, unix,
                     write_bytes, write_json)
from .hopae import HOPAE_HEADER, HOPAE_IAT, NAMES, hopae_payload
from .signing import SIG_LEN, _crypto, b64url, filler_signature, load_key, public_jwk, sign_jws
from .trinsic_connect import TC_OTHER_ID, TC_POLICY, TC_SESSION_ID


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

    # The valid vectors mutated here, as the other families wrote them (generate() runs them first).
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

"""JWT and JOSE: jwt/ (unsigned and malformed tokens), jwt-signed/ (JWTs and VCDM 1.1/2.0
credentials and presentations signed with the fixed test keys) and jose/vc-jose-cose/ (the W3C
vc-jose-cose test-suite inputs)."""

from __future__ import annotations

from datetime import datetime, timezone

from .common import GEN, NOW_OTHER, ROOT, compact, expect, unix, write_text
from .keys import HMAC_SECRET
from .signing import b64url, load_key, public_jwk, sign_jws


def generic_jwt() -> None:
    """jwt/: an unsecured (`alg: none`) JWT, and the copied token with a fourth part."""
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

"""The verbatim third-party copies (vendors/, ld/ed25519signature2020-signed.json,
jwt/credential-jose-minimal.jwt): copied by hand, never written by the generator, and listed here
so that expected.json has their entries."""

from __future__ import annotations

from .common import AUX, NOW_HOPAE, NOW_OTHER, UNSIGNED_OK, expect


VENDOR_DOC = "vendor public API docs"


def copied_vectors() -> None:
    v = "vendors/"
    # Trinsic's OpenAPI description (API v1, the one its SDK 3.0.1 is generated from): the
    # reference the provider output model (src/model/trinsic_provider_output.rs) follows, not a
    # vector.
    AUX.add(v + "trinsic-api-openapi.yaml")
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

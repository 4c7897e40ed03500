//! Adversarial review of issue 19 (Incode OIDC, Trinsic provider output, vendor errors).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::type_complexity
)]

mod support;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use ring::rand::SystemRandom;
use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use serde_json::{json, Value};
use support::{at, vector};
use vpcheck::{parse, Format, KeySet, Limits, Policy};

const NOW: &str = "2025-11-03T10:00:00Z";
const CLIENT: &str = "vpcheck-incode-client";
const ISSUER: &str = "https://auth.demo.incode.com";
const NONCE: &str = "n-Qm9vYmFy";
const SUB: &str = "6728f1c2a9e04b0012a3c4d5";

fn incode_keys() -> KeySet {
    KeySet::from_json(&vector("keys/incode.jwks.json")).unwrap()
}
fn hopae_keys() -> KeySet {
    KeySet::from_json(&vector("keys/hopae.jwks.json")).unwrap()
}

fn policy() -> Policy {
    Policy::at(at(NOW))
        .with_incode_keys(incode_keys())
        .expect_audience(CLIENT)
        .expect_issuer(ISSUER)
        .expect_nonce(NONCE)
}

fn b64(v: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
}

fn rsa(pem_file: &str) -> RsaKeyPair {
    let pem = String::from_utf8(vector(pem_file)).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    RsaKeyPair::from_pkcs8(&STANDARD.decode(body).unwrap()).unwrap()
}

fn sign_raw(pem_file: &str, header: &Value, payload_b64: &str) -> String {
    let key = rsa(pem_file);
    let input = format!("{}.{}", b64(header), payload_b64);
    let mut sig = vec![0; key.public().modulus_len()];
    key.sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), input.as_bytes(), &mut sig).unwrap();
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig))
}

fn sign_with(pem_file: &str, kid: &str, payload: &Value) -> String {
    sign_raw(pem_file, &json!({"alg": "RS256", "kid": kid, "typ": "JWT"}), &b64(payload))
}

fn incode_token(payload: &Value) -> String {
    sign_with("keys/incode-rs256.pem", "incode-test-2025", payload)
}

fn base_claims() -> Value {
    json!({
        "iss": ISSUER, "sub": SUB, "aud": CLIENT, "iat": 1762163880, "exp": 1762167480,
        "auth_time": 1762163850, "nonce": NONCE,
        "given_name": "ALEJANDRA", "family_name": "GARCIA LOPEZ", "birthdate": "1990-04-12"
    })
}

/// Verifies `userinfo` with `token` under `policy`; Ok(claims json, unsigned list) or Err(codes).
fn run(
    userinfo: &str,
    token: &str,
    policy: &Policy,
) -> Result<(Value, Vec<(String, bool)>), Vec<String>> {
    let parsed =
        parse(userinfo.as_bytes(), &Limits::default()).map_err(|e| vec![e.code().to_owned()])?;
    let parsed =
        parsed.with_id_token(token, &Limits::default()).map_err(|e| vec![e.code().to_owned()])?;
    match parsed.verify(policy) {
        Ok(v) => Ok((
            serde_json::to_value(v.claims()).unwrap(),
            v.unsigned().iter().map(|u| (u.field.clone(), u.withheld)).collect(),
        )),
        Err(r) => Err(r.errors().iter().map(|e| e.code().to_owned()).collect()),
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Incode OIDC

#[test]
fn baseline_pair_verifies() {
    let ui = json!({"sub": SUB, "given_name": "ALEJANDRA"}).to_string();
    let r = run(&ui, &incode_token(&base_claims()), &policy());
    assert!(r.is_ok(), "{r:?}");
}

/// `document_expiration_date` is an alias of `document_expiry_date` in UserinfoClaims, but the
/// withholding loop only knows `document_expiry_date`: an unsigned userinfo-only expiry date.
#[test]
fn alias_document_expiration_date_is_withheld() {
    let ui = json!({
        "sub": SUB, "given_name": "ALEJANDRA",
        "document_expiration_date": "2099-12-31"
    })
    .to_string();
    let (claims, unsigned) = run(&ui, &incode_token(&base_claims()), &policy()).unwrap();
    println!("claims = {claims}\nunsigned = {unsigned:?}");
    assert!(
        claims.pointer("/document/expiry_date").is_none(),
        "unsigned userinfo-only expiry returned as verified: {claims}; unsigned list {unsigned:?}"
    );
}

/// Token says the document expired (signed); userinfo states the same value under the alias
/// name: no binding comparison, the unsigned value wins.
#[test]
fn alias_overrides_signed_expiry() {
    let mut c = base_claims();
    c["document_expiry_date"] = json!("2020-01-01");
    let ui =
        json!({"sub": SUB, "given_name": "ALEJANDRA", "document_expiration_date": "2099-12-31"})
            .to_string();
    let r = run(&ui, &incode_token(&c), &policy().allow_unsigned_claims());
    println!("{r:?}");
    assert!(r.is_err(), "signed expiry 2020-01-01 contradicted by unsigned alias: {r:?}");
}

#[test]
fn token_signed_by_hopae_key_is_refused_even_with_hopae_keys_trusted() {
    let ui = json!({"sub": SUB, "given_name": "ALEJANDRA"}).to_string();
    let p = policy().with_hopae_keys(hopae_keys());
    // Hopae's key under its own kid, and under Incode's kid.
    for kid in ["hopae-test-2025", "incode-test-2025"] {
        let tok = sign_with("keys/hopae-rs256.pem", kid, &base_claims());
        let r = run(&ui, &tok, &p);
        println!("{kid}: {r:?}");
        assert!(r.is_err());
    }
    // Incode keys trusted only as Hopae keys: refused.
    let p = Policy::at(at(NOW)).with_hopae_keys(incode_keys()).expect_audience(CLIENT);
    let r = run(&ui, &incode_token(&base_claims()), &p);
    println!("incode key as hopae: {r:?}");
    assert!(r.is_err());
    // Incode keys trusted as evidence keys / signer keys: refused.
    let p = Policy::at(at(NOW)).with_evidence_keys(ISSUER, incode_keys()).expect_audience(CLIENT);
    assert!(run(&ui, &incode_token(&base_claims()), &p).is_err());
    let p = Policy::at(at(NOW)).with_signer_keys(incode_keys()).expect_audience(CLIENT);
    let r = run(&ui, &incode_token(&base_claims()), &p);
    println!("incode key as signer: {r:?}");
    assert!(r.is_err());
}

#[test]
fn alg_and_header_tricks() {
    let ui = json!({"sub": SUB, "given_name": "ALEJANDRA"}).to_string();
    let payload = b64(&base_claims());
    for header in [
        json!({"alg": "rs256", "kid": "incode-test-2025"}),
        json!({"alg": "RS256 ", "kid": "incode-test-2025"}),
        json!({"alg": "RS256", "kid": "incode-test-2025", "crit": ["exp"]}),
        json!({"alg": "RS256", "kid": "incode-test-2025", "b64": false, "crit": ["b64"]}),
        json!({"alg": "PS256", "kid": "incode-test-2025"}),
    ] {
        let tok = sign_raw("keys/incode-rs256.pem", &header, &payload);
        let r = run(&ui, &tok, &policy());
        println!("{header}: {r:?}");
        assert!(r.is_err(), "{header}");
    }
    // Policy narrowing to ES256 must refuse RS256.
    let p = policy().allow_algorithms(&[vpcheck::Algorithm::ES256]);
    let r = run(&ui, &incode_token(&base_claims()), &p);
    println!("es256-only: {r:?}");
    assert!(r.is_err());
}

#[test]
fn audience_issuer_nonce_tricks() {
    let ui = json!({"sub": SUB, "given_name": "ALEJANDRA"}).to_string();
    let cases: Vec<(&str, Value)> = vec![
        ("aud other", json!({"aud": "other"})),
        ("aud array without client", json!({"aud": ["other", "x"]})),
        ("aud empty", json!({"aud": ""})),
        ("aud empty array", json!({"aud": []})),
        ("aud case", json!({"aud": "VPCHECK-INCODE-CLIENT"})),
        ("aud null", json!({"aud": null})),
        ("aud number", json!({"aud": 1})),
        ("azp other", json!({"aud": [CLIENT, "other"], "azp": "other"})),
        ("azp null", json!({"azp": null})),
        ("azp number", json!({"azp": 5})),
        ("iss trailing slash", json!({"iss": "https://auth.demo.incode.com/"})),
        ("iss case", json!({"iss": "https://AUTH.demo.incode.com"})),
        ("iss array", json!({"iss": [ISSUER]})),
        ("nonce missing", json!({"nonce": null})),
        ("nonce empty", json!({"nonce": ""})),
        ("nonce case", json!({"nonce": "N-QM9VYMFY"})),
        ("nonce array", json!({"nonce": [NONCE]})),
        ("exp missing", json!({"exp": null})),
        ("iat missing", json!({"iat": null})),
        ("exp string", json!({"exp": "1762167480"})),
        ("exp past", json!({"exp": 1762160000})),
        ("iat future", json!({"iat": 1762200000})),
        ("nbf future", json!({"nbf": 1762200000})),
        ("sub other", json!({"sub": "other"})),
        ("sub number", json!({"sub": 6728})),
        ("sub null", json!({"sub": null})),
        ("sub empty", json!({"sub": ""})),
        ("auth fail", json!({"auth_overall_status": "FAIL"})),
        ("auth unknown", json!({"auth_overall_status": "ok"})),
    ];
    for (name, patch) in cases {
        let mut c = base_claims();
        for (k, v) in patch.as_object().unwrap() {
            if v.is_null() && !name.ends_with("null") {
                c.as_object_mut().unwrap().remove(k);
            } else {
                c[k] = v.clone();
            }
        }
        let r = run(&ui, &incode_token(&c), &policy());
        println!("{name}: {r:?}");
        assert!(r.is_err(), "{name} verified: {r:?}");
    }
    // Userinfo with empty sub vs token empty sub.
    let mut c = base_claims();
    c["sub"] = json!("");
    let r = run(
        &json!({"sub": "", "given_name": "ALEJANDRA"}).to_string(),
        &incode_token(&c),
        &policy(),
    );
    println!("both sub empty: {r:?}");
    assert!(r.is_err(), "an empty sub on both sides verified");
    // No expectations at all in the policy: audience present must be refused.
    let bare = Policy::at(at(NOW)).with_incode_keys(incode_keys());
    let r = run(&ui, &incode_token(&base_claims()), &bare);
    println!("no expected audience: {r:?}");
    assert!(r.is_err());
}

#[test]
fn userinfo_binding_tricks() {
    let token = incode_token(&base_claims());
    let cases = [
        // claim in userinfo differs from token
        json!({"sub": SUB, "given_name": "MALLORY"}),
        // null in userinfo where token carries value
        json!({"sub": SUB, "given_name": null, "family_name": "GARCIA LOPEZ"}),
        // sub case/unicode
        json!({"sub": SUB.to_uppercase(), "given_name": "ALEJANDRA"}),
        json!({"sub": format!("{SUB}\u{200b}"), "given_name": "ALEJANDRA"}),
        json!({"sub": [SUB], "given_name": "ALEJANDRA"}),
        // birthdate as number
        json!({"sub": SUB, "birthdate": 19900412}),
        json!({"sub": SUB, "birthdate": "1990-4-12"}),
        // userinfo auth status failing
        json!({"sub": SUB, "given_name": "ALEJANDRA", "auth_overall_status": "FAIL"}),
    ];
    for ui in cases {
        let r = run(&ui.to_string(), &token, &policy().allow_unsigned_claims());
        println!("{ui}: {r:?}");
        assert!(r.is_err(), "{ui}");
    }
    // Escaped key names: `given\u005fname` — the userinfo's given name must not be returned as
    // signed if it differs from the token's.
    let ui = format!(r#"{{"sub":"{SUB}","given\u005fname":"MALLORY"}}"#);
    let r = run(&ui, &token, &policy());
    println!("escaped key: {r:?}");
    if let Ok((claims, _)) = &r {
        assert_ne!(claims["given_name"], "MALLORY");
    }
    // Values that compare equal as JSON but differ as text.
    let ui = format!(r#"{{"sub":"{SUB}","given_name":"ALEJ\u0041NDRA"}}"#);
    println!("escaped value: {:?}", run(&ui, &token, &policy()));
}

/// Withheld without allow_unsigned_claims: every typed userinfo-only claim.
#[test]
fn userinfo_only_claims_withheld() {
    let ui = json!({
        "sub": SUB, "given_name": "ALEJANDRA", "name": "X", "middle_name": "Y", "gender": "F",
        "nationality": "MEX", "address": {"country": "MX", "locality": "CDMX"},
        "document_type": "ID_CARD", "document_number": "N1", "document_issuing_country": "MEX",
        "document_expiry_date": "2031-12-31", "email": "a@b.c", "phone_number": "+1"
    })
    .to_string();
    let (claims, unsigned) = run(&ui, &incode_token(&base_claims()), &policy()).unwrap();
    println!("{claims}\n{unsigned:?}");
    for p in ["/full_name", "/middle_name", "/sex", "/nationality", "/address", "/document"] {
        assert!(claims.pointer(p).is_none(), "{p} leaked: {claims}");
    }
}

/// The token carries claims the userinfo lacks; the userinfo must not gain claims from members
/// of the token named differently.
#[test]
fn detection_switches_for_incode_userinfo() {
    let f =
        |s: &str| parse(s.as_bytes(), &Limits::default()).map(|u| u.format()).map_err(|e| e.code());
    for s in [
        // Hopae userinfo markers in snake/camel and Incode userinfo
        r#"{"sub":"s","name":"A","hopae_provenance":{}}"#,
        r#"{"sub":"s","name":"A","title":"t","status":400}"#,
        r#"{"sub":"s","name":"A","error":"e"}"#,
        r#"{"sub":"s","name":"A","proof":{}}"#,
        r#"{"sub":"s","given_name":"A","state":"x","id":"y","created":1}"#,
        r#"{"sub":"s","given_name":"A","session":{}}"#,
        r#"{"title":"t","type":"x","proof":{}}"#,
        r#"{"error":"x"}"#,
        r#"{"error":{"code":300001,"message":"m"}}"#,
        r#"{"status":400,"error":"Bad","message":"m"}"#,
        r#"{"title":"t","status":"x","verificationId":"v"}"#,
    ] {
        println!("{s} => {:?}", f(s));
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Trinsic provider output

fn trinsic(
    doc: &Value,
    p: &Policy,
) -> Result<(Value, bool, bool, Option<String>, Vec<(String, bool)>), Vec<String>> {
    let bytes = serde_json::to_vec(doc).unwrap();
    let parsed = parse(&bytes, &Limits::default()).map_err(|e| vec![e.code().to_owned()])?;
    assert_eq!(parsed.format(), Format::TrinsicSessionResult);
    match parsed.verify(p) {
        Ok(v) => Ok((
            serde_json::to_value(v.claims()).unwrap(),
            v.trinsic_provider_output().is_some(),
            v.trinsic_match().is_some(),
            v.claims().raw.map(|r| r.get().to_owned()),
            v.unsigned().iter().map(|u| (u.field.clone(), u.withheld)).collect(),
        )),
        Err(r) => Err(r.errors().iter().map(|e| e.code().to_owned()).collect()),
    }
}

fn tpolicy() -> Policy {
    Policy::at(at("2024-08-01T16:00:00Z")).allow_unsigned_formats()
}

/// identityData without person/document: `withhold_unsigned` returns the claims whole when no
/// typed claim is listed, including `raw` (the identityData with providerOutput and match).
#[test]
fn raw_identity_data_with_provider_output_is_withheld() {
    let doc = json!({
        "session": {"id": "s1", "done": true, "success": true, "created": 1722526411, "updated": 1722526722},
        "identityData": {
            "providerOutput": {"yoti": {"rememberMeId": "r", "givenName": "Jane"}},
            "match": {"faceMatch": {"probabilityValue": 0.99}}
        }
    });
    let r = trinsic(&doc, &tpolicy());
    println!("{r:?}");
    let (_, po, m, raw, _) = r.unwrap();
    assert!(!po && !m);
    assert!(raw.is_none(), "raw identityData (providerOutput, match) handed out without allow_unsigned_claims: {raw:?}");
}

/// Same, with no `session.updated`: nothing typed is listed, so `withhold_unsigned` hands the
/// claims back whole, `raw` included.
#[test]
fn raw_identity_data_without_updated() {
    let doc = json!({
        "session": {"id": "s1", "done": true, "success": true, "created": 1722526411},
        "identityData": {
            "providerOutput": {"yoti": {"rememberMeId": "r", "givenName": "Jane"}},
            "match": {"faceMatch": {"probabilityValue": 0.99}},
            "attachments": [{"secret": "selfie-url"}]
        }
    });
    let r = trinsic(&doc, &tpolicy());
    println!("{r:?}");
    let (_, po, m, raw, unsigned) = r.unwrap();
    assert!(!po && !m);
    assert!(raw.is_none(), "raw identityData handed out without allow_unsigned_claims: {raw:?} (unsigned {unsigned:?})");
}

/// An unknown member with a result's names but a string boolean is skipped (a known one is
/// field.invalid).
#[test]
fn unknown_match_member_string_false() {
    let mut doc = support::json_vector("trinsic-sessions/match-passed.json");
    doc["identityData"]["match"] = json!({"documentMatch": {"booleanValue": "false"}});
    let r = trinsic(&doc, &tpolicy());
    println!("{:?}", r.as_ref().map(|_| "verified"));
    assert!(r.is_err(), "unknown match member with booleanValue \"false\" verified");
}

/// Incode: a document the signed token says expired. With the expiry in the userinfo too, it is
/// rejected; stripped from (or renamed in) the unsigned userinfo, it verifies.
#[test]
fn incode_signed_expired_document_evaded() {
    let mut c = base_claims();
    c["document_expiry_date"] = json!("2020-01-01");
    let tok = incode_token(&c);
    let p = policy();
    let with = json!({"sub": SUB, "given_name": "ALEJANDRA", "document_expiry_date": "2020-01-01"})
        .to_string();
    let r1 = run(&with, &tok, &p);
    println!("userinfo carries signed expiry: {r1:?}");
    let stripped = json!({"sub": SUB, "given_name": "ALEJANDRA"}).to_string();
    let r2 = run(&stripped, &tok, &p);
    println!("stripped: {r2:?}");
    let renamed =
        json!({"sub": SUB, "given_name": "ALEJANDRA", "document_expiration_date": "2099-01-01"})
            .to_string();
    let r3 = run(&renamed, &tok, &p);
    println!("renamed: {r3:?}");
    assert!(r1.is_err());
    assert!(r2.is_err(), "token says the document expired; userinfo without expiry verified");
    assert!(r3.is_err(), "token says the document expired; userinfo alias 2099 verified");
}

/// A failed result nested one level under an unknown member of `match` is skipped.
#[test]
fn unknown_nested_match_failure() {
    let mut doc = support::json_vector("trinsic-sessions/match-passed.json");
    doc["identityData"]["match"] = json!({"extra": {"faceMatch": {"booleanValue": false}}});
    let r = trinsic(&doc, &tpolicy());
    assert!(r.is_err(), "a failed match nested under an unknown member verified");
    println!("{:?}", r.as_ref().map(|_| "verified"));
}

#[test]
fn provider_output_withheld_with_person() {
    let doc = support::json_vector("trinsic-sessions/match-passed.json");
    let (_, po, m, raw, _) = trinsic(&doc, &tpolicy()).unwrap();
    assert!(!po && !m && raw.is_none());
    let (_, po, m, raw, _) = trinsic(&doc, &tpolicy().allow_unsigned_claims()).unwrap();
    assert!(po && m && raw.is_some());
}

#[test]
fn match_tricks() {
    let base = support::json_vector("trinsic-sessions/match-passed.json");
    let cases: Vec<(&str, Value)> = vec![
        ("prob string", json!({"faceMatch": {"probabilityValue": "0.95"}})),
        ("prob low snake", json!({"face_match": {"probability_value": 0.1}})),
        ("bool false snake", json!({"face_match": {"boolean_value": false}})),
        (
            "dup spellings",
            json!({"faceMatch": {"probabilityValue": 0.99}, "face_match": {"probabilityValue": 0.1}}),
        ),
        (
            "dup inner spellings",
            json!({"faceMatch": {"probabilityValue": 0.99, "probability_value": 0.1}}),
        ),
        ("negative", json!({"faceMatch": {"probabilityValue": -0.5}})),
        ("exp form low", json!({"faceMatch": {"probabilityValue": 9.5e-2}})),
        ("over one", json!({"faceMatch": {"probabilityValue": 1.5}})),
        ("unknown case", json!({"FaceMatch": {"booleanValue": false}})),
        ("unknown low prob", json!({"documentMatch": {"probabilityValue": 0.01}})),
        ("bool string", json!({"faceMatch": {"booleanValue": "false"}})),
        (
            "bool true prob low",
            json!({"faceMatch": {"booleanValue": true, "probabilityValue": 0.1}}),
        ),
        ("match not object", json!("failed")),
        ("match array", json!([{"booleanValue": false}])),
        (
            "unknown null bool, low prob",
            json!({"extra": {"booleanValue": null, "probabilityValue": 0.1}}),
        ),
        ("unknown with extra member", json!({"extra": {"booleanValue": false, "why": "x"}})),
    ];
    for (name, m) in cases {
        let mut doc = base.clone();
        doc["identityData"]["match"] = m;
        let r = trinsic(&doc, &tpolicy());
        println!("{name}: {:?}", r.as_ref().map(|_| "verified"));
        assert!(r.is_err(), "{name} verified");
    }
    // Raw text forms serde_json's Value cannot express: 1e400, NaN-like, -0.
    let text = serde_json::to_string(&base).unwrap();
    for (name, m) in [
        ("huge", r#"{"faceMatch":{"probabilityValue":1e400}}"#),
        ("tiny", r#"{"faceMatch":{"probabilityValue":1e-400}}"#),
        ("neg zero", r#"{"faceMatch":{"probabilityValue":-0.0}}"#),
        ("empty result", r#"{"faceMatch":{}}"#),
        ("null result", r#"{"faceMatch":null}"#),
        ("unknown shapeless", r#"{"faceMatchV2":{"score":0.01,"passed":false}}"#),
    ] {
        let doc = text.replacen(
            r#""match":{"faceMatch":{"probabilityValue":0.9646},"liveness":{"probabilityValue":0.9501},"nationalIdNumber":{"booleanValue":true}}"#,
            &format!(r#""match":{m}"#),
            1,
        );
        assert_ne!(doc, text);
        let r = parse(doc.as_bytes(), &Limits::default()).map(|u| {
            u.verify(&tpolicy())
                .map(|_| ())
                .map_err(|r| r.errors().iter().map(|e| e.code().to_owned()).collect::<Vec<_>>())
        });
        println!("{name}: {r:?}");
    }
}

#[test]
fn provider_output_tricks() {
    let base = support::json_vector("trinsic-sessions/match-passed.json");
    let po = |v: Value| {
        let mut d = base.clone();
        d["identityData"]["providerOutput"] = v;
        d
    };
    let cases: Vec<(&str, Value)> = vec![
        ("snake name differs", po(json!({"yoti": {"given_name": "Mallory"}}))),
        ("dup spelling", po(json!({"yoti": {"givenName": "Jane", "given_name": "Mallory"}}))),
        (
            "doc number snake differs",
            po(json!({"yoti": {"document_details": {"document_number": "X"}}})),
        ),
        ("birth differs", po(json!({"yoti": {"dateOfBirth": "1991-04-01"}}))),
        ("birth garbage", po(json!({"yoti": {"dateOfBirth": "garbage"}}))),
        (
            "smartid NQ qualified",
            po(
                json!({"smart-id": {"certificateLevel": "QUALIFIED", "documentNumber": "PNOEE-1-NQ"}}),
            ),
        ),
    ];
    for (name, doc) in cases {
        let r = trinsic(&doc, &tpolicy());
        println!("{name}: {:?}", r.as_ref().map(|_| "verified"));
        assert!(r.is_err(), "{name} verified");
    }
    // Case variants of the provider id: unknown provider, kept, not checked.
    for (name, doc) in [
        ("Yoti case", po(json!({"Yoti": {"givenName": "Mallory"}}))),
        ("providerOutput snake", {
            let mut d = base.clone();
            let v = d["identityData"].as_object_mut().unwrap().remove("providerOutput").unwrap();
            d["identityData"]["provider_output"] =
                json!({"yoti": {"givenName": "Mallory", "v": v.is_object()}});
            d
        }),
        ("provider output null", po(Value::Null)),
        ("provider output array", po(json!([{"yoti": {"givenName": "Mallory"}}]))),
        (
            "mdl omitted with empty value",
            po(json!({"apple-wallet": {"rawMdlOutput": {
            "documentType": "org.iso.18013.5.1.mDL",
            "documentSignerCertificate": {"notBefore": "2024-01-01T00:00:00Z", "notAfter": "2025-01-01T00:00:00Z"},
            "iacaRootCertificate": {"notBefore": "2024-01-01T00:00:00Z", "notAfter": "2025-01-01T00:00:00Z"},
            "nameSpaces": {"org.iso.18013.5.1": {"given_name": {"type": "IntentionallyOmitted", "value": ""},
                "family_name": {"type": "intentionallyOmitted", "value": "Mallory"}}}}}})),
        ),
        (
            "mdl ns snake",
            po(json!({"apple-wallet": {"raw_mdl_output": {
            "document_type": "org.iso.18013.5.1.mDL",
            "document_signer_certificate": {"not_before": "2024-01-01T00:00:00Z", "not_after": "2025-01-01T00:00:00Z"},
            "iaca_root_certificate": {"not_before": "2024-01-01T00:00:00Z", "not_after": "2025-01-01T00:00:00Z"},
            "name_spaces": {"org.iso.18013.5.1": {"given_name": {"type": "String", "value": "MALLORY"}}}}}})),
        ),
    ] {
        let r = trinsic(&doc, &tpolicy());
        println!("{name}: {:?}", r.as_ref().map(|x| (x.1, x.2, &x.4)));
    }
}

#[test]
fn provider_output_deep_and_wide_does_not_blow_up() {
    let base = support::json_vector("trinsic-sessions/match-passed.json");
    let mut wide = serde_json::Map::new();
    for i in 0..20000 {
        wide.insert(format!("p{i}"), json!({"a": i}));
    }
    let mut d = base.clone();
    d["identityData"]["providerOutput"] = Value::Object(wide.clone());
    let t = std::time::Instant::now();
    let r = trinsic(&d, &tpolicy());
    println!("wide providers: {:?} in {:?}", r.as_ref().map(|_| ()), t.elapsed());
    let mut d = base.clone();
    d["identityData"]["match"] = Value::Object(wide);
    let t = std::time::Instant::now();
    let r = trinsic(&d, &tpolicy());
    println!("wide match: {:?} in {:?}", r.as_ref().map(|_| ()), t.elapsed());
}

// ---------------------------------------------------------------------------------------------
// 4. Hopae webhook events

fn hook(body: &str) -> Result<(String, bool, Option<String>, bool), String> {
    let now = 1_761_632_436i64;
    let policy = Policy::at(chrono::DateTime::from_timestamp(now, 0).unwrap());
    let t = now.to_string();
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, b"s");
    let mut msg = t.as_bytes().to_vec();
    msg.push(b'.');
    msg.extend_from_slice(body.as_bytes());
    let tag = hex_encode(ring::hmac::sign(&key, &msg).as_ref());
    vpcheck::verify_hopae_webhook(&format!("t={t},v1={tag}"), body.as_bytes(), b"s", &policy)
        .map(|v| {
            let e = v.event;
            (
                e.kind.name().into_owned(),
                e.kind.is_known(),
                e.status.as_ref().map(|s| s.name().into_owned()),
                e.status.as_ref().is_some_and(|s| s.is_known()),
            )
        })
        .map_err(|e| e.code().to_owned())
}

fn hex_encode(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn webhook_event_tricks() {
    for body in [
        r#"{"verificationId":"v","event":"verification.completed","status":"failed"}"#,
        r#"{"verificationId":"v","type":"verification.completed","status":"failed"}"#,
        r#"{"verificationId":"v","event_type":"verification.completed","data":{"status":"failed"}}"#,
        r#"{"verificationId":"v","event":"verification.completed","type":"verification.failed"}"#,
        r#"{"verificationId":"v","eventType":"verification.completed","event_type":"verification.failed"}"#,
        r#"{"verificationId":"v","status":"completed","data":{"status":"failed"}}"#,
        r#"{"verificationId":"v","status":"completed","data":{"verificationId":"w"}}"#,
        r#"{"verificationId":"v","status":"completed","data":{"id":"v","verificationId":"v"}}"#,
        r#"{"verificationId":"","status":"completed"}"#,
        r#"{"status":"completed"}"#,
        r#"{"verificationId":"v"}"#,
        r#"{"verificationId":"v","status":"completed","status":"failed"}"#,
        r#"[{"verificationId":"v","status":"completed"}]"#,
        r#"{"verificationId":"v","status":"completed","timestamp":"2099-01-01T00:00:00Z"}"#,
        r#"{"verificationId":"v","status":"completed","timestamp":"garbage"}"#,
    ] {
        let r = hook(body);
        println!("{body} => {r:?}");
        assert!(r.is_err(), "{body}");
    }
    // Accepted, but do they say one thing? (known event with unknown-spelled status)
    for body in [
        r#"{"verificationId":"v","event":"verification.completed","status":"FAILED"}"#,
        r#"{"verificationId":"v","event":"verification.completed","status":"failed "}"#,
        r#"{"verificationId":"v","event":"verification.completed","data":{"status":"Failed"}}"#,
        r#"{"verificationId":"v","status":"completed","data":{"event":"verification.failed"}}"#,
        r#"{"verificationId":"v","status":"completed","data":null}"#,
        r#"{"verificationId":"v","status":"completed","event":null}"#,
        r#"{"verificationId":"v","status":null,"event":"verification.completed"}"#,
        r#"{"verificationId":"v","event":"verification.completed","data":{"status":"completed","verificationId":""}}"#,
    ] {
        println!("{body} => {:?}", hook(body));
    }
    // Unsigned body never parsed: a malformed body with a bad tag yields webhook.signature.
    let policy = Policy::at(chrono::DateTime::from_timestamp(1_761_632_436, 0).unwrap());
    let e = vpcheck::verify_hopae_webhook(
        &format!("t=1761632436,v1={}", "0".repeat(64)),
        b"{\"a\":1,\"a\":2",
        b"s",
        &policy,
    )
    .unwrap_err();
    assert_eq!(e.code(), "webhook.signature");
}

#[test]
fn incode_misc_probes() {
    let ui = json!({"sub": SUB, "given_name": "ALEJANDRA"}).to_string();
    let mut c = base_claims();
    c["aud"] = json!([CLIENT, "https://other-rp.example"]);
    let r = run(&ui, &incode_token(&c), &policy()).map(|_| ());
    println!("aud multi, no azp: {r:?}");
    assert_eq!(r, Err(vec!["jwt.audience".to_owned()]), "several audiences without azp");
    let tok = sign_raw(
        "keys/incode-rs256.pem",
        &json!({"alg": "RS256", "kid": "incode-test-2025", "typ": "at+jwt"}),
        &b64(&base_claims()),
    );
    let r = run(&ui, &tok, &policy()).map(|_| ());
    println!("typ at+jwt: {r:?}");
    assert_eq!(r, Err(vec!["jwt.type".to_owned()]), "an access token passed as an ID token");
    // Address in both, different member order / differing value.
    let mut c = base_claims();
    c["address"] = json!({"country": "MX", "locality": "CDMX"});
    let tok = incode_token(&c);
    let same = json!({"sub": SUB, "address": {"locality": "CDMX", "country": "MX"}}).to_string();
    println!("address reordered: {:?}", run(&same, &tok, &policy()));
    let differ = json!({"sub": SUB, "address": {"locality": "CDMX", "country": "MX", "street_address": "1 Fake"}}).to_string();
    println!("address extra member: {:?}", run(&differ, &tok, &policy()).map(|_| ()));
    // A large userinfo: many members, bounded time.
    let mut big = serde_json::Map::new();
    big.insert("sub".into(), json!(SUB));
    big.insert("given_name".into(), json!("ALEJANDRA"));
    for i in 0..50_000 {
        big.insert(format!("x{i}"), json!(i));
    }
    let t = std::time::Instant::now();
    let r = run(&Value::Object(big).to_string(), &incode_token(&base_claims()), &policy());
    println!("50k members: {:?} in {:?}", r.map(|_| ()), t.elapsed());
}

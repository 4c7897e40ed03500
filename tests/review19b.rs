//! Second adversarial review of issue 19 (after fbde575b).

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
use vpcheck::{parse, KeySet, Limits, Policy};

const NOW: &str = "2025-11-03T10:00:00Z";
const CLIENT: &str = "vpcheck-incode-client";
const ISSUER: &str = "https://auth.demo.incode.com";
const NONCE: &str = "n-Qm9vYmFy";
const SUB: &str = "6728f1c2a9e04b0012a3c4d5";

fn incode_keys() -> KeySet {
    KeySet::from_json(&vector("keys/incode.jwks.json")).unwrap()
}
fn policy() -> Policy {
    Policy::at(at(NOW))
        .with_incode_keys(incode_keys())
        .expect_audience(CLIENT)
        .expect_issuer(ISSUER)
        .expect_nonce(NONCE)
}
fn b64(v: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(v)
}
fn rsa() -> RsaKeyPair {
    let pem = String::from_utf8(vector("keys/incode-rs256.pem")).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    RsaKeyPair::from_pkcs8(&STANDARD.decode(body).unwrap()).unwrap()
}
/// Signs the payload text as given (so duplicates and escapes survive).
fn token_text(payload: &str) -> String {
    let key = rsa();
    let header = json!({"alg": "RS256", "kid": "incode-test-2025", "typ": "JWT"});
    let input =
        format!("{}.{}", b64(&serde_json::to_vec(&header).unwrap()), b64(payload.as_bytes()));
    let mut sig = vec![0; key.public().modulus_len()];
    key.sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), input.as_bytes(), &mut sig).unwrap();
    format!("{input}.{}", b64(&sig))
}
fn token(payload: &Value) -> String {
    token_text(&payload.to_string())
}
fn base() -> Value {
    json!({
        "iss": ISSUER, "sub": SUB, "aud": CLIENT, "iat": 1762163880, "exp": 1762167480,
        "nonce": NONCE, "given_name": "ALEJANDRA"
    })
}
fn with(extra: Value) -> Value {
    let mut b = base();
    for (k, v) in extra.as_object().unwrap() {
        b[k] = v.clone();
    }
    b
}

struct Out {
    claims: Value,
    unsigned: Vec<(String, Option<String>, bool)>,
    checks: Vec<String>,
}

fn run(userinfo: &str, tok: &str, p: &Policy) -> Result<Out, Vec<String>> {
    let parsed =
        parse(userinfo.as_bytes(), &Limits::default()).map_err(|e| vec![e.code().to_owned()])?;
    let parsed =
        parsed.with_id_token(tok, &Limits::default()).map_err(|e| vec![e.code().to_owned()])?;
    match parsed.verify(p) {
        Ok(v) => Ok(Out {
            claims: serde_json::to_value(v.claims()).unwrap(),
            unsigned: v
                .unsigned()
                .iter()
                .map(|u| (u.field.clone(), u.value.clone(), u.withheld))
                .collect(),
            checks: v
                .report()
                .checks()
                .iter()
                .map(|c| format!("{} {:?} {}", c.name, c.status, c.detail))
                .collect(),
        }),
        Err(r) => Err(r.errors().iter().map(|e| e.code().to_owned()).collect()),
    }
}
fn show(label: &str, r: &Result<Out, Vec<String>>) {
    match r {
        Ok(o) => println!("{label}: VERIFIED claims={} unsigned={:?}", o.claims, o.unsigned),
        Err(e) => println!("{label}: REJECTED {e:?}"),
    }
}

// ------------------------------------------------------------------------------------------
// 1. Incode reconcile

/// The vendor's (unsigned) userinfo says the document expired; the token carries no expiry.
/// Without allow_unsigned_claims the expiry is withheld and never judged: verified.
#[test]
fn incode_userinfo_only_expired_document() {
    let ui = json!({"sub": SUB, "given_name": "ALEJANDRA", "document_expiry_date": "2020-01-01"})
        .to_string();
    let tok = token(&base());
    let strict = run(&ui, &tok, &policy());
    show("strict", &strict);
    let allow = run(&ui, &tok, &policy().allow_unsigned_claims());
    show("allow", &allow);
    assert!(allow.is_err(), "allow_unsigned_claims: expired userinfo document verified");
    assert!(
        strict.is_err(),
        "the userinfo says the document expired (2020-01-01); verified without any expiry check"
    );
}

/// auth_overall_status only in the userinfo: the face-match status is unsigned, yet it becomes
/// a passed check and is not listed among the unsigned values.
#[test]
fn incode_userinfo_only_auth_status() {
    let tok = token(&base());
    let ok =
        json!({"sub": SUB, "given_name": "ALEJANDRA", "auth_overall_status": "OK"}).to_string();
    let fail =
        json!({"sub": SUB, "given_name": "ALEJANDRA", "auth_overall_status": "FAIL"}).to_string();
    let r_fail = run(&fail, &tok, &policy());
    show("FAIL", &r_fail);
    let r_ok = run(&ok, &tok, &policy());
    show("OK", &r_ok);
    let o = r_ok.unwrap();
    for c in o.checks.iter().filter(|c| c.contains("auth_overall")) {
        println!("  check: {c}");
    }
    assert!(r_fail.is_err());
    assert!(
        o.unsigned.iter().any(|u| u.0.contains("auth_overall_status")),
        "unsigned auth_overall_status OK passed as a check and is not listed unsigned: {:?}",
        o.unsigned
    );
}

#[test]
fn incode_alias_and_spelling_tricks() {
    let p = policy();
    let cases: Vec<(&str, Value, Value, bool)> = vec![
        // (label, token extra, userinfo, must_reject)
        (
            "token alias expired vs userinfo canonical 2099",
            json!({"document_expiration_date": "2020-01-01"}),
            json!({"sub": SUB, "given_name": "ALEJANDRA", "document_expiry_date": "2099-01-01"}),
            true,
        ),
        (
            "token alias expired, userinfo silent",
            json!({"document_expiration_date": "2020-01-01"}),
            json!({"sub": SUB, "given_name": "ALEJANDRA"}),
            true,
        ),
        (
            "token null given_name vs userinfo value",
            json!({"given_name": null}),
            json!({"sub": SUB, "given_name": "MALLORY"}),
            true,
        ),
        (
            "token empty given_name vs userinfo value",
            json!({"given_name": ""}),
            json!({"sub": SUB, "given_name": "MALLORY"}),
            true,
        ),
        (
            "token number given_name",
            json!({"given_name": 5}),
            json!({"sub": SUB, "given_name": "ALEJANDRA"}),
            true,
        ),
        (
            "token string address",
            json!({"address": "1 Main St"}),
            json!({"sub": SUB, "address": {"street_address": "1 Main St"}}),
            true,
        ),
        (
            "token address extra member vs userinfo without",
            json!({"address": {"country": "MX", "x": 1}}),
            json!({"sub": SUB, "address": {"country": "MX"}}),
            true,
        ),
        (
            "gender F vs female",
            json!({"gender": "F"}),
            json!({"sub": SUB, "gender": "female"}),
            false,
        ),
        (
            "nationality MEX vs MX",
            json!({"nationality": "MEX"}),
            json!({"sub": SUB, "nationality": "MX"}),
            false,
        ),
        (
            "birthdate epoch ms vs string",
            json!({"birthdate": 639878400000_i64}),
            json!({"sub": SUB, "birthdate": "1990-04-12"}),
            false,
        ),
        (
            "birthdate epoch ms differs by one day",
            json!({"birthdate": 639878400000_i64}),
            json!({"sub": SUB, "birthdate": "1990-04-13"}),
            true,
        ),
        (
            "userinfo birthdate datetime form",
            json!({"birthdate": "1990-04-12"}),
            json!({"sub": SUB, "birthdate": "1990-04-12T00:00:00"}),
            false,
        ),
        (
            "token empty expiry, userinfo alias 2099",
            json!({"document_expiry_date": ""}),
            json!({"sub": SUB, "given_name": "ALEJANDRA", "document_expiration_date": "2099-01-01"}),
            false,
        ),
        (
            "token auth FAIL, userinfo OK",
            json!({"auth_overall_status": "FAIL"}),
            json!({"sub": SUB, "auth_overall_status": "OK"}),
            true,
        ),
        (
            "token auth number",
            json!({"auth_overall_status": 1}),
            json!({"sub": SUB, "given_name": "ALEJANDRA"}),
            true,
        ),
    ];
    let mut bad = Vec::new();
    for (label, extra, ui, must_reject) in cases {
        let r = run(&ui.to_string(), &token(&with(extra)), &p);
        show(label, &r);
        if let Ok(o) = &r {
            // Whatever verified must carry only signed values: nothing the token lacks.
            if o.claims.pointer("/given_name").is_some_and(|v| v == "MALLORY")
                || o.claims.pointer("/document/expiry_date").is_some_and(|v| v == "2099-01-01")
            {
                bad.push(format!("{label}: unsigned value returned {}", o.claims));
            }
        }
        if must_reject && r.is_ok() {
            bad.push(format!("{label}: verified"));
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

/// Duplicates and escaped member names, in the token payload and in the userinfo.
#[test]
fn incode_duplicates_and_escapes() {
    let p = policy();
    let tokp = format!(
        r#"{{"iss":"{ISSUER}","sub":"{SUB}","aud":"{CLIENT}","iat":1762163880,"exp":1762167480,"nonce":"{NONCE}","given_name":"ALEJANDRA","given_name":"MALLORY"}}"#
    );
    let r =
        run(&json!({"sub": SUB, "given_name": "ALEJANDRA"}).to_string(), &token_text(&tokp), &p);
    show("token dup given_name", &r);
    assert!(r.is_err());
    let tokp = format!(
        r#"{{"iss":"{ISSUER}","sub":"{SUB}","aud":"{CLIENT}","iat":1762163880,"exp":1762167480,"nonce":"{NONCE}","given_name":"ALEJANDRA","given\u005fname":"MALLORY"}}"#
    );
    let r =
        run(&json!({"sub": SUB, "given_name": "ALEJANDRA"}).to_string(), &token_text(&tokp), &p);
    show("token dup escaped given_name", &r);
    assert!(r.is_err());
    let tokp = format!(
        r#"{{"iss":"{ISSUER}","sub":"{SUB}","aud":"{CLIENT}","iat":1762163880,"exp":1762167480,"nonce":"{NONCE}","document_expiry_date":"2020-01-01","document_expiration_date":"2099-01-01"}}"#
    );
    let r =
        run(&json!({"sub": SUB, "given_name": "ALEJANDRA"}).to_string(), &token_text(&tokp), &p);
    show("token both expiry spellings", &r);
    assert!(r.is_err());
    let tok = token(&base());
    for ui in [
        format!(r#"{{"sub":"{SUB}","given\u005fname":"MALLORY"}}"#),
        format!(r#"{{"sub":"{SUB}","given_name":"ALEJANDRA","given\u005fname":"MALLORY"}}"#),
        format!(r#"{{"s\u0075b":"{SUB}","given_name":"ALEJANDRA"}}"#),
        format!(r#"{{"sub":"{SUB}","sub":"other","given_name":"ALEJANDRA"}}"#),
        format!(r#"{{"sub":"{SUB}","given_name":"ALEJANDR\u0041"}}"#),
    ] {
        let r = run(&ui, &tok, &p);
        show(&ui, &r);
        if let Ok(o) = &r {
            assert_ne!(o.claims.pointer("/given_name").and_then(Value::as_str), Some("MALLORY"));
        }
    }
}

/// Every userinfo-only typed claim is withheld and listed.
#[test]
fn incode_unsigned_lists_every_withheld_claim() {
    let ui = json!({
        "sub": SUB, "given_name": "ALEJANDRA", "family_name": "F", "middle_name": "M", "name": "N",
        "birthdate": "1990-04-12", "gender": "F", "nationality": "MEX",
        "address": {"street_address": "s", "locality": "l", "region": "r", "postal_code": "p", "country": "MX", "formatted": "f"},
        "document_type": "PASSPORT", "document_number": "X1", "document_issuing_country": "MEX",
        "document_expiry_date": "2030-01-01", "email": "e@x", "phone_number": "+1"
    })
    .to_string();
    let o = run(&ui, &token(&base()), &policy()).unwrap();
    println!("claims={}\nunsigned={:?}", o.claims, o.unsigned);
    assert_eq!(o.claims, json!({"given_name": "ALEJANDRA", "provenance": o.claims["provenance"]}));
    let names: Vec<&str> = o.unsigned.iter().map(|u| u.0.as_str()).collect();
    for n in [
        "family_name",
        "middle_name",
        "name",
        "birthdate",
        "gender",
        "nationality",
        "address",
        "document_type",
        "document_number",
        "document_issuing_country",
        "document_expiry_date",
    ] {
        assert!(names.contains(&n), "{n} withheld but not listed: {names:?}");
    }
    assert!(o.unsigned.iter().all(|u| u.2), "all withheld");
}

// ------------------------------------------------------------------------------------------
// 2. Unsigned formats

fn verify_doc(doc: &Value, p: &Policy) -> Result<Out, Vec<String>> {
    let bytes = serde_json::to_vec(doc).unwrap();
    let parsed = parse(&bytes, &Limits::default()).map_err(|e| vec![e.code().to_owned()])?;
    println!("format {:?}", parsed.format());
    match parsed.verify(p) {
        Ok(v) => Ok(Out {
            claims: serde_json::to_value(v.claims()).unwrap(),
            unsigned: v
                .unsigned()
                .iter()
                .map(|u| (u.field.clone(), u.value.clone(), u.withheld))
                .collect(),
            checks: v
                .report()
                .checks()
                .iter()
                .map(|c| format!("{} {:?} {}", c.name, c.status, c.detail))
                .collect(),
        }),
        Err(r) => Err(r.errors().iter().map(|e| e.code().to_owned()).collect()),
    }
}

/// Hopae verification object: provenance.provider_id is returned with allow_unsigned_claims but
/// never listed in unsigned(); session_id returned unlisted without the opt-in.
#[test]
fn hopae_verification_provenance_listing() {
    let doc = support::json_vector("vendors/hopae-verification-completed.json");
    let p = Policy::at(at("2025-10-28T05:42:00Z")).allow_unsigned_formats();
    let strict = verify_doc(&doc, &p);
    show("strict", &strict);
    let allow = verify_doc(&doc, &p.clone().allow_unsigned_claims());
    show("allow", &allow);
    let a = allow.unwrap();
    let listed: Vec<&str> = a.unsigned.iter().map(|u| u.0.as_str()).collect();
    if a.claims.pointer("/provenance/provider_id").is_some() {
        assert!(
            listed.iter().any(|n| n.contains("provider")),
            "provider_id returned but not listed unsigned: {listed:?}"
        );
    }
}

/// Trinsic identityData carrying only originatingProviderId / attachments.
#[test]
fn trinsic_provenance_only() {
    let p = Policy::at(at("2024-08-01T16:00:00Z")).allow_unsigned_formats();
    for data in [
        json!({"originatingProviderId": "yoti"}),
        json!({"attachments": [{"x": "selfie"}]}),
        json!({}),
    ] {
        let doc = json!({
            "session": {"id": "s1", "done": true, "success": true, "created": 1722526411},
            "identityData": data
        });
        let r = verify_doc(&doc, &p);
        show(&data.to_string(), &r);
        if let Ok(o) = r {
            assert!(o.claims.pointer("/provenance/provider_id").is_none(), "{}", o.claims);
        }
    }
}

// ------------------------------------------------------------------------------------------
// 3. Vendor errors and detection

#[test]
fn vendor_error_bodies_never_verify_or_panic() {
    let p = Policy::at(at(NOW)).allow_unsigned_formats().allow_unsigned_claims();
    let bodies = [
        json!({"title": "x", "status": u64::MAX}),
        json!({"title": "x", "status": -1, "code": -300001}),
        json!({"title": "SESSION_", "code": "0000000000300001"}),
        json!({"title": "SESSION.EXPIRED", "code": "٣٠٠٠٠١"}),
        json!({"detail": "x", "code": 1.5}),
        json!({"detail": "x", "type": "urn:org:hopae:", "status": 1e300}),
        json!({"error": {"code": 5}}),
        json!({"error": null}),
        json!({"error": "x", "requestId": "r", "request_id": "r"}),
        json!({"status": 500, "error": "x", "message": "m", "timestamp": "t", "path": 5}),
        json!({"status": "500", "error": "x", "message": "m"}),
        json!({"sub": SUB, "given_name": "A", "title": "Dr", "type": "x"}),
        json!({"sub": SUB, "given_name": "A", "status": 200, "error": "", "message": ""}),
        json!({"sub": SUB, "given_name": "A", "error": {"code": "x"}}),
        json!({"done": true, "success": true, "title": "x", "status": 200}),
        json!({"session": {"id": "s", "done": true, "success": true}, "error": "x"}),
    ];
    for b in bodies {
        let bytes = serde_json::to_vec(&b).unwrap();
        let r = std::panic::catch_unwind(|| match parse(&bytes, &Limits::default()) {
            Err(e) => format!("parse {}", e.code()),
            Ok(u) => {
                let f = u.format();
                match u.verify(&p) {
                    Ok(_) => format!("{f:?} VERIFIED"),
                    Err(r) => format!(
                        "{f:?} {:?}",
                        r.errors().iter().map(|e| e.code()).collect::<Vec<_>>()
                    ),
                }
            }
        });
        println!("{b} => {r:?}");
        let r = r.expect("panic");
        // Left alone: a member the Trinsic model does not read, beside a session, is ignored as
        // any unread member is (and the session is unsigned: allow_unsigned_formats).
        if b.get("session").is_some() {
            continue;
        }
        assert!(!r.contains("VERIFIED"), "{b} => {r}");
    }
}

// ------------------------------------------------------------------------------------------
// 4. Webhook

fn hook(body: &str) -> Result<vpcheck::VerifiedWebhook<'_>, String> {
    let t = "1761632436";
    let policy = Policy::at(chrono::DateTime::from_timestamp(1_761_632_436, 0).unwrap());
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, b"s");
    let mut msg = t.as_bytes().to_vec();
    msg.push(b'.');
    msg.extend_from_slice(body.as_bytes());
    let tag: String =
        ring::hmac::sign(&key, &msg).as_ref().iter().map(|x| format!("{x:02x}")).collect();
    vpcheck::verify_hopae_webhook(&format!("t={t},v1={tag}"), body.as_bytes(), b"s", &policy)
        .map_err(|e| e.code().to_owned())
}

#[test]
fn webhook_probes() {
    // An unknown status and no event: no event is implied (mended: it was an unknown event
    // named like a known one).
    let r = hook(r#"{"verificationId":"v","status":"verification.completed"}"#);
    assert_eq!(r.err().as_deref(), Some("session.unknown_state"));
    // providerId top level vs data: never compared.
    let r = hook(
        r#"{"verificationId":"v","status":"completed","providerId":"a","data":{"providerId":"b"}}"#,
    );
    println!("providerId a vs data b => {:?}", r.as_ref().map(|v| v.event.provider_id.clone()));
    let pid_conflict = r.is_ok();
    // Known event with an unknown status spelling.
    let r = hook(r#"{"verificationId":"v","event":"verification.completed","status":"rejected"}"#);
    println!("completed + status rejected => {:?}", r.as_ref().map(|v| v.event.status.clone()));
    // Timestamps.
    for ts in [
        "1970-01-01T00:00:00Z",
        "2025-10-28T06:21:36+00:00",
        "2025-10-28T06:21:37Z",
        "",
        "2025-10-28T06:21:36.999999999Z",
    ] {
        let body = format!(r#"{{"verificationId":"v","status":"completed","timestamp":"{ts}"}}"#);
        println!("timestamp {ts:?} => {:?}", hook(&body).map(|v| v.event.occurred_at));
    }
    let body = r#"{"verificationId":"v","status":"completed","timestamp":"2025-10-28T06:21:36Z","createdAt":"2025-10-28T06:21:36Z"}"#;
    println!("timestamp+createdAt => {:?}", hook(body).map(|v| v.event.occurred_at));
    assert!(!pid_conflict, "providerId a and data.providerId b accepted (first one returned)");
}

// ------------------------------------------------------------------------------------------
// 5. Trinsic unknown match

fn trinsic_match(m: Value) -> Result<Out, Vec<String>> {
    let mut doc = support::json_vector("trinsic-sessions/match-passed.json");
    doc["identityData"]["match"] = m;
    verify_doc(&doc, &Policy::at(at("2024-08-01T16:00:00Z")).allow_unsigned_formats())
}

#[test]
fn trinsic_unknown_match_arrays_and_nesting() {
    let mut bad = Vec::new();
    for m in [
        json!({"documentMatch": [{"booleanValue": false}]}),
        json!({"extra": {"inner": [{"booleanValue": false}]}}),
        json!({"extra": [{"faceMatch": {"probabilityValue": 0.01}}]}),
        json!({"extra": {"booleanValue": true, "nested": {"booleanValue": false}}}),
        json!({"faceMatch": {"booleanValue": true, "nested": {"booleanValue": false}}}),
        json!({"documentMatch": {"booleanValue": null, "probabilityValue": null}}),
        json!({"documentMatch": {"result": false}}),
    ] {
        let r = trinsic_match(m.clone());
        println!(
            "{m} => {:?}",
            r.as_ref().map(|o| o
                .checks
                .iter()
                .filter(|c| c.starts_with("match") || c.contains("unconsumed"))
                .cloned()
                .collect::<Vec<_>>())
        );
        // Left alone: an object with no result member (`{"result": false}`) is kept as sent and
        // reported as a skipped check.
        if m.to_string().contains("\"result\"") {
            continue;
        }
        if r.is_ok() && m.to_string().contains("false")
            || m.to_string().contains("0.01") && r.is_ok()
        {
            bad.push(m.to_string());
        }
    }
    // Deep nesting: bounded, no panic.
    let mut deep = json!({"booleanValue": false});
    for _ in 0..200 {
        deep = json!({ "x": deep });
    }
    let r = std::panic::catch_unwind(|| trinsic_match(json!({"extra": deep})).map(|_| ()));
    println!("deep => {r:?}");
    assert!(r.is_ok(), "panic");
    assert!(r.unwrap().is_err(), "deep failed match verified");
    assert!(bad.is_empty(), "a failed match verified: {bad:#?}");
}

/// A Trinsic sessions result beside an `error` member (the shape of an error envelope) verifies;
/// what does the report say of `error`?
#[test]
fn trinsic_result_with_error_member() {
    let p = Policy::at(at(NOW)).allow_unsigned_formats();
    for doc in [
        json!({"session": {"id": "s", "done": true, "success": true}, "error": "x"}),
        json!({"session": {"id": "s", "done": true, "success": true}, "error": {"code": "SESSION_EXPIRED", "message": "expired"}}),
        json!({"session": {"id": "s", "done": true, "success": true}, "title": "Session failed", "status": 410, "detail": "expired"}),
    ] {
        let r = verify_doc(&doc, &p);
        show(&doc.to_string(), &r);
        if let Ok(o) = &r {
            for c in &o.checks {
                println!("  {c}");
            }
        }
    }
}

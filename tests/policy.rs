//! Policy rules through the public API: one second either side of each time boundary (leeway
//! edges included) on real vectors, bindings, assurance, limits and zero-copy borrowing.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions
)]

use std::borrow::Cow;
use std::collections::BTreeSet;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{json, Value};
use vpcheck::{parse, Limits, Policy, Verdict};

mod support;

fn vector(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/test-vectors/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn json_vector(path: &str) -> Value {
    serde_json::from_slice(&vector(path)).unwrap()
}

/// The verdict and the sorted error codes.
fn outcome(bytes: &[u8], policy: &Policy) -> (Verdict, Vec<String>) {
    match parse(bytes, policy.limits()) {
        Err(e) => (Verdict::Rejected, vec![e.code().to_owned()]),
        Ok(u) => match u.verify(policy) {
            Ok(_) => (Verdict::Verified, vec![]),
            Err(r) => {
                let codes: BTreeSet<String> =
                    r.errors().iter().map(|e| e.code().to_owned()).collect();
                (r.verdict(), codes.into_iter().collect())
            }
        },
    }
}

fn codes(bytes: &[u8], policy: &Policy) -> Vec<String> {
    outcome(bytes, policy).1
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

// --- session timestamps: updated must not be after now (+ leeway) -----------------------------

#[test]
fn session_updated_against_now_one_second_either_side() {
    let bytes = vector("trinsic-sessions/result-success.json");
    let updated = Utc.timestamp_opt(1_722_526_722, 0).unwrap();
    for leeway in [0, 60] {
        let edge = updated - Duration::seconds(leeway);
        // An unsigned format: accepted here, the subject is its timestamps.
        let ok = Policy::at(edge).with_leeway_seconds(leeway).allow_unsigned_formats();
        let early = Policy::at(edge - Duration::seconds(1))
            .with_leeway_seconds(leeway)
            .allow_unsigned_formats();
        assert_eq!(outcome(&bytes, &ok).0, Verdict::Verified, "leeway {leeway}");
        assert_eq!(codes(&bytes, &early), ["time.future"], "leeway {leeway}");
    }
}

// --- document expiry: valid through the expiry day (2030-01-15) ------------------------------

#[test]
fn document_expiry_one_second_either_side() {
    let bytes = vector("trinsic-sessions/result-success.json");
    let end = at("2030-01-16T00:00:00Z");
    for leeway in [0, 60] {
        let last = end + Duration::seconds(leeway) - Duration::seconds(1);
        let policy = |now| Policy::at(now).with_leeway_seconds(leeway).allow_unsigned_formats();
        assert_eq!(outcome(&bytes, &policy(last)).0, Verdict::Verified);
        let first = end + Duration::seconds(leeway);
        assert_eq!(codes(&bytes, &policy(first)), ["time.document_expired"]);
        let allowed = policy(first).allow_expired_documents();
        assert_eq!(outcome(&bytes, &allowed).0, Verdict::Verified);
    }
}

// --- Hopae: verified_at against now and the maximum age ---------------------------------------

const VERIFIED_AT: &str = "2025-10-28T06:20:36.992Z";

#[test]
fn hopae_verified_at_not_in_future_one_second_either_side() {
    let bytes = vector("hopae/userinfo-valid.json");
    let t = at(VERIFIED_AT);
    for leeway in [0, 60] {
        // Rejected when verified_at > now + leeway.
        // The vector's tokens are filler: nothing in it verifies, so it is an unsigned result.
        let ok = Policy::at(t - Duration::seconds(leeway))
            .with_leeway_seconds(leeway)
            .allow_unsigned_formats();
        let early = Policy::at(t - Duration::seconds(leeway + 1))
            .with_leeway_seconds(leeway)
            .allow_unsigned_formats();
        assert_eq!(outcome(&bytes, &ok).0, Verdict::Verified);
        assert_eq!(codes(&bytes, &early), ["time.future"]);
    }
}

#[test]
fn hopae_max_age_one_second_either_side() {
    // The age is judged on the verified evidence token's `iat` (06:20:30), not on the unsigned
    // `verified_at` (06:20:36.992), which an editor could move anywhere inside the token's window.
    let bytes = vector("hopae-signed/userinfo-valid.json");
    let iat = at("2025-10-28T06:20:30Z");
    for leeway in [0, 60] {
        let edge = iat + Duration::seconds(600 + leeway);
        let ok = Policy::at(edge)
            .with_leeway_seconds(leeway)
            .with_max_age_seconds(600)
            .with_evidence_keys(support::UPSTREAM_ISS, support::upstream_keys());
        let late = Policy::at(edge + Duration::seconds(1))
            .with_leeway_seconds(leeway)
            .with_max_age_seconds(600)
            .with_evidence_keys(support::UPSTREAM_ISS, support::upstream_keys());
        assert_eq!(outcome(&bytes, &ok).0, Verdict::Verified);
        assert_eq!(codes(&bytes, &late), ["time.too_old"]);
        // Without keys nothing is signed: a maximum age cannot be judged (could not check).
        let unsigned = Policy::at(edge).with_leeway_seconds(leeway).with_max_age_seconds(600);
        assert_eq!(codes(&bytes, &unsigned), ["policy.unsigned"]);
    }
    // `verified_at` moved forward inside the token's window does not make an old result young.
    let mut moved: Value = serde_json::from_slice(&bytes).unwrap();
    moved["provenance"]["_metadata"]["verified_at"] = json!("2025-10-28T06:40:00Z");
    let moved = serde_json::to_vec(&moved).unwrap();
    let policy = Policy::at(iat + Duration::seconds(1300))
        .with_max_age_seconds(1200)
        .with_evidence_keys(support::UPSTREAM_ISS, support::upstream_keys());
    assert_eq!(codes(&moved, &policy), ["time.too_old"]);
    // A result without a verification time cannot meet a maximum age.
    let incode = vector("incode/finish-approved.json");
    assert_eq!(
        codes(&incode, &Policy::at(iat).with_max_age_seconds(600).allow_unsigned_formats()),
        ["time.missing"]
    );
}

// --- Hopae evidence: judged at verified_at, not at the policy instant ------------------------

fn b64(v: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
}

/// The signed userinfo with its evidence id_token (re-signed by the upstream test key) and
/// expires_at replaced.
fn userinfo_with(iat: i64, nbf: i64, exp: i64, expires_at: &str) -> Vec<u8> {
    let mut payload = support::upstream_claims(iat, exp);
    payload["nbf"] = json!(nbf);
    let mut doc = support::userinfo_signed(&payload);
    doc["provenance"]["presentation"]["credentials"][0]["evidence"]["token"]["expires_at"] =
        Value::String(expires_at.to_owned());
    serde_json::to_vec(&doc).unwrap()
}

#[test]
fn evidence_id_token_window_is_judged_at_verified_at() {
    let t = at(VERIFIED_AT);
    let s = t.timestamp(); // 06:20:36; verified_at is 0.992 s later
    let far = "2030-01-01T00:00:00Z";
    // An audit a year later reaches the same verdict: the policy instant plays no part.
    let later = Policy::at(t + Duration::days(365))
        .with_evidence_keys(support::UPSTREAM_ISS, support::upstream_keys());
    assert_eq!(outcome(&userinfo_with(s - 10, s - 10, s + 3600, far), &later).0, Verdict::Verified);
    for leeway in [0i64, 60] {
        let policy = later.clone().with_leeway_seconds(leeway);
        // exp: verified_at must be before exp + leeway, else it disagrees with the signed
        // instants and nothing is judged at it.
        assert_eq!(
            outcome(&userinfo_with(s - 10, s - 10, s + 1 - leeway, far), &policy).0,
            Verdict::Verified
        );
        assert_eq!(
            codes(&userinfo_with(s - 10, s - 10, s - leeway, far), &policy),
            ["binding.time"]
        );
        // nbf: valid once verified_at + leeway >= nbf.
        assert_eq!(
            outcome(&userinfo_with(s - 10, s + leeway, s + 3600, far), &policy).0,
            Verdict::Verified
        );
        assert_eq!(
            codes(&userinfo_with(s - 10, s + leeway + 1, s + 3600, far), &policy),
            ["time.not_yet_valid"]
        );
        // iat: not after verified_at + leeway (verified_at not before the signed iat).
        assert_eq!(
            outcome(&userinfo_with(s + leeway, s - 10, s + 3600, far), &policy).0,
            Verdict::Verified
        );
        assert_eq!(
            codes(&userinfo_with(s + leeway + 1, s - 10, s + 3600, far), &policy),
            ["binding.time"]
        );
    }
}

#[test]
fn evidence_expires_at_is_judged_at_verified_at() {
    let policy = Policy::at(at("2026-10-28T00:00:00Z"))
        .with_leeway_seconds(0)
        .with_evidence_keys(support::UPSTREAM_ISS, support::upstream_keys());
    let s = at(VERIFIED_AT).timestamp();
    let ok = userinfo_with(s - 10, s - 10, s + 3600, "2025-10-28T06:20:37Z");
    let expired = userinfo_with(s - 10, s - 10, s + 3600, "2025-10-28T06:20:36.992Z");
    assert_eq!(outcome(&ok, &policy).0, Verdict::Verified);
    assert_eq!(codes(&expired, &policy), ["time.expired"]);
    let with_leeway = Policy::at(at("2026-10-28T00:00:00Z"))
        .with_evidence_keys(support::UPSTREAM_ISS, support::upstream_keys());
    assert_eq!(
        outcome(&userinfo_with(s - 10, s - 10, s + 3600, "2025-10-28T06:19:37Z"), &with_leeway).0,
        Verdict::Verified
    );
    assert_eq!(
        codes(&userinfo_with(s - 10, s - 10, s + 3600, "2025-10-28T06:19:36Z"), &with_leeway),
        ["time.expired"]
    );
}

#[test]
fn evidence_signature_is_skipped_without_keys_and_unchecked_when_required() {
    let bytes = vector("hopae/userinfo-valid.json");
    let policy = Policy::at(at("2025-10-28T06:30:00Z"));
    let parsed = parse(&bytes, &Limits::default()).unwrap();
    // Nothing verified: an unsigned result, verified only on the opt-in.
    assert_eq!(codes(&bytes, &policy), ["format.unsigned"]);
    let policy = policy.allow_unsigned_formats();
    let verified = parsed.verify(&policy).unwrap();
    let check = verified
        .report()
        .checks()
        .iter()
        .find(|c| c.name == "signature.evidence.id_token")
        .unwrap();
    assert_eq!(check.status, vpcheck::CheckStatus::Skipped);
    let (verdict, codes) = outcome(&bytes, &policy.require_evidence_signatures());
    assert_eq!((verdict, codes), (Verdict::Unchecked, vec!["signature.not_checked".to_owned()]));
}

#[test]
fn evidence_is_exposed_typed_and_raw() {
    let bytes = vector("hopae/userinfo-valid.json");
    let parsed = parse(&bytes, &Limits::default()).unwrap();
    let verified =
        parsed.verify(&Policy::at(at("2025-10-28T06:30:00Z")).allow_unsigned_formats()).unwrap();
    let evidence = verified.evidence();
    assert_eq!(evidence.len(), 1);
    let e = &evidence[0];
    assert_eq!(
        e.names().collect::<Vec<_>>(),
        ["id_token", "expires_at", "access_token", "token_type"]
    );
    assert_eq!(e.token_type().unwrap().as_deref(), Some("Bearer"));
    assert_eq!(e.expires_at().unwrap(), Some(at("2025-10-31T05:43:14Z")));
    let jws = e.id_token(&Limits::default()).unwrap().unwrap();
    assert_eq!(jws.header().unwrap().alg.as_deref(), Some("RS256"));
    let claims = jws.claims("id_token", &Limits::default()).unwrap();
    assert_eq!(claims.sub.as_deref(), Some("PNOLT-40504040001-MOCK-Q"));
    assert!(e.raw("access_token").is_some());
}

// --- bindings ---------------------------------------------------------------------------------

#[test]
fn expected_session_id_accepts_urn_or_uuid_and_rejects_another() {
    let bytes = vector("trinsic-connect/session-success.json");
    let now = at("2023-09-08T20:00:00Z");
    for id in [
        "urn:trinsic:idvsession:051e040a-29b9-46d0-a6ce-54140289cae0",
        "051e040a-29b9-46d0-a6ce-54140289cae0",
    ] {
        assert_eq!(codes(&bytes, &Policy::at(now).expect_session_id(id)), ["key.not_found"]);
    }
    let other = Policy::at(now).expect_session_id("11111111-2222-4333-8444-555555555555");
    assert_eq!(codes(&bytes, &other), ["binding.session_id", "key.not_found"]);
    // Formats without a session id fail an expected one closed.
    let incode = vector("incode/finish-approved.json");
    assert_eq!(
        codes(&incode, &Policy::at(now).expect_session_id("x").allow_unsigned_formats()),
        ["binding.session_id"]
    );
}

#[test]
fn minimum_assurance_level() {
    let bytes = vector("hopae/userinfo-valid.json");
    let now = at("2025-10-28T06:30:00Z");
    // No verified ID token states `acr`: the level is unsigned and cannot make a result pass.
    assert_eq!(codes(&bytes, &Policy::at(now).require_min_assurance_level(3)), ["policy.unsigned"]);
    // Judged on it only when the caller accepts unsigned values.
    let unsigned = Policy::at(now).allow_unsigned_claims().allow_unsigned_formats();
    assert_eq!(
        outcome(&bytes, &unsigned.clone().require_min_assurance_level(3)).0,
        Verdict::Verified
    );
    assert_eq!(codes(&bytes, &unsigned.require_min_assurance_level(4)), ["assurance.too_low"]);
    let incode = vector("incode/finish-approved.json");
    assert_eq!(
        codes(&incode, &Policy::at(now).require_min_assurance_level(1).allow_unsigned_formats()),
        ["assurance.unknown"]
    );
}

#[test]
fn regula_status_and_external_user_id() {
    let bytes = vector("regula/session.json");
    // An unsigned format: accepted here, the subject is its status and user id.
    let base = Policy::at(at("2025-01-01T00:00:00Z")).allow_unsigned_formats();
    assert_eq!(
        outcome(&bytes, &base),
        (Verdict::Unchecked, vec!["state.not_checkable".to_owned()])
    );
    let accepting = base.clone().accept_regula_status(2);
    assert_eq!(
        outcome(&bytes, &accepting.clone().expect_external_user_id("user-42")).0,
        Verdict::Verified
    );
    assert_eq!(
        codes(&bytes, &accepting.expect_external_user_id("user-7")),
        ["binding.external_user_id"]
    );
    assert_eq!(codes(&bytes, &base.accept_regula_status(3)), ["session.failed"]);
}

// --- limits and nested documents --------------------------------------------------------------

#[test]
fn limits_each_have_their_own_error() {
    let now = at("2025-10-28T06:30:00Z");
    let small = Limits { max_input_bytes: 100, ..Limits::default() };
    assert_eq!(
        codes(&vector("hopae/userinfo-valid.json"), &Policy::at(now).with_limits(small)),
        ["input.too_large"]
    );
    let shallow = Limits { max_depth: 3, ..Limits::default() };
    assert_eq!(
        codes(&vector("hopae/userinfo-valid.json"), &Policy::at(now).with_limits(shallow)),
        ["input.too_deep"]
    );
    let one_name = Limits { max_evidence_names: 3, ..Limits::default() };
    assert_eq!(
        codes(&vector("hopae/userinfo-valid.json"), &Policy::at(now).with_limits(one_name)),
        ["limit.evidence_names"]
    );
    let one_credential = Limits { max_credentials: 0, ..Limits::default() };
    assert_eq!(
        codes(&vector("hopae/userinfo-valid.json"), &Policy::at(now).with_limits(one_credential)),
        ["limit.credentials"]
    );
}

#[test]
fn duplicates_inside_the_result_vp_string_are_found_and_named() {
    let mut doc = json_vector("trinsic-connect/session-success.json");
    let vp = doc["resultVp"].as_str().unwrap().replacen(
        "\"familyName\":\"SMITH\"",
        "\"familyName\":\"SMITH\",\"familyName\":\"DOE\"",
        1,
    );
    doc["resultVp"] = Value::String(vp);
    let bytes = serde_json::to_vec(&doc).unwrap();
    let parsed = parse(&bytes, &Limits::default()).unwrap();
    let rejection = parsed.verify(&Policy::at(at("2023-09-08T20:00:00Z"))).unwrap_err();
    let error = &rejection.errors()[0];
    assert_eq!(error.code(), "input.duplicate_member");
    assert!(
        error.to_string().contains("resultVp.verifiableCredential[0].credentialSubject"),
        "{error}"
    );
}

// --- zero-copy --------------------------------------------------------------------------------

#[test]
fn claims_borrow_from_the_input() {
    let bytes = vector("trinsic-sessions/result-success.json");
    let parsed = parse(&bytes, &Limits::default()).unwrap();
    // An unsigned format: its claims are returned only when the caller accepts unsigned formats
    // and unsigned claims.
    let verified = parsed
        .verify(
            &Policy::at(at("2024-08-01T16:00:00Z"))
                .allow_unsigned_formats()
                .allow_unsigned_claims(),
        )
        .unwrap();
    let claims = verified.claims();
    let range = bytes.as_ptr_range();
    for value in [&claims.given_name, &claims.family_name, &claims.full_name] {
        match value {
            Some(Cow::Borrowed(s)) => assert!(range.contains(&s.as_ptr())),
            other => panic!("not borrowed from the input: {other:?}"),
        }
    }
    assert!(claims.raw.is_some_and(|raw| range.contains(&raw.get().as_ptr())));

    // Hopae `user` claims are returned when a verified signature covers them.
    let hopae = vector("hopae-signed/userinfo-valid.json");
    let parsed = parse(&hopae, &Limits::default()).unwrap();
    let verified = parsed
        .verify(
            &Policy::at(at("2025-10-28T06:30:00Z"))
                .with_evidence_keys(support::UPSTREAM_ISS, support::upstream_keys()),
        )
        .unwrap();
    assert!(
        matches!(verified.claims().family_name, Some(Cow::Borrowed(s)) if hopae.as_ptr_range().contains(&s.as_ptr()))
    );
}

#[test]
fn errors_name_the_field() {
    let now = at("2025-10-28T06:30:00Z");
    let bytes = vector("hopae/userinfo-names-duplicate.json");
    let rejection =
        parse(&bytes, &Limits::default()).unwrap().verify(&Policy::at(now)).unwrap_err();
    let message = rejection.errors()[0].to_string();
    assert!(message.contains("provenance.presentation.credentials[0].evidence.names"), "{message}");
    let bad = vector("trinsic-sessions/result-bad-birthdate.json");
    let rejection = parse(&bad, &Limits::default())
        .unwrap()
        .verify(&Policy::at(now).allow_unsigned_formats())
        .unwrap_err();
    assert!(rejection.errors()[0].to_string().contains("identityData.person.dateOfBirth"));
}

#[test]
fn timestamps_at_the_end_of_time_do_not_panic() {
    let header = b64(&json!({"alg": "ES256"}));
    let now = Policy::at(at("2025-01-01T00:00:00Z")).with_leeway_seconds(i64::MAX);
    // chrono's last representable second, then one past it, then i64::MAX.
    for (exp, expected) in [
        (8_210_266_876_799_i64, "signature.not_checked"),
        (8_210_266_876_800, "field.invalid"),
        (i64::MAX, "field.invalid"),
    ] {
        let token = format!(
            "{header}.{}.{}",
            b64(&json!({"exp": exp, "nbf": exp, "iat": exp})),
            URL_SAFE_NO_PAD.encode([1u8; 64])
        );
        let found = codes(token.as_bytes(), &now);
        assert!(found.contains(&expected.to_owned()), "exp {exp}: {found:?}");
    }
}

#[test]
fn unsigned_copy_of_the_claims_must_match_the_signed_credential() {
    // The copy is compared with the claims of the verified BBS+ credential (the issuer's key is
    // supplied); the session's envelope is not signed.
    let mut dids = vpcheck::DidDocuments::new();
    dids.add_json(
        &std::fs::read(format!(
            "{}/test-vectors/trinsic-bbs/issuer.did.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let policy = Policy::at(at("2026-10-01T10:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(vpcheck::TrustedIssuer::trinsic(support::TRINSIC_ISSUER));
    let control = serde_json::to_vec(&json_vector("trinsic-bbs/session-valid.json")).unwrap();
    assert_eq!(codes(&control, &policy), Vec::<String>::new(), "the untouched session verifies");
    for (member, value) in [
        ("familyName", "DOE"),
        ("idNumber", "XX000000"),
        ("dateOfBirth", "2000-07-24"),
        ("givenName", "JOHN"),
    ] {
        let mut doc = json_vector("trinsic-bbs/session-valid.json");
        doc["verifications"]["ver_1"]["normalizedGovernmentIdData"][member] =
            Value::String(value.to_owned());
        let bytes = serde_json::to_vec(&doc).unwrap();
        assert_eq!(codes(&bytes, &policy), ["binding.claims"], "{member}");
    }
}

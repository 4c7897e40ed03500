//! What vpcheck returns must be what was signed (README.md, "What is signed"): Hopae `user`
//! claims held to the verified tokens and reported apart when unsigned, `verified_at` and Trinsic
//! Connect envelope instants held to the signed instants, `require_evidence_signatures` without
//! evidence, and the signed instant an audit judges at. Each attack beside a control that still verifies, built
//! from the signed vectors (Hopae evidence re-signed with the upstream test key where needed).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};
use vpcheck::audit::signed_instant;
use vpcheck::{parse, DidDocuments, Limits, Policy, Verdict};

#[path = "../../tests/support/mod.rs"]
mod support;

use support::{at, hopae_full_policy, hopae_policy, id_token, HOPAE_NOW};
use support::{json_vector, upstream_keys, vector};

/// The verdict and the sorted, deduplicated error codes.
fn codes(bytes: &[u8], policy: &Policy) -> (Verdict, Vec<String>) {
    codes_with(bytes, None, policy)
}

fn codes_with(bytes: &[u8], id_token: Option<&str>, policy: &Policy) -> (Verdict, Vec<String>) {
    let mut u = parse(bytes, policy.limits()).unwrap();
    if let Some(t) = id_token {
        u = u.with_id_token(t, policy.limits()).unwrap();
    }
    match u.verify(policy) {
        Ok(_) => (Verdict::Verified, vec![]),
        Err(r) => (
            r.verdict(),
            r.errors()
                .iter()
                .map(|e| e.code().to_owned())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        ),
    }
}

fn verified() -> (Verdict, Vec<String>) {
    (Verdict::Verified, vec![])
}

fn rejected(code: &str) -> (Verdict, Vec<String>) {
    (Verdict::Rejected, vec![code.to_owned()])
}

// --- Hopae `user` claims ------------------------------------------------------------------------

fn with(doc: &Value, edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut doc = doc.clone();
    edit(&mut doc);
    serde_json::to_vec(&doc).unwrap()
}

#[test]
fn user_claims_covered_by_the_verified_evidence_are_returned() {
    let bytes = vector("hopae-signed/userinfo-valid.json");
    let parsed = parse(&bytes, &Limits::default()).unwrap();
    let v = parsed.verify(&hopae_policy()).unwrap();
    let c = v.claims();
    assert_eq!(c.given_name.as_deref(), Some("OK"));
    assert_eq!(c.family_name.as_deref(), Some("TESTNUMBER"));
    assert_eq!(c.full_name.as_deref(), Some("OK TESTNUMBER"));
    assert_eq!(c.birth_date.map(|d| d.to_string()).as_deref(), Some("1905-04-04"));
    assert_eq!(c.nationality, Some("LT"));
    assert!(c.raw.is_some(), "every relayed claim was compared with the verified token");
    assert_eq!(c.provenance.verified_at, Some(at("2025-10-28T06:20:36.992Z")));
    // Only metadata nothing signs is listed, and it is kept out of the claims.
    let unsigned: Vec<&str> = v.unsigned().iter().map(|u| u.field.as_str()).collect();
    assert!(unsigned.iter().all(|f| !f.starts_with("user.")), "{unsigned:?}");
    assert!(unsigned.contains(&"provenance._metadata.verification_id"));
    assert!(v.unsigned().iter().all(|u| u.withheld));
    assert_eq!(c.provenance.session_id, None);
    assert_eq!(c.provenance.provider_id, None);
}

#[test]
fn a_user_claim_contradicting_the_signed_evidence_is_rejected() {
    let doc = json_vector("hopae-signed/userinfo-valid.json");
    for (member, value) in [
        ("family_name", "DOE"),
        ("given_name", "EVE"),
        ("birthdate", "1990-01-01"),
        ("nationality", "EE"),
    ] {
        let bytes = with(&doc, |d| d["user"][member] = json!(value));
        assert_eq!(codes(&bytes, &hopae_policy()), rejected("binding.claims"), "{member}");
        // The same edit against the full policy (ID token attached) is rejected too.
        assert_eq!(
            codes_with(&bytes, Some(&id_token()), &hopae_full_policy()),
            rejected("binding.claims"),
            "{member}"
        );
    }
    // Another form of the same date is the same claim (epoch milliseconds, a midnight
    // date-time), and covered.
    for same in [json!(-2_043_187_200_000_i64), json!("1905-04-04T00:00:00Z")] {
        let bytes = with(&doc, |d| d["user"]["birthdate"] = same.clone());
        let parsed = parse(&bytes, &Limits::default()).unwrap();
        let v = parsed.verify(&hopae_policy()).unwrap();
        assert_eq!(
            v.claims().birth_date.map(|d| d.to_string()).as_deref(),
            Some("1905-04-04"),
            "{same}"
        );
    }
    // Control: the untouched userinfo with the ID token.
    assert_eq!(
        codes_with(&serde_json::to_vec(&doc).unwrap(), Some(&id_token()), &hopae_full_policy()),
        verified()
    );
    // `name` is no token member: it is signed only as the signed given and family names joined,
    // so another name is withheld and listed (Hopae may order or join names otherwise).
    let bytes = with(&doc, |d| d["user"]["name"] = json!("EVE DOE"));
    let parsed = parse(&bytes, &Limits::default()).unwrap();
    let v = parsed.verify(&hopae_policy()).unwrap();
    assert_eq!(v.claims().full_name, None);
    assert!(v.unsigned().iter().any(|u| u.field == "user.name" && u.withheld));
    // A contradicting user claim is rejected even when the token's signature is not checked:
    // one of the two was altered.
    let bytes = with(&doc, |d| d["user"]["family_name"] = json!("DOE"));
    assert_eq!(codes(&bytes, &Policy::at(at(HOPAE_NOW))), rejected("binding.claims"));
}

#[test]
fn user_claims_no_signature_covers_are_withheld_and_listed() {
    let doc = json_vector("hopae-signed/userinfo-valid.json");
    let bytes = with(&doc, |d| {
        d["user"]["gender"] = json!("female");
        d["user"]["email"] = json!("ok@example.com");
        d["user"]["address"] = json!({"locality": "Vilnius", "country": "LT"});
    });
    let parsed = parse(&bytes, &Limits::default()).unwrap();
    let v = parsed.verify(&hopae_policy()).unwrap();
    assert_eq!(v.claims().sex, None);
    assert!(v.claims().address.is_none());
    assert_eq!(v.claims().family_name.as_deref(), Some("TESTNUMBER"), "signed claims stay");
    let withheld: BTreeSet<&str> = v
        .unsigned()
        .iter()
        .filter(|u| u.withheld && u.field.starts_with("user."))
        .map(|u| u.field.as_str())
        .collect();
    assert_eq!(
        withheld,
        BTreeSet::from([
            "user.gender",
            "user.email",
            "user.address.locality",
            "user.address.country"
        ])
    );
    let gender = v.unsigned().iter().find(|u| u.field == "user.gender").unwrap();
    assert_eq!(gender.value.as_deref(), Some("female"));

    // Accepted by an explicit call: returned, still listed, not withheld.
    let allowing = hopae_policy().allow_unsigned_claims();
    let v = parsed.verify(&allowing).unwrap();
    assert!(v.claims().sex.is_some());
    assert_eq!(v.claims().address.as_ref().and_then(|a| a.locality.as_deref()), Some("Vilnius"));
    assert!(v.unsigned().iter().any(|u| u.field == "user.gender" && !u.withheld));
}

#[test]
fn without_keys_no_user_claim_is_signed() {
    let bytes = vector("hopae-signed/userinfo-valid.json");
    let parsed = parse(&bytes, &Limits::default()).unwrap();
    // Nothing in it verified: an unsigned result, refused unless the caller accepts those.
    assert_eq!(
        codes(&bytes, &Policy::at(at(HOPAE_NOW))),
        (Verdict::Unchecked, vec!["format.unsigned".to_owned()])
    );
    // Accepted, it verifies (the evidence signature is skipped), but nothing is returned that no
    // signature covers.
    let v = parsed.verify(&Policy::at(at(HOPAE_NOW)).allow_unsigned_formats()).unwrap();
    let c = v.claims();
    assert_eq!(
        (c.given_name.as_deref(), c.family_name.as_deref(), c.birth_date, c.nationality),
        (None, None, None, None)
    );
    assert!(c.raw.is_none());
    assert_eq!(c.provenance.verified_at, None);
    for field in [
        "user.given_name",
        "user.family_name",
        "user.birthdate",
        "user.nationality",
        "user.name",
        "provenance._metadata.verified_at",
    ] {
        assert!(v.unsigned().iter().any(|u| u.field == field && u.withheld), "{field}");
    }
    let v = parsed
        .verify(&Policy::at(at(HOPAE_NOW)).allow_unsigned_formats().allow_unsigned_claims())
        .unwrap();
    assert_eq!(v.claims().family_name.as_deref(), Some("TESTNUMBER"));
    assert_eq!(v.claims().provenance.verified_at, Some(at("2025-10-28T06:20:36.992Z")));
    // With a required evidence signature it remains "could not check".
    let required = Policy::at(at(HOPAE_NOW)).require_evidence_signatures();
    assert_eq!(
        codes(&bytes, &required),
        (Verdict::Unchecked, vec!["signature.not_checked".to_owned()])
    );
}

#[test]
fn the_evidence_token_signed_under_another_name_still_covers() {
    // An upstream token using the OIDC names (given_name, family_name) covers the same claims.
    let mut payload = support::upstream_claims(1_761_632_430, 1_761_636_030);
    let obj = payload.as_object_mut().unwrap();
    obj.remove("givenName");
    obj.remove("surname");
    obj.insert("given_name".into(), json!("OK"));
    obj.insert("family_name".into(), json!("TESTNUMBER"));
    let doc = support::userinfo_signed(&payload);
    // The relayed claims copy keeps Smart-ID's names: the members the token lacks are not
    // compared, so that copy is withheld; the user claims are covered.
    let bytes = serde_json::to_vec(&doc).unwrap();
    let parsed = parse(&bytes, &Limits::default()).unwrap();
    let v = parsed.verify(&hopae_policy()).unwrap();
    assert_eq!(v.claims().given_name.as_deref(), Some("OK"));
    assert_eq!(v.claims().family_name.as_deref(), Some("TESTNUMBER"));
    assert!(v.claims().raw.is_none());
    assert!(v
        .unsigned()
        .iter()
        .any(|u| u.field == "provenance.presentation.credentials[0].claims" && u.withheld));
}

// --- require_evidence_signatures -----------------------------------------------------------------

#[test]
fn required_evidence_signatures_need_evidence_and_an_id_token() {
    let doc = json_vector("hopae-signed/userinfo-valid.json");
    let required = hopae_policy().require_evidence_signatures();
    assert_eq!(codes(&serde_json::to_vec(&doc).unwrap(), &required), verified(), "control");
    let no_evidence = with(&doc, |d| {
        d["provenance"]["presentation"]["credentials"][0]
            .as_object_mut()
            .unwrap()
            .remove("evidence");
    });
    assert_eq!(codes(&no_evidence, &required), rejected("evidence.unsigned"));
    // Not required: with no token left, nothing verifies, so the result is unsigned; accepted as
    // such, only the claims are withheld.
    assert_eq!(
        codes(&no_evidence, &hopae_policy()),
        (Verdict::Unchecked, vec!["format.unsigned".to_owned()])
    );
    assert_eq!(
        codes(&no_evidence, &hopae_policy().allow_unsigned_formats()),
        verified(),
        "not required: only the claims are withheld"
    );
    let no_token = with(&doc, |d| {
        let ev = &mut d["provenance"]["presentation"]["credentials"][0]["evidence"];
        ev["token"].as_object_mut().unwrap().remove("id_token");
        ev["names"] = json!("expires_at;access_token;token_type");
    });
    assert_eq!(codes(&no_token, &required), rejected("evidence.unsigned"));
    let no_credentials = with(&doc, |d| d["provenance"]["presentation"]["credentials"] = json!([]));
    assert_eq!(codes(&no_credentials, &required), rejected("evidence.unsigned"));
    // Bare evidence without an id_token.
    let bare = json!({"token": {"expires_at": "2025-10-31T05:43:14.000Z", "token_type": "Bearer"}, "names": "expires_at;token_type"});
    let bare = serde_json::to_vec(&bare).unwrap();
    assert_eq!(codes(&bare, &required), rejected("evidence.unsigned"));
    assert_eq!(
        codes(&bare, &hopae_policy()),
        (Verdict::Unchecked, vec!["format.unsigned".to_owned()])
    );
    assert_eq!(codes(&bare, &hopae_policy().allow_unsigned_formats()), verified());
}

// --- verified_at inside the signed instants ----------------------------------------------------

/// The signed evidence token's iat and exp (06:20:30 and 07:20:30).
const EVIDENCE_IAT: &str = "2025-10-28T06:20:30Z";
const EVIDENCE_EXP: &str = "2025-10-28T07:20:30Z";

fn with_verified_at(t: DateTime<Utc>) -> Vec<u8> {
    let doc = json_vector("hopae-signed/userinfo-valid.json");
    with(&doc, |d| d["provenance"]["_metadata"]["verified_at"] = json!(t.to_rfc3339()))
}

#[test]
fn verified_at_one_second_either_side_of_the_signed_window() {
    let (iat, exp) = (at(EVIDENCE_IAT), at(EVIDENCE_EXP));
    for leeway in [0i64, 60] {
        let l = Duration::seconds(leeway);
        // Judged late enough that verified_at is never in the future.
        let policy = Policy::at(exp + Duration::hours(1))
            .with_evidence_keys(support::UPSTREAM_ISS, upstream_keys())
            .with_leeway_seconds(leeway);
        // Not before iat - leeway.
        assert_eq!(codes(&with_verified_at(iat - l), &policy), verified(), "leeway {leeway}");
        assert_eq!(
            codes(&with_verified_at(iat - l - Duration::seconds(1)), &policy),
            rejected("binding.time"),
            "leeway {leeway}"
        );
        // Before exp + leeway (the evidence token then is still valid at verified_at).
        assert_eq!(
            codes(&with_verified_at(exp + l - Duration::seconds(1)), &policy),
            verified(),
            "leeway {leeway}"
        );
        assert_eq!(
            codes(&with_verified_at(exp + l), &policy),
            rejected("binding.time"),
            "leeway {leeway}"
        );
    }
}

#[test]
fn verified_at_moved_back_is_refused_by_the_hopae_id_token() {
    // Evidence that expired before the verification: its window is 04:20:30 to 05:20:30, and
    // Hopae verified at 06:20:36.992.
    let payload = support::upstream_claims(1_761_632_430 - 7200, 1_761_632_430 - 3600);
    let doc = support::userinfo_signed(&payload);
    let honest = serde_json::to_vec(&doc).unwrap();
    assert_eq!(
        codes_with(&honest, Some(&id_token()), &hopae_full_policy()),
        rejected("binding.time")
    );
    // The attack: verified_at moved back into the evidence window. The Hopae ID token, issued
    // at 06:20:37, signs a later instant.
    let moved =
        with(&doc, |d| d["provenance"]["_metadata"]["verified_at"] = json!("2025-10-28T05:00:00Z"));
    assert_eq!(
        codes_with(&moved, Some(&id_token()), &hopae_full_policy()),
        rejected("binding.time")
    );
    // The error names both instants.
    let token = id_token();
    let parsed = parse(&moved, &Limits::default())
        .unwrap()
        .with_id_token(&token, &Limits::default())
        .unwrap();
    let rejection = parsed.verify(&hopae_full_policy()).unwrap_err();
    let message = rejection.errors()[0].to_string();
    assert!(
        message.contains("provenance._metadata.verified_at")
            && message.contains("id_token(payload).iat"),
        "{message}"
    );
    // Control: the untouched signed vector with its ID token.
    assert_eq!(
        codes_with(
            &vector("hopae-signed/userinfo-valid.json"),
            Some(&id_token()),
            &hopae_full_policy()
        ),
        verified()
    );
}

#[test]
fn unsigned_verified_at_cannot_meet_a_maximum_age() {
    let bytes = vector("hopae-signed/userinfo-valid.json");
    let policy = Policy::at(at(HOPAE_NOW)).with_max_age_seconds(3600);
    // Without keys nothing is signed: the maximum age could not be checked.
    assert_eq!(codes(&bytes, &policy), (Verdict::Unchecked, vec!["policy.unsigned".to_owned()]));
    assert_eq!(
        codes(&bytes, &policy.with_evidence_keys(support::UPSTREAM_ISS, upstream_keys())),
        verified()
    );
}

// --- Trinsic Connect: the signed issuance, not the envelope ------------------------------------

/// session-valid.json: issuanceDate 2026-10-01T09:30:00Z (1790847000), envelope created
/// 1790846940, updated 1790847005, verification updated 1790847000.
const ISSUED: i64 = 1_790_847_000;

fn trinsic_policy(now: DateTime<Utc>) -> Policy {
    let mut dids = DidDocuments::new();
    dids.add_json(&vector("trinsic-bbs/issuer.did.json")).unwrap();
    Policy::at(now)
        .with_did_documents(dids)
        .trust_issuer(vpcheck::TrustedIssuer::trinsic(support::TRINSIC_ISSUER))
}

fn trinsic_with(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    with(&json_vector("trinsic-bbs/session-valid.json"), edit)
}

#[test]
fn trinsic_connect_max_age_uses_the_signed_issuance() {
    let issued = DateTime::from_timestamp(ISSUED, 0).unwrap();
    let bytes = vector("trinsic-bbs/session-valid.json");
    // Control: an hour's maximum age, one second either side (leeway 60 s), on the issuance.
    let edge = issued + Duration::seconds(3600 + 60);
    assert_eq!(codes(&bytes, &trinsic_policy(edge).with_max_age_seconds(3600)), verified());
    assert_eq!(
        codes(&bytes, &trinsic_policy(edge + Duration::seconds(1)).with_max_age_seconds(3600)),
        rejected("time.too_old")
    );
    let parsed = parse(&bytes, &Limits::default()).unwrap();
    let v = parsed.verify(&trinsic_policy(edge)).unwrap();
    assert_eq!(v.claims().provenance.verified_at, Some(issued));

    // The attack: a 15-month-old session, only its envelope instants rewritten to look fresh.
    let later = issued + Duration::days(456);
    let fresh = |d: &mut Value| {
        let t = later.timestamp();
        d["created"] = json!((t - 60).to_string());
        d["updated"] = json!(t.to_string());
        d["verifications"]["ver_1"]["updated"] = json!(t.to_string());
    };
    let attack = trinsic_with(fresh);
    let now = later + Duration::seconds(60);
    let (verdict, found) = codes(&attack, &trinsic_policy(now).with_max_age_seconds(3600));
    assert_eq!(verdict, Verdict::Rejected);
    assert_eq!(found, ["binding.time", "time.too_old"]);
    // Without a maximum age the envelope still disagrees with the signature.
    assert_eq!(codes(&attack, &trinsic_policy(now)), rejected("binding.time"));
}

#[test]
fn trinsic_connect_envelope_instants_one_second_either_side() {
    let now = DateTime::from_timestamp(ISSUED + 3600, 0).unwrap();
    for leeway in [0i64, 60] {
        let policy = trinsic_policy(now).with_leeway_seconds(leeway);
        // The vector's `updated` is 5 s after the issuance: set it to the issuance, so that a
        // leeway of 0 starts from an envelope that agrees.
        let set = |member: &'static str, t: i64| {
            trinsic_with(move |d| {
                d["updated"] = json!(ISSUED.to_string());
                match member {
                    "verification" => d["verifications"]["ver_1"]["updated"] = json!(t.to_string()),
                    m => d[m] = json!(t.to_string()),
                }
            })
        };
        // `updated` within the leeway of the issuance, either way (created stays before it).
        let updated_ok = [ISSUED - leeway, ISSUED + leeway];
        for t in updated_ok {
            assert_eq!(
                codes(&set("updated", t.max(1_790_846_940)), &policy),
                verified(),
                "updated {t} leeway {leeway}"
            );
        }
        assert_eq!(
            codes(&set("updated", ISSUED + leeway + 1), &policy),
            rejected("binding.time"),
            "leeway {leeway}"
        );
        // `created` and a verification's `updated`: not after the issuance + leeway.
        assert_eq!(
            codes(&set("verification", ISSUED + leeway), &policy),
            verified(),
            "leeway {leeway}"
        );
        assert_eq!(
            codes(&set("verification", ISSUED + leeway + 1), &policy),
            rejected("binding.time"),
            "leeway {leeway}"
        );
        assert_eq!(codes(&set("created", ISSUED), &policy), verified(), "leeway {leeway}");
    }
    // `updated` well before the issuance: the session cannot have finished before its result.
    let policy = trinsic_policy(now);
    let before = trinsic_with(|d| {
        d["created"] = json!((ISSUED - 3600).to_string());
        d["updated"] = json!((ISSUED - 61).to_string());
        d["verifications"]["ver_1"]["updated"] = json!((ISSUED - 120).to_string());
    });
    assert_eq!(codes(&before, &policy), rejected("binding.time"));
    // `created` after the issuance (and after `updated`: time.order as well).
    let created_late = trinsic_with(|d| d["created"] = json!((ISSUED + 61).to_string()));
    assert_eq!(
        codes(&created_late, &policy),
        (Verdict::Rejected, vec!["binding.time".to_owned(), "time.order".to_owned()])
    );
    // Control: untouched.
    assert_eq!(codes(&vector("trinsic-bbs/session-valid.json"), &policy), verified());
}

// --- the signed instant of a stored result --------------------------------------------------------

#[test]
fn signed_instants_by_format() {
    let limits = Limits::default();
    let (field, t) = signed_instant(&vector("trinsic-bbs/session-valid.json"), &limits).unwrap();
    assert_eq!(
        (field.as_str(), t),
        (
            "resultVp.verifiableCredential[0].issuanceDate",
            DateTime::from_timestamp(ISSUED, 0).unwrap()
        )
    );
    let (field, t) = signed_instant(&vector("hopae-signed/userinfo-valid.json"), &limits).unwrap();
    assert_eq!(
        (field.as_str(), t),
        (
            "provenance.presentation.credentials[0].evidence.token.id_token(payload).iat",
            at(EVIDENCE_IAT)
        )
    );
    let (field, _) = signed_instant(&vector("jwt-signed/vp11-valid.jwt"), &limits).unwrap();
    assert_eq!(field, "jws(payload).iat");
    for unsigned_format in [
        "incode/finish-approved.json",
        "trinsic-sessions/result-success.json",
        "hopae/verification-failed.json",
    ] {
        assert_eq!(
            signed_instant(&vector(unsigned_format), &limits).unwrap_err().code(),
            "audit.instant_unavailable",
            "{unsigned_format}"
        );
    }
    assert_eq!(signed_instant(b"{", &limits).unwrap_err().code(), "input.json_syntax");
}

#[test]
fn an_instant_read_before_verification_is_signed_only_once_confirmed() {
    let limits = Limits::default();
    let verify_at = |bytes: &[u8], policy: Policy| {
        let (field, t) = signed_instant(bytes, &limits).unwrap();
        let mut report = match parse(bytes, &limits).unwrap().verify(&policy.with_now(t)) {
            Ok(v) => v.into_report(),
            Err(r) => r.into_report(),
        };
        let confirmed = report.confirm_signed_instant(&field, t);
        (confirmed, report.verdict(), report.errors().iter().map(|e| e.code()).collect::<Vec<_>>())
    };
    // Control: a validly signed session, judged at its issuance.
    let bytes = vector("trinsic-bbs/session-valid.json");
    assert_eq!(
        verify_at(&bytes, trinsic_policy(at("2030-01-01T00:00:00Z"))),
        (true, Verdict::Verified, vec![])
    );
    // Hopae with its upstream keys: the evidence token's iat.
    let hopae = vector("hopae-signed/userinfo-valid.json");
    assert_eq!(verify_at(&hopae, hopae_policy()), (true, Verdict::Verified, vec![]));
    // Without keys nothing confirms the instant: could not check (and nothing verified at all:
    // an unsigned result, unless accepted as such).
    assert_eq!(
        verify_at(&hopae, Policy::at(at(HOPAE_NOW))),
        (false, Verdict::Unchecked, vec!["format.unsigned"])
    );
    assert_eq!(
        verify_at(&hopae, Policy::at(at(HOPAE_NOW)).allow_unsigned_formats()),
        (false, Verdict::Unchecked, vec!["audit.instant_unsigned"])
    );
    // JWTs: the iat, once the signature verified.
    let issuer = vpcheck::KeySet::from_json(&vector("keys/issuer.jwks.json")).unwrap();
    let keyed =
        Policy::at(at("2025-01-01T00:00:00Z")).with_issuer_keys("did:example:issuer", issuer);
    // A credential is not addressed to the caller: an audience and nonce are judged on the JWT
    // only (else `policy.unconsumed`).
    let jwt_policy =
        keyed.clone().expect_audience("https://verifier.example").expect_nonce("c-7f2a");
    for (jwt, policy) in
        [("jwt-signed/es256-valid.jwt", jwt_policy), ("jwt-signed/vc11-valid.jwt", keyed)]
    {
        assert_eq!(verify_at(&vector(jwt), policy), (true, Verdict::Verified, vec![]), "{jwt}");
    }
    // An edited instant fails the signature it was read from: the verdict says so.
    let edited = trinsic_with(|d| {
        let vp =
            d["resultVp"].as_str().unwrap().replace("2026-10-01T09:30:00Z", "2027-10-01T09:30:00Z");
        d["resultVp"] = json!(vp);
    });
    let (confirmed, verdict, _) = verify_at(&edited, trinsic_policy(at("2030-01-01T00:00:00Z")));
    assert!(!confirmed);
    assert_ne!(verdict, Verdict::Verified);
}

// --- vpcheck audit --at signed ------------------------------------------------------------------

fn audit(args: &[&str]) -> Vec<Value> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vpcheck"))
        .arg("audit")
        .args(args)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v.get("input").is_some())
        .collect()
}

#[test]
fn audit_items_say_whether_their_instant_was_signed() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("audit-signed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a-trinsic.json"), vector("trinsic-bbs/session-valid.json")).unwrap();
    // The attack: the stored record's issuance edited (a year later) breaks its signature.
    let edited = trinsic_with(|d| {
        let vp =
            d["resultVp"].as_str().unwrap().replace("2026-10-01T09:30:00Z", "2027-10-01T09:30:00Z");
        d["resultVp"] = json!(vp);
    });
    std::fs::write(dir.join("b-trinsic-edited.json"), edited).unwrap();
    std::fs::write(dir.join("c-hopae.json"), vector("hopae-signed/userinfo-valid.json")).unwrap();
    std::fs::write(dir.join("d-incode.json"), vector("incode/finish-approved.json")).unwrap();
    let root = concat!(concat!(env!("CARGO_MANIFEST_DIR"), "/.."), "/test-vectors/");
    let did = format!("{root}trinsic-bbs/issuer.did.json");
    let jwks = format!("{}={root}keys/upstream.jwks.json", support::UPSTREAM_ISS);
    let dir_arg = dir.display().to_string();

    let items = audit(&[
        "--at",
        "signed",
        "--jobs",
        "1",
        "--did-doc",
        &did,
        "--trust-trinsic-issuer",
        support::TRINSIC_ISSUER,
        "--evidence-jwks",
        &jwks,
        &dir_arg,
    ]);
    let row = |i: usize| {
        (
            items[i]["verdict"].as_str().unwrap().to_owned(),
            items[i]["instant_signed"].clone(),
            items[i]["at"].clone(),
        )
    };
    assert_eq!(items.len(), 4);
    assert_eq!(row(0), ("verified".into(), json!(true), json!("2026-10-01T09:30:00Z")));
    assert_eq!(row(1).0, "rejected");
    assert_eq!(row(1).1, json!(false));
    assert_eq!(row(2), ("verified".into(), json!(true), json!("2025-10-28T06:20:30Z")));
    assert_eq!(row(3), ("unchecked".into(), json!(false), Value::Null));
    assert_eq!(items[3]["errors"][0]["code"], "audit.instant_unavailable");
    assert!(items.iter().all(|i| i["instant_source"] == "signed"));

    // The same Hopae record without its upstream keys: nothing confirms the instant.
    let items = audit(&[
        "--at",
        "signed",
        "--jobs",
        "1",
        "--allow-unsigned-formats",
        &dir.join("c-hopae.json").display().to_string(),
    ]);
    assert_eq!(items[0]["verdict"], "unchecked");
    assert_eq!(items[0]["errors"][0]["code"], "audit.instant_unsigned");
    assert_eq!(items[0]["instant_signed"], json!(false));

    // --at-field reads an unsigned member: reported as such, still judged at it.
    let items = audit(&[
        "--at-field",
        "updated",
        "--jobs",
        "1",
        "--did-doc",
        &did,
        "--trust-trinsic-issuer",
        support::TRINSIC_ISSUER,
        &dir.join("a-trinsic.json").display().to_string(),
    ]);
    assert_eq!(items[0]["verdict"], "verified");
    assert_eq!(items[0]["instant_source"], "field");
    assert_eq!(items[0]["instant_signed"], json!(false));
    // --now: the auditor's own instant.
    let items = audit(&[
        "--now",
        "2026-10-01T10:00:00Z",
        "--jobs",
        "1",
        "--did-doc",
        &did,
        "--trust-trinsic-issuer",
        support::TRINSIC_ISSUER,
        &dir.join("a-trinsic.json").display().to_string(),
    ]);
    assert_eq!(
        (items[0]["instant_source"].clone(), items[0]["instant_signed"].clone()),
        (json!("now"), Value::Null)
    );
    // --at and --at-field exclude each other.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vpcheck"))
        .args(["audit", "--at", "signed", "--at-field", "updated", &dir_arg])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

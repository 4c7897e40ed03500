//! `credentialStatus` entries against supplied status lists: each way an entry or a list can be
//! unusable gets its own answer. The credential is the generated issuer-signed one with its
//! status entry rewritten and signed again by the same issuer (an Ed25519 method of its DID,
//! eddsa-rdfc-2022): status entries are read from the statements a proof verified, so each case
//! must be one the issuer signed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use vpcheck::{parse, CheckStatus, DidDocuments, Limits, Policy, StatusList};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/test-vectors/trinsic-bbs/");
const REVOCATIONS: &str = "https://idv.vpcheck.example/credential-status/zRevocationList1";
const SUSPENSIONS: &str = "https://idv.vpcheck.example/credential-status/zSuspensionList1";

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}{name}")).unwrap()
}

const ED25519_METHOD: &str = "did:web:idv.vpcheck.example:zVpcheckTestIssuer#ed25519-test";

fn policy() -> Policy {
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-10-01T10:00:00Z").unwrap().into();
    let mut dids = DidDocuments::new();
    dids.add_json(support::with_method(&read("issuer.did.json"), ED25519_METHOD, 11).as_bytes())
        .unwrap();
    Policy::at(now)
        .with_did_documents(dids)
        .trust_issuer(vpcheck::TrustedIssuer::trinsic(support::TRINSIC_ISSUER))
        .with_status_list(StatusList::parse(&read("revocation-list.json")).unwrap())
        .with_status_list(StatusList::parse(&read("suspension-list.json")).unwrap())
}

/// The status checks' outcomes for the signed credential with `status` as its entry:
/// `(check name, code or "passed"/"skipped")`.
fn status_outcomes(status: Value, policy: &Policy) -> Vec<(String, String)> {
    let mut credential: Value = serde_json::from_str(&read("credential-signed.json")).unwrap();
    credential["credentialStatus"] = status;
    // The Data Integrity terms (`cryptosuite`, `proofValue`) for the eddsa-rdfc-2022 proof.
    credential["@context"]
        .as_array_mut()
        .unwrap()
        .insert(2, json!("https://w3id.org/security/data-integrity/v2"));
    let text = support::sign_rdfc(&credential, ED25519_METHOD, 11, "2026-10-01T09:30:00Z", policy)
        .to_string();
    let report = match parse(text.as_bytes(), &Limits::default()).unwrap().verify(policy) {
        Ok(v) => v.report().clone(),
        Err(r) => r.report().clone(),
    };
    report
        .checks()
        .iter()
        // Which supplied list went unused is tested on its own below.
        .filter(|c| c.name.starts_with("status.") && c.name != "status.unused")
        .map(|c| {
            // A "could not check" error is recorded as a skipped check with the error beside it.
            let error = report.errors().iter().find(|e| c.detail.contains(&e.to_string()));
            let outcome = match (c.status, error) {
                (CheckStatus::Passed, _) => "passed".to_owned(),
                (_, Some(e)) => e.code().to_owned(),
                (CheckStatus::Skipped, None) => "skipped".to_owned(),
                (CheckStatus::Failed, None) => format!("failed: {}", c.detail),
            };
            (c.name.to_string(), outcome)
        })
        .collect()
}

fn rl2020(index: Value) -> Value {
    json!({"id": format!("{REVOCATIONS}#x"), "type": "RevocationList2020Status", "revocationListCredential": REVOCATIONS, "revocationListIndex": index})
}

fn outcome(name: &str, code: &str) -> (String, String) {
    (name.to_owned(), code.to_owned())
}

#[test]
fn clear_set_and_out_of_range_indices() {
    let p = policy();
    assert_eq!(status_outcomes(rl2020(json!("7")), &p), [outcome("status.revocation", "passed")]);
    assert_eq!(
        status_outcomes(rl2020(json!(7)), &p),
        [outcome("status.revocation", "passed")],
        "a JSON integer index"
    );
    assert_eq!(
        status_outcomes(rl2020(json!("42")), &p),
        [outcome("status.revocation", "status.revoked")]
    );
    assert_eq!(
        status_outcomes(rl2020(json!("131071")), &p),
        [outcome("status.revocation", "passed")],
        "the last entry"
    );
    assert_eq!(
        status_outcomes(rl2020(json!("131072")), &p),
        [outcome("status.revocation", "status.invalid")],
        "one past the end"
    );
}

#[test]
fn malformed_indices_are_refused() {
    let p = policy();
    for index in [
        json!("-1"),
        json!("+7"),
        json!("0x07"),
        json!(" 7"),
        json!(""),
        json!("7.0"),
        json!(-1),
        json!("99999999999999999999999"),
    ] {
        assert_eq!(
            status_outcomes(rl2020(index.clone()), &p),
            [outcome("status.entry", "status.invalid")],
            "{index}"
        );
    }
    // A null index yields no statement: the surface refuses it before any status check.
    assert_eq!(status_outcomes(rl2020(json!(null)), &p), []);
    for index in [json!(7.5), json!(true)] {
        let got = status_outcomes(rl2020(index.clone()), &p);
        assert_eq!(got.len(), 1, "{index}: {got:?}");
        assert!(got[0].1.starts_with("field.") || got[0].1 == "status.invalid", "{index}: {got:?}");
    }
}

#[test]
fn purpose_type_and_list_must_match() {
    let p = policy();
    // A StatusList2021 entry naming the suspension list as a revocation list.
    let wrong_purpose = json!({"type": "StatusList2021Entry", "statusPurpose": "revocation", "statusListCredential": SUSPENSIONS, "statusListIndex": "3"});
    assert_eq!(status_outcomes(wrong_purpose, &p), [outcome("status.entry", "status.invalid")]);
    // A StatusList2021 entry pointing at a Revocation List 2020 credential.
    let wrong_kind = json!({"type": "StatusList2021Entry", "statusPurpose": "revocation", "statusListCredential": REVOCATIONS, "statusListIndex": "3"});
    assert_eq!(status_outcomes(wrong_kind, &p), [outcome("status.entry", "status.invalid")]);
    let suspended = json!({"type": "StatusList2021Entry", "statusPurpose": "suspension", "statusListCredential": SUSPENSIONS, "statusListIndex": "3"});
    assert_eq!(status_outcomes(suspended, &p), [outcome("status.suspension", "status.suspended")]);
    let missing_purpose = json!({"type": "StatusList2021Entry", "statusListCredential": SUSPENSIONS, "statusListIndex": "3"});
    assert_eq!(status_outcomes(missing_purpose, &p), [outcome("status.entry", "field.missing")]);
}

#[test]
fn what_cannot_be_checked_is_skipped_unless_required() {
    let p = policy();
    let unknown_type =
        json!({"type": "CredentialStatusList2017", "id": "https://issuer.example/status/1"});
    let unknown_purpose = json!({"type": "StatusList2021Entry", "statusPurpose": "message", "statusListCredential": SUSPENSIONS, "statusListIndex": "3"});
    let multi_bit = json!({"type": "StatusList2021Entry", "statusPurpose": "suspension", "statusSize": 2, "statusListCredential": SUSPENSIONS, "statusListIndex": "3"});
    let no_list = json!({"type": "RevocationList2020Status", "revocationListCredential": "https://elsewhere.example/list", "revocationListIndex": "1"});
    for status in [unknown_type, unknown_purpose, multi_bit, no_list] {
        assert_eq!(
            status_outcomes(status.clone(), &p),
            [outcome("status.checked", "skipped")],
            "{status}"
        );
        let required = p.clone().require_status_check();
        assert_eq!(
            status_outcomes(status.clone(), &required),
            [outcome("status.checked", "status.not_checked")],
            "{status}"
        );
    }
}

#[test]
fn every_entry_of_a_list_is_checked() {
    let p = policy();
    let both = json!([rl2020(json!("7")), {"type": "StatusList2021Entry", "statusPurpose": "suspension", "statusListCredential": SUSPENSIONS, "statusListIndex": "3"}]);
    assert_eq!(
        status_outcomes(both, &p),
        [outcome("status.revocation", "passed"), outcome("status.suspension", "status.suspended")]
    );
    // Seventeen entries (distinct nodes: identical ones would be one statement set).
    let too_many = Value::Array(
        (0..17)
            .map(|i| {
                let mut e = rl2020(json!("7"));
                e["id"] = json!(format!("{REVOCATIONS}#e{i}"));
                e
            })
            .collect(),
    );
    assert_eq!(status_outcomes(too_many, &p), [outcome("status.entry", "status.invalid")]);
}

#[test]
fn a_list_from_another_issuer_or_with_a_forged_proof_does_not_count() {
    let foreign = policy()
        .with_status_list(StatusList::parse(&read("revocation-list-other-issuer.json")).unwrap());
    assert_eq!(
        status_outcomes(rl2020(json!("7")), &foreign),
        [outcome("status.entry", "status.invalid")]
    );
    // The forged list replaces the good one (same id): its proof fails, reported under its name.
    let forged =
        policy().with_status_list(StatusList::parse(&read("revocation-list-forged.json")).unwrap());
    let session = read("session-valid.json");
    let rejection =
        parse(session.as_bytes(), &Limits::default()).unwrap().verify(&forged).unwrap_err();
    let codes: Vec<_> = rejection.errors().iter().map(|e| (e.code(), e.to_string())).collect();
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert_eq!(codes[0].0, "proof.invalid");
    assert!(codes[0].1.starts_with(&format!("statusList<{REVOCATIONS}>.proof")), "{codes:?}");
}

#[test]
fn a_jwt_credential_status_is_checked_the_same_way() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    let issuer = "did:web:idv.vpcheck.example:zVpcheckTestIssuer";
    let token = |index: &str| {
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"ES256","typ":"JWT"}"#);
        let payload = json!({
            "iss": issuer, "sub": "did:example:holder", "nbf": 1_790_000_000,
            "vc": {
                "@context": ["https://www.w3.org/2018/credentials/v1"],
                "type": ["VerifiableCredential"],
                "issuer": issuer,
                "credentialSubject": {"id": "did:example:holder"},
                "credentialStatus": rl2020(json!(index)),
            },
        });
        format!(
            "{header}.{}.{}",
            URL_SAFE_NO_PAD.encode(payload.to_string()),
            URL_SAFE_NO_PAD.encode([7u8; 64])
        )
    };
    let codes = |t: String| -> Vec<String> {
        let r = parse(t.as_bytes(), &Limits::default()).unwrap().verify(&policy()).unwrap_err();
        r.errors().iter().map(|e| e.code().to_owned()).collect()
    };
    // No keys trusted for its issuer: unchecked, with the status judged beside it.
    assert_eq!(codes(token("42")), ["issuer.untrusted", "status.revoked"]);
    assert_eq!(codes(token("7")), ["issuer.untrusted"]);
}

#[test]
fn a_supplied_list_no_disclosed_entry_uses_is_reported_skipped() {
    let mut credential: Value = serde_json::from_str(&read("credential-signed.json")).unwrap();
    credential["credentialStatus"] = rl2020(json!("7"));
    credential["@context"]
        .as_array_mut()
        .unwrap()
        .insert(2, json!("https://w3id.org/security/data-integrity/v2"));
    let p = policy();
    let text =
        support::sign_rdfc(&credential, ED25519_METHOD, 11, "2026-10-01T09:30:00Z", &p).to_string();
    let unverified = parse(text.as_bytes(), &Limits::default()).unwrap();
    let verified = unverified.verify(&p).unwrap();
    let unused: Vec<_> =
        verified.report().checks().iter().filter(|c| c.name == "status.unused").collect();
    assert_eq!(unused.len(), 1, "{unused:?}");
    assert_eq!(unused[0].status, CheckStatus::Skipped);
    assert!(unused[0].detail.contains(SUSPENSIONS), "{}", unused[0].detail);
}

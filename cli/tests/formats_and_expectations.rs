//! The format is decided from the input's member names, so the policy names the formats it
//! accepts (`format.not_accepted`), formats that carry no signature are opt-in
//! (`format.unsigned`), and an expectation no check of the detected format judged is "could not
//! check" (`policy.unconsumed`), never silently ignored. Each downgrade comes with the policy or
//! input that verifies beside it, and each place an expectation is judged with a result that
//! verifies only because it is.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "../../tests/support/mod.rs"]
mod support;

use std::process::Command;

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine as _;
use ed25519_dalek::Signer as _;
use serde_json::{json, Value};
use support::{
    at, hopae_full_policy, hopae_policy, id_token, json_vector, trinsic_policy, vector, HOPAE_NOW,
};
use vpcheck::{
    parse, DidDocuments, Format, KeySet, Limits, Policy, Rejection, StatusList, Verdict, Verified,
};

/// The verdict and the error codes, sorted, repeats kept.
fn outcome(bytes: &[u8], policy: &Policy) -> (Verdict, Vec<String>) {
    let parsed = parse(bytes, &Limits::default()).unwrap();
    match parsed.verify(policy) {
        Ok(v) => {
            assert!(v.report().errors().is_empty());
            (Verdict::Verified, Vec::new())
        }
        Err(r) => {
            let mut codes: Vec<String> = r.errors().iter().map(|e| e.code().to_owned()).collect();
            codes.sort();
            (r.verdict(), codes)
        }
    }
}

/// The rejection's error messages with `code`.
fn messages(bytes: &[u8], policy: &Policy, code: &str) -> Vec<String> {
    let parsed = parse(bytes, &Limits::default()).unwrap();
    let rejection: Rejection = parsed.verify(policy).expect_err("not verified");
    rejection.errors().iter().filter(|e| e.code() == code).map(ToString::to_string).collect()
}

fn verified(codes: &[&str]) -> (Verdict, Vec<String>) {
    (
        if codes.is_empty() { Verdict::Verified } else { Verdict::Unchecked },
        codes.iter().map(|c| (*c).to_owned()).collect(),
    )
}

fn rejected(codes: &[&str]) -> (Verdict, Vec<String>) {
    (Verdict::Rejected, codes.iter().map(|c| (*c).to_owned()).collect())
}

const JWT_NOW: &str = "2025-01-01T00:00:00Z";
const SESSIONS_NOW: &str = "2024-08-01T16:00:00Z";

fn issuer_keys() -> KeySet {
    KeySet::from_json(&vector("keys/issuer.jwks.json")).unwrap()
}

/// The jwt-signed vectors' policy: keys in their roles, audience and nonce.
fn jwt_policy() -> Policy {
    Policy::at(at(JWT_NOW))
        .with_issuer_keys("did:example:issuer", issuer_keys())
        .with_holder_keys(
            "did:example:holder",
            KeySet::from_json(&vector("keys/holder.jwks.json")).unwrap(),
        )
        .expect_audience("https://verifier.example")
        .expect_nonce("c-7f2a")
}

/// A policy built for a signed token: keys, audience, nonce, issuer, `typ`, holder binding,
/// evidence signatures and status.
fn signed_token_policy(now: &str) -> Policy {
    Policy::at(at(now))
        .with_issuer_keys("did:example:issuer", issuer_keys())
        .expect_audience("https://verifier.example")
        .expect_nonce("c-7f2a")
        .expect_issuer("did:example:issuer")
        .expect_token_type("JWT")
        .require_holder_binding()
        .require_evidence_signatures()
        .require_status_check()
}

/// What `signed_token_policy` sets that a token carries: each must be named by its
/// `policy.unconsumed`.
const TOKEN_EXPECTATIONS: [&str; 7] = [
    "Policy::expect_audience, --audience",
    "Policy::expect_nonce, --nonce",
    "Policy::expect_issuer, --issuer",
    "Policy::expect_token_type, --typ",
    "Policy::require_holder_binding, --require-holder-binding",
    "Policy::require_evidence_signatures, --require-evidence-signatures",
    "Policy::require_status_check, --require-status",
];

fn assert_names_every_token_expectation(messages: &[String], format: &str) {
    assert_eq!(messages.len(), TOKEN_EXPECTATIONS.len(), "{messages:#?}");
    for (message, setting) in messages.iter().zip(TOKEN_EXPECTATIONS) {
        assert!(
            message.contains(setting) && message.contains(&format!("the format {format}")),
            "{message}"
        );
    }
}

// --- the downgrades of the finding ------------------------------------------------------------

#[test]
fn a_signed_token_policy_does_not_verify_an_unsigned_trinsic_sessions_result() {
    let bytes = vector("trinsic-sessions/result-success.json");
    let policy = signed_token_policy(SESSIONS_NOW);
    // Before: verified, every expectation ignored. Now: could not check, naming each.
    let mut expected = vec!["format.unsigned"];
    expected.extend(["policy.unconsumed"; 7]);
    assert_eq!(outcome(&bytes, &policy), verified(&expected));
    assert_names_every_token_expectation(
        &messages(&bytes, &policy, "policy.unconsumed"),
        "trinsic-session-result",
    );
    // Accepting unsigned formats does not make the expectations judged.
    assert_eq!(
        outcome(&bytes, &policy.clone().allow_unsigned_formats()),
        verified(&["policy.unconsumed"; 7])
    );

    // Beside it: the same result verifies under a policy that asks nothing it cannot judge and
    // accepts unsigned formats; without that opt-in, could not check.
    let plain = Policy::at(at(SESSIONS_NOW));
    assert_eq!(outcome(&bytes, &plain), verified(&["format.unsigned"]));
    let message = &messages(&bytes, &plain, "format.unsigned")[0];
    assert!(
        message.contains("trinsic-session-result") && message.contains("--allow-unsigned-formats"),
        "{message}"
    );
    let parsed = parse(&bytes, &Limits::default()).unwrap();
    let accepted = parsed.verify(&plain.clone().allow_unsigned_formats()).unwrap();
    // Its claims stay withheld unless unsigned claims are accepted too.
    assert_eq!(accepted.claims().given_name, None);
    assert!(accepted.unsigned().iter().any(|u| u.field == "claims.given_name" && u.withheld));
    let with_claims: Verified<'_> =
        parsed.verify(&plain.allow_unsigned_formats().allow_unsigned_claims()).unwrap();
    assert_eq!(with_claims.claims().given_name.as_deref(), Some("Jane"));

    // The token expectations are met by a token that carries them: the signed JWT verifies
    // under the same expectations (holder binding, evidence and status aside, which a plain JWT
    // cannot meet).
    let token = Policy::at(at(JWT_NOW))
        .with_issuer_keys("did:example:issuer", issuer_keys())
        .expect_audience("https://verifier.example")
        .expect_nonce("c-7f2a")
        .expect_issuer("did:example:issuer")
        .expect_token_type("JWT");
    assert_eq!(outcome(&vector("jwt-signed/eddsa-valid.jwt"), &token), verified(&[]));
}

#[test]
fn a_bare_incode_approval_does_not_verify() {
    let bytes = br#"{"action": "approved"}"#;
    assert_eq!(parse(bytes, &Limits::default()).unwrap().format(), Format::IncodeResult);
    let policy = signed_token_policy(JWT_NOW);
    let mut expected = vec!["format.unsigned"];
    expected.extend(["policy.unconsumed"; 7]);
    assert_eq!(outcome(bytes, &policy), verified(&expected));
    assert_names_every_token_expectation(
        &messages(bytes, &policy, "policy.unconsumed"),
        "incode-result",
    );
    // The default policy: could not check, not verified.
    assert_eq!(outcome(bytes, &Policy::at(at(JWT_NOW))), verified(&["format.unsigned"]));
    // Beside it: accepted only by the opt-in, and then its own checks decide.
    assert_eq!(outcome(bytes, &Policy::at(at(JWT_NOW)).allow_unsigned_formats()), verified(&[]));
    assert_eq!(
        outcome(br#"{"action": "rejected"}"#, &Policy::at(at(JWT_NOW)).allow_unsigned_formats()),
        rejected(&["session.failed"])
    );
    // A caller expecting a token names its format: anything else is rejected.
    let jws_only = Policy::at(at(JWT_NOW)).accept_formats(&[Format::Jws]).allow_unsigned_formats();
    assert_eq!(outcome(bytes, &jws_only), rejected(&["format.not_accepted"]));
}

#[test]
fn hopae_userinfo_without_its_id_token_does_not_meet_an_audience_and_a_nonce() {
    let bytes = vector("hopae-signed/userinfo-valid.json");
    // Only the Hopae ID token carries `aud` and `nonce`.
    let policy = hopae_full_policy();
    assert_eq!(outcome(&bytes, &policy), verified(&["policy.unconsumed", "policy.unconsumed"]));
    let named = messages(&bytes, &policy, "policy.unconsumed");
    assert!(
        named[0].contains("an audience (Policy::expect_audience, --audience)")
            && named[0].contains("hopae-userinfo"),
        "{named:?}"
    );
    assert!(
        named[1].contains("a nonce (Policy::expect_nonce, --nonce)")
            && named[1].contains("hopae-userinfo"),
        "{named:?}"
    );
    assert_eq!(
        outcome(&bytes, &hopae_policy().expect_nonce("n-0S6_WzA2Mj")),
        verified(&["policy.unconsumed"])
    );
    // Beside it: with its ID token both are judged, and it verifies ...
    let token = id_token();
    let with_token = parse(&bytes, &Limits::default())
        .unwrap()
        .with_id_token(&token, &Limits::default())
        .unwrap();
    assert!(with_token.verify(&policy).is_ok());
    // ... and without the ID token it verifies when the policy expects neither.
    assert_eq!(
        outcome(
            &bytes,
            &Policy::at(at(HOPAE_NOW))
                .with_hopae_keys(support::hopae_keys())
                .with_evidence_keys(support::UPSTREAM_ISS, support::upstream_keys())
        ),
        verified(&[])
    );
}

#[test]
fn holder_binding_of_a_plain_jwt_is_not_checked() {
    let jwt = vector("jwt-signed/eddsa-valid.jwt");
    let policy = jwt_policy().require_holder_binding();
    assert_eq!(outcome(&jwt, &policy), verified(&["policy.unconsumed"]));
    let message = &messages(&jwt, &policy, "policy.unconsumed")[0];
    assert!(message.contains("holder binding") && message.contains("the format jws"), "{message}");
    // Beside it: the plain JWT verifies without the requirement, and a presentation whose
    // credentials' subject signed it verifies with it.
    assert_eq!(outcome(&jwt, &jwt_policy()), verified(&[]));
    assert_eq!(outcome(&vector("jwt-signed/vp11-valid.jwt"), &policy), verified(&[]));
}

#[test]
fn a_format_outside_the_accepted_ones_is_rejected_and_still_checked() {
    let jwt = vector("jwt-signed/eddsa-valid.jwt");
    assert_eq!(Policy::at(at(JWT_NOW)).accepted_formats(), Format::ALL);
    assert_eq!(outcome(&jwt, &jwt_policy().accept_formats(&[Format::Jws])), verified(&[]));
    let others = jwt_policy().accept_formats(&[
        Format::JsonLdPresentation,
        Format::HopaeUserinfo,
        Format::JsonLdPresentation,
    ]);
    assert_eq!(others.accepted_formats(), [Format::JsonLdPresentation, Format::HopaeUserinfo]);
    assert_eq!(outcome(&jwt, &others), rejected(&["format.not_accepted"]));
    let message = &messages(&jwt, &others, "format.not_accepted")[0];
    assert!(
        message.contains("jws") && message.contains("(json-ld-presentation, hopae-userinfo)"),
        "{message}"
    );
    // The format's own checks still run, so the report names every reason.
    let report =
        parse(&jwt, &Limits::default()).unwrap().verify(&others).unwrap_err().into_report();
    assert!(report
        .checks()
        .iter()
        .any(|c| c.name == "signature.jws" && c.status == vpcheck::CheckStatus::Passed));
    let tampered = vector("jwt-signed/eddsa-tampered-payload.jwt");
    assert_eq!(
        outcome(&tampered, &others),
        rejected(&["format.not_accepted", "signature.invalid"])
    );
    // Nothing accepted: nothing passes.
    assert_eq!(
        outcome(&jwt, &jwt_policy().accept_formats(&[])),
        rejected(&["format.not_accepted"])
    );
    // Naming an unsigned format does not accept it unsigned.
    let sessions = vector("trinsic-sessions/result-success.json");
    let named = Policy::at(at(SESSIONS_NOW)).accept_formats(&[Format::TrinsicSessionResult]);
    assert_eq!(outcome(&sessions, &named), verified(&["format.unsigned"]));
    assert_eq!(outcome(&sessions, &named.allow_unsigned_formats()), verified(&[]));
}

#[test]
fn every_unsigned_format_is_refused_by_default_and_accepted_with_the_opt_in() {
    for (file, now, format) in [
        ("trinsic-sessions/result-success.json", SESSIONS_NOW, Format::TrinsicSessionResult),
        ("vendors/hopae-verification-completed.json", HOPAE_NOW, Format::HopaeVerification),
        ("incode/finish-approved.json", JWT_NOW, Format::IncodeResult),
        ("regula/session.json", JWT_NOW, Format::RegulaSession),
    ] {
        let bytes = vector(file);
        assert_eq!(parse(&bytes, &Limits::default()).unwrap().format(), format);
        assert!(!format.carries_signature());
        let policy = Policy::at(at(now)).accept_regula_status(2);
        assert!(!policy.unsigned_formats_allowed());
        assert_eq!(outcome(&bytes, &policy), verified(&["format.unsigned"]), "{file}");
        assert!(policy.clone().allow_unsigned_formats().unsigned_formats_allowed());
        assert_eq!(outcome(&bytes, &policy.allow_unsigned_formats()), verified(&[]), "{file}");
    }
    // The signed formats are not touched: a JWT and a Trinsic Connect session verify as before.
    assert!(Format::Jws.carries_signature() && Format::HopaeUserinfo.carries_signature());
    assert_eq!(outcome(&vector("jwt-signed/eddsa-valid.jwt"), &jwt_policy()), verified(&[]));
    assert_eq!(
        outcome(&vector("trinsic-bbs/session-valid.json"), &trinsic_policy()),
        verified(&[])
    );
}

// --- each expectation where it is judged --------------------------------------------------------

#[test]
fn the_token_rules_are_judged_on_a_jwt_addressed_to_the_caller() {
    let jwt = vector("jwt-signed/eddsa-valid.jwt");
    // Issuer and typ judged: verified when they match, rejected when they do not.
    assert_eq!(
        outcome(&jwt, &jwt_policy().expect_issuer("did:example:issuer").expect_token_type("JWT")),
        verified(&[])
    );
    assert_eq!(
        outcome(&jwt, &jwt_policy().expect_issuer("did:example:other")),
        rejected(&["jwt.issuer"])
    );
    assert_eq!(outcome(&jwt, &jwt_policy().expect_token_type("vc+jwt")), rejected(&["jwt.type"]));
    // A JWT credential is not addressed to the caller: its `aud` and `nonce`, if any, are not
    // the caller's, so an expected audience and nonce are judged by nothing.
    let credential = vector("jwt-signed/vc11-valid.jwt");
    assert_eq!(
        outcome(&credential, &jwt_policy()),
        verified(&["policy.unconsumed", "policy.unconsumed"])
    );
    assert_eq!(
        outcome(
            &credential,
            &Policy::at(at(JWT_NOW)).with_issuer_keys("did:example:issuer", issuer_keys())
        ),
        verified(&[])
    );
    // A JWS whose payload is no JSON object carries no claims to judge.
    let header = B64.encode(br#"{"alg":"EdDSA","kid":"k"}"#);
    let detached = format!("{header}.{}.{}", B64.encode(b"plain text"), B64.encode([0u8; 64]));
    let policy = Policy::at(at(JWT_NOW)).expect_nonce("n");
    let (_, codes) = outcome(detached.as_bytes(), &policy);
    assert!(codes.contains(&"policy.unconsumed".to_owned()), "{codes:?}");
}

#[test]
fn signed_evidence_is_judged_on_hopae_results_only() {
    let userinfo = vector("hopae-signed/userinfo-valid.json");
    let required = hopae_policy().require_evidence_signatures();
    assert_eq!(outcome(&userinfo, &required), verified(&[]));
    // Bare evidence `{token, names}`: its id_token is the signed evidence.
    let evidence = json_vector("hopae-signed/userinfo-valid.json")["provenance"]["presentation"]
        ["credentials"][0]["evidence"]
        .to_string();
    assert_eq!(
        parse(evidence.as_bytes(), &Limits::default()).unwrap().format(),
        Format::HopaeEvidence
    );
    assert_eq!(outcome(evidence.as_bytes(), &required), verified(&[]));
    let mut no_token: Value = serde_json::from_str(&evidence).unwrap();
    no_token["token"].as_object_mut().unwrap().remove("id_token");
    no_token["names"] = json!("expires_at;access_token;token_type");
    assert_eq!(
        outcome(no_token.to_string().as_bytes(), &required),
        rejected(&["evidence.unsigned"])
    );
    // A JWT relays no evidence.
    let jwt = vector("jwt-signed/eddsa-valid.jwt");
    assert_eq!(
        outcome(&jwt, &jwt_policy().require_evidence_signatures()),
        verified(&["policy.unconsumed"])
    );
}

#[test]
fn an_external_user_id_the_format_does_not_echo_cannot_be_met() {
    // Regula echoes it: judged.
    let regula = vector("regula/session.json");
    let base = Policy::at(at(JWT_NOW)).allow_unsigned_formats().accept_regula_status(2);
    assert_eq!(outcome(&regula, &base.clone().expect_external_user_id("user-42")), verified(&[]));
    assert_eq!(
        outcome(&regula, &base.expect_external_user_id("user-7")),
        rejected(&["binding.external_user_id"])
    );
    // The Trinsic sessions API echoes none: it was a silent skip, it is now could not check.
    let sessions = vector("trinsic-sessions/result-success.json");
    let policy =
        Policy::at(at(SESSIONS_NOW)).allow_unsigned_formats().expect_external_user_id("user-42");
    assert_eq!(outcome(&sessions, &policy), verified(&["policy.unconsumed"]));
    assert!(messages(&sessions, &policy, "policy.unconsumed")[0].contains("--external-user-id"));
}

#[test]
fn a_rule_refused_as_unsigned_is_not_also_unconsumed() {
    // Hopae userinfo without keys: its level and age are unsigned, `policy.unsigned` says so once.
    let bytes = vector("hopae/userinfo-valid.json");
    let policy = Policy::at(at(HOPAE_NOW))
        .require_min_assurance_level(3)
        .with_max_age_seconds(3600)
        .expect_session_id("x");
    assert_eq!(
        outcome(&bytes, &policy),
        verified(&["policy.unsigned", "policy.unsigned", "policy.unsigned"])
    );
}

// --- credential status --------------------------------------------------------------------------

fn status_lists(policy: Policy) -> Policy {
    let read = |name: &str| String::from_utf8(vector(&format!("trinsic-bbs/{name}"))).unwrap();
    policy
        .with_status_list(StatusList::parse(&read("revocation-list.json")).unwrap())
        .with_status_list(StatusList::parse(&read("suspension-list.json")).unwrap())
}

const LIST_ISSUER: &str = "did:web:idv.vpcheck.example:zVpcheckTestIssuer";
const JWT_KID: &str = "did:web:idv.vpcheck.example:zVpcheckTestIssuer#jwt-test";

/// A vc+jwt credential of the status lists' issuer, signed with an Ed25519 key of its own
/// (`support::key(31)`), with `status` as its `credentialStatus` (none when `Null`).
fn jwt_credential(status: Value) -> (String, KeySet) {
    let mut credential = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
        "issuer": LIST_ISSUER, "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:holder"},
    });
    if !status.is_null() {
        credential["credentialStatus"] = status;
    }
    let header = json!({"alg": "EdDSA", "kid": JWT_KID, "typ": "vc+jwt"});
    let input =
        format!("{}.{}", B64.encode(header.to_string()), B64.encode(credential.to_string()));
    let signature = support::key(31).sign(input.as_bytes());
    let jwk = json!({"kty": "OKP", "crv": "Ed25519", "kid": JWT_KID, "x": B64.encode(support::key(31).verifying_key().as_bytes())});
    (
        format!("{input}.{}", B64.encode(signature.to_bytes())),
        KeySet::from_json(jwk.to_string().as_bytes()).unwrap(),
    )
}

#[test]
fn a_required_status_is_judged_on_each_credential() {
    // JSON-LD: a Trinsic-shaped session whose status is checked against the supplied lists.
    let session = vector("trinsic-bbs/session-valid.json");
    let required = status_lists(trinsic_policy()).require_status_check();
    assert_eq!(outcome(&session, &required), verified(&[]));
    // A credential whose status is withheld: `status.not_checked` names it (not also unconsumed).
    let withheld = vector("trinsic-bbs/session-withheld-status.json");
    assert_eq!(
        outcome(
            &withheld,
            &trinsic_policy().allow_withheld("credentialStatus").require_status_check()
        ),
        verified(&["status.not_checked"])
    );
    assert_eq!(
        outcome(&withheld, &trinsic_policy().allow_withheld("credentialStatus")),
        verified(&[])
    );

    // JWT: the same rules, and a credential that declares no status cannot meet the requirement,
    // as a JSON-LD credential without one cannot.
    let clear = json!({"id": "https://idv.vpcheck.example/credential-status/zRevocationList1#x", "type": "RevocationList2020Status",
        "revocationListCredential": "https://idv.vpcheck.example/credential-status/zRevocationList1", "revocationListIndex": "7"});
    let (with_status, keys) = jwt_credential(clear);
    let mut dids = DidDocuments::new();
    dids.add_json(&vector("trinsic-bbs/issuer.did.json")).unwrap();
    // The lists' issuer's DID document (their proofs), no session id: a JWT credential states none.
    let policy = status_lists(Policy::at(at("2026-10-01T10:00:00Z")).with_did_documents(dids))
        .with_issuer_keys(LIST_ISSUER, keys);
    assert_eq!(
        outcome(with_status.as_bytes(), &policy.clone().require_status_check()),
        verified(&[])
    );
    let (without, _) = jwt_credential(Value::Null);
    assert_eq!(outcome(without.as_bytes(), &policy), verified(&[]));
    assert_eq!(
        outcome(without.as_bytes(), &policy.clone().require_status_check()),
        verified(&["status.not_checked"])
    );
    let message =
        &messages(without.as_bytes(), &policy.require_status_check(), "status.not_checked")[0];
    assert!(
        message.contains("jws(payload).credentialStatus")
            && message.contains("declares no credentialStatus"),
        "{message}"
    );

    // A result with no credential at all: the requirement is judged by nothing.
    let hopae = vector("hopae-signed/userinfo-valid.json");
    assert_eq!(
        outcome(&hopae, &hopae_policy().require_status_check()),
        verified(&["policy.unconsumed"])
    );
}

// --- JSON-LD: challenge, domain, holder ---------------------------------------------------------

const ISSUER_VM: &str = "did:example:issuer#key-1";
const HOLDER_VM: &str = "did:example:holder#key-1";

fn ld_policy() -> Policy {
    let mut dids = DidDocuments::new();
    dids.add_json(support::method_document(ISSUER_VM, "did:example:issuer", 21).as_bytes())
        .unwrap();
    dids.add_json(support::method_document(HOLDER_VM, "did:example:holder", 22).as_bytes())
        .unwrap();
    Policy::at(at(JWT_NOW))
        .with_did_documents(dids)
        .trust_issuer(vpcheck::TrustedIssuer::new("did:example:issuer"))
}

fn ld_credential(policy: &Policy, options: &[(&str, &str)]) -> Value {
    let credential = json!({"@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential"], "issuer": "did:example:issuer", "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:holder", "givenName": "JANE"}});
    support::sign_rdfc_with(
        &credential,
        ISSUER_VM,
        21,
        "2024-01-01T00:00:00Z",
        policy,
        "assertionMethod",
        options,
    )
}

#[test]
fn a_bare_credential_proof_made_for_the_request_meets_a_nonce_and_audience() {
    let policy = ld_policy();
    let bound = policy.clone().expect_nonce("n-1").expect_audience("https://verifier.example");
    let for_request =
        ld_credential(&policy, &[("challenge", "n-1"), ("domain", "https://verifier.example")])
            .to_string();
    assert_eq!(outcome(for_request.as_bytes(), &bound), verified(&[]));
    let other_request =
        ld_credential(&policy, &[("challenge", "n-2"), ("domain", "https://verifier.example")])
            .to_string();
    assert_eq!(outcome(other_request.as_bytes(), &bound), rejected(&["proof.challenge"]));
    // Its issuer is bound to its proof's key; an expected issuer is for tokens, judged by nothing
    // here. Nor does a bare credential bind a holder.
    let plain = ld_credential(&policy, &[]).to_string();
    assert_eq!(outcome(plain.as_bytes(), &policy), verified(&[]));
    assert_eq!(
        outcome(plain.as_bytes(), &policy.clone().expect_issuer("did:example:issuer")),
        verified(&["policy.unconsumed"])
    );
    assert_eq!(
        outcome(plain.as_bytes(), &policy.require_holder_binding()),
        verified(&["policy.unconsumed"])
    );
}

#[test]
fn holder_binding_of_a_json_ld_presentation_is_judged() {
    let policy = ld_policy().require_holder_binding();
    let credential = ld_credential(&policy, &[]);
    let context = credential["@context"].clone();
    let present = |holder: Option<&str>| {
        let mut presentation = json!({"@context": context, "type": ["VerifiablePresentation"], "verifiableCredential": [credential.clone()]});
        if let Some(h) = holder {
            presentation["holder"] = json!(h);
        }
        support::sign_rdfc_with(
            &presentation,
            HOLDER_VM,
            22,
            "2024-06-01T00:00:00Z",
            &policy,
            "authentication",
            &[],
        )
        .to_string()
    };
    // The holder signed, and the credential is about the holder.
    assert_eq!(outcome(present(Some("did:example:holder")).as_bytes(), &policy), verified(&[]));
    // A signed presentation naming no holder binds none: `binding.holder`, not also unconsumed.
    assert_eq!(outcome(present(None).as_bytes(), &policy), rejected(&["binding.holder"]));
    // An unsigned wrapper (Trinsic's `resultVp`) binds none either.
    assert_eq!(
        outcome(
            &vector("trinsic-bbs/session-valid.json"),
            &trinsic_policy().require_holder_binding()
        ),
        rejected(&["binding.holder"])
    );
    // An expected nonce of an unsigned wrapper: `proof.missing` says why, once.
    assert_eq!(
        outcome(&vector("trinsic-bbs/session-valid.json"), &trinsic_policy().expect_nonce("n-1")),
        rejected(&["proof.missing"])
    );
}

// --- the command line -------------------------------------------------------------------------

fn vpcheck(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vpcheck"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json_codes(stdout: &str) -> Vec<String> {
    let doc: Value = serde_json::from_str(stdout).unwrap();
    doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_command_line_names_formats_and_accepts_unsigned_ones_on_request() {
    let incode = "test-vectors/incode/finish-approved.json";
    let verify = ["verify", "--format", "json", "--now", JWT_NOW];
    let (code, out, _) = vpcheck(&[&verify[..], &[incode]].concat());
    assert_eq!((code, json_codes(&out)), (3, vec!["format.unsigned".to_owned()]));
    let (code, out, _) = vpcheck(&[&verify[..], &["--allow-unsigned-formats", incode]].concat());
    assert_eq!((code, json_codes(&out)), (0, vec![]));
    let (code, out, _) = vpcheck(
        &[
            &verify[..],
            &[
                "--allow-unsigned-formats",
                "--accept-format",
                "jws",
                "--accept-format",
                "hopae-userinfo",
                incode,
            ],
        ]
        .concat(),
    );
    assert_eq!((code, json_codes(&out)), (1, vec!["format.not_accepted".to_owned()]));
    let (code, out, _) = vpcheck(
        &[&verify[..], &["--allow-unsigned-formats", "--accept-format", "incode-result", incode]]
            .concat(),
    );
    assert_eq!((code, json_codes(&out)), (0, vec![]));
    let (code, out, _) =
        vpcheck(&[&verify[..], &["--allow-unsigned-formats", "--nonce", "n", incode]].concat());
    assert_eq!((code, json_codes(&out)), (3, vec!["policy.unconsumed".to_owned()]));
    // An unknown name is a usage error listing the valid ones.
    let (code, _, err) = vpcheck(&[&verify[..], &["--accept-format", "incode", incode]].concat());
    assert_eq!(code, 2, "{err}");
    for format in Format::ALL {
        assert!(err.contains(format.name()), "{err}");
    }
    // `audit` takes the same flags.
    let audit = ["audit", "--now", JWT_NOW];
    assert_eq!(vpcheck(&[&audit[..], &[incode]].concat()).0, 3);
    assert_eq!(vpcheck(&[&audit[..], &["--allow-unsigned-formats", incode]].concat()).0, 0);
    assert_eq!(
        vpcheck(
            &[&audit[..], &["--allow-unsigned-formats", "--accept-format", "jws", incode]].concat()
        )
        .0,
        1
    );
    assert_eq!(vpcheck(&[&audit[..], &["--accept-format", "nope", incode]].concat()).0, 2);
}

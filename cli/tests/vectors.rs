//! Every vector in `test-vectors/expected.json`, through the library and through the binary:
//! the verdict and the exact set of error codes must match, in both directions.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use vpcheck::{parse, Algorithm, Format, KeySet, Limits, Policy, Verdict};

#[derive(Deserialize)]
struct Case {
    file: String,
    now: String,
    #[serde(default)]
    policy: PolicySpec,
    verdict: String,
    codes: Vec<String>,
    /// Text one of the errors' messages must contain (trinsic-bbs/, where several negatives
    /// share `proof.invalid` for different reasons).
    #[serde(default)]
    message: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PolicySpec {
    session_id: Option<String>,
    min_loa: Option<u8>,
    min_match_probability: Option<f64>,
    max_age_seconds: Option<i64>,
    external_user_id: Option<String>,
    /// Key files by the `iss` they verify (`--issuer-jwks ISS=FILE`).
    #[serde(default)]
    issuer_jwks: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    signer_jwks: Vec<String>,
    /// Key files by the holder they verify (`--holder-jwks HOLDER=FILE`).
    #[serde(default)]
    holder_jwks: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    hopae_jwks: Vec<String>,
    #[serde(default)]
    incode_jwks: Vec<String>,
    /// Key files by the upstream `iss` they verify (`--evidence-jwks ISS=FILE`).
    #[serde(default)]
    evidence_jwks: BTreeMap<String, Vec<String>>,
    /// Trusted issuers of JSON-LD credentials (`--trust-issuer`).
    #[serde(default)]
    trust_issuers: Vec<String>,
    /// Trusted Trinsic issuers (`--trust-trinsic-issuer`).
    #[serde(default)]
    trust_trinsic_issuers: Vec<String>,
    id_token: Option<String>,
    audience: Option<String>,
    issuer: Option<String>,
    nonce: Option<String>,
    typ: Option<String>,
    #[serde(default)]
    algs: Vec<String>,
    #[serde(default)]
    require_holder_binding: bool,
    #[serde(default)]
    require_evidence_signatures: bool,
    #[serde(default)]
    did_docs: Vec<String>,
    #[serde(default)]
    contexts: BTreeMap<String, String>,
    /// Files holding embedded context objects the policy trusts (`--trust-context`).
    #[serde(default)]
    trust_contexts: Vec<String>,
    #[serde(default)]
    status_lists: Vec<String>,
    #[serde(default)]
    require_status: bool,
    #[serde(default)]
    allow_withheld: Vec<String>,
    /// `Format::name`s; empty: every format.
    #[serde(default)]
    accept_formats: Vec<String>,
    #[serde(default)]
    allow_unsigned_formats: bool,
    #[serde(default)]
    allow_unsigned_claims: bool,
    #[serde(default)]
    accept_manual_review: bool,
}

/// `expected.json` (written by `tools/generate_vectors.py`) and `trinsic-bbs/expected.json`
/// (written by `cargo run --example trinsic_vectors`).
fn cases() -> Vec<Case> {
    let mut all = Vec::new();
    for file in ["expected.json", "trinsic-bbs/expected.json"] {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        all.extend(serde_json::from_str::<Vec<Case>>(&text).unwrap());
    }
    all
}

fn root() -> &'static Path {
    Path::new(concat!(concat!(env!("CARGO_MANIFEST_DIR"), "/.."), "/test-vectors"))
}

fn policy(case: &Case) -> Policy {
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339(&case.now).unwrap().with_timezone(&Utc);
    let mut p = Policy::at(now);
    if let Some(id) = &case.policy.session_id {
        p = p.expect_session_id(id.clone());
    }
    if let Some(l) = case.policy.min_loa {
        p = p.require_min_assurance_level(l);
    }
    if let Some(m) = case.policy.min_match_probability {
        p = p.require_min_match_probability(m);
    }
    if let Some(s) = case.policy.max_age_seconds {
        p = p.with_max_age_seconds(s);
    }
    if let Some(id) = &case.policy.external_user_id {
        p = p.expect_external_user_id(id.clone());
    }
    let spec = &case.policy;
    let key_set = |files: &[String]| {
        let mut keys = KeySet::new();
        for file in files {
            keys.add_json(&std::fs::read(root().join(file)).unwrap()).unwrap();
        }
        keys
    };
    for (iss, files) in &spec.issuer_jwks {
        p = p.with_issuer_keys(iss.clone(), key_set(files));
    }
    for (iss, files) in &spec.evidence_jwks {
        p = p.with_evidence_keys(iss.clone(), key_set(files));
    }
    if !spec.signer_jwks.is_empty() {
        p = p.with_signer_keys(key_set(&spec.signer_jwks));
    }
    for (holder, files) in &spec.holder_jwks {
        p = p.with_holder_keys(holder.clone(), key_set(files));
    }
    if !spec.hopae_jwks.is_empty() {
        p = p.with_hopae_keys(key_set(&spec.hopae_jwks));
    }
    if !spec.incode_jwks.is_empty() {
        p = p.with_incode_keys(key_set(&spec.incode_jwks));
    }
    for did in &spec.trust_issuers {
        p = p.trust_issuer(vpcheck::TrustedIssuer::from_did_url(did, false));
    }
    for did in &spec.trust_trinsic_issuers {
        p = p.trust_issuer(vpcheck::TrustedIssuer::from_did_url(did, true));
    }
    let mut dids = vpcheck::DidDocuments::new();
    for file in &spec.did_docs {
        dids.add_json(&std::fs::read(root().join(file)).unwrap()).unwrap();
    }
    p = p.with_did_documents(dids);
    for (url, file) in &spec.contexts {
        p = p.with_context(url.clone(), std::fs::read_to_string(root().join(file)).unwrap());
    }
    for file in &spec.trust_contexts {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        p = p.trust_embedded_context(serde_json::from_str(&text).unwrap());
    }
    if let Some(a) = &spec.audience {
        p = p.expect_audience(a.clone());
    }
    if let Some(i) = &spec.issuer {
        p = p.expect_issuer(i.clone());
    }
    if let Some(n) = &spec.nonce {
        p = p.expect_nonce(n.clone());
    }
    if let Some(t) = &spec.typ {
        p = p.expect_token_type(t.clone());
    }
    if !spec.algs.is_empty() {
        let algs: Vec<Algorithm> =
            spec.algs.iter().map(|a| Algorithm::from_name(a).unwrap()).collect();
        p = p.allow_algorithms(&algs);
    }
    if spec.require_holder_binding {
        p = p.require_holder_binding();
    }
    if spec.require_evidence_signatures {
        p = p.require_evidence_signatures();
    }
    for file in &spec.status_lists {
        p = p.with_status_list(
            vpcheck::StatusList::parse(&std::fs::read_to_string(root().join(file)).unwrap())
                .unwrap(),
        );
    }
    if spec.require_status {
        p = p.require_status_check();
    }
    for member in &spec.allow_withheld {
        p = p.allow_withheld(member.clone());
    }
    if !spec.accept_formats.is_empty() {
        let formats: Vec<Format> =
            spec.accept_formats.iter().map(|f| Format::from_name(f).unwrap()).collect();
        p = p.accept_formats(&formats);
    }
    if spec.allow_unsigned_formats {
        p = p.allow_unsigned_formats();
    }
    if spec.allow_unsigned_claims {
        p = p.allow_unsigned_claims();
    }
    if spec.accept_manual_review {
        p = p.accept_manual_review_over_failed_components();
    }
    p
}

fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Verified => "verified",
        Verdict::Rejected => "rejected",
        Verdict::Unchecked => "unchecked",
    }
}

#[test]
fn library_verdicts_and_codes_match_expected() {
    let mut failures = Vec::new();
    let all = cases();
    assert!(all.len() >= 70, "expected.json lists {} vectors", all.len());
    for case in &all {
        let bytes = std::fs::read(root().join(&case.file)).unwrap();
        let policy = policy(case);
        let id_token =
            case.policy.id_token.as_ref().map(|f| std::fs::read_to_string(root().join(f)).unwrap());
        let parsed = parse(&bytes, &Limits::default()).and_then(|u| match &id_token {
            Some(t) => u.with_id_token(t, &Limits::default()),
            None => Ok(u),
        });
        let (verdict, codes): (Verdict, BTreeSet<String>) = match parsed {
            Err(e) => (Verdict::Rejected, [e.code().to_owned()].into()),
            Ok(u) => match u.verify(&policy) {
                Ok(v) => {
                    assert!(v.report().errors().is_empty());
                    (Verdict::Verified, BTreeSet::new())
                }
                Err(r) => {
                    if let Some(m) = &case.message {
                        if !r.errors().iter().any(|e| e.to_string().contains(m.as_str())) {
                            failures.push(format!(
                                "{}: no error message contains {m:?}: {r}",
                                case.file
                            ));
                        }
                    }
                    (r.verdict(), r.errors().iter().map(|e| e.code().to_owned()).collect())
                }
            },
        };
        let expected: BTreeSet<String> = case.codes.iter().cloned().collect();
        if verdict_name(verdict) != case.verdict || codes != expected {
            failures.push(format!(
                "{}: got {} {:?}, expected {} {:?}",
                case.file,
                verdict_name(verdict),
                codes,
                case.verdict,
                expected
            ));
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn binary_exit_codes_and_json_match_expected() {
    let mut failures = Vec::new();
    for case in cases() {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_vpcheck"));
        cmd.args(["verify", "--format", "json", "--now", &case.now]);
        if let Some(id) = &case.policy.session_id {
            cmd.args(["--session-id", id]);
        }
        if let Some(l) = case.policy.min_loa {
            cmd.args(["--min-loa", &l.to_string()]);
        }
        if let Some(m) = case.policy.min_match_probability {
            cmd.args(["--min-match-probability", &m.to_string()]);
        }
        if let Some(s) = case.policy.max_age_seconds {
            cmd.args(["--max-age", &s.to_string()]);
        }
        if let Some(id) = &case.policy.external_user_id {
            cmd.args(["--external-user-id", id]);
        }
        let spec = &case.policy;
        for (flag, sets) in [
            ("--issuer-jwks", &spec.issuer_jwks),
            ("--holder-jwks", &spec.holder_jwks),
            ("--evidence-jwks", &spec.evidence_jwks),
        ] {
            for (iss, files) in sets {
                for file in files {
                    cmd.arg(flag).arg(format!("{iss}={}", root().join(file).display()));
                }
            }
        }
        for (flag, files) in [
            ("--signer-jwks", &spec.signer_jwks),
            ("--hopae-jwks", &spec.hopae_jwks),
            ("--incode-jwks", &spec.incode_jwks),
        ] {
            for file in files {
                cmd.arg(flag).arg(root().join(file));
            }
        }
        for (flag, dids) in [
            ("--trust-issuer", &spec.trust_issuers),
            ("--trust-trinsic-issuer", &spec.trust_trinsic_issuers),
        ] {
            for did in dids {
                cmd.args([flag, did]);
            }
        }
        for file in &spec.did_docs {
            cmd.arg("--did-doc").arg(root().join(file));
        }
        for (url, file) in &spec.contexts {
            cmd.arg("--context").arg(format!("{url}={}", root().join(file).display()));
        }
        for file in &spec.trust_contexts {
            cmd.arg("--trust-context").arg(root().join(file));
        }
        if let Some(t) = &spec.id_token {
            cmd.arg("--id-token").arg(root().join(t));
        }
        for (flag, value) in [
            ("--audience", &spec.audience),
            ("--issuer", &spec.issuer),
            ("--nonce", &spec.nonce),
            ("--typ", &spec.typ),
        ] {
            if let Some(v) = value {
                cmd.args([flag, v]);
            }
        }
        for a in &spec.algs {
            cmd.args(["--alg", a]);
        }
        if spec.require_holder_binding {
            cmd.arg("--require-holder-binding");
        }
        if spec.require_evidence_signatures {
            cmd.arg("--require-evidence-signatures");
        }
        for file in &spec.status_lists {
            cmd.arg("--status-list").arg(root().join(file));
        }
        if spec.require_status {
            cmd.arg("--require-status");
        }
        for member in &spec.allow_withheld {
            cmd.arg("--allow-withheld").arg(member);
        }
        for format in &spec.accept_formats {
            cmd.args(["--accept-format", format]);
        }
        if spec.allow_unsigned_formats {
            cmd.arg("--allow-unsigned-formats");
        }
        if spec.allow_unsigned_claims {
            cmd.arg("--allow-unsigned-claims");
        }
        if spec.accept_manual_review {
            cmd.arg("--accept-manual-review");
        }
        cmd.arg(root().join(&case.file));
        let out = cmd.output().unwrap();
        let expected_exit = match case.verdict.as_str() {
            "verified" => 0,
            "rejected" => 1,
            _ => 3,
        };
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let codes: BTreeSet<String> = json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["code"].as_str().unwrap().to_owned())
            .collect();
        let expected: BTreeSet<String> = case.codes.iter().cloned().collect();
        let claims_ok = (case.verdict == "verified") == json["claims"].is_object();
        let message_ok = case.message.as_ref().is_none_or(|m| {
            json["errors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["message"].as_str().is_some_and(|t| t.contains(m.as_str())))
        });
        if out.status.code() != Some(expected_exit)
            || json["verdict"] != case.verdict
            || codes != expected
            || !claims_ok
            || !message_ok
        {
            failures.push(format!(
                "{}: exit {:?} verdict {} codes {:?}",
                case.file,
                out.status.code(),
                json["verdict"],
                codes
            ));
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[derive(Deserialize)]
struct WebhookCases {
    secret: String,
    cases: Vec<WebhookCase>,
}

#[derive(Deserialize)]
struct WebhookCase {
    name: String,
    header: String,
    body: String,
    now: String,
    code: Option<String>,
    /// The event type a verified delivery reads as, and whether this version knows it.
    #[serde(default)]
    event: Option<String>,
    #[serde(default)]
    known: Option<bool>,
}

/// `test-vectors/webhook/cases.json`: Hopae webhook deliveries through the library and `vpcheck
/// webhook`.
#[test]
fn webhook_cases_match_expected() {
    let spec: WebhookCases =
        serde_json::from_str(&std::fs::read_to_string(root().join("webhook/cases.json")).unwrap())
            .unwrap();
    let secret = std::fs::read_to_string(root().join(&spec.secret)).unwrap();
    let secret = secret.trim_end();
    assert!(spec.cases.len() >= 6);
    for case in &spec.cases {
        let body = std::fs::read(root().join(&case.body)).unwrap();
        let now: DateTime<Utc> =
            DateTime::parse_from_rfc3339(&case.now).unwrap().with_timezone(&Utc);
        let outcome =
            vpcheck::verify_hopae_webhook(&case.header, &body, secret.as_bytes(), &Policy::at(now));
        let got = outcome.as_ref().err().map(|e| e.code().to_owned());
        assert_eq!(got, case.code, "{}", case.name);
        if let Ok(v) = &outcome {
            assert_eq!(Some(v.event.kind.name().as_ref()), case.event.as_deref(), "{}", case.name);
            assert_eq!(Some(v.event.kind.is_known()), case.known, "{}", case.name);
            let json = Command::new(env!("CARGO_BIN_EXE_vpcheck"))
                .args(["webhook", "--format", "json", "--signature", &case.header, "--now"])
                .arg(&case.now)
                .arg("--secret-file")
                .arg(root().join(&spec.secret))
                .arg(root().join(&case.body))
                .output()
                .unwrap();
            let printed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
            assert_eq!(printed["event"]["type"].as_str(), case.event.as_deref(), "{}", case.name);
            assert_eq!(printed["event"]["known"].as_bool(), case.known, "{}", case.name);
        }
        let out = Command::new(env!("CARGO_BIN_EXE_vpcheck"))
            .args(["webhook", "--signature", &case.header, "--now", &case.now, "--secret-file"])
            .arg(root().join(&spec.secret))
            .arg(root().join(&case.body))
            .output()
            .unwrap();
        let expected_exit = if case.code.is_none() { 0 } else { 1 };
        assert_eq!(
            out.status.code(),
            Some(expected_exit),
            "{}: {}",
            case.name,
            String::from_utf8_lossy(&out.stdout)
        );
        if let Some(code) = &case.code {
            assert!(String::from_utf8_lossy(&out.stdout).contains(code.as_str()), "{}", case.name);
        }
    }
}

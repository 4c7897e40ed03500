//! Every vector in `test-vectors/expected.json`, through the library and through the binary:
//! the verdict and the exact set of error codes must match, in both directions.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use vpcheck::{parse, Limits, Policy, Verdict};

#[derive(Deserialize)]
struct Case {
    file: String,
    now: String,
    #[serde(default)]
    policy: PolicySpec,
    verdict: String,
    codes: Vec<String>,
}

#[derive(Deserialize, Default)]
struct PolicySpec {
    session_id: Option<String>,
    min_loa: Option<u8>,
    max_age_seconds: Option<i64>,
    external_user_id: Option<String>,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(root().join("expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/test-vectors"))
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
    if let Some(s) = case.policy.max_age_seconds {
        p = p.with_max_age_seconds(s);
    }
    if let Some(id) = &case.policy.external_user_id {
        p = p.expect_external_user_id(id.clone());
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
        let (verdict, codes): (Verdict, BTreeSet<String>) = match parse(&bytes, &Limits::default()) {
            Err(e) => (Verdict::Rejected, [e.code().to_owned()].into()),
            Ok(u) => match u.verify(&policy) {
                Ok(v) => {
                    assert!(v.report().errors().is_empty());
                    (Verdict::Verified, BTreeSet::new())
                }
                Err(r) => (r.verdict(), r.errors().iter().map(|e| e.code().to_owned()).collect()),
            },
        };
        let expected: BTreeSet<String> = case.codes.iter().cloned().collect();
        if verdict_name(verdict) != case.verdict || codes != expected {
            failures.push(format!("{}: got {} {:?}, expected {} {:?}", case.file, verdict_name(verdict), codes, case.verdict, expected));
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
        if let Some(s) = case.policy.max_age_seconds {
            cmd.args(["--max-age", &s.to_string()]);
        }
        if let Some(id) = &case.policy.external_user_id {
            cmd.args(["--external-user-id", id]);
        }
        cmd.arg(root().join(&case.file));
        let out = cmd.output().unwrap();
        let expected_exit = match case.verdict.as_str() {
            "verified" => 0,
            "rejected" => 1,
            _ => 3,
        };
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let codes: BTreeSet<String> =
            json["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap().to_owned()).collect();
        let expected: BTreeSet<String> = case.codes.iter().cloned().collect();
        let claims_ok = (case.verdict == "verified") == json["claims"].is_object();
        if out.status.code() != Some(expected_exit) || json["verdict"] != case.verdict || codes != expected || !claims_ok {
            failures.push(format!("{}: exit {:?} verdict {} codes {:?}", case.file, out.status.code(), json["verdict"], codes));
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

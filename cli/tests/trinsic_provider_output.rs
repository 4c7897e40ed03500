//! `vpcheck verify --format json` on a Trinsic sessions-API result with provider output: the
//! typed output and match are printed under `claims.trinsic` only when unsigned claims are
//! accepted, and each consistency check is in `checks` either way.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::process::Command;

fn run(file: &str, extra: &[&str]) -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../test-vectors/trinsic-sessions/");
    let out = Command::new(env!("CARGO_BIN_EXE_vpcheck"))
        .args(["verify", "--format", "json", "--now", "2024-08-01T16:00:00Z"])
        .arg("--allow-unsigned-formats")
        .args(extra)
        .arg(format!("{path}{file}"))
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn provider_output_is_printed_typed_only_with_unsigned_claims() {
    let out = run("match-passed.json", &["--allow-unsigned-claims"]);
    assert_eq!(out["verdict"], "verified");
    let trinsic = &out["claims"]["trinsic"];
    let yoti = &trinsic["providerOutput"]["yoti"]["output"];
    assert_eq!(yoti["documentDetails"]["documentNumber"], "D1234567");
    assert_eq!(trinsic["match"]["faceMatch"]["probabilityValue"], 0.9646);
    let names: Vec<&str> =
        out["checks"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    for name in [
        "provider_output.yoti.givenName",
        "provider_output.yoti.documentDetails.expirationDate",
        "match.faceMatch",
    ] {
        assert!(names.contains(&name), "{name} not in {names:?}");
    }

    let withheld = run("match-passed.json", &[]);
    assert_eq!(withheld["verdict"], "verified");
    assert!(withheld["claims"].get("trinsic").is_none());
    let unsigned = withheld["unsigned"].as_array().unwrap();
    for field in ["identityData.providerOutput", "identityData.match"] {
        let entry = unsigned.iter().find(|u| u["field"] == field).unwrap();
        assert_eq!(entry["withheld"], true);
    }
}

#[test]
fn a_failed_match_and_a_lower_policy_minimum() {
    // liveness 0.9501: passes the default minimum 0.9, fails a policy minimum of 0.99.
    let out = run("match-probability-policy.json", &[]);
    assert_eq!(out["verdict"], "verified");
    let out = run("match-probability-policy.json", &["--min-match-probability", "0.99"]);
    assert_eq!(out["verdict"], "rejected");
    assert_eq!(out["errors"][0]["code"], "session.match_failed");
    assert_eq!(run("match-probability-low.json", &[])["errors"][0]["code"], "session.match_failed");
    let status = Command::new(env!("CARGO_BIN_EXE_vpcheck"))
        .args(["verify", "--now", "2024-08-01T16:00:00Z", "--min-match-probability", "1.5", "-"])
        .output()
        .unwrap();
    assert!(!status.status.success());
}

//! Keys over time (README, "Keys over time"): two Ed25519 keys of a rotation with adjacent
//! validity windows, A = [T0, T1) and B = [T1, T2), in one JWKS (`nbf`/`exp`). Tokens signed by
//! each key, with and without a `kid`, are judged at an instant inside each window and one second
//! either side of every edge: each outcome is asserted exactly, verified or the codes of its
//! errors. The keys are the fixed test keys of `tests/support` (seeds 41 and 42).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "../../tests/support/mod.rs"]
mod support;

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use ed25519_dalek::Signer as _;
use serde_json::json;
use vpcheck::{parse, Error, KeySet, KeyWindow, Limits, Policy};

/// 2024-01-01T00:00:00Z, 2025-01-01T00:00:00Z, 2026-01-01T00:00:00Z.
const T0: i64 = 1_704_067_200;
const T1: i64 = 1_735_689_600;
const T2: i64 = 1_767_225_600;
const DAY: i64 = 86_400;
const SEED_A: u8 = 41;
const SEED_B: u8 = 42;

fn instant(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap()
}

fn public_jwk(kid: &str, seed: u8) -> serde_json::Value {
    json!({"kty": "OKP", "crv": "Ed25519", "kid": kid, "x": B64.encode(support::key(seed).verifying_key().as_bytes())})
}

/// The rotation's key set: A valid [T0, T1), B valid [T1, T2).
fn rotation_jwks() -> String {
    let mut a = public_jwk("A", SEED_A);
    a["nbf"] = json!(T0);
    a["exp"] = json!(T1);
    let mut b = public_jwk("B", SEED_B);
    b["nbf"] = json!(T1);
    b["exp"] = json!(T2);
    json!({"keys": [a, b]}).to_string()
}

/// A compact EdDSA JWT `{"iss", "iat"}` by the key of `seed`, its header naming `kid` if any.
fn token(seed: u8, kid: Option<&str>, iat: i64) -> String {
    let header = match kid {
        Some(kid) => json!({"alg": "EdDSA", "typ": "JWT", "kid": kid}),
        None => json!({"alg": "EdDSA", "typ": "JWT"}),
    };
    let input = format!(
        "{}.{}",
        B64.encode(header.to_string()),
        B64.encode(json!({"iss": "https://issuer.example", "iat": iat}).to_string())
    );
    let signature = support::key(seed).sign(input.as_bytes());
    format!("{input}.{}", B64.encode(signature.to_bytes()))
}

/// `verified`, or the sorted codes of the errors of `token` judged at `at`.
fn outcome(keys: &KeySet, token: &str, at: i64) -> Vec<&'static str> {
    let policy = Policy::at(instant(at)).with_issuer_keys("https://issuer.example", keys.clone());
    let unverified = parse(token.as_bytes(), &Limits::default()).unwrap();
    match unverified.verify(&policy) {
        Ok(_) => vec!["verified"],
        Err(rejection) => {
            let mut codes: Vec<_> = rejection.errors().iter().map(Error::code).collect();
            codes.sort_unstable();
            codes
        }
    }
}

/// The judging instants: one second either side of every edge, and one inside each window.
const MID_A: i64 = T0 + 180 * DAY;
const MID_B: i64 = T1 + 180 * DAY;
const INSTANTS: [(&str, i64); 9] = [
    ("T0-1", T0 - 1),
    ("T0", T0),
    ("mid A", MID_A),
    ("T1-1", T1 - 1),
    ("T1", T1),
    ("T1+1", T1 + 1),
    ("mid B", MID_B),
    ("T2-1", T2 - 1),
    ("T2", T2),
];

const OK: &[&str] = &["verified"];
const OUTSIDE: &[&str] = &["key.outside_window"];
/// The token's `iat` is after the instant judged at, beyond the 60 s leeway, as well.
const OUTSIDE_FUTURE: &[&str] = &["key.outside_window", "time.future"];
const INVALID: &[&str] = &["signature.invalid"];
const INVALID_FUTURE: &[&str] = &["signature.invalid", "time.future"];

/// Each token's `iat` is 30 s into its key's window: judged one second before the window opens
/// it is 31 s ahead, inside the leeway, so that only the key's window decides.
fn table(kid: bool) -> [(&'static str, String, [&'static [&'static str]; 9]); 2] {
    let (a, b) = if kid { (Some("A"), Some("B")) } else { (None, None) };
    [
        (
            "signed by A",
            token(SEED_A, a, T0 + 30),
            //  T0-1     T0  mid A T1-1  T1       T1+1     mid B    T2-1     T2
            if kid {
                [OUTSIDE, OK, OK, OK, OUTSIDE, OUTSIDE, OUTSIDE, OUTSIDE, OUTSIDE]
            } else {
                // Without a kid, B is the only candidate in its window, and A's signature does
                // not verify under it; outside both windows, no key was valid.
                [OUTSIDE, OK, OK, OK, INVALID, INVALID, INVALID, INVALID, OUTSIDE]
            },
        ),
        (
            "signed by B",
            token(SEED_B, b, T1 + 30),
            if kid {
                [OUTSIDE_FUTURE, OUTSIDE_FUTURE, OUTSIDE_FUTURE, OUTSIDE, OK, OK, OK, OK, OUTSIDE]
            } else {
                [OUTSIDE_FUTURE, INVALID_FUTURE, INVALID_FUTURE, INVALID, OK, OK, OK, OK, OUTSIDE]
            },
        ),
    ]
}

fn run(kid: bool) {
    let keys = KeySet::from_json(rotation_jwks().as_bytes()).unwrap();
    let mut failures = Vec::new();
    for (name, token, expected) in table(kid) {
        for ((label, at), want) in INSTANTS.iter().zip(expected) {
            let got = outcome(&keys, &token, *at);
            if got != want {
                failures.push(format!(
                    "{name} (kid: {kid}) at {label}: expected {want:?}, got {got:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn tokens_with_a_kid_verify_only_inside_their_keys_window() {
    run(true);
}

#[test]
fn tokens_without_a_kid_are_tried_against_the_keys_valid_at_the_instant() {
    run(false);
}

/// The error names the header's `kid`, both edges of the key's window and the instant.
#[test]
fn the_refusal_names_the_kid_the_window_and_the_instant() {
    let keys = KeySet::from_json(rotation_jwks().as_bytes()).unwrap();
    let policy = Policy::at(instant(T1)).with_issuer_keys("https://issuer.example", keys);
    let a = token(SEED_A, Some("A"), T0 + 30);
    let unverified = parse(a.as_bytes(), &Limits::default()).unwrap();
    let rejection = unverified.verify(&policy).unwrap_err();
    let window = KeyWindow { not_before: Some(instant(T0)), not_after: Some(instant(T1)) };
    assert_eq!(
        rejection.errors(),
        [Error::KeyOutsideWindow {
            field: "jws(header).kid".into(),
            kid: "A".into(),
            at: instant(T1),
            window
        }]
    );
    assert_eq!(
        rejection.errors()[0].to_string(),
        r#"jws(header).kid: key "A" is valid from 2024-01-01 00:00:00 UTC (nbf) until 2025-01-01 00:00:00 UTC (exp, exclusive), not at 2025-01-01 00:00:00 UTC"#
    );
    assert_eq!(rejection.errors()[0].kind(), vpcheck::ErrorKind::Invalid);
}

/// A tampered negative beside the positives: a token signed by A whose header names B. Judged in
/// B's window it names a valid key and fails its signature; judged in A's window (last year's
/// audit) the key it names was not yet valid.
#[test]
fn a_kid_naming_the_other_key_is_refused_in_both_windows() {
    let keys = KeySet::from_json(rotation_jwks().as_bytes()).unwrap();
    let forged = token(SEED_A, Some("B"), T1 + 30);
    assert_eq!(outcome(&keys, &forged, MID_B), INVALID);
    assert_eq!(outcome(&keys, &forged, T1 - 1), OUTSIDE);
}

/// Keys without `nbf`/`exp` beside the rotation's are valid at every instant, as before.
#[test]
fn a_key_without_a_window_is_valid_at_every_instant() {
    let mut set: serde_json::Value = serde_json::from_str(&rotation_jwks()).unwrap();
    set["keys"].as_array_mut().unwrap().push(public_jwk("C", 43));
    let keys = KeySet::from_json(set.to_string().as_bytes()).unwrap();
    for (label, at) in INSTANTS {
        // iat at the instant judged at: only the key decides.
        assert_eq!(outcome(&keys, &token(43, Some("C"), at), at), OK, "kid C at {label}");
        assert_eq!(outcome(&keys, &token(43, None, at), at), OK, "no kid at {label}");
    }
}

/// A window the set cannot hold refuses the set when it is read, naming the member.
#[test]
fn a_key_set_with_a_bad_window_is_refused_when_read() {
    for (a_window, member) in [
        (json!({"nbf": T1, "exp": T1}), "jwks.keys[0].exp"),
        (json!({"exp": 1.5e9}), "jwks.keys[0].exp"),
        (json!({"nbf": "2024"}), "jwks.keys[0].nbf"),
    ] {
        let mut set: serde_json::Value = serde_json::from_str(&rotation_jwks()).unwrap();
        let key = set["keys"][0].as_object_mut().unwrap();
        key.remove("nbf");
        key.remove("exp");
        key.extend(a_window.as_object().unwrap().clone());
        let err = KeySet::from_json(set.to_string().as_bytes()).unwrap_err();
        assert_eq!(err.code(), "key.invalid", "{err}");
        assert!(err.to_string().starts_with(&format!("{member}: ")), "{err}");
    }
}

/// `vpcheck audit --at signed` over stored results of two years with one windowed JWKS: each
/// token is judged at its own signed `iat`. Last year's token verifies with last year's key and
/// this year's with this year's; a token dated last year whose `kid` names this year's key, not
/// yet valid then, is refused with `key.outside_window`.
#[test]
fn audit_judges_each_stored_token_with_the_key_valid_at_its_instant() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("key-rotation-audit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let jwks = dir.join("rotation.jwks.json");
    std::fs::write(&jwks, rotation_jwks()).unwrap();
    let last_year = token(SEED_A, Some("A"), MID_A);
    let this_year = token(SEED_B, Some("B"), MID_B);
    let early = token(SEED_B, Some("B"), MID_A);
    let lines = dir.join("results.ndjson");
    std::fs::write(
        &lines,
        [&last_year, &this_year, &early]
            .map(|t| serde_json::Value::String(t.clone()).to_string() + "\n")
            .concat(),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vpcheck"))
        .args(["audit", "--at", "signed", "--jobs", "1", "--issuer-jwks"])
        .arg(format!("https://issuer.example={}", jwks.display()))
        .arg(&lines)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let items: Vec<serde_json::Value> =
        stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(items.len(), 4, "{stdout}");
    let rfc3339 = |t: i64| instant(t).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    for (item, at, verdict, signed) in [
        (&items[0], MID_A, "verified", true),
        (&items[1], MID_B, "verified", true),
        (&items[2], MID_A, "rejected", false),
    ] {
        assert_eq!(
            (item["verdict"].as_str(), item["at"].as_str(), item["instant_source"].as_str()),
            (Some(verdict), Some(rfc3339(at).as_str()), Some("signed")),
            "{item}"
        );
        assert_eq!(item["instant_signed"], signed, "{item}");
    }
    assert_eq!(items[0]["errors"], json!([]));
    assert_eq!(items[1]["errors"], json!([]));
    let errors = items[2]["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{}", items[2]);
    assert_eq!(errors[0]["code"], "key.outside_window");
    let message = errors[0]["message"].as_str().unwrap();
    assert!(message.starts_with(r#"jws(header).kid: key "B" is valid from 2025-01-01 00:00:00 UTC (nbf) until 2026-01-01 00:00:00 UTC (exp, exclusive), not at 2024-06-29"#), "{message}");
    assert_eq!(items[3]["summary"]["by_code"]["key.outside_window"], 1, "{}", items[3]);
    assert_eq!(out.status.code(), Some(1));
}

/// Hopae rotates its ID token keys: an audit of a stored userinfo and its ID token, judged at the
/// instant it was accepted, finds the key that was Hopae's then. The vector's key
/// (`hopae-test-2025`) given a window that ends at the instant judged refuses the token; one that
/// starts one second after it refuses it as not yet valid; the window around it verifies.
#[test]
fn a_hopae_id_token_is_checked_with_the_key_hopae_used_at_that_instant() {
    let judged = support::at(support::HOPAE_NOW);
    let t = judged.timestamp();
    let userinfo = support::vector("hopae-signed/userinfo-valid.json");
    let id_token = support::id_token();
    let with_window = |nbf: i64, exp: i64| {
        let mut set: serde_json::Value =
            serde_json::from_slice(&support::vector("keys/hopae.jwks.json")).unwrap();
        set["keys"][0]["nbf"] = json!(nbf);
        set["keys"][0]["exp"] = json!(exp);
        Policy::at(judged)
            .with_evidence_keys(support::UPSTREAM_ISS, support::upstream_keys())
            .with_hopae_keys(KeySet::from_json(set.to_string().as_bytes()).unwrap())
            .expect_audience("vpcheck-test-client")
            .expect_nonce("n-0S6_WzA2Mj")
    };
    let codes = |policy: &Policy| -> Vec<String> {
        let unverified = parse(&userinfo, &Limits::default())
            .unwrap()
            .with_id_token(&id_token, &Limits::default())
            .unwrap();
        match unverified.verify(policy) {
            Ok(_) => Vec::new(),
            Err(r) => r.errors().iter().map(|e| e.code().to_owned()).collect(),
        }
    };
    // The year the key served, the instant inside: verified.
    assert_eq!(codes(&with_window(t - 365 * DAY, t + 1)), Vec::<String>::new());
    assert_eq!(codes(&with_window(t, t + 1)), Vec::<String>::new());
    // Retired at the instant judged (exp is exclusive), or not yet in service.
    assert_eq!(codes(&with_window(t - 365 * DAY, t)), ["key.outside_window"]);
    assert_eq!(codes(&with_window(t + 1, t + 365 * DAY)), ["key.outside_window"]);
}

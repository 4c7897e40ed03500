//! The zero-copy budget: with a counting global allocator, parsing each format costs a small
//! constant number of allocations that does not grow with the number or size of claims (when
//! they carry no escapes), and splitting evidence `names` allocates nothing.
//!
//! `allocation-counter` counts per thread, so the tests may run in parallel.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use serde_json::Value;
use vpcheck::{parse, Limits};

/// Allocations (reallocations included) made by `f` on this thread.
fn allocations<T>(f: impl FnOnce() -> T) -> (u64, T) {
    let mut out = None;
    let info = allocation_counter::measure(|| out = Some(f()));
    (info.count_total, out.expect("the closure ran"))
}

fn vector(path: &str) -> String {
    std::fs::read_to_string(format!("{}/test-vectors/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// `doc` with `n` extra string members (plain ASCII, no escapes) in the object at `pointer`.
fn with_claims(doc: &str, pointer: &str, n: usize, size: usize) -> String {
    let mut v: Value = serde_json::from_str(doc).unwrap();
    let object = v.pointer_mut(pointer).unwrap().as_object_mut().unwrap();
    for i in 0..n {
        object.insert(format!("extra_claim_{i:03}"), Value::from("x".repeat(size)));
    }
    serde_json::to_string(&v).unwrap()
}

fn parse_allocations(text: &str) -> u64 {
    let (n, parsed) = allocations(|| parse(text.as_bytes(), &Limits::default()));
    assert!(parsed.is_ok(), "{:?}", parsed.err());
    n
}

/// Each format, with 5 and with 50 extra claims of 8 and of 800 bytes, where its claims live.
#[test]
fn parsing_costs_a_constant_number_of_allocations() {
    let formats = [
        (
            "hopae userinfo",
            vector("hopae/userinfo-valid.json"),
            "/provenance/presentation/credentials/0/claims",
        ),
        (
            "trinsic sessions",
            vector("trinsic-sessions/result-success.json"),
            "/identityData/person",
        ),
        ("incode", vector("incode/finish-approved.json"), ""),
        // The provider output stays one raw value until verify reads it.
        (
            "trinsic sessions with an mDL provider output",
            vector("trinsic-sessions/provider-mdl.json"),
            "/identityData/providerOutput",
        ),
        // Problem details allow extension members next to the standard ones.
        ("vendor error", vector("vendor-errors/hopae-300001-session-expired.json"), ""),
        ("incode userinfo", vector("incode-oidc/userinfo-valid.json"), ""),
        ("incode onboarding webhook", vector("incode/onboarding-finished.json"), ""),
        (
            "trinsic connect",
            vector("trinsic-connect/session-success.json"),
            "/verifications/ver_1/normalizedGovernmentIdData",
        ),
    ];
    let mut report = Vec::new();
    for (name, doc, pointer) in &formats {
        let counts: Vec<u64> = [(5, 8), (50, 8), (5, 800), (50, 800)]
            .iter()
            .map(|(n, size)| parse_allocations(&with_claims(doc, pointer, *n, *size)))
            .collect();
        report.push(format!("{name}: {counts:?}"));
        assert!(
            counts.iter().all(|c| *c == counts[0]),
            "{name}: allocations vary with the claims: {counts:?}"
        );
        assert!(counts[0] <= 40, "{name}: {} allocations to parse", counts[0]);
    }
    println!("{}", report.join("\n"));
}

/// A compact JWS (a JWT credential): the same count for a payload with 5 or 50 claims.
#[test]
fn a_jwt_costs_the_same_whatever_its_payload() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    let token = vector("jwt-signed/vc2-valid.jwt");
    let parts: Vec<&str> = token.trim().split('.').collect();
    let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    let counts: Vec<u64> = [5, 50]
        .iter()
        .map(|n| {
            let p = with_claims(&payload, "", *n, 16);
            parse_allocations(&format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(p), parts[2]))
        })
        .collect();
    println!("jwt: {counts:?}");
    assert_eq!(counts[0], counts[1]);
}

#[test]
fn splitting_names_allocates_nothing() {
    let names = (0..50).map(|i| format!("claim_{i}")).collect::<Vec<_>>().join(";");
    let (n, count) = allocations(|| vpcheck::dangerous::split_names(&names).count());
    assert_eq!(count, 50);
    assert_eq!(n, 0, "split_names allocated");
}

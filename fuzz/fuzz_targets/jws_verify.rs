//! JWS verification (compact and JSON serializations) against a fixed key set: every key type,
//! the algorithm allowlist, `crit`, `b64` and every claim rule on hostile tokens.
#![no_main]

use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use vpcheck::{parse, KeySet, Limits, Policy};

/// The public keys of test-vectors/keys (Ed25519, P-256, RSA-2048, HMAC) and the suite keys.
fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| {
        let mut keys = KeySet::new();
        for jwks in [
            include_str!("../../test-vectors/keys/issuer.jwks.json"),
            include_str!("../../test-vectors/keys/hopae.jwks.json"),
            include_str!("../../test-vectors/keys/upstream.jwks.json"),
            include_str!("../../test-vectors/keys/vc-jose-cose.jwks.json"),
            include_str!("../../test-vectors/keys/hmac.jwks.json"),
        ] {
            keys.add_json(jwks.as_bytes()).expect("fixed key sets are valid and disjoint");
        }
        Policy::at(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap())
            .with_keys(keys)
            .expect_audience("https://verifier.example")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(unverified) = parse(data, &Limits::default()) else { return };
    // A verified token must have come through every check: the report then holds no error.
    if let Ok(verified) = unverified.verify(policy()) {
        assert!(verified.report().errors().is_empty());
    }
});

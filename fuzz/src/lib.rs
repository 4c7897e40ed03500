//! The body of every fuzz target, one function each. The targets in `fuzz_targets/` are one-line
//! wrappers, and `tests/fuzz_replay.rs` in the main crate includes this file to run every file of
//! `fuzz/corpus/<target>/` and `fuzz/artifacts/<target>/` through the same function as an
//! ordinary test, so that a crash once found stays fixed.
//!
//! Each function panics on a broken invariant (a verified result with errors, a slice that does
//! not point into its input, a signed format verified without a signature check); everything
//! else must return normally.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::sync::OnceLock;

use chrono::{DateTime, TimeZone, Utc};
use vpcheck::dangerous::UnverifiedJws;
use vpcheck::{parse, Format, KeySet, Limits, Policy};

/// A target's body.
pub type Target = fn(&[u8]);

/// The targets, by name, for the replay test.
pub const TARGETS: &[(&str, Target)] = &[
    ("parse", parse_any),
    ("verify", verify_any),
    ("jws_compact", jws_compact),
    ("jws_verify", jws_verify),
    ("evidence_names", evidence_names),
    ("audit_lines", audit_lines),
    ("webhook_event", webhook_event),
    #[cfg(feature = "ld")]
    ("ld_proof", ld_proof),
];

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single().expect("a valid instant")
}

/// Detection and parsing of any input; and the structure pass's fast scan held to its serde_json
/// reference, the vendor models read from top-level members to serde_json's whole-text parse.
pub fn parse_any(data: &[u8]) {
    let _ = parse(data, &Limits::default());
    if let Err(disagreement) = vpcheck::fuzzing::json_tiers_agree(data) {
        panic!("the structure pass's tiers disagree: {disagreement}");
    }
}

/// The full verification with a fixed policy without keys: a verified result has a clean report,
/// and is never a JWS (its signature cannot be checked without keys), nor a format that carries
/// no signature unless the policy accepts unsigned formats.
pub fn verify_any(data: &[u8]) {
    let Ok(parsed) = parse(data, &Limits::default()) else { return };
    let policy = Policy::at(at(2025, 10, 28, 6, 30));
    if let Ok(verified) = parsed.verify(&policy) {
        assert!(verified.report().errors().is_empty());
        // JSON-LD proofs may be keyed by did:key, which needs nothing from the policy; a JWS
        // needs a key from it (a key in its own header is never trusted).
        assert!(parsed.format() != Format::Jws, "a JWS verified without keys");
        assert!(
            parsed.format().carries_signature(),
            "an unsigned format verified without the opt-in"
        );
    }
    // With the opt-in, the unsigned formats' own checks decide.
    if let Ok(verified) = parsed.verify(&policy.clone().allow_unsigned_formats()) {
        assert!(verified.report().errors().is_empty());
        // Trinsic's provider output and match results are unsigned claims: withheld without
        // the second opt-in.
        assert!(verified.trinsic_provider_output().is_none() && verified.trinsic_match().is_none());
    }
    if let Ok(verified) = parsed.verify(&policy.allow_unsigned_formats().allow_unsigned_claims()) {
        assert!(verified.report().errors().is_empty());
    }
}

/// Compact JWS splitting, strict base64url, header and JWT claims.
pub fn jws_compact(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let limits = Limits::default();
    if let Ok(jws) = UnverifiedJws::decode("fuzz", text, &limits) {
        let _ = jws.header();
        let _ = jws.claims("fuzz", &limits);
        if let Some(input) = jws.signing_input(0) {
            assert!(text.as_bytes().starts_with(&input));
        }
    }
}

/// The public keys of test-vectors/keys (Ed25519, P-256, RSA-2048) and the suite keys; the HMAC
/// secret in a set of its own (a set mixing secrets and public keys is refused as ambiguous).
fn keyed_policies() -> &'static [Policy; 2] {
    static POLICIES: OnceLock<[Policy; 2]> = OnceLock::new();
    POLICIES.get_or_init(|| {
        let set = |texts: &[&str]| {
            let mut keys = KeySet::new();
            for jwks in texts {
                keys.add_json(jwks.as_bytes()).expect("fixed key sets are valid and disjoint");
            }
            keys
        };
        let issuer = set(&[
            include_str!("../../test-vectors/keys/issuer.jwks.json"),
            include_str!("../../test-vectors/keys/vc-jose-cose.jwks.json"),
        ]);
        let holder = set(&[
            include_str!("../../test-vectors/keys/holder.jwks.json"),
            include_str!("../../test-vectors/keys/vc-jose-cose.jwks.json"),
        ]);
        let hopae = set(&[include_str!("../../test-vectors/keys/hopae.jwks.json")]);
        let upstream = set(&[include_str!("../../test-vectors/keys/upstream.jwks.json")]);
        let secrets = set(&[include_str!("../../test-vectors/keys/hmac.jwks.json")]);
        let base = || Policy::at(at(2025, 1, 1, 0, 0)).expect_audience("https://verifier.example");
        // Keys in their roles, as a caller configures them: the issuers the vectors name, the
        // holder, Hopae and the upstream provider.
        let asymmetric = base()
            .with_issuer_keys("did:example:issuer", issuer.clone())
            .with_issuer_keys("https://example.issuer/vc-jose-cose", issuer)
            .with_holder_keys("did:example:holder", holder.clone())
            .with_holder_keys("https://example.issuer/vc-jose-cose", holder)
            .with_hopae_keys(hopae)
            .with_evidence_keys("https://oidc.smart-id.example", upstream);
        [asymmetric, base().with_issuer_keys("did:example:issuer", secrets)]
    })
}

/// JWS verification (compact and JSON serializations) against fixed key sets: every key type,
/// the algorithm allowlist, `crit`, `b64` and every claim rule on hostile tokens.
pub fn jws_verify(data: &[u8]) {
    let Ok(unverified) = parse(data, &Limits::default()) else { return };
    // A verified token must have come through every check: the report then holds no error.
    for policy in keyed_policies() {
        if let Ok(verified) = unverified.verify(policy) {
            assert!(verified.report().errors().is_empty());
        }
    }
}

/// Evidence `names` against `token` keys: the names list, a NUL, then the keys separated by
/// newlines.
pub fn evidence_names(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (names, keys) = text.split_once('\0').unwrap_or((text, ""));
    let keys = keys.split('\n').filter(|k| !k.is_empty());
    let _ = vpcheck::dangerous::check_names("names", "token", names, keys, 64);
    // Every entry split out is a slice of the list itself.
    let range = names.as_bytes().as_ptr_range();
    for entry in vpcheck::dangerous::split_names(names) {
        assert!(entry.is_empty() || range.contains(&entry.as_ptr()));
    }
}

/// A Hopae webhook body read as a verified delivery's event (the signature is the one thing
/// the fuzzer cannot produce, so the body is read past it).
pub fn webhook_event(data: &[u8]) {
    if let Err(e) = vpcheck::fuzzing::webhook_event(data) {
        panic!("{e}");
    }
}

/// An NDJSON stream as `vpcheck audit` reads it: bounded lines, each judged at its own
/// `updated` member (`instant_at_field`) or at a fixed instant, parsed and verified.
pub fn audit_lines(data: &[u8]) {
    let limits = Limits { max_input_bytes: 4096, ..Limits::default() };
    let base = Policy::at(at(2025, 10, 28, 6, 30));
    for line in vpcheck::audit::NdjsonLines::new(data, limits.max_input_bytes).take(64) {
        let line = line.expect("reading from memory does not fail");
        assert!(
            line.bytes.len() <= limits.max_input_bytes + 1,
            "a line is cut one byte past the limit"
        );
        assert!(line.bytes.last() != Some(&b'\n'));
        let policy = match vpcheck::audit::instant_at_field(&line.bytes, "updated", &limits) {
            Ok(t) => base.clone().with_now(t),
            Err(_) => base.clone(),
        };
        if let Ok(parsed) = parse(&line.bytes, &limits) {
            if let Ok(verified) = parsed.verify(&policy) {
                assert!(verified.report().errors().is_empty());
            }
        }
    }
}

/// JSON-LD proofs with the shipped contexts and fixed keys: BBS+ (the Trinsic-shaped issuer's
/// did:web document), Ed25519 and ECDSA Data Integrity, ecdsa-sd-2023, bbs-2023 and JWS 2020
/// (did:key, no document needed).
#[cfg(feature = "ld")]
pub fn ld_proof(data: &[u8]) {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    let policy = POLICY.get_or_init(|| {
        let mut dids = vpcheck::DidDocuments::new();
        dids.add_json(include_bytes!("../../test-vectors/trinsic-bbs/issuer.did.json"))
            .expect("a valid DID document");
        let list = vpcheck::StatusList::parse(include_str!(
            "../../test-vectors/trinsic-bbs/revocation-list.json"
        ))
        .expect("a valid list");
        // A tenth of the default work budget: AddressSanitizer and coverage instrumentation make
        // the JSON-LD path about 30 times slower than a release build, and a run holds every
        // input to 2 s (`-timeout=2`). What the fuzzer checks is that the work stays bounded by
        // the budget whatever the input; the release-build time bounds are held by
        // benches/hostile_bounds.py.
        let limits = Limits { max_work: vpcheck::DEFAULT_MAX_WORK / 10, ..Limits::default() };
        // The ecdsa-sd-2023 seeds' context and the bbs-2023 seeds' embedded one, so that their
        // mutations reach the selective-disclosure suites.
        let vocab =
            serde_json::json!({"@vocab": "https://windsurf.grotto-networking.com/selective#"});
        Policy::at(at(2026, 10, 1, 10, 0))
            .with_did_documents(dids)
            .with_status_list(list)
            .with_limits(limits)
            .with_context(
                "https://w3id.org/citizenship/v4rc1",
                include_str!(
                    "../../test-vectors/ld/vc-di-ecdsa/ecdsa-sd-2023/w3id-citizenship-v4rc1.jsonld"
                ),
            )
            .trust_embedded_context(vocab)
    });
    let Ok(parsed) = parse(data, &Limits::default()) else { return };
    if !matches!(
        parsed.format(),
        Format::JsonLdDocument | Format::JsonLdPresentation | Format::TrinsicConnectSession
    ) {
        return;
    }
    if let Ok(verified) = parsed.verify(policy) {
        assert!(verified.report().errors().is_empty());
    }
}

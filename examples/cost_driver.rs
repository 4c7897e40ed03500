//! Instruction-count driver: verifies one vector N times (callgrind: (Ir(N=51) - Ir(N=1)) / 50).
//! JSON-LD: `rdfc`, `ed2020`, `jcs`, `ecdsa-p256`, `ecdsa-p384` (ecdsa-rdfc-2019), `bbs`,
//! `bbscred`, `bbs2023`; JWT: `eddsa-jwt`, `es256-jwt`, `rs256-jwt`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use chrono::{DateTime, Utc};
use vpcheck::{parse, DidDocuments, Limits, Policy};
fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap();
    let n: usize = args.next().unwrap().parse().unwrap();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/test-vectors/");
    // A JWT (`eddsa-jwt`, `es256-jwt`, `rs256-jwt`), as benches/jose.rs verifies it: the issuer's
    // keys bound to its `iss`, the audience and nonce expected.
    if let Some(alg) = which.strip_suffix("-jwt") {
        let token = std::fs::read_to_string(format!("{root}jwt-signed/{alg}-valid.jwt"))
            .unwrap()
            .trim()
            .to_owned();
        let keys = vpcheck::KeySet::from_json(
            &std::fs::read(format!("{root}keys/issuer.jwks.json")).unwrap(),
        )
        .unwrap();
        let now: DateTime<Utc> =
            DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z").unwrap().into();
        let policy = Policy::at(now)
            .with_issuer_keys("did:example:issuer", keys)
            .expect_audience("https://verifier.example")
            .expect_nonce("c-7f2a");
        for _ in 0..3 + n {
            assert!(parse(token.as_bytes(), &Limits::default()).unwrap().verify(&policy).is_ok());
        }
        return;
    }
    // bbs-2023: the W3C windsurf derived credential, verified end to end under its vector policy.
    if which == "bbs2023" {
        let text =
            std::fs::read(format!("{root}ld/vc-di-bbs-2023/derivedRevealDocument.json")).unwrap();
        let vocab: serde_json::Value = serde_json::from_slice(
            &std::fs::read(format!("{root}ld/vc-di-bbs-2023/windsurf-vocab-context.json")).unwrap(),
        )
        .unwrap();
        let mut dids = DidDocuments::new();
        dids.add_json(
            &std::fs::read(format!("{root}dids/vc-example-windsurf-issuer.json")).unwrap(),
        )
        .unwrap();
        let now: DateTime<Utc> =
            DateTime::parse_from_rfc3339("2024-06-01T00:00:00Z").unwrap().into();
        let policy = Policy::at(now)
            .with_did_documents(dids)
            .trust_embedded_context(vocab)
            .trust_issuer(vpcheck::TrustedIssuer::new("https://vc.example/windsurf/racecommittee"))
            .allow_withheld("validUntil");
        for _ in 0..3 + n {
            assert!(parse(&text, &Limits::default()).unwrap().verify(&policy).is_ok());
        }
        return;
    }
    let (file, did, now, session) = match which.as_str() {
        "rdfc" => (
            "ld/vc-di-eddsa/eddsa-rdfc-2022-signed.json",
            "dids/vc-example-issuer.json",
            "2025-01-01T00:00:00Z",
            None,
        ),
        "ed2020" => (
            "ld/vc-di-eddsa/ed25519signature2020-signed.json",
            "dids/vc-example-issuer.json",
            "2025-01-01T00:00:00Z",
            None,
        ),
        "jcs" => (
            "ld/vc-di-eddsa/eddsa-jcs-2022-signed.json",
            "dids/vc-example-issuer.json",
            "2025-01-01T00:00:00Z",
            None,
        ),
        "ecdsa-p256" => (
            "ld/vc-di-ecdsa/ecdsa-rdfc-2019-p256/signedECDSAP256.json",
            "dids/vc-example-issuer-ecdsa.json",
            "2025-01-01T00:00:00Z",
            None,
        ),
        "ecdsa-p384" => (
            "ld/vc-di-ecdsa/ecdsa-rdfc-2019-p384/signedECDSAP384.json",
            "dids/vc-example-issuer-ecdsa.json",
            "2025-01-01T00:00:00Z",
            None,
        ),
        "bbs" => (
            "trinsic-bbs/session-valid.json",
            "trinsic-bbs/issuer.did.json",
            "2026-10-01T10:00:00Z",
            Some("urn:trinsic:idvsession:7d6f0c2e-5b1a-4c3e-9f7a-2b8d1e4c6a90"),
        ),
        "bbscred" => (
            "trinsic-bbs/credential-signed.json",
            "trinsic-bbs/issuer.did.json",
            "2026-10-01T10:00:00Z",
            None,
        ),
        _ => panic!("which"),
    };
    let text = std::fs::read(format!("{root}{file}")).unwrap();
    let mut dids = DidDocuments::new();
    dids.add_json(&std::fs::read(format!("{root}{did}")).unwrap()).unwrap();
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339(now).unwrap().into();
    // Each vector's issuer, trusted for its role.
    let issuer = if which.starts_with("bbs") {
        vpcheck::TrustedIssuer::trinsic("did:web:idv.vpcheck.example:zVpcheckTestIssuer")
    } else {
        vpcheck::TrustedIssuer::new("https://vc.example/issuers/5678")
    };
    let mut policy = Policy::at(now).with_did_documents(dids).trust_issuer(issuer);
    if let Some(s) = session {
        policy = policy.expect_session_id(s);
    }
    // Warm: the key's tables and the context cache, as in a long-running verifier.
    for _ in 0..3 {
        assert!(parse(&text, &Limits::default()).unwrap().verify(&policy).is_ok());
    }
    for _ in 0..n {
        assert!(parse(&text, &Limits::default()).unwrap().verify(&policy).is_ok());
    }
}

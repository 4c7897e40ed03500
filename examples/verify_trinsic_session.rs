//! A backend's use of the library on a Trinsic Connect session whose `resultVp` carries a
//! BBS+ derived proof: parse, verify under a policy that names the issuer it trusts, the
//! session it started and the instant, then read the claims, or the reasons.
//!
//! Run: `cargo run --example verify_trinsic_session` (from the repository root; it reads the
//! shipped vectors under `test-vectors/trinsic-bbs/`).

use chrono::{TimeZone, Utc};
use vpcheck::{parse, DidDocuments, Limits, Policy, TrustedIssuer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let session = std::fs::read("test-vectors/trinsic-bbs/session-valid.json")?;
    // The issuer's DID document resolves its key; trusting it as a Trinsic issuer is a
    // separate, explicit decision (a DID document alone makes nobody trusted).
    let mut dids = DidDocuments::new();
    dids.add_json(&std::fs::read("test-vectors/trinsic-bbs/issuer.did.json")?)?;
    let policy = Policy::at(Utc.with_ymd_and_hms(2026, 10, 1, 10, 0, 0).single().ok_or("instant")?)
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::trinsic("did:web:idv.vpcheck.example:zVpcheckTestIssuer"))
        // The session this backend started: the envelope and the proof's nonce must name it.
        .expect_session_id("urn:trinsic:idvsession:7d6f0c2e-5b1a-4c3e-9f7a-2b8d1e4c6a90");

    let unverified = parse(&session, &Limits::default())?;
    match unverified.verify(&policy) {
        Ok(verified) => {
            let claims = verified.claims();
            println!(
                "verified: {} {}",
                claims.given_name.as_deref().unwrap_or("?"),
                claims.family_name.as_deref().unwrap_or("?")
            );
            if let Some(born) = claims.birth_date {
                println!("born {born}");
            }
            for value in verified.unsigned() {
                println!("unsigned, not in the claims: {} ({})", value.field, value.reason);
            }
            Ok(())
        }
        Err(rejection) => {
            for error in rejection.errors() {
                eprintln!("{}: {error}", error.code());
            }
            Err(format!("{:?}", rejection.verdict()).into())
        }
    }
}

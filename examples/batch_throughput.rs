//! The Rust baseline of `benches/python_batch.py`: the items it lists audited as
//! `vpcheck.verify_batch` audits them (`vpcheck::audit::audit_item` at the policy instant, over
//! `jobs` threads pulling the next item), timed, so that the Python package's overhead is the
//! ratio of the two. Usage: `batch_throughput LIST REPEAT JOBS`, LIST a file of vector paths.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use vpcheck::audit::{audit_item, JudgeAt};
use vpcheck::{DidDocuments, KeySet, Policy, TrustedIssuer};

fn main() {
    let mut args = std::env::args().skip(1);
    let list = std::fs::read_to_string(args.next().unwrap()).unwrap();
    let repeat: usize = args.next().unwrap().parse().unwrap();
    let jobs: usize = args.next().unwrap().parse().unwrap();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/test-vectors/");
    let read = |f: &str| std::fs::read(format!("{root}{f}")).unwrap();
    let files: Vec<Vec<u8>> = list.lines().filter(|l| !l.is_empty()).map(read).collect();
    let items: Vec<&[u8]> =
        (0..repeat).flat_map(|_| files.iter().map(Vec::as_slice)).collect::<Vec<_>>();
    // The policy of python/tests/test_batch.py's `audit_policy`.
    let mut dids = DidDocuments::new();
    dids.add_json(&read("trinsic-bbs/issuer.did.json")).unwrap();
    dids.add_json(&read("dids/vc-example-issuer.json")).unwrap();
    let policy =
        Policy::at(chrono::DateTime::parse_from_rfc3339("2026-10-01T10:00:00Z").unwrap().into())
            .with_did_documents(dids)
            .trust_issuer(TrustedIssuer::from_did_url(
                "did:web:idv.vpcheck.example:zVpcheckTestIssuer",
                true,
            ))
            .trust_issuer(TrustedIssuer::from_did_url("https://vc.example/issuers/5678", false))
            .with_issuer_keys(
                "did:example:issuer",
                KeySet::from_json(&read("keys/issuer.jwks.json")).unwrap(),
            )
            .with_hopae_keys(KeySet::from_json(&read("keys/hopae.jwks.json")).unwrap())
            .allow_unsigned_formats();
    let started = Instant::now();
    let next = AtomicUsize::new(0);
    let verified = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let out = audit_item(item, &policy, JudgeAt::PolicyNow);
                if out.report.verdict() == vpcheck::Verdict::Verified {
                    verified.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{{\"items\": {}, \"verified\": {}, \"seconds\": {seconds:.4}}}",
        items.len(),
        verified.load(Ordering::Relaxed)
    );
}

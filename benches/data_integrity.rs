//! Data Integrity Ed25519 verification: vpcheck end to end (parse, credential checks, offline
//! JSON-LD expansion and RDFC-1.0 of proof options and document, key resolution from the
//! `did:key` verification method, issuer binding, signature) next to ssi verifying the same
//! credential (`ssi-data-integrity` with `AnySuite`, `did:key` resolved by `did-method-key`, a
//! JSON-LD loader holding only the contexts vpcheck ships). Two credentials, the vc-di-eddsa
//! vectors `eddsa-rdfc-2022-signed.json` and `ed25519signature2020-signed.json`; before timing,
//! each verifier is checked to accept the credential and to refuse its `-tampered` copy.
//!
//! What ssi checks here: the proof (suite, purpose `assertionMethod` against the resolved method,
//! signature over the canonical form); `DataIntegrityDocument`, its generic document type, has
//! no claim rules (no `validFrom`/`validUntil`, no issuer binding). ssi's VC types that do
//! (`ssi-vc`) come with reqwest and rustls and are left out.
//!
//! Run: `cargo bench --features peers --bench data_integrity -- --noplot`. Numbers are in the
//! README ("Benchmarks").

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::HashMap;

use chrono::{TimeZone, Utc};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use ssi_claims_core::VerificationParameters;
use ssi_data_integrity::{AnySuite, DataIntegrityDocument};
use vpcheck::{parse, DidDocuments, Limits, Policy, SHIPPED_CONTEXTS};

fn load(path: &str) -> String {
    std::fs::read_to_string(format!("{}/test-vectors/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn data_integrity(c: &mut Criterion) {
    let now = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
    let limits = Limits::default();
    let mut dids = DidDocuments::new();
    dids.add_json(load("dids/vc-example-issuer.json").as_bytes()).unwrap();
    let policy = Policy::at(now).with_did_documents(dids);
    let vpcheck_verify = |text: &str| -> bool {
        parse(text.as_bytes(), &limits).is_ok_and(|u| u.verify(&policy).is_ok())
    };

    let contexts: HashMap<String, String> = SHIPPED_CONTEXTS
        .iter()
        .map(|(url, text)| ((*url).to_owned(), (*text).to_owned()))
        .collect();
    let loader = ssi_json_ld::ContextLoader::empty().with_context_map_from(contexts).unwrap();
    let resolver = ssi_dids_core::VerificationMethodDIDResolver::<
        _,
        ssi_verification_methods::AnyMethod,
    >::new(did_method_key::DIDKey);
    let params = VerificationParameters::from_resolver(resolver)
        .with_json_ld_loader(loader)
        .with_date_time(now);
    let ssi_verify = |text: &str| -> bool {
        let Ok(credential) =
            ssi_data_integrity::from_json_str::<DataIntegrityDocument, AnySuite>(text)
        else {
            return false;
        };
        matches!(pollster::block_on(credential.verify(&params)), Ok(Ok(())))
    };

    for (name, file) in [
        ("di_ed25519/eddsa-rdfc-2022", "ld/vc-di-eddsa/eddsa-rdfc-2022"),
        ("di_ed25519/Ed25519Signature2020", "ld/vc-di-eddsa/ed25519signature2020"),
    ] {
        let signed = load(&format!("{file}-signed.json"));
        let tampered = load(&format!("{file}-tampered.json"));
        assert!(vpcheck_verify(&signed) && !vpcheck_verify(&tampered), "vpcheck {name}");
        assert!(ssi_verify(&signed) && !ssi_verify(&tampered), "ssi {name}");

        let mut group = c.benchmark_group(name);
        group.bench_function("vpcheck", |b| b.iter(|| assert!(vpcheck_verify(black_box(&signed)))));
        group.bench_function("ssi", |b| b.iter(|| assert!(ssi_verify(black_box(&signed)))));
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(4));
    targets = data_integrity
}
criterion_main!(benches);

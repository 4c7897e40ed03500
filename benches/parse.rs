//! Parse-only and parse-plus-checks throughput per format, on committed vectors.
//!
//! Run: `cargo bench --bench parse -- --noplot`. Numbers and the machine they came from are in
//! the README.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::as_conversions)]

use chrono::{TimeZone, Utc};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use vpcheck::dangerous::check_names;
use vpcheck::{parse, Limits, Policy};

const VECTORS: &[(&str, &str, (i32, u32, u32))] = &[
    ("trinsic-connect-session", "trinsic-connect/session-success.json", (2023, 9, 8)),
    ("trinsic-session-result", "trinsic-sessions/result-success.json", (2024, 8, 1)),
    // With a wallet's mDL provider output and its consistency checks.
    ("trinsic-session-provider-output", "trinsic-sessions/provider-mdl.json", (2024, 8, 1)),
    ("hopae-userinfo", "hopae/userinfo-valid.json", (2025, 10, 28)),
    ("incode-result", "incode/scores-ok.json", (2025, 1, 1)),
    ("vendor-error", "vendor-errors/hopae-300001-session-expired.json", (2025, 1, 1)),
    // Parsed alone: without its ID token the userinfo never verifies, so the second group
    // measures the checks that refuse it.
    ("incode-userinfo", "incode-oidc/userinfo-valid.json", (2025, 11, 3)),
    ("jws", "jwt/credential-jose-minimal.jwt", (2025, 1, 1)),
    // A JWT presentation (VCDM 1.1 `vp` claim) carrying a signed JWT credential.
    ("jwt-vp", "jwt-signed/vp11-valid.jwt", (2025, 1, 1)),
];

fn load(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/test-vectors/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn parse_only(c: &mut Criterion) {
    let limits = Limits::default();
    let mut group = c.benchmark_group("parse");
    for (name, path, _) in VECTORS {
        let bytes = load(path);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(*name, |b| b.iter(|| parse(black_box(&bytes), &limits).unwrap()));
    }
    group.finish();
}

fn parse_and_verify(c: &mut Criterion) {
    let limits = Limits::default();
    let mut group = c.benchmark_group("parse_and_verify");
    for (name, path, (y, m, d)) in VECTORS {
        let bytes = load(path);
        // Unsigned formats accepted: their own checks are what is measured.
        let policy = Policy::at(Utc.with_ymd_and_hms(*y, *m, *d, 23, 0, 0).unwrap())
            .allow_expired_documents()
            .allow_unsigned_formats();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| {
                let parsed = parse(black_box(&bytes), &limits).unwrap();
                let outcome = parsed.verify(&policy).map(|v| v.report().checks().len());
                black_box(outcome.is_ok())
            })
        });
    }
    group.finish();
}

fn evidence_names(c: &mut Criterion) {
    let names = "id_token;expires_at;access_token;token_type";
    let keys = ["id_token", "expires_at", "access_token", "token_type"];
    c.bench_function("evidence_names/smart_id", |b| {
        b.iter(|| {
            check_names("names", "token", black_box(names), keys.iter().copied(), 64).unwrap()
        })
    });
}

criterion_group!(benches, parse_only, parse_and_verify, evidence_names);
criterion_main!(benches);

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
//! The 2019/2023 cryptosuites (`cryptosuites`): `ecdsa-rdfc-2019` (P-256, P-384), `ecdsa-jcs-2019`
//! (P-256; ssi has no JCS suite), `ecdsa-sd-2023` and `bbs-2023` derived proofs, each end to end
//! against its bare signature check (the signatures alone, over inputs computed once: vpcheck's
//! ECDSA backends, ring for P-256 and aws-lc-rs for P-384, the IETF BBS core's `ProofVerify` for
//! bbs-2023) and against ssi where it verifies the same document. The W3C ecdsa-sd-2023 vector's
//! issuer is not its signer: vpcheck does all its work and then refuses the issuer binding
//! (asserted to be the only error), so its end-to-end time is a complete verification's; the
//! reference credential Digital Bazaar's libraries issued (`ecdsa-sd-2023-reference`) verifies.
//!
//! Run: `cargo bench --features peers --bench data_integrity -- --noplot`. Numbers are in
//! BENCHMARKS.md.

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
    let policy = Policy::at(now)
        .with_did_documents(dids)
        .trust_issuer(vpcheck::TrustedIssuer::new("https://vc.example/issuers/5678"));
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

/// ssi's verification parameters: `did:key` resolution, a loader holding vpcheck's shipped
/// contexts and `extra`, the instant.
macro_rules! ssi_params {
    ($now:expr, $extra:expr) => {{
        let mut contexts: HashMap<String, String> = SHIPPED_CONTEXTS
            .iter()
            .map(|(url, text)| ((*url).to_owned(), (*text).to_owned()))
            .collect();
        for (url, text) in $extra {
            contexts.insert((*url).to_owned(), (*text).to_owned());
        }
        let loader = ssi_json_ld::ContextLoader::empty().with_context_map_from(contexts).unwrap();
        let resolver = ssi_dids_core::VerificationMethodDIDResolver::<
            _,
            ssi_verification_methods::AnyMethod,
        >::new(did_method_key::DIDKey);
        VerificationParameters::from_resolver(resolver)
            .with_json_ld_loader(loader)
            .with_date_time($now)
    }};
}

/// Whether ssi verifies `text` (any suite it has) with `params`.
macro_rules! ssi_accepts {
    ($params:expr, $text:expr) => {{
        match ssi_data_integrity::from_json_str::<DataIntegrityDocument, AnySuite>($text) {
            Ok(credential) => {
                matches!(pollster::block_on(credential.verify($params)), Ok(Ok(())))
            }
            Err(_) => false,
        }
    }};
}

/// A compressed SEC1 point from a Multikey (`z` base58btc, two-byte multicodec header), made
/// uncompressed for ring.
fn multikey_point(multibase: &str, p384: bool) -> Vec<u8> {
    use p256::elliptic_curve::sec1::ToEncodedPoint as _;
    let bytes = bs58::decode(multibase.strip_prefix('z').unwrap()).into_vec().unwrap();
    let point = &bytes[2..];
    if p384 {
        p384::PublicKey::from_sec1_bytes(point).unwrap().to_encoded_point(false).as_bytes().to_vec()
    } else {
        p256::PublicKey::from_sec1_bytes(point).unwrap().to_encoded_point(false).as_bytes().to_vec()
    }
}

fn ring_verify(
    alg: &'static ring::signature::EcdsaVerificationAlgorithm,
    key: &[u8],
    m: &[u8],
    sig: &[u8],
) -> bool {
    ring::signature::UnparsedPublicKey::new(alg, key).verify(m, sig).is_ok()
}

/// The bare ECDSA check on the backend vpcheck uses for the curve: ring for P-256, aws-lc-rs for
/// P-384 (README, "Signature backends").
fn ecdsa_verify(p384: bool, key: &[u8], m: &[u8], sig: &[u8]) -> bool {
    if p384 {
        use aws_lc_rs::signature as aws;
        aws::UnparsedPublicKey::new(&aws::ECDSA_P384_SHA384_FIXED, key).verify(m, sig).is_ok()
    } else {
        ring_verify(&ring::signature::ECDSA_P256_SHA256_FIXED, key, m, sig)
    }
}

fn cryptosuites(c: &mut Criterion) {
    use ring::signature::ECDSA_P256_SHA256_FIXED;
    let limits = Limits::default();
    let codes = |text: &str, policy: &Policy| -> Vec<String> {
        match parse(text.as_bytes(), &limits) {
            Err(e) => vec![e.code().to_owned()],
            Ok(u) => match u.verify(policy) {
                Ok(_) => vec![],
                Err(r) => r.errors().iter().map(|e| e.code().to_owned()).collect(),
            },
        }
    };
    let hex = |path: &str| ::hex::decode(load(path).trim()).unwrap();

    // ecdsa-rdfc-2019 and ecdsa-jcs-2019: the W3C vectors, the issuer's controller document.
    let now = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
    let mut dids = DidDocuments::new();
    dids.add_json(load("dids/vc-example-issuer-ecdsa.json").as_bytes()).unwrap();
    let policy = Policy::at(now)
        .with_did_documents(dids)
        .trust_issuer(vpcheck::TrustedIssuer::new("https://vc.example/issuers/5678"));
    let params = ssi_params!(now, &[] as &[(&str, &str)]);
    let d = "ld/vc-di-ecdsa/";
    for (name, folder, infix, p384, ssi) in [
        ("ecdsa-rdfc-2019-p256", "ecdsa-rdfc-2019-p256", "ECDSAP256", false, true),
        ("ecdsa-rdfc-2019-p384", "ecdsa-rdfc-2019-p384", "ECDSAP384", true, true),
        ("ecdsa-jcs-2019-p256", "ecdsa-jcs-2019-p256", "JCSECDSAP256", false, false),
        ("ecdsa-jcs-2019-p384", "ecdsa-jcs-2019-p384", "JCSECDSAP384", true, false),
    ] {
        let signed = load(&format!("{d}{folder}/signed{infix}.json"));
        let tampered = load(&format!("{d}{folder}-tampered.json"));
        assert!(codes(&signed, &policy).is_empty(), "vpcheck {name}");
        assert!(!codes(&tampered, &policy).is_empty(), "vpcheck {name} tampered");
        let key_pair: serde_json::Value = serde_json::from_str(&load(&format!(
            "{d}{}KeyPair.json",
            if p384 { "p384" } else { "p256" }
        )))
        .unwrap();
        let key = multikey_point(key_pair["publicKeyMultibase"].as_str().unwrap(), p384);
        let message = hex(&format!("{d}{folder}/combinedHash{infix}.txt"));
        let signature = hex(&format!("{d}{folder}/sigHex{infix}.txt"));
        assert!(ecdsa_verify(p384, &key, &message, &signature), "bare {name}");
        let mut group = c.benchmark_group(format!("di_2019/{name}"));
        group.bench_function("vpcheck", |b| {
            b.iter(|| assert!(codes(black_box(&signed), &policy).is_empty()))
        });
        group.bench_function("bare", |b| {
            b.iter(|| assert!(ecdsa_verify(p384, &key, black_box(&message), &signature)))
        });
        if name == "ecdsa-rdfc-2019-p256" {
            // The floor under any RDFC suite, with no signature: the offline expansion and
            // canonicalisation of the document and of the proof configuration alone.
            let mut unsecured: serde_json::Value = serde_json::from_str(&signed).unwrap();
            let mut config = unsecured.as_object_mut().unwrap().remove("proof").unwrap();
            config.as_object_mut().unwrap().remove("proofValue");
            config["@context"] = unsecured["@context"].clone();
            group.bench_function("canonicalise", |b| {
                b.iter(|| {
                    let d = vpcheck::testing::canonical_nquads(black_box(&unsecured), &policy);
                    let o = vpcheck::testing::canonical_nquads(black_box(&config), &policy);
                    assert!(d.is_ok() && o.is_ok());
                })
            });
        }
        if ssi {
            assert!(
                ssi_accepts!(&params, &signed) && !ssi_accepts!(&params, &tampered),
                "ssi {name}"
            );
            group.bench_function("ssi", |b| {
                b.iter(|| assert!(ssi_accepts!(&params, black_box(&signed))))
            });
        }
        group.finish();
    }

    // ecdsa-sd-2023: the W3C prc derived document (its issuer is not its signer: vpcheck's only
    // error is the issuer binding, after every signature verified), and the reference credential
    // (issuer = signer) Digital Bazaar's libraries issued and derived, verified end to end.
    let e = "ld/vc-di-ecdsa/ecdsa-sd-2023/";
    let citizenship = load(&format!("{e}w3id-citizenship-v4rc1.jsonld"));
    let w3c_now = Utc.with_ymd_and_hms(2025, 6, 1, 0, 0, 0).unwrap();
    let w3c = load(&format!("{e}prc/derivedRevealDocument.json"));
    let w3c_doc: serde_json::Value = serde_json::from_str(&w3c).unwrap();
    let w3c_policy = Policy::at(w3c_now)
        .with_context("https://w3id.org/citizenship/v4rc1", citizenship.clone())
        .trust_issuer(vpcheck::TrustedIssuer::new(w3c_doc["issuer"]["id"].as_str().unwrap()));
    let r = "ld/ecdsa-sd-2023-reference/";
    let terms: serde_json::Value =
        serde_json::from_str(&load(&format!("{r}schema-org-terms-context.json"))).unwrap();
    let signer = "did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP";
    let ref_now = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    let ref_policy = Policy::at(ref_now)
        .trust_embedded_context(terms)
        .trust_issuer(vpcheck::TrustedIssuer::from_did_url(signer, false));
    for (name, derived, tampered, policy, expected, params) in [
        (
            "ecdsa-sd-2023",
            w3c,
            load(&format!("{e}tampered-prc-birth-country.json")),
            w3c_policy,
            &["binding.issuer"][..],
            ssi_params!(w3c_now, &[("https://w3id.org/citizenship/v4rc1", citizenship.as_str())]),
        ),
        (
            "ecdsa-sd-2023-reference",
            load(&format!("{r}derived.json")),
            load(&format!("{r}tampered-derived-birth-date.json")),
            ref_policy,
            &[][..],
            ssi_params!(ref_now, &[] as &[(&str, &str)]),
        ),
    ] {
        assert_eq!(codes(&derived, &policy), expected, "vpcheck {name}");
        assert!(codes(&tampered, &policy).contains(&"proof.invalid".to_owned()));
        let (sign_data, base_signature, ephemeral, pairs) =
            vpcheck::testing::ecdsa_sd_verify_data(&derived, &policy).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&derived).unwrap();
        let issuer_key = multikey_point(
            doc["proof"]["verificationMethod"].as_str().unwrap().split('#').nth(1).unwrap(),
            false,
        );
        let ephemeral = {
            use p256::elliptic_curve::sec1::ToEncodedPoint as _;
            p256::PublicKey::from_sec1_bytes(&ephemeral[2..])
                .unwrap()
                .to_encoded_point(false)
                .as_bytes()
                .to_vec()
        };
        let bare_sd = || {
            ring_verify(&ECDSA_P256_SHA256_FIXED, &issuer_key, &sign_data, &base_signature)
                && pairs
                    .iter()
                    .all(|(m, s)| ring_verify(&ECDSA_P256_SHA256_FIXED, &ephemeral, m, s))
        };
        assert!(bare_sd());
        let ssi_sd = ssi_accepts!(&params, &derived) && !ssi_accepts!(&params, &tampered);
        let mut group = c.benchmark_group(format!("di_2023/{name}"));
        group.bench_function("vpcheck", |b| {
            b.iter(|| assert_eq!(codes(black_box(&derived), &policy), expected))
        });
        group.bench_function("bare", |b| b.iter(|| assert!(black_box(bare_sd()))));
        if ssi_sd {
            group.bench_function("ssi", |b| {
                b.iter(|| assert!(ssi_accepts!(&params, black_box(&derived))))
            });
        } else {
            eprintln!("ssi does not verify {name} (or accepts its tampered twin): no ssi row");
        }
        group.finish();
    }

    // bbs-2023: the W3C windsurf derived document, verified end to end.
    let b = "ld/vc-di-bbs-2023/";
    let derived = load(&format!("{b}derivedRevealDocument.json"));
    let tampered = load(&format!("{b}tampered-derived-sail-year.json"));
    let vocab: serde_json::Value =
        serde_json::from_str(&load(&format!("{b}windsurf-vocab-context.json"))).unwrap();
    let mut dids = DidDocuments::new();
    dids.add_json(load("dids/vc-example-windsurf-issuer.json").as_bytes()).unwrap();
    let now = Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap();
    let policy = Policy::at(now)
        .with_did_documents(dids)
        .trust_embedded_context(vocab)
        .trust_issuer(vpcheck::TrustedIssuer::new("https://vc.example/windsurf/racecommittee"))
        // The credential states no expiry; derived, it could have withheld one.
        .allow_withheld("validUntil");
    assert!(codes(&derived, &policy).is_empty(), "{:?}", codes(&derived, &policy));
    assert_eq!(codes(&tampered, &policy), ["proof.invalid"]);
    let (proof, header, ph, disclosed) =
        vpcheck::testing::bbs2023_derived_inputs(&derived, &policy).unwrap();
    let vm: serde_json::Value = serde_json::from_str(&derived).unwrap();
    let key = bs58::decode(
        vm["proof"]["verificationMethod"]
            .as_str()
            .unwrap()
            .split('#')
            .nth(1)
            .unwrap()
            .strip_prefix('z')
            .unwrap(),
    )
    .into_vec()
    .unwrap()[2..]
        .to_vec();
    let disclosed: Vec<(usize, &[u8])> =
        disclosed.iter().map(|(i, m)| (*i, m.as_slice())).collect();
    let bare_bbs =
        || vpcheck::testing::bbs_core_proof_verify(&key, &proof, &header, &ph, &disclosed).is_ok();
    assert!(bare_bbs());
    let params = ssi_params!(now, &[] as &[(&str, &str)]);
    let ssi_bbs = ssi_accepts!(&params, &derived) && !ssi_accepts!(&params, &tampered);
    let mut group = c.benchmark_group("di_2023/bbs-2023");
    group.bench_function("vpcheck", |b| {
        b.iter(|| assert!(codes(black_box(&derived), &policy).is_empty()))
    });
    group.bench_function("bare", |b| b.iter(|| assert!(black_box(bare_bbs()))));
    if ssi_bbs {
        group.bench_function("ssi", |b| {
            b.iter(|| assert!(ssi_accepts!(&params, black_box(&derived))))
        });
    } else {
        let why =
            match ssi_data_integrity::from_json_str::<DataIntegrityDocument, AnySuite>(&derived) {
                Ok(credential) => format!("{:?}", pollster::block_on(credential.verify(&params))),
                Err(e) => format!("{e:?}"),
            };
        eprintln!("ssi does not verify the bbs-2023 vector ({why}): no ssi row");
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(4));
    targets = data_integrity, cryptosuites
}
criterion_main!(benches);

//! Adversarial review of issue 20 (ecdsa-rdfc/jcs-2019, ecdsa-sd-2023, bbs-2023 and the
//! selective-disclosure machinery), through the public API only.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::type_complexity
)]

mod support;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ciborium::Value as Cbor;
use serde_json::{json, Value};
use support::{at, json_vector, vector};
use vpcheck::{parse, DidDocuments, Limits, Policy, TrustedIssuer};

const BBS: &str = "ld/vc-di-bbs-2023/";
const ISSUER: &str = "https://vc.example/windsurf/racecommittee";
const BBS_VM: &str = "did:key:zUC7DerdEmfZ8f4pFajXgGwJoMkV1ofMTmEG5UoNvnWiPiLuGKNeqgRpLH2TV4Xe5mJ2cXV76gRN7LFQwapF1VFu6x2yrr5ci1mXqC1WNUrnHnLgvfZfMH7h6xP6qsf9EKRQrPQ#zUC7DerdEmfZ8f4pFajXgGwJoMkV1ofMTmEG5UoNvnWiPiLuGKNeqgRpLH2TV4Xe5mJ2cXV76gRN7LFQwapF1VFu6x2yrr5ci1mXqC1WNUrnHnLgvfZfMH7h6xP6qsf9EKRQrPQ";

fn bbs_policy() -> Policy {
    let mut dids = DidDocuments::new();
    dids.add_json(json!({"id": ISSUER, "assertionMethod": [BBS_VM]}).to_string().as_bytes())
        .unwrap();
    Policy::at(at("2024-06-01T00:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::from_did_url(ISSUER, false))
        .trust_embedded_context(
            json!({"@vocab": "https://windsurf.grotto-networking.com/selective#"}),
        )
}

const SD: &str = "ld/vc-di-ecdsa/ecdsa-sd-2023/";

fn sd_policy() -> Policy {
    Policy::at(at("2024-06-01T00:00:00Z")).with_context(
        "https://w3id.org/citizenship/v4rc1",
        String::from_utf8(vector(&format!("{SD}w3id-citizenship-v4rc1.jsonld"))).unwrap(),
    )
}

/// Ok(claims) when verified; Err(verdict, codes with check names).
fn run(doc: &Value, policy: &Policy) -> Result<Value, (String, Vec<String>)> {
    let text = doc.to_string();
    let parsed = parse(text.as_bytes(), &Limits::default())
        .map_err(|e| ("malformed".to_owned(), vec![e.code().to_owned()]))?;
    match parsed.verify(policy) {
        Ok(v) => Ok(serde_json::to_value(v.claims()).unwrap()),
        Err(r) => Err((
            r.verdict().name().to_owned(),
            r.errors().iter().map(|e| format!("{}: {e}", e.code())).collect(),
        )),
    }
}

fn codes(r: &Result<Value, (String, Vec<String>)>) -> Vec<String> {
    match r {
        Ok(_) => vec![],
        Err((_, e)) => e.iter().map(|s| s.split(':').next().unwrap().to_owned()).collect(),
    }
}

fn decode(pv: &str) -> ([u8; 3], Vec<Cbor>) {
    let bytes = URL_SAFE_NO_PAD.decode(&pv[1..]).unwrap();
    let header = [bytes[0], bytes[1], bytes[2]];
    let Cbor::Array(items) = ciborium::de::from_reader(&bytes[3..]).unwrap() else { panic!() };
    (header, items)
}

fn encode(header: [u8; 3], items: Vec<Cbor>) -> String {
    let mut bytes = header.to_vec();
    ciborium::ser::into_writer(&Cbor::Array(items), &mut bytes).unwrap();
    format!("u{}", URL_SAFE_NO_PAD.encode(bytes))
}

fn edit_pv(doc: &Value, f: impl FnOnce(&mut [u8; 3], &mut Vec<Cbor>)) -> Value {
    let mut d = doc.clone();
    let (mut h, mut items) = decode(d["proof"]["proofValue"].as_str().unwrap());
    f(&mut h, &mut items);
    d["proof"]["proofValue"] = Value::String(encode(h, items));
    d
}

fn bbs_derived() -> Value {
    json_vector(&format!("{BBS}derivedRevealDocument.json"))
}
fn bbs_base() -> Value {
    json_vector(&format!("{BBS}addSignedSDBase.json"))
}

#[test]
fn baselines() {
    let r = run(&bbs_derived(), &bbs_policy());
    println!("bbs derived: {r:?}");
    assert!(r.is_ok());
    let r = run(&bbs_base(), &bbs_policy());
    println!("bbs base: {r:?}");
    assert!(r.is_ok());
    for case in ["prc", "employ"] {
        for f in ["addSignedSDBase.json", "derivedRevealDocument.json"] {
            let r = run(&json_vector(&format!("{SD}{case}/{f}")), &sd_policy());
            println!("{case}/{f}: {r:?}");
            assert_eq!(codes(&r), ["binding.issuer"], "{r:?}");
        }
    }
}

fn sd(case: &str, f: &str) -> Value {
    json_vector(&format!("{SD}{case}/{f}"))
}

#[test]
fn probe_extra_members() {
    let mut d = bbs_derived();
    d["credentialSubject"]["extra"] = json!("x");
    println!("bbs extra: {:?}", run(&d, &bbs_policy()));
    let mut d = bbs_derived();
    d["credentialSubject"]["sailNumber"] = json!(["Earth101", "Earth101"]);
    println!("bbs dup literal: {:?}", run(&d, &bbs_policy()));
    let mut d = sd("prc", "derivedRevealDocument.json");
    d["credentialSubject"]["givenName"] = json!("JANE");
    println!("sd extra: {:?}", run(&d, &sd_policy()));
    let r = run(&bbs_derived(), &bbs_policy().expect_nonce("abc"));
    println!("bbs nonce: {r:?}");
}

#[test]
fn probe_hostile_pointers() {
    let base = bbs_base();
    for n in [1000usize, 100_000] {
        let d = edit_pv(&base, |_, items| {
            items[4] = Cbor::Array(vec![Cbor::Text(String::new()); n]);
        });
        let t = std::time::Instant::now();
        let r = run(&d, &bbs_policy());
        println!("{n} empty pointers: {:?} in {:?}", codes(&r), t.elapsed());
    }
}

#[test]
fn probe_hostile_cbor() {
    let base = bbs_base();
    let pv_with = |bytes: Vec<u8>| {
        let mut d = base.clone();
        d["proof"]["proofValue"] = Value::String(format!("u{}", URL_SAFE_NO_PAD.encode(bytes)));
        d
    };
    for tail in [
        vec![0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // array of 2^64-1
        vec![0x85, 0x5b, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff], // huge bytes
        vec![0x85, 0xbb, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff], // huge map
        [vec![0x81; 100_000], vec![0x00]].concat(),                 // deep nesting
        vec![0x9f; 200_000],                                        // indefinite deep
    ] {
        for h in [[0xd9, 0x5d, 0x02], [0xd9, 0x5d, 0x03], [0xd9, 0x5d, 0x00], [0xd9, 0x5d, 0x01]] {
            let mut d = pv_with([h.to_vec(), tail.clone()].concat());
            if h[2] < 2 {
                d["proof"]["cryptosuite"] = json!("ecdsa-sd-2023");
            }
            let t = std::time::Instant::now();
            let r = run(&d, &bbs_policy());
            println!("{:x?} {:?}: {:?} in {:?}", h, &tail[..3], codes(&r), t.elapsed());
        }
    }
}

/// Bytes allocated by `f` on this thread.
fn allocated<T>(f: impl FnOnce() -> T) -> (u64, T) {
    let mut out = None;
    let info = allocation_counter::measure(|| out = Some(f()));
    (info.bytes_total, out.expect("the closure ran"))
}

/// Finding 1 (availability): selectJsonLd cloned the target of every mandatory pointer, also
/// when an earlier identical pointer had already selected it whole. A bbs-2023 or ecdsa-sd-2023
/// base proof by anyone (no trusted key needed: the pointers are read before any signature is
/// checked) with 350 000 empty pointers (one CBOR byte each) over a document holding a 500 KB
/// literal took 5 s in release, ten times the default work budget, uncharged. Each repeated
/// pointer must now cost next to nothing.
#[test]
fn repeated_mandatory_pointers_cost_nothing() {
    let mut base = bbs_base();
    base["credentialSubject"]["sailNumber"] = json!("A".repeat(200_000));
    let with = |n: usize| {
        edit_pv(&base, |_, items| {
            items[4] = Cbor::Array(vec![Cbor::Text(String::new()); n]);
        })
    };
    let policy = bbs_policy();
    let (one, r1) = allocated(|| run(&with(1), &policy));
    let (many, rn) = allocated(|| run(&with(5_000), &policy));
    assert_eq!(codes(&r1), ["proof.invalid"], "{r1:?}");
    assert_eq!(codes(&rn), ["proof.invalid"], "{rn:?}");
    // Before: 5 000 clones of the 200 KB literal, about 1 GB.
    assert!(many < one + 64 * 1024 * 1024, "one pointer: {one} bytes, 5 000: {many} bytes");
}

#[test]
fn probe_pointer_clones() {
    let mut base = bbs_base();
    base["credentialSubject"]["sailNumber"] = json!("A".repeat(500_000));
    let n = 350_000;
    let d = edit_pv(&base, |_, items| {
        items[4] = Cbor::Array(vec![Cbor::Text(String::new()); n]);
    });
    println!("size {}", d.to_string().len());
    let t = std::time::Instant::now();
    let r = run(&d, &bbs_policy());
    println!("{n} empty pointers over a 500 KB literal: {:?} in {:?}", r, t.elapsed());
}

//! Adversarial review of issue 20 (ecdsa-rdfc/jcs-2019, ecdsa-sd-2023, bbs-2023 and the
//! selective-disclosure machinery), through the public API only.
//!
//! Findings: 1 (fixed) repeated mandatory pointers copied their target each time
//! (`repeated_mandatory_pointers_cost_nothing`); 2 (fixed) a holder withheld `validUntil` and an
//! expired credential verified (`an_expired_credential_with_a_withheld_expiry_is_not_verified`:
//! now `ld.withheld` unless the policy accepts a withheld expiry); 3 (fixed) a
//! proof's signed `expires` was read under an IRI no context defines
//! (`signed_proof_times_of_selective_proofs_are_judged`, `an_expired_eddsa_proof_is_refused`).
//! The other tests are attacks that held. The tests derive (`derive_ecdsa_sd`) and issue
//! (`issue_ecdsa_sd`) ecdsa-sd-2023 proofs with the W3C key material.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::type_complexity
)]

#[path = "support/proof_value.rs"]
mod proof_value;
mod support;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ciborium::Value as Cbor;
use proof_value::{decode_proof_value, edit_proof_value, encode_proof_value};
use serde_json::{json, Value};
use support::{at, json_vector, outcome_codes, vector, verify_outcome};
use vpcheck::{DidDocuments, Policy, TrustedIssuer};

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
        // The windsurf credential states no expiry; derived, it could have withheld one.
        .allow_withheld("validUntil")
}

const SD: &str = "ld/vc-di-ecdsa/ecdsa-sd-2023/";

fn sd_policy() -> Policy {
    Policy::at(at("2024-06-01T00:00:00Z")).with_context(
        "https://w3id.org/citizenship/v4rc1",
        String::from_utf8(vector(&format!("{SD}w3id-citizenship-v4rc1.jsonld"))).unwrap(),
    )
}

/// [`verify_outcome`] of `doc`.
fn run_doc(doc: &Value, policy: &Policy) -> Result<Value, (String, Vec<String>)> {
    verify_outcome(&doc.to_string(), policy)
}

fn bbs_derived() -> Value {
    json_vector(&format!("{BBS}derivedRevealDocument.json"))
}
fn bbs_base() -> Value {
    json_vector(&format!("{BBS}addSignedSDBase.json"))
}

#[test]
fn baselines() {
    let r = run_doc(&bbs_derived(), &bbs_policy());
    println!("bbs derived: {r:?}");
    assert!(r.is_ok());
    let r = run_doc(&bbs_base(), &bbs_policy());
    println!("bbs base: {r:?}");
    assert!(r.is_ok());
    for case in ["prc", "employ"] {
        for f in ["addSignedSDBase.json", "derivedRevealDocument.json"] {
            let doc = json_vector(&format!("{SD}{case}/{f}"));
            let issuer = doc["issuer"]["id"].as_str().unwrap();
            let p = sd_policy_at("2025-06-01T00:00:00Z")
                .trust_issuer(TrustedIssuer::from_did_url(issuer, false));
            let r = run_doc(&doc, &p);
            assert_eq!(outcome_codes(&r), ["binding.issuer"], "{case}/{f}: {r:?}");
        }
    }
}

fn sd(case: &str, f: &str) -> Value {
    json_vector(&format!("{SD}{case}/{f}"))
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
        edit_proof_value(&base, |_, items| {
            items[4] = Cbor::Array(vec![Cbor::Text(String::new()); n]);
        })
    };
    let policy = bbs_policy();
    let (one, r1) = allocated(|| run_doc(&with(1), &policy));
    let (many, rn) = allocated(|| run_doc(&with(5_000), &policy));
    assert_eq!(outcome_codes(&r1), ["proof.invalid"], "{r1:?}");
    assert_eq!(outcome_codes(&rn), ["proof.invalid"], "{rn:?}");
    // Before: 5 000 clones of the 200 KB literal, about 1 GB.
    assert!(many < one + 64 * 1024 * 1024, "one pointer: {one} bytes, 5 000: {many} bytes");
}

fn sd_policy_at(now: &str) -> Policy {
    Policy::at(at(now)).with_context(
        "https://w3id.org/citizenship/v4rc1",
        String::from_utf8(vector(&format!("{SD}w3id-citizenship-v4rc1.jsonld"))).unwrap(),
    )
}

fn has(r: &Result<Value, (String, Vec<String>)>, code: &str) -> bool {
    outcome_codes(r).iter().any(|c| c == code)
}

/// Held: members added to a derived document's JSON change its dataset, which no longer
/// fits the proof; a literal repeated in an array states the same dataset and verifies.
#[test]
fn derived_documents_with_added_members_are_refused() {
    let mut d = bbs_derived();
    d["credentialSubject"]["extra"] = json!("x");
    let r = run_doc(&d, &bbs_policy());
    assert_eq!(r.as_ref().map_err(|e| e.0.as_str()).err(), Some("rejected"), "{r:?}");
    let mut d = bbs_derived();
    d["credentialSubject"]["sailNumber"] = json!(["Earth101", "Earth101"]);
    assert!(run_doc(&d, &bbs_policy()).is_ok());
    let mut d = sd("prc", "derivedRevealDocument.json");
    d["credentialSubject"]["givenName"] = json!("JANE");
    assert!(has(&run_doc(&d, &sd_policy()), "proof.invalid"));
}

/// Held: a bbs-2023 derived credential carries no signed challenge; a policy expecting a nonce
/// refuses it (the presentation header is not read as one).
#[test]
fn a_derived_credential_does_not_answer_a_nonce() {
    let r = run_doc(&bbs_derived(), &bbs_policy().expect_nonce("abc"));
    assert!(has(&r, "proof.challenge"), "{r:?}");
}

/// Held: CBOR with huge declared lengths and deep nesting is refused at once, never "could
/// not check", under each selective-disclosure header.
#[test]
fn hostile_cbor_is_refused_quickly() {
    let base = bbs_base();
    for tail in [
        vec![0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        vec![0x85, 0x5b, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff],
        vec![0x85, 0xbb, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff],
        [vec![0x81; 100_000], vec![0x00]].concat(),
        vec![0x9f; 200_000],
    ] {
        for h in [[0xd9, 0x5d, 0x02], [0xd9, 0x5d, 0x03], [0xd9, 0x5d, 0x00], [0xd9, 0x5d, 0x01]] {
            let mut d = base.clone();
            let bytes = [h.to_vec(), tail.clone()].concat();
            d["proof"]["proofValue"] = json!(format!("u{}", URL_SAFE_NO_PAD.encode(bytes)));
            if h[2] < 2 {
                d["proof"]["cryptosuite"] = json!("ecdsa-sd-2023");
            }
            let t = std::time::Instant::now();
            let r = run_doc(&d, &bbs_policy());
            assert_eq!(r.as_ref().map_err(|e| e.0.as_str()).err(), Some("rejected"), "{r:?}");
            assert!(t.elapsed() < std::time::Duration::from_secs(2));
        }
    }
}

/// Held: the proof options are signed (any member changed or added defeats the base
/// signature), the purpose is the credential's, and malformed or mistyped keys are refused.
/// Observed, not changed: a proof-level `@context` is replaced by the document's before
/// hashing (vc-di-ecdsa section 3.5.9), so adding one leaves the proof valid.
#[test]
fn derived_proof_options_and_keys() {
    let p = sd_policy_at("2025-06-01T00:00:00Z");
    let d0 = sd("prc", "derivedRevealDocument.json");
    for (member, value) in [
        ("created", json!("2025-01-01T00:00:00Z")),
        ("expires", json!("2099-01-01T00:00:00Z")),
        ("challenge", json!("abc")),
        ("domain", json!("example.org")),
    ] {
        let mut d = d0.clone();
        d["proof"][member] = value;
        assert!(has(&run_doc(&d, &p), "proof.invalid"), "{member}");
    }
    let mut d = d0.clone();
    d["proof"]["proofPurpose"] = json!("authentication");
    assert!(has(&run_doc(&d, &p), "proof.purpose"));
    for (vm, code) in [
        ("did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVQ#zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVQ", "key.invalid"),
        ("did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBK#zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBK", "key.invalid"),
        ("did:key:z82Lkytz3HqpWiBmt2853ZgNgNG8qVoUJnyoMvGw6ZEBktGcwUVdKpUNJHct1wvp9pXjr7Y#z82Lkytz3HqpWiBmt2853ZgNgNG8qVoUJnyoMvGw6ZEBktGcwUVdKpUNJHct1wvp9pXjr7Y", "key.alg_mismatch"),
        ("did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP#other", "key.invalid"),
        ("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "key.alg_mismatch"),
    ] {
        let mut d = d0.clone();
        d["proof"]["verificationMethod"] = json!(vm);
        assert!(has(&run_doc(&d, &p), code), "{vm}");
    }
    let mut d = d0.clone();
    d["proof"]["@context"] = json!(["https://www.w3.org/ns/credentials/v2"]);
    assert!(!has(&run_doc(&d, &p), "proof.invalid"));
}

/// Observed, not changed: a bbs-2023 proof value under a feature header (here 0xd95d05,
/// anonymous holder binding) is "could not check" without its CBOR being read, so any holder
/// turns a rejection into "could not check" by rewriting three bytes.
#[test]
fn a_feature_header_is_could_not_check() {
    let d = edit_proof_value(&bbs_derived(), |h, items| {
        *h = [0xd9, 0x5d, 0x05];
        items.clear();
    });
    let r = run_doc(&d, &bbs_policy());
    assert!(has(&r, "proof.not_checked"), "{r:?}");
}

// ---------------------------------------------------------------------------------------------
// An ecdsa-sd-2023 holder (vc-di-ecdsa section 3.6.5, Add Derived Proof), from the W3C base
// proof: reveals the statements of any document the holder writes, when each is among what the
// issuer signed.

/// `line` with every `_:c14nN` label replaced by `map`'s.
fn relabel(line: &str, map: &dyn Fn(&str) -> String) -> String {
    line.split(' ')
        .map(|t| match t.strip_prefix("_:") {
            Some(l) => format!("_:{}", map(l)),
            None => t.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn hmac_label(key: &[u8], label: &str) -> String {
    let k = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key);
    format!("u{}", URL_SAFE_NO_PAD.encode(ring::hmac::sign(&k, label.as_bytes()).as_ref()))
}

/// A derived proof of `reveal` (a document without proof) from the base proof of `base`.
fn derive_ecdsa_sd(base: &Value, reveal: &Value, policy: &Policy) -> Value {
    let (_, items) = decode_proof_value(base["proof"]["proofValue"].as_str().unwrap());
    let bytes = |v: &Cbor| v.as_bytes().unwrap().clone();
    let (base_sig, public_key, hmac_key) = (bytes(&items[0]), bytes(&items[1]), bytes(&items[2]));
    let sigs: Vec<Vec<u8>> = items[3].as_array().unwrap().iter().map(bytes).collect();
    let mut unsecured = base.clone();
    unsecured.as_object_mut().unwrap().remove("proof");
    let canon = vpcheck::testing::canonical_nquads(&unsecured, policy).unwrap();
    let mut all: Vec<String> =
        canon.lines().map(|l| relabel(l, &|c| hmac_label(&hmac_key, c)) + "\n").collect();
    all.sort();
    // The ephemeral key signed the non-mandatory statements, in this order.
    let point = p256::PublicKey::from_sec1_bytes(&public_key[2..]).unwrap();
    let long = p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(&point, false);
    let key = ring::signature::UnparsedPublicKey::new(
        &ring::signature::ECDSA_P256_SHA256_FIXED,
        long.as_bytes().to_vec(),
    );
    let mut signed: std::collections::HashMap<String, Vec<u8>> = Default::default();
    let mut j = 0;
    for line in &all {
        if j < sigs.len() && key.verify(line.as_bytes(), &sigs[j]).is_ok() {
            signed.insert(line.clone(), sigs[j].clone());
            j += 1;
        }
    }
    assert_eq!(j, sigs.len());
    let hmac_labels: Vec<String> = all
        .iter()
        .flat_map(|l| l.split(' ').filter_map(|t| t.strip_prefix("_:")).map(str::to_owned))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut reveal = reveal.clone();
    reveal.as_object_mut().unwrap().remove("proof");
    let rcanon = vpcheck::testing::canonical_nquads(&reveal, policy).unwrap();
    let rlabels: Vec<String> = rcanon
        .lines()
        .flat_map(|l| l.split(' ').filter_map(|t| t.strip_prefix("_:")).map(str::to_owned))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    // Every injective assignment of the revealed labels to the issuer's, until all fit.
    fn assign(
        n: usize,
        pool: &[String],
        acc: &mut Vec<usize>,
        ok: &dyn Fn(&[usize]) -> bool,
    ) -> Option<Vec<usize>> {
        if acc.len() == n {
            return ok(acc).then(|| acc.clone());
        }
        for i in 0..pool.len() {
            if !acc.contains(&i) {
                acc.push(i);
                if let Some(found) = assign(n, pool, acc, ok) {
                    return Some(found);
                }
                acc.pop();
            }
        }
        None
    }
    let lines_with = |choice: &[usize]| -> Vec<String> {
        let mut out: Vec<String> = rcanon
            .lines()
            .map(|l| {
                relabel(l, &|c| {
                    let i = rlabels.iter().position(|r| r == c).unwrap();
                    hmac_labels[choice[i]].clone()
                }) + "\n"
            })
            .collect();
        out.sort();
        out
    };
    let choice = assign(rlabels.len(), &hmac_labels, &mut Vec::new(), &|c| {
        lines_with(c).iter().all(|l| all.contains(l))
    })
    .expect("the revealed statements are among the signed ones");
    let lines = lines_with(&choice);
    let mandatory: Vec<Cbor> = (0..lines.len())
        .filter(|i| !signed.contains_key(&lines[*i]))
        .map(|i| Cbor::Integer(i.into()))
        .collect();
    let disclosed: Vec<Cbor> =
        lines.iter().filter_map(|l| signed.get(l)).map(|s| Cbor::Bytes(s.clone())).collect();
    let label_map: Vec<(Cbor, Cbor)> = rlabels
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let n: u64 = r.strip_prefix("c14n").unwrap().parse().unwrap();
            let h = URL_SAFE_NO_PAD.decode(&hmac_labels[choice[i]][1..]).unwrap();
            (Cbor::Integer(n.into()), Cbor::Bytes(h))
        })
        .collect();
    let mut proof = base["proof"].clone();
    proof["proofValue"] = json!(encode_proof_value(
        [0xd9, 0x5d, 0x01],
        vec![
            Cbor::Bytes(base_sig),
            Cbor::Bytes(public_key),
            Cbor::Array(disclosed),
            Cbor::Map(label_map),
            Cbor::Array(mandatory),
        ]
    ));
    reveal["proof"] = proof;
    reveal
}

#[test]
fn the_holder_tool_reproduces_a_derived_proof() {
    let p = sd_policy_at("2025-06-01T00:00:00Z");
    let base = sd("prc", "addSignedSDBase.json");
    let reveal = sd("prc", "derivedRevealDocument.json");
    let d = derive_ecdsa_sd(&base, &reveal, &p);
    let r = run_doc(&d, &p);
    assert!(!has(&r, "proof.invalid"), "{r:?}");
    assert_eq!(outcome_codes(&r), ["binding.issuer", "issuer.untrusted"], "{r:?}");
}

/// `reveal` without `member`, derived from the prc base proof, verified at `now` under `policy`.
fn withheld(member: &str, now: &str, policy: impl Fn(Policy) -> Policy) -> Vec<String> {
    let base = sd("prc", "addSignedSDBase.json");
    let mut reveal = sd("prc", "derivedRevealDocument.json");
    reveal.as_object_mut().unwrap().remove(member);
    let p = policy(sd_policy_at(now));
    outcome_codes(&run_doc(&derive_ecdsa_sd(&base, &reveal, &p), &p))
}

/// The issuer binding of the W3C vectors, which always fails (their issuer is not their signer),
/// and the untrusted issuer: every other code is a finding of the check under test.
const VECTOR_NOISE: [&str; 2] = ["binding.issuer", "issuer.untrusted"];

/// Finding 2 (fixed): the W3C ecdsa-sd-2023 base proof makes only `/issuer` mandatory, so its
/// holder may withhold `validUntil` (or `validFrom`). Selective disclosure cannot tell
/// "withheld" from "never stated": a derived credential that discloses no expiry is now
/// `ld.withheld` (could not check) unless the policy accepts it withheld. A withheld
/// `validFrom` hides no expiry and is judged only where the policy requires it.
#[test]
fn a_withheld_expiry_is_could_not_check_by_default() {
    // Disclosed: expired.
    assert!(withheld("", "2026-06-01T00:00:00Z", |p| p).contains(&"time.expired".to_owned()));
    // Withheld: could not check (beside the vectors' binding noise), unless accepted withheld.
    let mut expected = VECTOR_NOISE.to_vec();
    expected.push("ld.withheld");
    assert_eq!(withheld("validUntil", "2026-06-01T00:00:00Z", |p| p), expected);
    assert_eq!(
        withheld("validUntil", "2026-06-01T00:00:00Z", |p| p.allow_withheld("validUntil")),
        VECTOR_NOISE
    );
    assert_eq!(withheld("validFrom", "2024-06-01T00:00:00Z", |p| p), VECTOR_NOISE);
    // A policy that requires them disclosed refuses to pass the withheld credential.
    let c = withheld("validUntil", "2026-06-01T00:00:00Z", |p| p.require_disclosed("validUntil"));
    assert!(c.contains(&"ld.withheld".to_owned()), "{c:?}");
    let c = withheld("validFrom", "2024-06-01T00:00:00Z", |p| p.require_disclosed("validFrom"));
    assert!(c.contains(&"ld.withheld".to_owned()), "{c:?}");
    // The credential's subject may not be withheld, whatever the policy says.
    let c = withheld("credentialSubject", "2025-06-01T00:00:00Z", |p| p);
    assert!(c.contains(&"ld.withheld".to_owned()), "{c:?}");
}

// ---------------------------------------------------------------------------------------------
// An ecdsa-sd-2023 issuer (vc-di-ecdsa section 3.6.1-3.6.3, Add Base Proof) with the W3C key
// material, no mandatory pointers: so that a case verifies end to end, with its issuer as signer.

fn multibase_secret(m: &str) -> Vec<u8> {
    let b = bs58::decode(&m[1..]).into_vec().unwrap();
    assert_eq!(&b[..2], &[0x86, 0x26]);
    b[2..].to_vec()
}

fn p256_pair(secret: &str, public: &str) -> (ring::signature::EcdsaKeyPair, Vec<u8>) {
    let compressed = bs58::decode(&public[1..]).into_vec().unwrap();
    let point = p256::PublicKey::from_sec1_bytes(&compressed[2..]).unwrap();
    let long = p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(&point, false);
    let pair = ring::signature::EcdsaKeyPair::from_private_key_and_public_key(
        &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
        &multibase_secret(secret),
        long.as_bytes(),
        &ring::rand::SystemRandom::new(),
    )
    .unwrap();
    (pair, compressed)
}

/// `doc` (no proof) with an ecdsa-sd-2023 base proof by `vm`, signed with the W3C base key.
fn issue_ecdsa_sd(doc: &Value, vm: &str, policy: &Policy) -> Value {
    issue_ecdsa_sd_with(doc, vm, policy, &[])
}

/// As [`issue_ecdsa_sd`], with further proof options.
fn issue_ecdsa_sd_with(doc: &Value, vm: &str, policy: &Policy, extra: &[(&str, &str)]) -> Value {
    let keys = json_vector(&format!("{SD}SDKeyMaterial.json"));
    let rng = ring::rand::SystemRandom::new();
    let (issuer, _) = p256_pair(
        keys["baseKeyPair"]["secretKeyMultibase"].as_str().unwrap(),
        keys["baseKeyPair"]["publicKeyMultibase"].as_str().unwrap(),
    );
    let (ephemeral, ephemeral_multikey) = p256_pair(
        keys["proofKeyPair"]["secretKeyMultibase"].as_str().unwrap(),
        keys["proofKeyPair"]["publicKeyMultibase"].as_str().unwrap(),
    );
    let hmac_key = hex::decode(keys["hmacKeyString"].as_str().unwrap()).unwrap();
    let mut options = json!({"type": "DataIntegrityProof", "cryptosuite": "ecdsa-sd-2023",
        "created": "2024-01-01T00:00:00Z", "verificationMethod": vm,
        "proofPurpose": "assertionMethod"});
    for (name, value) in extra {
        options[*name] = json!(value);
    }
    let mut with_context = options.clone();
    with_context["@context"] = doc["@context"].clone();
    let sha = |s: &[u8]| ring::digest::digest(&ring::digest::SHA256, s).as_ref().to_vec();
    let proof_hash =
        sha(vpcheck::testing::canonical_nquads(&with_context, policy).unwrap().as_bytes());
    let canon = vpcheck::testing::canonical_nquads(doc, policy).unwrap();
    let mut lines: Vec<String> =
        canon.lines().map(|l| relabel(l, &|c| hmac_label(&hmac_key, c)) + "\n").collect();
    lines.sort();
    let sigs: Vec<Cbor> = lines
        .iter()
        .map(|l| Cbor::Bytes(ephemeral.sign(&rng, l.as_bytes()).unwrap().as_ref().to_vec()))
        .collect();
    let mut sign_data = proof_hash;
    sign_data.extend_from_slice(&ephemeral_multikey);
    sign_data.extend_from_slice(&sha(b""));
    let base_sig = issuer.sign(&rng, &sign_data).unwrap().as_ref().to_vec();
    options["proofValue"] = json!(encode_proof_value(
        [0xd9, 0x5d, 0x00],
        vec![
            Cbor::Bytes(base_sig),
            Cbor::Bytes(ephemeral_multikey),
            Cbor::Bytes(hmac_key),
            Cbor::Array(sigs),
            Cbor::Array(vec![]),
        ]
    ));
    let mut out = doc.clone();
    out["proof"] = options;
    out
}

const SD_SIGNER: &str = "did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP";

/// The prc credential issued by the W3C base key's own did:key.
fn own_prc() -> Value {
    let mut doc = sd("prc", "addSignedSDBase.json");
    doc.as_object_mut().unwrap().remove("proof");
    doc["issuer"]["id"] = json!(SD_SIGNER);
    doc
}

/// The own-issued prc credential's base proof, its derived presentation of `reveal_edit`ed
/// revealed document, and the verification of the derived one at `now`.
fn own_derived(
    now: &str,
    reveal_edit: impl FnOnce(&mut Value),
    policy: impl Fn(Policy) -> Policy,
) -> Result<Value, (String, Vec<String>)> {
    let vm = format!("{SD_SIGNER}#{}", &SD_SIGNER[8..]);
    let p = policy(sd_policy_at(now).trust_issuer(TrustedIssuer::from_did_url(SD_SIGNER, false)));
    let base = issue_ecdsa_sd(&own_prc(), &vm, &p);
    let mut reveal = sd("prc", "derivedRevealDocument.json");
    reveal["issuer"]["id"] = json!(SD_SIGNER);
    reveal["credentialSubject"]["givenName"] = json!("JANE");
    reveal["credentialSubject"]["familyName"] = json!("SMITH");
    reveal_edit(&mut reveal);
    run_doc(&derive_ecdsa_sd(&base, &reveal, &p), &p)
}

#[test]
fn own_issued_base_and_derived_credentials_verify() {
    let vm = format!("{SD_SIGNER}#{}", &SD_SIGNER[8..]);
    let p = sd_policy_at("2025-06-01T00:00:00Z")
        .trust_issuer(TrustedIssuer::from_did_url(SD_SIGNER, false));
    let base = issue_ecdsa_sd(&own_prc(), &vm, &p);
    let claims = run_doc(&base, &p).unwrap();
    assert_eq!(claims["given_name"], "JANE");
    let claims = own_derived("2025-06-01T00:00:00Z", |_| {}, |p| p).unwrap();
    assert_eq!(claims["family_name"], "SMITH");
    // Disclosed, the expiry is judged.
    let r = own_derived("2026-06-01T00:00:00Z", |_| {}, |p| p);
    assert!(has(&r, "time.expired"), "{r:?}");
    // Withheld under a policy that requires it: not passed.
    let r = own_derived(
        "2026-06-01T00:00:00Z",
        |r| {
            r.as_object_mut().unwrap().remove("validUntil");
        },
        |p| p.require_disclosed("validUntil"),
    );
    assert!(has(&r, "ld.withheld"), "{r:?}");
}

/// Finding 2, closed: end to end, an expired credential whose holder withholds `validUntil` was
/// "verified", with its subject's names. A selectively disclosed credential outside Trinsic's
/// profile that discloses no expiry is now `ld.withheld` (could not check) unless the policy
/// accepts it withheld; with the expiry disclosed, the expired credential is `time.expired`.
#[test]
fn an_expired_credential_with_a_withheld_expiry_is_not_verified() {
    let r = own_derived(
        "2026-06-01T00:00:00Z",
        |r| {
            r.as_object_mut().unwrap().remove("validUntil");
        },
        |p| p,
    );
    let codes: Vec<String> = match &r {
        Ok(_) => panic!("an expired credential verified: {r:?}"),
        Err((_, codes)) => codes.clone(),
    };
    assert!(codes.iter().any(|c| c.starts_with("ld.withheld")), "{codes:?}");
}

/// Held: an ecdsa-sd-2023 issuer key given as a P-256 JWK verifies, inside its `nbf`/`exp`
/// window only; a P-384 JWK under the same method is refused as the wrong key type.
#[test]
fn jwk_issuer_keys_and_their_windows() {
    const DID: &str = "did:example:jwk-issuer";
    let compressed = bs58::decode(&SD_SIGNER[9..]).into_vec().unwrap();
    let point = p256::PublicKey::from_sec1_bytes(&compressed[2..]).unwrap();
    let long = p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(&point, false);
    let (x, y) = (&long.as_bytes()[1..33], &long.as_bytes()[33..]);
    let p384 = json_vector("ld/vc-di-ecdsa/p384KeyPair.json");
    let p384_jwk = {
        let m = p384["publicKeyMultibase"].as_str().unwrap();
        let c = bs58::decode(&m[1..]).into_vec().unwrap();
        let k = p384::PublicKey::from_sec1_bytes(&c[2..]).unwrap();
        let l = p384::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(&k, false);
        json!({"kty": "EC", "crv": "P-384", "x": URL_SAFE_NO_PAD.encode(&l.as_bytes()[1..49]),
            "y": URL_SAFE_NO_PAD.encode(&l.as_bytes()[49..])})
    };
    let vm = format!("{DID}#k");
    let case = |jwk: Value, now: &str| {
        let mut dids = DidDocuments::new();
        dids.add_json(
            json!({"id": DID, "verificationMethod": [{"id": vm, "type": "JsonWebKey2020",
                "controller": DID, "publicKeyJwk": jwk}], "assertionMethod": [vm]})
            .to_string()
            .as_bytes(),
        )
        .unwrap();
        let p = sd_policy_at(now)
            .with_did_documents(dids)
            .trust_issuer(TrustedIssuer::from_did_url(DID, false));
        let mut doc = own_prc();
        doc["issuer"]["id"] = json!(DID);
        run_doc(&issue_ecdsa_sd(&doc, &vm, &p), &p)
    };
    let jwk = json!({"kty": "EC", "crv": "P-256", "x": URL_SAFE_NO_PAD.encode(x),
        "y": URL_SAFE_NO_PAD.encode(y), "nbf": 1_704_067_200, "exp": 1_767_225_600});
    let r = case(jwk.clone(), "2025-06-01T00:00:00Z");
    assert!(r.is_ok(), "{r:?}");
    let r = case(jwk.clone(), "2025-12-01T00:00:00Z");
    assert!(r.is_ok(), "{r:?}");
    // After the key's exp (2026-01-01), though the credential is still valid: refused.
    let mut late = jwk.clone();
    late["exp"] = json!(1_735_689_600); // 2025-01-01
    let r = case(late, "2025-06-01T00:00:00Z");
    assert!(has(&r, "key.outside_window"), "{r:?}");
    let r = case(p384_jwk, "2025-06-01T00:00:00Z");
    assert!(has(&r, "key.alg_mismatch"), "{r:?}");
}

/// Held: edits of the W3C bbs-2023 derived proof value (presentation header, label map,
/// selective and mandatory indexes) and of its proof options are refused, never "could not
/// check".
#[test]
fn bbs_derived_proof_edits_are_refused() {
    let d0 = bbs_derived();
    let edits: Vec<(&str, Box<dyn Fn(&mut Vec<Cbor>)>)> = vec![
        ("presentation header", Box::new(|i| i[4] = Cbor::Bytes(vec![0x11, 0x33, 0x77, 0xab]))),
        ("empty presentation header", Box::new(|i| i[4] = Cbor::Bytes(vec![]))),
        (
            "label map values swapped",
            Box::new(|i| {
                let Cbor::Map(m) = &mut i[1] else { panic!() };
                let first = m[0].1.clone();
                m[0].1 = m[1].1.clone();
                m[1].1 = first;
            }),
        ),
        (
            "a label renumbered",
            Box::new(|i| {
                let Cbor::Map(m) = &mut i[1] else { panic!() };
                m[0].1 = Cbor::Integer(99.into());
            }),
        ),
        (
            "a selective index moved",
            Box::new(|i| {
                let Cbor::Array(a) = &mut i[3] else { panic!() };
                let last = a.len() - 1;
                a[last] = Cbor::Integer(40.into());
            }),
        ),
        (
            "a mandatory index dropped",
            Box::new(|i| {
                let Cbor::Array(a) = &mut i[2] else { panic!() };
                a.remove(0);
            }),
        ),
        (
            "a selective index out of range",
            Box::new(|i| {
                let Cbor::Array(a) = &mut i[3] else { panic!() };
                let last = a.len() - 1;
                a[last] = Cbor::Integer(1_000_000.into());
            }),
        ),
    ];
    for (name, edit) in edits {
        let d = edit_proof_value(&d0, |_, items| edit(items));
        let r = run_doc(&d, &bbs_policy());
        assert_eq!(r.as_ref().map_err(|e| e.0.as_str()).err(), Some("rejected"), "{name}: {r:?}");
    }
    for (member, value) in
        [("created", json!("2023-08-15T23:36:39Z")), ("expires", json!("2099-01-01T00:00:00Z"))]
    {
        let mut d = d0.clone();
        d["proof"][member] = value;
        assert!(has(&run_doc(&d, &bbs_policy()), "proof.invalid"), "{member}");
    }
    // A signed value changed in the JSON.
    let mut d = d0.clone();
    d["credentialSubject"]["sails"][0]["year"] = json!(2024);
    let r = run_doc(&d, &bbs_policy());
    assert_eq!(r.as_ref().map_err(|e| e.0.as_str()).err(), Some("rejected"), "{r:?}");
    // The base proof under a derived header, and the other way round.
    let d = edit_proof_value(&bbs_base(), |h, _| *h = [0xd9, 0x5d, 0x03]);
    assert!(has(&run_doc(&d, &bbs_policy()), "field.invalid"));
    let d = edit_proof_value(&d0, |h, _| *h = [0xd9, 0x5d, 0x02]);
    assert!(has(&run_doc(&d, &bbs_policy()), "field.invalid"));
}

/// Finding 3 (fixed; every Data Integrity suite): a proof's signed `expires` was read under
/// `https://w3id.org/security#expires`, an IRI no context defines (every shipped context maps
/// `expires` to `sec:expiration`), so the check never saw one: a proof past its signed expiry
/// verified. Shown on ecdsa-sd-2023 base and derived proofs and on eddsa-rdfc-2022; the signed
/// `created` was read right and is judged too.
#[test]
fn signed_proof_times_of_selective_proofs_are_judged() {
    let vm = format!("{SD_SIGNER}#{}", &SD_SIGNER[8..]);
    let p = sd_policy_at("2025-06-01T00:00:00Z")
        .trust_issuer(TrustedIssuer::from_did_url(SD_SIGNER, false));
    let mut reveal = sd("prc", "derivedRevealDocument.json");
    reveal["issuer"]["id"] = json!(SD_SIGNER);
    for (extra, code) in [
        (("expires", "2025-01-01T00:00:00Z"), "time.expired"),
        (("created", "2025-07-01T00:00:00Z"), "time.future"),
    ] {
        let base = issue_ecdsa_sd_with(&own_prc(), &vm, &p, &[extra]);
        assert_eq!(outcome_codes(&run_doc(&base, &p)), [code], "{extra:?}");
        let derived = derive_ecdsa_sd(&base, &reveal, &p);
        assert_eq!(outcome_codes(&run_doc(&derived, &p)), [code], "{extra:?}");
    }
    // Before its expiry, it verifies.
    let base = issue_ecdsa_sd_with(&own_prc(), &vm, &p, &[("expires", "2026-01-01T00:00:00Z")]);
    assert!(run_doc(&derive_ecdsa_sd(&base, &reveal, &p), &p).is_ok());
}

#[test]
fn an_expired_eddsa_proof_is_refused() {
    let issuer_vm = "did:example:issuer#key-1";
    let mut dids = DidDocuments::new();
    dids.add_json(support::method_document(issuer_vm, "did:example:issuer", 21).as_bytes())
        .unwrap();
    let policy = Policy::at(at("2025-01-01T00:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::new("did:example:issuer"));
    let credential = json!({"@context": ["https://www.w3.org/ns/credentials/v2",
            "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential"], "issuer": "did:example:issuer",
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:holder", "givenName": "JANE"}});
    let signed = |expires: &str| {
        support::sign_rdfc_with(
            &credential,
            issuer_vm,
            21,
            "2024-01-01T00:00:00Z",
            &policy,
            "assertionMethod",
            &[("expires", expires)],
        )
    };
    assert!(run_doc(&signed("2026-01-01T00:00:00Z"), &policy).is_ok());
    assert_eq!(outcome_codes(&run_doc(&signed("2024-06-01T00:00:00Z"), &policy)), ["time.expired"]);
}

//! Property tests: arbitrary bytes, and mutations of validly signed documents (flipped bits,
//! deleted and duplicated members, swapped types, huge numbers, deep nesting), through `parse`
//! and `verify`. Never a panic, and never "verified" unless the mutation left the signed meaning
//! unchanged (the same JSON value, or for a compact JWS the same token). JSON-LD surface edits
//! (inline contexts that re-map, alias or null-map terms, members re-spelled as IRIs, `@index`
//! and `@nest` wrappers, value objects) are never verified with claims, dates or status other
//! than the dataset's.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::fmt::Write as _;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use proptest::prelude::*;
use serde_json::Value;
use vpcheck::{parse, DidDocuments, KeySet, Limits, Policy, TrustedIssuer};

fn vector(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/test-vectors/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

fn keys() -> KeySet {
    let mut keys = KeySet::new();
    keys.add_json(&vector("keys/issuer.jwks.json")).unwrap();
    keys
}

fn holder_keys() -> KeySet {
    KeySet::from_json(&vector("keys/holder.jwks.json")).unwrap()
}

fn dids(files: &[&str]) -> DidDocuments {
    let mut d = DidDocuments::new();
    for f in files {
        d.add_json(&vector(f)).unwrap();
    }
    d
}

/// A signed document, the policy it verifies under, and whether it is a compact JWS.
struct Signed {
    name: &'static str,
    bytes: Vec<u8>,
    policy: Policy,
    jws: bool,
}

fn signed() -> Vec<Signed> {
    let jwt_policy = || {
        Policy::at(at("2025-01-01T00:00:00Z"))
            .with_issuer_keys("did:example:issuer", keys())
            .with_holder_keys("did:example:holder", holder_keys())
            .expect_audience("https://verifier.example")
            .expect_nonce("c-7f2a")
    };
    let all = vec![
        Signed {
            name: "eddsa jwt",
            bytes: vector("jwt-signed/eddsa-valid.jwt"),
            policy: jwt_policy(),
            jws: true,
        },
        Signed {
            name: "es256 jwt",
            bytes: vector("jwt-signed/es256-valid.jwt"),
            policy: jwt_policy(),
            jws: true,
        },
        Signed {
            name: "vp 1.1 jwt",
            bytes: vector("jwt-signed/vp11-valid.jwt"),
            policy: jwt_policy().require_holder_binding(),
            jws: true,
        },
        Signed {
            name: "eddsa-jcs-2022",
            bytes: vector("ld/vc-di-eddsa/eddsa-jcs-2022-signed.json"),
            policy: Policy::at(at("2025-01-01T00:00:00Z"))
                .with_did_documents(dids(&["dids/vc-example-issuer.json"]))
                .trust_issuer(TrustedIssuer::new("https://vc.example/issuers/5678")),
            jws: false,
        },
        Signed {
            name: "BbsBlsSignature2020",
            bytes: vector("trinsic-bbs/credential-signed.json"),
            policy: Policy::at(at("2026-10-01T10:00:00Z"))
                .with_did_documents(dids(&["trinsic-bbs/issuer.did.json"]))
                .trust_issuer(TrustedIssuer::trinsic(
                    "did:web:idv.vpcheck.example:zVpcheckTestIssuer",
                )),
            jws: false,
        },
    ];
    // The premise: each verifies as it stands.
    for s in &all {
        let u = parse(&s.bytes, &Limits::default()).unwrap();
        assert!(u.verify(&s.policy).is_ok(), "{} does not verify unmutated", s.name);
    }
    all
}

/// A structural change at the `target`-th value (pre-order) of a JSON document.
#[derive(Debug, Clone, Copy)]
enum Edit {
    Delete,
    Duplicate,
    SwapType,
    HugeNumber,
    DeepNesting,
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        Just(Edit::Delete),
        Just(Edit::Duplicate),
        Just(Edit::SwapType),
        Just(Edit::HugeNumber),
        Just(Edit::DeepNesting)
    ]
}

/// Writes `v` as JSON with `edit` applied to the value numbered `target` in pre-order (a member
/// value for Delete and Duplicate, which act on the member holding it).
fn write_edited(v: &Value, edit: Edit, target: usize, counter: &mut usize, out: &mut String) {
    let here = *counter;
    *counter += 1;
    if here == target {
        match edit {
            Edit::SwapType => {
                let swapped = match v {
                    Value::String(s) => Value::from(s.len()),
                    Value::Number(n) => Value::from(n.to_string()),
                    Value::Bool(b) => Value::from(b.to_string()),
                    Value::Null => Value::from(0),
                    Value::Array(_) => Value::Object(serde_json::Map::new()),
                    Value::Object(_) => Value::Array(Vec::new()),
                };
                out.push_str(&swapped.to_string());
                return;
            }
            Edit::HugeNumber => {
                out.push_str("123456789012345678901234567890e400");
                return;
            }
            Edit::DeepNesting => {
                out.push_str(&"[".repeat(200));
                out.push_str(&v.to_string());
                out.push_str(&"]".repeat(200));
                return;
            }
            Edit::Delete | Edit::Duplicate => {}
        }
    }
    match v {
        Value::Object(map) => {
            out.push('{');
            let mut first = true;
            for (k, child) in map {
                let child_index = *counter;
                let mut member = String::new();
                write!(member, "{}:", Value::from(k.as_str())).unwrap();
                write_edited(child, edit, target, counter, &mut member);
                let copies = match edit {
                    Edit::Delete if child_index == target => 0,
                    Edit::Duplicate if child_index == target => 2,
                    _ => 1,
                };
                for _ in 0..copies {
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    out.push_str(&member);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, child) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_edited(child, edit, target, counter, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

fn count_values(v: &Value) -> usize {
    1 + match v {
        Value::Object(m) => m.values().map(count_values).sum(),
        Value::Array(a) => a.iter().map(count_values).sum(),
        _ => 0,
    }
}

/// The mutated document for a structural edit: the JSON itself, or a JWS's payload.
fn structurally_edited(s: &Signed, edit: Edit, pick: usize) -> Vec<u8> {
    if s.jws {
        let text = String::from_utf8(s.bytes.clone()).unwrap();
        let parts: Vec<&str> = text.trim().split('.').collect();
        let payload: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        let mut out = String::new();
        write_edited(&payload, edit, pick % count_values(&payload), &mut 0, &mut out);
        format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(out), parts[2]).into_bytes()
    } else {
        let doc: Value = serde_json::from_slice(&s.bytes).unwrap();
        let mut out = String::new();
        write_edited(&doc, edit, pick % count_values(&doc), &mut 0, &mut out);
        out.into_bytes()
    }
}

/// Verified only when the signed meaning is unchanged.
fn check(s: &Signed, mutated: &[u8]) -> Result<(), TestCaseError> {
    let Ok(u) = parse(mutated, &Limits::default()) else { return Ok(()) };
    if u.verify(&s.policy).is_ok() {
        let same = if s.jws {
            String::from_utf8_lossy(mutated).trim() == String::from_utf8_lossy(&s.bytes).trim()
        } else {
            serde_json::from_slice::<Value>(mutated).ok()
                == serde_json::from_slice::<Value>(&s.bytes).ok()
        };
        prop_assert!(
            same,
            "{}: a mutated document verified: {}",
            s.name,
            String::from_utf8_lossy(mutated)
        );
    }
    Ok(())
}

/// Document `doc` of [`signed`] with one bit flipped.
fn flip_bit(doc: usize, position: usize, bit: u8) -> Result<(), TestCaseError> {
    let all = SIGNED.with(std::rc::Rc::clone);
    let s = &all[doc];
    let mut bytes = s.bytes.clone();
    let i = position % bytes.len();
    bytes[i] ^= 1 << bit;
    check(s, &bytes)
}

/// Document `doc` of [`signed`] with one structural edit.
fn edit_structure(doc: usize, edit: Edit, pick: usize) -> Result<(), TestCaseError> {
    let all = SIGNED.with(std::rc::Rc::clone);
    let s = &all[doc];
    check(s, &structurally_edited(s, edit, pick))
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let policy = Policy::at(at("2025-01-01T00:00:00Z")).with_issuer_keys("did:example:issuer", keys()).with_holder_keys("did:example:holder", holder_keys());
        if let Ok(u) = parse(&data, &Limits::default()) {
            if let Ok(v) = u.verify(&policy) {
                prop_assert!(v.report().errors().is_empty());
            }
        }
    }

    #[test]
    fn flipped_bits_in_signed_jwts_never_verify(doc in 0usize..3, position in any::<usize>(), bit in 0u8..8) {
        flip_bit(doc, position, bit)?;
    }

    #[test]
    fn structural_edits_of_signed_jwts_never_verify(doc in 0usize..3, edit in edit_strategy(), pick in any::<usize>()) {
        edit_structure(doc, edit, pick)?;
    }
}

proptest! {
    // JSON-LD proofs canonicalise on every case: fewer cases (debug builds are slow at it).
    #![proptest_config(config(24))]

    #[test]
    fn flipped_bits_in_signed_json_ld_never_verify(doc in 3usize..5, position in any::<usize>(), bit in 0u8..8) {
        flip_bit(doc, position, bit)?;
    }

    #[test]
    fn structural_edits_of_signed_json_ld_never_verify(doc in 3usize..5, edit in edit_strategy(), pick in any::<usize>()) {
        edit_structure(doc, edit, pick)?;
    }
}

thread_local! {
    static SIGNED: std::rc::Rc<Vec<Signed>> = std::rc::Rc::new(signed());
    static LD_SIGNED: std::rc::Rc<Vec<Signed>> = std::rc::Rc::new(ld_signed());
}

/// Signed JSON-LD credentials (BBS+ signature, eddsa-rdfc-2022, Ed25519Signature2020) for the
/// surface mutations: a JSON-LD proof signs the dataset, so these edits aim at the JSON a reader
/// sees while keeping the dataset.
fn ld_signed() -> Vec<Signed> {
    let eddsa = || {
        Policy::at(at("2025-01-01T00:00:00Z"))
            .with_did_documents(dids(&["dids/vc-example-issuer.json"]))
            .trust_issuer(TrustedIssuer::new("https://vc.example/issuers/5678"))
    };
    vec![
        Signed {
            name: "BbsBlsSignature2020",
            bytes: vector("trinsic-bbs/credential-signed.json"),
            policy: Policy::at(at("2026-10-01T10:00:00Z"))
                .with_did_documents(dids(&["trinsic-bbs/issuer.did.json"]))
                .trust_issuer(TrustedIssuer::trinsic(
                    "did:web:idv.vpcheck.example:zVpcheckTestIssuer",
                )),
            jws: false,
        },
        Signed {
            name: "eddsa-rdfc-2022",
            bytes: vector("ld/vc-di-eddsa/eddsa-rdfc-2022-signed.json"),
            policy: eddsa(),
            jws: false,
        },
        Signed {
            name: "Ed25519Signature2020",
            bytes: vector("ld/vc-di-eddsa/ed25519signature2020-signed.json"),
            policy: eddsa(),
            jws: false,
        },
    ]
}

/// A JSON-LD surface edit of one member: the kinds an attacker uses to make the JSON say what
/// the dataset does not.
#[derive(Debug, Clone, Copy)]
enum Surface {
    /// An inline context re-mapping the member's name to another member's IRI.
    Remap,
    /// An inline context aliasing a new name to the member's, the member renamed.
    Alias,
    /// The member moved under its IRI, its name re-added with another value and mapped to null.
    NullMap,
    /// The member spelled as an absolute IRI.
    IriKey,
    /// An `@index` beside it, with its value.
    Index,
    /// The member wrapped in `@nest`.
    Nest,
    /// Its value as a value object.
    ValueObject,
    /// Its value replaced by null.
    Null,
}

fn surface_strategy() -> impl Strategy<Value = Surface> {
    prop_oneof![
        Just(Surface::Remap),
        Just(Surface::Alias),
        Just(Surface::NullMap),
        Just(Surface::IriKey),
        Just(Surface::Index),
        Just(Surface::Nest),
        Just(Surface::ValueObject),
        Just(Surface::Null),
    ]
}

/// `doc` with surface edit `kind` applied to the `pick`-th member (of the document, its subject
/// and its proof, in order).
fn surface_edited(doc: &Value, kind: Surface, pick: usize) -> Value {
    let mut doc = doc.clone();
    let mut places: Vec<(Option<&str>, String)> = Vec::new();
    for (place, obj) in [
        (None, &doc),
        (Some("credentialSubject"), &doc["credentialSubject"]),
        (Some("proof"), &doc["proof"]),
    ] {
        if let Some(o) = obj.as_object() {
            places.extend(o.keys().filter(|k| !k.starts_with('@')).map(|k| (place, k.clone())));
        }
    }
    let (place, name) = places[pick % places.len()].clone();
    let other = places[(pick / places.len() + 1) % places.len()].1.clone();
    let target = match place {
        None => &mut doc,
        Some(p) => &mut doc[p],
    };
    let o = target.as_object_mut().unwrap();
    let value = o[&name].clone();
    let iri = format!("https://trinsic.cloud/idv/{name}");
    match kind {
        Surface::Remap => {
            o.insert(
                "@context".into(),
                serde_json::json!({ name.clone(): format!("https://trinsic.cloud/idv/{other}") }),
            );
        }
        Surface::Alias => {
            o.remove(&name);
            o.insert("@context".into(), serde_json::json!({ "alias": name.clone() }));
            o.insert("alias".into(), value);
        }
        Surface::NullMap => {
            o.remove(&name);
            o.insert(iri, value);
            o.insert("@context".into(), serde_json::json!({ name.clone(): null }));
            o.insert(name, Value::String("ATTACKER".into()));
        }
        Surface::IriKey => {
            o.remove(&name);
            o.insert(iri, value);
        }
        Surface::Index => {
            o.insert("@index".into(), value);
        }
        Surface::Nest => {
            o.remove(&name);
            o.insert("@nest".into(), serde_json::json!({ name: value }));
        }
        Surface::ValueObject => {
            o.insert(name, serde_json::json!({ "@value": value }));
        }
        Surface::Null => {
            o.insert(name, Value::Null);
        }
    }
    doc
}

/// What a verified credential says: its claims and every check's name.
fn meaning(s: &Signed, bytes: &[u8]) -> Option<(String, Vec<String>)> {
    let u = parse(bytes, &Limits::default()).ok()?;
    let v = u.verify(&s.policy).ok()?;
    let claims = serde_json::to_string(v.claims()).unwrap();
    let mut checks: Vec<String> = v.report().checks().iter().map(|c| c.name.to_string()).collect();
    checks.sort();
    Some((claims, checks))
}

fn mutate_surface(doc: usize, kind: Surface, pick: usize) -> Result<(), TestCaseError> {
    let all = LD_SIGNED.with(std::rc::Rc::clone);
    let s = &all[doc];
    let original: Value = serde_json::from_slice(&s.bytes).unwrap();
    let honest = meaning(s, &s.bytes).expect("the unmutated credential verifies");
    let edited = surface_edited(&original, kind, pick);
    let bytes = serde_json::to_vec(&edited).unwrap();
    if let Some(found) = meaning(s, &bytes) {
        prop_assert_eq!(
            &found,
            &honest,
            "{}: {:?} verified with another meaning: {}",
            s.name,
            kind,
            edited
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(48))]

    /// Never verified with claims, dates or status other than the dataset's: a surface edit is
    /// refused, or (where it changed the dataset) fails its proof.
    #[test]
    fn json_ld_surface_edits_never_verify_with_another_meaning(doc in 0usize..3, kind in surface_strategy(), pick in any::<usize>()) {
        mutate_surface(doc, kind, pick)?;
    }
}

#[test]
fn every_json_ld_surface_edit_of_every_member_is_refused() {
    // Exhaustively, on the BBS+ credential: each kind on each member; none may verify at all.
    let all = LD_SIGNED.with(std::rc::Rc::clone);
    let s = &all[0];
    let original: Value = serde_json::from_slice(&s.bytes).unwrap();
    let members = original.as_object().unwrap().len()
        + original["credentialSubject"].as_object().unwrap().len()
        + original["proof"].as_object().unwrap().len();
    let mut refused = 0;
    for kind in [
        Surface::Remap,
        Surface::Alias,
        Surface::NullMap,
        Surface::IriKey,
        Surface::Index,
        Surface::Nest,
        Surface::ValueObject,
        Surface::Null,
    ] {
        for pick in 0..members {
            let bytes = serde_json::to_vec(&surface_edited(&original, kind, pick)).unwrap();
            // Refused when parsed (a proof that is no object) or when verified.
            if let Ok(u) = parse(&bytes, &Limits::default()) {
                assert!(u.verify(&s.policy).is_err(), "{kind:?} on member {pick} verified");
            }
            refused += 1;
        }
    }
    assert!(refused >= 8 * 25, "{refused}");
}

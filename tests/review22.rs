//! Adversarial review 22: bbs-2023 (base and derived proofs, the W3C vc-di-bbs vectors edited)
//! and ecdsa-rdfc-2019 / ecdsa-jcs-2019 (credentials signed here with the W3C P-256 and P-384
//! key pairs), through the public API. Reviews 20 and 21 covered ecdsa-sd-2023; the bbs-2023
//! edits of review 20 (`bbs_derived_proof_edits_are_refused`, `hostile_cbor_is_refused_quickly`,
//! `a_feature_header_is_could_not_check`) are not repeated here.
//!
//! Findings:
//!
//! 1. (fixed, `finding_1_a_stated_controller_escapes_the_purpose_check`) a verification method
//!    that a supplied DID document defines with a `controller` member naming another DID was
//!    checked for the proof's purpose in that other DID's document, and not at all when that
//!    document was not supplied; the issuer binding passed on the DID prefix. A key
//!    `did:example:a`'s own document lists for `authentication` (or `keyAgreement`) only, but
//!    with `"controller": "did:example:b"`, issued credentials as `did:example:a`: verified,
//!    with the subject's names. Every Data Integrity suite resolved keys this way. Now a
//!    method's stated controller must be the DID whose document defines it (Controlled
//!    Identifiers 1.0 section 3.3, step 10): `proof.purpose`.
//! 2. (fixed, `finding_2_previous_proof_is_ignored`) `previousProof` (proof chains, VC Data
//!    Integrity) was not read: a proof naming an absent previous proof, or one signed without
//!    the proof it names, verified; a genuine chain was `proof.invalid`. Now a proof naming a
//!    `previousProof` (in its JSON, or in the options it signs) is `proof.not_checked`, a
//!    published construct vpcheck does not check. No claim was forged: every proof was by a
//!    trusted signer over the statements read.
//!
//! 3. (observed by the review, fixed after it, `ecdsa_keys_and_curves`) a `publicKeyJwk`
//!    carrying its private `d` verified: a published private key, which anyone can sign with.
//!    DID Core section 5.2.1 forbids private members there: now `key.invalid`.
//! 4. (observed, changed after the review, `verification_methods_and_controllers`) relative
//!    DID URLs (`#k`, DID Core section 3.2.2) in a DID document were not resolved against its
//!    DID, so a method listed as `#k` was `proof.purpose` (a refusal, never a wrong verified).
//!
//! The other tests are attacks that held, each asserting its code. Observed, not changed: a
//! bbs-2023 proof value is malleable in its CBOR encoding (an indefinite-length array reads as
//! the same values); an ECDSA signature's other `s` verifies (documented: vc-di-ecdsa asks for
//! no low-S form); ecdsa-jcs-2019 contexts appended to the document after the proof's
//! `@context` are neither signed nor read (the claims are the signed reading, vc-di-ecdsa
//! section 3.3.2).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::type_complexity
)]

#[path = "support/ld_review.rs"]
mod ld_review;
#[path = "support/proof_value.rs"]
mod proof_value;
mod support;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ciborium::Value as Cbor;
use ld_review::*;
use proof_value::edit_proof_value;
use serde_json::{json, Value};
use support::{at, json_vector, outcome_codes};
use vpcheck::{DidDocuments, Policy, TrustedIssuer};

// ---------------------------------------------------------------------------------------------
// bbs-2023, the W3C vc-di-bbs vectors.

fn bbs_run(doc: &Value) -> Outcome {
    run(doc, &bbs_policy())
}

/// `doc` with its proof value's raw bytes (after the `u`) edited.
fn edit_bytes(doc: &Value, f: impl FnOnce(&mut Vec<u8>)) -> Value {
    let mut d = doc.clone();
    let pv = d["proof"]["proofValue"].as_str().unwrap();
    let mut bytes = URL_SAFE_NO_PAD.decode(&pv[1..]).unwrap();
    f(&mut bytes);
    d["proof"]["proofValue"] = json!(format!("u{}", URL_SAFE_NO_PAD.encode(bytes)));
    d
}

fn cbor_array(v: &mut Cbor) -> &mut Vec<Cbor> {
    match v {
        Cbor::Array(a) => a,
        _ => panic!("not an array"),
    }
}

fn cbor_map(v: &mut Cbor) -> &mut Vec<(Cbor, Cbor)> {
    match v {
        Cbor::Map(m) => m,
        _ => panic!("not a map"),
    }
}

fn int(i: i64) -> Cbor {
    Cbor::Integer(i.into())
}

fn cbor_bytes(v: &mut Cbor) -> &mut Vec<u8> {
    match v {
        Cbor::Bytes(b) => b,
        _ => panic!("not bytes"),
    }
}

#[test]
fn baselines() {
    let r = bbs_run(&bbs_derived());
    assert!(r.is_ok(), "{r:?}");
    let r = bbs_run(&bbs_base());
    assert!(r.is_ok(), "{r:?}");
}

/// Held: edits of a derived proof value's CBOR (vc-di-bbs section 3.3.7, parseDerivedProofValue)
/// are refused, each with its code: a malformed shape is `field.invalid`, a well-formed value
/// that does not fit the document (label map, indexes) or the BBS proof is `proof.invalid`.
#[test]
fn derived_proof_value_edits_are_refused_with_their_codes() {
    let d0 = bbs_derived();
    let edits: Vec<(&str, Box<dyn Fn(&mut Vec<Cbor>)>, &str)> = vec![
        (
            "mandatory index repeated",
            Box::new(|i| {
                let a = cbor_array(&mut i[2]);
                let first = a[0].clone();
                a.insert(0, first);
            }),
            "field.invalid",
        ),
        (
            "selective indexes out of order",
            Box::new(|i| cbor_array(&mut i[3]).swap(0, 1)),
            "field.invalid",
        ),
        (
            "selective index repeated",
            Box::new(|i| {
                let a = cbor_array(&mut i[3]);
                let first = a[0].clone();
                a.insert(0, first);
            }),
            "field.invalid",
        ),
        (
            "mandatory index past the statements",
            Box::new(|i| cbor_array(&mut i[2]).push(int(1_000))),
            "proof.invalid",
        ),
        (
            "mandatory index at usize::MAX",
            Box::new(|i| cbor_array(&mut i[2]).push(Cbor::Integer(u64::MAX.into()))),
            "proof.invalid",
        ),
        (
            "the last mandatory index moved to the selective indexes (a statement re-grouped)",
            Box::new(|i| {
                let m = cbor_array(&mut i[2]);
                let last = m.pop().unwrap();
                cbor_array(&mut i[3]).push(last);
            }),
            // Its number is past the signed messages (ProofVerifyInit refuses it).
            "field.invalid",
        ),
        (
            "one selective index more than the disclosed statements",
            Box::new(|i| cbor_array(&mut i[3]).push(int(40))),
            "proof.invalid",
        ),
        (
            "one selective index fewer",
            Box::new(|i| {
                cbor_array(&mut i[3]).pop();
            }),
            "proof.invalid",
        ),
        (
            "selective indexes shifted by one",
            Box::new(|i| {
                for v in cbor_array(&mut i[3]) {
                    let Cbor::Integer(n) = v else { panic!() };
                    *v = Cbor::Integer((u64::try_from(*n).unwrap() + 1).into());
                }
            }),
            "proof.invalid",
        ),
        (
            "label map: three labels rotated",
            Box::new(|i| {
                let m = cbor_map(&mut i[1]);
                let first = m[0].1.clone();
                m[0].1 = m[1].1.clone();
                m[1].1 = m[2].1.clone();
                m[2].1 = first;
            }),
            "proof.invalid",
        ),
        (
            "label map: the keys swapped instead of the values",
            Box::new(|i| {
                let m = cbor_map(&mut i[1]);
                let first = m[0].0.clone();
                m[0].0 = m[1].0.clone();
                m[1].0 = first;
            }),
            "proof.invalid",
        ),
        (
            "label map: an entry for a blank node the document lacks",
            Box::new(|i| cbor_map(&mut i[1]).push((int(99), int(99)))),
            "proof.invalid",
        ),
        (
            "label map: an entry dropped",
            Box::new(|i| {
                cbor_map(&mut i[1]).pop();
            }),
            "proof.invalid",
        ),
        (
            "label map: a key repeated (same value)",
            Box::new(|i| {
                let m = cbor_map(&mut i[1]);
                let first = m[0].clone();
                m.push(first);
            }),
            "field.invalid",
        ),
        (
            "label map: a text key",
            Box::new(|i| cbor_map(&mut i[1])[0].0 = Cbor::Text("c14n0".into())),
            "field.invalid",
        ),
        (
            "label map: a negative value",
            Box::new(|i| cbor_map(&mut i[1])[0].1 = int(-1)),
            "field.invalid",
        ),
        (
            "label map: an array, not a map",
            Box::new(|i| i[1] = Cbor::Array(vec![])),
            "field.invalid",
        ),
        (
            "presentation header a text string",
            Box::new(|i| i[4] = Cbor::Text("\u{11}3w\u{aa}".into())),
            "field.invalid",
        ),
        ("six items", Box::new(|i| i.push(Cbor::Null)), "field.invalid"),
        (
            "four items",
            Box::new(|i| {
                i.pop();
            }),
            "field.invalid",
        ),
        (
            "bbsProof truncated by 32 bytes",
            Box::new(|i| {
                let b = cbor_bytes(&mut i[0]);
                b.truncate(b.len() - 32);
            }),
            "proof.invalid",
        ),
        (
            "bbsProof extended by a zero scalar",
            Box::new(|i| cbor_bytes(&mut i[0]).extend_from_slice(&[0; 32])),
            "field.invalid",
        ),
        (
            "bbsProof extended by a scalar 1",
            Box::new(|i| {
                let b = cbor_bytes(&mut i[0]);
                b.extend_from_slice(&[0; 31]);
                b.push(1);
            }),
            "proof.invalid",
        ),
        (
            "bbsProof with 2 000 undisclosed-message scalars (past 1 024 messages)",
            Box::new(|i| {
                let b = cbor_bytes(&mut i[0]);
                let c = b.split_off(b.len() - 32);
                for _ in 0..2_000 {
                    b.extend_from_slice(&[0; 31]);
                    b.push(1);
                }
                b.extend_from_slice(&c);
            }),
            "limit.bbs_messages",
        ),
        ("bbsProof 16 bytes", Box::new(|i| cbor_bytes(&mut i[0]).truncate(16)), "field.invalid"),
        (
            "bbsProof Abar and Bbar the identity",
            Box::new(|i| {
                let b = cbor_bytes(&mut i[0]);
                let mut id = [0u8; 48];
                id[0] = 0xc0;
                b[..48].copy_from_slice(&id);
                b[48..96].copy_from_slice(&id);
            }),
            "field.invalid",
        ),
        (
            "bbsProof challenge 0",
            Box::new(|i| {
                let b = cbor_bytes(&mut i[0]);
                let n = b.len();
                b[n - 32..].fill(0);
            }),
            "field.invalid",
        ),
        (
            "bbsProof challenge r (the group order)",
            Box::new(|i| {
                let b = cbor_bytes(&mut i[0]);
                let n = b.len();
                b[n - 32..].copy_from_slice(
                    &hex::decode(
                        "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001",
                    )
                    .unwrap(),
                );
            }),
            "field.invalid",
        ),
    ];
    let mut seen = Vec::new();
    for (name, edit, code) in edits {
        let d = edit_proof_value(&d0, |_, items| edit(items));
        let r = bbs_run(&d);
        seen.push(format!("{name}: {:?}", verdict(&r)));
        assert_eq!(outcome_codes(&r), [code], "{name}: {r:?}");
    }
    println!("{}", seen.join("\n"));
}

/// Held: the encoding around the CBOR: trailing bytes, another multibase, padding, a nested
/// tag, and a base proof's items under the derived header (and the reverse, with the other
/// suite's headers) are `field.invalid`.
#[test]
fn derived_proof_value_encodings_are_refused() {
    let d0 = bbs_derived();
    let cases: Vec<(&str, Value)> = vec![
        ("a trailing CBOR byte (0x00)", edit_bytes(&d0, |b| b.push(0x00))),
        ("a trailing empty array", edit_bytes(&d0, |b| b.push(0x80))),
        ("the array wrapped in a tag", edit_bytes(&d0, |b| b.insert(3, 0xc0))),
        ("base58btc multibase (z)", {
            let pv = d0["proof"]["proofValue"].as_str().unwrap();
            let bytes = URL_SAFE_NO_PAD.decode(&pv[1..]).unwrap();
            edit(&d0, |d| {
                d["proof"]["proofValue"] = json!(format!("z{}", bs58::encode(bytes).into_string()))
            })
        }),
        ("base64url with padding", {
            let pv = d0["proof"]["proofValue"].as_str().unwrap();
            let bytes = URL_SAFE_NO_PAD.decode(&pv[1..]).unwrap();
            edit(&d0, |d| {
                d["proof"]["proofValue"] =
                    json!(format!("u{}", base64::engine::general_purpose::URL_SAFE.encode(bytes)))
            })
        }),
        ("the proof value a CBOR map", edit_bytes(&d0, |b| b[3] = 0xa5)),
        ("only the header", edit_bytes(&d0, |b| b.truncate(3))),
        ("the ecdsa-sd-2023 derived header", edit_proof_value(&d0, |h, _| h[2] = 0x01)),
        ("header 0xd95d0a (no feature)", edit_proof_value(&d0, |h, _| h[2] = 0x0a)),
        ("header 0xd95d0b (no feature)", edit_proof_value(&d0, |h, _| h[2] = 0x0b)),
        ("header 0xd95dff", edit_proof_value(&d0, |h, _| h[2] = 0xff)),
        ("header 0xd95e03", edit_proof_value(&d0, |h, _| h[1] = 0x5e)),
        (
            "the base proof's items under the derived header",
            edit_proof_value(&bbs_base(), |h, _| h[2] = 0x03),
        ),
    ];
    for (name, d) in cases {
        let r = bbs_run(&d);
        assert_eq!(outcome_codes(&r), ["field.invalid"], "{name}: {r:?}");
    }
}

/// Observed: CBOR that is not in its shortest form (vc-di-bbs asks for none in particular) is
/// read as the values it encodes: an index written in two bytes, the array of indefinite
/// length. The proof value is malleable, the claims are not: the same statements verify.
#[test]
fn non_shortest_cbor_reads_as_the_same_values() {
    let d0 = bbs_derived();
    let expected = bbs_run(&d0).unwrap();
    // The outer array (0x85: five items) as an indefinite-length array.
    let indefinite = edit_bytes(&d0, |b| {
        assert_eq!(b[3], 0x85);
        b[3] = 0x9f;
        b.push(0xff);
    });
    assert_eq!(bbs_run(&indefinite).unwrap(), expected);
}

/// Held: edits of the derived document that keep the proof. A changed or added statement, a
/// reordered `@context` (the credentials v2 `@vocab` then wins over the windsurf one) and a
/// number written as a double are refused; constructs that hide a member from the dataset are
/// refused by the surface check; rewritings that state the same dataset verify with the same
/// claims.
#[test]
fn derived_document_edits() {
    let d0 = bbs_derived();
    let same = bbs_run(&d0).unwrap();
    let refused: Vec<(&str, Value, &str)> = vec![
        (
            "the windsurf context replaced by the examples v2 context",
            edit(&d0, |d| {
                d["@context"][1] = json!("https://www.w3.org/ns/credentials/examples/v2")
            }),
            "proof.invalid",
        ),
        (
            "a disclosed double changed to an integer (6.1 to 6)",
            edit(&d0, |d| d["credentialSubject"]["sails"][0]["size"] = json!(6)),
            "proof.invalid",
        ),
        (
            "a disclosed number written as a string",
            edit(&d0, |d| d["credentialSubject"]["sails"][0]["year"] = json!("2023")),
            "proof.invalid",
        ),
        (
            "a disclosed blank node given an id",
            edit(&d0, |d| d["credentialSubject"]["sails"][0]["id"] = json!("urn:sail:1")),
            "proof.invalid",
        ),
        (
            "the subject given an id",
            edit(&d0, |d| d["credentialSubject"]["id"] = json!("did:example:me")),
            "proof.invalid",
        ),
        (
            "a sail moved to the boards",
            edit(&d0, |d| {
                let s = d["credentialSubject"]["sails"].as_array_mut().unwrap().remove(0);
                d["credentialSubject"]["boards"].as_array_mut().unwrap().push(s);
            }),
            "proof.invalid",
        ),
        (
            "a withheld sail added back (base document's sails[0])",
            edit(&d0, |d| {
                d["credentialSubject"]["sails"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"size": 5.5, "sailName": "Kihei", "year": 2023}));
            }),
            "proof.invalid",
        ),
        (
            "two sails merged into one node",
            edit(&d0, |d| {
                d["credentialSubject"]["sails"] = json!([
                    {"size": [6.1, 7], "sailName": "Lahaina", "year": [2023, 2020]}
                ]);
            }),
            "proof.invalid",
        ),
        (
            "the issuer changed",
            edit(&d0, |d| d["issuer"] = json!("https://vc.example/other")),
            "proof.invalid",
        ),
        (
            "a second type",
            edit(&d0, |d| d["type"] = json!(["VerifiableCredential", "Other"])),
            "proof.invalid",
        ),
        (
            "a value object for a mandatory literal",
            edit(&d0, |d| d["credentialSubject"]["sailNumber"] = json!({"@value": "Earth101"})),
            "ld.keyword",
        ),
        (
            "an untrusted nested context renaming sailName",
            edit(&d0, |d| {
                d["credentialSubject"]["@context"] =
                    json!({"name": "https://windsurf.grotto-networking.com/selective#sailName"});
            }),
            "ld.context_untrusted",
        ),
        (
            "an IRI member name",
            edit(&d0, |d| {
                let s = d["credentialSubject"].as_object_mut().unwrap();
                let v = s.remove("sailNumber").unwrap();
                s.insert("https://windsurf.grotto-networking.com/selective#sailNumber".into(), v);
            }),
            "ld.iri_key",
        ),
        (
            "validUntil added (unsigned)",
            edit(&d0, |d| d["validUntil"] = json!("2099-01-01T00:00:00Z")),
            "proof.invalid",
        ),
    ];
    for (name, d, code) in refused {
        let r = bbs_run(&d);
        assert!(outcome_codes(&r).iter().any(|c| c == code), "{name}: {r:?}");
        assert!(r.is_err(), "{name}");
    }
    let same_dataset: Vec<(&str, Value)> = vec![
        (
            "the trusted context nested in the subject again",
            edit(&d0, |d| {
                d["credentialSubject"]["@context"] =
                    json!({"@vocab": "https://windsurf.grotto-networking.com/selective#"});
            }),
        ),
        (
            "a disclosed double with a trailing zero (6.10)",
            edit(&d0, |d| d["credentialSubject"]["sails"][0]["size"] = json!(6.10)),
        ),
        ("the issuer as an object", edit(&d0, |d| d["issuer"] = json!({"id": BBS_ISSUER}))),
        (
            "the sails in the other order",
            edit(&d0, |d| d["credentialSubject"]["sails"].as_array_mut().unwrap().reverse()),
        ),
        ("the type as a string", edit(&d0, |d| d["type"] = json!("VerifiableCredential"))),
        (
            // JSON-LD 1.1 section 8.6 (object to RDF): a number without a fractional part is
            // an xsd:integer however it is written.
            "a disclosed integer written 2023.0",
            edit(&d0, |d| d["credentialSubject"]["sails"][0]["year"] = json!(2023.0)),
        ),
        (
            // The shipped credentials v2 context defines no @vocab: the order changes nothing.
            "the context's two entries in the other order",
            edit(&d0, |d| d["@context"].as_array_mut().unwrap().reverse()),
        ),
    ];
    for (name, d) in same_dataset {
        assert_eq!(bbs_run(&d).as_ref().ok(), Some(&same), "{name}");
    }
}

/// Held: base proofs (vc-di-bbs section 3.4.4 as a holder checks one) whose value is edited
/// are refused: the key, header, HMAC key and mandatory pointers are all bound to the signature
/// or the document.
#[test]
fn base_proof_value_edits_are_refused() {
    let b0 = bbs_base();
    let edits: Vec<(&str, Box<dyn Fn(&mut Vec<Cbor>)>, &str)> = vec![
        (
            "the base proof's public key another point",
            Box::new(|i| cbor_bytes(&mut i[2])[95] ^= 1),
            "proof.invalid",
        ),
        ("the bbsHeader changed", Box::new(|i| cbor_bytes(&mut i[1])[0] ^= 1), "proof.invalid"),
        (
            "the bbsHeader's mandatory hash changed",
            Box::new(|i| cbor_bytes(&mut i[1])[63] ^= 1),
            "proof.invalid",
        ),
        ("the HMAC key changed", Box::new(|i| cbor_bytes(&mut i[3])[0] ^= 0x80), "proof.invalid"),
        (
            "a mandatory pointer dropped",
            Box::new(|i| {
                cbor_array(&mut i[4]).pop();
            }),
            "proof.invalid",
        ),
        (
            "a mandatory pointer added to a non-mandatory statement",
            Box::new(|i| {
                cbor_array(&mut i[4]).push(Cbor::Text("/credentialSubject/sails/0".into()))
            }),
            "proof.invalid",
        ),
        (
            "a mandatory pointer to nothing",
            Box::new(|i| {
                cbor_array(&mut i[4]).push(Cbor::Text("/credentialSubject/sails/9".into()))
            }),
            "field.invalid",
        ),
        (
            "a mandatory pointer with a bad escape",
            Box::new(|i| cbor_array(&mut i[4]).push(Cbor::Text("/credentialSubject/~2".into()))),
            "field.invalid",
        ),
        (
            "a mandatory pointer not starting with /",
            Box::new(|i| cbor_array(&mut i[4]).push(Cbor::Text("issuer".into()))),
            "field.invalid",
        ),
        (
            "the signature's A the identity",
            Box::new(|i| {
                let b = cbor_bytes(&mut i[0]);
                b[..48].fill(0);
                b[0] = 0xc0;
            }),
            "field.invalid",
        ),
        (
            "the signature's e zero",
            Box::new(|i| cbor_bytes(&mut i[0])[48..].fill(0)),
            "field.invalid",
        ),
        (
            "a 79-byte signature",
            Box::new(|i| {
                cbor_bytes(&mut i[0]).pop();
            }),
            "field.invalid",
        ),
        (
            "a 31-byte HMAC key",
            Box::new(|i| {
                cbor_bytes(&mut i[3]).pop();
            }),
            "field.invalid",
        ),
    ];
    for (name, edit, code) in edits {
        let d = edit_proof_value(&b0, |_, items| edit(items));
        let r = bbs_run(&d);
        assert_eq!(outcome_codes(&r), [code], "{name}: {r:?}");
    }
    // A non-mandatory statement changed in the base document.
    let d = edit(&b0, |d| d["credentialSubject"]["boards"][1]["year"] = json!(2018));
    assert_eq!(outcome_codes(&bbs_run(&d)), ["proof.invalid"]);
    // A mandatory one.
    let d = edit(&b0, |d| d["credentialSubject"]["sails"][2]["sailName"] = json!("Kihei"));
    assert_eq!(outcome_codes(&bbs_run(&d)), ["proof.invalid"]);
}

/// Held: each feature header (vc-di-bbs section 3.3.1/3.3.6: 0xd95d04..0xd95d09, anonymous
/// holder binding, pseudonym, both) is "could not check" naming the feature, never verified and
/// never "rejected" as if malformed; so are the W3C feature vectors, base and derived. In a proof
/// set beside a proof that verifies, the set is still "could not check".
#[test]
fn feature_headers_are_could_not_check_naming_the_feature() {
    for (byte, feature) in [
        (0x04, "anonymous_holder_binding"),
        (0x05, "anonymous_holder_binding"),
        (0x06, "pseudonym"),
        (0x07, "pseudonym"),
        (0x08, "holder_binding_pseudonym"),
        (0x09, "holder_binding_pseudonym"),
    ] {
        for doc in [bbs_derived(), bbs_base()] {
            let d = edit_proof_value(&doc, |h, _| h[2] = byte);
            let r = bbs_run(&d);
            assert_eq!(
                verdict(&r),
                ("unchecked".to_owned(), vec!["proof.not_checked".to_owned()]),
                "{byte:#x}"
            );
            assert!(r.unwrap_err().1[0].contains(feature), "{byte:#x}");
        }
    }
    for dir in ["HolderBinding", "Pseudonym", "PseudonymHB"] {
        for f in ["addSignedSDBase.json", "derivedRevealDocument.json"] {
            let doc = json_vector(&format!("{BBS}{dir}/{f}"));
            let r = bbs_run(&doc);
            // Their issuer is not their signer: `binding.issuer` beside.
            let (name, codes) = verdict(&r);
            assert_eq!(name, "rejected", "{dir}/{f}: {r:?}");
            assert_eq!(codes, ["proof.not_checked", "binding.issuer"], "{dir}/{f}: {r:?}");
        }
    }
    // A proof set: the W3C derived proof, and the same under the pseudonym header.
    let d0 = bbs_derived();
    let pseudonym = edit_proof_value(&d0, |h, _| h[2] = 0x07);
    let set = edit(&d0, |d| {
        d["proof"] = json!([d0["proof"].clone(), pseudonym["proof"].clone()]);
    });
    let r = bbs_run(&set);
    assert_eq!(verdict(&r), ("unchecked".to_owned(), vec!["proof.not_checked".to_owned()]));
    // The feature header does not excuse a key the suite cannot use.
    let d = edit(&pseudonym, |d| {
        d["proof"]["verificationMethod"] = json!(
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
        );
    });
    assert_eq!(outcome_codes(&bbs_run(&d)), ["key.alg_mismatch", "binding.issuer"]);
}

/// Held: a cryptosuite name in another case, with white space or a NUL, or another spelling is
/// an unknown suite (`proof.unsupported_type`, fail closed), not "could not check"; the other
/// selective-disclosure suite's name over a bbs-2023 proof is refused for its key.
#[test]
fn cryptosuite_variants_are_unknown_suites() {
    for doc in [bbs_derived(), bbs_base()] {
        for suite in [
            "BBS-2023",
            "Bbs-2023",
            "bbs-2023 ",
            " bbs-2023",
            "bbs-2023\u{0}",
            "bbs2023",
            "bbs-2023-x",
            "bbs-2024",
            "ｂbs-2023",
        ] {
            let d = edit(&doc, |d| d["proof"]["cryptosuite"] = json!(suite));
            let r = bbs_run(&d);
            assert_eq!(
                verdict(&r),
                ("rejected".to_owned(), vec!["proof.unsupported_type".to_owned()]),
                "{suite:?}"
            );
        }
        // The ecdsa-sd-2023 suite reads the key first: a BLS key is not its kind.
        let d = edit(&doc, |d| d["proof"]["cryptosuite"] = json!("ecdsa-sd-2023"));
        assert_eq!(outcome_codes(&bbs_run(&d)), ["key.alg_mismatch"]);
        let d = edit(&doc, |d| d["proof"]["cryptosuite"] = json!(["bbs-2023"]));
        let r = bbs_run(&d);
        assert_eq!(verdict(&r).0, "malformed", "{r:?}");
        let d = edit(&doc, |d| d["proof"]["type"] = json!("dataIntegrityProof"));
        assert_eq!(outcome_codes(&bbs_run(&d)), ["proof.unsupported_type"]);
    }
}

/// Held: the verification method of a bbs-2023 proof must be listed by its controller for
/// assertions, resolve to a BLS12-381 G2 key, and be the key that signed.
#[test]
fn bbs_verification_methods() {
    let d0 = bbs_derived();
    // Listed only for authentication.
    let mut dids = DidDocuments::new();
    dids.add_json(json!({"id": BBS_ISSUER, "authentication": [bbs_vm()]}).to_string().as_bytes())
        .unwrap();
    let p = bbs_policy().with_did_documents(dids);
    // (The did:key itself lists its key for assertions: the proof verifies, and the issuer is
    // not bound to it.)
    assert_eq!(outcome_codes(&run(&d0, &p)), ["binding.issuer"]);
    // The issuer not trusted.
    let p = Policy::at(at("2024-06-01T00:00:00Z"))
        .trust_embedded_context(
            json!({"@vocab": "https://windsurf.grotto-networking.com/selective#"}),
        )
        .allow_withheld("validUntil");
    // Without the issuer's DID document its control of the key cannot be checked.
    assert_eq!(outcome_codes(&run(&d0, &p)), ["proof.not_checked", "issuer.untrusted"]);
    // The method a P-256 key.
    let d = edit(&d0, |d| {
        d["proof"]["verificationMethod"] = json!(format!("{SIGNER}#{}", &SIGNER[8..]));
    });
    assert_eq!(outcome_codes(&bbs_run(&d)), ["key.alg_mismatch", "binding.issuer"]);
    // The method a BLS key with a bit flipped (not a point, or another one).
    let mut other = bs58::decode(&BBS_KEY[9..]).into_vec().unwrap();
    let n = other.len();
    other[n - 1] ^= 1;
    let other = format!("did:key:z{}", bs58::encode(other).into_string());
    let d = edit(&d0, |d| {
        d["proof"]["verificationMethod"] = json!(format!("{other}#{}", &other[8..]));
    });
    assert_eq!(outcome_codes(&bbs_run(&d)), ["key.invalid", "binding.issuer"]);
    // Another issuer's BLS12-381 G2 key (a BBS+ 2020 vector's), as a did:key listed by the
    // credential's issuer: the base proof carries the signer's key, the derived proof fails.
    let g2 = bs58::decode("21zmmuCJtzT8MucuXEeUsiP2YozxkzkexgVJso3TMh5aJtjUEjvP5cBBP2LVRHPhqeA2TQfyPj7M1MtYcm5phsGnE3q8jfaMWnyfreKiCAf6ZvhY74MZUahxycptcX3c3QPQ").into_vec().unwrap();
    assert_eq!(g2.len(), 96);
    let other =
        format!("did:key:z{}", bs58::encode([&[0xeb, 0x01][..], &g2].concat()).into_string());
    let other_vm = format!("{other}#{}", &other[8..]);
    let mut dids = DidDocuments::new();
    dids.add_json(json!({"id": BBS_ISSUER, "assertionMethod": [other_vm]}).to_string().as_bytes())
        .unwrap();
    let p = bbs_policy().with_did_documents(dids);
    for doc in [bbs_derived(), bbs_base()] {
        let d = edit(&doc, |d| d["proof"]["verificationMethod"] = json!(other_vm));
        assert_eq!(outcome_codes(&run(&d, &p)), ["proof.invalid"]);
    }
}

// ---------------------------------------------------------------------------------------------
// ecdsa-rdfc-2019 and ecdsa-jcs-2019, signed here with the W3C vc-di-ecdsa key pairs.

fn signed(suite: Suite, curve: Curve) -> Value {
    let issuer = if curve == Curve::P256 { SIGNER } else { SIGNER384 };
    Signing::new(suite, curve).sign(&credential(issuer), &ec_policy())
}

const SUITES: [(Suite, Curve); 4] = [
    (Suite::Rdfc, Curve::P256),
    (Suite::Rdfc, Curve::P384),
    (Suite::Jcs, Curve::P256),
    (Suite::Jcs, Curve::P384),
];

#[test]
fn ecdsa_baselines() {
    for (suite, curve) in SUITES {
        let r = run(&signed(suite, curve), &ec_policy());
        let claims = r.unwrap();
        assert_eq!(
            (&claims["given_name"], &claims["family_name"], &claims["birth_date"]),
            (&json!("JANE"), &json!("DOE"), &json!("1990-01-01")),
            "{suite:?} {curve:?}"
        );
    }
}

/// Held: ecdsa-jcs-2019 (vc-di-ecdsa section 3.3.2, steps 4.1-4.2): a proof `@context` must be a
/// prefix of the document's and is the `@context` the document is signed and read with. Any
/// other pairing is `proof.invalid`; contexts appended to the document after the proof's are
/// not signed and not read: the claims are those of the signed reading (terms the signed
/// contexts do not define are refused, `field.invalid`, even where an appended context would
/// define them).
#[test]
fn jcs_proof_context_rule() {
    let p = ec_policy();
    let doc = credential(SIGNER);
    let signed = Signing::new(Suite::Jcs, Curve::P256).sign(&doc, &p);
    let claims = run(&signed, &p).unwrap();
    assert_eq!(claims["given_name"], "JANE");
    let cases: Vec<(&str, Value)> = vec![
        (
            "proof @context removed",
            edit(&signed, |d| {
                d["proof"].as_object_mut().unwrap().remove("@context");
            }),
        ),
        (
            "proof @context reversed",
            edit(&signed, |d| d["proof"]["@context"].as_array_mut().unwrap().reverse()),
        ),
        (
            "proof @context its first entry only",
            edit(&signed, |d| d["proof"]["@context"] = json!([doc["@context"][0].clone()])),
        ),
        (
            "proof @context one entry longer than the document's",
            edit(&signed, |d| {
                d["proof"]["@context"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!("https://www.w3.org/ns/credentials/examples/v2"));
            }),
        ),
        (
            "document @context reversed",
            edit(&signed, |d| d["@context"].as_array_mut().unwrap().reverse()),
        ),
        (
            "document @context its first two entries",
            edit(&signed, |d| {
                d["@context"].as_array_mut().unwrap().pop();
            }),
        ),
        (
            "both @context one entry shorter",
            edit(&signed, |d| {
                d["@context"].as_array_mut().unwrap().pop();
                d["proof"]["@context"].as_array_mut().unwrap().pop();
            }),
        ),
        (
            "proof @context a string, the document's first",
            edit(&signed, |d| d["proof"]["@context"] = doc["@context"][0].clone()),
        ),
    ];
    for (name, d) in cases {
        assert_eq!(outcome_codes(&run(&d, &p)), ["proof.invalid"], "{name}");
    }
    // A context appended to the document after the signed ones: not signed, not read.
    let appended = edit(&signed, |d| {
        d["@context"]
            .as_array_mut()
            .unwrap()
            .push(json!("https://www.w3.org/ns/credentials/examples/v2"));
    });
    assert_eq!(run(&appended, &p).unwrap(), claims);
    // Signed under a proof @context without the citizenship context (its terms undefined), the
    // document then given that context after the signed ones: read as signed, refused.
    let short = json!([
        "https://www.w3.org/2018/credentials/v1",
        "https://w3id.org/security/data-integrity/v2"
    ]);
    let mut doc_short = doc.clone();
    doc_short["@context"] = short.clone();
    let s = Signing { proof_context: Some(short), ..Signing::new(Suite::Jcs, Curve::P256) };
    let signed_short = s.sign(&doc_short, &p);
    assert_eq!(outcome_codes(&run(&signed_short, &p)), ["field.invalid"]);
    let lengthened = edit(&signed_short, |d| {
        d["@context"].as_array_mut().unwrap().push(json!("https://w3id.org/citizenship/v1"));
    });
    assert_eq!(outcome_codes(&run(&lengthened, &p)), ["field.invalid"]);
}

/// Held: ecdsa-jcs-2019 signs the RFC 8785 form, in which every number is an IEEE double, and
/// the dataset is read from the JSON as received: a number written another way that JCS maps
/// to the same text is the same xsd:integer or xsd:double in the dataset (JSON-LD 1.1 section
/// 8.6), and an integer past 2^53 that JCS rounds (9007199254740993 sent, ...992 signed) is
/// refused: the JSON states a value the signed dataset does not (`ld.unsigned_member`).
#[test]
fn jcs_numbers() {
    let p = ec_policy();
    for (signed_value, sent, expected) in [
        (
            json!(9_007_199_254_740_992u64),
            json!(9_007_199_254_740_993u64),
            Some("ld.unsigned_member"),
        ),
        (json!(0), serde_json::from_str::<Value>("-0").unwrap(), None),
        (json!(0), json!(0.0), None),
        (json!(2023), json!(2023.0), None),
        (json!(1.5), serde_json::from_str::<Value>("1.50").unwrap(), None),
        (json!(1.5), json!(1.25), Some("proof.invalid")),
    ] {
        let mut doc = credential(SIGNER);
        doc["@context"]
            .as_array_mut()
            .unwrap()
            .push(json!("https://www.w3.org/ns/credentials/examples/v2"));
        doc["credentialSubject"]["accountNumber"] = signed_value.clone();
        let signed = Signing::new(Suite::Jcs, Curve::P256).sign(&doc, &p);
        let claims = run(&signed, &p).unwrap();
        let sent_doc = edit(&signed, |d| d["credentialSubject"]["accountNumber"] = sent.clone());
        let r = run(&sent_doc, &p);
        match expected {
            None => assert_eq!(r.unwrap(), claims, "{signed_value} / {sent}"),
            Some(code) => assert_eq!(outcome_codes(&r), [code], "{signed_value} / {sent}"),
        }
    }
}

/// A DID document `did` whose method `did#k` is `jwk`, listed for `purposes`.
fn jwk_policy(did: &str, jwk: Value, purposes: &[&str]) -> Policy {
    let vm = format!("{did}#k");
    let mut doc = json!({"id": did, "verificationMethod": [{"id": vm, "type": "JsonWebKey2020",
        "controller": did, "publicKeyJwk": jwk}]});
    for purpose in purposes {
        doc[*purpose] = json!([vm]);
    }
    let mut dids = DidDocuments::new();
    dids.add_json(doc.to_string().as_bytes()).unwrap();
    ec_policy().with_did_documents(dids).trust_issuer(TrustedIssuer::from_did_url(did, false))
}

/// Held: key and curve confusion. A proof's method relabelled to the other curve's key is
/// `proof.invalid` (the signature length is the curve's); a JWK method must be EC on the curve
/// its coordinates have, allow the curve's ECDSA through `alg`, `use` and `key_ops`, be a point
/// of the curve, carry no private member (`key.invalid`: the review observed a JWK with its
/// private `d` verify, fixed after it), and be listed for assertions. Observed, not changed: an
/// `x` of 33 bytes is `key.alg_mismatch` rather than `key.invalid`.
#[test]
fn ecdsa_keys_and_curves() {
    let p = ec_policy();
    for (suite, curve) in SUITES {
        let d = signed(suite, curve);
        let other = if curve == Curve::P256 { SIGNER384 } else { SIGNER };
        let relabelled = edit(&d, |d| {
            d["proof"]["verificationMethod"] = json!(vm_of(other));
            d["issuer"] = json!(other);
        });
        assert_eq!(outcome_codes(&run(&relabelled, &p)), ["proof.invalid"], "{suite:?} {curve:?}");
    }
    const DID: &str = "did:example:jwk";
    let doc = credential(DID);
    let am = vec!["assertionMethod"];
    let auth = vec!["authentication"];
    for (suite, curve) in SUITES {
        let s = Signing { vm: format!("{DID}#k"), ..Signing::new(suite, curve) };
        let jwk = jwk_of(curve);
        let (own_alg, other_alg, other_crv) = if curve == Curve::P256 {
            ("ES256", "ES384", "P-384")
        } else {
            ("ES384", "ES256", "P-256")
        };
        let flip_y = |j: &mut Value| {
            let mut y = URL_SAFE_NO_PAD.decode(j["y"].as_str().unwrap()).unwrap();
            let n = y.len();
            y[n - 1] ^= 1;
            j["y"] = json!(URL_SAFE_NO_PAD.encode(y));
        };
        let pad_x = |j: &mut Value| {
            let x = URL_SAFE_NO_PAD.decode(j["x"].as_str().unwrap()).unwrap();
            j["x"] = json!(URL_SAFE_NO_PAD.encode([&[0u8][..], &x].concat()));
        };
        let cases: Vec<(&str, Value, &Vec<&str>, Option<&str>)> = vec![
            ("the JWK", jwk.clone(), &am, None),
            ("the JWK with its own alg", edit(&jwk, |j| j["alg"] = json!(own_alg)), &am, None),
            (
                "the JWK with key_ops [verify]",
                edit(&jwk, |j| j["key_ops"] = json!(["verify"])),
                &am,
                None,
            ),
            // A published private key (fixed after the review: DID Core section 5.2.1).
            (
                "the JWK with a private d",
                edit(&jwk, |j| j["d"] = json!(URL_SAFE_NO_PAD.encode([7u8; 32]))),
                &am,
                Some("key.invalid"),
            ),
            ("the JWK listed for authentication only", jwk.clone(), &auth, Some("proof.purpose")),
            (
                "the other curve's alg",
                edit(&jwk, |j| j["alg"] = json!(other_alg)),
                &am,
                Some("key.alg_mismatch"),
            ),
            ("alg EdDSA", edit(&jwk, |j| j["alg"] = json!("EdDSA")), &am, Some("key.alg_mismatch")),
            (
                "the other crv",
                edit(&jwk, |j| j["crv"] = json!(other_crv)),
                &am,
                Some("key.alg_mismatch"),
            ),
            (
                "crv secp256k1",
                edit(&jwk, |j| j["crv"] = json!("secp256k1")),
                &am,
                Some("key.alg_mismatch"),
            ),
            ("kty OKP", edit(&jwk, |j| j["kty"] = json!("OKP")), &am, Some("key.alg_mismatch")),
            (
                "no y",
                edit(&jwk, |j| {
                    j.as_object_mut().unwrap().remove("y");
                }),
                &am,
                Some("key.alg_mismatch"),
            ),
            ("x with a leading zero byte", edit(&jwk, pad_x), &am, Some("key.alg_mismatch")),
            ("use enc", edit(&jwk, |j| j["use"] = json!("enc")), &am, Some("key.unusable")),
            (
                "key_ops [encrypt]",
                edit(&jwk, |j| j["key_ops"] = json!(["encrypt"])),
                &am,
                Some("key.unusable"),
            ),
            ("y flipped (off the curve)", edit(&jwk, flip_y), &am, Some("key.invalid")),
        ];
        for (name, jwk, purposes, code) in cases {
            let policy = jwk_policy(DID, jwk, purposes);
            let r = run(&s.sign(&doc, &policy), &policy);
            match code {
                None => assert_eq!(r.unwrap()["given_name"], "JANE", "{suite:?} {curve:?}: {name}"),
                Some(code) => assert_eq!(outcome_codes(&r), [code], "{suite:?} {curve:?}: {name}"),
            }
        }
    }
}

/// `n - s` for an ECDSA signature `r || s` on `curve`.
fn high_s(curve: Curve, sig: &[u8]) -> Vec<u8> {
    let half = sig.len() / 2;
    let s_neg = match curve {
        Curve::P256 => {
            use p256::elliptic_curve::PrimeField;
            let s = p256::Scalar::from_repr({
                let mut b = p256::FieldBytes::default();
                b.copy_from_slice(&sig[half..]);
                b
            })
            .unwrap();
            (-s).to_repr().to_vec()
        }
        Curve::P384 => {
            use p384::elliptic_curve::PrimeField;
            let s = p384::Scalar::from_repr({
                let mut b = p384::FieldBytes::default();
                b.copy_from_slice(&sig[half..]);
                b
            })
            .unwrap();
            (-s).to_repr().to_vec()
        }
    };
    [&sig[..half], &s_neg[..]].concat()
}

/// Observed, documented (`src/ld/ecdsa.rs`): the other `s` of a signature verifies (vc-di-ecdsa
/// asks for no low-S form), with the same claims: the proof value is malleable, the signed
/// statements are not. A signature of `r || 0` or `0 || s`, with `r` replaced by `n`, or DER
/// encoded is `proof.invalid`; one in base64url multibase, or base58 without its `z`, is
/// `field.invalid`.
#[test]
fn ecdsa_signature_forms() {
    let p = ec_policy();
    for (suite, curve) in SUITES {
        let d = signed(suite, curve);
        let claims = run(&d, &p).unwrap();
        let sig =
            bs58::decode(&d["proof"]["proofValue"].as_str().unwrap()[1..]).into_vec().unwrap();
        let with_sig = |sig: &[u8]| {
            edit(&d, |d| {
                d["proof"]["proofValue"] = json!(format!("z{}", bs58::encode(sig).into_string()))
            })
        };
        assert_eq!(
            run(&with_sig(&high_s(curve, &sig)), &p).unwrap(),
            claims,
            "{suite:?} {curve:?}"
        );
        let half = sig.len() / 2;
        let zero_s = [&sig[..half], &vec![0u8; half][..]].concat();
        let zero_r = [&vec![0u8; half][..], &sig[half..]].concat();
        let order = match curve {
            Curve::P256 => hex::decode("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551").unwrap(),
            Curve::P384 => hex::decode("ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973").unwrap(),
        };
        let r_n = [&order[..], &sig[half..]].concat();
        let der = {
            // The signature DER-encoded (ASN.1 SEQUENCE of two INTEGERs), not r || s.
            let int = |b: &[u8]| {
                let mut v = b.to_vec();
                while v.len() > 1 && v[0] == 0 {
                    v.remove(0);
                }
                if v[0] & 0x80 != 0 {
                    v.insert(0, 0);
                }
                [vec![0x02, u8::try_from(v.len()).unwrap()], v].concat()
            };
            let body = [int(&sig[..half]), int(&sig[half..])].concat();
            [vec![0x30, u8::try_from(body.len()).unwrap()], body].concat()
        };
        for (name, bad) in [("s = 0", zero_s), ("r = 0", zero_r), ("r = n", r_n), ("DER", der)] {
            assert_eq!(
                outcome_codes(&run(&with_sig(&bad), &p)),
                ["proof.invalid"],
                "{suite:?} {curve:?}: {name}"
            );
        }
        // The signature in base64url multibase, and base58 without its prefix.
        let u = edit(&d, |d| {
            d["proof"]["proofValue"] = json!(format!("u{}", URL_SAFE_NO_PAD.encode(&sig)))
        });
        assert_eq!(outcome_codes(&run(&u, &p)), ["field.invalid"], "{suite:?} {curve:?}");
        // (The signatures are random: one whose base58 text happens to start with `z` reads as a
        // multibase value of the rest, a signature one byte short or wrong: refused either way.)
        let text = bs58::encode(&sig).into_string();
        let starts_like_multibase = text.starts_with('z');
        let bare = edit(&d, |d| d["proof"]["proofValue"] = json!(text));
        let codes = outcome_codes(&run(&bare, &p));
        if starts_like_multibase {
            assert!(
                codes == ["field.invalid"] || codes == ["proof.invalid"],
                "{suite:?} {curve:?}: {codes:?}"
            );
        } else {
            assert_eq!(codes, ["field.invalid"], "{suite:?} {curve:?}");
        }
    }
}

/// Held: the signed proof options are judged. A `created` in the future (past the leeway) is
/// `time.future`, a passed `expires` `time.expired`, a malformed one `field.invalid`; a signed
/// purpose other than `assertionMethod` is `proof.purpose`, whatever the JSON says; a signed
/// challenge or domain nobody asked for is refused; a cryptosuite name in another case or with
/// a space, even signed so, is an unknown suite; the other suite of the family, or another
/// family, over the proof is refused.
#[test]
fn ecdsa_proof_options() {
    let p = ec_policy();
    for (suite, curve) in SUITES {
        let issuer = if curve == Curve::P256 { SIGNER } else { SIGNER384 };
        let doc = credential(issuer);
        let with = |name: &'static str, value: Value| Signing::new(suite, curve).with(name, value);
        let signed_cases: Vec<(&str, Signing, &[&str])> = vec![
            ("created in 2099", with("created", json!("2099-01-01T00:00:00Z")), &["time.future"]),
            (
                "created 2 minutes ahead",
                with("created", json!("2025-01-01T00:02:00Z")),
                &["time.future"],
            ),
            ("expires passed", with("expires", json!("2024-06-01T00:00:00Z")), &["time.expired"]),
            (
                "expires before created",
                with("expires", json!("2023-06-01T00:00:00Z")),
                &["time.expired"],
            ),
            ("created not a date", with("created", json!("yesterday")), &["field.invalid"]),
            (
                "created a date without a time",
                with("created", json!("2024-01-01")),
                &["field.invalid"],
            ),
            (
                "purpose authentication",
                with("proofPurpose", json!("authentication")),
                &["proof.purpose"],
            ),
            (
                "purpose capabilityInvocation",
                with("proofPurpose", json!("capabilityInvocation")),
                &["proof.purpose"],
            ),
            (
                "purpose as an IRI",
                with("proofPurpose", json!("https://w3id.org/security#assertionMethod")),
                &["proof.purpose"],
            ),
            ("a challenge", with("challenge", json!("abc")), &["proof.challenge"]),
            ("a domain", with("domain", json!("example.org")), &["proof.domain"]),
            (
                "the cryptosuite in upper case",
                with("cryptosuite", json!(suite.name().to_uppercase())),
                &["proof.unsupported_type"],
            ),
            (
                "the cryptosuite with a trailing space",
                with("cryptosuite", json!(format!("{} ", suite.name()))),
                &["proof.unsupported_type"],
            ),
            ("no created", with("created", Value::Null), &[]),
            ("a proof id", with("id", json!("urn:uuid:1")), &[]),
            ("expires ahead", with("expires", json!("2026-01-01T00:00:00Z")), &[]),
        ];
        for (name, s, codes) in signed_cases {
            let r = run(&s.sign(&doc, &p), &p);
            assert_eq!(outcome_codes(&r), codes, "{suite:?} {curve:?}: signed {name}: {r:?}");
        }
        let created_twice = edit(&signed(suite, curve), |d| {
            d["proof"]["created"] = json!(["2024-01-01T00:00:00Z", "2099-01-01T00:00:00Z"]);
        });
        assert_eq!(
            verdict(&run(&created_twice, &p)),
            ("malformed".to_owned(), vec!["field.invalid".to_owned()])
        );
        let d = signed(suite, curve);
        let other = if suite == Suite::Jcs { "ecdsa-rdfc-2019" } else { "ecdsa-jcs-2019" };
        let sent_cases: Vec<(&str, Value, &str)> = vec![
            (
                "purpose authentication",
                edit(&d, |d| d["proof"]["proofPurpose"] = json!("authentication")),
                "proof.purpose",
            ),
            (
                "the cryptosuite in upper case",
                edit(&d, |d| d["proof"]["cryptosuite"] = json!(suite.name().to_uppercase())),
                "proof.unsupported_type",
            ),
            (
                "no cryptosuite",
                edit(&d, |d| {
                    d["proof"].as_object_mut().unwrap().remove("cryptosuite");
                }),
                "proof.unsupported_type",
            ),
            (
                "the other suite",
                edit(&d, |d| d["proof"]["cryptosuite"] = json!(other)),
                "proof.invalid",
            ),
            (
                "eddsa-rdfc-2022",
                edit(&d, |d| d["proof"]["cryptosuite"] = json!("eddsa-rdfc-2022")),
                "key.alg_mismatch",
            ),
            (
                "type Ed25519Signature2020",
                edit(&d, |d| d["proof"]["type"] = json!("Ed25519Signature2020")),
                "field.invalid",
            ),
            (
                "the method without its fragment",
                edit(&d, |d| d["proof"]["verificationMethod"] = json!(issuer)),
                "proof.invalid",
            ),
        ];
        for (name, d, code) in sent_cases {
            assert_eq!(outcome_codes(&run(&d, &p)), [code], "{suite:?} {curve:?}: sent {name}");
        }
        // The same proof twice: a set of two valid proofs.
        let twice = edit(&d, |d| d["proof"] = json!([d["proof"].clone(), d["proof"].clone()]));
        assert!(run(&twice, &p).is_ok());
    }
}

/// A policy with `docs` as DID documents, trusting `did:example:a`.
fn a_policy(docs: &[Value]) -> Policy {
    let mut dids = DidDocuments::new();
    for d in docs {
        dids.add_json(d.to_string().as_bytes()).unwrap();
    }
    Policy::at(at("2025-01-01T00:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::from_did_url(DID_A, false))
}

/// Held: the method must be the issuer's, or one its DID document lists for assertions; a
/// method its controller's document does not list for assertions is `proof.purpose`; a DID
/// document cannot define another DID's method, nor a method document name a controller other
/// than its DID (`field.invalid` when added). A relative reference (`#k`) is resolved against the
/// document's DID (the review observed it was not: `proof.purpose`; changed after it).
/// Observed, not changed: a method document with no controller document supplied is accepted on
/// its own (README: the caller vouches for the key it supplies).
#[test]
fn verification_methods_and_controllers() {
    let a_k = format!("{DID_A}#k");
    let b_k = format!("{DID_B}#k");
    let signer_vm = vm_of(SIGNER);
    let a_doc = |controller: &str, relationship: &str, listed: Value| {
        json!({"id": DID_A, "verificationMethod": [jwk_method(&a_k, Some(controller), Curve::P256)],
            relationship: listed})
    };
    let cases: Vec<(&str, Vec<Value>, &str, &[&str])> = vec![
        ("a's own method, listed", vec![a_doc(DID_A, "assertionMethod", json!([a_k]))], &a_k, &[]),
        (
            "a's own method listed for authentication only",
            vec![a_doc(DID_A, "authentication", json!([a_k]))],
            &a_k,
            &["proof.purpose"],
        ),
        // Relative DID URLs (DID Core section 3.2.2), resolved against the document's DID
        // since the review (which observed `proof.purpose` here).
        (
            "a's own method, listed by a relative reference",
            vec![a_doc(DID_A, "assertionMethod", json!(["#k"]))],
            &a_k,
            &[],
        ),
        (
            "a's own method, defined and listed by relative references",
            vec![json!({"id": DID_A,
                "verificationMethod": [jwk_method("#k", Some(DID_A), Curve::P256)],
                "assertionMethod": ["#k"]})],
            &a_k,
            &[],
        ),
        (
            "a's own method under a relative id, listed for authentication only",
            vec![json!({"id": DID_A,
                "verificationMethod": [jwk_method("#k", Some(DID_A), Curve::P256)],
                "authentication": ["#k"]})],
            &a_k,
            &["proof.purpose"],
        ),
        (
            "a's method embedded under assertionMethod",
            vec![
                json!({"id": DID_A, "assertionMethod": [jwk_method(&a_k, Some(DID_A), Curve::P256)]}),
            ],
            &a_k,
            &[],
        ),
        (
            // Controlled Identifiers 1.0 section 3.3, step 10: a method's controller must be the
            // document it is retrieved from (finding 1's fix; verified before it).
            "a's method with controller b, listed by a for assertions",
            vec![a_doc(DID_B, "assertionMethod", json!([a_k]))],
            &a_k,
            &["proof.purpose"],
        ),
        (
            "a's method with controller b; b's document lists nothing",
            vec![
                a_doc(DID_B, "assertionMethod", json!([a_k])),
                json!({"id": DID_B, "assertionMethod": []}),
            ],
            &a_k,
            &["proof.purpose"],
        ),
        (
            "a's document lists b's method (b's method document)",
            vec![
                json!({"id": DID_A, "assertionMethod": [b_k]}),
                jwk_method(&b_k, Some(DID_B), Curve::P256),
            ],
            &b_k,
            &[],
        ),
        (
            "b's method, a's document listing only a's",
            vec![
                a_doc(DID_A, "assertionMethod", json!([a_k])),
                jwk_method(&b_k, Some(DID_B), Curve::P256),
            ],
            &b_k,
            &["binding.issuer"],
        ),
        (
            "a method document for a#k2 that a's document does not list",
            vec![
                a_doc(DID_A, "assertionMethod", json!([a_k])),
                jwk_method(&format!("{DID_A}#k2"), Some(DID_A), Curve::P256),
            ],
            "did:example:a#k2",
            &["proof.purpose"],
        ),
        (
            "a method document for a#k2, no controller document",
            vec![jwk_method(&format!("{DID_A}#k2"), None, Curve::P256)],
            "did:example:a#k2",
            &[],
        ),
        (
            "the signer's own did:key, a's document supplied",
            vec![a_doc(DID_A, "assertionMethod", json!([a_k]))],
            &signer_vm,
            &["binding.issuer"],
        ),
    ];
    for (name, docs, vm, codes) in cases {
        let p = a_policy(&docs);
        for r in a_outcomes(vm, &p) {
            assert_eq!(outcome_codes(&r), codes, "{name}: {r:?}");
        }
    }
    let mut dids = DidDocuments::new();
    let e = dids.add_json(
        jwk_method(&format!("{DID_A}#k2"), Some(DID_B), Curve::P256).to_string().as_bytes(),
    );
    assert_eq!(e.unwrap_err().code(), "field.invalid");
    let e = dids.add_json(
        json!({"id": DID_A, "verificationMethod": [jwk_method(&b_k, Some(DID_A), Curve::P256)],
            "assertionMethod": [b_k]})
        .to_string()
        .as_bytes(),
    );
    assert_eq!(e.unwrap_err().code(), "field.invalid");
}

/// Finding 1 (fixed): a method a DID document defines, with a `controller` member naming another
/// DID, escaped the purpose check: `resolve` checked the relationship in the document of the
/// method's stated controller, and only when that document was supplied, and the issuer binding
/// passed on the DID prefix alone. So `did:example:a`'s own document, which lists
/// `did:example:a#k` (controller `did:example:b`) for `authentication` only, or for nothing, let
/// that key issue credentials as `did:example:a`: verified, with the claims. Likewise, when
/// `did:example:b`'s document was supplied and listed `did:example:a#k` for assertions,
/// `did:example:a`'s document (which does not) was never consulted. Now each is `proof.purpose`.
#[test]
fn finding_1_a_stated_controller_escapes_the_purpose_check() {
    let a_k = format!("{DID_A}#k");
    let a_doc = |controller: &str, relationship: &str| {
        json!({"id": DID_A, "verificationMethod": [jwk_method(&a_k, Some(controller), Curve::P256)],
            relationship: [a_k]})
    };
    // The control: controller a, authentication only: refused.
    for r in a_outcomes(&a_k, &a_policy(&[a_doc(DID_A, "authentication")])) {
        assert_eq!(outcome_codes(&r), ["proof.purpose"]);
    }
    let mut wrong = Vec::new();
    for (name, docs) in [
        ("controller b, listed by a for authentication only", vec![a_doc(DID_B, "authentication")]),
        ("controller b, listed by a for keyAgreement only", vec![a_doc(DID_B, "keyAgreement")]),
        (
            "controller b, listed by b (not by a) for assertions",
            vec![a_doc(DID_B, "authentication"), json!({"id": DID_B, "assertionMethod": [a_k]})],
        ),
    ] {
        for r in a_outcomes(&a_k, &a_policy(&docs)) {
            // Before the fix: Ok({"given_name": "JANE", ...}) under both suites.
            if outcome_codes(&r) != ["proof.purpose"] {
                wrong.push(format!("{name}: {r:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Finding 2 (fixed): `previousProof` (VC Data Integrity, proof chains) was not read at all. A
/// proof naming a previous proof that the document does not carry verified, and so did one that
/// names a proof of the set but was signed over the document alone (a conforming verifier hashes
/// the document with the previous proof, and its signature fails); a genuine chain, signed as
/// the specification says, was `proof.invalid`. Proof chains are a published construct vpcheck
/// does not support: each is now `proof.not_checked`, never verified (and never "invalid" for a
/// valid chain). No claim was forged: every proof was by a trusted signer over the statements
/// read.
#[test]
fn finding_2_previous_proof_is_ignored() {
    let p = ec_policy();
    let doc = credential(SIGNER);
    let a = Signing::new(Suite::Rdfc, Curve::P256)
        .with("id", json!("urn:uuid:proof-a"))
        .proof(&doc, &p);
    let naming_a =
        || Signing::new(Suite::Jcs, Curve::P256).with("previousProof", json!("urn:uuid:proof-a"));
    let genuine = Signing { previous: Some(a.clone()), ..naming_a() }.proof(&doc, &p);
    let over_document = naming_a().proof(&doc, &p);
    let mut wrong = Vec::new();
    for (name, proof) in [
        // Before the fix: rejected, proof.invalid on proof[1].
        ("a genuine chain", json!([a.clone(), genuine])),
        // Before the fix: verified.
        ("B naming A, signed over the document alone", json!([a.clone(), over_document.clone()])),
        // Before the fix: verified.
        ("B naming A, A absent", over_document.clone()),
    ] {
        let d = edit(&doc, |d| d["proof"] = proof);
        let r = run(&d, &p);
        if verdict(&r) != ("unchecked".to_owned(), vec!["proof.not_checked".to_owned()]) {
            wrong.push(format!("{name}: {r:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // The link under another name: a trusted context's term for `sec:previousProof`, which the
    // JSON does not spell `previousProof`, read from the options the proof signs.
    let alias = json!({"prev": {"@id": "https://w3id.org/security#previousProof", "@type": "@id"}});
    let p = ec_policy().trust_embedded_context(alias.clone());
    let doc = edit(&doc, |d| d["@context"].as_array_mut().unwrap().push(alias));
    for suite in [Suite::Rdfc, Suite::Jcs] {
        let named =
            Signing::new(suite, Curve::P256).with("prev", json!("urn:uuid:proof-a")).sign(&doc, &p);
        let r = run(&named, &p);
        assert_eq!(
            verdict(&r),
            ("unchecked".to_owned(), vec!["proof.not_checked".to_owned()]),
            "{suite:?}: {r:?}"
        );
        // The control: the same credential, its proof naming no predecessor, verifies.
        assert!(run(&Signing::new(suite, Curve::P256).sign(&doc, &p), &p).is_ok(), "{suite:?}");
    }
}

/// Held: JSON rewritings of an ecdsa-rdfc-2019 credential. What changes the dataset is
/// `proof.invalid`; what would make the JSON read otherwise than the dataset is refused by the
/// surface check; what states the same dataset verifies with the same claims.
#[test]
fn rdfc_json_rewrites() {
    let p = ec_policy();
    for curve in [Curve::P256, Curve::P384] {
        let d = signed(Suite::Rdfc, curve);
        let claims = run(&d, &p).unwrap();
        let refused: Vec<(&str, Value, &str)> = vec![
            (
                "names swapped by a nested context",
                edit(&d, |d| {
                    let s = &mut d["credentialSubject"];
                    s["@context"] = json!({"givenName": "http://schema.org/familyName",
                        "familyName": "http://schema.org/givenName"});
                    s["givenName"] = json!("DOE");
                    s["familyName"] = json!("JANE");
                }),
                "ld.context_untrusted",
            ),
            (
                "a value object",
                edit(&d, |d| d["credentialSubject"]["givenName"] = json!({"@value": "JANE"})),
                "ld.keyword",
            ),
            (
                "a member added",
                edit(&d, |d| d["credentialSubject"]["gender"] = json!("Female")),
                "proof.invalid",
            ),
            (
                "a name changed",
                edit(&d, |d| d["credentialSubject"]["givenName"] = json!("JOHN")),
                "proof.invalid",
            ),
            (
                "the subject id changed",
                edit(&d, |d| d["credentialSubject"]["id"] = json!("did:example:other")),
                "proof.invalid",
            ),
            (
                "a null member",
                edit(&d, |d| d["credentialSubject"]["middleName"] = Value::Null),
                "ld.empty_value",
            ),
        ];
        for (name, doc, code) in refused {
            let r = run(&doc, &p);
            assert_eq!(outcome_codes(&r), [code], "{curve:?}: {name}: {r:?}");
        }
        for (name, doc) in [
            (
                "a name repeated in an array",
                edit(&d, |d| d["credentialSubject"]["givenName"] = json!(["JANE", "JANE"])),
            ),
            (
                "the members in another order",
                edit(&d, |d| {
                    let s = d["credentialSubject"].as_object().unwrap().clone();
                    let reversed: serde_json::Map<String, Value> = s.into_iter().rev().collect();
                    d["credentialSubject"] = Value::Object(reversed);
                }),
            ),
        ] {
            assert_eq!(run(&doc, &p).unwrap(), claims, "{curve:?}: {name}");
        }
    }
}

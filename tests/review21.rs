//! Adversarial review 21: the ecdsa-sd-2023 reference credential issued and derived by Digital
//! Bazaar's libraries (`test-vectors/ld/ecdsa-sd-2023-reference/`), attacked through the public
//! API. Every edit below starts from an honestly issued `derived.json` or `base.json`; those that
//! change a signed statement, or how the JSON reads one, are refused with a specific code
//! (`edits_of_the_reference_credential_are_refused`), and those that leave the signed dataset as
//! it was verify with the untouched credential's claims (`claims_are_the_signed_statements`).
//! No edit here came out verified with other claims.
//!
//! The P-384 backend's review (aws-lc-rs beside ring: key and signature encodings, the points
//! vpcheck builds) is in `src/jose/backend.rs`, `tests::review21`; finding 1 there (aws-lc-rs
//! also verified under a compressed, hybrid or SubjectPublicKeyInfo key, which no path of
//! vpcheck builds) is fixed: the ES384 backend takes `04 || x || y` only.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "support/proof_value.rs"]
mod proof_value;
mod support;

use ciborium::Value as Cbor;
use proof_value::edit_proof_value;
use serde_json::{json, Value};
use support::{at, json_vector, outcome_codes, vector, verify_outcome};
use vpcheck::{Policy, TrustedIssuer};

const DIR: &str = "ld/ecdsa-sd-2023-reference/";
const ISSUER: &str = "did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP";

fn context() -> Value {
    json_vector(&format!("{DIR}schema-org-terms-context.json"))
}

/// The policy of the vectors' `expected.json` entries.
fn policy() -> Policy {
    Policy::at(at("2026-12-01T00:00:00Z"))
        .trust_issuer(TrustedIssuer::from_did_url(ISSUER, false))
        .trust_embedded_context(context())
}

fn derived() -> Value {
    json_vector(&format!("{DIR}derived.json"))
}

fn base() -> Value {
    json_vector(&format!("{DIR}base.json"))
}

fn run(doc: &Value) -> Result<Value, (String, Vec<String>)> {
    verify_outcome(&doc.to_string(), &policy())
}

fn edit(doc: &Value, f: impl FnOnce(&mut Value)) -> Value {
    let mut d = doc.clone();
    f(&mut d);
    d
}

/// A nested (node-level) embedded context, which keeps the signed dataset as it is while the JSON
/// names change: `name` and `birthDate` swapped, so the JSON reads a date as the name.
fn swapped_names(d: &Value) -> Value {
    edit(d, |d| {
        let s = d["credentialSubject"].as_object_mut().unwrap();
        let name = s.remove("name").unwrap();
        let birth = s.remove("birthDate").unwrap();
        s.insert(
            "@context".into(),
            json!({"name": "https://schema.org/birthDate", "birthDate": "https://schema.org/name"}),
        );
        s.insert("name".into(), birth);
        s.insert("birthDate".into(), name);
    })
}

/// The attacks on `derived.json`: name, edited document.
fn derived_attacks() -> Vec<(&'static str, Value)> {
    let d = derived();
    let b = base();
    let ctx = context();
    let mut v: Vec<(&'static str, Value)> = vec![
        // @context
        (
            "context: name and birthDate swapped in the embedded context",
            edit(&d, |d| {
                d["@context"][1]["birthDate"] = json!("https://schema.org/name");
                d["@context"][1]["name"] = json!("https://schema.org/birthDate");
            }),
        ),
        (
            "context: a second context remaps name",
            edit(&d, |d| {
                d["@context"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"name": "https://schema.org/birthDate"}));
            }),
        ),
        (
            "context: a second context remaps birthDate",
            edit(&d, |d| {
                d["@context"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"birthDate": "https://schema.org/deathDate"}));
            }),
        ),
        ("context: nested context swaps the JSON names, dataset unchanged", swapped_names(&d)),
        (
            "context: nested context renames birthDate to dob, dataset unchanged",
            edit(&d, |d| {
                let s = d["credentialSubject"].as_object_mut().unwrap();
                let birth = s.remove("birthDate").unwrap();
                s.insert("@context".into(), json!({"dob": "https://schema.org/birthDate"}));
                s.insert("dob".into(), birth);
            }),
        ),
        (
            "context: the trusted context nested in the subject too",
            edit(&d, |d| {
                d["credentialSubject"]["@context"] = ctx.clone();
            }),
        ),
        (
            "context: embedded context protected",
            edit(&d, |d| {
                d["@context"][1]["@protected"] = json!(true);
            }),
        ),
        (
            "context: the examples v2 context (with @vocab) added",
            edit(&d, |d| {
                d["@context"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!("https://www.w3.org/ns/credentials/examples/v2"));
            }),
        ),
        (
            "context: the examples v2 context, birthDate renamed dob (examples#dob)",
            edit(&d, |d| {
                d["@context"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!("https://www.w3.org/ns/credentials/examples/v2"));
                let s = d["credentialSubject"].as_object_mut().unwrap();
                let birth = s.remove("birthDate").unwrap();
                s.insert("dob".into(), birth);
            }),
        ),
        (
            "context: null reset after the embedded context",
            edit(&d, |d| {
                d["@context"].as_array_mut().unwrap().push(Value::Null);
            }),
        ),
        (
            "context: v2 dropped",
            edit(&d, |d| {
                d["@context"].as_array_mut().unwrap().remove(0);
            }),
        ),
        (
            "context: embedded context before v2",
            edit(&d, |d| {
                d["@context"].as_array_mut().unwrap().swap(0, 1);
            }),
        ),
        (
            "context: name spelled as its IRI",
            edit(&d, |d| {
                let s = d["credentialSubject"].as_object_mut().unwrap();
                let name = s.remove("name").unwrap();
                s.insert("https://schema.org/name".into(), name);
            }),
        ),
        (
            "context: birthDate as a typed xsd:date value",
            edit(&d, |d| {
                d["credentialSubject"]["birthDate"] = json!({"@value": "1984-08-12", "@type": "http://www.w3.org/2001/XMLSchema#date"});
            }),
        ),
        (
            "context: name with a language",
            edit(&d, |d| {
                d["credentialSubject"]["name"] =
                    json!({"@value": "Erika Mustermann", "@language": "de"});
            }),
        ),
        // statements
        (
            "statements: name given twice (same value)",
            edit(&d, |d| {
                d["credentialSubject"]["name"] = json!(["Erika Mustermann", "Erika Mustermann"]);
            }),
        ),
        (
            "statements: a second name",
            edit(&d, |d| {
                d["credentialSubject"]["name"] = json!(["Erika Mustermann", "Max Mustermann"]);
            }),
        ),
        (
            "statements: signatures reordered",
            edit_proof_value(&d, |_, items| {
                let Cbor::Array(sigs) = &mut items[2] else { panic!() };
                sigs.swap(0, 1);
            }),
        ),
        (
            "statements: a signature duplicated",
            edit_proof_value(&d, |_, items| {
                let Cbor::Array(sigs) = &mut items[2] else { panic!() };
                let first = sigs[0].clone();
                sigs.push(first);
            }),
        ),
        (
            "statements: mandatory indexes reversed",
            edit_proof_value(&d, |_, items| {
                let Cbor::Array(ix) = &mut items[4] else { panic!() };
                ix.reverse();
            }),
        ),
        (
            "statements: a mandatory index duplicated",
            edit_proof_value(&d, |_, items| {
                let Cbor::Array(ix) = &mut items[4] else { panic!() };
                let first = ix[0].clone();
                ix.push(first);
            }),
        ),
        (
            "statements: the blank node's HMAC label changed",
            edit_proof_value(&d, |_, items| {
                let Cbor::Map(m) = &mut items[3] else { panic!() };
                let Cbor::Bytes(label) = &mut m[0].1 else { panic!() };
                label[0] ^= 1;
            }),
        ),
        (
            "statements: a label for a blank node the document lacks",
            edit_proof_value(&d, |_, items| {
                let Cbor::Map(m) = &mut items[3] else { panic!() };
                let second = (Cbor::Integer(1.into()), m[0].1.clone());
                m.push(second);
            }),
        ),
        (
            "statements: a fresh label for a blank node the document lacks",
            edit_proof_value(&d, |_, items| {
                let Cbor::Map(m) = &mut items[3] else { panic!() };
                m.push((Cbor::Integer(1.into()), Cbor::Bytes(vec![9; 32])));
            }),
        ),
        (
            "statements: label map emptied",
            edit_proof_value(&d, |_, items| {
                items[3] = Cbor::Map(vec![]);
            }),
        ),
        ("proofValue: derived header made base", edit_proof_value(&d, |h, _| h[2] = 0)),
        // withheld members
        (
            "withheld: givenName disclosed with a value",
            edit(&d, |d| {
                d["credentialSubject"]["givenName"] = json!("Max");
            }),
        ),
        (
            "withheld: nationality disclosed with a value",
            edit(&d, |d| {
                d["credentialSubject"]["nationality"] = json!("FR");
            }),
        ),
        (
            "withheld: street address disclosed with a value",
            edit(&d, |d| {
                d["credentialSubject"]["address"]["streetAddress"] = json!("Heidestrasse 17");
            }),
        ),
        (
            "withheld: a second subject",
            edit(&d, |d| {
                let s = d["credentialSubject"].clone();
                d["credentialSubject"] =
                    json!([s, {"id": "did:example:other", "name": "Max Mustermann"}]);
            }),
        ),
        // proof
        (
            "proof: cryptosuite ecdsa-rdfc-2019",
            edit(&d, |d| d["proof"]["cryptosuite"] = json!("ecdsa-rdfc-2019")),
        ),
        (
            "proof: cryptosuite ecdsa-jcs-2019",
            edit(&d, |d| d["proof"]["cryptosuite"] = json!("ecdsa-jcs-2019")),
        ),
        (
            "proof: cryptosuite bbs-2023",
            edit(&d, |d| d["proof"]["cryptosuite"] = json!("bbs-2023")),
        ),
        (
            "proof: cryptosuite unknown",
            edit(&d, |d| d["proof"]["cryptosuite"] = json!("ecdsa-sd-2024")),
        ),
        (
            "proof: the same proof twice",
            edit(&d, |d| {
                let p = d["proof"].clone();
                d["proof"] = json!([p.clone(), p]);
            }),
        ),
        (
            "proof: the base proof beside it",
            edit(&d, |d| {
                let p = d["proof"].clone();
                d["proof"] = json!([p, b["proof"].clone()]);
            }),
        ),
        ("proof: the base proof instead", edit(&d, |d| d["proof"] = b["proof"].clone())),
        (
            "proof: a second proof of another suite, junk",
            edit(&d, |d| {
                let p = d["proof"].clone();
                let mut q = p.clone();
                q["cryptosuite"] = json!("ecdsa-rdfc-2019");
                q["proofValue"] = json!("z1111");
                d["proof"] = json!([p, q]);
            }),
        ),
        (
            "proof: proofPurpose authentication",
            edit(&d, |d| d["proof"]["proofPurpose"] = json!("authentication")),
        ),
        (
            "proof: proofPurpose capabilityInvocation",
            edit(&d, |d| d["proof"]["proofPurpose"] = json!("capabilityInvocation")),
        ),
        (
            "proof: created changed",
            edit(&d, |d| d["proof"]["created"] = json!("2026-02-01T00:00:00Z")),
        ),
        (
            "proof: created removed",
            edit(&d, |d| {
                d["proof"].as_object_mut().unwrap().remove("created");
            }),
        ),
        (
            "proof: expires added",
            edit(&d, |d| d["proof"]["expires"] = json!("2030-01-01T00:00:00Z")),
        ),
        ("proof: challenge added", edit(&d, |d| d["proof"]["challenge"] = json!("abc"))),
        ("proof: id added", edit(&d, |d| d["proof"]["id"] = json!("urn:uuid:1"))),
        // validity and ids
        (
            "validUntil moved into the subject",
            edit(&d, |d| {
                let vu = d.as_object_mut().unwrap().remove("validUntil").unwrap();
                d["credentialSubject"]["validUntil"] = vu;
            }),
        ),
        ("validUntil later", edit(&d, |d| d["validUntil"] = json!("2099-01-01T00:00:00Z"))),
        (
            "validFrom removed",
            edit(&d, |d| {
                d.as_object_mut().unwrap().remove("validFrom");
            }),
        ),
        ("expirationDate added", edit(&d, |d| d["expirationDate"] = json!("2099-01-01T00:00:00Z"))),
        (
            "id: credential id changed",
            edit(&d, |d| d["id"] = json!("urn:uuid:5b1e3c0e-8d0a-4c8e-9d4e-2f8a7c6b1a02")),
        ),
        (
            "id: credential id removed",
            edit(&d, |d| {
                d.as_object_mut().unwrap().remove("id");
            }),
        ),
        (
            "id: subject id changed",
            edit(&d, |d| d["credentialSubject"]["id"] = json!("did:example:mallory")),
        ),
        (
            "id: subject id removed",
            edit(&d, |d| {
                d["credentialSubject"].as_object_mut().unwrap().remove("id");
            }),
        ),
        (
            "id: address given an id",
            edit(&d, |d| d["credentialSubject"]["address"]["id"] = json!("urn:example:addr")),
        ),
        (
            "issuer as an object with a name",
            edit(&d, |d| d["issuer"] = json!({"id": ISSUER, "name": "Bundesdruckerei"})),
        ),
        // types
        (
            "type: a second credential type",
            edit(&d, |d| d["type"] = json!(["VerifiableCredential", "IdentityDocument_v0"])),
        ),
        (
            "type: VerifiableCredential twice",
            edit(&d, |d| d["type"] = json!(["VerifiableCredential", "VerifiableCredential"])),
        ),
        ("type: a string, not an array", edit(&d, |d| d["type"] = json!("VerifiableCredential"))),
        (
            "type: removed",
            edit(&d, |d| {
                d.as_object_mut().unwrap().remove("type");
            }),
        ),
        (
            "type: subject type Organization",
            edit(&d, |d| d["credentialSubject"]["type"] = json!("PostalAddress")),
        ),
        (
            "type: subject type array with Person twice",
            edit(&d, |d| d["credentialSubject"]["type"] = json!(["Person", "Person"])),
        ),
        // base document under the derived proof
        ("derived proof on the base document", edit(&b, |b| b["proof"] = d["proof"].clone())),
    ];
    // Members that yield no statement: the dataset is unchanged, the JSON is not.
    for (name, member, value) in [
        ("no statement: familyName null", "familyName", Value::Null),
        ("no statement: givenName an empty array", "givenName", json!([])),
        ("no statement: an unknown keyword-like member", "@birthDate", json!("1960-01-01")),
        ("no statement: an empty-string term", "", json!("x")),
        ("no statement: nationality an empty node", "nationality", json!({})),
        ("no statement: familyName a null @value", "familyName", json!({"@value": null})),
    ] {
        v.push((name, edit(&d, |d| d["credentialSubject"][member] = value)));
    }
    v.push(("members reordered (JSON order only)", {
        let mut m = serde_json::Map::new();
        let o = d.as_object().unwrap();
        for k in o.keys().rev() {
            m.insert(k.clone(), o[k].clone());
        }
        Value::Object(m)
    }));
    v
}

/// The attacks on `base.json` (a base proof, verified as its holder would).
fn base_attacks() -> Vec<(&'static str, Value)> {
    let b = base();
    vec![
        ("base: an extra top-level member", edit(&b, |b| b["description"] = json!("x"))),
        (
            "base: an extra subject member",
            edit(&b, |b| b["credentialSubject"]["gender"] = json!("female")),
        ),
        (
            "base: a member withheld",
            edit(&b, |b| {
                b["credentialSubject"].as_object_mut().unwrap().remove("nationality");
            }),
        ),
        (
            "base: a mandatory member withheld",
            edit(&b, |b| {
                b.as_object_mut().unwrap().remove("validUntil");
            }),
        ),
        (
            "base: proofPurpose authentication",
            edit(&b, |b| b["proof"]["proofPurpose"] = json!("authentication")),
        ),
        (
            "base: created changed",
            edit(&b, |b| b["proof"]["created"] = json!("2026-02-01T00:00:00Z")),
        ),
        (
            "base: cryptosuite ecdsa-rdfc-2019",
            edit(&b, |b| b["proof"]["cryptosuite"] = json!("ecdsa-rdfc-2019")),
        ),
        (
            "base: mandatory pointers emptied",
            edit_proof_value(&b, |_, items| items[4] = Cbor::Array(vec![])),
        ),
        (
            "base: a mandatory pointer added",
            edit_proof_value(&b, |_, items| {
                let Cbor::Array(p) = &mut items[4] else { panic!() };
                p.push(Cbor::Text("/credentialSubject/name".into()));
            }),
        ),
        (
            "base: the HMAC key changed",
            edit_proof_value(&b, |_, items| items[2] = Cbor::Bytes(vec![7; 32])),
        ),
        (
            "base: familyName changed",
            edit(&b, |b| b["credentialSubject"]["familyName"] = json!("Musterfrau")),
        ),
    ]
}

/// What vpcheck answered to each edit (the first code of its errors), checked by name.
const REFUSED: &[(&str, &str)] = &[
    ("context: name and birthDate swapped in the embedded context", "ld.context_untrusted"),
    ("context: a second context remaps name", "ld.context_untrusted"),
    ("context: a second context remaps birthDate", "ld.context_untrusted"),
    ("context: nested context swaps the JSON names, dataset unchanged", "ld.context_untrusted"),
    ("context: nested context renames birthDate to dob, dataset unchanged", "ld.context_untrusted"),
    ("context: embedded context protected", "ld.context_untrusted"),
    ("context: the examples v2 context, birthDate renamed dob (examples#dob)", "proof.invalid"),
    ("context: null reset after the embedded context", "ld.context_untrusted"),
    ("context: v2 dropped", "field.invalid"),
    ("context: name spelled as its IRI", "ld.iri_key"),
    ("context: birthDate as a typed xsd:date value", "ld.keyword"),
    ("context: name with a language", "ld.keyword"),
    ("statements: a second name", "proof.invalid"),
    ("statements: signatures reordered", "proof.invalid"),
    ("statements: a signature duplicated", "proof.invalid"),
    ("statements: mandatory indexes reversed", "field.invalid"),
    ("statements: a mandatory index duplicated", "field.invalid"),
    ("statements: the blank node's HMAC label changed", "proof.invalid"),
    ("statements: a label for a blank node the document lacks", "field.invalid"),
    ("statements: a fresh label for a blank node the document lacks", "proof.invalid"),
    ("statements: label map emptied", "proof.invalid"),
    ("proofValue: derived header made base", "field.invalid"),
    ("withheld: givenName disclosed with a value", "proof.invalid"),
    ("withheld: nationality disclosed with a value", "proof.invalid"),
    ("withheld: street address disclosed with a value", "proof.invalid"),
    ("withheld: a second subject", "proof.invalid"),
    ("proof: cryptosuite ecdsa-rdfc-2019", "field.invalid"),
    ("proof: cryptosuite ecdsa-jcs-2019", "field.invalid"),
    ("proof: cryptosuite bbs-2023", "key.alg_mismatch"),
    ("proof: cryptosuite unknown", "proof.unsupported_type"),
    ("proof: the base proof beside it", "proof.invalid"),
    ("proof: the base proof instead", "proof.invalid"),
    ("proof: a second proof of another suite, junk", "proof.invalid"),
    ("proof: proofPurpose authentication", "proof.purpose"),
    ("proof: proofPurpose capabilityInvocation", "proof.purpose"),
    ("proof: created changed", "proof.invalid"),
    ("proof: created removed", "proof.invalid"),
    ("proof: expires added", "proof.invalid"),
    ("proof: challenge added", "proof.invalid"),
    ("proof: id added", "proof.invalid"),
    ("validUntil moved into the subject", "field.invalid"),
    ("validUntil later", "proof.invalid"),
    ("validFrom removed", "proof.invalid"),
    ("expirationDate added", "field.invalid"),
    ("id: credential id changed", "proof.invalid"),
    ("id: credential id removed", "proof.invalid"),
    ("id: subject id changed", "proof.invalid"),
    ("id: subject id removed", "proof.invalid"),
    ("id: address given an id", "proof.invalid"),
    ("issuer as an object with a name", "proof.invalid"),
    ("type: a second credential type", "field.invalid"),
    ("type: removed", "field.invalid"),
    ("type: subject type Organization", "proof.invalid"),
    ("derived proof on the base document", "proof.invalid"),
    ("base: an extra top-level member", "proof.invalid"),
    ("base: an extra subject member", "field.invalid"),
    ("base: a member withheld", "proof.invalid"),
    ("base: a mandatory member withheld", "field.invalid"),
    ("base: proofPurpose authentication", "proof.purpose"),
    ("base: created changed", "proof.invalid"),
    ("base: cryptosuite ecdsa-rdfc-2019", "field.invalid"),
    ("base: mandatory pointers emptied", "proof.invalid"),
    ("base: a mandatory pointer added", "proof.invalid"),
    ("base: the HMAC key changed", "proof.invalid"),
    ("base: familyName changed", "proof.invalid"),
    ("dup: name, forged first", "input.duplicate_member"),
    ("dup: name, forged last", "input.duplicate_member"),
    ("dup: birthDate, forged last", "input.duplicate_member"),
    ("dup: @context, forged first", "input.duplicate_member"),
    ("dup: proof, junk first", "input.duplicate_member"),
    ("dup: validUntil, later last", "input.duplicate_member"),
    ("escape: a BOM before the document", "input.bom"),
    ("no statement: familyName null", "ld.empty_value"),
    ("no statement: givenName an empty array", "ld.empty_value"),
    ("no statement: an unknown keyword-like member", "ld.keyword"),
    ("no statement: an empty-string term", "ld.iri_key"),
    ("no statement: nationality an empty node", "proof.invalid"),
    ("no statement: familyName a null @value", "ld.keyword"),
];

/// Edits that leave the signed dataset as it was (same statements, trusted contexts only):
/// these verify, with the claims of the untouched credential.
const SAME_DATASET: &[&str] = &[
    "context: the trusted context nested in the subject too",
    "context: the examples v2 context (with @vocab) added",
    "context: embedded context before v2",
    "statements: name given twice (same value)",
    "proof: the same proof twice",
    "type: VerifiableCredential twice",
    "type: a string, not an array",
    "type: subject type array with Person twice",
    "members reordered (JSON order only)",
    "escape: name with a \\u escape (same string)",
];

fn all_attacks() -> Vec<(&'static str, String)> {
    let text = String::from_utf8(vector(&format!("{DIR}derived.json"))).unwrap();
    derived_attacks()
        .into_iter()
        .chain(base_attacks())
        .map(|(n, d)| (n, d.to_string()))
        .chain(dup_attacks(&text))
        .collect()
}

/// The claims of the reference credentials are the disclosed, signed statements: the derived
/// one's name, birth date and the locality and country of its nested `PostalAddress` node,
/// nothing it withheld (the street and postal code).
#[test]
fn claims_are_the_signed_statements() {
    let derived_claims = json!({"birth_date": "1984-08-12", "full_name": "Erika Mustermann",
        "address": {"locality": "Koeln", "country": "DE"},
        "provenance": {"vendor": "generic", "verified_at": "2026-01-01T00:00:00Z"}});
    assert_eq!(run(&derived()).unwrap(), derived_claims);
    assert_eq!(
        run(&base()).unwrap(),
        json!({"birth_date": "1984-08-12", "family_name": "Mustermann",
            "full_name": "Erika Mustermann", "given_name": "Erika", "nationality": "DE",
            "address": {"street": "Heidestrasse 17", "postal_code": "51147", "locality": "Koeln",
                "country": "DE"},
            "provenance": {"vendor": "generic", "verified_at": "2026-01-01T00:00:00Z"}})
    );
    for (name, text) in all_attacks() {
        if SAME_DATASET.contains(&name) {
            assert_eq!(verify_outcome(&text, &policy()).unwrap(), derived_claims, "{name}");
        }
    }
}

/// Every edit that changes what was signed, or how the JSON reads it, is refused with its code.
#[test]
fn edits_of_the_reference_credential_are_refused() {
    let attacks = all_attacks();
    let mut seen = 0;
    for (name, text) in &attacks {
        if SAME_DATASET.contains(name) {
            continue;
        }
        let r = verify_outcome(text, &policy());
        let expected = REFUSED
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name}: no expected answer; got {r:?}"))
            .1;
        assert_eq!(outcome_codes(&r).first().map(String::as_str), Some(expected), "{name}: {r:?}");
        seen += 1;
    }
    assert_eq!(seen, REFUSED.len());
    assert_eq!(attacks.len(), REFUSED.len() + SAME_DATASET.len());
}

/// Raw-text attacks: duplicate JSON members, which a JSON reader keeping the first and one
/// keeping the last would read differently.
fn dup_attacks(text: &str) -> Vec<(&'static str, String)> {
    let name = "\"name\": \"Erika Mustermann\",";
    assert!(text.contains(name));
    let birth = "\"birthDate\": \"1984-08-12\",";
    assert!(text.contains(birth));
    let proof = "\"proof\": {";
    vec![
        ("dup: name, forged first", text.replacen(name, &format!("\"name\": \"Max Mustermann\", {name}"), 1)),
        ("dup: name, forged last", text.replacen(name, &format!("{name} \"name\": \"Max Mustermann\","), 1)),
        ("dup: birthDate, forged last", text.replacen(birth, &format!("{birth} \"birthDate\": \"1960-01-01\","), 1)),
        ("dup: @context, forged first", text.replacen("\"@context\": [", "\"@context\": [\"https://www.w3.org/ns/credentials/v2\", {\"name\": \"https://schema.org/birthDate\"}], \"@context\": [", 1)),
        ("dup: proof, junk first", text.replacen(proof, "\"proof\": {\"type\": \"DataIntegrityProof\"}, \"proof\": {", 1)),
        ("dup: validUntil, later last", text.replacen("\"validUntil\": \"2028-01-01T00:00:00Z\",", "\"validUntil\": \"2028-01-01T00:00:00Z\", \"validUntil\": \"2099-01-01T00:00:00Z\",", 1)),
        ("escape: name with a \\u escape (same string)", text.replacen("Erika Mustermann", "Erika\\u0020Mustermann", 1)),
        ("escape: a BOM before the document", format!("\u{feff}{text}")),
    ]
}

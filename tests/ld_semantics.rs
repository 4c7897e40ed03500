//! What a JSON-LD proof vouches for is its dataset, not the JSON: each attack here takes an
//! honestly issued result (the Trinsic-shaped BBS+ session and issuer-signed credential, the
//! vc-di-eddsa vectors) and re-spells it so that its dataset, and so its proof, stays the same
//! while the JSON says something else. Each must be refused with its exact code; beside each, the
//! untouched vector still verifies, with the claims of its dataset.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use support::{at, trinsic_policy};

use chrono::NaiveDate;
use serde_json::{json, Value};
use vpcheck::{parse, DidDocuments, Limits, Policy, TrustedIssuer, Verdict};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/test-vectors/");
const IDV: &str = "https://trinsic.cloud/idv/";

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{DIR}{path}")).unwrap()
}

fn eddsa_policy() -> Policy {
    let mut dids = DidDocuments::new();
    dids.add_json(read("dids/vc-example-issuer.json").as_bytes()).unwrap();
    Policy::at(at("2025-01-01T00:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::new("https://vc.example/issuers/5678"))
}

/// Verdict, error codes, and (given, family) names when verified.
fn outcome(bytes: &[u8], policy: &Policy) -> (Verdict, Vec<String>, Option<(String, String)>) {
    let unverified = parse(bytes, &Limits::default()).unwrap();
    match unverified.verify(policy) {
        Ok(v) => {
            let c = v.claims();
            let names = (
                c.given_name.as_deref().unwrap_or_default().to_owned(),
                c.family_name.as_deref().unwrap_or_default().to_owned(),
            );
            (Verdict::Verified, Vec::new(), Some(names))
        }
        Err(r) => (r.verdict(), r.errors().iter().map(|e| e.code().to_owned()).collect(), None),
    }
}

/// A Trinsic session from `file` with its first `resultVp` credential edited.
fn session_with(file: &str, edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut session: Value = serde_json::from_str(&read(file)).unwrap();
    let mut vp: Value = serde_json::from_str(session["resultVp"].as_str().unwrap()).unwrap();
    edit(&mut vp["verifiableCredential"][0]);
    session["resultVp"] = Value::String(vp.to_string());
    serde_json::to_vec(&session).unwrap()
}

fn first_credential(file: &str) -> Value {
    let session: Value = serde_json::from_str(&read(file)).unwrap();
    let vp: Value = serde_json::from_str(session["resultVp"].as_str().unwrap()).unwrap();
    vp["verifiableCredential"][0].clone()
}

/// The canonical form of a document's dataset (without its proof).
fn dataset(doc: &Value, policy: &Policy) -> String {
    let mut d = doc.clone();
    d.as_object_mut().unwrap().remove("proof");
    vpcheck::testing::canonical_nquads(&d, policy).unwrap()
}

type Edit = fn(&mut Value);

/// Re-spellings of the Trinsic credential that keep its dataset: before vpcheck read the
/// dataset, each one verified with the JSON's (attacker's) reading.
fn trinsic_respellings() -> Vec<(&'static str, Edit, &'static str)> {
    vec![
        (
            "an inline context swaps the IRIs of givenName and familyName, the values swapped too",
            |c| {
                let s = &mut c["credentialSubject"];
                s["@context"] = json!({"givenName": format!("{IDV}familyName"), "familyName": format!("{IDV}givenName")});
                s["givenName"] = json!("SMITH");
                s["familyName"] = json!("JANE");
            },
            "ld.context_untrusted",
        ),
        (
            "signed members moved under their IRIs, the short names re-added with attacker values and mapped to null",
            |c| {
                let s = c["credentialSubject"].as_object_mut().unwrap();
                for name in ["givenName", "familyName", "number", "expiryDate"] {
                    let v = s.remove(name).unwrap();
                    s.insert(format!("{IDV}{name}"), v);
                }
                s.insert("@context".into(), json!({"givenName": null, "familyName": null, "number": null, "expiryDate": null}));
                s.insert("givenName".into(), json!("MALLORY"));
                s.insert("familyName".into(), json!("EVIL"));
                s.insert("number".into(), json!("XX000000"));
                s.insert("expiryDate".into(), json!("2099-01-01T00:00:00"));
            },
            "ld.context_untrusted",
        ),
        (
            "the same null mapping from the top-level context list",
            |c| {
                let s = c["credentialSubject"].as_object_mut().unwrap();
                let v = s.remove("givenName").unwrap();
                s.insert(format!("{IDV}givenName"), v);
                s.insert("givenName".into(), json!("MALLORY"));
                c["@context"].as_array_mut().unwrap().push(json!({"givenName": null}));
            },
            "ld.context_untrusted",
        ),
        (
            "givenName spelled as its absolute IRI",
            |c| {
                let s = c["credentialSubject"].as_object_mut().unwrap();
                let v = s.remove("givenName").unwrap();
                s.insert(format!("{IDV}givenName"), v);
            },
            "ld.iri_key",
        ),
        (
            "credentialStatus spelled as its absolute IRI",
            |c| {
                let o = c.as_object_mut().unwrap();
                let v = o.remove("credentialStatus").unwrap();
                o.insert("https://www.w3.org/2018/credentials#credentialStatus".into(), v);
            },
            "ld.iri_key",
        ),
        (
            "the proof's created spelled as its absolute IRI",
            |c| {
                let p = c["proof"].as_object_mut().unwrap();
                let v = p.remove("created").unwrap();
                p.insert("http://purl.org/dc/terms/created".into(), json!({"@value": v, "@type": "http://www.w3.org/2001/XMLSchema#dateTime"}));
            },
            "ld.iri_key",
        ),
        (
            "the document's expiryDate as a value object",
            |c| {
                let s = &mut c["credentialSubject"];
                s["expiryDate"] = json!({"@value": s["expiryDate"].clone()});
            },
            "ld.keyword",
        ),
        ("an @index member with unsigned text", |c| c["credentialSubject"]["@index"] = json!("1 OTHER ST"), "ld.keyword"),
        (
            "givenName wrapped in @nest",
            |c| {
                let s = c["credentialSubject"].as_object_mut().unwrap();
                let v = s.remove("givenName").unwrap();
                s.insert("@nest".into(), json!({"givenName": v}));
            },
            "ld.keyword",
        ),
        ("an @included member", |c| c["@included"] = json!([{"@id": "urn:x"}]), "ld.keyword"),
        ("an @reverse member", |c| c["credentialSubject"]["@reverse"] = json!({}), "ld.keyword"),
        ("a keyword-shaped member JSON-LD ignores", |c| c["credentialSubject"]["@streetAddress"] = json!("1 OTHER ST"), "ld.keyword"),
        ("a withheld claim written back as null", |c| c["credentialSubject"]["streetAddress"] = Value::Null, "ld.empty_value"),
        ("a withheld claim written back as []", |c| c["credentialSubject"]["streetAddress"] = json!([]), "ld.empty_value"),
        ("a null context in the subject", |c| c["credentialSubject"]["@context"] = Value::Null, "ld.context_untrusted"),
    ]
}

#[test]
fn trinsic_respellings_are_refused_although_the_derived_proof_still_holds() {
    let policy = trinsic_policy();
    let control = read("trinsic-bbs/session-valid-selective.json");
    let (verdict, codes, names) = outcome(control.as_bytes(), &policy);
    assert_eq!((verdict, codes), (Verdict::Verified, vec![]), "control");
    assert_eq!(names, Some(("JANE".to_owned(), "SMITH".to_owned())));
    let original = first_credential("trinsic-bbs/session-valid-selective.json");
    let cases = trinsic_respellings();
    for (what, edit, code) in cases.iter().copied() {
        let mut edited = original.clone();
        edit(&mut edited);
        // The attack keeps the signed dataset (except where it breaks expansion outright).
        if !what.contains("null context") && !what.starts_with("an @included") {
            assert_eq!(
                dataset(&edited, &policy),
                dataset(&original, &policy),
                "{what}: the dataset changed, so this is no re-spelling"
            );
        }
        let bytes = session_with("trinsic-bbs/session-valid-selective.json", edit);
        let (verdict, codes, _) = outcome(&bytes, &policy);
        assert_eq!(verdict, Verdict::Rejected, "{what}");
        assert_eq!(codes, [code], "{what}");
    }
    assert!(cases.len() >= 15);
}

#[test]
fn the_issuer_signed_bbs_credential_is_held_the_same_way() {
    let mut dids = DidDocuments::new();
    dids.add_json(read("trinsic-bbs/issuer.did.json").as_bytes()).unwrap();
    let policy = Policy::at(at("2026-10-01T10:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::trinsic(support::TRINSIC_ISSUER));
    let original: Value =
        serde_json::from_str(&read("trinsic-bbs/credential-signed.json")).unwrap();
    let (verdict, _, names) = outcome(original.to_string().as_bytes(), &policy);
    assert_eq!(verdict, Verdict::Verified, "control");
    assert_eq!(names, Some(("JANE".to_owned(), "SMITH".to_owned())));
    for (what, edit, code) in trinsic_respellings() {
        let mut edited = original.clone();
        edit(&mut edited);
        let (verdict, codes, _) = outcome(edited.to_string().as_bytes(), &policy);
        assert_eq!((verdict, codes), (Verdict::Rejected, vec![code.to_owned()]), "{what}");
    }
}

#[test]
fn vc_di_eddsa_respellings_are_refused() {
    let policy = eddsa_policy();
    for file in [
        "ld/vc-di-eddsa/eddsa-rdfc-2022-signed.json",
        "ld/vc-di-eddsa/ed25519signature2020-signed.json",
    ] {
        let original: Value = serde_json::from_str(&read(file)).unwrap();
        assert_eq!(
            outcome(original.to_string().as_bytes(), &policy).0,
            Verdict::Verified,
            "{file}: control"
        );
        let cases: Vec<(&str, Edit, &str)> = vec![
            (
                "validFrom as an IRI and a typed value object: the not-yet-valid check would vanish",
                |c| {
                    let o = c.as_object_mut().unwrap();
                    let v = o.remove("validFrom").unwrap();
                    o.insert(
                        "https://www.w3.org/2018/credentials#validFrom".into(),
                        json!({"@value": v, "@type": "http://www.w3.org/2001/XMLSchema#dateTime"}),
                    );
                },
                "ld.iri_key",
            ),
            (
                "an inline context re-mapping name and description",
                |c| {
                    c["@context"].as_array_mut().unwrap().push(json!({"name": "https://schema.org/description", "description": "https://schema.org/name"}));
                    let (n, d) = (c["name"].clone(), c["description"].clone());
                    c["name"] = d;
                    c["description"] = n;
                },
                "ld.context_untrusted",
            ),
            ("an @index on the subject", |c| c["credentialSubject"]["@index"] = json!("x"), "ld.keyword"),
            ("a null member", |c| c["credentialSubject"]["degree"] = Value::Null, "ld.empty_value"),
        ];
        for (what, edit, code) in cases {
            let mut edited = original.clone();
            edit(&mut edited);
            let (verdict, codes, _) = outcome(edited.to_string().as_bytes(), &policy);
            assert_eq!(
                (verdict, codes),
                (Verdict::Rejected, vec![code.to_owned()]),
                "{file}: {what}"
            );
        }
    }
}

#[test]
fn claims_dates_and_status_come_from_the_verified_statements() {
    let policy = trinsic_policy();
    let bytes = read("trinsic-bbs/session-valid.json");
    let unverified = parse(bytes.as_bytes(), &Limits::default()).unwrap();
    let verified = unverified.verify(&policy).unwrap();
    let c = verified.claims();
    assert_eq!(c.given_name.as_deref(), Some("JANE"));
    assert_eq!(c.family_name.as_deref(), Some("SMITH"));
    assert_eq!(c.birth_date, NaiveDate::from_ymd_opt(1990, 4, 12));
    let doc = c.document.as_ref().unwrap();
    assert_eq!(doc.number.as_deref(), Some("AB123987"));
    assert_eq!(doc.expiry_date, NaiveDate::from_ymd_opt(2031, 4, 12));
    assert_eq!(doc.issuing_authority.as_deref(), Some("PENNSYLVANIA DEPARTMENT OF TRANSPORTATION"));
    let checks = verified.report().checks();
    assert!(
        checks.iter().any(|k| k.name == "ld.disclosed" && k.detail.contains("credentialStatus")),
        "{checks:?}"
    );
    assert!(
        checks.iter().any(|k| k.name == "time.proof_created" && k.detail.contains("(signed)")),
        "{checks:?}"
    );
}

#[test]
fn withheld_inputs_of_a_check_are_never_passed() {
    let policy = trinsic_policy();
    for (file, member) in [
        ("trinsic-bbs/session-withheld-status.json", "credentialStatus"),
        ("trinsic-bbs/session-withheld-expiry.json", "credentialSubject.expiryDate"),
    ] {
        let bytes = read(file);
        let (verdict, codes, _) = outcome(bytes.as_bytes(), &policy);
        assert_eq!(
            (verdict, codes),
            (Verdict::Unchecked, vec!["ld.withheld".to_owned()]),
            "{file}"
        );
        // Accepted withheld by the policy: verified, and the report says it was skipped.
        let relaxed = policy.clone().allow_withheld(member);
        let unverified = parse(bytes.as_bytes(), &Limits::default()).unwrap();
        let verified = unverified.verify(&relaxed).unwrap();
        assert!(
            verified
                .report()
                .checks()
                .iter()
                .any(|c| c.name == "ld.withheld" && c.detail.contains(member)),
            "{file}"
        );
        // A policy may require more than the profile.
        let stricter = policy.clone().require_disclosed("credentialSubject.streetAddress");
        let (verdict, codes, _) =
            outcome(read("trinsic-bbs/session-valid-selective.json").as_bytes(), &stricter);
        assert_eq!((verdict, codes), (Verdict::Unchecked, vec!["ld.withheld".to_owned()]));
    }
    // Status required, none disclosed: could not check, even when the withholding is accepted.
    let required = policy.clone().allow_withheld("credentialStatus").require_status_check();
    let (verdict, codes, _) =
        outcome(read("trinsic-bbs/session-withheld-status.json").as_bytes(), &required);
    assert_eq!((verdict, codes), (Verdict::Unchecked, vec!["status.not_checked".to_owned()]));
}

#[test]
fn one_person_per_result() {
    let policy = trinsic_policy();
    let (verdict, codes, _) =
        outcome(read("trinsic-bbs/session-two-people.json").as_bytes(), &policy);
    assert_eq!((verdict, codes), (Verdict::Rejected, vec!["binding.subject".to_owned()]));
    // The control: two credentials about the same person, one selectively disclosed.
    let (verdict, codes, names) =
        outcome(read("trinsic-bbs/session-one-person-twice.json").as_bytes(), &policy);
    assert_eq!(
        (verdict, codes, names),
        (Verdict::Verified, vec![], Some(("JANE".to_owned(), "SMITH".to_owned())))
    );
}

#[test]
fn an_unsigned_presentation_binds_no_nonce_or_audience() {
    let bytes = read("trinsic-bbs/session-valid.json");
    assert_eq!(outcome(bytes.as_bytes(), &trinsic_policy()).0, Verdict::Verified, "control");
    for policy in [
        trinsic_policy().expect_nonce("n-1"),
        trinsic_policy().expect_audience("https://verifier.example"),
    ] {
        let (verdict, codes, _) = outcome(bytes.as_bytes(), &policy);
        assert_eq!((verdict, codes), (Verdict::Rejected, vec!["proof.missing".to_owned()]));
    }
}

#[test]
fn challenge_and_domain_are_demanded_of_the_presentation_proof_only() {
    // An issuer-signed credential (Ed25519, eddsa-rdfc-2022) inside a presentation its holder
    // signed for this request.
    let issuer_vm = "did:example:issuer#key-1";
    let holder_vm = "did:example:holder#key-1";
    let mut dids = DidDocuments::new();
    dids.add_json(support::method_document(issuer_vm, "did:example:issuer", 21).as_bytes())
        .unwrap();
    dids.add_json(support::method_document(holder_vm, "did:example:holder", 22).as_bytes())
        .unwrap();
    let policy = Policy::at(at("2025-01-01T00:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::new("did:example:issuer"));
    let context = json!([
        "https://www.w3.org/ns/credentials/v2",
        "https://www.w3.org/ns/credentials/examples/v2"
    ]);
    let credential = json!({"@context": context, "type": ["VerifiableCredential"], "issuer": "did:example:issuer",
        "validFrom": "2024-01-01T00:00:00Z", "credentialSubject": {"id": "did:example:holder", "givenName": "JANE"}});
    let credential =
        support::sign_rdfc(&credential, issuer_vm, 21, "2024-01-01T00:00:00Z", &policy);
    let presentation = json!({"@context": context, "type": ["VerifiablePresentation"], "holder": "did:example:holder",
        "verifiableCredential": [credential]});
    let signed = |challenge: &str, domain: &str| {
        support::sign_rdfc_with(
            &presentation,
            holder_vm,
            22,
            "2024-06-01T00:00:00Z",
            &policy,
            "authentication",
            &[("challenge", challenge), ("domain", domain)],
        )
        .to_string()
    };
    let bound = policy.clone().expect_nonce("n-1").expect_audience("https://verifier.example");
    let (verdict, codes, _) = outcome(signed("n-1", "https://verifier.example").as_bytes(), &bound);
    assert_eq!(
        (verdict, codes),
        (Verdict::Verified, vec![]),
        "the holder's proof carries both; the issuance proof need not"
    );
    let (verdict, codes, _) = outcome(signed("n-2", "https://verifier.example").as_bytes(), &bound);
    assert_eq!(
        (verdict, codes),
        (Verdict::Rejected, vec!["proof.challenge".to_owned()]),
        "another request's challenge"
    );
    let (verdict, codes, _) = outcome(signed("n-1", "https://other.example").as_bytes(), &bound);
    assert_eq!(
        (verdict, codes),
        (Verdict::Rejected, vec!["proof.domain".to_owned()]),
        "another verifier's domain"
    );
    // Holder binding: the holder signs, and the credential is about the holder.
    let binding = bound.clone().require_holder_binding();
    let (verdict, codes, _) =
        outcome(signed("n-1", "https://verifier.example").as_bytes(), &binding);
    assert_eq!(
        (verdict, codes),
        (Verdict::Verified, vec![]),
        "the holder presents its own credential"
    );
    let mut dids = DidDocuments::new();
    dids.add_json(support::method_document(issuer_vm, "did:example:issuer", 21).as_bytes())
        .unwrap();
    dids.add_json(support::method_document(holder_vm, "did:example:holder", 22).as_bytes())
        .unwrap();
    dids.add_json(
        support::method_document("did:example:other#key-1", "did:example:other", 23).as_bytes(),
    )
    .unwrap();
    let binding = binding.with_did_documents(dids);
    let by_other = support::sign_rdfc_with(
        &presentation,
        "did:example:other#key-1",
        23,
        "2024-06-01T00:00:00Z",
        &policy,
        "authentication",
        &[("challenge", "n-1"), ("domain", "https://verifier.example")],
    );
    let (verdict, codes, _) = outcome(by_other.to_string().as_bytes(), &binding);
    assert_eq!(
        (verdict, codes),
        (Verdict::Rejected, vec!["binding.holder".to_owned()]),
        "signed by someone else naming the holder"
    );
    let mut unsigned = presentation.clone();
    unsigned.as_object_mut().unwrap().remove("proof");
    let (verdict, codes, _) = outcome(unsigned.to_string().as_bytes(), &binding.clone());
    assert_eq!(verdict, Verdict::Rejected);
    assert!(codes.contains(&"binding.holder".to_owned()), "{codes:?}");
}

#[test]
fn statements_that_contradict_themselves_are_refused() {
    // Signed by the issuer itself (an Ed25519 method of its DID): the statements are what the
    // issuer signed, and vpcheck still refuses to pick one reading of them.
    let method = "did:web:idv.vpcheck.example:zVpcheckTestIssuer#ed25519-test";
    let mut dids = DidDocuments::new();
    dids.add_json(
        support::with_method(&read("trinsic-bbs/issuer.did.json"), method, 41).as_bytes(),
    )
    .unwrap();
    let policy = Policy::at(at("2026-10-01T10:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::new(support::TRINSIC_ISSUER));
    let credential = |subject: Value| {
        json!({"@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/data-integrity/v2", {"@vocab": IDV}],
            "type": ["VerifiableCredential"], "issuer": "did:web:idv.vpcheck.example:zVpcheckTestIssuer",
            "issuanceDate": "2026-10-01T09:30:00Z", "credentialSubject": subject})
    };
    let check = |subject: Value| {
        let signed =
            support::sign_rdfc(&credential(subject), method, 41, "2026-10-01T09:30:00Z", &policy);
        let (verdict, codes, names) = outcome(signed.to_string().as_bytes(), &policy);
        (verdict, codes, names)
    };
    // Control: one given name.
    assert_eq!(
        check(json!({"id": "urn:p", "givenName": "JANE", "familyName": "SMITH"})),
        (Verdict::Verified, vec![], Some(("JANE".into(), "SMITH".into())))
    );
    // Two given names: which one is the person's?
    assert_eq!(
        check(json!({"id": "urn:p", "givenName": ["JANE", "JOAN"], "familyName": "SMITH"})).1,
        ["ld.statement"]
    );
    // A second node typed VerifiableCredential: which credential do the statements describe?
    assert_eq!(
        check(json!({"id": "urn:p", "type": "VerifiableCredential", "givenName": "JANE"})).1,
        ["ld.statement"]
    );
}

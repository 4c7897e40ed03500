//! JSON-LD presentations and credentials: proofs, then everything else from what they signed.
//!
//! A proof signs the RDF dataset of the document (VC Data Integrity section 4.1), so once every
//! proof of a document verified, its validity period, issuer, types, status entries, proof
//! times and the identity claims are read from that dataset by IRI ([`crate::ld::dataset`]); the
//! JSON surface is held to it first ([`crate::ld::surface`]): untrusted embedded contexts,
//! members spelled as IRIs, keywords that yield no statement, and members the dataset does not
//! hold are refused. While a proof has not verified, nothing is signed: what the JSON says is
//! then checked only to name further reasons for rejecting it.

use std::borrow::Cow;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::value::RawValue;
use serde_json::Value;

use super::ctx::{same_session, Ctx};
use super::expectation::Expectation;
use super::status::StatusEntry;
use crate::claims::{
    country_claim, date_claim, present, Address, IdentityClaims, IdentityDocument, Sex,
};
use crate::error::{Error, Vendor};
use crate::input::borrow::{str_from_raw, TextOrNumber};
use crate::input::json::{join_path, parse_typed, truncated};
use crate::ld::dataset::{Dataset, Node, Object, CREDENTIALS, DC_CREATED, SEC_EXPIRES};
use crate::ld::proof::{Canonicalize, ProofContext, VerifiedProof};
use crate::model::jsonld::{Proof, UnverifiedLdDocument};

/// The credential type Trinsic issues for a checked identity document.
const TRINSIC_IDENTITY_DOCUMENT: &str = "IdentityDocument_v0";
/// Trinsic's vocabulary (its credentials' `{"@vocab": ...}`).
const TRINSIC_VOCAB: &str = "https://trinsic.cloud/idv/";

/// The members Trinsic's `IdentityDocument_v0` credentials always carry (as in
/// `test-vectors/vendors/trinsic-connect-result-vp.json`, from Trinsic's Connect docs),
/// and what cannot be checked when a selectively disclosed one withholds them.
const TRINSIC_PROFILE: [(&str, &str); 3] = [
    ("credentialStatus", "the credential's revocation status cannot be checked"),
    ("issuanceDate", "the credential's issuance, and so its age, cannot be checked"),
    ("credentialSubject.expiryDate", "the identity document's expiry cannot be checked"),
];

/// `sec:proofPurpose`, `sec:challenge`, `sec:domain` (Security Vocabulary).
const SEC_PROOF_PURPOSE: &str = "https://w3id.org/security#proofPurpose";
const SEC_CHALLENGE: &str = "https://w3id.org/security#challenge";
const SEC_DOMAIN: &str = "https://w3id.org/security#domain";
/// `sec:previousProof`: a proof chain's link (VC Data Integrity, "Proof Chains").
const SEC_PREVIOUS_PROOF: &str = "https://w3id.org/security#previousProof";
/// `xsd:integer`: JSON-LD writes JSON integers with it (JSON-LD 1.1 API section 8.6).
const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";

/// The session a proof nonce must be bound to, and where that expectation comes from.
#[derive(Clone, Copy)]
pub(crate) struct ExpectedSession<'x> {
    pub field: &'x str,
    pub id: &'x str,
}

/// Whether a proof is the one binding the result to the caller's request: it must then carry
/// the expected `challenge` and `domain` (VC Data Integrity section 2.1). That is the
/// presentation's proof, or a bare credential's own; never the issuance proof of a credential
/// inside a presentation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Request {
    Bound,
    NotBound,
}

/// Checks a presentation or a single document; returns the claims, on which every credential
/// must agree.
pub(crate) fn run<'s>(
    doc: &UnverifiedLdDocument<'s>,
    field: &str,
    ctx: &mut Ctx<'_>,
    session: Option<ExpectedSession<'_>>,
    vendor: Vendor,
) -> IdentityClaims<'s> {
    let mut lists = Vec::new();
    let claims = if doc.is_presentation() {
        presentation(doc, field, ctx, session, vendor, &mut lists)
    } else {
        credential(doc, field, ctx, (session, Request::Bound), vendor, Some(&mut lists)).0
    };
    // Bitstring Status List section 3.2: a list checks an entry; a list no disclosed entry points
    // at checked nothing, and says so rather than passing silently.
    let policy = ctx.policy;
    for list in policy.status_lists() {
        if !lists.iter().any(|l| l == list.id()) {
            ctx.skip(
                "status.unused",
                format!(
                    "status list {} was supplied, but no disclosed credentialStatus uses it",
                    list.id()
                ),
            );
        }
    }
    claims
}

fn presentation<'s>(
    doc: &UnverifiedLdDocument<'s>,
    field: &str,
    ctx: &mut Ctx<'_>,
    session: Option<ExpectedSession<'_>>,
    vendor: Vendor,
    lists: &mut Vec<String>,
) -> IdentityClaims<'s> {
    let credentials: &[&'s RawValue] =
        doc.verifiable_credential.as_ref().map_or(&[], |l| l.0.as_slice());
    let list_field = join_path(field, "verifiableCredential");
    let limit = ctx.policy.limits().max_credentials;
    if credentials.len() > limit {
        ctx.fail(
            "limit.credentials",
            Error::TooManyCredentials { field: list_field, count: credentials.len(), limit },
        );
        return IdentityClaims::new(vendor);
    }
    let proof_field = join_path(field, "proof");
    let signed = doc.proof.as_ref().is_some_and(|p| !p.0.is_empty());
    // The holder the presentation's proof binds, once it verified.
    let mut holder: Option<String> = None;
    if signed {
        if let Some(value) = surface(doc, field, ctx) {
            if let Some(verified) = check_proofs(doc, &proof_field, ctx, (session, Request::Bound))
            {
                if let Some(first) = verified.first() {
                    if let Err(e) = crate::ld::surface::unsigned_member(
                        field,
                        &value,
                        &first.document,
                        &["proof"],
                    ) {
                        ctx.fail("ld.unsigned_member", e);
                    }
                    holder = presentation_holder(ctx, field, &verified);
                }
            }
        }
    } else if ctx.policy.holder_binding_required() {
        // VC Data Model 2.0 section 5.7 (holder binding): only a proof by the holder binds one.
        ctx.judged(Expectation::HolderBinding);
        ctx.fail(
            "binding.holder",
            Error::HolderMismatch {
                field: proof_field.clone(),
                holder: String::new(),
                subject: "(an unsigned presentation names no holder a signature binds)".into(),
            },
        );
    }
    if !signed {
        if credentials.is_empty() {
            ctx.fail("proof.present", Error::ProofMissing { field: proof_field });
        } else if ctx.policy.expected_nonce().is_some() || ctx.policy.expected_audience().is_some()
        {
            // Only a presentation proof carries the verifier's challenge and domain (VC Data
            // Integrity section 2.1): an unsigned wrapper binds nothing to this request.
            ctx.judged(Expectation::Nonce);
            ctx.judged(Expectation::Audience);
            ctx.fail("proof.presentation", Error::ProofMissing { field: proof_field });
        } else {
            ctx.skip("proof.presentation", "unsigned presentation wrapper: each credential carries its own proof, the wrapper's members are unsigned");
        }
    }
    let mut person: Option<Person<'s>> = None;
    for (i, raw) in credentials.iter().enumerate() {
        let cf = format!("{list_field}[{i}]");
        let text = raw.get();
        if text.starts_with('{') {
            match UnverifiedLdDocument::parse(&cf, text) {
                Ok(c) => {
                    let (claims, subject, issuer) =
                        credential(&c, &cf, ctx, (session, Request::NotBound), vendor, Some(lists));
                    // With holder binding required, each credential is about the holder.
                    if let (true, Some(holder)) =
                        (ctx.policy.holder_binding_required(), holder.as_deref())
                    {
                        ctx.judged(Expectation::HolderBinding);
                        let result = match subject.as_deref() {
                            Some(s) if s == holder => Ok(format!(
                                "{cf}.credentialSubject.id = {holder}, the presentation's holder"
                            )),
                            s => Err(Error::HolderMismatch {
                                field: cf.clone(),
                                holder: holder.to_owned(),
                                subject: s.unwrap_or_default().to_owned(),
                            }),
                        };
                        ctx.check("binding.holder", result);
                    }
                    one_person(ctx, &mut person, Person { field: cf, subject, claims, issuer });
                }
                Err(e) => ctx.fail(format!("parse.{cf}"), e),
            }
        } else if text.starts_with('"') {
            // A credential as a JWT string: verified like a JWT presentation's credentials.
            match str_from_raw(&cf, raw) {
                Ok(jwt) => ctx.nested_jwt_credential(&cf, &jwt, None),
                Err(e) => ctx.fail(format!("parse.{cf}"), e),
            }
        } else {
            ctx.fail(
                format!("parse.{cf}"),
                Error::invalid(&cf, "a credential must be an object or a JWT string"),
            );
        }
    }
    person.map_or_else(|| IdentityClaims::new(vendor), |p| p.claims)
}

/// The presentation's `holder`, from the statements its proofs verified, and the binding of
/// each proof's key to it: a presentation proof authenticates its holder (VC Data Integrity
/// section 2.1, `authentication`), so the method must be the holder's (its DID, or a method its
/// controller document lists). Without a holder, a required holder binding fails.
fn presentation_holder(
    ctx: &mut Ctx<'_>,
    field: &str,
    verified: &[VerifiedProof],
) -> Option<String> {
    let first = verified.first()?;
    let d = &first.document;
    let holder_field = join_path(field, "holder");
    let vp = d.typed(CREDENTIALS, "VerifiablePresentation");
    let holder = match vp.as_slice() {
        [node] => match Dataset::single_text(&holder_field, d.values(node, "holder")) {
            Ok(h) => h.map(str::to_owned),
            Err(e) => {
                ctx.fail("binding.holder", e);
                return None;
            }
        },
        _ => None,
    };
    let Some(holder) = holder else {
        if ctx.policy.holder_binding_required() {
            ctx.judged(Expectation::HolderBinding);
            ctx.fail(
                "binding.holder",
                Error::HolderMismatch {
                    field: holder_field,
                    holder: String::new(),
                    subject: "(the signed presentation names no holder)".into(),
                },
            );
        }
        return None;
    };
    for v in verified {
        let controller = crate::did::did_of(&v.verification_method);
        let listed =
            ctx.policy.did_documents().lists(&holder, &v.verification_method, "authentication")
                == Some(true);
        let result = if controller == holder || listed {
            Ok(format!("{holder_field} = {holder} controls {}", v.verification_method))
        } else {
            Err(Error::HolderMismatch {
                field: holder_field.clone(),
                holder: v.verification_method.clone(),
                subject: holder.clone(),
            })
        };
        ctx.check("binding.holder", result);
    }
    Some(holder)
}

/// The person one credential is about: where, its subject id, its claims, who signed them.
struct Person<'s> {
    field: String,
    subject: Option<String>,
    claims: IdentityClaims<'s>,
    issuer: Option<String>,
}

/// One person per result: every credential (and every subject of one) must be about the same
/// person. Credentials are tied to one person by the core claims they state (subject id, names,
/// date of birth, document number): any of these both state must be equal, else
/// `binding.subject`; and both must state the same ones, since a claim one withholds could be
/// another person's (my name, someone else's age): else nothing ties them, and the result could
/// not be checked (`ld.withheld`). Only then are the other claims of both merged. A credential
/// that states no identity claim at all adds nothing and is left out.
fn one_person<'s>(ctx: &mut Ctx<'_>, first: &mut Option<Person<'s>>, next: Person<'s>) {
    let Some(kept) = first else {
        *first = Some(next);
        return;
    };
    if is_empty(&kept.claims) && kept.subject.is_none() {
        *kept = next;
        return;
    }
    let (a, b) = (&kept.claims, &next.claims);
    if is_empty(b) && next.subject.is_none() {
        return;
    }
    let text = |c: &Option<Cow<'_, str>>| c.as_deref().map(str::to_owned);
    let number = |c: &IdentityClaims<'_>| {
        c.document.as_ref().and_then(|d| d.number.as_deref().map(str::to_owned))
    };
    let core = [
        ("id", kept.subject.clone(), next.subject.clone()),
        ("givenName", text(&a.given_name), text(&b.given_name)),
        ("familyName", text(&a.family_name), text(&b.family_name)),
        ("fullName", text(&a.full_name), text(&b.full_name)),
        ("birthDate", a.birth_date.map(|d| d.to_string()), b.birth_date.map(|d| d.to_string())),
        ("document.number", number(a), number(b)),
    ];
    let mut compared = 0;
    for (name, x, y) in &core {
        match (x, y) {
            (Some(x), Some(y)) if x != y => {
                let field = format!("{}.credentialSubject.{name}", next.field);
                ctx.fail(
                    "binding.subject",
                    Error::SubjectMismatch { field, expected: x.clone(), found: y.clone() },
                );
                return;
            }
            (Some(_), Some(_)) => compared += 1,
            _ => {}
        }
    }
    let one_sided = core.iter().find(|(_, x, y)| x.is_some() != y.is_some());
    if let Some((name, x, _)) = one_sided {
        let (states, lacks) =
            if x.is_some() { (&kept.field, &next.field) } else { (&next.field, &kept.field) };
        ctx.fail(
            "binding.subject",
            Error::LdWithheld {
                field: format!("{lacks}.credentialSubject.{name}"),
                reason: format!(
                    "{states} states it: without it the two cannot be tied to one person"
                ),
            },
        );
        return;
    }
    if compared == 0 {
        ctx.fail(
            "binding.subject",
            Error::LdWithheld {
                field: format!("{}.credentialSubject", next.field),
                reason: format!(
                    "no subject id, name, date of birth or document number ties it to {}",
                    kept.field
                ),
            },
        );
        return;
    }
    // The other claims must agree where both state them.
    let others = [
        ("middleName", text(&a.middle_name), text(&b.middle_name)),
        ("nationality", a.nationality.map(str::to_owned), b.nationality.map(str::to_owned)),
    ];
    for (name, x, y) in others {
        if let (Some(x), Some(y)) = (x, y) {
            if x != y {
                let field = format!("{}.credentialSubject.{name}", next.field);
                ctx.fail(
                    "binding.subject",
                    Error::SubjectMismatch { field, expected: x, found: y },
                );
                return;
            }
        }
    }
    ctx.check(
        "binding.subject",
        Ok(format!("{} and {} state the same {compared} identity claims", kept.field, next.field)),
    );
    // Claims only one credential states are taken from another issuer's credential only when
    // the same issuer signed both: what one issuer vouches for is not added to another's.
    if kept.issuer.is_none() || kept.issuer != next.issuer {
        ctx.skip(
            "binding.subject",
            format!("claims only {} states are not added: another issuer signed them", next.field),
        );
        return;
    }
    let (a, b) = (&mut kept.claims, next.claims);
    a.middle_name = a.middle_name.take().or(b.middle_name);
    a.sex = a.sex.take().or(b.sex);
    a.nationality = a.nationality.or(b.nationality);
    a.address = a.address.take().or(b.address);
    a.document = a.document.take().or(b.document);
}

/// Whether a credential states no identity claim.
fn is_empty(c: &IdentityClaims<'_>) -> bool {
    c.given_name.is_none()
        && c.family_name.is_none()
        && c.middle_name.is_none()
        && c.full_name.is_none()
        && c.birth_date.is_none()
        && c.sex.is_none()
        && c.nationality.is_none()
        && c.address.is_none()
        && c.document.is_none()
}

/// The document as a JSON value, if its surface passes [`crate::ld::surface::check`].
fn surface(doc: &UnverifiedLdDocument<'_>, field: &str, ctx: &mut Ctx<'_>) -> Option<Value> {
    let value: Value = match parse_typed(field, doc.raw) {
        Ok(v) => v,
        Err(e) => {
            ctx.fail(format!("parse.{field}"), e);
            return None;
        }
    };
    match crate::ld::surface::check(field, &value, ctx.policy.trusted_embedded_contexts()) {
        Ok(()) => Some(value),
        Err(e) => {
            ctx.fail("ld.surface", e);
            None
        }
    }
}

/// Checks every proof of `doc` (a proof set passes only if each proof does): the verified
/// proofs when all verified, `None` when one did not (its failure is recorded) or there is none.
fn check_proofs(
    doc: &UnverifiedLdDocument<'_>,
    proof_field: &str,
    ctx: &mut Ctx<'_>,
    binding: (Option<ExpectedSession<'_>>, Request),
) -> Option<Vec<VerifiedProof>> {
    let proofs = doc.proof.as_ref().map_or(&[][..], |p| p.0.as_slice());
    // Each proof is a canonicalisation and a key resolution of its own: a long proof set is
    // refused before any of them is done.
    let limit = ctx.policy.limits().max_proofs;
    if proofs.len() > limit {
        ctx.fail(
            "limit.proofs",
            Error::TooManyProofs { field: proof_field.to_owned(), count: proofs.len(), limit },
        );
        return None;
    }
    let mut verified = Vec::with_capacity(proofs.len());
    for (i, proof) in proofs.iter().enumerate() {
        let field = proof_path(proof_field, i, proofs.len());
        // VC Data Model 1.1 section 4.7 and VC Data Integrity section 2.1: a credential's proof
        // asserts (`assertionMethod`); a presentation's authenticates its holder.
        let purpose = if doc.is_presentation() { "authentication" } else { "assertionMethod" };
        if let Some(v) = check_proof(proof, (doc.raw, i), purpose, &field, ctx, binding) {
            verified.push(v);
        }
    }
    (!proofs.is_empty() && verified.len() == proofs.len()).then_some(verified)
}

fn proof_path(proof_field: &str, index: usize, count: usize) -> String {
    if count == 1 {
        proof_field.to_owned()
    } else {
        format!("{proof_field}[{index}]")
    }
}

/// Checks a credential; returns its claims and subject id. `lists` collects the status lists its
/// disclosed entries point at; `None` for a status list credential, whose own status is not
/// followed.
fn credential<'s>(
    doc: &UnverifiedLdDocument<'s>,
    field: &str,
    ctx: &mut Ctx<'_>,
    binding: (Option<ExpectedSession<'_>>, Request),
    vendor: Vendor,
    lists: Option<&mut Vec<String>>,
) -> (IdentityClaims<'s>, Option<String>, Option<String>) {
    let empty = || (IdentityClaims::new(vendor), None, None);
    let proof_field = join_path(field, "proof");
    if doc.proof.as_ref().is_none_or(|p| p.0.is_empty()) {
        ctx.fail("proof.present", Error::ProofMissing { field: proof_field });
        unsigned_diagnostics(doc, field, ctx);
        return empty();
    }
    let Some(value) = surface(doc, field, ctx) else { return empty() };
    let Some(verified) = check_proofs(doc, &proof_field, ctx, binding) else {
        unsigned_diagnostics(doc, field, ctx);
        return empty();
    };
    match signed_credential(doc, &value, field, ctx, &verified, vendor, lists) {
        Ok(claims) => claims,
        Err(e) => {
            ctx.fail("ld.dataset", e);
            empty()
        }
    }
}

/// A status list credential: checked like a credential (time, issuer, proofs), except that its
/// own `credentialStatus`, if any, is not followed.
pub(crate) fn run_status_list(
    doc: &UnverifiedLdDocument<'_>,
    field: &str,
    ctx: &mut Ctx<'_>,
    vendor: Vendor,
) {
    credential(doc, field, ctx, (None, Request::NotBound), vendor, None);
}

/// Everything after the proofs verified, read from the statements they verified.
fn signed_credential<'s>(
    doc: &UnverifiedLdDocument<'s>,
    value: &Value,
    field: &str,
    ctx: &mut Ctx<'_>,
    verified: &[VerifiedProof],
    vendor: Vendor,
    lists: Option<&mut Vec<String>>,
) -> Result<(IdentityClaims<'s>, Option<String>, Option<String>), Error> {
    let Some(first) = verified.first() else {
        return Err(Error::missing(join_path(field, "proof")));
    };
    // Every proof of a set signs the same document; each one's options are its own.
    crate::ld::surface::unsigned_member(field, value, &first.document, &["proof"])?;
    let proof_field = join_path(field, "proof");
    let proof_json: Vec<&Value> = match value.get("proof") {
        Some(Value::Array(all)) => all.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    let mut proof_created = None;
    for (i, (json, v)) in proof_json.iter().zip(verified).enumerate() {
        let f = proof_path(&proof_field, i, verified.len());
        crate::ld::surface::unsigned_member(&f, json, &v.options, &["proofValue", "jws", "nonce"])?;
        let created = signed_proof_times(ctx, &f, &v.options)?;
        proof_created = proof_created.or(created);
    }
    let d = &first.document;
    // A derived proof may disclose nothing but itself: then no statement is about anything, and
    // every member a check needs is withheld (reported below, not passed).
    let nothing = Node::Blank(String::new());
    let cred = if d.statements().is_empty() { &nothing } else { credential_node(field, d)? };
    // VCDM 1.1 section 4.6/4.7 (issuanceDate, expirationDate); VCDM 2.0 section 4.9
    // (validFrom, validUntil).
    let mut issued = None;
    for name in ["issuanceDate", "validFrom"] {
        let f = join_path(field, name);
        if let Some(at) = ctx.instant(&f, Dataset::single_text(&f, d.values(cred, name))?) {
            let result = ctx.now().not_before(&f, at).map(|()| format!("{f} = {at} (signed)"));
            ctx.check(format!("time.valid_from.{f}"), result);
            issued.get_or_insert(at);
        }
    }
    for name in ["expirationDate", "validUntil"] {
        let f = join_path(field, name);
        if let Some(at) = ctx.instant(&f, Dataset::single_text(&f, d.values(cred, name))?) {
            let result = ctx.now().not_after(&f, at).map(|()| format!("{f} = {at} (signed)"));
            ctx.check(format!("time.valid_until.{f}"), result);
        }
    }
    let issuer_field = join_path(field, "issuer");
    // An issuer object without an `id` (a blank node) names nobody.
    let issuer = if d.values(cred, "issuer").all(|o| matches!(o, Object::Node(Node::Blank(_)))) {
        None
    } else {
        Dataset::single_text(&issuer_field, d.values(cred, "issuer"))?
    };
    let is_credential = d.typed(CREDENTIALS, "VerifiableCredential").contains(&cred);
    let strict = vendor == Vendor::TrinsicConnect || d.has_type(cred, TRINSIC_IDENTITY_DOCUMENT);
    match issuer {
        Some(issuer) => {
            for v in verified {
                ctx.check(
                    "binding.issuer",
                    issuer_binding(ctx, &issuer_field, issuer, &v.verification_method),
                );
                // A status list is trusted through the credential that points at it: it must
                // have that credential's issuer (`status`), and only the methods that issuer is
                // pinned to may sign it.
                let trusted = ctx.policy.trusted_issuers();
                let trust = if lists.is_some() {
                    crate::verify::trust::issuer_trusted(
                        trusted,
                        &issuer_field,
                        issuer,
                        &v.verification_method,
                        strict,
                    )
                } else {
                    crate::verify::trust::status_list_method(
                        trusted,
                        &issuer_field,
                        issuer,
                        &v.verification_method,
                    )
                };
                ctx.check("issuer.trusted", trust);
            }
        }
        None if is_credential => ctx.fail("credential.issuer", Error::missing(&issuer_field)),
        // A signed document that names no issuer vouches through its signer alone: the
        // controller of the method must be trusted as an issuer would be.
        None if lists.is_some() => {
            let trusted = ctx.policy.trusted_issuers();
            for (i, v) in verified.iter().enumerate() {
                let f =
                    format!("{}.verificationMethod", proof_path(&proof_field, i, verified.len()));
                let signer = crate::did::did_of(&v.verification_method);
                ctx.check(
                    "issuer.trusted",
                    crate::verify::trust::issuer_trusted(
                        trusted,
                        &f,
                        signer,
                        &v.verification_method,
                        strict,
                    ),
                );
            }
        }
        None => {}
    }
    let subjects =
        nodes(&join_path(field, "credentialSubject"), d.values(cred, "credentialSubject"))?;
    let selective = verified.iter().any(|v| v.selective);
    disclosures(
        ctx,
        field,
        d,
        (cred, is_credential, issuer.is_some(), &subjects),
        selective,
        vendor,
    );
    let mut person: Option<Person<'s>> = None;
    for (i, subject) in subjects.iter().enumerate() {
        let sf = if subjects.len() == 1 {
            join_path(field, "credentialSubject")
        } else {
            format!("{field}.credentialSubject[{i}]")
        };
        let claims = subject_claims(d, subject, &sf, strict, vendor)?;
        one_person(
            ctx,
            &mut person,
            Person {
                field: sf,
                subject: subject.iri().map(str::to_owned),
                claims,
                issuer: issuer.map(str::to_owned),
            },
        );
    }
    let (mut claims, subject) =
        person.map_or_else(|| (IdentityClaims::new(vendor), None), |p| (p.claims, p.subject));
    if let Some(expiry) = claims.document.as_ref().and_then(|d| d.expiry_date) {
        document_expiry(ctx, &join_path(field, "credentialSubject.expiryDate"), expiry);
    }
    if let Some(lists) = lists {
        status(ctx, field, d, cred, issuer, lists)?;
    }
    // When the credential was issued, else when its proof was made: both signed.
    claims.provenance.verified_at = issued.or(proof_created);
    // The subject as sent. Each of its values is among the verified statements (checked above),
    // but its shape is not the dataset's (a subject may be split, a value repeated): the claims
    // above, not this, are what was signed.
    claims.raw = doc.credential_subject;
    Ok((claims, subject, issuer.map(str::to_owned)))
}

/// The node the credential's statements are about: the one typed `VerifiableCredential`, else
/// the one root of the dataset.
fn credential_node<'d>(field: &str, d: &'d Dataset) -> Result<&'d Node, Error> {
    let typed = d.typed(CREDENTIALS, "VerifiableCredential");
    let candidates = if typed.is_empty() { d.roots() } else { typed };
    match candidates.as_slice() {
        [one] => Ok(one),
        [] => Err(Error::LdStatement {
            field: field.to_owned(),
            reason: "the signed statements are about nothing".into(),
        }),
        many => Err(Error::LdStatement {
            field: field.to_owned(),
            reason: format!("the signed statements describe {} credentials", many.len()),
        }),
    }
}

/// The nodes among `objects`; a literal where a node is expected is an error.
fn nodes<'d>(
    field: &str,
    objects: impl Iterator<Item = &'d Object>,
) -> Result<Vec<&'d Node>, Error> {
    let mut out = Vec::new();
    for o in objects {
        match o {
            Object::Node(n) => out.push(n),
            Object::Literal { .. } => {
                return Err(Error::LdStatement {
                    field: field.to_owned(),
                    reason: "a value where a node is expected".into(),
                })
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// `created` and `expires` of a proof, from its signed options; returns `created`.
fn signed_proof_times(
    ctx: &mut Ctx<'_>,
    field: &str,
    options: &Dataset,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, Error> {
    let created_field = join_path(field, "created");
    let created = ctx.instant(
        &created_field,
        Dataset::single_text(&created_field, options.objects_any(DC_CREATED))?,
    );
    if let Some(created) = created {
        let result = ctx
            .now()
            .not_in_future(&created_field, created)
            .map(|()| format!("{created_field} = {created} (signed)"));
        ctx.check("time.proof_created", result);
    }
    let expires_field = join_path(field, "expires");
    if let Some(expires) = ctx.instant(
        &expires_field,
        Dataset::single_text(&expires_field, options.objects_any(SEC_EXPIRES))?,
    ) {
        let result = ctx
            .now()
            .not_after(&expires_field, expires)
            .map(|()| format!("{expires_field} = {expires} (signed)"));
        ctx.check("time.proof_expires", result);
    }
    Ok(created)
}

/// Withheld is not passed: the members the issuer profile says its credentials always carry,
/// and those the policy requires, must be among the verified statements; a selectively
/// disclosed credential that withholds one is "could not check" (`ld.withheld`), unless the
/// policy accepts it withheld, which is then reported as skipped.
fn disclosures(
    ctx: &mut Ctx<'_>,
    field: &str,
    d: &Dataset,
    (cred, is_credential, has_issuer, subjects): (&Node, bool, bool, &[&Node]),
    selective: bool,
    vendor: Vendor,
) {
    let policy = ctx.policy;
    let trinsic_type = d.objects(cred, crate::ld::dataset::RDF_TYPE).any(|t| matches!(t, Object::Node(Node::Iri(i)) if i.strip_prefix(TRINSIC_VOCAB) == Some(TRINSIC_IDENTITY_DOCUMENT)));
    let mut required: Vec<(&str, &str, bool)> = Vec::new();
    // A selectively disclosed proof must say what it is about: which credential, by whom, about
    // whom. Without them its holder could hide the very statements that select the rules below.
    // A proof that discloses nothing vouches for nothing. A document that is no credential (no
    // type, no subject: a bare JSON-LD document) yields no claims and is judged as it is.
    if selective && d.statements().is_empty() {
        required.push((
            "",
            "a selectively disclosed proof that discloses no statement vouches for nothing",
            false,
        ));
    } else if selective && (is_credential || !subjects.is_empty() || has_issuer) {
        required.push((
            "type",
            "a selectively disclosed credential must disclose that it is a VerifiableCredential",
            is_credential,
        ));
        required.push((
            "issuer",
            "a selectively disclosed credential must disclose who issued it",
            has_issuer,
        ));
        required.push((
            "credentialSubject",
            "a selectively disclosed credential must disclose whom it is about",
            !subjects.is_empty(),
        ));
    }
    // A selectively disclosed credential that discloses no expiry may have withheld one: the
    // holder of an expired credential would otherwise pass every time check by leaving its
    // `validUntil` out (the W3C ecdsa-sd-2023 and bbs-2023 examples make only `/issuer`
    // mandatory). Selective disclosure cannot tell withheld from never stated, so its expiry is
    // "could not check" unless disclosed or the policy accepts it withheld
    // (`allow_withheld("validUntil")`). Trinsic's profile, below, states what its credentials
    // carry instead.
    let profiled = vendor == Vendor::TrinsicConnect || trinsic_type;
    if selective && !profiled && is_credential {
        let expiry =
            ["validUntil", "expirationDate"].iter().any(|m| disclosed(d, cred, subjects, m));
        required.push((
            "validUntil",
            "a selectively disclosed credential that discloses no expiry (validUntil, \
             expirationDate) may have withheld it: whether it has expired cannot be checked",
            expiry,
        ));
    }
    // The Trinsic profile applies to every credential of a Trinsic result, and to every
    // IdentityDocument_v0: the holder cannot opt out of it by withholding the type.
    if profiled {
        if vendor == Vendor::TrinsicConnect {
            required.push((
                "type",
                "a Trinsic Connect credential is an IdentityDocument_v0",
                trinsic_type,
            ));
        }
        for (member, why) in TRINSIC_PROFILE {
            required.push((member, why, disclosed(d, cred, subjects, member)));
        }
    }
    for m in policy.required_disclosures() {
        required.push((m.as_str(), "the policy requires it", disclosed(d, cred, subjects, m)));
    }
    for (member, why, present) in required {
        let f = if member.is_empty() { field.to_owned() } else { join_path(field, member) };
        if present {
            ctx.check("ld.disclosed", Ok(format!("{f} is among the signed statements")));
        } else if policy.withheld_allowed(member) {
            ctx.skip("ld.withheld", format!("{f} withheld, accepted by the policy: {why}"));
        } else {
            ctx.fail("ld.withheld", Error::LdWithheld { field: f, reason: why.to_owned() });
        }
    }
}

/// Whether `member` (`name` of the credential, or `credentialSubject.name`) is stated.
fn disclosed(d: &Dataset, cred: &Node, subjects: &[&Node], member: &str) -> bool {
    match member.split_once('.') {
        Some(("credentialSubject", name)) => {
            subjects.iter().any(|s| d.values(s, name).next().is_some())
        }
        Some(_) => false,
        None => d.values(cred, member).next().is_some(),
    }
}

/// The credential's status entries, from the verified statements, checked against the
/// caller's lists. With none disclosed, a policy requiring status checks cannot be satisfied.
fn status(
    ctx: &mut Ctx<'_>,
    field: &str,
    d: &Dataset,
    cred: &Node,
    issuer: Option<&str>,
    lists: &mut Vec<String>,
) -> Result<(), Error> {
    let status_field = join_path(field, "credentialStatus");
    let entries = nodes(&status_field, d.values(cred, "credentialStatus"))?;
    if entries.is_empty() {
        if ctx.policy.status_check_required() {
            ctx.judged(Expectation::Status);
            ctx.fail(
                "status.checked",
                Error::StatusNotChecked {
                    field: status_field,
                    reason: "no credentialStatus among the signed statements (absent or withheld)"
                        .into(),
                },
            );
        }
        return Ok(());
    }
    let mut read = Vec::with_capacity(entries.len());
    for (i, node) in entries.iter().enumerate() {
        let f =
            if entries.len() == 1 { status_field.clone() } else { format!("{status_field}[{i}]") };
        let text = |name: &str| -> Result<Option<Cow<'static, str>>, Error> {
            Ok(Dataset::single_text(&join_path(&f, name), d.values(node, name))?
                .map(|t| Cow::Owned(t.to_owned())))
        };
        let index = |name: &str| -> Result<Option<TextOrNumber<'static>>, Error> {
            Ok(text(name)?.map(TextOrNumber::Text))
        };
        // The first type this library knows, else the first: an unknown one is reported as such.
        let types: Vec<&str> = d
            .objects(node, crate::ld::dataset::RDF_TYPE)
            .filter_map(|o| match o {
                Object::Node(Node::Iri(i)) => Some(crate::ld::dataset::local_name(i).unwrap_or(i)),
                _ => None,
            })
            .collect();
        let kind = types
            .iter()
            .find(|t| crate::ld::status_list::ListKind::from_entry_type(t).is_some())
            .or(types.first());
        let entry = StatusEntry {
            kind: kind.map(|k| Cow::Owned((*k).to_owned())),
            revocation_list_index: index("revocationListIndex")?,
            revocation_list_credential: text("revocationListCredential")?,
            status_list_index: index("statusListIndex")?,
            status_list_credential: text("statusListCredential")?,
            status_purpose: text("statusPurpose")?,
            status_size: index("statusSize")?,
        };
        lists.extend(entry.list_url().map(str::to_owned));
        read.push((f, entry));
    }
    super::status::check_entries(ctx, &status_field, read, issuer);
    Ok(())
}

/// Whether the issuer controls the verification method that signed (VC Data Integrity section
/// 4.3, "controller"). For a DID URL the controller is its DID; otherwise the issuer's own
/// controller document, when the caller supplied it, must list the method.
fn issuer_binding(
    ctx: &Ctx<'_>,
    issuer_field: &str,
    issuer: &str,
    vm: &str,
) -> Result<String, Error> {
    let controller = crate::did::did_of(vm);
    let documents = ctx.policy.did_documents();
    if controller == issuer {
        Ok(format!("{issuer_field} = {issuer} controls {vm}"))
    } else if documents.lists(issuer, vm, "assertionMethod") == Some(true) {
        Ok(format!(
            "{issuer_field}: the controller document of {issuer} lists {vm} under assertionMethod"
        ))
    } else if issuer.starts_with("did:")
        || documents.lists(issuer, vm, "assertionMethod") == Some(false)
    {
        Err(Error::IssuerMismatch {
            field: issuer_field.to_owned(),
            issuer: issuer.to_owned(),
            verification_method: vm.to_owned(),
        })
    } else {
        Err(Error::ProofNotChecked {
            field: issuer_field.to_owned(),
            proof_type: "(issuer binding)".into(),
            reason: format!("issuer {issuer} is not a DID: whether it controls {vm} needs its controller document (--did-doc)"),
        })
    }
}

/// A document whose proofs did not verify states nothing signed; its JSON is still read, for
/// rejections only (a validity period over, an issuer that cannot control the method, a proof
/// dated in the future, an expired identity document), so that the report names every reason.
/// Nothing here can make a result pass: passing needs the verified proofs.
fn unsigned_diagnostics(doc: &UnverifiedLdDocument<'_>, field: &str, ctx: &mut Ctx<'_>) {
    for (name, value, from) in [
        ("issuanceDate", &doc.issuance_date, true),
        ("validFrom", &doc.valid_from, true),
        ("expirationDate", &doc.expiration_date, false),
        ("validUntil", &doc.valid_until, false),
    ] {
        let f = join_path(field, name);
        if let Some(at) = ctx.instant(&f, value.as_deref()) {
            let result =
                if from { ctx.now().not_before(&f, at) } else { ctx.now().not_after(&f, at) };
            if let Err(e) = result {
                ctx.fail(if from { "time.valid_from" } else { "time.valid_until" }, e);
            }
        }
    }
    let proofs = doc.proof.as_ref().map_or(&[][..], |p| p.0.as_slice());
    let issuer = doc.issuer.as_ref().and_then(|i| i.id.as_deref());
    for (i, proof) in proofs.iter().enumerate() {
        let pf = proof_path(&join_path(field, "proof"), i, proofs.len());
        let created_field = join_path(&pf, "created");
        if let Some(created) = ctx.instant(&created_field, proof.created.as_deref()) {
            if let Err(e) = ctx.now().not_in_future(&created_field, created) {
                ctx.fail("time.proof_created", e);
            }
        }
        let expires_field = join_path(&pf, "expires");
        if let Some(expires) = ctx.instant(&expires_field, proof.expires.as_deref()) {
            if let Err(e) = ctx.now().not_after(&expires_field, expires) {
                ctx.fail("time.proof_expires", e);
            }
        }
        // A proof of an unknown suite is refused as such; its method is not looked at.
        if let (Some(issuer), Some(vm), Ok(_)) =
            (issuer, proof.verification_method.as_deref(), suite_name(proof, &pf))
        {
            if let Err(e) = issuer_binding(ctx, &join_path(field, "issuer"), issuer, vm) {
                ctx.fail("binding.issuer", e);
            }
        }
    }
    if doc.types.contains(TRINSIC_IDENTITY_DOCUMENT) {
        if let Some(subject) = doc.credential_subject {
            #[derive(serde::Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Expiry<'a> {
                #[serde(default, borrow)]
                expiry_date: Option<Cow<'a, str>>,
            }
            let f = join_path(field, "credentialSubject.expiryDate");
            if let Ok(Expiry { expiry_date: Some(text) }) =
                serde_json::from_str::<Expiry<'_>>(subject.get())
            {
                if let Ok(Some(expiry)) = date_claim(&f, Some(&TextOrNumber::Text(text))) {
                    if !ctx.policy.expired_documents_allowed() {
                        if let Err(e) = ctx.now().document_valid(&f, expiry) {
                            ctx.fail("time.document_expiry", e);
                        }
                    }
                }
            }
        }
    }
}

/// An identity document is valid through its expiry date, unless the policy allows expired ones.
pub(crate) fn document_expiry(ctx: &mut Ctx<'_>, field: &str, expiry: chrono::NaiveDate) {
    if ctx.policy.expired_documents_allowed() {
        ctx.skip(
            "time.document_expiry",
            format!("{field} = {expiry}; expired documents allowed by the policy"),
        );
    } else {
        let result =
            ctx.now().document_valid(field, expiry).map(|()| format!("{field} = {expiry}"));
        ctx.check("time.document_expiry", result);
    }
}

/// The suites this library knows. Anything else fails closed.
fn suite_name(proof: &Proof<'_>, field: &str) -> Result<String, Error> {
    let kind = proof.kind.as_deref().ok_or_else(|| Error::missing(join_path(field, "type")))?;
    let known = match kind {
        "BbsBlsSignatureProof2020"
        | "BbsBlsSignature2020"
        | "Ed25519Signature2020"
        | "JsonWebSignature2020" => true,
        // The Data Integrity cryptosuites of the W3C EdDSA, ECDSA and BBS specifications. One
        // this build has no verifier for (`crate::ld::suites`) is "could not check"
        // (`proof.not_checked`), never an unknown suite.
        "DataIntegrityProof" => matches!(
            proof.cryptosuite.as_deref(),
            Some(
                "eddsa-rdfc-2022"
                    | "eddsa-jcs-2022"
                    | "ecdsa-rdfc-2019"
                    | "ecdsa-jcs-2019"
                    | "ecdsa-sd-2023"
                    | "bbs-2023"
            )
        ),
        _ => false,
    };
    let name = match (kind, proof.cryptosuite.as_deref()) {
        ("DataIntegrityProof", Some(suite)) => format!("{kind}/{suite}"),
        _ => kind.to_owned(),
    };
    if known {
        Ok(name)
    } else {
        Err(Error::ProofUnsupportedType { field: join_path(field, "type"), proof_type: name })
    }
}

fn check_proof(
    proof: &Proof<'_>,
    (document, index): (&str, usize),
    expected_purpose: &str,
    field: &str,
    ctx: &mut Ctx<'_>,
    (session, request): (Option<ExpectedSession<'_>>, Request),
) -> Option<VerifiedProof> {
    let suite = match suite_name(proof, field) {
        Ok(s) => s,
        Err(e) => {
            ctx.fail("proof.type", e);
            return None;
        }
    };
    // A proof chain (VC Data Integrity, "Proof Chains" and "Verify Proof Sets and Chains"): a
    // proof naming a `previousProof` signs the document together with the proofs it names, so
    // checked alone it vouches for something else than it says (a chained proof fails, and a
    // proof signed over the document alone while naming a predecessor passes where the
    // specification fails it). Chains are a published construct this version does not check:
    // could not check, never verified, and never a misleading "invalid".
    if proof.previous_proof.is_some() {
        ctx.fail(format!("proof.signature.{field}"), proof_chain_not_checked(field, &suite));
        return None;
    }
    if proof.verification_method.is_none() {
        ctx.fail(
            "proof.verification_method",
            Error::missing(join_path(field, "verificationMethod")),
        );
        return None;
    }
    // The nonce is an input of a derived BBS+ proof: it verifies only with the one it was made for.
    check_nonce(proof, field, ctx, session);
    // Read here to pick the key's relationship; confirmed from the signed options below.
    match proof.proof_purpose.as_deref() {
        Some(p) if p == expected_purpose => {}
        found => {
            ctx.fail(
                "proof.purpose",
                purpose_error(
                    field,
                    expected_purpose,
                    found.map_or("none".to_owned(), |p| format!("{p:?}")),
                ),
            );
            return None;
        }
    }
    let policy = ctx.policy;
    let rdfc = crate::ld::canonicalizer(
        policy.ld_contexts(),
        *policy.limits(),
        &ctx.work,
        policy.caches().ld(),
    );
    let rdfc: Option<&dyn Canonicalize> = match &rdfc {
        Some(c) => Some(c),
        None => None,
    };
    let cx = ProofContext {
        dids: policy.did_documents(),
        rdfc,
        at: policy.now(),
        algorithms: policy.allowed_algorithms(),
        limits: policy.limits(),
        #[cfg(feature = "bbs")]
        bbs_keys: policy.caches().bbs_keys(),
        #[cfg(feature = "bbs")]
        bbs2023_generators: policy.caches().bbs2023_generators(),
    };
    let result = match crate::ld::suites::find(proof.kind.as_deref(), proof.cryptosuite.as_deref())
    {
        Some(verifier) => verifier.verify(field, document, index, &cx),
        None => Err(Error::ProofNotChecked {
            field: field.to_owned(),
            proof_type: suite.clone(),
            reason: "proof verification for this suite is not in this build".into(),
        }),
    };
    let verified = match result {
        Ok(v) => v,
        Err(e) => {
            ctx.fail(format!("proof.signature.{field}"), e);
            return None;
        }
    };
    // The same, read from what the proof signs: a term of another trusted context that
    // expands to `sec:previousProof` is a chain too.
    if verified.options.objects_any(SEC_PREVIOUS_PROOF).next().is_some() {
        ctx.fail(format!("proof.signature.{field}"), proof_chain_not_checked(field, &suite));
        return None;
    }
    ctx.check(
        format!("proof.signature.{field}"),
        Ok(format!(
            "{suite} proof verified with {} (controller {})",
            verified.verification_method, verified.controller
        )),
    );
    // The purpose as signed: the options state it as an IRI of the security vocabulary.
    let purpose_field = join_path(field, "proofPurpose");
    let signed_purpose =
        match Dataset::single_text(&purpose_field, verified.options.objects_any(SEC_PROOF_PURPOSE))
        {
            Ok(p) => p.map(|p| crate::ld::dataset::local_name(p).unwrap_or(p).to_owned()),
            Err(e) => {
                ctx.fail("proof.purpose", e);
                return None;
            }
        };
    // The security vocabulary names the relationships `...Method`: the term `authentication`
    // is `sec:authenticationMethod`, `assertionMethod` is itself.
    let expected_iri_name = if expected_purpose.ends_with("Method") {
        expected_purpose.to_owned()
    } else {
        format!("{expected_purpose}Method")
    };
    if signed_purpose.as_deref() != Some(expected_iri_name.as_str()) {
        ctx.fail(
            "proof.purpose",
            purpose_error(
                field,
                expected_purpose,
                format!("{signed_purpose:?} among the signed options"),
            ),
        );
        return None;
    }
    if request == Request::Bound {
        challenge_and_domain(&verified, field, ctx);
    }
    Some(verified)
}

/// The "could not check" of a proof that is a link of a proof chain.
fn proof_chain_not_checked(field: &str, suite: &str) -> Error {
    Error::ProofNotChecked {
        field: join_path(field, "previousProof"),
        proof_type: suite.to_owned(),
        reason: "proof chains (previousProof, VC Data Integrity \"Proof Chains\") are not \
                 checked by this version: the proofs it names are part of what it signs"
            .into(),
    }
}

fn purpose_error(field: &str, expected: &str, found: String) -> Error {
    Error::ProofPurpose {
        field: join_path(field, "proofPurpose"),
        reason: format!("{found} where {expected} is required"),
    }
}

/// `challenge` and `domain` (VC Data Integrity section 2.1), from the signed proof options: a
/// proof made for one verifier and one request must not be accepted by another. The caller's
/// nonce is the expected challenge, its audience the expected domain; a proof carrying one the
/// caller did not issue is refused.
///
/// A bbs-2023 derived proof is made by the holder over options the issuer signed, so its options
/// cannot carry the verifier's challenge; what the holder binds instead is the presentation
/// header (vc-di-bbs, the `presentationHeader` of createDisclosureData; the IETF BBS
/// `ProofGen` hashes it into the proof's challenge, section 3.7.4). The specification leaves its
/// contents to the application: vpcheck takes the expected nonce's UTF-8 bytes, compared byte for
/// byte (an empty header binds nothing), and reads the header only when the options state no
/// challenge and a nonce is expected.
fn challenge_and_domain(verified: &VerifiedProof, field: &str, ctx: &mut Ctx<'_>) {
    let policy = ctx.policy;
    for (name, predicate, expected, expectation) in [
        ("challenge", SEC_CHALLENGE, policy.expected_nonce(), Expectation::Nonce),
        ("domain", SEC_DOMAIN, policy.expected_audience(), Expectation::Audience),
    ] {
        // Judged here, on the proof bound to the request, whatever the proof carries.
        ctx.judged(expectation);
        let f = join_path(field, name);
        let found = match Dataset::single_text(&f, verified.options.objects_any(predicate)) {
            Ok(found) => found,
            Err(e) => {
                ctx.fail(format!("proof.{name}"), e);
                continue;
            }
        };
        let header = verified.presentation_header.as_deref().filter(|_| name == "challenge");
        let result = match (found, expected, header) {
            (None, None, _) => continue,
            (Some(f_), Some(e), _) if f_ == e => Ok(format!("{f} is the expected {name} (signed)")),
            // An empty header is what a holder asked for nothing derives: never a binding.
            (None, Some(e), Some(header)) if !header.is_empty() && header == e.as_bytes() => {
                Ok(format!(
                    "{field}.proofValue: the derived proof's presentation header is the expected \
                 challenge (bound by the BBS proof)"
                ))
            }
            (found, expected, header) => {
                let found = match (found, header) {
                    (Some(found), _) => found.to_owned(),
                    (None, Some(header)) => format!(
                        "none (the derived proof's presentation header, {} bytes, is not the \
                         challenge's UTF-8)",
                        header.len()
                    ),
                    (None, None) => "none".to_owned(),
                };
                let expected = expected.unwrap_or("none").to_owned();
                Err(if name == "challenge" {
                    Error::ProofChallenge { field: f, expected, found }
                } else {
                    Error::ProofDomain { field: f, expected, found }
                })
            }
        };
        ctx.check(format!("proof.{name}"), result);
    }
}

/// ldp-bbs2020 nonces are standard base64; Trinsic's decode to `...idvsession:<uuid>`, binding
/// the derived proof to the session (as in `test-vectors/vendors/trinsic-connect-result-vp.json`).
fn check_nonce(
    proof: &Proof<'_>,
    field: &str,
    ctx: &mut Ctx<'_>,
    session: Option<ExpectedSession<'_>>,
) {
    let nonce_field = join_path(field, "nonce");
    let Some(expected) = session else {
        if proof.nonce.is_some() {
            ctx.skip("binding.nonce", format!("{nonce_field}: no session id to compare with"));
        }
        return;
    };
    let result = match proof.nonce.as_deref() {
        None => Err(Error::missing(&nonce_field)),
        Some(nonce) => match STANDARD.decode(nonce) {
            Err(e) => Err(Error::invalid(&nonce_field, format!("not standard base64: {e}"))),
            Ok(bytes) => match String::from_utf8(bytes) {
                Err(_) => Err(Error::SessionIdMismatch {
                    field: nonce_field.clone(),
                    expected: expected.id.to_owned(),
                    found: "(a nonce that is not UTF-8 text)".into(),
                }),
                Ok(text) => same_session(&nonce_field, expected.id, &text)
                    .map(|detail| format!("{detail}, as in {}", expected.field)),
            },
        },
    };
    ctx.check("binding.nonce", result);
}

/// The claims of a credential subject, from the verified statements about it. For Trinsic's
/// `IdentityDocument_v0` every known claim must be a single text value; for other credentials,
/// claims of another shape are ignored.
fn subject_claims<'s>(
    d: &Dataset,
    subject: &Node,
    field: &str,
    strict: bool,
    vendor: Vendor,
) -> Result<IdentityClaims<'s>, Error> {
    let mut claims = IdentityClaims::new(vendor);
    let literal = |names: &[&str]| subject_literal(d, subject, field, strict, names);
    let text = |names: &[&str]| -> Result<Option<Cow<'s, str>>, Error> {
        Ok(present(literal(names)?.map(|(_, value, _)| Cow::Owned(value.to_owned()))))
    };
    let date = |names: &[&str]| -> Result<Option<chrono::NaiveDate>, Error> {
        let Some((f, value, datatype)) = literal(names)? else { return Ok(None) };
        let parsed = match (datatype, value.parse::<i64>()) {
            (XSD_INTEGER, Ok(n)) => TextOrNumber::Number(n),
            _ => TextOrNumber::Text(Cow::Borrowed(value)),
        };
        match date_claim(&f, Some(&parsed)) {
            Ok(d) => Ok(d),
            Err(e) if strict => Err(e),
            Err(_) => Ok(None),
        }
    };
    claims.given_name = text(&["givenName"])?;
    claims.family_name = text(&["familyName"])?;
    claims.middle_name = text(&["middleName", "additionalName"])?;
    claims.full_name = text(&["fullName", "name"])?;
    claims.birth_date = date(&["dateOfBirth", "birthDate"])?;
    claims.sex = text(&["sex", "gender"])?.map(Sex::from_vendor);
    claims.nationality =
        country_claim(&join_path(field, "nationality"), text(&["nationality"])?.as_deref())?;
    let mut address = address_claims(d, subject, field, strict)?;
    // schema.org states a postal address on a node of its own (`address`, a `PostalAddress`):
    // a subject that gives no address fields of its own and one `address` node gives that
    // node's, from the same verified statements. Two address nodes are two addresses, and
    // neither is picked.
    if address.is_empty() {
        let mut nodes = d.values(subject, "address").filter_map(|o| match o {
            Object::Node(node) => Some(node),
            Object::Literal { .. } => None,
        });
        if let (Some(node), None) = (nodes.next(), nodes.next()) {
            address = address_claims(d, node, &join_path(field, "address"), strict)?;
        }
    }
    claims.address = Some(address);
    claims.document = Some(IdentityDocument {
        kind: None,
        number: text(&["number", "documentNumber"])?,
        issuing_country: None,
        issuing_subdivision: None,
        issuing_authority: text(&["issuer"])?,
        issue_date: date(&["issueDate"])?,
        expiry_date: date(&["expiryDate", "expirationDate"])?,
    });
    Ok(claims.tidy())
}

/// The postal address fields `node` states (the subject's own, or its schema.org `address`
/// node's), read as the subject's claims are.
fn address_claims<'s>(
    d: &Dataset,
    node: &Node,
    field: &str,
    strict: bool,
) -> Result<Address<'s>, Error> {
    let text = |names: &[&str]| -> Result<Option<Cow<'s, str>>, Error> {
        let found = subject_literal(d, node, field, strict, names)?;
        Ok(present(found.map(|(_, value, _)| Cow::Owned(value.to_owned()))))
    };
    Ok(Address {
        street: text(&["streetAddress"])?,
        locality: text(&["city", "addressLocality"])?,
        region: text(&["state", "addressRegion"])?,
        postal_code: text(&["postalCode"])?,
        country: country_claim(
            &join_path(field, "country"),
            text(&["country", "addressCountry"])?.as_deref(),
        )?,
        formatted: None,
    })
}

/// The first of `names` a subject states, as a literal: its member path, lexical form and
/// datatype. Two different values for it are refused; a node (a blank one, or an IRI) where a
/// value is expected is refused when `strict` (Trinsic) and ignored otherwise.
fn subject_literal<'d>(
    d: &'d Dataset,
    subject: &Node,
    field: &str,
    strict: bool,
    names: &[&str],
) -> Result<Option<(String, &'d str, &'d str)>, Error> {
    for name in names {
        let f = join_path(field, name);
        let mut found: Option<(&str, &str)> = None;
        let mut stated = false;
        for v in d.values(subject, name) {
            stated = true;
            match (v, found) {
                (Object::Node(_), _) if strict => {
                    return Err(Error::LdStatement {
                        field: f,
                        reason: "a node where a value is expected".into(),
                    })
                }
                (Object::Node(_), _) => {}
                (Object::Literal { value, .. }, Some((first, _))) if value != first => {
                    return Err(Error::LdStatement {
                        field: f,
                        reason: format!(
                            "the signed statements give it two values, {:?} and {:?}",
                            truncated(first, 80),
                            truncated(value, 80)
                        ),
                    })
                }
                (Object::Literal { .. }, Some(_)) => {}
                (Object::Literal { value, datatype, .. }, None) => found = Some((value, datatype)),
            }
        }
        if stated {
            return Ok(found.map(|(value, datatype)| (f, value, datatype)));
        }
    }
    Ok(None)
}

/// The issuance the JSON-LD checks record: a credential's `issuanceDate`, else `validFrom`, else
/// its first proof's `created` (a proof option the proof signs); for a presentation, that of its
/// first credential given as an object.
pub(crate) fn ld_issuance(
    doc: &UnverifiedLdDocument<'_>,
    field: &str,
) -> Result<(String, chrono::DateTime<chrono::Utc>), Error> {
    let join =
        |name: &str| if field.is_empty() { name.to_owned() } else { format!("{field}.{name}") };
    if doc.is_presentation() {
        let list = join("verifiableCredential");
        let credentials = doc.verifiable_credential.as_ref().map_or(&[][..], |l| l.0.as_slice());
        let (i, raw) =
            credentials.iter().enumerate().find(|(_, raw)| raw.get().starts_with('{')).ok_or_else(
                || Error::InstantUnavailable {
                    field: list.clone(),
                    reason: "no credential object".into(),
                },
            )?;
        let cf = format!("{list}[{i}]");
        let credential = UnverifiedLdDocument::parse(&cf, raw.get())?;
        return ld_issuance(&credential, &cf);
    }
    for (name, value) in [("issuanceDate", &doc.issuance_date), ("validFrom", &doc.valid_from)] {
        if let Some(value) = value {
            let f = join(name);
            return Ok((f.clone(), crate::time::parse_instant(&f, value)?));
        }
    }
    let proofs = doc.proof.as_ref().map_or(&[][..], |p| p.0.as_slice());
    if let Some(created) = proofs.first().and_then(|p| p.created.as_deref()) {
        let f = if proofs.len() == 1 { join("proof.created") } else { join("proof[0].created") };
        return Ok((f.clone(), crate::time::parse_instant(&f, created)?));
    }
    Err(Error::InstantUnavailable {
        field: join("issuanceDate"),
        reason: "the credential states no issuance and its proof no created".into(),
    })
}

/// The signed instant a JSON-LD check records, and its member path: the issuance the checks
/// used (`used`, from `ld::run`), named by the member it came from; when the checks found none,
/// the first proof's `created`. `None` when neither is there.
pub(crate) fn ld_checked_instant(
    used: Option<chrono::DateTime<chrono::Utc>>,
    doc: &UnverifiedLdDocument<'_>,
    field: &str,
) -> Option<(String, chrono::DateTime<chrono::Utc>)> {
    let surface = ld_issuance(doc, field).ok();
    match (used, surface) {
        (Some(t), Some((f, s))) if s == t => Some((f, t)),
        (Some(t), _) => Some((format!("{field}(issuance)"), t)),
        (None, Some((f, s))) if f.ends_with(".created") => Some((f, s)),
        (None, _) => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::ld::dataset::Statement;

    const S: &str = "https://schema.org/";

    fn iri(i: &str) -> Node {
        Node::Iri(i.to_owned())
    }

    fn text(subject: &Node, name: &str, value: &str) -> Statement {
        Statement {
            subject: subject.clone(),
            predicate: format!("{S}{name}"),
            object: Object::Literal {
                value: value.to_owned(),
                datatype: "http://www.w3.org/2001/XMLSchema#string".to_owned(),
                language: None,
            },
            graph: None,
        }
    }

    fn link(subject: &Node, name: &str, object: &Node) -> Statement {
        Statement {
            subject: subject.clone(),
            predicate: format!("{S}{name}"),
            object: Object::Node(object.clone()),
            graph: None,
        }
    }

    fn address(statements: Vec<Statement>) -> Option<Address<'static>> {
        let d = Dataset::new(statements);
        subject_claims(&d, &iri("did:example:holder"), "credentialSubject", false, Vendor::Generic)
            .unwrap()
            .address
    }

    /// schema.org's nested `PostalAddress` gives the address claims; the edits that must not:
    /// a second address node (two addresses, neither picked), fields stated on the subject
    /// itself (they win), and a node reached by another predicate.
    #[test]
    fn a_single_schema_org_address_node_gives_the_address() {
        let subject = iri("did:example:holder");
        let home = Node::Blank("b0".to_owned());
        let work = Node::Blank("b1".to_owned());
        let nested = vec![
            link(&subject, "address", &home),
            text(&home, "addressLocality", "Koeln"),
            text(&home, "addressCountry", "DE"),
            text(&home, "postalCode", "50667"),
        ];
        let a = address(nested.clone()).unwrap();
        assert_eq!(
            (a.locality.as_deref(), a.country, a.postal_code.as_deref(), a.street.as_deref()),
            (Some("Koeln"), Some("DE"), Some("50667"), None)
        );

        let mut two = nested.clone();
        two.extend([link(&subject, "address", &work), text(&work, "addressLocality", "Bonn")]);
        assert_eq!(address(two), None);

        let mut own = nested.clone();
        own.push(text(&subject, "addressLocality", "Berlin"));
        let a = address(own).unwrap();
        assert_eq!((a.locality.as_deref(), a.country), (Some("Berlin"), None));

        let mut other = nested;
        other[0] = link(&subject, "workLocation", &home);
        assert_eq!(address(other), None);

        // A country that is no ISO 3166-1 code is refused on the nested node as on the subject,
        // naming the nested member.
        let bad = vec![link(&subject, "address", &home), text(&home, "addressCountry", "Atlantis")];
        let d = Dataset::new(bad);
        let e = subject_claims(&d, &subject, "credentialSubject", false, Vendor::Generic)
            .err()
            .unwrap();
        assert!(e.to_string().contains("credentialSubject.address.country"), "{e}");
    }
}

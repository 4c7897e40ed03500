//! JSON-LD presentations and credentials: validity period, proof suite allowlist, proof times,
//! issuer and session binding, document expiry, and the claims of the credential subject.
//!
//! Proof signatures are not verified in this build: every known suite is reported
//! `proof.not_checked` (could not check), never passed.

use std::borrow::Cow;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::value::RawValue;

use super::{same_session, Ctx};
use crate::borrow::{str_from_raw, Members, TextOrNumber};
use crate::claims::{country_claim, date_claim, present, Address, IdentityClaims, IdentityDocument, Sex};
use crate::error::{Error, Vendor};
use crate::data_integrity::{verify_eddsa, verify_jws2020, Canonicalize, EddsaSuite};
use crate::json::{join_path, parse_typed};
use crate::vendor::ld::{Proof, UnverifiedLdDocument};

/// The credential type Trinsic issues for a checked identity document.
const TRINSIC_IDENTITY_DOCUMENT: &str = "IdentityDocument_v0";

/// The session a proof nonce must be bound to, and where that expectation comes from.
#[derive(Clone, Copy)]
pub(crate) struct ExpectedSession<'x> {
    pub field: &'x str,
    pub id: &'x str,
}

/// Checks a presentation or a single document; returns the claims of the first credential.
pub(crate) fn run<'s>(
    doc: &UnverifiedLdDocument<'s>,
    field: &str,
    ctx: &mut Ctx<'_>,
    session: Option<ExpectedSession<'_>>,
    vendor: Vendor,
) -> IdentityClaims<'s> {
    if !doc.is_presentation() {
        return run_credential(doc, field, ctx, session, vendor);
    }
    let credentials: &[&'s RawValue] = doc.verifiable_credential.as_ref().map_or(&[], |l| l.0.as_slice());
    let list_field = join_path(field, "verifiableCredential");
    let limit = ctx.policy.limits().max_credentials;
    if credentials.len() > limit {
        ctx.fail("limit.credentials", Error::TooManyCredentials { field: list_field, count: credentials.len(), limit });
        return IdentityClaims::new(vendor);
    }
    let proof_field = join_path(field, "proof");
    if !check_proofs(doc, &proof_field, None, ctx, session) {
        if credentials.is_empty() {
            ctx.fail("proof.present", Error::ProofMissing { field: proof_field });
        } else {
            ctx.skip("proof.presentation", "unsigned presentation wrapper: each credential carries its own proof");
        }
    }
    let mut claims = None;
    for (i, raw) in credentials.iter().enumerate() {
        let cf = format!("{list_field}[{i}]");
        let text = raw.get();
        if text.starts_with('{') {
            match UnverifiedLdDocument::parse(&cf, text) {
                Ok(credential) => {
                    let c = run_credential(&credential, &cf, ctx, session, vendor);
                    claims.get_or_insert(c);
                }
                Err(e) => ctx.fail(format!("parse.{cf}"), e),
            }
        } else if text.starts_with('"') {
            // A credential as a JWT string: verified like a JWT presentation's credentials.
            match str_from_raw(&cf, raw) {
                Ok(jwt) => super::jwt_vc::embedded_credential(ctx, &cf, &jwt, None),
                Err(e) => ctx.fail(format!("parse.{cf}"), e),
            }
        } else {
            ctx.fail(format!("parse.{cf}"), Error::invalid(&cf, "a credential must be an object or a JWT string"));
        }
    }
    claims.unwrap_or_else(|| IdentityClaims::new(vendor))
}

/// Checks every proof of `doc` (a proof set passes only if each proof does); false when it has
/// none.
fn check_proofs(
    doc: &UnverifiedLdDocument<'_>,
    proof_field: &str,
    issuer: Option<(&str, &str)>,
    ctx: &mut Ctx<'_>,
    session: Option<ExpectedSession<'_>>,
) -> bool {
    let proofs = doc.proof.as_ref().map_or(&[][..], |p| p.0.as_slice());
    for (i, proof) in proofs.iter().enumerate() {
        let field = if proofs.len() == 1 { proof_field.to_owned() } else { format!("{proof_field}[{i}]") };
        // VC Data Model 1.1 section 4.7 and VC Data Integrity section 2.1: a credential's proof
        // asserts (`assertionMethod`); a presentation's authenticates its holder.
        let purpose = if doc.is_presentation() { "authentication" } else { "assertionMethod" };
        check_proof(proof, (doc.raw, i), purpose, &field, issuer.map(|(f, id)| (f.to_owned(), id)), ctx, session);
    }
    !proofs.is_empty()
}

fn run_credential<'s>(
    doc: &UnverifiedLdDocument<'s>,
    field: &str,
    ctx: &mut Ctx<'_>,
    session: Option<ExpectedSession<'_>>,
    vendor: Vendor,
) -> IdentityClaims<'s> {
    let claims = check_credential(doc, field, ctx, session, vendor);
    if let Some(status) = doc.credential_status {
        let issuer = doc.issuer.as_ref().and_then(|i| i.id.as_deref());
        super::status::check(ctx, &join_path(field, "credentialStatus"), status, issuer);
    }
    claims
}

/// A status list credential: checked like a credential (time, issuer, proofs), except that its
/// own `credentialStatus`, if any, is not followed.
pub(crate) fn run_status_list(doc: &UnverifiedLdDocument<'_>, field: &str, ctx: &mut Ctx<'_>, vendor: Vendor) {
    check_credential(doc, field, ctx, None, vendor);
}

fn check_credential<'s>(
    doc: &UnverifiedLdDocument<'s>,
    field: &str,
    ctx: &mut Ctx<'_>,
    session: Option<ExpectedSession<'_>>,
    vendor: Vendor,
) -> IdentityClaims<'s> {
    // VCDM 1.1 section 4.6/4.7 (issuanceDate, expirationDate); VCDM 2.0 section 4.9
    // (validFrom, validUntil).
    let mut issued = None;
    for (name, value) in [("issuanceDate", &doc.issuance_date), ("validFrom", &doc.valid_from)] {
        let f = join_path(field, name);
        if let Some(at) = ctx.instant(&f, value.as_deref()) {
            let result = ctx.now().not_before(&f, at).map(|()| format!("{f} = {at}"));
            ctx.check(format!("time.valid_from.{f}"), result);
            issued.get_or_insert(at);
        }
    }
    for (name, value) in [("expirationDate", &doc.expiration_date), ("validUntil", &doc.valid_until)] {
        let f = join_path(field, name);
        if let Some(at) = ctx.instant(&f, value.as_deref()) {
            let result = ctx.now().not_after(&f, at).map(|()| format!("{f} = {at}"));
            ctx.check(format!("time.valid_until.{f}"), result);
        }
    }
    let issuer = doc.issuer.as_ref().and_then(|i| i.id.as_deref());
    let is_credential = doc.types.contains("VerifiableCredential");
    if is_credential && issuer.is_none() {
        ctx.fail("credential.issuer", Error::missing(join_path(field, "issuer")));
    }
    let proof_field = join_path(field, "proof");
    let issuer_field = join_path(field, "issuer");
    if !check_proofs(doc, &proof_field, issuer.map(|id| (issuer_field.as_str(), id)), ctx, session) {
        ctx.fail("proof.present", Error::ProofMissing { field: proof_field });
    }
    let strict = doc.types.contains(TRINSIC_IDENTITY_DOCUMENT);
    let mut claims = match subject_claims(doc.credential_subject, &join_path(field, "credentialSubject"), strict, vendor) {
        Ok(c) => c,
        Err(e) => {
            ctx.fail("claims.credentialSubject", e);
            IdentityClaims::new(vendor)
        }
    };
    if let Some(expiry) = claims.document.as_ref().and_then(|d| d.expiry_date) {
        let f = join_path(field, "credentialSubject.expiryDate");
        document_expiry(ctx, &f, expiry);
    }
    claims.provenance.verified_at = issued;
    claims
}

/// An identity document is valid through its expiry date, unless the policy allows expired ones.
pub(crate) fn document_expiry(ctx: &mut Ctx<'_>, field: &str, expiry: chrono::NaiveDate) {
    if ctx.policy.expired_documents_allowed() {
        ctx.skip("time.document_expiry", format!("{field} = {expiry}; expired documents allowed by the policy"));
    } else {
        let result = ctx.now().document_valid(field, expiry).map(|()| format!("{field} = {expiry}"));
        ctx.check("time.document_expiry", result);
    }
}

/// The suites this library knows. Anything else fails closed.
fn suite_name(proof: &Proof<'_>, field: &str) -> Result<String, Error> {
    let kind = proof.kind.as_deref().ok_or_else(|| Error::missing(join_path(field, "type")))?;
    let known = match kind {
        "BbsBlsSignatureProof2020" | "BbsBlsSignature2020" | "Ed25519Signature2020" | "JsonWebSignature2020" => true,
        "DataIntegrityProof" => matches!(proof.cryptosuite.as_deref(), Some("eddsa-rdfc-2022" | "eddsa-jcs-2022")),
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
    issuer: Option<(String, &str)>,
    ctx: &mut Ctx<'_>,
    session: Option<ExpectedSession<'_>>,
) {
    let suite = match suite_name(proof, field) {
        Ok(s) => s,
        Err(e) => {
            ctx.fail("proof.type", e);
            return;
        }
    };
    let created_field = join_path(field, "created");
    if let Some(created) = ctx.instant(&created_field, proof.created.as_deref()) {
        let result = ctx.now().not_in_future(&created_field, created).map(|()| format!("{created_field} = {created}"));
        ctx.check("time.proof_created", result);
    }
    let expires_field = join_path(field, "expires");
    if let Some(expires) = ctx.instant(&expires_field, proof.expires.as_deref()) {
        let result = ctx.now().not_after(&expires_field, expires).map(|()| format!("{expires_field} = {expires}"));
        ctx.check("time.proof_expires", result);
    }
    let vm_field = join_path(field, "verificationMethod");
    let Some(vm) = proof.verification_method.as_deref() else {
        ctx.fail("proof.verification_method", Error::missing(vm_field));
        return;
    };
    if let Some((issuer_field, issuer)) = issuer {
        // The verification method must belong to the issuer (VC Data Integrity section 4.3,
        // "controller"). For a DID URL the controller is its DID; otherwise the issuer's own
        // controller document, when the caller supplied it, must list the method.
        let controller = vm.split_once('#').map_or(vm, |(did, _)| did);
        let result = if controller == issuer {
            Ok(format!("{issuer_field} = {issuer} controls {vm}"))
        } else if ctx.policy.did_documents().lists(issuer, vm, "assertionMethod") == Some(true) {
            Ok(format!("{issuer_field}: the controller document of {issuer} lists {vm} under assertionMethod"))
        } else if issuer.starts_with("did:") || ctx.policy.did_documents().lists(issuer, vm, "assertionMethod") == Some(false) {
            Err(Error::IssuerMismatch { field: issuer_field, issuer: issuer.to_owned(), verification_method: vm.to_owned() })
        } else {
            Err(Error::ProofNotChecked {
                field: issuer_field,
                proof_type: suite.clone(),
                reason: format!("issuer {issuer} is not a DID: whether it controls {vm} needs its controller document (--did-doc)"),
            })
        };
        ctx.check("binding.issuer", result);
    }
    check_nonce(proof, field, ctx, session);
    challenge_and_domain(proof, field, ctx);
    match proof.proof_purpose.as_deref() {
        Some(p) if p == expected_purpose => {}
        found => {
            ctx.fail(
                "proof.purpose",
                Error::ProofPurpose {
                    field: join_path(field, "proofPurpose"),
                    reason: format!("{} where {expected_purpose} is required", found.map_or("none".to_owned(), |p| format!("{p:?}"))),
                },
            );
            return;
        }
    }
    let eddsa = match (proof.kind.as_deref(), proof.cryptosuite.as_deref()) {
        (Some("DataIntegrityProof"), Some("eddsa-jcs-2022")) => Some(EddsaSuite::Jcs2022),
        (Some("DataIntegrityProof"), Some("eddsa-rdfc-2022")) => Some(EddsaSuite::Rdfc2022),
        (Some("Ed25519Signature2020"), _) => Some(EddsaSuite::Ed25519Signature2020),
        _ => None,
    };
    let rdfc = crate::ld::canonicalizer(ctx.policy);
    let rdfc: Option<&dyn Canonicalize> = match &rdfc {
        Some(c) => Some(c),
        None => None,
    };
    let policy = ctx.policy;
    let result = match eddsa {
        Some(suite) => verify_eddsa(field, document, index, suite, policy.did_documents(), rdfc)
            .map(|v| format!("{} proof verified with {} (controller {})", suite.name(), v.verification_method, v.controller)),
        #[cfg(feature = "bbs")]
        None if matches!(proof.kind.as_deref(), Some("BbsBlsSignature2020" | "BbsBlsSignatureProof2020")) => {
            let bbs_suite = if proof.kind.as_deref() == Some("BbsBlsSignature2020") {
                crate::bbs2020::BbsSuite::Signature
            } else {
                crate::bbs2020::BbsSuite::DerivedProof
            };
            match rdfc {
                Some(rdfc) => crate::bbs2020::verify_bbs(field, document, index, bbs_suite, policy.did_documents(), rdfc)
                    .map(|v| format!("{suite} proof verified with {} (controller {})", v.verification_method, v.controller)),
                None => Err(crate::data_integrity::no_canonicaliser(field, &suite)),
            }
        }
        None if proof.kind.as_deref() == Some("JsonWebSignature2020") => {
            verify_jws2020(field, document, index, policy.did_documents(), policy.allowed_algorithms(), policy.limits(), rdfc)
                .map(|v| format!("JsonWebSignature2020 proof verified with {} (controller {})", v.verification_method, v.controller))
        }
        None => Err(Error::ProofNotChecked {
            field: field.to_owned(),
            proof_type: suite,
            reason: "proof verification for this suite is not in this build".into(),
        }),
    };
    ctx.check(format!("proof.signature.{field}"), result);
}

/// `challenge` and `domain` (VC Data Integrity section 2.1): a proof made for one verifier and
/// one request must not be accepted by another. The caller's nonce is the expected challenge,
/// its audience the expected domain; a proof carrying one the caller did not issue is refused.
fn challenge_and_domain(proof: &Proof<'_>, field: &str, ctx: &mut Ctx<'_>) {
    let policy = ctx.policy;
    let rule = |found: Option<&str>, expected: Option<&str>| match (found, expected) {
        (None, None) => None,
        (Some(f), Some(e)) if f == e => Some(Ok(())),
        (f, e) => Some(Err((e.unwrap_or("none").to_owned(), f.unwrap_or("none").to_owned()))),
    };
    if let Some(r) = rule(proof.challenge.as_deref(), policy.expected_nonce()) {
        let f = join_path(field, "challenge");
        ctx.check("proof.challenge", r.map(|()| format!("{f} is the expected challenge")).map_err(|(expected, found)| Error::ProofChallenge { field: f, expected, found }));
    }
    if let Some(r) = rule(proof.domain.as_deref(), policy.expected_audience()) {
        let f = join_path(field, "domain");
        ctx.check("proof.domain", r.map(|()| format!("{f} is the expected domain")).map_err(|(expected, found)| Error::ProofDomain { field: f, expected, found }));
    }
}

/// ldp-bbs2020 nonces are standard base64; Trinsic's decode to `...idvsession:<uuid>`, binding
/// the derived proof to the session (FORMATS section 1).
fn check_nonce(proof: &Proof<'_>, field: &str, ctx: &mut Ctx<'_>, session: Option<ExpectedSession<'_>>) {
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

/// The claims of a credential subject. For Trinsic's `IdentityDocument_v0` every known member
/// must have its documented type; for other credentials, members of another shape are ignored.
fn subject_claims<'s>(
    subject: Option<&'s RawValue>,
    field: &str,
    strict: bool,
    vendor: Vendor,
) -> Result<IdentityClaims<'s>, Error> {
    let mut claims = IdentityClaims::new(vendor);
    let Some(raw) = subject else { return Ok(claims) };
    // A credential may have several subjects; the first one is the person.
    let (raw, field) = if raw.get().starts_with('[') {
        let all: Vec<&'s RawValue> = parse_typed(field, raw.get())?;
        match all.first() {
            Some(first) => (*first, format!("{field}[0]")),
            None => return Ok(claims),
        }
    } else {
        (raw, field.to_owned())
    };
    claims.raw = Some(raw);
    if !raw.get().starts_with('{') {
        return Ok(claims);
    }
    let members: Members<'s, &'s RawValue> = parse_typed(&field, raw.get())?;
    let text = |names: &[&str]| -> Result<Option<Cow<'s, str>>, Error> {
        for name in names {
            if let Some(value) = members.get(name) {
                return match str_from_raw(&join_path(&field, name), value) {
                    Ok(s) => Ok(present(Some(s))),
                    Err(e) if strict => Err(e),
                    Err(_) => Ok(None),
                };
            }
        }
        Ok(None)
    };
    let date = |names: &[&str]| -> Result<Option<chrono::NaiveDate>, Error> {
        for name in names {
            if let Some(value) = members.get(name) {
                let f = join_path(&field, name);
                let parsed: TextOrNumber<'_> = match parse_typed(&f, value.get()) {
                    Ok(v) => v,
                    Err(e) if strict => return Err(e),
                    Err(_) => return Ok(None),
                };
                return date_claim(&f, Some(&parsed));
            }
        }
        Ok(None)
    };
    claims.given_name = text(&["givenName"])?;
    claims.family_name = text(&["familyName"])?;
    claims.middle_name = text(&["middleName", "additionalName"])?;
    claims.full_name = text(&["fullName", "name"])?;
    claims.birth_date = date(&["dateOfBirth", "birthDate"])?;
    claims.sex = text(&["sex", "gender"])?.map(Sex::from_vendor);
    claims.nationality = country_claim(&join_path(&field, "nationality"), text(&["nationality"])?.as_deref())?;
    claims.address = Some(Address {
        street: text(&["streetAddress"])?,
        locality: text(&["city", "addressLocality"])?,
        region: text(&["state", "addressRegion"])?,
        postal_code: text(&["postalCode"])?,
        country: country_claim(&join_path(&field, "country"), text(&["country", "addressCountry"])?.as_deref())?,
        formatted: None,
    });
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

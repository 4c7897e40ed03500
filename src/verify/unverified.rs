//! The entry point: raw bytes in, an [`Unverified`] result out, whose only way to claims is
//! [`Unverified::verify`].

use std::fmt;

use crate::claims::IdentityClaims;
use crate::error::{Error, Vendor};
use crate::format::Format;
use crate::input::borrow::cow;
use crate::input::detect::{detect, JsonKind};
use crate::input::json::{check_text, is_json_whitespace, parse_root, walk};
use crate::jose::jws::{looks_compact, UnverifiedJws};
use crate::limits::Limits;
use crate::model::hopae::{UnverifiedEvidence, UnverifiedUserinfo, UnverifiedVerification};
use crate::model::incode::{UnverifiedIncodeResult, UnverifiedIncodeUserinfo};
use crate::model::jsonld::UnverifiedLdDocument;
use crate::model::regula::UnverifiedRegulaSession;
use crate::model::trinsic_connect::UnverifiedConnectSession;
use crate::model::trinsic_provider_output::{MatchData, ProviderOutput};
use crate::model::trinsic_sessions::{Session, UnverifiedSessionResult};
use crate::model::vendor_error::{ErrorShape, VendorError};
use crate::verify::ctx::{apply_policy, Ctx, Facts};
use crate::verify::evidence::Evidence;
use crate::verify::nested::NESTING;
use crate::verify::policy::Policy;
use crate::verify::report::{Report, Unsigned, Verdict};
use crate::verify::{
    bare_jws, hopae, incode, incode_oidc, jsonld, regula, trinsic_connect, trinsic_provider_output,
    trinsic_sessions,
};

/// A parsed result whose checks have not run. It exposes its format and nothing of the identity
/// it carries: claims come only from [`Unverified::verify`].
#[derive(Debug, Clone)]
pub struct Unverified<'a> {
    format: Format,
    parsed: Parsed<'a>,
    id_token: Option<UnverifiedJws<'a>>,
}

/// The vendor model behind an [`Unverified`], reachable through [`crate::dangerous::model`].
#[derive(Debug, Clone)]
#[non_exhaustive]
#[allow(missing_docs)]
// One value per parsed input, never in a hot collection: boxing would only add an allocation.
#[allow(clippy::large_enum_variant)]
pub enum Parsed<'a> {
    TrinsicConnect(UnverifiedConnectSession<'a>),
    JsonLd(UnverifiedLdDocument<'a>),
    TrinsicSessions(UnverifiedSessionResult<'a>),
    HopaeUserinfo(UnverifiedUserinfo<'a>),
    HopaeEvidence(UnverifiedEvidence<'a>),
    HopaeVerification(UnverifiedVerification<'a>),
    Incode(UnverifiedIncodeResult<'a>),
    IncodeUserinfo(UnverifiedIncodeUserinfo<'a>),
    Regula(UnverifiedRegulaSession<'a>),
    Jws(UnverifiedJws<'a>),
    VendorError(VendorError<'a>),
}

/// Recognises and parses `input`: a Trinsic Connect session, a JSON-LD presentation or
/// credential, a Trinsic sessions-API result, Hopae userinfo, evidence or verification, an
/// Incode result or userinfo, a Regula result, or a compact JWS (bare, or as a JSON string). Strings borrow from
/// `input`.
///
/// # Errors
/// `input.*` for bytes that are not one well-formed JSON document within `limits` (or a compact
/// JWS), `input.unknown_format` for JSON of no known format, `field.*` for members of the wrong
/// type, `jws.*` for a malformed JWS.
pub fn parse<'a>(input: &'a [u8], limits: &Limits) -> Result<Unverified<'a>, Error> {
    let text = check_text("", input, limits)?;
    let trimmed = text.trim_matches(is_json_whitespace);
    if looks_compact(trimmed) {
        // Whitespace ends a compact JWS (RFC 7515 section 7.1 has none); anything after it is
        // trailing data, not part of the signature.
        return match trimmed.split_once(is_json_whitespace) {
            Some(_) => Err(Error::TrailingData { field: "jws".into() }),
            None => jws(trimmed, limits),
        };
    }
    let checked = walk("", text, limits)?;
    if trimmed.starts_with('"') {
        // A JSON string holding a compact JWS (how NDJSON stores store JWTs). A JWS never needs
        // escapes, so the string borrows from the input.
        let mut de = serde_json::Deserializer::from_str(checked.text);
        if let Ok(std::borrow::Cow::Borrowed(inner)) = cow(&mut de) {
            if looks_compact(inner) {
                return jws(inner, limits);
            }
        }
    }
    if !checked.root_is_object {
        return Err(Error::UnknownFormat {
            members: "none: the document is not a JSON object".into(),
        });
    }
    let text = checked.text;
    // The vendor objects are read from the members the structure pass split the text into.
    let parsed = match detect(&checked)? {
        JsonKind::TrinsicConnect => Parsed::TrinsicConnect(parse_root("", &checked)?),
        JsonKind::JsonLd => Parsed::JsonLd(UnverifiedLdDocument::parse("", text)?),
        JsonKind::TrinsicSessionWrapped => Parsed::TrinsicSessions(parse_root("", &checked)?),
        JsonKind::TrinsicSessionBare => {
            let session: Session<'a> = parse_root("", &checked)?;
            Parsed::TrinsicSessions(UnverifiedSessionResult { session, identity_data: None })
        }
        JsonKind::HopaeUserinfo => Parsed::HopaeUserinfo(parse_root("", &checked)?),
        JsonKind::HopaeEvidence => Parsed::HopaeEvidence(parse_root("", &checked)?),
        JsonKind::HopaeVerification => Parsed::HopaeVerification(parse_root("", &checked)?),
        JsonKind::Incode => Parsed::Incode(parse_root("", &checked)?),
        JsonKind::IncodeUserinfo => Parsed::IncodeUserinfo(parse_root("", &checked)?),
        JsonKind::Regula => Parsed::Regula(parse_root("", &checked)?),
        JsonKind::JwsJson => Parsed::Jws(UnverifiedJws::decode_json("jws", text, limits)?),
        JsonKind::ProblemDetails => {
            Parsed::VendorError(VendorError::parse(&checked, ErrorShape::ProblemDetails)?)
        }
        JsonKind::ErrorEnvelope => {
            Parsed::VendorError(VendorError::parse(&checked, ErrorShape::Envelope)?)
        }
        JsonKind::IncodeError => {
            Parsed::VendorError(VendorError::parse(&checked, ErrorShape::Incode)?)
        }
    };
    let format = match &parsed {
        Parsed::TrinsicConnect(_) => Format::TrinsicConnectSession,
        Parsed::JsonLd(doc) if doc.is_presentation() => Format::JsonLdPresentation,
        Parsed::JsonLd(_) => Format::JsonLdDocument,
        Parsed::TrinsicSessions(_) => Format::TrinsicSessionResult,
        Parsed::HopaeUserinfo(_) => Format::HopaeUserinfo,
        Parsed::HopaeEvidence(_) => Format::HopaeEvidence,
        Parsed::HopaeVerification(_) => Format::HopaeVerification,
        Parsed::Incode(_) => Format::IncodeResult,
        Parsed::IncodeUserinfo(_) => Format::IncodeUserinfo,
        Parsed::Regula(_) => Format::RegulaSession,
        Parsed::Jws(_) => Format::Jws,
        Parsed::VendorError(_) => Format::VendorError,
    };
    Ok(Unverified { format, parsed, id_token: None })
}

fn jws<'a>(compact: &'a str, limits: &Limits) -> Result<Unverified<'a>, Error> {
    Ok(Unverified {
        format: Format::Jws,
        parsed: Parsed::Jws(UnverifiedJws::decode("jws", compact, limits)?),
        id_token: None,
    })
}

impl<'a> Unverified<'a> {
    /// The format recognised.
    pub fn format(&self) -> Format {
        self.format
    }

    pub(crate) fn parsed(&self) -> &Parsed<'a> {
        &self.parsed
    }

    /// The vendor's error response this input is, if it is one ([`Format::VendorError`]):
    /// its code, HTTP status and retry class, for a backend to switch on before (or instead
    /// of) verifying. [`Unverified::verify`] rejects it with `vendor.error`.
    pub fn vendor_error(&self) -> Option<&VendorError<'a>> {
        match &self.parsed {
            Parsed::VendorError(e) => Some(e),
            _ => None,
        }
    }

    /// Supplies the payload of a JWS sent without one (detached content, RFC 7515 appendix F;
    /// RFC 7797 section 5).
    ///
    /// # Errors
    /// `field.invalid` when the result is not a JWS; `jws.malformed` when it carries a payload.
    pub fn with_detached_payload(mut self, payload: &'a [u8]) -> Result<Self, Error> {
        match self.parsed {
            Parsed::Jws(jws) => {
                self.parsed = Parsed::Jws(jws.with_detached_payload("jws", payload)?);
                Ok(self)
            }
            _ => Err(Error::invalid(
                "payload",
                format!("a detached payload belongs to a JWS, not to a {}", self.format),
            )),
        }
    }

    /// Attaches the OIDC ID token that came with Hopae or Incode userinfo, so that
    /// [`Unverified::verify`] checks its signature (RS256, against the policy's keys for that
    /// vendor: [`Policy::with_hopae_keys`], [`Policy::with_incode_keys`]), time window, issuer,
    /// audience and nonce, and binds it to the userinfo: `sub` (and Hopae's `acr`; for Incode,
    /// every claim both carry).
    ///
    /// # Errors
    /// `field.invalid` when the result is not Hopae or Incode userinfo; the
    /// [`UnverifiedJws::decode`] errors for the token.
    pub fn with_id_token(mut self, compact: &'a str, limits: &Limits) -> Result<Self, Error> {
        if !matches!(self.format, Format::HopaeUserinfo | Format::IncodeUserinfo) {
            return Err(Error::invalid(
                "id_token",
                format!("an ID token binds to Hopae or Incode userinfo, not to a {}", self.format),
            ));
        }
        self.id_token = Some(UnverifiedJws::decode(
            "id_token",
            compact.trim_matches(is_json_whitespace),
            limits,
        )?);
        Ok(self)
    }

    /// Runs every check `policy` asks for.
    ///
    /// The format was decided from the input's member names, not by the caller, so the policy
    /// is first held to it: a format outside [`Policy::accept_formats`] is rejected
    /// (`format.not_accepted`), and one that carries no signature is "could not check"
    /// (`format.unsigned`) unless [`Policy::allow_unsigned_formats`]. The format's checks run
    /// either way, so that the report names every reason. Last, every expectation the policy
    /// sets (an audience, a nonce, an issuer, a token type, holder binding, signed evidence, a
    /// checked status, a session id, an external user id, a minimum level, a maximum age) that
    /// no check of this format judged is "could not check" (`policy.unconsumed`): a result never
    /// passes on a rule that was not applied to it.
    ///
    /// # Errors
    /// A [`Rejection`] whose verdict is [`Verdict::Rejected`] when anything is malformed or a
    /// check failed, or [`Verdict::Unchecked`] when nothing failed but a required check could
    /// not be carried out (a proof suite this build does not verify, a missing key, an unsigned
    /// format, an expectation this format cannot meet). Its report lists every check and error.
    pub fn verify<'s>(&'s self, policy: &Policy) -> Result<Verified<'s>, Rejection> {
        let mut ctx = Ctx::new(policy, Report::new(Some(self.format)), NESTING);
        if let Parsed::VendorError(e) = &self.parsed {
            // An error response is the answer, whatever the policy accepts: its one error says
            // what the vendor said, and nothing else (no format or expectation noise) hides it.
            ctx.fail("vendor.error", vendor_error(e));
            return Err(Rejection { report: ctx.report });
        }
        if !policy.accepted_formats().contains(&self.format) {
            ctx.fail(
                "format.accepted",
                Error::FormatNotAccepted {
                    format: self.format,
                    accepted: policy.accepted_formats().to_vec(),
                },
            );
        }
        if !self.format.carries_signature() && !policy.unsigned_formats_allowed() {
            ctx.fail(
                "format.signed",
                Error::FormatUnsigned {
                    format: self.format,
                    reason: "is of a format that carries no signature",
                },
            );
        }
        let mut trinsic = None;
        let claims = match &self.parsed {
            Parsed::TrinsicConnect(s) => trinsic_connect::run(s, &mut ctx),
            Parsed::JsonLd(doc) => {
                let claims = jsonld::run(doc, "", &mut ctx, None, Vendor::Generic);
                // The issuance the checks used; it counts as signed only if the proofs verified
                // (`Report::signed_instant` answers only for a verified result).
                if let Some((field, issued)) =
                    jsonld::ld_checked_instant(claims.provenance.verified_at, doc, "")
                {
                    ctx.report.set_signed_instant(field, issued);
                }
                apply_policy(
                    &mut ctx,
                    &Facts {
                        verified_at_field: "(a bare JSON-LD document states no verification time)",
                        ..Facts::default()
                    },
                );
                claims
            }
            Parsed::TrinsicSessions(r) => {
                let (claims, outcome) = trinsic_sessions::run(r, &mut ctx);
                trinsic = Some(outcome);
                claims
            }
            Parsed::HopaeUserinfo(u) => hopae::run_userinfo(u, self.id_token.as_ref(), &mut ctx),
            Parsed::HopaeEvidence(e) => hopae::run_evidence(e, &mut ctx),
            Parsed::HopaeVerification(v) => hopae::run_verification(v, &mut ctx),
            Parsed::Incode(r) => incode::run(r, &mut ctx),
            Parsed::IncodeUserinfo(u) => incode_oidc::run(u, self.id_token.as_ref(), &mut ctx),
            Parsed::Regula(r) => regula::run(r, &mut ctx),
            Parsed::Jws(j) => bare_jws::run(j, &mut ctx),
            // Answered before the format checks; no claims either way.
            Parsed::VendorError(e) => IdentityClaims::new(e.vendor),
        };
        // Formats that carry no signature: their claims are unsigned, reported apart and withheld
        // from the verified claims unless the policy accepts unsigned claims (README, "What is
        // signed").
        let mut claims = claims;
        if !self.format.carries_signature() {
            claims = withhold_unsigned(
                claims,
                &mut ctx.report,
                policy.unsigned_claims_allowed(),
                self.format,
            );
        }
        // Trinsic's provider output and match results: as unsigned as its claims, reported apart
        // and withheld on the same terms.
        let trinsic = trinsic.and_then(|t| {
            withhold_trinsic_outputs(t, &mut ctx.report, policy.unsigned_claims_allowed())
        });
        ctx.record_unconsumed(self.format);
        // A Hopae result is signed only through the tokens it relays (the evidence `id_token`,
        // the Hopae ID token): when none of them verified under the caller's keys, it is as
        // unsigned as a format that carries no signature, and passes only on the same opt-in.
        // Added only where it would otherwise pass: a result already refused says why.
        let relays_tokens = matches!(self.format, Format::HopaeUserinfo | Format::HopaeEvidence);
        if relays_tokens
            && !ctx.signature_verified
            && !policy.unsigned_formats_allowed()
            && ctx.report.verdict() == Verdict::Verified
        {
            ctx.fail(
                "format.signed",
                Error::FormatUnsigned {
                    format: self.format,
                    reason: "carries no token whose signature verified under the caller's keys",
                },
            );
        }
        // Incode userinfo is unsigned; only its binding to an ID token that verified under the
        // caller's Incode keys vouches for it, and no policy accepts it without one (the checks
        // already failed on every such path; this holds whatever they missed).
        if self.format == Format::IncodeUserinfo
            && !ctx.signature_verified
            && ctx.report.verdict() == Verdict::Verified
        {
            ctx.fail(
                "format.signed",
                Error::FormatUnsigned {
                    format: self.format,
                    reason: "is bound to no Incode ID token that verified under the caller's keys",
                },
            );
        }
        let report = ctx.report;
        if report.verdict() == Verdict::Verified {
            Ok(Verified { claims, report, parsed: &self.parsed, trinsic })
        } else {
            Err(Rejection { report })
        }
    }
}

/// A result that passed every check: the claims, and the report of what was checked.
#[derive(Debug, Clone)]
pub struct Verified<'s> {
    claims: IdentityClaims<'s>,
    report: Report,
    parsed: &'s Parsed<'s>,
    trinsic: Option<TrinsicOutputs<'s>>,
}

/// Trinsic's provider output and match results, as [`Verified`] keeps them.
#[derive(Debug, Clone)]
struct TrinsicOutputs<'s> {
    provider_output: Option<ProviderOutput<'s>>,
    match_data: Option<MatchData<'s>>,
}

impl<'s> Verified<'s> {
    /// The identity claims.
    pub fn claims(&self) -> &IdentityClaims<'s> {
        &self.claims
    }

    /// Takes the identity claims.
    pub fn into_claims(self) -> IdentityClaims<'s> {
        self.claims
    }

    /// Every check that ran.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The values the result carries that no signature covers and that were not compared with
    /// signed ones, kept apart from [`Verified::claims`]: those marked withheld are absent from
    /// the claims; the others are there only because the policy accepts unsigned claims
    /// ([`Policy::allow_unsigned_claims`]) or are metadata the checks could only use unsigned.
    pub fn unsigned(&self) -> &[Unsigned] {
        self.report.unsigned()
    }

    /// What each identity provider returned beyond the person and document
    /// (`identityData.providerOutput` of a Trinsic sessions-API result), typed for every
    /// provider Trinsic's OpenAPI describes, with the members it does not describe kept apart.
    /// Unsigned like the rest of that format: `None` unless the policy accepts unsigned claims
    /// ([`Policy::allow_unsigned_claims`]; it is listed in [`Verified::unsigned`] either way),
    /// and `None` for every other format. What was checked of it (agreement with the person and
    /// document, mDL document type and certificate validity, levels) is in the report.
    pub fn trinsic_provider_output(&self) -> Option<&ProviderOutput<'s>> {
        self.trinsic.as_ref().and_then(|t| t.provider_output.as_ref())
    }

    /// The match results of a Trinsic sessions-API result (`identityData.match`), withheld as
    /// [`Verified::trinsic_provider_output`] is. A verified result has no failed match: a
    /// `booleanValue: false` or a probability below [`Policy::min_match_probability`] rejects it
    /// (`session.match_failed`).
    pub fn trinsic_match(&self) -> Option<&MatchData<'s>> {
        self.trinsic.as_ref().and_then(|t| t.match_data.as_ref())
    }

    /// Takes the report (bulk tools keep it after the claims are gone).
    pub fn into_report(self) -> Report {
        self.report
    }

    /// The evidence a Hopae result relays, one entry per upstream credential that has some.
    pub fn evidence(&self) -> Vec<Evidence<'s>> {
        match self.parsed {
            Parsed::HopaeEvidence(e) => vec![Evidence::new("(evidence)".into(), e)],
            Parsed::HopaeUserinfo(u) => u
                .provenance
                .iter()
                .flat_map(|p| p.presentation.iter())
                .flat_map(|p| p.credentials.iter().enumerate())
                .filter_map(|(i, c)| {
                    c.evidence.as_ref().map(|e| {
                        Evidence::new(
                            format!("provenance.presentation.credentials[{i}].evidence"),
                            e,
                        )
                    })
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// A result that was not verified: rejected, or not checkable. The report says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    report: Report,
}

impl Rejection {
    /// [`Verdict::Rejected`] or [`Verdict::Unchecked`].
    pub fn verdict(&self) -> Verdict {
        self.report.verdict()
    }

    /// Every check that ran.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Takes the report.
    pub fn into_report(self) -> Report {
        self.report
    }

    /// The errors, in the order found.
    pub fn errors(&self) -> &[Error] {
        self.report.errors()
    }
}

impl From<Error> for Rejection {
    fn from(error: Error) -> Self {
        Rejection { report: Report::malformed(error) }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = match self.verdict() {
            Verdict::Unchecked => "could not be checked",
            _ => "rejected",
        };
        write!(f, "{verdict}:")?;
        for e in self.errors() {
            write!(f, " [{}] {e};", e.code())?;
        }
        Ok(())
    }
}

impl std::error::Error for Rejection {}

/// Trinsic's provider output and match results, each listed in the report's unsigned section;
/// dropped unless `allow` (the policy accepts unsigned claims).
fn withhold_trinsic_outputs<'s>(
    outcome: trinsic_provider_output::Outcome<'s>,
    report: &mut Report,
    allow: bool,
) -> Option<TrinsicOutputs<'s>> {
    let reason = format!("the {} format carries no signature", Format::TrinsicSessionResult);
    let mut listed = false;
    if let Some(output) = &outcome.provider_output {
        let ids: Vec<&str> = output.entries.iter().map(|e| e.id.as_ref()).collect();
        report.unsigned_value(
            "identityData.providerOutput",
            Some(ids.join(", ")),
            !allow,
            reason.clone(),
        );
        listed = true;
    }
    if let Some(m) = &outcome.match_data {
        let names: Vec<&str> = m
            .results()
            .map(|(n, _)| n)
            .chain(m.unknown_members.iter().map(|u| u.path.as_str()))
            .collect();
        report.unsigned_value("identityData.match", Some(names.join(", ")), !allow, reason);
        listed = true;
    }
    (allow && listed).then_some(TrinsicOutputs {
        provider_output: outcome.provider_output,
        match_data: outcome.match_data,
    })
}

/// The claims of a format that carries no signature, each listed in the report's unsigned
/// section; withheld (only the vendor and session id kept) unless `allow` (the policy accepts
/// unsigned claims).
pub(crate) fn withhold_unsigned<'a>(
    claims: IdentityClaims<'a>,
    report: &mut Report,
    allow: bool,
    format: crate::format::Format,
) -> IdentityClaims<'a> {
    let reason = format!("the {format} format carries no signature");
    let text = |c: &Option<std::borrow::Cow<'_, str>>| c.as_deref().map(str::to_owned);
    let document = claims.document.as_ref();
    let address = claims.address.as_ref();
    let listed = [
        ("given_name", text(&claims.given_name)),
        ("family_name", text(&claims.family_name)),
        ("middle_name", text(&claims.middle_name)),
        ("full_name", text(&claims.full_name)),
        ("birth_date", claims.birth_date.map(|d| d.to_string())),
        ("sex", claims.sex.as_ref().map(|s| format!("{s:?}"))),
        ("nationality", claims.nationality.map(str::to_owned)),
        ("address", address.map(|a| format!("{a:?}"))),
        ("document.number", document.and_then(|d| text(&d.number))),
        ("document.expiry_date", document.and_then(|d| d.expiry_date.map(|e| e.to_string()))),
        ("document.issuing_country", document.and_then(|d| d.issuing_country.map(str::to_owned))),
        ("document.kind", document.and_then(|d| d.kind.as_ref().map(|k| format!("{k:?}")))),
        ("document.issue_date", document.and_then(|d| d.issue_date.map(|e| e.to_string()))),
        ("document.issuing_subdivision", document.and_then(|d| text(&d.issuing_subdivision))),
        ("document.issuing_authority", document.and_then(|d| text(&d.issuing_authority))),
        ("provenance.verified_at", claims.provenance.verified_at.map(|t| t.to_rfc3339())),
        ("provenance.assurance_level", claims.provenance.assurance_level.map(|l| l.to_string())),
        ("provenance.provider_id", claims.provenance.provider_id.as_deref().map(str::to_owned)),
    ];
    let mut any = false;
    for (field, value) in listed {
        if let Some(value) = value {
            report.unsigned_value(format!("claims.{field}"), Some(value), !allow, reason.clone());
            any = true;
        }
    }
    // The vendor's own claims object holds whatever the typed fields leave out (a Trinsic
    // provider output, match results, attachments): withheld with them, even alone.
    if claims.raw.is_some() {
        report.unsigned_value("claims.raw", None, !allow, reason.clone());
        any = true;
    }
    if allow || !any {
        return claims;
    }
    let mut kept = IdentityClaims::new(claims.provenance.vendor);
    kept.provenance.session_id = claims.provenance.session_id;
    kept
}

/// The `vendor.error` rejection for an error response: its code, status, retry class and text.
fn vendor_error(e: &VendorError<'_>) -> Error {
    let text = [e.title.as_deref(), e.detail.as_deref()]
        .into_iter()
        .flatten()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(": ");
    Error::VendorErrorResponse {
        vendor: e.vendor,
        code: e.code.as_deref().unwrap_or("none").to_owned(),
        status: e.http_status.map_or_else(|| "none".to_owned(), |s| s.to_string()),
        retry: e.retry,
        message: if text.is_empty() { "no message".to_owned() } else { text },
    }
}

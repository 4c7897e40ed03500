//! Hopae: userinfo (assurance consistency, `verified_at`, evidence), bare evidence, and
//! verification status objects.
//!
//! Evidence is judged at `verified_at`, the moment Hopae verified the person, not at the policy
//! instant: an audit months later must reach the same verdict. Nothing signs
//! `verified_at`, so it serves only once it lies inside the `iat`..`exp` of the verified tokens
//! (`binding.time`); the `user` claims are returned only where a verified token carries the
//! same value, and listed as unsigned otherwise: what vpcheck returns must be what was signed
//! (README.md, "What is signed").

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde_json::value::RawValue;

use super::ctx::{apply_policy, in_order, not_in_future, Ctx, Facts};
use super::expectation::Expectation;
use super::token::{addressed_to_caller, signature, time_claims};
use crate::verify::trust::KeyRole;

use crate::claims::{country_claim, date_claim, present, Address, IdentityClaims, Sex};
use crate::error::{Error, Vendor};
use crate::input::json::parse_typed;
use crate::jose::jws::{JwtClaims, UnverifiedJws};
use crate::model::hopae::{
    UnverifiedEvidence, UnverifiedUserinfo, UnverifiedVerification, User, VerificationStatus,
};
use crate::time::{from_unix_seconds, parse_date, plus, Clock};
use crate::verify::evidence::Evidence;

const VENDOR: Vendor = Vendor::Hopae;

/// `hopae_loa_label` for levels 1 to 5 (Hopae's userinfo documentation).
const LOA_LABELS: [&str; 5] = ["none", "low", "substantial", "high", "qualified"];

pub(crate) fn run_userinfo<'s>(
    info: &'s UnverifiedUserinfo<'_>,
    id_token: Option<&UnverifiedJws<'_>>,
    ctx: &mut Ctx<'_>,
) -> IdentityClaims<'s> {
    let level =
        assurance(ctx, info.acr.as_deref(), info.hopae_loa, info.hopae_loa_label.as_deref());
    let hopae_token = match id_token {
        Some(token) => check_id_token(ctx, token, info, level),
        None => {
            ctx.skip(
                "signature.id_token",
                "no Hopae ID token supplied: sub and acr not bound to a signed token",
            );
            None
        }
    };
    let metadata = info.provenance.as_ref().and_then(|p| p.metadata.as_ref());
    let verified_at = ctx.instant(VERIFIED_AT, metadata.and_then(|m| m.verified_at.as_deref()));
    not_in_future(ctx, VERIFIED_AT, verified_at);
    let verification_id =
        metadata.and_then(|m| m.verification_id.as_deref()).filter(|s| !s.is_empty());

    let credentials = info
        .provenance
        .as_ref()
        .and_then(|p| p.presentation.as_ref())
        .map_or(&[][..], |p| p.credentials.as_slice());
    let limit = ctx.policy.limits().max_credentials;
    // Each credential's evidence, and its `id_token` with its signature checked: the signed
    // instants and claims everything else is held to.
    let mut relayed: Vec<(usize, Evidence<'s>, Option<RelayedToken<'s>>)> = Vec::new();
    if credentials.len() > limit {
        ctx.fail(
            "limit.credentials",
            Error::TooManyCredentials {
                field: "provenance.presentation.credentials".into(),
                count: credentials.len(),
                limit,
            },
        );
    } else {
        for (i, credential) in credentials.iter().enumerate() {
            if let Some(evidence) = &credential.evidence {
                let evidence = Evidence::new(
                    format!("provenance.presentation.credentials[{i}].evidence"),
                    evidence,
                );
                check_evidence_keys(ctx, &evidence);
                let token = evidence_token(ctx, &evidence, credential.claims);
                relayed.push((i, evidence, token));
            }
        }
    }
    // Judged here, pass or fail: some evidence carries an `id_token`, whose signature
    // `evidence_token` checked (a signature not checked is then "could not check", not skipped).
    if ctx.policy.evidence_signatures_required() {
        ctx.judged(Expectation::EvidenceSignatures);
        if !relayed.iter().any(|(_, _, t)| t.is_some()) {
            let reason = if relayed.is_empty() {
                "no credential carries evidence"
            } else {
                "no evidence carries an id_token"
            };
            ctx.fail(
                "evidence.signed",
                Error::EvidenceUnsigned {
                    field: "provenance.presentation.credentials[*].evidence".into(),
                    reason: reason.into(),
                },
            );
        }
    }

    // One person: every verified evidence token must be about the same subject of the same
    // upstream issuer, or a second credential's token (another person's) could cover claims the
    // first does not state.
    let subjects: Vec<(usize, String)> = relayed
        .iter()
        .filter_map(|(i, _, t)| t.as_ref().filter(|t| t.signed.verified).map(|t| (*i, t)))
        .map(|(i, t)| {
            let member = |name: &str| {
                t.signed
                    .members
                    .get(name)
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            (i, format!("{} {}", member("iss"), member("sub")))
        })
        .collect();
    if let Some((_, first)) = subjects.first() {
        if let Some((i, other)) = subjects.iter().find(|(_, s)| s != first) {
            ctx.fail(
                "binding.subject",
                Error::SubjectMismatch {
                    field: format!("provenance.presentation.credentials[{i}].evidence.token.id_token(payload).sub"),
                    expected: first.clone(),
                    found: other.clone(),
                },
            );
        }
    }

    // `verified_at` is unsigned: it may serve as the instant evidence is judged at only once it
    // lies inside the signed instants (README.md, "What is signed").
    let mut signed: Vec<&SignedToken> =
        relayed.iter().filter_map(|(_, _, t)| t.as_ref().map(|t| &t.signed)).collect();
    signed.extend(hopae_token.as_ref());
    let binding = match verified_at {
        Some(at) => bind_verified_at(ctx, at, &signed),
        None => Binding::Unsigned,
    };
    let bound = match binding {
        Binding::Signed(at) => Some(at),
        _ => None,
    };
    for (_, evidence, token) in &relayed {
        let clock = match (binding, verified_at) {
            (Binding::Signed(at), _) => Some(ctx.at_verification(at)),
            // Already rejected (`binding.time`): nothing is judged at an instant that
            // disagrees with the signed ones.
            (Binding::Disagrees, _) => None,
            // Unsigned: the later instant, the policy's, is the fail-closed one (`verified_at`
            // is never after it, see `not_in_future` above), and the maximum age cannot be met.
            (Binding::Unsigned, Some(_)) => Some(ctx.now()),
            (Binding::Unsigned, None) => {
                ctx.fail("evidence.verified_at", Error::missing(VERIFIED_AT));
                None
            }
        };
        judge_evidence(ctx, evidence, token.as_ref(), clock);
    }
    // The verified evidence token's `iat`: the audit's signed instant, and what the maximum age
    // is judged on (below).
    let evidence_iat =
        relayed.iter().filter_map(|(_, _, t)| t.as_ref()).find_map(|t| t.signed.signed_iat());
    if let Some((field, iat)) = evidence_iat.clone() {
        ctx.report.set_signed_instant(field, iat);
    }
    // The level is signed only when a verified Hopae ID token states `acr` (check_id_token binds
    // it to the userinfo's).
    let level_signed =
        hopae_token.as_ref().is_some_and(|t| t.verified && t.members.contains_key("acr"));

    let allow = ctx.policy.unsigned_claims_allowed();
    let mut claims = match &info.user {
        Some(user) => match user_claims(user) {
            Ok(mut claims) => {
                bind_user(ctx, user, &signed, &mut claims);
                claims.tidy()
            }
            Err(e) => {
                ctx.fail("claims.user", e);
                IdentityClaims::new(VENDOR)
            }
        },
        None => IdentityClaims::new(VENDOR),
    };
    let first = credentials.first();
    claims.raw = first.and_then(|c| c.claims);
    if claims.raw.is_some() {
        let covered = relayed
            .iter()
            .find(|(i, _, _)| *i == 0)
            .and_then(|(_, _, t)| t.as_ref())
            .is_some_and(|t| t.signed.verified && t.covers_claims);
        if !covered {
            ctx.report.unsigned_value(
                "provenance.presentation.credentials[0].claims",
                None,
                !allow,
                "the relayed upstream claims are not all compared with a verified evidence id_token",
            );
            if !allow {
                claims.raw = None;
            }
        }
    }
    claims.provenance.provider_id = present(info.provider_id.as_deref().map(Cow::Borrowed))
        .or_else(|| present(first.and_then(|c| c.provider.as_deref()).map(Cow::Borrowed)));
    claims.provenance.assurance_level = level;
    claims.provenance.session_id = verification_id.map(Cow::Borrowed);
    report_unsigned_metadata(ctx, info, verification_id, level.filter(|_| !level_signed));
    // Metadata no signature covers stays out of the claims unless the policy accepts it.
    if !allow {
        claims.provenance.session_id = None;
        claims.provenance.provider_id = None;
        if !level_signed {
            claims.provenance.assurance_level = None;
        }
    }
    // Only a bound `verified_at` is returned, or judged by the maximum age.
    claims.provenance.verified_at = bound;
    if let Binding::Unsigned = binding {
        if let Some(at) = verified_at {
            ctx.report.unsigned_value(
                VERIFIED_AT,
                Some(at.to_rfc3339()),
                !allow,
                "no verified signed instant bounds it",
            );
            if allow {
                claims.provenance.verified_at = Some(at);
            }
        }
    }
    // The policy's rules are judged on signed facts only: the age of the verification on the
    // verified evidence token's `iat` (else the Hopae ID token's), not on `verified_at`, which an
    // editor may move anywhere inside the tokens' window; the level on the verified Hopae ID
    // token's `acr`; `verification_id` is signed by nothing.
    let signed_iat =
        evidence_iat.or_else(|| hopae_token.as_ref().and_then(SignedToken::signed_iat));
    let mut unsigned: Vec<&'static str> = vec!["session_id"];
    if !level_signed {
        unsigned.push("assurance_level");
    }
    if signed_iat.is_none() {
        unsigned.push("verified_at");
    }
    apply_policy(
        ctx,
        &Facts {
            session_id: verification_id
                .map(|id| ("provenance._metadata.verification_id".to_owned(), id)),
            session_field: "provenance._metadata.verification_id",
            verified_at: signed_iat.or_else(|| bound.map(|t| (VERIFIED_AT.to_owned(), t))),
            verified_at_field: VERIFIED_AT,
            assurance_level: level.map(|l| ("hopae_loa".to_owned(), l)),
            unsigned: &unsigned,
            ..Facts::default()
        },
    );
    claims
}

/// Bare evidence `{token, names}`: nothing says when Hopae verified, so the relayed artefacts
/// are judged at the policy instant.
pub(crate) fn run_evidence<'s>(
    evidence: &'s UnverifiedEvidence<'_>,
    ctx: &mut Ctx<'_>,
) -> IdentityClaims<'s> {
    let clock = ctx.now();
    let evidence = Evidence::new("(evidence)".into(), evidence);
    check_evidence_keys(ctx, &evidence);
    let token = evidence_token(ctx, &evidence, None);
    if ctx.policy.evidence_signatures_required() {
        ctx.judged(Expectation::EvidenceSignatures);
        if token.is_none() {
            ctx.fail(
                "evidence.signed",
                Error::EvidenceUnsigned {
                    field: "(evidence).token".into(),
                    reason: "no id_token".into(),
                },
            );
        }
    }
    judge_evidence(ctx, &evidence, token.as_ref(), Some(clock));
    if let Some((field, iat)) = token.as_ref().and_then(|t| t.signed.signed_iat()) {
        ctx.report.set_signed_instant(field, iat);
    }
    apply_policy(
        ctx,
        &Facts {
            verified_at_field: "(bare evidence carries no verification time)",
            ..Facts::default()
        },
    );
    IdentityClaims::new(VENDOR)
}

pub(crate) fn run_verification<'s>(
    v: &'s UnverifiedVerification<'_>,
    ctx: &mut Ctx<'_>,
) -> IdentityClaims<'s> {
    let state = match &v.status {
        None => Err(Error::missing("status")),
        Some(VerificationStatus::Completed) => Ok("status = completed".to_owned()),
        Some(
            s @ (VerificationStatus::Failed
            | VerificationStatus::Expired
            | VerificationStatus::Cancelled),
        ) => Err(Error::SessionFailed {
            vendor: VENDOR,
            field: "status".into(),
            state: s.name().into_owned(),
            fail_code: s.name().into_owned(),
        }),
        Some(s @ VerificationStatus::Unknown(_)) => Err(Error::SessionUnknownState {
            vendor: VENDOR,
            field: "status".into(),
            state: s.name().into_owned(),
        }),
        Some(s) => Err(Error::SessionIncomplete {
            vendor: VENDOR,
            field: "status".into(),
            state: s.name().into_owned(),
        }),
    };
    let completed = state.is_ok();
    ctx.check("session.state", state);
    let level = assurance(ctx, v.acr.as_deref(), v.hopae_loa, v.hopae_loa_label.as_deref());
    let created = ctx.instant("createdAt", v.created_at.as_deref());
    let verified_at = ctx.instant("verifiedAt", v.verified_at.as_deref());
    in_order(ctx, ("createdAt", created), ("verifiedAt", verified_at));
    not_in_future(ctx, "createdAt", created);
    not_in_future(ctx, "verifiedAt", verified_at);
    if completed && verified_at.is_none() {
        ctx.fail("session.verified_at", Error::missing("verifiedAt"));
    }
    let id = v.verification_id.as_deref().filter(|s| !s.is_empty());
    let mut claims = IdentityClaims::new(VENDOR);
    if let Some(raw) = v.verified_attributes {
        // The legacy `verifiedAttributes` carry a display name.
        #[derive(serde::Deserialize)]
        #[serde(bound(deserialize = "'de: 'a"))]
        struct Legacy<'a> {
            #[serde(default, deserialize_with = "crate::input::borrow::opt_cow")]
            name: Option<Cow<'a, str>>,
        }
        match parse_typed::<Legacy<'s>>("verifiedAttributes", raw.get()) {
            Ok(l) => claims.full_name = present(l.name),
            Err(e) => ctx.fail("claims.verifiedAttributes", e),
        }
        claims.raw = Some(raw);
    }
    claims.provenance.provider_id = present(v.provider_id.as_deref().map(Cow::Borrowed));
    claims.provenance.assurance_level = level;
    claims.provenance.verified_at = verified_at;
    claims.provenance.session_id = id.map(Cow::Borrowed);
    apply_policy(
        ctx,
        &Facts {
            session_id: id.map(|id| ("verificationId".to_owned(), id)),
            session_field: "verificationId",
            verified_at: verified_at.map(|t| ("verifiedAt".to_owned(), t)),
            verified_at_field: "verifiedAt",
            assurance_level: level.map(|l| ("hopae_loa".to_owned(), l)),
            // A verification status object is signed by nothing.
            unsigned: &["session_id", "verified_at", "assurance_level", "external_user_id"],
            ..Facts::default()
        },
    );
    claims
}

/// `acr` (`urn:hopae:loa:N`, older `urn:hopae:loaN`), `hopae_loa` and `hopae_loa_label` must
/// agree; returns the level they state.
fn assurance(
    ctx: &mut Ctx<'_>,
    acr: Option<&str>,
    loa: Option<i64>,
    label: Option<&str>,
) -> Option<u8> {
    let acr_level = match acr {
        None => None,
        Some(acr) => match acr_level(acr) {
            Some(level) => Some(level),
            None => {
                ctx.fail(
                    "assurance.acr",
                    Error::invalid(
                        "acr",
                        format!("{acr:?} is not urn:hopae:loa:N with N from 1 to 5"),
                    ),
                );
                return None;
            }
        },
    };
    let loa_level = match loa {
        None => None,
        Some(n) => match u8::try_from(n).ok().filter(|l| (1..=5).contains(l)) {
            Some(level) => Some(level),
            None => {
                ctx.fail(
                    "assurance.hopae_loa",
                    Error::invalid("hopae_loa", format!("{n} is not a level from 1 to 5")),
                );
                return None;
            }
        },
    };
    let level = loa_level.or(acr_level)?;
    let mut consistent = true;
    if let (Some(a), Some(l)) = (acr_level, loa_level) {
        if a != l {
            consistent = false;
            ctx.fail(
                "binding.assurance_level",
                Error::AssuranceMismatch {
                    field: "acr".into(),
                    reason: format!("acr states level {a}, hopae_loa {l}"),
                },
            );
        }
    }
    if let Some(label) = label {
        let expected = LOA_LABELS.get(usize::from(level) - 1).copied().unwrap_or_default();
        if label != expected {
            consistent = false;
            ctx.fail(
                "binding.assurance_label",
                Error::AssuranceMismatch {
                    field: "hopae_loa_label".into(),
                    reason: format!(
                        "label {label:?} is not {expected:?}, the label of level {level}"
                    ),
                },
            );
        }
    }
    if consistent {
        ctx.check(
            "binding.assurance_level",
            Ok(format!("acr, hopae_loa and hopae_loa_label agree on level {level}")),
        );
    }
    Some(level)
}

/// Where Hopae states when it verified the person; nothing signs it.
const VERIFIED_AT: &str = "provenance._metadata.verified_at";

/// A JWT that covers part of a Hopae result: its payload members and signed instants, and
/// whether its signature verified against a key the caller trusts.
struct SignedToken {
    /// The payload's path, e.g. `id_token(payload)`.
    field: String,
    members: serde_json::Map<String, serde_json::Value>,
    iat: Option<DateTime<Utc>>,
    exp: Option<DateTime<Utc>>,
    verified: bool,
}

impl SignedToken {
    fn new(field: String, claims: &JwtClaims<'_>, verified: bool) -> Self {
        let instant = |d: Option<crate::jose::jws::NumericDate>| {
            d.and_then(|d| from_unix_seconds("", d.0).ok())
        };
        // The payload parsed before, so this cannot fail; an empty map only covers nothing.
        let members = serde_json::from_str(claims.raw).unwrap_or_default();
        SignedToken { field, members, iat: instant(claims.iat), exp: instant(claims.exp), verified }
    }

    /// `iat` when the signature verified: the instant the token's issuer signed.
    fn signed_iat(&self) -> Option<(String, DateTime<Utc>)> {
        self.iat.filter(|_| self.verified).map(|t| (format!("{}.iat", self.field), t))
    }
}

/// A credential's evidence `id_token`, decoded and its signature checked.
struct RelayedToken<'s> {
    jws: UnverifiedJws<'s>,
    signed: SignedToken,
    /// Whether every member of the credential's relayed `claims` was compared with the token.
    covers_claims: bool,
}

/// `names` against the `token` keys, and the opaque artefacts' types.
fn check_evidence_keys(ctx: &mut Ctx<'_>, evidence: &Evidence<'_>) {
    let limits = *ctx.policy.limits();
    ctx.check(
        format!("evidence.names.{}", evidence.field()),
        evidence.check_declared_keys(limits.max_evidence_names),
    );
    for (key, result) in
        [("access_token", evidence.access_token()), ("token_type", evidence.token_type())]
    {
        if let Err(e) = result {
            ctx.fail(format!("evidence.{key}"), e);
        }
    }
}

/// The evidence `id_token`: decoded, its signature checked against the upstream provider's
/// keys the caller supplies, and the credential's relayed `claims` compared with it.
fn evidence_token<'s>(
    ctx: &mut Ctx<'_>,
    evidence: &Evidence<'s>,
    credential_claims: Option<&RawValue>,
) -> Option<RelayedToken<'s>> {
    let limits = *ctx.policy.limits();
    let field = evidence.field().to_owned();
    let jws = match evidence.id_token(&limits) {
        Err(e) => {
            ctx.fail("evidence.id_token", e);
            return None;
        }
        Ok(None) => return None,
        Ok(Some(jws)) => jws,
    };
    let f = format!("{field}.token.id_token");
    let pf = format!("{f}(payload)");
    // The upstream token is addressed to Hopae, not to the caller: its `aud` and `nonce` are
    // Hopae's business; its signature is checked against the upstream provider's keys.
    // Its keys are the upstream provider's its `iss` names (read before the signature is
    // checked to choose them; nothing else is taken from the claims unless it verifies).
    let claims = jws.claims(&f, &limits);
    let iss = claims.as_ref().ok().and_then(|c| c.iss.as_deref());
    let verified = signature(ctx, "signature.evidence.id_token", &f, &jws, KeyRole::Evidence(iss));
    let (signed, covers_claims) = match claims {
        Err(e) => {
            ctx.fail("evidence.id_token.claims", e);
            return None;
        }
        Ok(claims) => {
            let covers = match credential_claims {
                Some(relayed) => same_subject(
                    ctx,
                    &pf,
                    claims.raw,
                    &format!("{}.claims", field.trim_end_matches(".evidence")),
                    relayed,
                ),
                None => true,
            };
            (SignedToken::new(pf, &claims, verified), covers)
        }
    };
    Some(RelayedToken { jws, signed, covers_claims })
}

/// The evidence's time rules on `clock` (`None` when unknown: the caller already rejected
/// that): `expires_at`, and the `id_token`'s `iat`, `nbf`, `exp`.
fn judge_evidence(
    ctx: &mut Ctx<'_>,
    evidence: &Evidence<'_>,
    token: Option<&RelayedToken<'_>>,
    clock: Option<Clock>,
) {
    let field = evidence.field().to_owned();
    match evidence.expires_at() {
        Err(e) => ctx.fail("evidence.expires_at", e),
        Ok(None) => {}
        Ok(Some(expires)) => {
            if let Some(clock) = clock {
                let f = format!("{field}.token.expires_at");
                let result = clock
                    .not_after(&f, expires)
                    .map(|()| format!("{f} = {expires}, after {}", clock.at));
                ctx.check("time.evidence_expires_at", result);
            }
        }
    }
    if let (Some(token), Some(clock)) = (token, clock) {
        if let Ok(claims) = token.jws.claims(&field, ctx.policy.limits()) {
            time_claims(ctx, &clock, &token.signed.field, &claims);
        }
    }
}

/// What became of `verified_at` against the signed instants.
#[derive(Debug, Clone, Copy)]
enum Binding {
    /// It lies inside the `iat`..`exp` of every verified token, and at least one has both.
    Signed(DateTime<Utc>),
    /// No verified token states both `iat` and `exp`: it is unsigned.
    Unsigned,
    /// It lies outside a verified token's window: `binding.time` recorded.
    Disagrees,
}

/// Holds `verified_at` inside the signed instants (README.md, "What is signed"): not before the
/// `iat` nor after the `exp` of any token whose signature verified, with the leeway as [`Clock`]'s
/// rules apply it (`iat > at + leeway` is before, `at >= exp + leeway` after). Both bounds matter:
/// an earlier instant would let expired evidence pass, a later one a stale result meet the maximum
/// age.
fn bind_verified_at(ctx: &mut Ctx<'_>, at: DateTime<Utc>, tokens: &[&SignedToken]) -> Binding {
    let leeway = ctx.policy.leeway();
    let mut bounded_by = Vec::new();
    let mut inside = true;
    for token in tokens.iter().filter(|t| t.verified) {
        if let Some(iat) = token.iat {
            if iat > plus(at, leeway) {
                inside = false;
                let e = Error::TimeBinding {
                    field: VERIFIED_AT.into(),
                    time: at,
                    relation: "before",
                    signed_field: format!("{}.iat", token.field),
                    signed: iat,
                };
                ctx.fail("binding.time.verified_at", e);
            }
        }
        if let Some(exp) = token.exp {
            if at >= plus(exp, leeway) {
                inside = false;
                let e = Error::TimeBinding {
                    field: VERIFIED_AT.into(),
                    time: at,
                    relation: "after",
                    signed_field: format!("{}.exp", token.field),
                    signed: exp,
                };
                ctx.fail("binding.time.verified_at", e);
            }
        }
        if token.iat.is_some() && token.exp.is_some() {
            bounded_by.push(token.field.as_str());
        }
    }
    if !inside {
        return Binding::Disagrees;
    }
    if bounded_by.is_empty() {
        ctx.skip("binding.time.verified_at", format!("{VERIFIED_AT} = {at} is unsigned: no verified token states iat and exp to hold it to"));
        return Binding::Unsigned;
    }
    ctx.check(
        "binding.time.verified_at",
        Ok(format!("{VERIFIED_AT} = {at} lies within iat..exp of {}", bounded_by.join(", "))),
    );
    Binding::Signed(at)
}

/// How a `user` claim is compared with a signed one.
#[derive(Clone, Copy)]
enum Compare {
    Text,
    Date,
    Country,
}

/// Each `user` claim (OpenID Connect Core 1.0 section 5.1) and the member names a signed token
/// may carry it under: the OIDC name first, then the upstream provider's own that Hopae relays
/// (Smart-ID's `givenName`, `surname`, `countryCode`, as Hopae's `provenance` relays them).
const USER_CLAIMS: [(&str, &[&str], Compare); 9] = [
    ("given_name", &["given_name", "givenName"], Compare::Text),
    ("family_name", &["family_name", "surname", "familyName"], Compare::Text),
    ("middle_name", &["middle_name", "middleName"], Compare::Text),
    ("name", &["name"], Compare::Text),
    ("birthdate", &["birthdate", "birth_date", "dateOfBirth"], Compare::Date),
    ("gender", &["gender"], Compare::Text),
    ("email", &["email"], Compare::Text),
    ("phone_number", &["phone_number"], Compare::Text),
    ("nationality", &["nationality", "countryCode"], Compare::Country),
];

/// `address` members (OpenID Connect Core 1.0 section 5.1.1), compared with a signed token's
/// `address` object.
const ADDRESS_CLAIMS: [(&str, Compare); 6] = [
    ("formatted", Compare::Text),
    ("street_address", Compare::Text),
    ("locality", Compare::Text),
    ("region", Compare::Text),
    ("postal_code", Compare::Text),
    ("country", Compare::Country),
];

fn same_value(how: Compare, unsigned: &str, signed: &str) -> bool {
    match how {
        Compare::Text => unsigned == signed,
        Compare::Date => {
            matches!((parse_date("", unsigned), parse_date("", signed)), (Ok(a), Ok(b)) if a == b)
        }
        Compare::Country => {
            matches!((country_claim("", Some(unsigned)), country_claim("", Some(signed))), (Ok(Some(a)), Ok(Some(b))) if a == b)
        }
    }
}

/// What the signed tokens say of one `user` claim.
enum Coverage {
    /// A verified token carries the same value (its member path).
    Signed(String),
    /// A token carries another value: already recorded as `binding.claims`.
    Differs,
    /// No verified token carries it.
    Unsigned,
}

/// Looks `value` up in every token under `names` (in `object` when given, e.g. `address`).
fn coverage(
    ctx: &mut Ctx<'_>,
    field: &str,
    value: &str,
    how: Compare,
    names: &[&str],
    object: Option<&str>,
    tokens: &[&SignedToken],
) -> Coverage {
    let mut covered = None;
    for token in tokens {
        let members = match object {
            None => Some(&token.members),
            Some(o) => token.members.get(o).and_then(serde_json::Value::as_object),
        };
        let Some((name, signed)) = members.and_then(|m| {
            names.iter().find_map(|n| m.get(*n).filter(|v| !v.is_null()).map(|v| (*n, v)))
        }) else {
            continue;
        };
        let path = match object {
            None => format!("{}.{name}", token.field),
            Some(o) => format!("{}.{o}.{name}", token.field),
        };
        // Compared whether or not the signature verified: a token disagreeing with the userinfo
        // means one of them was altered (fail closed); only a verified one makes it signed.
        if signed.as_str().is_some_and(|s| same_value(how, value, s)) {
            if token.verified {
                covered.get_or_insert(path);
            }
        } else {
            ctx.fail(
                format!("binding.claims.user.{}", names.first().copied().unwrap_or_default()),
                Error::ClaimsMismatch {
                    field: field.to_owned(),
                    signed: format!("{path} = {signed}"),
                    unsigned: value.to_owned(),
                },
            );
            return Coverage::Differs;
        }
    }
    match covered {
        Some(path) => Coverage::Signed(path),
        None => Coverage::Unsigned,
    }
}

/// The `user` claims against the signed tokens that carry them (README.md, "What is signed"): each
/// must equal the signed value (else `binding.claims`); a claim no verified token carries is
/// reported unsigned and withheld from `claims`, unless the policy allows unsigned claims.
fn bind_user(
    ctx: &mut Ctx<'_>,
    user: &User<'_>,
    tokens: &[&SignedToken],
    claims: &mut IdentityClaims<'_>,
) {
    let allow = ctx.policy.unsigned_claims_allowed();
    // The date as parsed (`YYYY-MM-DD`, a midnight date-time, or epoch milliseconds), so that
    // every form of one date compares equal to the signed one.
    let birthdate = claims.birth_date.map(|d| d.to_string());
    let values: [Option<&str>; 9] = [
        user.given_name.as_deref(),
        user.family_name.as_deref(),
        user.middle_name.as_deref(),
        user.name.as_deref(),
        birthdate.as_deref(),
        user.gender.as_deref(),
        user.email.as_deref(),
        user.phone_number.as_deref(),
        user.nationality.as_deref(),
    ];
    let mut signed_names: Vec<(&str, String)> = Vec::new();
    for ((claim, names, how), value) in USER_CLAIMS.iter().zip(values) {
        let Some(value) = value.filter(|v| !v.is_empty()) else { continue };
        let field = format!("user.{claim}");
        let mut found = coverage(ctx, &field, value, *how, names, None, tokens);
        // `name` is the given and family names Hopae joined: signed when they are.
        if *claim == "name" && matches!(found, Coverage::Unsigned) {
            let part = |n: &str| signed_names.iter().find(|(c, _)| *c == n).map(|(_, p)| p.clone());
            if let (Some(given), Some(family)) = (part("given_name"), part("family_name")) {
                let joined = [
                    user.given_name.as_deref(),
                    user.middle_name.as_deref(),
                    user.family_name.as_deref(),
                ]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
                if joined == value
                    && (user.middle_name.as_deref().is_none_or(str::is_empty)
                        || part("middle_name").is_some())
                {
                    found = Coverage::Signed(format!("{given} and {family}"));
                }
            }
        }
        match found {
            Coverage::Signed(path) => {
                ctx.check(format!("binding.claims.{field}"), Ok(format!("{field} = {path}")));
                signed_names.push((claim, path));
            }
            Coverage::Differs => {}
            Coverage::Unsigned => {
                ctx.report.unsigned_value(
                    field,
                    Some(value.to_owned()),
                    !allow,
                    "no verified signed token carries it",
                );
                if !allow {
                    match *claim {
                        "given_name" => claims.given_name = None,
                        "family_name" => claims.family_name = None,
                        "middle_name" => claims.middle_name = None,
                        "name" => claims.full_name = None,
                        "birthdate" => claims.birth_date = None,
                        "gender" => claims.sex = None,
                        "nationality" => claims.nationality = None,
                        // email and phone_number are not among the normalised claims.
                        _ => {}
                    }
                }
            }
        }
    }
    let Some(address) = &user.address else { return };
    let values: [Option<&str>; 6] = [
        address.formatted.as_deref(),
        address.street_address.as_deref(),
        address.locality.as_deref(),
        address.region.as_deref(),
        address.postal_code.as_deref(),
        address.country.as_deref(),
    ];
    for ((member, how), value) in ADDRESS_CLAIMS.iter().zip(values) {
        let Some(value) = value.filter(|v| !v.is_empty()) else { continue };
        let field = format!("user.address.{member}");
        match coverage(ctx, &field, value, *how, &[member], Some("address"), tokens) {
            Coverage::Signed(path) => {
                ctx.check(format!("binding.claims.{field}"), Ok(format!("{field} = {path}")))
            }
            Coverage::Differs => {}
            Coverage::Unsigned => {
                ctx.report.unsigned_value(
                    field,
                    Some(value.to_owned()),
                    !allow,
                    "no verified signed token carries it",
                );
                if let (false, Some(a)) = (allow, claims.address.as_mut()) {
                    match *member {
                        "formatted" => a.formatted = None,
                        "street_address" => a.street = None,
                        "locality" => a.locality = None,
                        "region" => a.region = None,
                        "postal_code" => a.postal_code = None,
                        _ => a.country = None,
                    }
                }
            }
        }
    }
}

/// Lists the userinfo metadata no signature covers, withheld from the claims unless the policy
/// accepts unsigned values; `unsigned_level` is the level when no verified Hopae ID token states
/// `acr`.
fn report_unsigned_metadata(
    ctx: &mut Ctx<'_>,
    info: &UnverifiedUserinfo<'_>,
    verification_id: Option<&str>,
    unsigned_level: Option<u8>,
) {
    const METADATA: &str = "metadata Hopae does not sign";
    let withheld = !ctx.policy.unsigned_claims_allowed();
    if let Some(id) = verification_id {
        ctx.report.unsigned_value(
            "provenance._metadata.verification_id",
            Some(id.to_owned()),
            withheld,
            METADATA,
        );
    }
    let first_type = info
        .provenance
        .iter()
        .flat_map(|p| p.presentation.iter())
        .flat_map(|p| p.credentials.first())
        .find_map(|c| c.provider.as_deref());
    let provider = match info.provider_id.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => Some(("provider_id", p)),
        None => first_type
            .filter(|p| !p.is_empty())
            .map(|p| ("provenance.presentation.credentials[0].type", p)),
    };
    if let Some((field, provider)) = provider {
        ctx.report.unsigned_value(field, Some(provider.to_owned()), withheld, METADATA);
    }
    if let Some(level) = unsigned_level {
        ctx.report.unsigned_value(
            "hopae_loa",
            Some(level.to_string()),
            withheld,
            "no verified Hopae ID token states acr",
        );
    }
}

/// The members an upstream token and the credential's relayed `claims` both carry must agree: Hopae
/// copies the upstream claims (its docs: `claims` are the raw upstream claims), so a difference
/// means one of them was altered. Only scalar members are compared; nested objects are the
/// provider's own shape.
///
/// Returns whether every member of the relayed claims was compared and agrees: only then is the
/// relayed copy covered by the token.
fn same_subject(
    ctx: &mut Ctx<'_>,
    token_field: &str,
    token_claims: &str,
    claims_field: &str,
    credential_claims: &RawValue,
) -> bool {
    type Members<'x> = std::collections::BTreeMap<Cow<'x, str>, serde_json::Value>;
    let (Ok(token), Ok(relayed)) = (
        serde_json::from_str::<Members<'_>>(token_claims),
        serde_json::from_str::<Members<'_>>(credential_claims.get()),
    ) else {
        ctx.fail(
            "binding.evidence_claims",
            Error::invalid(claims_field, "claims must be a JSON object"),
        );
        return false;
    };
    let mut compared = Vec::new();
    let mut all = true;
    for (name, value) in &relayed {
        let Some(signed) = token.get(name) else {
            all = false;
            continue;
        };
        if value.is_object() || value.is_array() || signed.is_object() || signed.is_array() {
            all = false;
            continue;
        }
        if value != signed {
            ctx.fail(
                "binding.evidence_claims",
                Error::SubjectMismatch {
                    field: format!("{claims_field}.{name}"),
                    expected: signed.to_string(),
                    found: value.to_string(),
                },
            );
            return false;
        }
        compared.push(name.as_ref());
    }
    if !compared.is_empty() {
        ctx.check(
            "binding.evidence_claims",
            Ok(format!("{claims_field} agrees with {token_field} on {}", compared.join(", "))),
        );
    }
    all
}

/// The Hopae OIDC ID token (Hopae's OIDC documentation: RS256, keys from Hopae's JWKS): its
/// signature, its time window at the policy instant, its issuer, audience and nonce, and its `sub`
/// and `acr` against the userinfo (OpenID Connect Core section 5.3.2: "The sub Claim in the
/// UserInfo Response MUST be verified to exactly match the sub Claim in the ID Token").
///
/// Returns the token's claims and instants, as signed when its signature verified.
fn check_id_token(
    ctx: &mut Ctx<'_>,
    token: &UnverifiedJws<'_>,
    info: &UnverifiedUserinfo<'_>,
    level: Option<u8>,
) -> Option<SignedToken> {
    const FIELD: &str = "id_token";
    let alg = token.header().ok().and_then(|h| h.alg.map(Cow::into_owned)).unwrap_or_default();
    let verified = if alg != "RS256" {
        ctx.fail("signature.id_token", Error::JwsAlgNotAllowed { field: FIELD.into(), alg });
        false
    } else {
        signature(ctx, "signature.id_token", FIELD, token, KeyRole::Hopae)
    };
    let claims = match token.claims(FIELD, ctx.policy.limits()) {
        Ok(c) => c,
        Err(e) => {
            ctx.fail("id_token.claims", e);
            return None;
        }
    };
    let now = ctx.now();
    let pf = "id_token(payload)";
    time_claims(ctx, &now, pf, &claims);
    addressed_to_caller(ctx, pf, &claims);
    let sub = match (claims.sub.as_deref(), info.sub.as_deref()) {
        (Some(a), Some(b)) if a == b => Ok(format!("sub = {a} in the ID token and the userinfo")),
        (a, b) => Err(Error::SubjectMismatch {
            field: "sub".into(),
            expected: a.unwrap_or_default().to_owned(),
            found: b.unwrap_or_default().to_owned(),
        }),
    };
    ctx.check("binding.id_token_sub", sub);
    #[derive(serde::Deserialize)]
    #[serde(bound(deserialize = "'de: 'a"))]
    struct Acr<'a> {
        #[serde(default, deserialize_with = "crate::input::borrow::opt_cow")]
        acr: Option<Cow<'a, str>>,
    }
    match parse_typed::<Acr<'_>>(pf, claims.raw) {
        Err(e) => ctx.fail("binding.id_token_acr", e),
        Ok(Acr { acr: None }) => {}
        Ok(Acr { acr: Some(acr) }) => {
            let token_level = acr_level(&acr);
            let result = match (token_level, level) {
                (Some(t), Some(u)) if t == u => {
                    Ok(format!("{pf}.acr = {acr}, level {t} as the userinfo"))
                }
                _ => Err(Error::AssuranceMismatch {
                    field: format!("{pf}.acr"),
                    reason: format!(
                        "the ID token states {acr:?}, the userinfo level {}",
                        level.map_or("none".into(), |l| l.to_string())
                    ),
                }),
            };
            ctx.check("binding.id_token_acr", result);
        }
    }
    Some(SignedToken::new(pf.to_owned(), &claims, verified))
}

/// The level an `acr` of `urn:hopae:loa:N` (older `urn:hopae:loaN`) states: exactly one digit
/// 1-5 (`str::parse` would also take `+3` or `03`).
fn acr_level(acr: &str) -> Option<u8> {
    let digits = acr.strip_prefix("urn:hopae:loa:").or_else(|| acr.strip_prefix("urn:hopae:loa"));
    match digits.map(str::as_bytes) {
        Some([d @ b'1'..=b'5']) => Some(d - b'0'),
        _ => None,
    }
}

fn user_claims<'s>(user: &'s User<'_>) -> Result<IdentityClaims<'s>, Error> {
    let text = |v: &'s Option<Cow<'_, str>>| present(v.as_deref().map(Cow::Borrowed));
    let mut claims = IdentityClaims::new(VENDOR);
    claims.given_name = text(&user.given_name);
    claims.family_name = text(&user.family_name);
    claims.middle_name = text(&user.middle_name);
    claims.full_name = text(&user.name);
    claims.birth_date = date_claim("user.birthdate", user.birthdate.as_ref())?;
    claims.sex = text(&user.gender).map(Sex::from_vendor);
    claims.nationality = country_claim("user.nationality", user.nationality.as_deref())?;
    if let Some(a) = &user.address {
        claims.address = Some(Address {
            street: text(&a.street_address),
            locality: text(&a.locality),
            region: text(&a.region),
            postal_code: text(&a.postal_code),
            country: country_claim("user.address.country", a.country.as_deref())?,
            formatted: text(&a.formatted),
        });
    }
    Ok(claims.tidy())
}

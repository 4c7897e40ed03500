//! Hopae: userinfo (assurance consistency, `verified_at`, evidence), bare evidence, and
//! verification status objects.
//!
//! Evidence is judged at `verified_at`, the moment Hopae verified the person, not at the policy
//! instant: an audit months later must reach the same verdict (issue 2, item 5).

use std::borrow::Cow;

use super::jws::{addressed_to_caller, signature, time_claims, Signer};
use super::{apply_policy, in_order, not_in_future, Ctx, Facts};
use serde_json::value::RawValue;

use crate::claims::{country_claim, date_claim, present, Address, IdentityClaims, Sex};
use crate::error::{Error, Vendor};
use crate::evidence::Evidence;
use crate::jose::jws::UnverifiedJws;
use crate::json::parse_typed;
use crate::time::Clock;
use crate::vendor::hopae::{UnverifiedEvidence, UnverifiedUserinfo, UnverifiedVerification, User, VerificationStatus};

const VENDOR: Vendor = Vendor::Hopae;

/// `hopae_loa_label` for levels 1 to 5 (FORMATS section 3).
const LOA_LABELS: [&str; 5] = ["none", "low", "substantial", "high", "qualified"];

pub(crate) fn run_userinfo<'s>(info: &'s UnverifiedUserinfo<'_>, id_token: Option<&UnverifiedJws<'_>>, ctx: &mut Ctx<'_>) -> IdentityClaims<'s> {
    let level = assurance(ctx, info.acr.as_deref(), info.hopae_loa, info.hopae_loa_label.as_deref());
    match id_token {
        Some(token) => check_id_token(ctx, token, info, level),
        None => ctx.skip("signature.id_token", "no Hopae ID token supplied: sub and acr not bound to a signed token"),
    }
    let metadata = info.provenance.as_ref().and_then(|p| p.metadata.as_ref());
    let verified_at = ctx.instant("provenance._metadata.verified_at", metadata.and_then(|m| m.verified_at.as_deref()));
    not_in_future(ctx, "provenance._metadata.verified_at", verified_at);
    let verification_id = metadata.and_then(|m| m.verification_id.as_deref()).filter(|s| !s.is_empty());

    let credentials = info.provenance.as_ref().and_then(|p| p.presentation.as_ref()).map_or(&[][..], |p| p.credentials.as_slice());
    let limit = ctx.policy.limits().max_credentials;
    if credentials.len() > limit {
        ctx.fail(
            "limit.credentials",
            Error::TooManyCredentials { field: "provenance.presentation.credentials".into(), count: credentials.len(), limit },
        );
    } else {
        for (i, credential) in credentials.iter().enumerate() {
            if let Some(evidence) = &credential.evidence {
                let field = format!("provenance.presentation.credentials[{i}].evidence");
                let clock = match verified_at {
                    Some(at) => Some(ctx.at_verification(at)),
                    None => {
                        ctx.fail("evidence.verified_at", Error::missing("provenance._metadata.verified_at"));
                        None
                    }
                };
                check_evidence(ctx, Evidence::new(field, evidence), credential.claims, clock);
            }
        }
    }

    let mut claims = match &info.user {
        Some(user) => user_claims(user).unwrap_or_else(|e| {
            ctx.fail("claims.user", e);
            IdentityClaims::new(VENDOR)
        }),
        None => IdentityClaims::new(VENDOR),
    };
    let first = credentials.first();
    claims.raw = first.and_then(|c| c.claims);
    claims.provenance.provider_id =
        present(info.provider_id.as_deref().map(Cow::Borrowed)).or_else(|| present(first.and_then(|c| c.provider.as_deref()).map(Cow::Borrowed)));
    claims.provenance.assurance_level = level;
    claims.provenance.verified_at = verified_at;
    claims.provenance.session_id = verification_id.map(Cow::Borrowed);
    apply_policy(
        ctx,
        &Facts {
            session_id: verification_id.map(|id| ("provenance._metadata.verification_id".to_owned(), id)),
            session_field: "provenance._metadata.verification_id",
            verified_at: verified_at.map(|t| ("provenance._metadata.verified_at".to_owned(), t)),
            verified_at_field: "provenance._metadata.verified_at",
            assurance_level: level.map(|l| ("hopae_loa".to_owned(), l)),
            ..Facts::default()
        },
    );
    claims
}

/// Bare evidence `{token, names}`: nothing says when Hopae verified, so the relayed artefacts
/// are judged at the policy instant.
pub(crate) fn run_evidence<'s>(evidence: &'s UnverifiedEvidence<'_>, ctx: &mut Ctx<'_>) -> IdentityClaims<'s> {
    let clock = ctx.now();
    check_evidence(ctx, Evidence::new("(evidence)".into(), evidence), None, Some(clock));
    apply_policy(ctx, &Facts { verified_at_field: "(bare evidence carries no verification time)", ..Facts::default() });
    IdentityClaims::new(VENDOR)
}

pub(crate) fn run_verification<'s>(v: &'s UnverifiedVerification<'_>, ctx: &mut Ctx<'_>) -> IdentityClaims<'s> {
    let state = match &v.status {
        None => Err(Error::missing("status")),
        Some(VerificationStatus::Completed) => Ok("status = completed".to_owned()),
        Some(s @ (VerificationStatus::Failed | VerificationStatus::Expired | VerificationStatus::Cancelled)) => {
            Err(Error::SessionFailed { vendor: VENDOR, field: "status".into(), state: s.name().into_owned(), fail_code: s.name().into_owned() })
        }
        Some(s @ VerificationStatus::Unknown(_)) => {
            Err(Error::SessionUnknownState { vendor: VENDOR, field: "status".into(), state: s.name().into_owned() })
        }
        Some(s) => Err(Error::SessionIncomplete { vendor: VENDOR, field: "status".into(), state: s.name().into_owned() }),
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
            #[serde(default, deserialize_with = "crate::borrow::opt_cow")]
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
            ..Facts::default()
        },
    );
    claims
}

/// `acr` (`urn:hopae:loa:N`, older `urn:hopae:loaN`), `hopae_loa` and `hopae_loa_label` must
/// agree; returns the level they state.
fn assurance(ctx: &mut Ctx<'_>, acr: Option<&str>, loa: Option<i64>, label: Option<&str>) -> Option<u8> {
    let acr_level = match acr {
        None => None,
        Some(acr) => {
            match acr_level(acr) {
                Some(level) => Some(level),
                None => {
                    ctx.fail("assurance.acr", Error::invalid("acr", format!("{acr:?} is not urn:hopae:loa:N with N from 1 to 5")));
                    return None;
                }
            }
        }
    };
    let loa_level = match loa {
        None => None,
        Some(n) => match u8::try_from(n).ok().filter(|l| (1..=5).contains(l)) {
            Some(level) => Some(level),
            None => {
                ctx.fail("assurance.hopae_loa", Error::invalid("hopae_loa", format!("{n} is not a level from 1 to 5")));
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
                Error::AssuranceMismatch { field: "acr".into(), reason: format!("acr states level {a}, hopae_loa {l}") },
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
                    reason: format!("label {label:?} is not {expected:?}, the label of level {level}"),
                },
            );
        }
    }
    if consistent {
        ctx.check("binding.assurance_level", Ok(format!("acr, hopae_loa and hopae_loa_label agree on level {level}")));
    }
    Some(level)
}

/// `names` against `token`, then the typed artefacts. `clock` is the verification instant
/// (`None` when unknown: the time checks cannot run, and the caller already rejected that).
fn check_evidence(ctx: &mut Ctx<'_>, evidence: Evidence<'_>, credential_claims: Option<&RawValue>, clock: Option<Clock>) {
    let limits = *ctx.policy.limits();
    let field = evidence.field().to_owned();
    ctx.check(format!("evidence.names.{field}"), evidence.check_declared_keys(limits.max_evidence_names));
    for (key, result) in [("access_token", evidence.access_token()), ("token_type", evidence.token_type())] {
        if let Err(e) = result {
            ctx.fail(format!("evidence.{key}"), e);
        }
    }
    match evidence.expires_at() {
        Err(e) => ctx.fail("evidence.expires_at", e),
        Ok(None) => {}
        Ok(Some(expires)) => {
            if let Some(clock) = clock {
                let f = format!("{field}.token.expires_at");
                let result = clock.not_after(&f, expires).map(|()| format!("{f} = {expires}, after {}", clock.at));
                ctx.check("time.evidence_expires_at", result);
            }
        }
    }
    match evidence.id_token(&limits) {
        Err(e) => ctx.fail("evidence.id_token", e),
        Ok(None) => {}
        Ok(Some(jws)) => {
            let f = format!("{field}.token.id_token");
            match jws.claims(&f, &limits) {
                Err(e) => ctx.fail("evidence.id_token.claims", e),
                Ok(claims) => {
                    if let Some(clock) = clock {
                        time_claims(ctx, &clock, &format!("{f}(payload)"), &claims);
                    }
                    if let Some(credential_claims) = credential_claims {
                        same_subject(ctx, &format!("{f}(payload)"), claims.raw, &field.replace(".evidence", ".claims"), credential_claims);
                    }
                }
            }
            // The upstream token is addressed to Hopae, not to the caller: its `aud` and
            // `nonce` are Hopae's business; its signature is checked against the upstream
            // provider's keys the caller supplies.
            signature(ctx, "signature.evidence.id_token", &f, &jws, Signer::Relayed);
        }
    }
}

/// The members an upstream token and the credential's relayed `claims` both carry must agree:
/// Hopae copies the upstream claims, so a difference means one of them was altered (FORMATS
/// section 3). Only scalar members are compared; nested objects are the provider's own shape.
fn same_subject(ctx: &mut Ctx<'_>, token_field: &str, token_claims: &str, claims_field: &str, credential_claims: &RawValue) {
    type Members<'x> = std::collections::BTreeMap<Cow<'x, str>, serde_json::Value>;
    let (Ok(token), Ok(relayed)) =
        (serde_json::from_str::<Members<'_>>(token_claims), serde_json::from_str::<Members<'_>>(credential_claims.get()))
    else {
        ctx.fail("binding.evidence_claims", Error::invalid(claims_field, "claims must be a JSON object"));
        return;
    };
    let mut compared = Vec::new();
    for (name, value) in &relayed {
        let Some(signed) = token.get(name) else { continue };
        if value.is_object() || value.is_array() || signed.is_object() || signed.is_array() {
            continue;
        }
        if value != signed {
            ctx.fail(
                "binding.evidence_claims",
                Error::SubjectMismatch { field: format!("{claims_field}.{name}"), expected: signed.to_string(), found: value.to_string() },
            );
            return;
        }
        compared.push(name.as_ref());
    }
    if !compared.is_empty() {
        ctx.check("binding.evidence_claims", Ok(format!("{claims_field} agrees with {token_field} on {}", compared.join(", "))));
    }
}

/// The Hopae OIDC ID token (FORMATS section 3: RS256, keys from Hopae's JWKS): its signature,
/// its time window at the policy instant, its issuer, audience and nonce, and its `sub` and
/// `acr` against the userinfo (OpenID Connect Core section 5.3.2: "The sub Claim in the
/// UserInfo Response MUST be verified to exactly match the sub Claim in the ID Token").
fn check_id_token(ctx: &mut Ctx<'_>, token: &UnverifiedJws<'_>, info: &UnverifiedUserinfo<'_>, level: Option<u8>) {
    const FIELD: &str = "id_token";
    let alg = token.header().ok().and_then(|h| h.alg.map(Cow::into_owned)).unwrap_or_default();
    if alg != "RS256" {
        ctx.fail("signature.id_token", Error::JwsAlgNotAllowed { field: FIELD.into(), alg });
    } else {
        signature(ctx, "signature.id_token", FIELD, token, Signer::Primary);
    }
    let claims = match token.claims(FIELD, ctx.policy.limits()) {
        Ok(c) => c,
        Err(e) => {
            ctx.fail("id_token.claims", e);
            return;
        }
    };
    let now = ctx.now();
    let pf = "id_token(payload)";
    time_claims(ctx, &now, pf, &claims);
    addressed_to_caller(ctx, pf, &claims);
    let sub = match (claims.sub.as_deref(), info.sub.as_deref()) {
        (Some(a), Some(b)) if a == b => Ok(format!("sub = {a} in the ID token and the userinfo")),
        (a, b) => Err(Error::SubjectMismatch { field: "sub".into(), expected: a.unwrap_or_default().to_owned(), found: b.unwrap_or_default().to_owned() }),
    };
    ctx.check("binding.id_token_sub", sub);
    #[derive(serde::Deserialize)]
    #[serde(bound(deserialize = "'de: 'a"))]
    struct Acr<'a> {
        #[serde(default, deserialize_with = "crate::borrow::opt_cow")]
        acr: Option<Cow<'a, str>>,
    }
    match parse_typed::<Acr<'_>>(pf, claims.raw) {
        Err(e) => ctx.fail("binding.id_token_acr", e),
        Ok(Acr { acr: None }) => {}
        Ok(Acr { acr: Some(acr) }) => {
            let token_level = acr_level(&acr);
            let result = match (token_level, level) {
                (Some(t), Some(u)) if t == u => Ok(format!("{pf}.acr = {acr}, level {t} as the userinfo")),
                _ => Err(Error::AssuranceMismatch {
                    field: format!("{pf}.acr"),
                    reason: format!("the ID token states {acr:?}, the userinfo level {}", level.map_or("none".into(), |l| l.to_string())),
                }),
            };
            ctx.check("binding.id_token_acr", result);
        }
    }
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

//! What every signed token gets, whatever carries it (a bare JWT, a JWT credential or
//! presentation, a Hopae ID token or relayed evidence): its signatures against the keys the
//! policy trusts for the signer's role, its JWT time claims, and the issuer, audience and nonce
//! the policy expects.

use std::borrow::Cow;

use super::ctx::Ctx;
use super::expectation::Expectation;
use crate::error::{Error, JudgedAt};
use crate::jose::jws::{JwtClaims, NumericDate, UnverifiedJws};
use crate::jose::jwt;
use crate::time::Clock;
use crate::verify::trust::KeyRole;

/// Verifies `jws`'s signatures with the keys the policy trusts for `role`, and records the
/// outcome as `name`. Returns whether they verified.
///
/// A key verifies only in its role: a signature that verifies only under a key trusted for
/// another role (a holder's key on a credential, Hopae's key on upstream evidence, one issuer's
/// key on another issuer's token) is `key.wrong_role`. Without keys for the role, a token of an
/// issuer could not be checked (`issuer.untrusted`), Hopae's or a holder's
/// `signature.not_checked`, and relayed evidence is skipped unless the policy requires evidence
/// signatures.
pub(crate) fn signature(
    ctx: &mut Ctx<'_>,
    name: impl Into<Cow<'static, str>>,
    field: &str,
    jws: &UnverifiedJws<'_>,
    role: KeyRole<'_>,
) -> bool {
    let name = name.into();
    let policy = ctx.policy;
    let keys = policy.role_keys();
    let Some(set) = keys.get(role) else {
        if let Some(e) = wrong_role(ctx, field, jws, role) {
            ctx.fail(name, e);
            return false;
        }
        let alg = jws.header().ok().and_then(|h| h.alg.map(Cow::into_owned)).unwrap_or_default();
        match role {
            KeyRole::Evidence(_) if !policy.evidence_signatures_required() => {
                ctx.skip(
                    name,
                    format!("{field}: {alg} signature not checked: no keys trusted for {role}"),
                );
            }
            KeyRole::Issuer(iss) => ctx.fail(
                name,
                Error::IssuerUntrusted {
                    field: format!("{field}(payload).iss"),
                    issuer: iss.unwrap_or("(none)").to_owned(),
                    reason: format!("no keys are trusted for {role}"),
                },
            ),
            _ => ctx.fail(
                name,
                Error::SignatureNotChecked {
                    field: field.to_owned(),
                    alg,
                    reason: format!("no keys trusted for {role}"),
                },
            ),
        };
        return false;
    };
    let (mut count, mut first) = (0, None);
    let result = jws
        .for_each_verified(field, set, policy.allowed_algorithms(), policy.now(), |_, alg, key| {
            count += 1;
            first.get_or_insert((alg, key.kid()));
        })
        .map(|()| match (count, first) {
            (1, Some((alg, kid))) => verified_with(alg.name(), kid.unwrap_or("(no kid)")),
            _ => format!("{count} signatures verified"),
        });
    // A key of the role that is missing or does not verify: the signer may hold a key the
    // caller trusts for something else, which is worth naming (only on this failing path).
    let result = match result {
        Err(e @ (Error::KeyNotFound { .. } | Error::SignatureInvalid { .. })) => {
            Err(wrong_role(ctx, field, jws, role).unwrap_or(e))
        }
        other => other,
    };
    let ok = result.is_ok();
    ctx.signature_verified |= ok;
    ctx.check(name, result);
    ok
}

/// `key.wrong_role` when `jws` verifies under a key the policy trusts for a role other than
/// `role`; `None` otherwise.
fn wrong_role(
    ctx: &Ctx<'_>,
    field: &str,
    jws: &UnverifiedJws<'_>,
    role: KeyRole<'_>,
) -> Option<Error> {
    let policy = ctx.policy;
    policy.role_keys().all().filter(|(r, _)| *r != role).find_map(|(other, set)| {
        let mut kid = None;
        jws.for_each_verified(
            field,
            set,
            policy.allowed_algorithms(),
            policy.now(),
            |_, _, key| {
                kid.get_or_insert(key.kid().unwrap_or("(none)").to_owned());
            },
        )
        .ok()?;
        Some(Error::KeyWrongRole {
            field: field.to_owned(),
            kid: kid.unwrap_or_default(),
            needed: role.to_string(),
            found: other.to_string(),
        })
    })
}

/// `"ES256 signature verified with key k1"`, written without the formatting machinery, as
/// [`numeric_date_detail`] is: one per token.
fn verified_with(alg: &str, kid: &str) -> String {
    const MIDDLE: &str = " signature verified with key ";
    let mut detail = String::with_capacity(alg.len() + MIDDLE.len() + kid.len());
    detail.push_str(alg);
    detail.push_str(MIDDLE);
    detail.push_str(kid);
    detail
}

/// `iss`, `aud` and `nonce` of a token addressed to the caller (an ID token, a bare JWT, a
/// presentation), against what the policy expects.
pub(crate) fn addressed_to_caller(ctx: &mut Ctx<'_>, field: &str, c: &JwtClaims<'_>) {
    let policy = ctx.policy;
    // Member paths are built only when a rule applies: this runs for every token.
    if let Some(r) = jwt::issuer(field, c.iss.as_deref(), policy.expected_issuer()) {
        ctx.judged(Expectation::Issuer);
        ctx.check("jwt.iss", r.map_err(|e| with_member(e, field)));
    }
    let aud = jwt::audience(field, c.aud.as_ref(), policy.expected_audience());
    ctx.judged(Expectation::Audience);
    ctx.check("jwt.aud", aud.map_err(|e| with_member(e, field)));
    if let Some(r) = jwt::nonce(field, c.nonce.as_deref(), policy.expected_nonce()) {
        ctx.judged(Expectation::Nonce);
        ctx.check("jwt.nonce", r.map_err(|e| with_member(e, field)));
    }
}

/// Completes the member path of a claim error: the rules get the payload's path.
fn with_member(e: Error, payload: &str) -> Error {
    match e {
        Error::JwtIssuer { expected, found, .. } => {
            Error::JwtIssuer { field: format!("{payload}.iss"), expected, found }
        }
        Error::JwtAudience { expected, found, .. } => {
            Error::JwtAudience { field: format!("{payload}.aud"), expected, found }
        }
        Error::JwtNonce { expected, found, .. } => {
            Error::JwtNonce { field: format!("{payload}.nonce"), expected, found }
        }
        other => other,
    }
}

/// `"exp = 1735689600"`, written without the formatting machinery: three per token, and the
/// three `format!` calls cost about 2.3 k of the ~30 k instructions vpcheck spends on a JWT
/// beside its signature (callgrind, ES256, BENCHMARKS.md).
fn numeric_date_detail(name: &str, value: NumericDate) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(value.0);
    let mut detail = String::with_capacity(name.len() + 3 + digits.len());
    detail.push_str(name);
    detail.push_str(" = ");
    detail.push_str(digits);
    detail
}

/// `iat`, `nbf`, `exp` (RFC 7519 sections 4.1.4-4.1.6) judged on `clock`; returns `iat`.
pub(crate) fn time_claims(
    ctx: &mut Ctx<'_>,
    clock: &Clock,
    field: &str,
    c: &JwtClaims<'_>,
) -> Option<chrono::DateTime<chrono::Utc>> {
    // Check names are static and details show the NumericDate as sent: formatting a date-time
    // for every passed check was the largest cost of verifying a JWT after the signature
    // (callgrind, benches/jose.rs). Errors still name both instants in full.
    let at_verification = clock.judged == JudgedAt::VerifiedAt;
    let rules: [(&str, Option<NumericDate>, &'static str, &'static str); 3] = [
        ("iat", c.iat, "time.iat", "time.iat.at_verification"),
        ("nbf", c.nbf, "time.nbf", "time.nbf.at_verification"),
        ("exp", c.exp, "time.exp", "time.exp.at_verification"),
    ];
    let mut iat = None;
    for (name, value, check, check_at_verification) in rules {
        let Some(value) = value else { continue };
        // The member path is built only for an error: this runs three times per token.
        let judge = |f: &str| -> Result<chrono::DateTime<chrono::Utc>, Error> {
            let t = crate::time::from_unix_seconds(f, value.0)?;
            match name {
                "iat" => clock.not_in_future(f, t),
                "nbf" => clock.not_before(f, t),
                _ => clock.not_after(f, t),
            }
            .map(|()| t)
        };
        let result = judge("").or_else(|_| judge(&format!("{field}.{name}")));
        let t = result.as_ref().ok().copied();
        let name_of = if at_verification { check_at_verification } else { check };
        match result {
            Ok(_) => ctx.check(name_of, Ok(numeric_date_detail(name, value))),
            Err(e @ Error::InvalidField { .. }) => ctx.fail(format!("parse.{field}.{name}"), e),
            Err(e) => ctx.fail(name_of, e),
        }
        if name == "iat" {
            iat = t.or_else(|| crate::time::from_unix_seconds("", value.0).ok());
        }
    }
    iat
}

//! A bare JWS/JWT: signatures against the policy's keys, JWT time claims at the policy instant,
//! and the issuer, audience, nonce and type the policy expects.

use std::borrow::Cow;

use super::jwt_vc::{self, JwtKind};
use super::{apply_policy, Ctx, Facts};
use crate::claims::IdentityClaims;
use crate::error::{Error, JudgedAt, Vendor};
use crate::jose::jws::{JwtClaims, NumericDate, UnverifiedJws};
use crate::jose::jwt;
use crate::time::{Clock, UnixSeconds};

/// Whose keys a signature is checked with, which decides what "no keys" means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Signer {
    /// A token the result stands on (a bare JWT, an ID token, a JWT credential): without keys
    /// it could not be checked.
    Primary,
    /// A relayed upstream artefact (Hopae evidence): without keys it is skipped, unless the
    /// policy requires evidence signatures.
    Relayed,
}

/// Verifies `jws`'s signatures with the policy's keys and records the outcome as `name`.
/// Returns whether they verified.
pub(crate) fn signature(ctx: &mut Ctx<'_>, name: &str, field: &str, jws: &UnverifiedJws<'_>, signer: Signer) -> bool {
    let policy = ctx.policy;
    if policy.keys().is_empty() {
        let alg = jws.header().ok().and_then(|h| h.alg.map(Cow::into_owned)).unwrap_or_default();
        if signer == Signer::Relayed && !policy.evidence_signatures_required() {
            ctx.skip(name, format!("{field}: {alg} signature not checked: no keys supplied"));
        } else {
            ctx.check(name, Err(Error::SignatureNotChecked { field: field.to_owned(), alg, reason: "no keys supplied".into() }));
        }
        return false;
    }
    let result = jws.verify_signatures(field, policy.keys(), policy.allowed_algorithms()).map(|verified| {
        verified
            .iter()
            .map(|v| format!("{field}: {} signature verified with key {}", v.alg, v.kid.as_deref().unwrap_or("(no kid)")))
            .collect::<Vec<_>>()
            .join("; ")
    });
    let ok = result.is_ok();
    ctx.check(name, result);
    ok
}

pub(crate) fn run<'s>(jws: &'s UnverifiedJws<'_>, ctx: &mut Ctx<'_>) -> IdentityClaims<'s> {
    let mut claims = IdentityClaims::new(Vendor::Generic);
    let header = match jws.header() {
        Ok(h) => h,
        Err(e) => {
            ctx.fail("jws.header", e);
            return claims;
        }
    };
    signature(ctx, "signature.jws", "jws", jws, Signer::Primary);
    if let Some(expected) = ctx.policy.expected_token_type() {
        ctx.check("jwt.typ", jwt::token_type("jws(header).typ", header.typ.as_deref(), expected));
    }
    let mut iat = None;
    // Any payload is allowed in a JWS; a JSON object payload is read as JWT claims.
    if jws.payload().first() == Some(&b'{') {
        match jws.claims("jws", ctx.policy.limits()) {
            Ok(c) => match jwt_vc::classify(&header, &c) {
                JwtKind::Plain => {
                    let now = ctx.now();
                    iat = time_claims(ctx, &now, "jws(payload)", &c);
                    addressed_to_caller(ctx, "jws(payload)", &c);
                }
                kind => {
                    jwt_vc::run(ctx, "jws", kind, &header, &c);
                    iat = c.iat.and_then(|d| crate::time::from_unix_seconds("jws(payload).iat", d.0).ok());
                }
            },
            Err(e) => ctx.fail("jws.payload", e),
        }
    }
    claims.provenance.verified_at = iat;
    apply_policy(
        ctx,
        &Facts {
            verified_at: iat.map(|t| ("jws(payload).iat".to_owned(), t)),
            verified_at_field: "jws(payload).iat",
            ..Facts::default()
        },
    );
    claims
}

/// `iss`, `aud` and `nonce` of a token addressed to the caller (an ID token, a bare JWT, a
/// presentation), against what the policy expects.
pub(crate) fn addressed_to_caller(ctx: &mut Ctx<'_>, field: &str, c: &JwtClaims<'_>) {
    let policy = ctx.policy;
    if let Some(r) = jwt::issuer(&format!("{field}.iss"), c.iss.as_deref(), policy.expected_issuer()) {
        ctx.check("jwt.iss", r);
    }
    ctx.check("jwt.aud", jwt::audience(&format!("{field}.aud"), c.aud.as_ref(), policy.expected_audience()));
    if let Some(r) = jwt::nonce(&format!("{field}.nonce"), c.nonce.as_deref(), policy.expected_nonce()) {
        ctx.check("jwt.nonce", r);
    }
}

/// `iat`, `nbf`, `exp` (RFC 7519 sections 4.1.4-4.1.6) judged on `clock`; returns `iat`.
pub(crate) fn time_claims(ctx: &mut Ctx<'_>, clock: &Clock, field: &str, c: &JwtClaims<'_>) -> Option<chrono::DateTime<chrono::Utc>> {
    let mut instant = |name: &str, v: Option<NumericDate>| {
        let f = format!("{field}.{name}");
        ctx.unix(&f, v.map(|d| UnixSeconds(d.0))).map(|t| (f, t))
    };
    let iat = instant("iat", c.iat);
    let nbf = instant("nbf", c.nbf);
    let exp = instant("exp", c.exp);
    let suffix = if clock.judged == JudgedAt::VerifiedAt { ".at_verification" } else { "" };
    if let Some((f, t)) = &iat {
        ctx.check(format!("time.iat{suffix}"), clock.not_in_future(f, *t).map(|()| format!("{f} = {t}")));
    }
    if let Some((f, t)) = &nbf {
        ctx.check(format!("time.nbf{suffix}"), clock.not_before(f, *t).map(|()| format!("{f} = {t}")));
    }
    if let Some((f, t)) = &exp {
        ctx.check(format!("time.exp{suffix}"), clock.not_after(f, *t).map(|()| format!("{f} = {t}")));
    }
    iat.map(|(_, t)| t)
}

//! A bare compact JWS/JWT: header checks at decode time, JWT time claims at the policy instant.
//! The signature is not verified in this build: reported `signature.not_checked`.

use std::borrow::Cow;

use super::{apply_policy, Ctx, Facts};
use crate::claims::IdentityClaims;
use crate::error::{Error, JudgedAt, Vendor};
use crate::jws::{JwtClaims, NumericDate, UnverifiedJws};
use crate::time::{Clock, UnixSeconds};

pub(crate) fn run<'s>(jws: &'s UnverifiedJws<'_>, ctx: &mut Ctx<'_>) -> IdentityClaims<'s> {
    let mut claims = IdentityClaims::new(Vendor::Generic);
    let alg = match jws.header() {
        Ok(h) => h.alg.map(Cow::into_owned).unwrap_or_default(),
        Err(e) => {
            ctx.fail("jws.header", e);
            return claims;
        }
    };
    let mut iat = None;
    // Any payload is allowed in a JWS; a JSON object payload is read as JWT claims.
    if jws.payload().first() == Some(&b'{') {
        match jws.claims("jws", ctx.policy.limits()) {
            Ok(c) => {
                let now = ctx.now();
                iat = time_claims(ctx, &now, "jws(payload)", &c);
            }
            Err(e) => ctx.fail("jws.payload", e),
        }
    }
    ctx.check(
        "signature.jws",
        Err(Error::SignatureNotChecked { field: "jws".into(), alg, reason: "JWS verification is not in this build".into() }),
    );
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

//! A bare JWS or JWT handed in as the result: its signatures against the policy's keys, its
//! JWT time claims at the policy instant, the issuer, audience, nonce and type the policy
//! expects; a JWT that is a credential or a presentation goes on to its checks
//! ([`super::jwt_vc`]).

use super::ctx::{apply_policy, Ctx, Facts};
use super::expectation::Expectation;
use super::jwt_vc::{self, JwtKind};
use super::token::{addressed_to_caller, signature, time_claims};
use crate::claims::IdentityClaims;
use crate::error::Vendor;
use crate::jose::jws::UnverifiedJws;
use crate::jose::jwt;
use crate::verify::trust::KeyRole;

pub(crate) fn run<'s>(jws: &'s UnverifiedJws<'_>, ctx: &mut Ctx<'_>) -> IdentityClaims<'s> {
    let mut claims = IdentityClaims::new(Vendor::Generic);
    // Decoding read the header and returned any error in it, so it is not parsed again here.
    let header = jws.checked_header();
    // Any payload is allowed in a JWS; a JSON object payload is read as JWT claims. They are
    // read before the signature is checked because they say whose keys check it (a
    // presentation's holder, else the `iss` the token names); nothing is taken from them
    // unless that signature verifies.
    // JSON may begin with whitespace (RFC 8259 section 2): a payload that is a JSON object after
    // it is read as claims, so that it cannot pass as content that names no issuer.
    let object =
        jws.payload().iter().find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r')) == Some(&b'{');
    let payload = object.then(|| jws.claims("jws", ctx.policy.limits()));
    let kind = match &payload {
        Some(Ok(c)) => jwt_vc::classify(&header, c),
        _ => JwtKind::Plain,
    };
    let issuer = match &payload {
        Some(Ok(c)) => jwt_vc::token_issuer(c),
        _ => None,
    };
    let holder = match (&payload, kind) {
        (Some(Ok(c)), JwtKind::Presentation11 | JwtKind::Presentation2) => {
            jwt_vc::token_holder(c, kind)
        }
        _ => None,
    };
    let role = match (kind, issuer.as_deref()) {
        (JwtKind::Presentation11 | JwtKind::Presentation2, _) => KeyRole::Holder(holder.as_deref()),
        (JwtKind::Plain, None) => KeyRole::Signer,
        (_, issuer) => KeyRole::Issuer(issuer),
    };
    let signed = signature(ctx, "signature.jws", "jws", jws, role);
    if let Some(expected) = ctx.policy.expected_token_type() {
        ctx.judged(Expectation::TokenType);
        ctx.check("jwt.typ", jwt::header_type("jws(header).typ", &header, expected));
    }
    let mut iat = None;
    match payload {
        Some(Ok(c)) => match kind {
            JwtKind::Plain => {
                let now = ctx.now();
                iat = time_claims(ctx, &now, "jws(payload)", &c);
                addressed_to_caller(ctx, "jws(payload)", &c);
            }
            kind => {
                jwt_vc::run(ctx, "jws", kind, &header, &c);
                iat = c
                    .iat
                    .and_then(|d| crate::time::from_unix_seconds("jws(payload).iat", d.0).ok());
            }
        },
        Some(Err(e)) => ctx.fail("jws.payload", e),
        None => {}
    }
    claims.provenance.verified_at = iat;
    if let Some(iat) = iat.filter(|_| signed) {
        // The audit's `--at signed` confirms the instant it judged at against this one.
        ctx.report.set_signed_instant("jws(payload).iat", iat);
    }
    apply_policy(
        ctx,
        &Facts {
            // Only the maximum-age rule reads it: the member path is built only when that applies.
            verified_at: iat
                .filter(|_| ctx.policy.max_age().is_some())
                .map(|t| ("jws(payload).iat".to_owned(), t)),
            verified_at_field: "jws(payload).iat",
            ..Facts::default()
        },
    );
    claims
}

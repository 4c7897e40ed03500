//! Incode OIDC: the userinfo response, bound to the ID token of the same token response.
//!
//! Incode's OIDC flows (onboarding and authentication) are the authorization code flow: the
//! client exchanges the code at `/oauth2/token` for an ID token (a JWT Incode signs, RS256, with
//! the keys of its JWKS) and an access token, and reads the person's claims from `/userinfo`
//! (name, birth date and gender read from the verified document). The userinfo response is not
//! signed, so vpcheck vouches for it only through the ID token (OpenID Connect Core 1.0):
//!
//! 1. the ID token's signature verifies under the Incode keys the caller trusts
//!    ([`crate::Policy::with_incode_keys`]; section 3.1.3.7 step 6), with `alg` RS256 only;
//! 2. `iss` is the issuer the caller expects ([`crate::Policy::expect_issuer`]; step 2). When the
//!    caller names none, the keys bind the issuer: `iss` must be present and an `https` URL
//!    (section 2), and the check says it was not compared;
//! 3. `aud` names the caller's client id ([`crate::Policy::expect_audience`]; step 3), and a
//!    token naming an audience when the policy expects none is refused (fail closed); an `azp`
//!    must be the client id too (step 5);
//! 4. `exp` and `iat` are present (section 2) and, with `nbf`, judged at the policy instant with
//!    the policy's leeway (steps 9-10);
//! 5. `nonce` is the one the caller sent, when the policy names one (step 11);
//! 6. the userinfo's `sub` is the ID token's (section 5.3.2: "The sub Claim in the UserInfo
//!    Response MUST be verified to exactly match the sub Claim in the ID Token"), and every
//!    other claim both carry is equal (a difference means one was altered);
//! 7. an `auth_overall_status` (the authentication flow's face match), in the token or the
//!    userinfo, is `OK` (or a reviewer's `MANUAL_OK`).
//!
//! Claims the verified ID token carries too are signed; the others come from the unsigned
//! userinfo, bound only by `sub`: they are listed in [`crate::Verified::unsigned`] and withheld
//! unless [`crate::Policy::allow_unsigned_claims`]. Without an ID token, or with one that did not
//! verify under the caller's Incode keys, the userinfo never verifies.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::ctx::{apply_policy, Ctx, Facts};
use super::jsonld::document_expiry;
use super::token::{addressed_to_caller, signature, time_claims};
use crate::claims::{country_claim, date_claim, present, Address, IdentityClaims, Sex};
use crate::claims::{DocumentKind, IdentityDocument};
use crate::error::{Error, Vendor};
use crate::input::json::parse_typed;
use crate::jose::jws::{JwtClaims, UnverifiedJws};
use crate::model::incode::{ScoreStatus, UnverifiedIncodeUserinfo, UserinfoClaims};
use crate::time::from_unix_seconds;
use crate::verify::trust::KeyRole;

const VENDOR: Vendor = Vendor::Incode;
const FIELD: &str = "id_token";
const PAYLOAD: &str = "id_token(payload)";

/// The algorithm Incode signs its ID tokens with (RS256, RSASSA-PKCS1-v1_5 with SHA-256, as
/// Incode's own integrations verify them; `docs/formats.md`, section 4). Nothing else is
/// accepted, whatever the policy allows (the policy's allowlist can only narrow it further): a
/// token under another algorithm was not signed the way Incode signs, and accepting a second
/// one would let a key of the set be used under an algorithm it was not published for.
const INCODE_ALG: &str = "RS256";

pub(crate) fn run<'s>(
    info: &'s UnverifiedIncodeUserinfo<'_>,
    id_token: Option<&'s UnverifiedJws<'_>>,
    ctx: &mut Ctx<'_>,
) -> IdentityClaims<'s> {
    let user = match userinfo_claims(info.claims.clone()) {
        Ok(claims) => claims,
        Err(e) => {
            ctx.fail("claims.userinfo", e);
            IdentityClaims::new(VENDOR)
        }
    };
    let token = match id_token {
        Some(token) => check_id_token(ctx, token, info),
        None => {
            ctx.fail(
                "signature.id_token",
                Error::SignatureNotChecked {
                    field: FIELD.into(),
                    alg: "(no token)".into(),
                    reason: "no Incode ID token supplied (--id-token, Unverified::with_id_token): \
                             the userinfo is unsigned and bound to nothing"
                        .into(),
                },
            );
            None
        }
    };
    let verified = token.as_ref().filter(|t| t.verified);
    // The userinfo's own `auth_overall_status` is unsigned: a failure it states rejects
    // (failing closed needs no signature), a pass proves nothing and is listed as unsigned.
    if let Some(status) = &info.claims.auth_overall_status {
        match auth_status("auth_overall_status", status) {
            Err(e) => ctx.fail("session.auth_overall_status", e),
            Ok(detail) => {
                ctx.skip(
                    "session.auth_overall_status",
                    format!("{detail}, in the unsigned userinfo: not counted as a check"),
                );
                ctx.report.unsigned_value(
                    "auth_overall_status",
                    Some(status.name().into_owned()),
                    false,
                    "the userinfo's alone: a pass it states is not signed",
                );
            }
        }
    }
    let failed = bind_members(ctx, info, verified.map(|t| &t.members));
    let signed = verified.and_then(|t| t.claims.clone());
    // The document expiry is judged whoever states it, before any claim is withheld: the
    // signed date when the token carries one, else the userinfo's (an unsigned date that says
    // the document expired still rejects: failing closed needs no signature).
    let expiry = signed
        .as_ref()
        .and_then(|c| c.document.as_ref())
        .and_then(|d| d.expiry_date)
        .or_else(|| user.document.as_ref().and_then(|d| d.expiry_date));
    if let Some(expiry) = expiry {
        document_expiry(ctx, "document_expiry_date", expiry);
    }
    let mut claims = reconcile(ctx, signed, user, verified.is_some(), &failed);
    let signed_iat = verified.and_then(|t| t.iat).map(|iat| (format!("{PAYLOAD}.iat"), iat));
    if let Some((field, iat)) = &signed_iat {
        ctx.report.set_signed_instant(field.clone(), *iat);
        claims.provenance.verified_at = Some(*iat);
    }
    apply_policy(
        ctx,
        &Facts {
            verified_at: signed_iat,
            verified_at_field: "id_token(payload).iat",
            ..Facts::default()
        },
    );
    claims
}

/// The ID token's payload members, its typed claims and `iat`, and whether its signature
/// verified.
struct CheckedToken<'s> {
    members: Map<String, Value>,
    claims: Option<IdentityClaims<'s>>,
    iat: Option<chrono::DateTime<chrono::Utc>>,
    verified: bool,
}

/// Steps 1 to 6 of the module docs for the ID token.
fn check_id_token<'s>(
    ctx: &mut Ctx<'_>,
    token: &'s UnverifiedJws<'_>,
    info: &UnverifiedIncodeUserinfo<'_>,
) -> Option<CheckedToken<'s>> {
    let alg = token.header().ok().and_then(|h| h.alg.map(Cow::into_owned)).unwrap_or_default();
    let verified = match alg.as_str() {
        INCODE_ALG => signature(ctx, "signature.id_token", FIELD, token, KeyRole::Incode),
        "none" => {
            ctx.fail("signature.id_token", Error::JwsAlgNone { field: FIELD.into() });
            false
        }
        _ => {
            ctx.fail("signature.id_token", Error::JwsAlgNotAllowed { field: FIELD.into(), alg });
            false
        }
    };
    // An ID token is a plain JWT: `typ` absent or `JWT` (OpenID Connect Core section 2 uses
    // none). Another type (an RFC 9068 access token, `at+jwt`) signed by the same keys is a
    // different artefact and must not pass as an ID token.
    if let Some(typ) = token.header().ok().and_then(|h| h.typ.map(Cow::into_owned)) {
        if !typ.eq_ignore_ascii_case("JWT") && !typ.eq_ignore_ascii_case("application/jwt") {
            ctx.fail(
                "jwt.typ",
                Error::JwtType {
                    field: format!("{FIELD}(header).typ"),
                    expected: "JWT, or none".into(),
                    found: typ,
                },
            );
        }
    }
    let claims = match token.claims(FIELD, ctx.policy.limits()) {
        Ok(c) => c,
        Err(e) => {
            ctx.fail("id_token.claims", e);
            return None;
        }
    };
    // OpenID Connect Core section 2: `iss`, `sub`, `aud`, `exp` and `iat` are required.
    for (name, present) in [
        ("exp", claims.exp.is_some()),
        ("iat", claims.iat.is_some()),
        ("aud", claims.aud.is_some()),
    ] {
        if !present {
            ctx.fail(format!("id_token.{name}"), Error::missing(format!("{PAYLOAD}.{name}")));
        }
    }
    let now = ctx.now();
    time_claims(ctx, &now, PAYLOAD, &claims);
    issuer_when_unset(ctx, &claims);
    addressed_to_caller(ctx, PAYLOAD, &claims);
    let members: Map<String, Value> = match serde_json::from_str(claims.raw) {
        Ok(m) => m,
        Err(e) => {
            ctx.fail("id_token.claims", Error::invalid(PAYLOAD, e.to_string()));
            return None;
        }
    };
    authorized_party(ctx, &members);
    let sub = match (claims.sub.as_deref(), info.claims.sub.as_deref()) {
        (None, _) => Err(Error::missing(format!("{PAYLOAD}.sub"))),
        (Some(_), None) => Err(Error::missing("sub")),
        (Some(""), _) => Err(Error::invalid(format!("{PAYLOAD}.sub"), "empty")),
        (Some(a), Some(b)) if a == b => Ok(format!("sub = {a} in the ID token and the userinfo")),
        (Some(a), Some(b)) => Err(Error::SubjectMismatch {
            field: "sub".into(),
            expected: a.to_owned(),
            found: b.to_owned(),
        }),
    };
    ctx.check("binding.id_token_sub", sub);
    #[derive(serde::Deserialize)]
    #[serde(bound(deserialize = "'de: 'a"))]
    struct Incode<'a> {
        #[serde(default)]
        auth_overall_status: Option<ScoreStatus<'a>>,
    }
    match parse_typed::<Incode<'_>>(PAYLOAD, claims.raw) {
        Err(e) => ctx.fail("id_token.auth_overall_status", e),
        Ok(Incode { auth_overall_status: None }) => {}
        Ok(Incode { auth_overall_status: Some(status) }) => ctx.check(
            "session.id_token.auth_overall_status",
            auth_status(&format!("{PAYLOAD}.auth_overall_status"), &status),
        ),
    }
    // The claims the token signs, typed by the same model as the userinfo's, so that a member
    // spelled another way (an alias the model reads) is compared as the claim it fills.
    let typed =
        match parse_typed::<UserinfoClaims<'s>>(PAYLOAD, claims.raw).and_then(userinfo_claims) {
            Ok(typed) => Some(typed),
            Err(e) => {
                ctx.fail("id_token.claims", e);
                None
            }
        };
    let iat = claims.iat.and_then(|d| from_unix_seconds("", d.0).ok());
    Some(CheckedToken { members, claims: typed, iat, verified })
}

/// Step 2 without an expected issuer: the trusted Incode keys bind the issuer (they verify
/// Incode's ID tokens and nothing else), and `iss` must still be there and an `https` URL
/// (OpenID Connect Core section 2). With an expected issuer, `addressed_to_caller` compares it.
fn issuer_when_unset(ctx: &mut Ctx<'_>, claims: &JwtClaims<'_>) {
    if ctx.policy.expected_issuer().is_some() {
        return;
    }
    let field = format!("{PAYLOAD}.iss");
    let result = match claims.iss.as_deref() {
        None => Err(Error::missing(field)),
        Some(iss) if iss.starts_with("https://") && iss.len() > "https://".len() => Ok(format!(
            "{field} = {iss}, not compared: the policy names no issuer, so only the Incode keys \
             (--incode-jwks) bind it; name it (--issuer) to tell Incode environments apart"
        )),
        Some(iss) => Err(Error::JwtIssuer {
            field,
            expected: "an https URL (OpenID Connect Core section 2)".into(),
            found: iss.to_owned(),
        }),
    };
    ctx.check("jwt.iss", result);
}

/// Step 3's `azp` (OpenID Connect Core section 3.1.3.7 step 5): when present, the caller's
/// client id.
fn authorized_party(ctx: &mut Ctx<'_>, members: &Map<String, Value>) {
    let several = members.get("aud").and_then(Value::as_array).is_some_and(|a| a.len() > 1);
    let Some(azp) = members.get("azp") else {
        // Step 4: a token for several audiences names the one it was issued to; without it,
        // the token may have been issued to another party of the list.
        if several {
            ctx.fail(
                "jwt.azp",
                Error::JwtAudience {
                    field: format!("{PAYLOAD}.azp"),
                    expected: ctx.policy.expected_audience().unwrap_or("none").to_owned(),
                    found: "absent beside several audiences".into(),
                },
            );
        }
        return;
    };
    let expected = ctx.policy.expected_audience();
    let result = match (azp.as_str(), expected) {
        (Some(a), Some(e)) if a == e => Ok(format!("{PAYLOAD}.azp = {a}, the expected client")),
        (found, expected) => Err(Error::JwtAudience {
            field: format!("{PAYLOAD}.azp"),
            expected: expected.unwrap_or("none").to_owned(),
            found: found.map_or_else(|| azp.to_string(), str::to_owned),
        }),
    };
    ctx.check("jwt.azp", result);
}

/// `auth_overall_status`: a passing face match (`OK`, or a reviewer's `MANUAL_OK`).
fn auth_status(field: &str, status: &ScoreStatus<'_>) -> Result<String, Error> {
    match status {
        s if s.is_pass() => Ok(format!("{field} = {s}")),
        ScoreStatus::Unknown(_) => Err(Error::SessionUnknownState {
            vendor: VENDOR,
            field: field.to_owned(),
            state: status.name().into_owned(),
        }),
        s => Err(Error::SessionFailed {
            vendor: VENDOR,
            field: field.to_owned(),
            state: s.name().into_owned(),
            fail_code: format!("{field} {s}"),
        }),
    }
}

/// The typed claims of a userinfo (or of the ID token's payload), borrowed from it.
fn userinfo_claims<'s>(c: UserinfoClaims<'s>) -> Result<IdentityClaims<'s>, Error> {
    let text = |v: Option<Cow<'s, str>>| present(v);
    let mut claims = IdentityClaims::new(VENDOR);
    claims.given_name = text(c.given_name);
    claims.family_name = text(c.family_name);
    claims.middle_name = text(c.middle_name);
    claims.full_name = text(c.name);
    claims.birth_date = date_claim("birthdate", c.birthdate.as_ref())?;
    claims.sex = text(c.gender).map(Sex::from_vendor);
    claims.nationality = country_claim("nationality", c.nationality.as_deref())?;
    if let Some(a) = c.address {
        claims.address = Some(Address {
            street: text(a.street_address),
            locality: text(a.locality),
            region: text(a.region),
            postal_code: text(a.postal_code),
            country: country_claim("address.country", a.country.as_deref())?,
            formatted: text(a.formatted),
        });
    }
    claims.document = Some(IdentityDocument {
        kind: text(c.document_type).map(DocumentKind::from_vendor),
        number: text(c.document_number),
        issuing_country: country_claim(
            "document_issuing_country",
            c.document_issuing_country.as_deref(),
        )?,
        expiry_date: date_claim("document_expiry_date", c.document_expiry_date.as_ref())?,
        ..IdentityDocument::default()
    });
    Ok(claims.tidy())
}

/// Step 6 for every member but `sub`: each userinfo member the verified ID token also carries
/// must be equal to it (a difference means one of them was altered). Returns the names that
/// differ.
fn bind_members(
    ctx: &mut Ctx<'_>,
    info: &UnverifiedIncodeUserinfo<'_>,
    signed: Option<&Map<String, Value>>,
) -> Vec<String> {
    let mut agreed = Vec::new();
    let mut failed = Vec::new();
    for (name, raw) in info.members.iter() {
        if name == "sub" {
            continue;
        }
        let Some(token_value) = signed.and_then(|m| m.get(name)) else { continue };
        let ok = serde_json::from_str::<Value>(raw.get()).is_ok_and(|v| &v == token_value);
        if ok {
            agreed.push(name);
        } else {
            failed.push(name.to_owned());
            ctx.fail(
                format!("binding.claims.{name}"),
                Error::ClaimsMismatch {
                    field: name.to_owned(),
                    signed: format!("{PAYLOAD}.{name} = {token_value}"),
                    unsigned: raw.get().to_owned(),
                },
            );
        }
    }
    if !agreed.is_empty() {
        ctx.check(
            "binding.claims",
            Ok(format!("the userinfo agrees with the verified {PAYLOAD} on {}", agreed.join(", "))),
        );
    }
    failed
}

/// What is returned, claim by claim, compared as typed claims (so that two spellings of one
/// member cannot carry two values): a claim the verified ID token carries is signed, and the
/// userinfo's must equal it; a claim only the userinfo carries is the userinfo's alone, listed
/// as unsigned and withheld unless the policy allows unsigned claims. Without a verified token
/// (`verified` false) every claim is withheld.
fn reconcile<'s>(
    ctx: &mut Ctx<'_>,
    signed: Option<IdentityClaims<'s>>,
    user: IdentityClaims<'s>,
    verified: bool,
    failed: &[String],
) -> IdentityClaims<'s> {
    let allow = ctx.policy.unsigned_claims_allowed() && verified;
    let reason = if verified {
        "the userinfo's alone: bound to the verified ID token by sub, signed by nothing"
    } else {
        "the userinfo's alone, and no ID token verified under the caller's Incode keys"
    };
    let signed = signed.unwrap_or_else(|| IdentityClaims::new(VENDOR));
    let mut pick = Pick { ctx, allow, reason, failed };
    let mut out = IdentityClaims::new(VENDOR);
    out.given_name = pick.one("given_name", signed.given_name, user.given_name);
    out.family_name = pick.one("family_name", signed.family_name, user.family_name);
    out.middle_name = pick.one("middle_name", signed.middle_name, user.middle_name);
    out.full_name = pick.one("name", signed.full_name, user.full_name);
    out.birth_date = pick.one("birthdate", signed.birth_date, user.birth_date);
    out.sex = pick.one("gender", signed.sex, user.sex);
    out.nationality = pick.one("nationality", signed.nationality, user.nationality);
    out.address = pick.one("address", signed.address, user.address);
    let (sd, ud) = (signed.document.unwrap_or_default(), user.document.unwrap_or_default());
    let document = IdentityDocument {
        kind: pick.one("document_type", sd.kind, ud.kind),
        number: pick.one("document_number", sd.number, ud.number),
        issuing_country: pick.one(
            "document_issuing_country",
            sd.issuing_country,
            ud.issuing_country,
        ),
        expiry_date: pick.one("document_expiry_date", sd.expiry_date, ud.expiry_date),
        ..IdentityDocument::default()
    };
    if document != IdentityDocument::default() {
        out.document = Some(document);
    }
    out
}

/// One claim of [`reconcile`].
struct Pick<'c, 'p> {
    ctx: &'c mut Ctx<'p>,
    allow: bool,
    reason: &'static str,
    failed: &'c [String],
}

impl Pick<'_, '_> {
    fn one<T: serde::Serialize>(
        &mut self,
        name: &str,
        signed: Option<T>,
        user: Option<T>,
    ) -> Option<T> {
        let json = |v: &T| serde_json::to_value(v).unwrap_or(Value::Null);
        match (signed, user) {
            (Some(s), Some(u)) if json(&s) != json(&u) => {
                // Already failed member by member when both spell it alike.
                if !self.failed.iter().any(|f| f == name) {
                    self.ctx.fail(
                        format!("binding.claims.{name}"),
                        Error::ClaimsMismatch {
                            field: name.to_owned(),
                            signed: format!("{PAYLOAD}: {name} = {}", json(&s)),
                            unsigned: format!("{name} = {}", json(&u)),
                        },
                    );
                }
                Some(s)
            }
            (Some(s), _) => {
                self.ctx.check(
                    format!("binding.claims.{name}"),
                    Ok(format!("{name} is signed: {PAYLOAD} carries it")),
                );
                Some(s)
            }
            (None, Some(u)) => {
                // A string as itself, anything else as its JSON text.
                let shown = match json(&u) {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                self.ctx.report.unsigned_value(name, Some(shown), !self.allow, self.reason);
                self.allow.then_some(u)
            }
            (None, None) => None,
        }
    }
}

//! JWT credentials and presentations: VC Data Model 1.1 section 6.3.1 (`vc` and `vp` claims)
//! and VC-JOSE-COSE for VCDM 2.0 (`vc+jwt`, `vp+jwt`, enveloped credentials). Every embedded
//! credential is verified like the presentation: signature, media type, claims, validity.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::ctx::Ctx;
use super::expectation::Expectation;
use super::token::{addressed_to_caller, signature, time_claims};
use crate::error::Error;
use crate::input::borrow::{opt_cow, OneOrMany};
use crate::input::json::parse_typed;
use crate::jose::jws::{CheckedHeader, JwtClaims, UnverifiedJws};
use crate::jose::jwt;
use crate::time::parse_instant;
use crate::verify::trust::KeyRole;

/// What a JWT payload is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JwtKind {
    /// Any other JWT.
    Plain,
    /// VCDM 1.1 credential: the credential under `vc`.
    Credential11,
    /// VCDM 1.1 presentation: the presentation under `vp`.
    Presentation11,
    /// VCDM 2.0 credential (VC-JOSE-COSE section 3.1.1): the payload is the credential.
    Credential2,
    /// VCDM 2.0 presentation (section 3.2.1).
    Presentation2,
    /// A header and payload that disagree on what the token is, or a payload shaped as both a
    /// credential and a presentation: refused (`jwt.vc_claims`), since the answer would choose
    /// whose keys check it.
    Conflicting(&'static str),
}

/// The members of a credential or presentation vpcheck checks against the JWT claims.
#[derive(Deserialize, Default)]
#[serde(bound(deserialize = "'de: 'a"))]
struct Document<'a> {
    #[serde(default, rename = "type")]
    type_: Option<OneOrMany<'a>>,
    #[serde(default, deserialize_with = "opt_cow")]
    id: Option<Cow<'a, str>>,
    #[serde(default)]
    issuer: Option<&'a RawValue>,
    #[serde(default, rename = "credentialSubject")]
    credential_subject: Option<&'a RawValue>,
    #[serde(default, rename = "credentialStatus")]
    credential_status: Option<&'a RawValue>,
    #[serde(default, deserialize_with = "opt_cow", rename = "issuanceDate")]
    issuance_date: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow", rename = "expirationDate")]
    expiration_date: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow", rename = "validFrom")]
    valid_from: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow", rename = "validUntil")]
    valid_until: Option<Cow<'a, str>>,
    #[serde(default)]
    holder: Option<&'a RawValue>,
    #[serde(default, rename = "verifiableCredential")]
    verifiable_credential: Option<&'a RawValue>,
    #[serde(default)]
    vc: Option<&'a RawValue>,
    #[serde(default)]
    vp: Option<&'a RawValue>,
}

/// An `id` given as a string or as an object's `id` (VCDM 1.1 sections 4.5 and 4.7).
#[derive(Deserialize)]
#[serde(untagged, bound(deserialize = "'de: 'a"))]
enum IdOrObject<'a> {
    Id(#[serde(borrow)] Cow<'a, str>),
    Object {
        #[serde(default, deserialize_with = "opt_cow")]
        id: Option<Cow<'a, str>>,
    },
}

fn id_of(raw: Option<&RawValue>) -> Option<String> {
    match serde_json::from_str::<IdOrObject<'_>>(raw?.get()).ok()? {
        IdOrObject::Id(id) => Some(id.into_owned()),
        IdOrObject::Object { id } => id.map(Cow::into_owned),
    }
}

/// The subject id of a credential: `credentialSubject.id` (of the first subject).
fn subject_of(raw: Option<&RawValue>) -> Option<String> {
    let raw = raw?;
    if raw.get().starts_with('[') {
        let list: Vec<&RawValue> = serde_json::from_str(raw.get()).ok()?;
        return id_of(list.first().copied()).filter(|_| list.len() == 1);
    }
    match serde_json::from_str::<IdOrObject<'_>>(raw.get()).ok()? {
        IdOrObject::Object { id } => id.map(Cow::into_owned),
        IdOrObject::Id(_) => None,
    }
}

fn bare_type(typ: Option<&str>) -> Option<String> {
    typ.map(|t| {
        let lower = t.to_ascii_lowercase();
        lower.strip_prefix("application/").map(str::to_owned).unwrap_or(lower)
    })
}

/// Classifies a JWT by its header `typ` and its payload, which must agree: the kind decides
/// whose keys check the signature (a holder's for a presentation, the issuer's for a
/// credential), so a holder must not be able to sign a credential by calling it a presentation.
/// A payload is shaped as a credential when it carries `vc` or its `type` names
/// `VerifiableCredential`, as a presentation when it carries `vp` or its `type` names
/// `VerifiablePresentation`; both at once, or a media type (VC-JOSE-COSE sections 3.1.1 and
/// 3.2.1) that the payload's shape contradicts, is [`JwtKind::Conflicting`]. A payload typed as
/// one is one whatever its `typ` says: the media type is then checked, not trusted.
pub(crate) fn classify(header: &CheckedHeader<'_>, claims: &JwtClaims<'_>) -> JwtKind {
    let types = claims.type_.and_then(|t| serde_json::from_str::<OneOrMany<'_>>(t.get()).ok());
    let typed = |name: &str| types.as_ref().is_some_and(|t| t.contains(name));
    let (typed_vc, typed_vp) = (typed("VerifiableCredential"), typed("VerifiablePresentation"));
    let credential = claims.vc.is_some() || typed_vc;
    let presentation = claims.vp.is_some() || typed_vp;
    if credential && presentation {
        return JwtKind::Conflicting("the payload is shaped as a credential and as a presentation");
    }
    match bare_type(header.typ).as_deref() {
        Some("vc+jwt") if !typed_vc => {
            return JwtKind::Conflicting(
                "typ vc+jwt, but the payload's type names no VerifiableCredential",
            )
        }
        Some("vc+jwt") => return JwtKind::Credential2,
        Some("vp+jwt") if !typed_vp => {
            return JwtKind::Conflicting(
                "typ vp+jwt, but the payload's type names no VerifiablePresentation",
            )
        }
        Some("vp+jwt") => return JwtKind::Presentation2,
        _ => {}
    }
    if claims.vc.is_some() {
        JwtKind::Credential11
    } else if claims.vp.is_some() {
        JwtKind::Presentation11
    } else if typed_vp {
        JwtKind::Presentation2
    } else if typed_vc {
        JwtKind::Credential2
    } else {
        JwtKind::Plain
    }
}

/// The issuer a JWT credential names, whose keys check its signature: `iss` (VCDM 1.1 section
/// 6.3.1 requires it), else the credential's `issuer` (VC-JOSE-COSE section 3.1.1 makes `iss`
/// optional; when both are present they must agree, checked in [`run`]).
pub(crate) fn token_issuer(claims: &JwtClaims<'_>) -> Option<String> {
    if let Some(iss) = claims.iss.as_deref() {
        return Some(iss.to_owned());
    }
    let doc = parse_typed::<Document<'_>>("", claims.raw).ok()?;
    id_of(doc.issuer)
}

/// The holder a JWT presentation names, whose keys check its signature: `iss` (VCDM 1.1 section
/// 6.3.1), else the presentation's `holder` (under `vp` in 1.1, the payload in 2.0). When both
/// are present they must agree (checked in [`presentation`]).
pub(crate) fn token_holder(claims: &JwtClaims<'_>, kind: JwtKind) -> Option<String> {
    if let Some(iss) = claims.iss.as_deref() {
        return Some(iss.to_owned());
    }
    let doc = parse_typed::<Document<'_>>("", claims.raw).ok()?;
    let vp = match kind {
        JwtKind::Presentation11 => parse_typed::<Document<'_>>("", doc.vp?.get()).ok()?,
        _ => doc,
    };
    id_of(vp.holder)
}

/// Checks a JWT credential or presentation whose signature has been checked by the caller.
pub(crate) fn run(
    ctx: &mut Ctx<'_>,
    field: &str,
    kind: JwtKind,
    header: &CheckedHeader<'_>,
    claims: &JwtClaims<'_>,
) {
    let pf = format!("{field}(payload)");
    let doc = match parse_typed::<Document<'_>>(&pf, claims.raw) {
        Ok(d) => d,
        Err(e) => {
            ctx.fail(format!("vc.{field}"), e);
            return;
        }
    };
    let now = ctx.now();
    time_claims(ctx, &now, &pf, claims);
    match kind {
        JwtKind::Plain => {}
        JwtKind::Conflicting(reason) => ctx.fail(
            format!("vc.claims.{field}"),
            Error::VcJwtClaims { field: pf, reason: reason.into() },
        ),
        JwtKind::Credential11 | JwtKind::Credential2 => {
            credential(ctx, field, kind, header, claims, &doc);
        }
        JwtKind::Presentation11 | JwtKind::Presentation2 => {
            // A presentation is addressed to the verifier: `aud` and `nonce` carry its
            // audience and challenge (VCDM 1.1 section 6.3.1; VC-JOSE-COSE section 3.2).
            addressed_to_caller(ctx, &pf, claims);
            presentation(ctx, field, kind, header, claims, &doc);
        }
    }
}

fn media_type(ctx: &mut Ctx<'_>, field: &str, kind: JwtKind, header: &CheckedHeader<'_>) {
    let (typ, cty) = match kind {
        JwtKind::Credential2 => ("vc+jwt", "vc"),
        JwtKind::Presentation2 => ("vp+jwt", "vp"),
        _ => return,
    };
    // VC-JOSE-COSE section 3.1.1 / 3.2.1: `typ` is the media type; `cty`, if present, is the
    // content type `vc` / `vp`.
    ctx.check(
        format!("jwt.typ.{field}"),
        jwt::header_type(&format!("{field}(header).typ"), header, typ),
    );
    if let Some(found) = header.cty {
        ctx.check(
            format!("jwt.cty.{field}"),
            jwt::token_type(&format!("{field}(header).cty"), Some(found), cty),
        );
    }
}

/// The credential or presentation a JWT carries: under `vc` / `vp` (`member`) in VCDM 1.1
/// (`v11`), else the payload itself, which then must not carry `vc` or `vp` (VC-JOSE-COSE
/// sections 3.1.1 and 3.2.1). `Some(None)` is the payload; `None` when the 1.1 member is absent
/// or malformed (recorded), so there is nothing to check.
fn carried<'d>(
    ctx: &mut Ctx<'_>,
    field: &str,
    doc: &Document<'d>,
    v11: bool,
    member: &str,
    media: &str,
) -> Option<Option<Document<'d>>> {
    let pf = format!("{field}(payload)");
    if v11 {
        let raw = if member == "vc" { doc.vc } else { doc.vp };
        return match raw
            .map(|raw| parse_typed::<Document<'d>>(&format!("{pf}.{member}"), raw.get()))
            .transpose()
        {
            Ok(inner) => inner.map(Some),
            Err(e) => {
                ctx.fail(format!("{member}.{field}"), e);
                None
            }
        };
    }
    if doc.vc.is_some() || doc.vp.is_some() {
        ctx.fail(
            format!("vc.claims.{field}"),
            Error::VcJwtClaims {
                field: format!("{pf}.{member}"),
                reason: format!("{media} must not carry vc or vp claims"),
            },
        );
    }
    Some(None)
}

fn credential(
    ctx: &mut Ctx<'_>,
    field: &str,
    kind: JwtKind,
    header: &CheckedHeader<'_>,
    claims: &JwtClaims<'_>,
    doc: &Document<'_>,
) {
    let pf = format!("{field}(payload)");
    media_type(ctx, field, kind, header);
    let conflict =
        |claim: &str, reason: String| Error::VcJwtClaims { field: format!("{pf}.{claim}"), reason };
    let inner;
    let vc: &Document<'_> = match carried(
        ctx,
        field,
        doc,
        kind == JwtKind::Credential11,
        "vc",
        "a vc+jwt credential",
    ) {
        None => return,
        Some(Some(d)) => {
            inner = d;
            &inner
        }
        Some(None) => doc,
    };
    let mut problems = Vec::new();
    // VCDM 1.1 section 6.3.1 and VC-JOSE-COSE section 3.1.1: `iss` is the issuer.
    let issuer = id_of(vc.issuer);
    // VCDM 1.1 section 4.5, VCDM 2.0 section 4.7: the issuer is a URL, or an object whose `id`
    // is one; any other shape names nobody, and could not be compared with `iss`.
    if vc.issuer.is_some() && issuer.is_none() {
        problems.push(conflict(
            "issuer",
            "the issuer is neither a URL nor an object with an id".into(),
        ));
    }
    match (claims.iss.as_deref(), issuer.as_deref()) {
        (Some(iss), Some(issuer)) if iss != issuer => {
            problems.push(conflict("iss", format!("iss {iss:?} is not the issuer {issuer:?}")))
        }
        (None, _) if kind == JwtKind::Credential11 => {
            problems.push(conflict("iss", "a VCDM 1.1 JWT credential must carry iss".into()))
        }
        _ => {}
    }
    if kind == JwtKind::Credential11 {
        let subject = subject_of(vc.credential_subject);
        if let (Some(sub), Some(subject)) = (claims.sub.as_deref(), subject.as_deref()) {
            if sub != subject {
                problems.push(conflict(
                    "sub",
                    format!("sub {sub:?} is not credentialSubject.id {subject:?}"),
                ));
            }
        }
        if let (Some(jti), Some(id)) = (claims.jti.as_deref(), vc.id.as_deref()) {
            if jti != id {
                problems
                    .push(conflict("jti", format!("jti {jti:?} is not the credential id {id:?}")));
            }
        }
        for (claim, value, date_field, date) in [
            ("nbf", claims.nbf, "issuanceDate", &vc.issuance_date),
            ("exp", claims.exp, "expirationDate", &vc.expiration_date),
        ] {
            if let (Some(v), Some(d)) = (value, date.as_deref()) {
                // A date that does not parse is recorded once, by the validity check below.
                if let Ok(t) = parse_instant(&format!("{pf}.vc.{date_field}"), d) {
                    if t.timestamp() != v.0 {
                        problems.push(conflict(
                            claim,
                            format!("{claim} {} is not {date_field} {d}", v.0),
                        ));
                    }
                }
            }
        }
    }
    if problems.is_empty() {
        ctx.check(
            format!("vc.claims.{field}"),
            Ok(format!("{pf}: registered claims agree with the credential")),
        );
    }
    for p in problems {
        ctx.fail(format!("vc.claims.{field}"), p);
    }
    // The credential's own validity period, at the policy instant (with leeway): VCDM 1.1
    // sections 4.6 and 4.7 (`issuanceDate`, `expirationDate`), VCDM 2.0 section 4.9 (`validFrom`,
    // `validUntil`). Each date is judged on its own, whether or not the JWT carries `nbf` or
    // `exp`: VCDM 1.1 section 6.3.1 makes those the JWT spelling of the dates but does not
    // require them, and a credential without `exp` must not outlive its `expirationDate`. Where
    // both are sent they must also agree (above).
    let now = ctx.now();
    let base = if kind == JwtKind::Credential11 { format!("{pf}.vc") } else { pf.clone() };
    for (name, value, before) in [
        ("issuanceDate", &vc.issuance_date, true),
        ("validFrom", &vc.valid_from, true),
        ("expirationDate", &vc.expiration_date, false),
        ("validUntil", &vc.valid_until, false),
    ] {
        let f = format!("{base}.{name}");
        if let Some(t) = ctx.instant(&f, value.as_deref()) {
            let r = if before { now.not_before(&f, t) } else { now.not_after(&f, t) };
            ctx.check(format!("time.{name}.{field}"), r.map(|()| format!("{f} = {t}")));
        }
    }
    // The same status rules as a JSON-LD credential's, with the issuer the JWT names. As for a
    // JSON-LD credential (`verify::jsonld`), a policy requiring checked status is not met by a
    // credential that declares none: no list can say it was not revoked, so it could not be
    // checked. Judged per credential, so that one credential's checked status does not cover
    // another's absent one in a presentation.
    let member =
        if kind == JwtKind::Credential11 { "vc.credentialStatus" } else { "credentialStatus" };
    match vc.credential_status {
        Some(status) => super::status::check(
            ctx,
            &format!("{pf}.{member}"),
            status,
            issuer.as_deref().or(claims.iss.as_deref()),
        ),
        None if ctx.policy.status_check_required() => {
            ctx.judged(Expectation::Status);
            ctx.fail(
                "status.checked",
                Error::StatusNotChecked {
                    field: format!("{pf}.{member}"),
                    reason: "the credential declares no credentialStatus".into(),
                },
            );
        }
        None => {}
    }
}

fn presentation(
    ctx: &mut Ctx<'_>,
    field: &str,
    kind: JwtKind,
    header: &CheckedHeader<'_>,
    claims: &JwtClaims<'_>,
    doc: &Document<'_>,
) {
    let pf = format!("{field}(payload)");
    media_type(ctx, field, kind, header);
    let inner;
    let vp: &Document<'_> = match carried(
        ctx,
        field,
        doc,
        kind == JwtKind::Presentation11,
        "vp",
        "a vp+jwt presentation",
    ) {
        None => return,
        Some(Some(d)) => {
            inner = d;
            &inner
        }
        Some(None) => doc,
    };
    // The holder whose keys checked the signature (`token_holder`): `iss`, else `holder`; a
    // presentation naming two holders names none the signature binds.
    let named = id_of(vp.holder);
    if let (Some(iss), Some(named)) = (claims.iss.as_deref(), named.as_deref()) {
        if iss != named {
            ctx.fail(
                format!("vp.claims.{field}"),
                Error::VcJwtClaims {
                    field: format!("{pf}.iss"),
                    reason: format!("iss {iss:?} is not the presentation's holder {named:?}"),
                },
            );
        }
    }
    let holder = claims.iss.as_deref().map(str::to_owned).or(named);
    let list_field = format!(
        "{pf}{}.verifiableCredential",
        if kind == JwtKind::Presentation11 { ".vp" } else { "" }
    );
    let entries: Vec<&RawValue> = match vp.verifiable_credential {
        None => Vec::new(),
        Some(raw) if raw.get().starts_with('[') => match serde_json::from_str(raw.get()) {
            Ok(list) => list,
            Err(e) => {
                ctx.fail(format!("vp.{field}"), Error::invalid(&list_field, e.to_string()));
                return;
            }
        },
        Some(raw) => vec![raw],
    };
    let limit = ctx.policy.limits().max_credentials;
    if entries.len() > limit {
        ctx.fail(
            "limit.credentials",
            Error::TooManyCredentials { field: list_field, count: entries.len(), limit },
        );
        return;
    }
    for (i, raw) in entries.iter().enumerate() {
        let cf = format!("{list_field}[{i}]");
        match embedded_jwt(&cf, raw, kind) {
            Ok(jwt) => ctx.nested_jwt_credential(&cf, &jwt, holder.as_deref()),
            Err(e) => ctx.fail(format!("vc.{cf}"), e),
        }
    }
}

/// The JWT of an embedded credential: a JWT string (VCDM 1.1 section 6.3.1), or an enveloped
/// credential `{"type": "EnvelopedVerifiableCredential", "id": "data:application/vc+jwt,<jwt>"}`
/// (VCDM 2.0 section 4.13; VC-JOSE-COSE section 3.2.1).
fn embedded_jwt<'x>(field: &str, raw: &'x RawValue, kind: JwtKind) -> Result<Cow<'x, str>, Error> {
    if raw.get().starts_with('"') {
        return crate::input::borrow::str_from_raw(field, raw);
    }
    let doc: Document<'x> = parse_typed(field, raw.get())?;
    if !doc.type_.as_ref().is_some_and(|t| t.contains("EnvelopedVerifiableCredential")) {
        // An embedded JSON-LD credential carries its own Data Integrity proof, which a JWT
        // presentation's signature does not cover.
        return Err(Error::ProofNotChecked {
            field: field.to_owned(),
            proof_type: "embedded credential".into(),
            reason: format!(
                "a {} presentation embeds credentials as JWTs or enveloped credentials",
                if kind == JwtKind::Presentation11 { "VCDM 1.1" } else { "vp+jwt" }
            ),
        });
    }
    let id = doc.id.ok_or_else(|| Error::missing(format!("{field}.id")))?;
    if let Some(jwt) = id.strip_prefix("data:application/vc+jwt,") {
        return Ok(Cow::Owned(jwt.to_owned()));
    }
    // The other securing mechanisms of VC-JOSE-COSE (sections 3.2.2 and 3.3): known, and not
    // verified by this build, so the credential could not be checked.
    for (prefix, mechanism) in
        [("data:application/vc+sd-jwt,", "SD-JWT"), ("data:application/vc+cose", "COSE")]
    {
        if id.starts_with(prefix) {
            return Err(Error::ProofNotChecked {
                field: format!("{field}.id"),
                proof_type: format!("enveloped {mechanism} credential"),
                reason: "this build verifies enveloped credentials secured as vc+jwt only".into(),
            });
        }
    }
    Err(Error::invalid(
        format!("{field}.id"),
        "an enveloped credential's id must be a data:application/vc+jwt URL",
    ))
}

pub(crate) fn embedded_credential(
    ctx: &mut Ctx<'_>,
    field: &str,
    compact: &str,
    holder: Option<&str>,
) {
    let jws = match UnverifiedJws::decode(field, compact, ctx.policy.limits()) {
        Ok(j) => j,
        Err(e) => {
            ctx.fail(format!("vc.{field}"), e);
            return;
        }
    };
    // The claims name the issuer whose keys check the signature; nothing is taken from them
    // unless it verifies.
    let claims = jws.claims(field, ctx.policy.limits());
    let issuer = claims.as_ref().ok().and_then(token_issuer);
    signature(ctx, format!("signature.{field}"), field, &jws, KeyRole::Issuer(issuer.as_deref()));
    // Decoding read the header and returned any error in it, so it is not parsed again here.
    let header = jws.checked_header();
    let claims = match claims {
        Ok(c) => c,
        Err(e) => {
            ctx.fail(format!("vc.{field}"), e);
            return;
        }
    };
    let kind = match classify(&header, &claims) {
        k @ (JwtKind::Credential11 | JwtKind::Credential2) => k,
        _ => {
            ctx.fail(
                format!("vc.{field}"),
                Error::VcJwtClaims {
                    field: field.to_owned(),
                    reason: "the embedded JWT is not a credential".into(),
                },
            );
            return;
        }
    };
    run(ctx, field, kind, &header, &claims);
    if ctx.policy.holder_binding_required() {
        ctx.judged(Expectation::HolderBinding);
        let subject = match kind {
            JwtKind::Credential11 => claims.sub.as_deref().map(str::to_owned).or_else(|| {
                parse_typed::<Document<'_>>(field, claims.raw).ok().and_then(|d| d.vc).and_then(
                    |vc| {
                        parse_typed::<Document<'_>>(field, vc.get())
                            .ok()
                            .and_then(|d| subject_of(d.credential_subject))
                    },
                )
            }),
            _ => parse_typed::<Document<'_>>(field, claims.raw)
                .ok()
                .and_then(|d| subject_of(d.credential_subject)),
        };
        let result = match (holder, subject.as_deref()) {
            (Some(h), Some(s)) if h == s => {
                Ok(format!("{field}: subject {s} signed the presentation"))
            }
            (h, s) => Err(Error::HolderMismatch {
                field: field.to_owned(),
                holder: h.unwrap_or_default().to_owned(),
                subject: s.unwrap_or_default().to_owned(),
            }),
        };
        ctx.check(format!("binding.holder.{field}"), result);
    }
}

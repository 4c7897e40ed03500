//! The instant a stored result was accepted, read from one of its own members, so that an audit
//! months later re-verifies it as of that day ("was it valid when we accepted it?").
//!
//! [`instant_at_field`] reads any member, which nothing may sign: whoever can edit the stored
//! records then chooses the instant. [`signed_instant`] reads the instant the result's signature
//! covers, and the verification confirms it ([`crate::Report::confirm_signed_instant`]).

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde_json::value::RawValue;

use crate::error::Error;
use crate::input::borrow::Members;
use crate::input::json::{check_document, parse_typed};
use crate::jose::jws::UnverifiedJws;
use crate::limits::Limits;
use crate::model::jsonld::UnverifiedLdDocument;
use crate::time::{from_unix_seconds, parse_instant};
use crate::verify::unverified::{parse, Parsed};

/// The instant held at `path` in `input`: dot-separated member names, array indices as
/// numbers (`verifications.0.updated`). A member holding a JSON document as a string (Trinsic's
/// `resultVp`) is entered when the path goes on; for a JWT (compact, or a JSON string holding
/// one) the path is looked up in its payload. The value is an RFC 3339 date-time, or unix seconds
/// as an integer or a string of digits (proto3 JSON's `fixed64`). The member is usually unsigned;
/// prefer [`signed_instant`].
///
/// # Errors
/// The structure pass's errors for malformed input; `audit.instant_unavailable` (could not
/// check) when the member is absent or holds no instant.
pub fn instant_at_field(input: &[u8], path: &str, limits: &Limits) -> Result<DateTime<Utc>, Error> {
    let unavailable = |reason: String| Error::InstantUnavailable { field: path.to_owned(), reason };
    if path.is_empty() || path.split('.').any(str::is_empty) {
        return Err(unavailable("an empty member name in the path".into()));
    }
    let text: Cow<'_, str> = match check_document("", input, limits) {
        Ok(checked) => Cow::Borrowed(checked.text),
        // A bare compact JWS is not JSON: read its payload instead.
        Err(e) => match std::str::from_utf8(input).ok().and_then(|t| jwt_payload(t.trim(), limits))
        {
            Some(payload) => Cow::Owned(payload),
            None => return Err(e),
        },
    };
    let mut current: Cow<'_, str> = text;
    // A JSON string at the top is a JWT kept as a string.
    if current.starts_with('"') {
        let token: Cow<'_, str> = parse_typed("", &current)?;
        current = Cow::Owned(
            jwt_payload(&token, limits)
                .ok_or_else(|| unavailable("a string that is not a JWT".into()))?,
        );
    }
    let mut walked = String::new();
    for name in path.split('.') {
        if !walked.is_empty() {
            walked.push('.');
        }
        walked.push_str(name);
        let trimmed = current.trim_start();
        if trimmed.starts_with('"') {
            // A JSON document inside a string member, entered because the path goes on.
            let inner: Cow<'_, str> = parse_typed(&walked, trimmed)?;
            let inner =
                check_document(&walked, inner.as_bytes(), limits).map(|c| c.text.to_owned())?;
            current = Cow::Owned(inner);
        }
        let next: Option<String> = if current.trim_start().starts_with('[') {
            let items: Vec<&RawValue> = parse_typed(&walked, &current)?;
            name.parse::<usize>().ok().and_then(|i| items.get(i)).map(|v| v.get().to_owned())
        } else if current.trim_start().starts_with('{') {
            let members: Members<'_, &RawValue> = parse_typed(&walked, &current)?;
            members.get(name).map(|v| v.get().to_owned())
        } else {
            None
        };
        current = Cow::Owned(next.ok_or_else(|| unavailable(format!("no member {walked}")))?);
    }
    let value = current.trim();
    if let Ok(seconds) = value.parse::<i64>() {
        return from_unix_seconds(path, seconds).map_err(|e| unavailable(e.to_string()));
    }
    if value.starts_with('"') {
        let text: Cow<'_, str> = parse_typed(path, value)?;
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            let seconds =
                text.parse::<i64>().map_err(|_| unavailable(format!("{text} is out of range")))?;
            return from_unix_seconds(path, seconds).map_err(|e| unavailable(e.to_string()));
        }
        return parse_instant(path, &text).map_err(|e| unavailable(e.to_string()));
    }
    Err(unavailable(format!("{value} is neither an RFC 3339 date-time nor unix seconds")))
}

/// The instant a stored result's signature covers, read from `input` before verification, with
/// its member path: a JWT's `iat`; a JSON-LD credential's `issuanceDate` (else `validFrom`), the
/// first credential's for a presentation; a Trinsic Connect session's `resultVp` credential's;
/// Hopae userinfo's first evidence `id_token` `iat` (bare evidence: its `id_token`'s). The
/// audit's `--at signed` judges each stored result at it, rather than at a member whoever can
/// edit the record may set.
///
/// Read before verification, the instant is only a candidate: it is signed once the result,
/// verified at it, confirms it as its own signed instant ([`crate::Report::signed_instant`];
/// [`crate::Report::confirm_signed_instant`] does both), since the checks, not this reader,
/// decide which bytes the signature covers.
///
/// # Errors
/// [`parse`]'s errors for malformed input; `audit.instant_unavailable` (could not check) for a
/// format that carries no signed instant (the Trinsic sessions API, Incode, Regula, Hopae
/// verification objects) or a result without one.
pub fn signed_instant(input: &[u8], limits: &Limits) -> Result<(String, DateTime<Utc>), Error> {
    let unavailable = |field: &str, reason: &str| Error::InstantUnavailable {
        field: field.to_owned(),
        reason: reason.to_owned(),
    };
    let unverified = parse(input, limits)?;
    match unverified.parsed() {
        Parsed::Jws(jws) => {
            let claims = jws.claims("jws", limits)?;
            let iat =
                claims.iat.ok_or_else(|| unavailable("jws(payload).iat", "the JWT has no iat"))?;
            Ok(("jws(payload).iat".to_owned(), from_unix_seconds("jws(payload).iat", iat.0)?))
        }
        Parsed::JsonLd(doc) => crate::verify::jsonld::ld_issuance(doc, ""),
        Parsed::TrinsicConnect(session) => {
            let text = session
                .result_vp
                .as_deref()
                .filter(|t| !t.is_empty())
                .ok_or_else(|| unavailable("resultVp", "no resultVp"))?;
            let checked = check_document("resultVp", text.as_bytes(), limits)?;
            let vp = UnverifiedLdDocument::parse("resultVp", checked.text)?;
            crate::verify::jsonld::ld_issuance(&vp, "resultVp")
        }
        Parsed::HopaeUserinfo(info) => {
            let credentials = info
                .provenance
                .iter()
                .flat_map(|p| p.presentation.iter())
                .flat_map(|p| p.credentials.iter());
            let (i, evidence) = credentials
                .enumerate()
                .find_map(|(i, c)| {
                    c.evidence
                        .as_ref()
                        .filter(|e| e.token.as_ref().is_some_and(|t| t.get("id_token").is_some()))
                        .map(|e| (i, e))
                })
                .ok_or_else(|| {
                    unavailable("provenance.presentation.credentials", "no evidence id_token")
                })?;
            let field = format!("provenance.presentation.credentials[{i}].evidence");
            token_iat(&crate::verify::evidence::Evidence::new(field, evidence), limits)
        }
        Parsed::HopaeEvidence(evidence) => token_iat(
            &crate::verify::evidence::Evidence::new("(evidence)".into(), evidence),
            limits,
        ),
        _ => Err(unavailable("", &format!("a {} carries no signed instant", unverified.format()))),
    }
}

/// An evidence `id_token`'s `iat`, with the path the Hopae checks record it under.
fn token_iat(
    evidence: &crate::verify::evidence::Evidence<'_>,
    limits: &Limits,
) -> Result<(String, DateTime<Utc>), Error> {
    let field = format!("{}.token.id_token(payload).iat", evidence.field());
    let jws = evidence.id_token(limits)?.ok_or_else(|| Error::InstantUnavailable {
        field: field.clone(),
        reason: "no id_token".into(),
    })?;
    let iat = jws.claims(&field, limits)?.iat.ok_or_else(|| Error::InstantUnavailable {
        field: field.clone(),
        reason: "the id_token has no iat".into(),
    })?;
    Ok((field.clone(), from_unix_seconds(&field, iat.0)?))
}

/// The JSON payload of a compact JWS, when `token` is one, decoded by the library's own JWS
/// reader (strict base64url, a JSON header).
fn jwt_payload(token: &str, limits: &Limits) -> Option<String> {
    let jws = UnverifiedJws::decode("", token, limits).ok()?;
    let text = std::str::from_utf8(jws.payload()).ok()?;
    text.trim_start().starts_with('{').then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(input: &str, path: &str) -> Result<String, &'static str> {
        instant_at_field(input.as_bytes(), path, &Limits::default())
            .map(|t| t.to_rfc3339())
            .map_err(|e| e.code())
    }

    #[test]
    fn forms_of_an_instant() {
        assert_eq!(
            at(r#"{"updated":"1694201893"}"#, "updated"),
            Ok("2023-09-08T19:38:13+00:00".into())
        );
        assert_eq!(
            at(r#"{"updated":1694201893}"#, "updated"),
            Ok("2023-09-08T19:38:13+00:00".into())
        );
        assert_eq!(
            at(r#"{"_metadata":{"verified_at":"2025-10-28T06:20:36Z"}}"#, "_metadata.verified_at"),
            Ok("2025-10-28T06:20:36+00:00".into())
        );
        assert_eq!(at(r#"{"a":[{"t":5}]}"#, "a.0.t"), Ok("1970-01-01T00:00:05+00:00".into()));
        assert_eq!(
            at(r#"{"vp":"{\"issued\":\"2024-01-01T00:00:00Z\"}"}"#, "vp.issued"),
            Ok("2024-01-01T00:00:00+00:00".into())
        );
    }

    #[test]
    fn jwts_are_read_in_their_payload() {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        use base64::Engine as _;
        let payload = URL_SAFE_NO_PAD.encode(r#"{"iat":1700000000}"#);
        let token = format!("eyJhbGciOiJFUzI1NiJ9.{payload}.c2ln");
        assert_eq!(at(&token, "iat"), Ok("2023-11-14T22:13:20+00:00".into()));
        assert_eq!(at(&format!("\"{token}\""), "iat"), Ok("2023-11-14T22:13:20+00:00".into()));
    }

    #[test]
    fn json_ld_signed_instants() {
        let limits = Limits::default();
        let credential = r#"{"@context":["https://www.w3.org/2018/credentials/v1"],"type":["VerifiableCredential"],"issuer":"did:example:1","issuanceDate":"2024-01-01T00:00:00Z","credentialSubject":{},"proof":{"type":"Ed25519Signature2020","created":"2024-01-02T00:00:00Z"}}"#;
        let (field, t) = signed_instant(credential.as_bytes(), &limits).unwrap();
        assert_eq!(
            (field.as_str(), t.to_rfc3339().as_str()),
            ("issuanceDate", "2024-01-01T00:00:00+00:00")
        );
        // Without an issuance: the proof's created.
        let no_issuance = credential.replace(r#""issuanceDate":"2024-01-01T00:00:00Z","#, "");
        let (field, t) = signed_instant(no_issuance.as_bytes(), &limits).unwrap();
        assert_eq!(
            (field.as_str(), t.to_rfc3339().as_str()),
            ("proof.created", "2024-01-02T00:00:00+00:00")
        );
        let doc = UnverifiedLdDocument::parse("", &no_issuance).unwrap();
        assert_eq!(
            crate::verify::jsonld::ld_checked_instant(None, &doc, "").map(|(f, _)| f).as_deref(),
            Some("proof.created")
        );
        // The checks' own issuance wins; one that differs from the surface is named apart.
        let doc = UnverifiedLdDocument::parse("", credential).unwrap();
        let other =
            DateTime::parse_from_rfc3339("2023-01-01T00:00:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(
            crate::verify::jsonld::ld_checked_instant(Some(other), &doc, ""),
            Some(("(issuance)".to_owned(), other))
        );
        let nothing = no_issuance.replace(r#","created":"2024-01-02T00:00:00Z""#, "");
        assert_eq!(
            signed_instant(nothing.as_bytes(), &limits).unwrap_err().code(),
            "audit.instant_unavailable"
        );
    }

    #[test]
    fn what_is_not_an_instant() {
        for (input, path) in [
            (r#"{"updated":null}"#, "updated"),
            (r#"{"updated":"yesterday"}"#, "updated"),
            (r#"{"updated":1.5}"#, "updated"),
            (r#"{"other":1}"#, "updated"),
            (r#"{"a":[1]}"#, "a.1"),
            (r#"{"a":[1]}"#, "a.x"),
            (r#"{"updated":"99999999999999999999"}"#, "updated"),
            (r#"{"updated":1}"#, "updated..x"),
            (r#""not a jwt""#, "iat"),
        ] {
            assert_eq!(at(input, path), Err("audit.instant_unavailable"), "{input} {path}");
        }
        assert_eq!(at("{\"a\":1", "a"), Err("input.json_syntax"));
    }
}

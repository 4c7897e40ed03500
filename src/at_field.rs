//! The instant a stored result was accepted, read from one of its own members, so that an audit
//! months later re-verifies it as of that day ("was it valid when we accepted it?").

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde_json::value::RawValue;

use crate::borrow::Members;
use crate::error::Error;
use crate::jose::jws::UnverifiedJws;
use crate::json::{check_document, parse_typed};
use crate::limits::Limits;
use crate::time::{from_unix_seconds, parse_instant};

/// The instant held at `path` in `input`: dot-separated member names, array indices as
/// numbers (`verifications.0.updated`). A member holding a JSON document as a string (Trinsic's
/// `resultVp`) is entered when the path goes on; for a JWT (compact, or a JSON string holding
/// one) the path is looked up in its payload. The value is an RFC 3339 date-time, or unix seconds
/// as an integer or a string of digits (proto3 JSON's `fixed64`).
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
        Err(e) => match std::str::from_utf8(input).ok().and_then(|t| jwt_payload(t.trim(), limits)) {
            Some(payload) => Cow::Owned(payload),
            None => return Err(e),
        },
    };
    let mut current: Cow<'_, str> = text;
    // A JSON string at the top is a JWT kept as a string.
    if current.starts_with('"') {
        let token: Cow<'_, str> = parse_typed("", &current)?;
        current = Cow::Owned(jwt_payload(&token, limits).ok_or_else(|| unavailable("a string that is not a JWT".into()))?);
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
            let inner = check_document(&walked, inner.as_bytes(), limits).map(|c| c.text.to_owned())?;
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
            let seconds = text.parse::<i64>().map_err(|_| unavailable(format!("{text} is out of range")))?;
            return from_unix_seconds(path, seconds).map_err(|e| unavailable(e.to_string()));
        }
        return parse_instant(path, &text).map_err(|e| unavailable(e.to_string()));
    }
    Err(unavailable(format!("{value} is neither an RFC 3339 date-time nor unix seconds")))
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
        instant_at_field(input.as_bytes(), path, &Limits::default()).map(|t| t.to_rfc3339()).map_err(|e| e.code())
    }

    #[test]
    fn forms_of_an_instant() {
        assert_eq!(at(r#"{"updated":"1694201893"}"#, "updated"), Ok("2023-09-08T19:38:13+00:00".into()));
        assert_eq!(at(r#"{"updated":1694201893}"#, "updated"), Ok("2023-09-08T19:38:13+00:00".into()));
        assert_eq!(at(r#"{"_metadata":{"verified_at":"2025-10-28T06:20:36Z"}}"#, "_metadata.verified_at"), Ok("2025-10-28T06:20:36+00:00".into()));
        assert_eq!(at(r#"{"a":[{"t":5}]}"#, "a.0.t"), Ok("1970-01-01T00:00:05+00:00".into()));
        assert_eq!(at(r#"{"vp":"{\"issued\":\"2024-01-01T00:00:00Z\"}"}"#, "vp.issued"), Ok("2024-01-01T00:00:00+00:00".into()));
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

//! Vendor error responses: what Hopae, Trinsic and Incode send instead of a result. None is
//! signed, and none carries an identity: vpcheck reads one only to say what it is (the vendor's
//! code and whether asking again can help), so that a backend that stored an error body is not
//! told "unknown format".
//!
//! The shapes, as the vendors document them:
//! - RFC 9457 (formerly 7807) problem details `{type, title, status, detail, instance}`: Trinsic's
//!   API (its OpenAPI `ProblemDetails`, served by ASP.NET with `traceId` and, for validation,
//!   `errors`), and Hopae, whose error reference adds a numeric `code` (`DXXXXX`: 1 auth,
//!   2 validation, 3 session, 4 provider, 5 system; `type` `urn:org:hopae:problem-type:...`) or,
//!   in its newer revision, a `SCREAMING_SNAKE_CASE` `title` (`SESSION_EXPIRED`), `timestamp`,
//!   `context` and `doc_url`.
//! - Hopae's workspace API envelope `{error: {code, message, details}, request_id}`.
//! - Incode Omni's `{timestamp (ms), status, error, message, path}`, where `status` is "a custom
//!   error code or an HTTP status code".

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::error::{Error, RetryClass, Vendor};
use crate::input::borrow::{opt_cow, TextOrNumber};
use crate::input::json::{parse_root, CheckedText};

/// Which documented shape an error body has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorShape {
    /// RFC 9457 problem details (Trinsic, Hopae).
    ProblemDetails,
    /// Hopae's workspace API `{error: {code, message}, request_id}`.
    Envelope,
    /// Incode Omni's `{timestamp, status, error, message, path}`.
    Incode,
}

/// A vendor's error response, read without copying. Unsigned, and never a result: verifying one
/// always rejects it with `vendor.error`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct VendorError<'a> {
    /// Whose body it is: [`Vendor::Generic`] for problem details with no vendor's marks.
    pub vendor: Vendor,
    /// The shape it came in.
    pub shape: ErrorShape,
    /// The vendor's own code (`300001`, `SESSION_EXPIRED`, Incode's `status`), when it sends one.
    pub code: Option<Cow<'a, str>>,
    /// The HTTP status the body states (100-599).
    pub http_status: Option<u16>,
    /// A short summary (`title`, Incode's `error`).
    pub title: Option<Cow<'a, str>>,
    /// The explanation (`detail`, `message`).
    pub detail: Option<Cow<'a, str>>,
    /// Where it happened (`instance`, Incode's `path`).
    pub instance: Option<Cow<'a, str>>,
    /// The vendor's request or trace id, for its support (`request_id`, `traceId`).
    pub request_id: Option<Cow<'a, str>>,
    /// Whether asking again can help.
    pub retry: RetryClass,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
struct Problem<'a> {
    #[serde(default, rename = "type", deserialize_with = "opt_cow")]
    kind: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    title: Option<Cow<'a, str>>,
    #[serde(default)]
    status: Option<i64>,
    #[serde(default, deserialize_with = "opt_cow")]
    detail: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    instance: Option<Cow<'a, str>>,
    /// Hopae's numeric code (a number, or its digits as a string).
    #[serde(default)]
    code: Option<TextOrNumber<'a>>,
    #[serde(default, alias = "trace_id", rename = "traceId", deserialize_with = "opt_cow")]
    trace_id: Option<Cow<'a, str>>,
    #[serde(default, alias = "docUrl", deserialize_with = "opt_cow")]
    doc_url: Option<Cow<'a, str>>,
    #[serde(default)]
    errors: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
struct Envelope<'a> {
    error: EnvelopeError<'a>,
    #[serde(default, alias = "requestId", deserialize_with = "opt_cow")]
    request_id: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
struct EnvelopeError<'a> {
    #[serde(default, deserialize_with = "opt_cow")]
    code: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    message: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
struct IncodeError<'a> {
    #[serde(default)]
    status: Option<i64>,
    #[serde(default, deserialize_with = "opt_cow")]
    error: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    message: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    path: Option<Cow<'a, str>>,
}

impl<'a> VendorError<'a> {
    /// Reads an error body detection recognised as `shape`.
    pub(crate) fn parse(checked: &CheckedText<'a>, shape: ErrorShape) -> Result<Self, Error> {
        match shape {
            ErrorShape::ProblemDetails => {
                let p: Problem<'a> = parse_root("", checked)?;
                Ok(Self::from_problem(p))
            }
            ErrorShape::Envelope => {
                let e: Envelope<'a> = parse_root("", checked)?;
                let code = e.error.code.filter(|c| !c.is_empty());
                let retry = code.as_deref().map_or(RetryClass::Terminal, hopae_name_class);
                Ok(VendorError {
                    vendor: Vendor::Hopae,
                    shape,
                    code,
                    http_status: None,
                    title: None,
                    detail: e.error.message,
                    instance: None,
                    request_id: e.request_id,
                    retry,
                })
            }
            ErrorShape::Incode => {
                let e: IncodeError<'a> = parse_root("", checked)?;
                let status = e.status.ok_or_else(|| Error::missing("status"))?;
                Ok(VendorError {
                    vendor: Vendor::Incode,
                    shape,
                    code: Some(Cow::Owned(status.to_string())),
                    http_status: http_status(status),
                    title: e.error,
                    detail: e.message,
                    instance: e.path,
                    request_id: None,
                    retry: incode_class(status),
                })
            }
        }
    }

    fn from_problem(p: Problem<'a>) -> Self {
        let http = p.status.and_then(http_status);
        // Digits only: `str::parse` would also take a sign.
        let numeric = p.code.as_ref().and_then(|c| match c {
            TextOrNumber::Number(n) => Some(*n),
            TextOrNumber::Text(t) if t.len() <= 9 && t.bytes().all(|b| b.is_ascii_digit()) => {
                t.parse::<i64>().ok()
            }
            TextOrNumber::Text(_) => None,
        });
        let hopae_code = numeric.filter(|n| (100_000..=599_999).contains(n));
        let snake_title = p.title.as_deref().filter(|t| is_hopae_name(t));
        let hopae_marks = hopae_code.is_some()
            || p.kind.as_deref().is_some_and(|k| k.starts_with("urn:org:hopae:"))
            || p.doc_url.as_deref().is_some_and(|u| u.starts_with("https://docs.hopae.com/"))
            || snake_title.is_some();
        if hopae_marks {
            let (code, retry) = match (hopae_code, snake_title) {
                (Some(n), _) => (Some(Cow::Owned(n.to_string())), hopae_number_class(n)),
                (None, Some(t)) => (Some(Cow::Owned(t.replace('.', "_"))), hopae_name_class(t)),
                (None, None) => (None, http.map_or(RetryClass::Terminal, http_class)),
            };
            return VendorError {
                vendor: Vendor::Hopae,
                shape: ErrorShape::ProblemDetails,
                code,
                http_status: http,
                title: p.title,
                detail: p.detail,
                instance: p.instance,
                request_id: None,
                retry,
            };
        }
        // ASP.NET Core (Trinsic's API) adds `traceId`, points `type` at the RFC section of the
        // status, and lists validation failures under `errors`.
        let trinsic = p.trace_id.is_some()
            || p.errors.is_some()
            || p.kind.as_deref().is_some_and(|k| k.starts_with("https://tools.ietf.org/html/rfc"));
        VendorError {
            vendor: if trinsic { Vendor::TrinsicSessions } else { Vendor::Generic },
            shape: ErrorShape::ProblemDetails,
            code: p.status.map(|s| Cow::Owned(s.to_string())),
            http_status: http,
            title: p.title,
            detail: p.detail,
            instance: p.instance,
            request_id: p.trace_id,
            retry: http.map_or(RetryClass::Terminal, http_class),
        }
    }
}

fn http_status(n: i64) -> Option<u16> {
    u16::try_from(n).ok().filter(|s| (100..=599).contains(s))
}

/// By HTTP status alone (RFC 9110 section 15): a timeout, a rate limit or a server error may
/// pass; another 4xx means the request must change. Anything else is terminal: retrying an
/// answer nobody documented would only repeat it.
fn http_class(status: u16) -> RetryClass {
    match status {
        408 | 425 | 429 | 500..=599 => RetryClass::RetryLater,
        400..=499 => RetryClass::CallerError,
        _ => RetryClass::Terminal,
    }
}

/// Hopae's numeric codes by domain (its error reference): 1 authentication and 2 validation are
/// the caller's to fix; 3 session errors (300001 expired, 300003 already completed) end the
/// verification; 4 provider errors too, except 400005 "provider temporarily unavailable"; 5
/// system errors pass.
fn hopae_number_class(code: i64) -> RetryClass {
    match code {
        400_005 => RetryClass::RetryLater,
        100_000..=299_999 => RetryClass::CallerError,
        300_000..=499_999 => RetryClass::Terminal,
        500_000..=599_999 => RetryClass::RetryLater,
        _ => RetryClass::Terminal,
    }
}

/// Hopae's named codes (`AUTH_INVALID_CREDENTIALS`, older `AUTH.INVALID_CREDENTIALS`) by their
/// category prefix, as its error reference groups them.
fn hopae_name_class(name: &str) -> RetryClass {
    let name = name.replace('.', "_");
    if name == "IDEMPOTENCY_REQUEST_IN_PROGRESS" || name.ends_with("_TEMPORARILY_UNAVAILABLE") {
        return RetryClass::RetryLater;
    }
    let prefix = name.split('_').next().unwrap_or_default();
    match prefix {
        "AUTH" | "VALIDATION" | "RESOURCE" | "IDEMPOTENCY" => RetryClass::CallerError,
        "SYSTEM" => RetryClass::RetryLater,
        _ => RetryClass::Terminal,
    }
}

/// A Hopae code name: a known category prefix, then upper-case letters, digits, `_` or `.`.
fn is_hopae_name(title: &str) -> bool {
    const PREFIXES: &[&str] =
        &["AUTH", "VALIDATION", "SESSION", "PROVIDER", "SYSTEM", "RESOURCE", "IDEMPOTENCY"];
    let Some((prefix, rest)) = title.split_once(['_', '.']) else { return false };
    PREFIXES.contains(&prefix)
        && !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
}

/// Incode's `status` is "a custom error code or an HTTP status code": a rate limit or server
/// error may pass, the request errors it documents (400, 401, 403, 404, 409, 422) are the
/// caller's, and any other code (405 "Spoof attempt detected", its four-digit codes) is about
/// the person's attempt, which asking again does not change.
fn incode_class(status: i64) -> RetryClass {
    match status {
        429 | 500..=599 => RetryClass::RetryLater,
        400 | 401 | 403 | 404 | 409 | 422 => RetryClass::CallerError,
        _ => RetryClass::Terminal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(hopae_number_class(300_001), RetryClass::Terminal);
        assert_eq!(hopae_number_class(400_005), RetryClass::RetryLater);
        assert_eq!(hopae_number_class(400_002), RetryClass::Terminal);
        assert_eq!(hopae_number_class(100_001), RetryClass::CallerError);
        assert_eq!(hopae_number_class(200_003), RetryClass::CallerError);
        assert_eq!(hopae_number_class(500_001), RetryClass::RetryLater);
        assert_eq!(hopae_name_class("SESSION_EXPIRED"), RetryClass::Terminal);
        assert_eq!(hopae_name_class("AUTH.INVALID_CREDENTIALS"), RetryClass::CallerError);
        assert_eq!(hopae_name_class("PROVIDER_TEMPORARILY_UNAVAILABLE"), RetryClass::RetryLater);
        assert_eq!(hopae_name_class("IDEMPOTENCY_REQUEST_IN_PROGRESS"), RetryClass::RetryLater);
        assert_eq!(hopae_name_class("SYSTEM_INTERNAL_ERROR"), RetryClass::RetryLater);
        assert_eq!(hopae_name_class("SOMETHING_NEW"), RetryClass::Terminal);
        assert_eq!(http_class(503), RetryClass::RetryLater);
        assert_eq!(http_class(404), RetryClass::CallerError);
        assert_eq!(http_class(302), RetryClass::Terminal);
        assert_eq!(incode_class(405), RetryClass::Terminal);
        assert_eq!(incode_class(4019), RetryClass::Terminal);
        assert_eq!(incode_class(401), RetryClass::CallerError);
        assert_eq!(incode_class(503), RetryClass::RetryLater);
        assert!(is_hopae_name("SESSION_EXPIRED"));
        assert!(is_hopae_name("AUTH.INVALID_CREDENTIALS"));
        assert!(!is_hopae_name("Not Found"));
        assert!(!is_hopae_name("SESSION_"));
        assert!(!is_hopae_name("One or more validation errors occurred."));
    }
}

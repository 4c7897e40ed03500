//! Hopae webhook signatures, as Hopae's webhook documentation gives them:
//! `X-Hopae-Signature: t=<unix>,v1=<hex>`, where `v1` is HMAC-SHA256 of `"<t>.<raw body>"` under
//! the webhook secret. The scheme is the one Stripe documents; as there, several `v1` entries may
//! be sent while a secret rotates, and one matching is enough.
//!
//! The body is read only once the signature verified: an unsigned body is never parsed, so a
//! forged delivery cannot even reach the JSON parser's error paths.

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use crate::error::{Error, Vendor};
use crate::input::json::{check_text, parse_root, walk};
use crate::jose::backend::hmac_sha256_verify;
use crate::model::hopae::{VerificationStatus, WebhookBody, WebhookEventType};
use crate::time::{from_unix_seconds, ordered, parse_instant, plus};
use crate::verify::policy::Policy;

/// Longest signature header accepted, in bytes: a timestamp and a few tags.
pub const MAX_WEBHOOK_SIGNATURE_HEADER: usize = 1024;

/// A webhook delivery whose signature verified: the signed instant, the body, and the event it
/// carries.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifiedWebhook<'a> {
    /// The signed timestamp `t`.
    pub signed_at: DateTime<Utc>,
    /// The raw body, as signed.
    pub body: &'a [u8],
    /// The typed event, read from the signed body.
    pub event: WebhookEvent<'a>,
}

/// The event a verified Hopae webhook delivery reports, every value read from the signed body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebhookEvent<'a> {
    /// The event type: the body's `event` (or `type`), else the one its `status` implies. An
    /// unknown type is kept as sent ([`WebhookEventType::is_known`] is false): a backend should
    /// not act on it.
    pub kind: WebhookEventType<'a>,
    /// Whether the body named the type (`false`: implied by `status`).
    pub kind_stated: bool,
    /// The verification the event is about (`verificationId`, or `data.verificationId`).
    pub verification_id: Cow<'a, str>,
    /// The verification's status the body reports, if any.
    pub status: Option<VerificationStatus<'a>>,
    /// The provider (`providerId`), if stated.
    pub provider_id: Option<Cow<'a, str>>,
    /// When the event happened (`timestamp`), if stated; never after the signed `t` (beyond
    /// the policy's leeway).
    pub occurred_at: Option<DateTime<Utc>>,
}

/// Verifies a Hopae webhook delivery: `signature_header` is the `X-Hopae-Signature` value,
/// `body` the raw request body as received (not re-serialized), `secret` the webhook secret.
///
/// The timestamp must lie within [`Policy::webhook_tolerance`] of [`Policy::now`] either way,
/// so that a captured delivery cannot be replayed later. Tags are compared in constant time.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let policy = vpcheck::Policy::at(Utc.timestamp_opt(1_761_632_436, 0).unwrap());
/// let body = br#"{"verificationId":"3162dd47","status":"completed"}"#;
/// let header = "t=1761632436,v1=8f0c2a2b0e6a4f1b3b4e6c1f4b7b2d9a0c2f5e8b1d4a7c0e3f6b9d2a5c8e1f4b";
/// let err = vpcheck::verify_hopae_webhook(header, body, b"whsec_test", &policy).unwrap_err();
/// assert_eq!(err.code(), "webhook.signature");
/// ```
///
/// # Errors
/// `webhook.malformed` for a header that is not `t=<unix>,v1=<64 hex digits>[,v1=...]`,
/// `webhook.timestamp` outside the tolerance, `webhook.signature` when no tag matches.
pub fn verify_hopae_webhook<'a>(
    signature_header: &str,
    body: &'a [u8],
    secret: &[u8],
    policy: &Policy,
) -> Result<VerifiedWebhook<'a>, Error> {
    let malformed = |reason: &str| Error::WebhookMalformed { reason: reason.to_owned() };
    if signature_header.len() > MAX_WEBHOOK_SIGNATURE_HEADER {
        return Err(malformed("longer than 1024 bytes"));
    }
    if secret.is_empty() {
        return Err(Error::WebhookSignature { reason: "the secret is empty".into() });
    }
    let mut t = None;
    let mut tags = Vec::new();
    for item in signature_header.trim().split(',') {
        let Some((key, value)) = item.trim().split_once('=') else {
            return Err(malformed("an entry is not key=value"));
        };
        match key {
            "t" if t.is_some() => return Err(malformed("t appears twice")),
            "t" => {
                // Digits only: `i64::from_str` would also take a sign.
                if value.is_empty()
                    || value.len() > 12
                    || !value.bytes().all(|b| b.is_ascii_digit())
                {
                    return Err(malformed("t is not a unix time in seconds"));
                }
                t = Some(value);
            }
            "v1" => {
                let tag = hex::decode(value).map_err(|_| malformed("v1 is not hex"))?;
                if tag.len() != 32 {
                    return Err(malformed("v1 is not 32 bytes (HMAC-SHA256)"));
                }
                tags.push(tag);
            }
            // Other schemes (v0, ...) are ignored, as the scheme intends: a newer sender may
            // add tags this version does not know, next to a `v1`.
            _ => {}
        }
    }
    let t = t.ok_or_else(|| malformed("no t"))?;
    if tags.is_empty() {
        return Err(malformed("no v1 tag"));
    }
    let seconds: i64 = t.parse().map_err(|_| malformed("t is not a unix time in seconds"))?;
    let signed_at = from_unix_seconds("X-Hopae-Signature.t", seconds)?;
    let at = policy.now();
    let tolerance = policy.webhook_tolerance();
    let distance = if signed_at > at { signed_at - at } else { at - signed_at };
    if distance > tolerance {
        return Err(Error::WebhookTimestamp {
            t: signed_at,
            at,
            tolerance_seconds: tolerance.num_seconds(),
        });
    }
    let mut message = Vec::with_capacity(t.len() + 1 + body.len());
    message.extend_from_slice(t.as_bytes());
    message.push(b'.');
    message.extend_from_slice(body);
    if tags.iter().any(|tag| hmac_sha256_verify(secret, &message, tag)) {
        let event = read_event(body, signed_at, policy)?;
        Ok(VerifiedWebhook { signed_at, body, event })
    } else {
        Err(Error::WebhookSignature {
            reason: format!(
                "none of {} v1 tag(s) is the HMAC-SHA256 of \"<t>.<body>\" under the secret",
                tags.len()
            ),
        })
    }
}

/// The event of a body whose signature verified. The body must be one JSON object within the
/// policy's limits (duplicates refused, as for every input), name the verification, and state an
/// event type or a status; when it states both, and both are known, they must agree, so that a
/// backend switching on either acts alike.
pub(crate) fn read_event<'a>(
    body: &'a [u8],
    signed_at: DateTime<Utc>,
    policy: &Policy,
) -> Result<WebhookEvent<'a>, Error> {
    const DOC: &str = "webhook body";
    let limits = policy.limits();
    let text = check_text(DOC, body, limits)?;
    let checked = walk(DOC, text, limits)?;
    if !checked.root_is_object {
        return Err(Error::invalid("webhook body", "not a JSON object"));
    }
    let raw: WebhookBody<'a> = parse_root(DOC, &checked)?;
    let data = raw.data.unwrap_or_default();
    let inconsistent = |field: &str, reason: String| Error::SessionInconsistent {
        vendor: Vendor::Hopae,
        field: field.to_owned(),
        reason,
    };
    let verification_id = match (raw.verification_id, data.verification_id) {
        (Some(a), Some(b)) if a != b => {
            return Err(inconsistent(
                "data.verificationId",
                format!("the body names verification {a:?}, its data {b:?}"),
            ))
        }
        (Some(a), _) | (None, Some(a)) if !a.is_empty() => a,
        _ => return Err(Error::missing("verificationId")),
    };
    let status = match (raw.status, data.status) {
        (Some(a), Some(b)) if a != b => {
            return Err(inconsistent(
                "data.status",
                format!("the body states status {}, its data {}", a.name(), b.name()),
            ))
        }
        (a, b) => a.or(b),
    };
    let provider_id = match (raw.provider_id, data.provider_id) {
        (Some(a), Some(b)) if a != b => {
            return Err(inconsistent(
                "data.providerId",
                format!("the body names provider {a:?}, its data {b:?}"),
            ))
        }
        (a, b) => a.or(b),
    };
    let (kind, kind_stated) = match (raw.event, &status) {
        (Some(kind), _) => (kind, true),
        // No event named, and a status this version does not know: no event can be implied,
        // and naming one after the status would read as a type a consumer might switch on.
        (None, Some(status)) if !status.is_known() => {
            return Err(Error::SessionUnknownState {
                vendor: Vendor::Hopae,
                field: "status".into(),
                state: status.name().into_owned(),
            })
        }
        (None, Some(status)) => (implied_event(status), false),
        (None, None) => return Err(Error::missing("event")),
    };
    if let Some(status) = &status {
        if kind.is_known() && status.is_known() && !agrees(&kind, status) {
            return Err(inconsistent(
                "status",
                format!("event {} with status {}", kind.name(), status.name()),
            ));
        }
    }
    let occurred_at = match raw.timestamp.as_deref() {
        Some(t) => {
            let at = parse_instant("timestamp", t)?;
            // An event is not sent before it happened; Hopae's clocks may differ by the leeway.
            if at > plus(signed_at, policy.leeway()) {
                ordered("timestamp", at, "X-Hopae-Signature.t", signed_at)?;
            }
            Some(at)
        }
        None => None,
    };
    Ok(WebhookEvent { kind, kind_stated, verification_id, status, provider_id, occurred_at })
}

/// The event a status implies when the body names none: a status Hopae's docs list maps to one
/// event; any other is kept as an unknown event named by the status.
fn implied_event<'a>(status: &VerificationStatus<'a>) -> WebhookEventType<'a> {
    match status {
        VerificationStatus::Initiated => WebhookEventType::Initiated,
        VerificationStatus::Pending | VerificationStatus::Authenticating => {
            WebhookEventType::AwaitingUserAction
        }
        VerificationStatus::Completed => WebhookEventType::Completed,
        VerificationStatus::Failed => WebhookEventType::Failed,
        VerificationStatus::Expired => WebhookEventType::Expired,
        VerificationStatus::Cancelled => WebhookEventType::Cancelled,
        other => WebhookEventType::Unknown(crate::input::borrow::TextOrNumber::Text(Cow::Owned(
            other.name().into_owned(),
        ))),
    }
}

/// Whether an event type and a status a body states together tell one story.
fn agrees(kind: &WebhookEventType<'_>, status: &VerificationStatus<'_>) -> bool {
    use VerificationStatus as S;
    use WebhookEventType as E;
    matches!(
        (kind, status),
        (E::Initiated, S::Initiated | S::Pending)
            | (E::AwaitingUserAction, S::Pending | S::Authenticating)
            | (E::Completed, S::Completed)
            | (E::Failed, S::Failed)
            | (E::Expired, S::Expired)
            | (E::Cancelled, S::Cancelled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn sign(secret: &[u8], t: &str, body: &[u8]) -> String {
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret);
        let mut msg = t.as_bytes().to_vec();
        msg.push(b'.');
        msg.extend_from_slice(body);
        hex::encode(ring::hmac::sign(&key, &msg).as_ref())
    }

    #[test]
    fn table() {
        let now = 1_761_632_436;
        let policy = Policy::at(Utc.timestamp_opt(now, 0).unwrap());
        let body = br#"{"verificationId":"v1","status":"completed"}"#;
        let good = sign(b"s", &now.to_string(), body);
        let code = |h: &str, b: &[u8]| {
            verify_hopae_webhook(h, b, b"s", &policy).err().map_or("ok", |e| e.code())
        };
        assert_eq!(code(&format!("t={now},v1={good}"), body), "ok");
        assert_eq!(code(&format!("t={now},v1=00,v1={good}"), body), "webhook.malformed");
        assert_eq!(code(&format!("t={now},v1={},v1={good}", "0".repeat(64)), body), "ok");
        assert_eq!(code(&format!("t={now}, v1={good}, v0=xyz"), body), "ok");
        assert_eq!(
            code(&format!("t={now},v1={good}"), br#"{"verificationId":"v1","status":"failed"}"#),
            "webhook.signature"
        );
        assert_eq!(code(&format!("t={now},v1={}", good.to_uppercase()), body), "ok");
        // 300 s either side is inside the tolerance; 301 s is not, and its tag cannot be reused.
        let at = |dt: i64| {
            let t = (now + dt).to_string();
            format!("t={t},v1={}", sign(b"s", &t, body))
        };
        assert_eq!(code(&at(300), body), "ok");
        assert_eq!(code(&at(-300), body), "ok");
        assert_eq!(code(&at(301), body), "webhook.timestamp");
        assert_eq!(code(&at(-301), body), "webhook.timestamp");
        assert_eq!(code(&format!("t={},v1={good}", now + 1), body), "webhook.signature");
        assert_eq!(code(&format!("v1={good}"), body), "webhook.malformed");
        assert_eq!(code(&format!("t=-1,v1={good}"), body), "webhook.malformed");
        assert_eq!(code(&format!("t={now},t={now},v1={good}"), body), "webhook.malformed");
        assert_eq!(code(&format!("t={now}"), body), "webhook.malformed");
        assert_eq!(code("garbage", body), "webhook.malformed");
        assert_eq!(code(&"t=1,".repeat(400), body), "webhook.malformed");
        assert_eq!(
            verify_hopae_webhook(&format!("t={now},v1={good}"), body, b"", &policy)
                .unwrap_err()
                .code(),
            "webhook.signature"
        );
    }

    /// The event read from signed bodies: each edit that should change or refuse it.
    #[test]
    fn events() {
        let now = 1_761_632_436;
        let policy = Policy::at(Utc.timestamp_opt(now, 0).unwrap());
        let t = now.to_string();
        let read = |body: &str| {
            let header = format!("t={t},v1={}", sign(b"s", &t, body.as_bytes()));
            verify_hopae_webhook(&header, body.as_bytes(), b"s", &policy).map(|v| {
                let e = v.event;
                (e.kind.name().into_owned(), e.kind_stated, e.verification_id.into_owned())
            })
        };
        let code = |body: &str| read(body).err().map_or("ok", |e| e.code());
        let ok = |body: &str| read(body).unwrap();
        assert_eq!(
            ok(r#"{"event":"verification.completed","verificationId":"v1","status":"completed"}"#),
            ("verification.completed".into(), true, "v1".into())
        );
        assert_eq!(
            ok(r#"{"verificationId":"v1","status":"expired"}"#),
            ("verification.expired".into(), false, "v1".into())
        );
        // Older names read as the current ones.
        assert_eq!(
            ok(r#"{"type":"verification.session.timed_out","data":{"id":"v2"}}"#),
            ("verification.expired".into(), true, "v2".into())
        );
        // An unknown type is kept, not refused, and not mistaken for a known one.
        let unknown = ok(r#"{"event":"verification.reviewed","verificationId":"v1"}"#);
        assert_eq!(unknown.0, "verification.reviewed");
        assert_eq!(
            code(r#"{"event":"verification.completed","verificationId":"v1","status":"failed"}"#),
            "session.inconsistent"
        );
        assert_eq!(
            code(r#"{"verificationId":"v1","data":{"verificationId":"v2"},"status":"completed"}"#),
            "session.inconsistent"
        );
        assert_eq!(
            code(r#"{"status":"completed","data":{"status":"failed"},"verificationId":"v1"}"#),
            "session.inconsistent"
        );
        assert_eq!(code(r#"{"status":"completed"}"#), "field.missing");
        assert_eq!(code(r#"{"verificationId":"","status":"completed"}"#), "field.missing");
        assert_eq!(code(r#"{"verificationId":"v1"}"#), "field.missing");
        assert_eq!(
            code(
                r#"{"event":"verification.completed","type":"verification.failed","verificationId":"v1"}"#
            ),
            "input.duplicate_member"
        );
        assert_eq!(
            code(r#"{"verificationId":"v1","status":"completed","status":"failed"}"#),
            "input.duplicate_member"
        );
        assert_eq!(code(r#"["verification.completed"]"#), "field.invalid");
        assert_eq!(code("not json"), "input.json_syntax");
        // The event time: not after the signed t beyond the leeway (60 s).
        let at = |secs: i64| {
            let ts = Utc.timestamp_opt(secs, 0).unwrap().to_rfc3339();
            format!(r#"{{"verificationId":"v1","status":"completed","timestamp":"{ts}"}}"#)
        };
        assert_eq!(code(&at(now - 30)), "ok");
        assert_eq!(code(&at(now + 60)), "ok");
        assert_eq!(code(&at(now + 61)), "time.order");
        assert_eq!(
            code(r#"{"verificationId":"v1","status":"completed","timestamp":"yesterday"}"#),
            "field.invalid"
        );
    }
}

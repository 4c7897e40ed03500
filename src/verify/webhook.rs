//! Hopae webhook signatures, as Hopae's webhook documentation gives them:
//! `X-Hopae-Signature: t=<unix>,v1=<hex>`, where `v1` is HMAC-SHA256 of `"<t>.<raw body>"` under
//! the webhook secret. The scheme is the one Stripe documents; as there, several `v1` entries may
//! be sent while a secret rotates, and one matching is enough.

use chrono::{DateTime, Utc};

use crate::error::Error;
use crate::jose::backend::hmac_sha256_verify;
use crate::time::from_unix_seconds;
use crate::verify::policy::Policy;

/// Longest signature header accepted, in bytes: a timestamp and a few tags.
pub const MAX_WEBHOOK_SIGNATURE_HEADER: usize = 1024;

/// A webhook delivery whose signature verified: the signed instant, and the body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifiedWebhook<'a> {
    /// The signed timestamp `t`.
    pub signed_at: DateTime<Utc>,
    /// The raw body, as signed.
    pub body: &'a [u8],
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
        Ok(VerifiedWebhook { signed_at, body })
    } else {
        Err(Error::WebhookSignature {
            reason: format!(
                "none of {} v1 tag(s) is the HMAC-SHA256 of \"<t>.<body>\" under the secret",
                tags.len()
            ),
        })
    }
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
        let body = br#"{"status":"completed"}"#;
        let good = sign(b"s", &now.to_string(), body);
        let code = |h: &str, b: &[u8]| {
            verify_hopae_webhook(h, b, b"s", &policy).err().map_or("ok", |e| e.code())
        };
        assert_eq!(code(&format!("t={now},v1={good}"), body), "ok");
        assert_eq!(code(&format!("t={now},v1=00,v1={good}"), body), "webhook.malformed");
        assert_eq!(code(&format!("t={now},v1={},v1={good}", "0".repeat(64)), body), "ok");
        assert_eq!(code(&format!("t={now}, v1={good}, v0=xyz"), body), "ok");
        assert_eq!(
            code(&format!("t={now},v1={good}"), b"{\"status\":\"failed\"}"),
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
}

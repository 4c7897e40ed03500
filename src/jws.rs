//! Compact JWS (RFC 7515 section 7.1) decoding: split, strict base64url, header and JWT claims.
//!
//! Decoding checks structure only; no signature is verified here. The header and payload are
//! decoded once into buffers the parsed views borrow from (house style 6).

use std::borrow::Cow;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::borrow::{opt_cow, OneOrMany};
use crate::error::Error;
use crate::json::{check_document, parse_typed};
use crate::limits::Limits;

/// The JOSE signature algorithms vpcheck knows (RFC 7518 section 3.1; EdDSA from RFC 8037;
/// ES256K from RFC 8812). Anything else is rejected before any key is looked at.
pub const KNOWN_ALGORITHMS: [&str; 14] = [
    "EdDSA", "ES256", "ES256K", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256", "RS384", "RS512", "HS256", "HS384", "HS512",
];

/// A compact JWS, split and decoded, its signature not verified.
#[derive(Debug, Clone)]
pub struct UnverifiedJws<'a> {
    compact: &'a str,
    signing_input_len: usize,
    signature_b64: &'a str,
    header: Vec<u8>,
    payload: Vec<u8>,
    signature: Vec<u8>,
}

impl<'a> UnverifiedJws<'a> {
    /// Splits and decodes `compact`, naming it `field` in errors.
    ///
    /// Exactly three parts; each strict base64url (RFC 7515 section 2: no padding, no characters
    /// outside the URL-safe alphabet, no non-zero trailing bits); the header a JSON object
    /// without duplicate members (RFC 7515 section 5.2 step 4) with a string `alg`, never
    /// `none`. The payload may be any bytes.
    ///
    /// # Errors
    /// `jws.malformed` for any structural fault, `jws.alg_none` for an unsecured JWS, and the
    /// structure-pass errors (`input.duplicate_member`, ...) for the header.
    pub fn decode(field: &str, compact: &'a str, limits: &Limits) -> Result<Self, Error> {
        let malformed = |reason: &str| Error::JwsMalformed { field: field.to_owned(), reason: reason.to_owned() };
        if compact.len() > limits.max_input_bytes {
            return Err(Error::InputTooLarge { size: compact.len(), limit: limits.max_input_bytes });
        }
        let mut parts = compact.split('.');
        let (Some(h), Some(p), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(malformed("a compact JWS has exactly three dot-separated parts"));
        };
        if h.is_empty() {
            return Err(malformed("the protected header is empty"));
        }
        let decode = |part: &str, what: &str| {
            URL_SAFE_NO_PAD.decode(part).map_err(|e| malformed(&format!("{what} is not strict base64url: {e}")))
        };
        let header = decode(h, "the header")?;
        let payload = decode(p, "the payload")?;
        let signature = decode(s, "the signature")?;
        let header_field = format!("{field}(header)");
        // A header that is not JSON at all is a fault of the JWS; duplicates and depth keep
        // their own codes.
        let checked = check_document(&header_field, &header, limits).map_err(|e| match e {
            Error::JsonSyntax { .. } | Error::InvalidUtf8 { .. } | Error::InputEmpty | Error::TrailingData { .. } => {
                malformed(&format!("the header is not JSON: {e}"))
            }
            other => other,
        })?;
        if !checked.root_is_object {
            return Err(malformed("the header is not a JSON object"));
        }
        let jws = UnverifiedJws { compact, signing_input_len: h.len() + 1 + p.len(), signature_b64: s, header, payload, signature };
        let parsed = jws.header_in(field)?;
        match parsed.alg.as_deref() {
            None => return Err(Error::missing(format!("{header_field}.alg"))),
            // `alg` is case-sensitive (RFC 7515 section 4.1.1), so `NONE` is not `none`; but any
            // spelling of it is an attempt at an unsecured JWS and is named as one.
            Some(alg) if alg.eq_ignore_ascii_case("none") => return Err(Error::JwsAlgNone { field: field.to_owned() }),
            Some(alg) if !KNOWN_ALGORITHMS.contains(&alg) => {
                return Err(Error::JwsUnsupportedAlg { field: field.to_owned(), alg: alg.to_owned() })
            }
            Some(_) => {}
        }
        // This build implements no JWS extension, so any `crit` is unsupported (RFC 7515
        // section 4.1.11: the recipient MUST reject a JWS whose `crit` it does not understand).
        if let Some(crit) = parsed.crit {
            return Err(Error::JwsCritUnsupported { field: field.to_owned(), crit: crit.get().to_owned() });
        }
        Ok(jws)
    }

    fn header_in(&self, field: &str) -> Result<JwsHeader<'_>, Error> {
        let field = format!("{field}(header)");
        let text = std::str::from_utf8(&self.header).map_err(|e| Error::InvalidUtf8 { field: field.clone(), offset: e.valid_up_to() })?;
        parse_typed(&field, text)
    }

    /// The protected header.
    ///
    /// # Errors
    /// `field.invalid` when a known member has the wrong type.
    pub fn header(&self) -> Result<JwsHeader<'_>, Error> {
        self.header_in("jws")
    }

    /// The payload bytes, decoded.
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// The signature bytes, decoded.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// The JWS Signing Input (RFC 7515 section 5.2 step 8): `header.payload` as received.
    pub fn signing_input(&self) -> &'a str {
        self.compact.get(..self.signing_input_len).unwrap_or_default()
    }

    /// The signature part as received (base64url).
    pub fn signature_b64(&self) -> &'a str {
        self.signature_b64
    }

    /// The payload read as JWT claims (RFC 7519 section 4), after the structure pass.
    ///
    /// # Errors
    /// The structure-pass errors for the payload, `field.invalid` for mistyped claims.
    pub fn claims(&self, field: &str, limits: &Limits) -> Result<JwtClaims<'_>, Error> {
        let field = format!("{field}(payload)");
        let checked = check_document(&field, &self.payload, limits)?;
        if !checked.root_is_object {
            return Err(Error::invalid(field, "JWT claims must be a JSON object"));
        }
        let mut claims: JwtClaims<'_> = parse_typed(&field, checked.text)?;
        claims.raw = checked.text;
        Ok(claims)
    }
}

/// The JOSE header members vpcheck reads (RFC 7515 section 4.1).
#[derive(Debug, Clone, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct JwsHeader<'a> {
    /// `alg`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub alg: Option<Cow<'a, str>>,
    /// `kid`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub kid: Option<Cow<'a, str>>,
    /// `typ`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub typ: Option<Cow<'a, str>>,
    /// `cty`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub cty: Option<Cow<'a, str>>,
    /// `crit`, raw.
    #[serde(default)]
    pub crit: Option<&'a RawValue>,
    /// `b64` (RFC 7797).
    #[serde(default)]
    pub b64: Option<bool>,
}

/// Registered JWT claims (RFC 7519 section 4.1) and the raw payload.
#[derive(Debug, Clone, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct JwtClaims<'a> {
    /// `iss`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub iss: Option<Cow<'a, str>>,
    /// `sub`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub sub: Option<Cow<'a, str>>,
    /// `aud`: one or many.
    #[serde(default)]
    pub aud: Option<OneOrMany<'a>>,
    /// `exp`, NumericDate.
    #[serde(default)]
    pub exp: Option<NumericDate>,
    /// `nbf`, NumericDate.
    #[serde(default)]
    pub nbf: Option<NumericDate>,
    /// `iat`, NumericDate.
    #[serde(default)]
    pub iat: Option<NumericDate>,
    /// `jti`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub jti: Option<Cow<'a, str>>,
    /// `nonce` (OpenID Connect).
    #[serde(default, deserialize_with = "opt_cow")]
    pub nonce: Option<Cow<'a, str>>,
    /// The whole payload text.
    #[serde(skip)]
    pub raw: &'a str,
}

/// A NumericDate (RFC 7519 section 2): seconds since the epoch, possibly fractional; kept as
/// whole seconds rounded down. An RFC 3339 string is read too: the W3C vc-jose-cose examples
/// send `iat` that way, and a time claim we can read is one we can check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumericDate(pub i64);

impl<'de> Deserialize<'de> for NumericDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = NumericDate;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a NumericDate (seconds since the epoch) or an RFC 3339 date-time")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<NumericDate, E> {
                Ok(NumericDate(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<NumericDate, E> {
                i64::try_from(v).map(NumericDate).map_err(|_| E::custom(format!("NumericDate {v} is out of range")))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<NumericDate, E> {
                // f64 holds integers exactly up to 2^53; any real date is far inside that range.
                if !v.is_finite() || v.abs() > 1e15 {
                    return Err(E::custom(format!("NumericDate {v} is out of range")));
                }
                #[allow(clippy::as_conversions)]
                Ok(NumericDate(v.floor() as i64))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<NumericDate, E> {
                chrono::DateTime::parse_from_rfc3339(v)
                    .map(|t| NumericDate(t.timestamp()))
                    .map_err(|e| E::custom(format!("{v:?} is neither a NumericDate nor an RFC 3339 date-time: {e}")))
            }
        }
        d.deserialize_any(V)
    }
}

/// Whether `text` is meant as a compact JWS: it has a dot and cannot be a JSON text, whose first
/// character is one of `{["-0123456789tfn` (RFC 8259 section 2). A well-formed header (base64url
/// of a JSON object) starts with `e`, `I`, `C` or `D`; anything else is left to
/// [`UnverifiedJws::decode`], so that a bad character or a fourth part is reported as a malformed
/// JWS rather than a JSON syntax error.
pub(crate) fn looks_compact(text: &str) -> bool {
    let json_start = |c: char| matches!(c, '{' | '[' | '"' | '-' | '0'..='9' | 't' | 'f' | 'n');
    text.contains('.') && !text.starts_with(json_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        URL_SAFE_NO_PAD.encode(s)
    }

    fn token(header: &str, payload: &str) -> String {
        format!("{}.{}.{}", b64(header), b64(payload), b64("sig"))
    }

    fn code(compact: &str) -> &'static str {
        UnverifiedJws::decode("t", compact, &Limits::default()).err().map_or("ok", |e| e.code())
    }

    #[test]
    fn decodes_header_payload_and_claims() {
        let t = token(r#"{"alg":"RS256","kid":"k1","typ":"JWT"}"#, r#"{"iss":"i","aud":["a","b"],"exp":1700000000.9}"#);
        let jws = UnverifiedJws::decode("t", &t, &Limits::default()).unwrap();
        let header = jws.header().unwrap();
        assert_eq!(header.alg.as_deref(), Some("RS256"));
        assert_eq!(header.kid.as_deref(), Some("k1"));
        let claims = jws.claims("t", &Limits::default()).unwrap();
        assert_eq!(claims.iss.as_deref(), Some("i"));
        assert!(matches!(claims.iss, Some(Cow::Borrowed(_))));
        assert_eq!(claims.exp, Some(NumericDate(1_700_000_000)));
        assert!(claims.aud.unwrap().contains("b"));
        assert_eq!(jws.signature(), b"sig");
        assert!(t.starts_with(jws.signing_input()));
    }

    #[test]
    fn rejections() {
        let good_header = r#"{"alg":"ES256"}"#;
        assert_eq!(code(&token(good_header, "anything, not JSON")), "ok");
        assert_eq!(code(&token(r#"{"alg":"none"}"#, "{}")), "jws.alg_none");
        assert_eq!(code(&token(r#"{"typ":"JWT"}"#, "{}")), "field.missing");
        assert_eq!(code(&token(r#"{"alg":"ES256","alg":"none"}"#, "{}")), "input.duplicate_member");
        assert_eq!(code(&token("[1]", "{}")), "jws.malformed");
        assert_eq!(code(&token("not json", "{}")), "jws.malformed");
        assert_eq!(code(&token(r#"{"alg":"NONE"}"#, "{}")), "jws.alg_none");
        assert_eq!(code(&token(r#"{"alg":"HS999"}"#, "{}")), "jws.unsupported_alg");
        assert_eq!(code(&token(r#"{"alg":"ES256","crit":["exp"]}"#, "{}")), "jws.crit_unsupported");
        assert_eq!(code(&token(r#"{"alg":"ES256","alg2":1}"#, "{}")), "ok");
        let t = token(good_header, "{}");
        assert_eq!(code(&format!("{t}.extra")), "jws.malformed");
        assert_eq!(code("a.b"), "jws.malformed");
        assert_eq!(code(&format!("{}=.{}.{}", b64(good_header), b64("{}"), b64("s"))), "jws.malformed");
        assert_eq!(code(&format!("{}.{}.a+b/", b64(good_header), b64("{}"))), "jws.malformed");
        // "QR" has non-zero trailing bits where "QQ" is the canonical spelling of the same byte.
        assert_eq!(code(&format!("{}.{}.QQ", b64(good_header), b64("{}"))), "ok");
        assert_eq!(code(&format!("{}.{}.QR", b64(good_header), b64("{}"))), "jws.malformed");
        assert_eq!(code(&format!(".{}.{}", b64("{}"), b64("s"))), "jws.malformed");
    }
}

//! JWT claim rules beyond time (RFC 7519 section 4.1; OpenID Connect Core section 3.1.3.7):
//! issuer, audience, nonce and header type, each judged against what the policy expects.

use super::jws::CheckedHeader;
use crate::error::Error;
use crate::input::borrow::OneOrMany;

/// `iss` (RFC 7519 section 4.1.1) against the expected issuer, when one is expected.
pub(crate) fn issuer(
    field: &str,
    found: Option<&str>,
    expected: Option<&str>,
) -> Option<Result<String, Error>> {
    let expected = expected?;
    Some(match found {
        Some(iss) if iss == expected => Ok("iss is the expected issuer".to_owned()),
        other => Err(Error::JwtIssuer {
            field: field.to_owned(),
            expected: expected.to_owned(),
            found: other.unwrap_or_default().to_owned(),
        }),
    })
}

/// `aud` (RFC 7519 section 4.1.3) of a token addressed to the caller: it must name the expected
/// audience; and a token naming an audience when the caller expects none is refused, since it
/// was meant for someone else ("If the principal processing the claim does not identify itself
/// with a value in the aud claim ... the JWT MUST be rejected").
pub(crate) fn audience(
    field: &str,
    found: Option<&OneOrMany<'_>>,
    expected: Option<&str>,
) -> Result<String, Error> {
    let list = |aud: &OneOrMany<'_>| aud.iter().collect::<Vec<_>>().join(", ");
    match (found, expected) {
        (None, None) => Ok("no aud, none expected".to_owned()),
        (Some(aud), Some(expected)) if aud.contains(expected) => {
            Ok("aud names the expected audience".to_owned())
        }
        (found, expected) => Err(Error::JwtAudience {
            field: field.to_owned(),
            expected: expected.unwrap_or("none").to_owned(),
            found: found.map_or_else(|| "none".to_owned(), list),
        }),
    }
}

/// `nonce` (OpenID Connect Core section 2) against the nonce the caller sent, when it sent one.
pub(crate) fn nonce(
    field: &str,
    found: Option<&str>,
    expected: Option<&str>,
) -> Option<Result<String, Error>> {
    let expected = expected?;
    Some(match found {
        Some(n) if n == expected => Ok("nonce is the expected nonce".to_owned()),
        other => Err(Error::JwtNonce {
            field: field.to_owned(),
            expected: expected.to_owned(),
            found: other.unwrap_or_default().to_owned(),
        }),
    })
}

/// The header `typ` against an expected media type. RFC 7515 section 4.1.9: compared
/// case-insensitively, with `application/` optional.
pub(crate) fn token_type(
    field: &str,
    found: Option<&str>,
    expected: &str,
) -> Result<String, Error> {
    let bare = |t: &str| {
        let lower = t.to_ascii_lowercase();
        lower.strip_prefix("application/").map(str::to_owned).unwrap_or(lower)
    };
    match found {
        Some(t) if bare(t) == bare(expected) => Ok(format!("{field} = {t}")),
        other => Err(Error::JwtType {
            field: field.to_owned(),
            expected: expected.to_owned(),
            found: other.unwrap_or_default().to_owned(),
        }),
    }
}

/// The protected header's `typ` against an expected media type ([`token_type`]). A `typ` sent
/// only in the unprotected header of a JSON-serialized JWS is not signed (RFC 7515 section 5.2
/// step 8), so it never satisfies the expectation; the error says where it was.
pub(crate) fn header_type(
    field: &str,
    header: &CheckedHeader<'_>,
    expected: &str,
) -> Result<String, Error> {
    match (header.typ, header.unprotected_typ) {
        (None, Some(unprotected)) => Err(Error::JwtType {
            field: field.to_owned(),
            expected: expected.to_owned(),
            found: format!(
                "{unprotected} (in the unprotected header, which the signature does not cover)"
            ),
        }),
        (typ, _) => token_type(field, typ, expected),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audience_rules() {
        let one: OneOrMany<'_> = serde_json::from_str(r#""client""#).unwrap();
        let many: OneOrMany<'_> = serde_json::from_str(r#"["x","client"]"#).unwrap();
        assert!(audience("aud", Some(&one), Some("client")).is_ok());
        assert!(audience("aud", Some(&many), Some("client")).is_ok());
        assert!(audience("aud", None, None).is_ok());
        assert_eq!(audience("aud", Some(&one), None).unwrap_err().code(), "jwt.audience");
        assert_eq!(audience("aud", None, Some("client")).unwrap_err().code(), "jwt.audience");
        assert_eq!(audience("aud", Some(&one), Some("Client")).unwrap_err().code(), "jwt.audience");
    }

    #[test]
    fn type_rules() {
        assert!(token_type("typ", Some("application/vc+jwt"), "vc+jwt").is_ok());
        assert!(token_type("typ", Some("JWT"), "jwt").is_ok());
        assert_eq!(token_type("typ", Some("vp+jwt"), "vc+jwt").unwrap_err().code(), "jwt.type");
        assert_eq!(token_type("typ", None, "vc+jwt").unwrap_err().code(), "jwt.type");
        assert!(issuer("iss", Some("a"), None).is_none());
        assert_eq!(issuer("iss", Some("a"), Some("b")).unwrap().unwrap_err().code(), "jwt.issuer");
        assert_eq!(nonce("nonce", None, Some("n")).unwrap().unwrap_err().code(), "jwt.nonce");
    }
}

//! Hopae evidence `names`: the `;`-delimited list of the keys present under `token`
//! (Hopae's API documentation: readers must take the keys from `names`).
//!
//! Splitting borrows `&str` slices from the list and allocates nothing; the check compares the
//! list with the `token` keys and reports each kind of mismatch with its own error.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde_json::value::RawValue;

use crate::error::Error;
use crate::input::borrow::{str_from_raw, Members};
use crate::jose::jws::UnverifiedJws;
use crate::limits::Limits;
use crate::model::hopae::UnverifiedEvidence;
use crate::time::parse_instant;

/// The entries of a `names` list, in order, each trimmed of ASCII spaces. A single trailing `;`
/// ends the list rather than adding an empty entry; any other empty entry is yielded as `""`
/// (and rejected by [`check_names`]).
///
/// ```
/// let names: Vec<&str> = vpcheck::dangerous::split_names("id_token; expires_at ;token_type;").collect();
/// assert_eq!(names, ["id_token", "expires_at", "token_type"]);
/// ```
pub fn split_names(names: &str) -> impl Iterator<Item = &str> + Clone {
    let trimmed = names.trim_matches(' ');
    let list = trimmed.strip_suffix(';').unwrap_or(trimmed);
    list.split(';').map(|name| name.trim_matches(' '))
}

/// Checks a `names` list against the keys of `token`.
///
/// In order: the number of names and keys against `max_names` (`limit.evidence_names`), each
/// entry non-empty (`evidence.empty_name`), no entry twice (`evidence.duplicate_name`), every
/// name present in `token` (`evidence.missing_key`), every `token` key listed
/// (`evidence.undeclared_key`). `names_field` and `token_field` name the members in errors.
///
/// # Errors
/// The first mismatch found, as above.
pub fn check_names<'k>(
    names_field: &str,
    token_field: &str,
    names: &str,
    token_keys: impl Iterator<Item = &'k str> + Clone,
    max_names: usize,
) -> Result<(), Error> {
    let count = split_names(names).take(max_names + 1).count();
    if count > max_names {
        return Err(Error::TooManyEvidenceNames {
            field: names_field.to_owned(),
            count,
            limit: max_names,
        });
    }
    let key_count = token_keys.clone().take(max_names + 1).count();
    if key_count > max_names {
        return Err(Error::TooManyEvidenceNames {
            field: token_field.to_owned(),
            count: key_count,
            limit: max_names,
        });
    }
    for (index, name) in split_names(names).enumerate() {
        if name.is_empty() {
            return Err(Error::EvidenceEmptyName { field: names_field.to_owned(), index });
        }
        // Both lists are bounded by `max_names`, so the quadratic scans stay small and free of
        // allocation.
        if split_names(names).take(index).any(|earlier| earlier == name) {
            return Err(Error::EvidenceDuplicateName {
                field: names_field.to_owned(),
                name: name.to_owned(),
            });
        }
        if !token_keys.clone().any(|key| key == name) {
            return Err(Error::EvidenceMissingKey {
                field: names_field.to_owned(),
                name: name.to_owned(),
            });
        }
    }
    if let Some(key) = token_keys.clone().find(|key| !split_names(names).any(|name| name == *key)) {
        return Err(Error::EvidenceUndeclaredKey {
            field: token_field.to_owned(),
            key: key.to_owned(),
        });
    }
    Ok(())
}

/// A verified result's evidence: the upstream artefacts Hopae relays, with typed access to the
/// keys Smart-ID uses and raw access to any other.
#[derive(Debug, Clone)]
pub struct Evidence<'s> {
    field: String,
    token: Option<&'s Members<'s, &'s RawValue>>,
    names: Option<&'s str>,
}

impl<'s> Evidence<'s> {
    pub(crate) fn new(field: String, evidence: &'s UnverifiedEvidence<'_>) -> Self {
        // Members and RawValue are covariant: the input lifetime shortens to 's.
        let token: Option<&'s Members<'s, &'s RawValue>> = evidence.token.as_ref();
        Evidence { field, token, names: evidence.names.as_deref() }
    }

    /// Where this evidence sits in the document.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The `names` entries (borrowed, trimmed).
    pub fn names(&self) -> impl Iterator<Item = &'s str> + Clone {
        split_names(self.names.unwrap_or_default())
    }

    /// The raw value of any `token` member.
    pub fn raw(&self, key: &str) -> Option<&'s RawValue> {
        self.token.and_then(|t| t.get(key)).copied()
    }

    fn string(&self, key: &str) -> Result<Option<Cow<'s, str>>, Error> {
        self.raw(key)
            .map(|raw| str_from_raw(&format!("{}.token.{key}", self.field), raw))
            .transpose()
    }

    /// `id_token`: the upstream provider's JWT, decoded (header and claims), its signature not
    /// verified by this call.
    ///
    /// # Errors
    /// `field.invalid` when not a string; the [`UnverifiedJws::decode`] errors.
    pub fn id_token(&self, limits: &Limits) -> Result<Option<UnverifiedJws<'s>>, Error> {
        let field = format!("{}.token.id_token", self.field);
        match self.raw("id_token") {
            None => Ok(None),
            Some(raw) => {
                // A compact JWS never needs JSON escapes, so the borrowed form is the only
                // well-formed one.
                let Cow::Borrowed(text) = str_from_raw(&field, raw)? else {
                    return Err(Error::JwsMalformed {
                        field,
                        reason: "a compact JWS has no characters that need JSON escapes".into(),
                    });
                };
                UnverifiedJws::decode(&field, text, limits).map(Some)
            }
        }
    }

    /// `expires_at`: when the upstream artefacts expire (RFC 3339).
    ///
    /// # Errors
    /// `field.invalid` when not an RFC 3339 string.
    pub fn expires_at(&self) -> Result<Option<DateTime<Utc>>, Error> {
        let field = format!("{}.token.expires_at", self.field);
        self.string("expires_at")?.map(|s| parse_instant(&field, &s)).transpose()
    }

    /// `access_token`: opaque.
    ///
    /// # Errors
    /// `field.invalid` when not a string.
    pub fn access_token(&self) -> Result<Option<Cow<'s, str>>, Error> {
        self.string("access_token")
    }

    /// `token_type`, e.g. `Bearer`.
    ///
    /// # Errors
    /// `field.invalid` when not a string.
    pub fn token_type(&self) -> Result<Option<Cow<'s, str>>, Error> {
        self.string("token_type")
    }

    /// Checks `names` against the `token` keys ([`check_names`]); both must be present.
    pub(crate) fn check_declared_keys(&self, max_names: usize) -> Result<String, Error> {
        let names_field = format!("{}.names", self.field);
        let token_field = format!("{}.token", self.field);
        match (self.token, self.names) {
            (Some(token), Some(names)) => {
                check_names(&names_field, &token_field, names, token.keys(), max_names)?;
                Ok(format!("{names_field} lists exactly the {} keys of {token_field}", token.len()))
            }
            (Some(_), None) => Err(Error::missing(names_field)),
            (None, Some(_)) => Err(Error::missing(token_field)),
            (None, None) => Ok("no token".to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMART_ID: [&str; 4] = ["id_token", "expires_at", "access_token", "token_type"];

    fn check(names: &str, keys: &[&str]) -> Result<(), Error> {
        check_names("names", "token", names, keys.iter().copied(), 64)
    }

    fn code(names: &str, keys: &[&str]) -> &'static str {
        check(names, keys).err().map_or("ok", |e| e.code())
    }

    #[test]
    fn splits_into_trimmed_borrowed_slices() {
        let list = String::from(" id_token ;expires_at;; token_type ;");
        let parts: Vec<&str> = split_names(&list).collect();
        assert_eq!(parts, ["id_token", "expires_at", "", "token_type"]);
        // The slices point into the list itself: no copies.
        let range = list.as_bytes().as_ptr_range();
        assert!(parts.iter().all(|p| range.contains(&p.as_ptr()) || p.is_empty()));
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str], &str)] = &[
            ("id_token;expires_at;access_token;token_type", &SMART_ID, "ok"),
            ("id_token;expires_at;access_token;token_type;", &SMART_ID, "ok"),
            ("id_token; expires_at ;access_token;token_type", &SMART_ID, "ok"),
            ("token_type;access_token;expires_at;id_token", &SMART_ID, "ok"),
            ("id_token;expires_at;access_token;token_type;;", &SMART_ID, "evidence.empty_name"),
            ("id_token;;expires_at;access_token;token_type", &SMART_ID, "evidence.empty_name"),
            (";id_token;expires_at;access_token;token_type", &SMART_ID, "evidence.empty_name"),
            ("", &[], "evidence.empty_name"),
            (";", &[], "evidence.empty_name"),
            (
                "id_token;expires_at;access_token;token_type;id_token",
                &SMART_ID,
                "evidence.duplicate_name",
            ),
            (
                "id_token;expires_at;access_token;token_type;refresh_token",
                &SMART_ID,
                "evidence.missing_key",
            ),
            ("id_token;expires_at;access_token", &SMART_ID, "evidence.undeclared_key"),
            ("ID_TOKEN;expires_at;access_token;token_type", &SMART_ID, "evidence.missing_key"),
        ];
        for (names, keys, expected) in cases {
            assert_eq!(code(names, keys), *expected, "names {names:?}");
        }
    }

    #[test]
    fn errors_name_the_entry() {
        assert_eq!(
            check("a;b;a", &["a", "b"]).unwrap_err(),
            Error::EvidenceDuplicateName { field: "names".into(), name: "a".into() }
        );
        assert_eq!(
            check("a;;b", &["a", "b"]).unwrap_err(),
            Error::EvidenceEmptyName { field: "names".into(), index: 1 }
        );
        assert_eq!(
            check("a", &["a", "scope"]).unwrap_err(),
            Error::EvidenceUndeclaredKey { field: "token".into(), key: "scope".into() }
        );
    }

    #[test]
    fn limits_names_and_keys() {
        let many = vec!["k"; 65].join(";");
        assert_eq!(code(&many, &["k"]), "limit.evidence_names");
        let keys: Vec<String> = (0..65).map(|i| format!("k{i}")).collect();
        let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        assert_eq!(code("k0", &key_refs), "limit.evidence_names");
        let exactly: Vec<String> = (0..64).map(|i| format!("k{i}")).collect();
        let refs: Vec<&str> = exactly.iter().map(String::as_str).collect();
        assert_eq!(code(&exactly.join(";"), &refs), "ok");
    }
}

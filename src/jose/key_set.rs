//! The caller's trusted verification keys: JWKs and JWK Sets (RFC 7517 section 5), selected by
//! `kid` and algorithm.

use super::alg::Algorithm;
use super::jwk::{Jwk, KeyMaterial};
use crate::error::Error;
use crate::json::{check_document, parse_typed};
use crate::limits::Limits;

/// Most keys in one [`KeySet`]; a JWKS is a handful of keys, and selection is linear.
pub const MAX_KEYS: usize = 256;

/// Keys a caller trusts to verify JWS signatures.
///
/// Built from JWK and JWKS documents. A set is refused when it is ambiguous: two keys with one
/// `kid`, or private keys next to public ones (a verifier is handed public keys; a private key in
/// the set means someone mixed up files). Keys that cannot serve are kept and skipped (RFC 7517
/// section 5), and named when a signature selects them by `kid`.
///
/// ```
/// let jwks = r#"{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"k1",
///                "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#;
/// let keys = vpcheck::KeySet::from_json(jwks.as_bytes())?;
/// assert_eq!(keys.len(), 1);
/// # Ok::<(), vpcheck::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeySet {
    keys: Vec<Jwk>,
}

#[derive(serde::Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
struct JwksMembers<'a> {
    #[serde(borrow)]
    keys: Vec<&'a serde_json::value::RawValue>,
}

impl KeySet {
    /// An empty set.
    pub fn new() -> Self {
        KeySet::default()
    }

    /// Reads a JWK Set (`{"keys": [...]}`) or a single JWK.
    ///
    /// # Errors
    /// The structure-pass errors, `field.*` for mistyped members, `key.invalid` for a JWK
    /// without `kty`, `key.ambiguous` for a duplicate `kid` or private and public keys together,
    /// `limit.keys` over [`MAX_KEYS`].
    pub fn from_json(bytes: &[u8]) -> Result<KeySet, Error> {
        let mut set = KeySet::new();
        set.add_json(bytes)?;
        Ok(set)
    }

    /// Adds the keys of a JWK Set or a single JWK, with the checks of [`KeySet::from_json`]
    /// applied to the whole set.
    ///
    /// # Errors
    /// As [`KeySet::from_json`].
    pub fn add_json(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let checked = check_document("jwks", bytes, &Limits::default())?;
        if !checked.root_is_object {
            return Err(Error::KeyInvalid { field: "jwks".into(), reason: "a JWK or JWK Set is a JSON object".into() });
        }
        if checked.root_keys.iter().any(|k| k == "keys") {
            let jwks: JwksMembers<'_> = parse_typed("jwks", checked.text)?;
            for (i, raw) in jwks.keys.iter().enumerate() {
                self.push(Jwk::parse(&format!("jwks.keys[{i}]"), raw.get())?)?;
            }
        } else {
            self.push(Jwk::parse("jwk", checked.text)?)?;
        }
        Ok(())
    }

    /// A set of one key (a verification method's `publicKeyJwk`).
    pub(crate) fn single(key: Jwk) -> KeySet {
        KeySet { keys: vec![key] }
    }

    /// Adds one parsed key.
    fn push(&mut self, key: Jwk) -> Result<(), Error> {
        if self.keys.len() >= MAX_KEYS {
            return Err(Error::TooManyKeys { limit: MAX_KEYS });
        }
        if let Some(kid) = key.kid() {
            if self.keys.iter().any(|k| k.kid() == Some(kid)) {
                return Err(Error::KeySetAmbiguous { reason: format!("two keys have kid {kid:?}") });
            }
        }
        // A set of HMAC secrets and public keys together invites algorithm confusion (a public
        // key's bytes used as an HMAC secret): one set holds one kind (RFC 8725 section 3.1).
        if self.keys.iter().any(|k| k.is_symmetric() != key.is_symmetric()) {
            return Err(Error::KeySetAmbiguous { reason: "the set mixes symmetric (oct) and asymmetric keys".into() });
        }
        // Symmetric keys are secret by nature and stay apart from this rule; the algorithm
        // binding keeps them from verifying anything but HMAC.
        if !key.is_symmetric() && self.keys.iter().any(|k| !k.is_symmetric() && k.is_private() != key.is_private()) {
            return Err(Error::KeySetAmbiguous { reason: "the set mixes private and public keys".into() });
        }
        self.keys.push(key);
        Ok(())
    }

    /// How many keys the set holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The keys that may verify an `alg` signature whose header names `kid`.
    ///
    /// With a `kid`, exactly the key of that id, and its fault if it cannot serve `alg`. Without
    /// one, every key that can serve `alg` (the signature must verify under one of them).
    ///
    /// # Errors
    /// `key.not_found` when no key applies; with a `kid`, the selected key's own fault.
    pub(crate) fn select(&self, field: &str, kid: Option<&str>, alg: Algorithm) -> Result<Candidates<'_>, Error> {
        let not_found = || Error::KeyNotFound { field: field.to_owned(), kid: kid.unwrap_or("(none)").to_owned(), alg: alg.name().to_owned() };
        match kid {
            Some(kid) => {
                let key = self.keys.iter().find(|k| k.kid() == Some(kid)).ok_or_else(not_found)?;
                Ok(Candidates::ByKid([(key, key.for_algorithm(field, alg)?)]))
            }
            None => {
                let fitting: Vec<_> = self.keys.iter().filter_map(|k| k.for_algorithm(field, alg).ok().map(|m| (k, m))).collect();
                if fitting.is_empty() {
                    return Err(not_found());
                }
                Ok(Candidates::Fitting(fitting))
            }
        }
    }
}

/// The keys [`KeySet::select`] chose. The key a `kid` names, the usual case, is held without a
/// list: selection runs for every signature verified.
#[derive(Debug)]
pub(crate) enum Candidates<'k> {
    ByKid([(&'k Jwk, &'k KeyMaterial); 1]),
    Fitting(Vec<(&'k Jwk, &'k KeyMaterial)>),
}

impl<'k> Candidates<'k> {
    pub(crate) fn as_slice(&self) -> &[(&'k Jwk, &'k KeyMaterial)] {
        match self {
            Candidates::ByKid(one) => one,
            Candidates::Fitting(fitting) => fitting,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"#;

    fn code(json: &str) -> &'static str {
        KeySet::from_json(json.as_bytes()).err().map_or("ok", |e| e.code())
    }

    #[test]
    fn sets_are_refused_when_ambiguous() {
        assert_eq!(code(&format!(r#"{ED}","kid":"a"}}"#)), "ok");
        assert_eq!(code(&format!(r#"{{"keys":[{ED}","kid":"a"}},{ED}","kid":"a"}}]}}"#)), "key.ambiguous");
        assert_eq!(code(&format!(r#"{{"keys":[{ED}","kid":"a"}},{ED}","kid":"b","d":"x"}}]}}"#)), "key.ambiguous");
        assert_eq!(code(&format!(r#"{{"keys":[{ED}","kid":"a","d":"x"}},{ED}","kid":"b","d":"x"}}]}}"#)), "ok");
        // HMAC secrets beside public keys invite algorithm confusion (RFC 8725 section 3.1).
        let secret = r#"{"kty":"oct","kid":"h","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA"}"#;
        assert_eq!(code(&format!(r#"{{"keys":[{ED}","kid":"a"}},{secret}]}}"#)), "key.ambiguous");
        assert_eq!(code(&format!(r#"{{"keys":[{secret}]}}"#)), "ok");
        assert_eq!(code(r#"{"keys":[{"kid":"a"}]}"#), "key.invalid");
        assert_eq!(code(r#"{"keys":{}}"#), "field.invalid");
        assert_eq!(code("[]"), "key.invalid");
    }

    #[test]
    fn selection_by_kid_names_the_fault() {
        let set = KeySet::from_json(
            format!(r#"{{"keys":[{ED}","kid":"enc","use":"enc"}},{ED}","kid":"ops","key_ops":["sign"]}},{ED}","kid":"ok","alg":"EdDSA"}},{{"kty":"XYZ","kid":"odd"}}]}}"#)
                .as_bytes(),
        )
        .unwrap();
        let code = |kid: Option<&str>, alg| set.select("t", kid, alg).err().map_or("ok", |e| e.code());
        assert_eq!(code(Some("ok"), Algorithm::EdDSA), "ok");
        assert_eq!(code(Some("enc"), Algorithm::EdDSA), "key.unusable");
        assert_eq!(code(Some("ops"), Algorithm::EdDSA), "key.unusable");
        assert_eq!(code(Some("ok"), Algorithm::ES256), "key.alg_mismatch");
        assert_eq!(code(Some("odd"), Algorithm::EdDSA), "key.invalid");
        assert_eq!(code(Some("nope"), Algorithm::EdDSA), "key.not_found");
        assert_eq!(code(None, Algorithm::RS256), "key.not_found");
        assert_eq!(set.select("t", None, Algorithm::EdDSA).unwrap().as_slice().len(), 1);
        let secrets = KeySet::from_json(br#"{"keys":[{"kty":"oct","kid":"short","k":"AAAA"}]}"#).unwrap();
        assert_eq!(secrets.select("t", Some("short"), Algorithm::HS256).err().map(|e| e.code()), Some("key.weak"));
    }
}

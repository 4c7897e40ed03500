//! Signature verification of a decoded JWS against the caller's keys (RFC 7515 section 5.2
//! steps 8 and 9), with the algorithm allowlist of the policy.

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use super::alg::Algorithm;
use super::backend;
use super::jwk::Jwk;
use super::jws::UnverifiedJws;
use super::key_set::KeySet;
use crate::error::Error;

/// One signature that verified.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifiedSignature {
    /// Its position in the JWS (0 but for the general JSON serialization).
    pub index: usize,
    /// The algorithm.
    pub alg: Algorithm,
    /// The `kid` of the key that verified it, if the key has one.
    pub kid: Option<String>,
}

impl UnverifiedJws<'_> {
    /// Verifies every signature of the JWS: a JWS with several passes only if each one does
    /// (RFC 7515 section 7.2.1 leaves the rule to the application; vpcheck fails closed).
    ///
    /// For each signature: its `alg` must be in `allowed` (the verifier chooses algorithms, never
    /// the token); the key is chosen by `kid` from `keys`, or, without a `kid`, any key that fits
    /// the algorithm and is valid at `at`; the key must fit the algorithm (key type, curve, the
    /// JWK's own `alg`), be meant for verification (`use`, `key_ops`), be strong enough, and be
    /// valid at `at`, the instant the signature is judged at (its `nbf`..`exp` window, see
    /// [`KeySet`]); and the signature must verify over the JWS Signing Input.
    ///
    /// # Errors
    /// `jws.alg_not_allowed`, `key.not_found` (no key applies: "could not check"),
    /// `key.alg_mismatch`, `key.unusable`, `key.invalid`, `key.weak`, `key.outside_window`,
    /// `signature.invalid`, and `jws.malformed` when the payload is detached and was not
    /// supplied.
    pub fn verify_signatures(
        &self,
        field: &str,
        keys: &KeySet,
        allowed: &[Algorithm],
        at: DateTime<Utc>,
    ) -> Result<Vec<VerifiedSignature>, Error> {
        let mut verified = Vec::with_capacity(self.signature_count());
        self.for_each_verified(field, keys, allowed, at, |index, alg, key| {
            verified.push(VerifiedSignature { index, alg, kid: key.kid().map(str::to_owned) })
        })?;
        Ok(verified)
    }

    /// [`UnverifiedJws::verify_signatures`], handing each signature that verified to `verified`
    /// (its index, algorithm and key) instead of collecting them: the checks report one line,
    /// and need no list or copied `kid` for it.
    pub(crate) fn for_each_verified<'k>(
        &self,
        field: &str,
        keys: &'k KeySet,
        allowed: &[Algorithm],
        at: DateTime<Utc>,
        mut verified: impl FnMut(usize, Algorithm, &'k Jwk),
    ) -> Result<(), Error> {
        for index in 0..self.signature_count() {
            let sf: Cow<'_, str> = if self.signature_count() == 1 {
                Cow::Borrowed(field)
            } else {
                Cow::Owned(format!("{field}.signatures[{index}]"))
            };
            // Decoding refused any `alg` outside the known set, so `None` is unreachable here;
            // it still fails closed.
            let (alg, kid) = self.alg_and_kid(index);
            let alg = alg.ok_or_else(|| Error::JwsUnsupportedAlg {
                field: sf.to_string(),
                alg: "(unknown)".into(),
            })?;
            if !allowed.contains(&alg) {
                return Err(Error::JwsAlgNotAllowed {
                    field: sf.into_owned(),
                    alg: alg.name().to_owned(),
                });
            }
            let input = self.signing_input(index).ok_or_else(|| Error::JwsMalformed {
                field: sf.to_string(),
                reason: "the payload is detached and was not supplied".into(),
            })?;
            let signature = self.signature_bytes(index);
            let candidates = keys.select(&sf, kid, alg, at)?;
            let Some((key, _)) = candidates
                .as_slice()
                .iter()
                .find(|(_, material)| backend::verify(alg, material, &input, signature))
            else {
                return Err(Error::SignatureInvalid {
                    field: sf.into_owned(),
                    alg: alg.name().to_owned(),
                    kid: kid.unwrap_or("(none)").to_owned(),
                });
            };
            verified(index, alg, key);
        }
        Ok(())
    }
}

//! The caller's trusted verification keys: JWKs and JWK Sets (RFC 7517 section 5), selected by
//! `kid`, algorithm and the instant a signature is judged at.

use chrono::{DateTime, Utc};

use super::alg::Algorithm;
use super::jwk::{Jwk, KeyMaterial};
use crate::error::Error;
use crate::input::json::{check_document, parse_typed};
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
/// # Keys over time
///
/// A key may carry a validity window, so that one set serves audits across key rotations (an
/// audit of last year's results finds last year's key and refuses one that was not yet valid).
/// This is vpcheck's key-store extension to JWK: the members `nbf` and `exp`, integer
/// NumericDates (seconds since the epoch) as RFC 7519 sections 4.1.5 and 4.1.4 define them for a
/// JWT. They are not registered JWK parameters (RFC 7517 section 4); other readers of the file
/// ignore them. A key is valid at `t` iff `nbf <= t < exp` ([`crate::KeyWindow`]): half-open, so
/// adjacent windows `[t0, t1)` and `[t1, t2)` never overlap. A missing `nbf` or `exp` leaves that
/// side open; a key with neither is valid at all times. There is no leeway: the windows are the
/// caller's own configuration, not instants another party's clock wrote.
///
/// A signature is judged at the policy instant ([`crate::Policy::now`]; an audit judges each
/// stored result at its own instant). A `kid` naming a key whose window excludes that instant is
/// `key.outside_window`, as is a signature without a `kid` when only keys outside their windows
/// fit its algorithm. Without a `kid`, only the keys valid at that instant are tried.
///
/// An `nbf` or `exp` that is not an integer NumericDate (a fraction, a string, `null`) or lies
/// outside the representable range, and an `exp` not after the `nbf`, make the set refused when
/// it is read (`key.invalid`, naming the member: `jwks.keys[1].exp`).
///
/// ```
/// let jwks = r#"{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"k1",
///                "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#;
/// let keys = vpcheck::KeySet::from_json(jwks.as_bytes())?;
/// assert_eq!(keys.len(), 1);
/// // The same key, valid through 2024 (2024-01-01T00:00:00Z to 2025-01-01T00:00:00Z, exclusive).
/// let rotating = r#"{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"k1",
///                "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
///                "nbf":1704067200,"exp":1735689600}]}"#;
/// assert_eq!(vpcheck::KeySet::from_json(rotating.as_bytes())?.len(), 1);
/// let empty = rotating.replace("1735689600", "1704067200");
/// assert_eq!(vpcheck::KeySet::from_json(empty.as_bytes()).unwrap_err().code(), "key.invalid");
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
    /// without `kty` or with an `nbf`/`exp` that is not a window (see above), `key.ambiguous` for a duplicate `kid` or private and public keys together,
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
            return Err(Error::KeyInvalid {
                field: "jwks".into(),
                reason: "a JWK or JWK Set is a JSON object".into(),
            });
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
                return Err(Error::KeySetAmbiguous {
                    reason: format!("two keys have kid {kid:?}"),
                });
            }
        }
        // A set of HMAC secrets and public keys together invites algorithm confusion (a public
        // key's bytes used as an HMAC secret): one set holds one kind (RFC 8725 section 3.1).
        if self.keys.iter().any(|k| k.is_symmetric() != key.is_symmetric()) {
            return Err(Error::KeySetAmbiguous {
                reason: "the set mixes symmetric (oct) and asymmetric keys".into(),
            });
        }
        // Symmetric keys are secret by nature and stay apart from this rule; the algorithm
        // binding keeps them from verifying anything but HMAC.
        if !key.is_symmetric()
            && self.keys.iter().any(|k| !k.is_symmetric() && k.is_private() != key.is_private())
        {
            return Err(Error::KeySetAmbiguous {
                reason: "the set mixes private and public keys".into(),
            });
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

    /// The keys that may verify an `alg` signature whose header names `kid`, judged at `at`.
    ///
    /// With a `kid`, exactly the key of that id: its fault if it cannot serve `alg`, else
    /// `key.outside_window` if its window excludes `at`. Without one, every key that can serve
    /// `alg` and is valid at `at` (the signature must verify under one of them); when none is
    /// but a key outside its window could serve, `key.outside_window` naming the first such key
    /// in the set: the signature can only have been made with a key that was not valid then.
    ///
    /// # Errors
    /// `key.not_found` when no key applies; with a `kid`, the selected key's own fault;
    /// `key.outside_window` as above.
    pub(crate) fn select(
        &self,
        field: &str,
        kid: Option<&str>,
        alg: Algorithm,
        at: DateTime<Utc>,
    ) -> Result<Candidates<'_>, Error> {
        let not_found = || Error::KeyNotFound {
            field: field.to_owned(),
            kid: kid.unwrap_or("(none)").to_owned(),
            alg: alg.name().to_owned(),
        };
        let outside = |key: &Jwk| Error::KeyOutsideWindow {
            field: if kid.is_some() {
                format!("{field}(header).kid")
            } else {
                format!("{field}(header)")
            },
            kid: key.kid().unwrap_or("(no kid)").to_owned(),
            at,
            window: key.window(),
        };
        match kid {
            Some(kid) => {
                let key = self.keys.iter().find(|k| k.kid() == Some(kid)).ok_or_else(not_found)?;
                let material = key.for_algorithm(field, alg)?;
                if !key.window().contains(at) {
                    return Err(outside(key));
                }
                Ok(Candidates::ByKid([(key, material)]))
            }
            None => {
                let mut first_outside = None;
                let fitting: Vec<_> = self
                    .keys
                    .iter()
                    .filter_map(|k| {
                        let material = k.for_algorithm(field, alg).ok()?;
                        if k.window().contains(at) {
                            Some((k, material))
                        } else {
                            first_outside.get_or_insert(k);
                            None
                        }
                    })
                    .collect();
                if fitting.is_empty() {
                    return Err(first_outside.map_or_else(not_found, outside));
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
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use crate::error::KeyWindow;

    const ED: &str =
        r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"#;

    fn code(json: &str) -> &'static str {
        KeySet::from_json(json.as_bytes()).err().map_or("ok", |e| e.code())
    }

    #[test]
    fn sets_are_refused_when_ambiguous() {
        assert_eq!(code(&format!(r#"{ED}","kid":"a"}}"#)), "ok");
        assert_eq!(
            code(&format!(r#"{{"keys":[{ED}","kid":"a"}},{ED}","kid":"a"}}]}}"#)),
            "key.ambiguous"
        );
        assert_eq!(
            code(&format!(r#"{{"keys":[{ED}","kid":"a"}},{ED}","kid":"b","d":"x"}}]}}"#)),
            "key.ambiguous"
        );
        assert_eq!(
            code(&format!(r#"{{"keys":[{ED}","kid":"a","d":"x"}},{ED}","kid":"b","d":"x"}}]}}"#)),
            "ok"
        );
        // HMAC secrets beside public keys invite algorithm confusion (RFC 8725 section 3.1).
        let secret =
            r#"{"kty":"oct","kid":"h","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA"}"#;
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
        let code = |kid: Option<&str>, alg| {
            set.select("t", kid, alg, at(T1)).err().map_or("ok", |e| e.code())
        };
        assert_eq!(code(Some("ok"), Algorithm::EdDSA), "ok");
        assert_eq!(code(Some("enc"), Algorithm::EdDSA), "key.unusable");
        assert_eq!(code(Some("ops"), Algorithm::EdDSA), "key.unusable");
        assert_eq!(code(Some("ok"), Algorithm::ES256), "key.alg_mismatch");
        assert_eq!(code(Some("odd"), Algorithm::EdDSA), "key.invalid");
        assert_eq!(code(Some("nope"), Algorithm::EdDSA), "key.not_found");
        assert_eq!(code(None, Algorithm::RS256), "key.not_found");
        assert_eq!(set.select("t", None, Algorithm::EdDSA, at(T1)).unwrap().as_slice().len(), 1);
        let secrets =
            KeySet::from_json(br#"{"keys":[{"kty":"oct","kid":"short","k":"AAAA"}]}"#).unwrap();
        assert_eq!(
            secrets.select("t", Some("short"), Algorithm::HS256, at(T1)).err().map(|e| e.code()),
            Some("key.weak")
        );
        // Keys without nbf/exp are valid at any instant.
        for t in [i64::from(i32::MIN), -1, 0, T0, T2] {
            assert_eq!(code_at(&set, Some("ok"), t), "ok");
            assert_eq!(set.select("t", None, Algorithm::EdDSA, at(t)).unwrap().as_slice().len(), 1);
        }
    }

    /// 2024-01-01T00:00:00Z, 2025-01-01T00:00:00Z, 2026-01-01T00:00:00Z.
    const T0: i64 = 1_704_067_200;
    const T1: i64 = 1_735_689_600;
    const T2: i64 = 1_767_225_600;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    fn code_at(set: &KeySet, kid: Option<&str>, t: i64) -> &'static str {
        set.select("t", kid, Algorithm::EdDSA, at(t)).err().map_or("ok", |e| e.code())
    }

    /// Two keys of a rotation, A = [T0, T1) and B = [T1, T2): by `kid`, each is selected inside
    /// its window and refused one second either side of it; without a `kid`, the key valid at
    /// the instant is the only candidate, and outside both windows the error names a key.
    #[test]
    fn selection_at_instants_in_and_around_windows() {
        let set = KeySet::from_json(format!(r#"{{"keys":[{ED}","kid":"a","nbf":{T0},"exp":{T1}}},{ED}","kid":"b","nbf":{T1},"exp":{T2}}}]}}"#).as_bytes()).unwrap();
        for (t, a, b) in [
            (T0 - 1, "key.outside_window", "key.outside_window"),
            (T0, "ok", "key.outside_window"),
            (T0 + 1, "ok", "key.outside_window"),
            (T1 - 1, "ok", "key.outside_window"),
            (T1, "key.outside_window", "ok"),
            (T1 + 1, "key.outside_window", "ok"),
            (T2 - 1, "key.outside_window", "ok"),
            (T2, "key.outside_window", "key.outside_window"),
        ] {
            assert_eq!(
                (code_at(&set, Some("a"), t), code_at(&set, Some("b"), t)),
                (a, b),
                "at {t}"
            );
            let kids = |t| {
                set.select("t", None, Algorithm::EdDSA, at(t))
                    .map(|c| c.as_slice().iter().map(|(k, _)| k.kid().unwrap()).collect::<Vec<_>>())
            };
            match (a, b) {
                ("ok", _) => assert_eq!(kids(t).unwrap(), ["a"], "at {t}"),
                (_, "ok") => assert_eq!(kids(t).unwrap(), ["b"], "at {t}"),
                _ => assert_eq!(kids(t).unwrap_err().code(), "key.outside_window", "at {t}"),
            }
        }
        // The error names the header member, the key, the instant and both edges.
        let window = KeyWindow { not_before: Some(at(T0)), not_after: Some(at(T1)) };
        let err = set.select("t", Some("a"), Algorithm::EdDSA, at(T1)).unwrap_err();
        assert_eq!(
            err,
            Error::KeyOutsideWindow {
                field: "t(header).kid".into(),
                kid: "a".into(),
                at: at(T1),
                window
            }
        );
        assert_eq!(
            err.to_string(),
            r#"t(header).kid: key "a" is valid from 2024-01-01 00:00:00 UTC (nbf) until 2025-01-01 00:00:00 UTC (exp, exclusive), not at 2025-01-01 00:00:00 UTC"#
        );
        // Without a kid, the first key of the set that could serve: the header is named.
        let err = set.select("t", None, Algorithm::EdDSA, at(T0 - 1)).unwrap_err();
        assert_eq!(
            err,
            Error::KeyOutsideWindow {
                field: "t(header)".into(),
                kid: "a".into(),
                at: at(T0 - 1),
                window
            }
        );
        // The key's own fault comes first: a key that cannot serve the algorithm at all is
        // named for that, at any instant; and no key for the algorithm is not found.
        assert_eq!(
            set.select("t", Some("a"), Algorithm::ES256, at(T0 - 1)).unwrap_err().code(),
            "key.alg_mismatch"
        );
        assert_eq!(
            set.select("t", None, Algorithm::ES256, at(T0 - 1)).unwrap_err().code(),
            "key.not_found"
        );
        assert_eq!(code_at(&set, Some("c"), T0), "key.not_found");
    }

    /// One-sided windows, a key without a window beside windowed ones, and a windowed key that
    /// cannot serve beside one that can.
    #[test]
    fn one_sided_windows_and_mixed_sets() {
        let set = KeySet::from_json(
            format!(r#"{{"keys":[{ED}","kid":"from","nbf":{T1}}},{ED}","kid":"until","exp":{T1}}},{ED}","kid":"always"}}]}}"#).as_bytes(),
        )
        .unwrap();
        for (t, from, until) in [
            (i64::from(i32::MIN), "key.outside_window", "ok"),
            (T1 - 1, "key.outside_window", "ok"),
            (T1, "ok", "key.outside_window"),
            (T2 * 100, "ok", "key.outside_window"),
        ] {
            assert_eq!(
                (
                    code_at(&set, Some("from"), t),
                    code_at(&set, Some("until"), t),
                    code_at(&set, Some("always"), t)
                ),
                (from, until, "ok"),
                "at {t}"
            );
            // Without a kid: the key without a window and whichever one-sided key is valid.
            assert_eq!(
                set.select("t", None, Algorithm::EdDSA, at(t)).unwrap().as_slice().len(),
                2,
                "at {t}"
            );
        }
        let err = set.select("t", Some("until"), Algorithm::EdDSA, at(T1)).unwrap_err();
        assert!(
            err.to_string().contains("until 2025-01-01 00:00:00 UTC (exp, exclusive), without nbf"),
            "{err}"
        );
        let err = set.select("t", Some("from"), Algorithm::EdDSA, at(T0)).unwrap_err();
        assert!(
            err.to_string().contains("from 2025-01-01 00:00:00 UTC (nbf), without exp"),
            "{err}"
        );
        // A key outside its window that could not serve anyway is not named: not found.
        let set = KeySet::from_json(format!(r#"{{"keys":[{ED}","kid":"old","alg":"EdDSA","exp":{T0}}},{ED}","kid":"enc","use":"enc"}}]}}"#).as_bytes()).unwrap();
        assert_eq!(
            set.select("t", None, Algorithm::EdDSA, at(T1)).unwrap_err().code(),
            "key.outside_window"
        );
        assert!(
            matches!(set.select("t", None, Algorithm::EdDSA, at(T1)), Err(Error::KeyOutsideWindow { kid, .. }) if kid == "old")
        );
        let set = KeySet::from_json(
            format!(r#"{{"keys":[{ED}","kid":"enc","use":"enc","exp":{T0}}}]}}"#).as_bytes(),
        )
        .unwrap();
        assert_eq!(
            set.select("t", None, Algorithm::EdDSA, at(T1)).unwrap_err().code(),
            "key.not_found"
        );
    }

    /// `nbf` and `exp` are integer NumericDates with `exp` after `nbf`; anything else refuses
    /// the set, naming the member.
    #[test]
    fn windows_are_read_strictly() {
        let read = |members: &str| {
            KeySet::from_json(
                format!(r#"{{"keys":[{ED}","kid":"a"}},{ED}","kid":"b"{members}}}]}}"#).as_bytes(),
            )
        };
        let window = |members: &str| read(members).unwrap().keys[1].window();
        assert_eq!(window(""), KeyWindow::default());
        assert_eq!(
            window(&format!(r#","nbf":{T0},"exp":{T1}"#)),
            KeyWindow { not_before: Some(at(T0)), not_after: Some(at(T1)) }
        );
        assert_eq!(
            window(&format!(r#","nbf":{T0}"#)),
            KeyWindow { not_before: Some(at(T0)), not_after: None }
        );
        assert_eq!(
            window(&format!(r#","exp":{T1}"#)),
            KeyWindow { not_before: None, not_after: Some(at(T1)) }
        );
        assert_eq!(
            window(r#","nbf":-1,"exp":0"#),
            KeyWindow { not_before: Some(at(-1)), not_after: Some(at(0)) }
        );
        assert_eq!(
            window(&format!(r#", "exp" : {T1} "#)),
            KeyWindow { not_before: None, not_after: Some(at(T1)) }
        );
        for (members, field, reason) in [
            (format!(r#","nbf":{T1},"exp":{T1}"#), "jwks.keys[1].exp", "is not after nbf"),
            (format!(r#","nbf":{T1},"exp":{T0}"#), "jwks.keys[1].exp", "is not after nbf"),
            (format!(r#","exp":{T1}.5"#), "jwks.keys[1].exp", "not an integer NumericDate"),
            (format!(r#","exp":{T1}.0"#), "jwks.keys[1].exp", "not an integer NumericDate"),
            (r#","exp":1e9"#.to_owned(), "jwks.keys[1].exp", "not an integer NumericDate"),
            (format!(r#","nbf":"{T0}""#), "jwks.keys[1].nbf", "not an integer NumericDate"),
            (
                r#","nbf":"2024-01-01T00:00:00Z""#.to_owned(),
                "jwks.keys[1].nbf",
                "not an integer NumericDate",
            ),
            (r#","nbf":null"#.to_owned(), "jwks.keys[1].nbf", "not an integer NumericDate"),
            (r#","nbf":true"#.to_owned(), "jwks.keys[1].nbf", "not an integer NumericDate"),
            (r#","nbf":[1]"#.to_owned(), "jwks.keys[1].nbf", "not an integer NumericDate"),
            (r#","nbf":{}"#.to_owned(), "jwks.keys[1].nbf", "not an integer NumericDate"),
            (
                r#","exp":9223372036854775807"#.to_owned(),
                "jwks.keys[1].exp",
                "out of the representable time range",
            ),
            (
                r#","exp":99999999999999999999"#.to_owned(),
                "jwks.keys[1].exp",
                "out of the representable time range",
            ),
            (
                r#","nbf":-9223372036854775808"#.to_owned(),
                "jwks.keys[1].nbf",
                "out of the representable time range",
            ),
        ] {
            let err = read(&members).unwrap_err();
            assert_eq!(err.code(), "key.invalid", "{members}: {err}");
            assert!(
                matches!(&err, Error::KeyInvalid { field: f, reason: r } if f == field && r.contains(reason)),
                "{members}: {err}"
            );
        }
        // A single JWK is named `jwk`.
        let err = KeySet::from_json(format!(r#"{ED}","nbf":1.5}}"#).as_bytes()).unwrap_err();
        assert!(err.to_string().starts_with("jwk.nbf: "), "{err}");
    }
}

//! JSON Web Keys (RFC 7517) as verification keys: parsed strictly, checked for the algorithm
//! they are asked to serve, and prepared once for the signature backend.

use std::borrow::Cow;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::alg::{Algorithm, Curve, KeyFamily};
use crate::error::{Error, KeyWindow};
use crate::input::borrow::opt_cow;
use crate::input::json::parse_typed;

/// Smallest RSA modulus accepted, in bits (NIST SP 800-131A; RFC 7518 section 3.3: "A key of
/// size 2048 bits or larger MUST be used").
pub const MIN_RSA_BITS: usize = 2048;

/// One verification key from a JWK, with what RFC 7517 section 4 says about its use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jwk {
    kid: Option<String>,
    alg: Option<String>,
    usage: Result<(), String>,
    private: bool,
    /// A member of RFC 7518's "Private" class, `k` (a symmetric key's secret) included.
    secret: bool,
    window: KeyWindow,
    material: Result<KeyMaterial, Error>,
}

/// The public part of a key, in the form the backend consumes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KeyMaterial {
    Ed25519(ed25519_dalek::VerifyingKey),
    /// An uncompressed SEC1 point, `04 || x || y`.
    Ec {
        curve: Curve,
        point: Vec<u8>,
    },
    /// Big-endian modulus and exponent, without leading zeros.
    Rsa {
        n: Vec<u8>,
        e: Vec<u8>,
    },
    Oct(Vec<u8>),
}

impl KeyMaterial {
    pub(crate) fn family(&self) -> KeyFamily {
        match self {
            KeyMaterial::Ed25519(_) => KeyFamily::Ed25519,
            KeyMaterial::Ec { curve, .. } => KeyFamily::Ec(*curve),
            KeyMaterial::Rsa { .. } => KeyFamily::Rsa,
            KeyMaterial::Oct(_) => KeyFamily::Oct,
        }
    }
}

/// The JWK members vpcheck reads (RFC 7517 section 4, RFC 7518 section 6, RFC 8037 section 2).
/// Others (`x5c`, `x5t`, ...) are ignored: trust comes from the caller handing the key over,
/// never from a certificate inside it.
#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
struct Members<'a> {
    #[serde(default, deserialize_with = "opt_cow")]
    kty: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    crv: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    alg: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    kid: Option<Cow<'a, str>>,
    #[serde(default, rename = "use", deserialize_with = "opt_cow")]
    use_: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    key_ops: Option<Vec<Cow<'a, str>>>,
    #[serde(default, deserialize_with = "opt_cow")]
    n: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    e: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    x: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    y: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    k: Option<Cow<'a, str>>,
    // Private members: only their presence matters (a set must not mix private and public keys).
    #[serde(default)]
    d: Option<&'a RawValue>,
    #[serde(default)]
    p: Option<&'a RawValue>,
    #[serde(default)]
    q: Option<&'a RawValue>,
    #[serde(default)]
    dp: Option<&'a RawValue>,
    #[serde(default)]
    dq: Option<&'a RawValue>,
    #[serde(default)]
    qi: Option<&'a RawValue>,
    #[serde(default)]
    oth: Option<&'a RawValue>,
    // vpcheck's key-store extension (`KeySet`): the key's validity window, NumericDates as
    // RFC 7519 sections 4.1.4 and 4.1.5 define them for JWTs. Kept raw, `null` included, so that
    // anything but an integer is refused by `numeric_date` with the member's name.
    #[serde(default, deserialize_with = "present")]
    nbf: Option<&'a RawValue>,
    #[serde(default, deserialize_with = "present")]
    exp: Option<&'a RawValue>,
}

/// A member that is present, whatever its value (`null` too): `#[serde(default)]` makes an
/// absent one `None`, where a plain `Option` would also make `null` `None`.
fn present<'de: 'a, 'a, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<&'a RawValue>, D::Error> {
    <&'a RawValue>::deserialize(d).map(Some)
}

impl Jwk {
    /// Reads one JWK from `text` (already through the structure pass), naming it `field` in
    /// errors.
    ///
    /// Only a JWK that is not an object, whose `kid` or `kty` is missing or mistyped, or whose
    /// validity window (`nbf`, `exp`: see [`crate::KeySet`]) is not one, fails here. A key that
    /// cannot serve (unknown `kty` or curve, bad coordinates, a weak RSA key, a `use` other than
    /// `sig`) is kept with its fault, which is reported when a signature asks for it: RFC 7517
    /// section 5 tells readers of a set to skip such keys, not to refuse the set.
    ///
    /// # Errors
    /// `field.*` for a mistyped member, `key.invalid` for a missing `kty`, and for an `nbf` or
    /// `exp` that is not an integer NumericDate in the representable range or an `exp` not after
    /// the `nbf`.
    pub(crate) fn parse(field: &str, text: &str) -> Result<Jwk, Error> {
        let m: Members<'_> = parse_typed(field, text)?;
        let kid = m.kid.as_deref().map(str::to_owned);
        let kty = m.kty.as_deref().ok_or_else(|| Error::KeyInvalid {
            field: format!("{field}.kty"),
            reason: "missing".into(),
        })?;
        let window = KeyWindow {
            not_before: numeric_date(field, "nbf", m.nbf)?,
            not_after: numeric_date(field, "exp", m.exp)?,
        };
        if let (Some(nbf), Some(exp)) = (window.not_before, window.not_after) {
            if exp <= nbf {
                return Err(Error::KeyInvalid {
                    field: format!("{field}.exp"),
                    reason: format!("{exp} is not after nbf {nbf}: the key would never be valid"),
                });
            }
        }
        let private = [m.d, m.p, m.q, m.dp, m.dq, m.qi, m.oth].iter().any(Option::is_some);
        let secret = private || m.k.is_some();
        // RFC 7517 sections 4.2 and 4.3: a verification key has `use: sig` or `key_ops` with
        // `verify`, or neither; both may be present only when they agree.
        let usage = match (m.use_.as_deref(), &m.key_ops) {
            (Some(u), _) if u != "sig" => Err(format!("use is {u:?}, not \"sig\"")),
            (_, Some(ops)) if !ops.iter().any(|o| o == "verify") => {
                Err("key_ops does not list \"verify\"".to_owned())
            }
            _ => Ok(()),
        };
        let material = material(field, kty, &m);
        let alg = m.alg.as_deref().map(str::to_owned);
        Ok(Jwk { kid, alg, usage, private, secret, window, material })
    }

    /// The key id, if any.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// When the key may verify signatures (`nbf`, `exp`); open on a side the JWK does not bound.
    pub(crate) fn window(&self) -> KeyWindow {
        self.window
    }

    /// Whether the JWK carries private members (`d`, `p`, ...).
    pub fn is_private(&self) -> bool {
        self.private
    }

    /// Whether the JWK carries a member of the "Private" information class (RFC 7518 section
    /// 7.6.2): `d`, `p`, ... or `k`, a symmetric key's secret (whatever the `kty`).
    pub(crate) fn carries_secret(&self) -> bool {
        self.secret
    }

    /// The curve of an elliptic-curve key; `None` for any other key (or a JWK in error).
    pub(crate) fn ec_curve(&self) -> Option<Curve> {
        match &self.material {
            Ok(KeyMaterial::Ec { curve, .. }) => Some(*curve),
            _ => None,
        }
    }

    /// Whether this is a symmetric (`oct`) key.
    pub fn is_symmetric(&self) -> bool {
        matches!(self.material, Ok(KeyMaterial::Oct(_)))
    }

    /// The key, if it may verify `alg` signatures.
    ///
    /// # Errors
    /// `key.unusable` (`use`/`key_ops`), the key's own fault (`key.invalid`, `key.weak`), and
    /// `key.alg_mismatch` when `alg` needs another kind of key or the JWK names another `alg`
    /// (RFC 7517 section 4.4).
    pub(crate) fn for_algorithm(&self, field: &str, alg: Algorithm) -> Result<&KeyMaterial, Error> {
        let kid = || self.kid.clone().unwrap_or_else(|| "(no kid)".into());
        if let Err(reason) = &self.usage {
            return Err(Error::KeyUnusable { kid: kid(), reason: reason.clone() });
        }
        let material = self.material.as_ref().map_err(Clone::clone)?;
        let mismatch = |reason: String| Error::KeyAlgMismatch {
            field: field.to_owned(),
            alg: alg.name().to_owned(),
            kid: kid(),
            reason,
        };
        if let Some(declared) = &self.alg {
            if declared != alg.name() {
                return Err(mismatch(format!("the key is for alg {declared:?}")));
            }
        }
        if material.family() != alg.key_family() {
            return Err(mismatch(format!(
                "{alg} needs {}, the key is {}",
                alg.key_family(),
                material.family()
            )));
        }
        if let KeyMaterial::Oct(k) = material {
            if k.len() < alg.hmac_min_key_len() {
                return Err(Error::KeyWeak {
                    kid: kid(),
                    reason: format!(
                        "{} bytes, under the {} bytes {alg} requires (RFC 7518 section 3.2)",
                        k.len(),
                        alg.hmac_min_key_len()
                    ),
                });
            }
        }
        Ok(material)
    }
}

/// An `nbf` or `exp` of a JWK (vpcheck's key-store extension): a NumericDate (RFC 7519
/// section 2) written as a JSON integer, in the range chrono represents. RFC 7519 allows
/// fractional NumericDates in a JWT; a key window is configuration, so only whole seconds are
/// read, and anything else (a fraction, an exponent, a string, `null`) is refused rather than
/// rounded or ignored.
fn numeric_date(
    field: &str,
    name: &str,
    value: Option<&RawValue>,
) -> Result<Option<DateTime<Utc>>, Error> {
    let Some(raw) = value else { return Ok(None) };
    let invalid = |reason: String| Error::KeyInvalid { field: format!("{field}.{name}"), reason };
    let text = raw.get();
    // The structure pass checked the JSON grammar: a number of sign and digits alone is an integer.
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(format!(
            "{text} is not an integer NumericDate (seconds since the epoch)"
        )));
    }
    text.parse::<i64>()
        .ok()
        .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
        .map(Some)
        .ok_or_else(|| invalid(format!("{text} is out of the representable time range")))
}

/// Decodes a base64url member of a JWK (RFC 7517 section 4: base64url without padding).
fn member(field: &str, name: &str, value: Option<&Cow<'_, str>>) -> Result<Vec<u8>, Error> {
    let value = value.ok_or_else(|| Error::KeyInvalid {
        field: format!("{field}.{name}"),
        reason: "missing".into(),
    })?;
    URL_SAFE_NO_PAD.decode(value.as_bytes()).map_err(|e| Error::KeyInvalid {
        field: format!("{field}.{name}"),
        reason: format!("not strict base64url: {e}"),
    })
}

fn material(field: &str, kty: &str, m: &Members<'_>) -> Result<KeyMaterial, Error> {
    let invalid =
        |name: &str, reason: String| Error::KeyInvalid { field: format!("{field}.{name}"), reason };
    let kid = || m.kid.as_deref().unwrap_or("(no kid)").to_owned();
    match kty {
        // RFC 8037 section 2: `crv` Ed25519, `x` the 32-byte public key.
        "OKP" => {
            let crv = m.crv.as_deref().unwrap_or_default();
            if crv != "Ed25519" {
                return Err(invalid(
                    "crv",
                    format!("{crv:?}: vpcheck verifies OKP keys on Ed25519 only"),
                ));
            }
            let x = member(field, "x", m.x.as_ref())?;
            let bytes: [u8; 32] = x
                .try_into()
                .map_err(|x: Vec<u8>| invalid("x", format!("{} bytes, not 32", x.len())))?;
            ed25519_dalek::VerifyingKey::from_bytes(&bytes)
                .map(KeyMaterial::Ed25519)
                .map_err(|_| invalid("x", "not an Ed25519 point".into()))
        }
        // RFC 7518 section 6.2.1: `x` and `y` are the full-length coordinates.
        "EC" => {
            let crv = m.crv.as_deref().unwrap_or_default();
            let curve = Curve::from_name(crv).ok_or_else(|| {
                invalid("crv", format!("{crv:?} is not P-256, P-384, P-521 or secp256k1"))
            })?;
            let x = member(field, "x", m.x.as_ref())?;
            let y = member(field, "y", m.y.as_ref())?;
            let len = curve.coordinate_len();
            for (name, c) in [("x", &x), ("y", &y)] {
                if c.len() != len {
                    return Err(invalid(
                        name,
                        format!("{} bytes, not the {len} of {}", c.len(), curve.name()),
                    ));
                }
            }
            let mut point = Vec::with_capacity(1 + 2 * len);
            point.push(4);
            point.extend_from_slice(&x);
            point.extend_from_slice(&y);
            Ok(KeyMaterial::Ec { curve, point })
        }
        // RFC 7518 section 6.3.1: `n` and `e` big-endian, in the minimum number of octets.
        "RSA" => {
            let n = member(field, "n", m.n.as_ref())?;
            let e = member(field, "e", m.e.as_ref())?;
            for (name, v) in [("n", &n), ("e", &e)] {
                if v.first().is_none_or(|b| *b == 0) {
                    return Err(invalid(name, "empty or with a leading zero octet".into()));
                }
            }
            let bits = n.len() * 8
                - n.first().map_or(8, |b| usize::try_from(b.leading_zeros()).unwrap_or(8));
            if bits < MIN_RSA_BITS {
                return Err(Error::KeyWeak {
                    kid: kid(),
                    reason: format!("a {bits}-bit RSA modulus, under {MIN_RSA_BITS} bits"),
                });
            }
            // An exponent of 1 makes every message its own signature; an even one is not RSA.
            if e.as_slice() == [1] || e.last().is_some_and(|b| b % 2 == 0) {
                return Err(Error::KeyWeak {
                    kid: kid(),
                    reason: "RSA public exponent is 1 or even".into(),
                });
            }
            if e.len() > 4 {
                return Err(invalid("e", "public exponent over 32 bits".into()));
            }
            if roca_fingerprint(&n) {
                return Err(Error::KeyWeak { kid: kid(), reason: "the RSA modulus has the ROCA fingerprint (CVE-2017-15361): its factors can be recovered".into() });
            }
            Ok(KeyMaterial::Rsa { n, e })
        }
        // RFC 7518 section 6.4.1.
        "oct" => {
            let k = member(field, "k", m.k.as_ref())?;
            if k.is_empty() {
                return Err(invalid("k", "empty".into()));
            }
            Ok(KeyMaterial::Oct(k))
        }
        other => Err(invalid("kty", format!("{other:?} is not OKP, EC, RSA or oct"))),
    }
}

/// The primes of the ROCA fingerprint (Nemec, Sys, Svenda, Klinec, Matyas: "The Return of
/// Coppersmith's Attack", ACM CCS 2017, section 2.3).
const ROCA_PRIMES: [u32; 38] = [
    3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
    101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
];

/// Whether modulus `n` (big-endian) has the ROCA fingerprint: a prime of the vulnerable
/// generator is `k * M + (65537^a mod M)`, so the modulus, modulo each small prime p of `M`,
/// lies in the subgroup 65537 generates mod p. A random modulus passes all 38 tests with
/// probability about 2^-154 (the paper's false-positive estimate is lower still).
fn roca_fingerprint(n: &[u8]) -> bool {
    ROCA_PRIMES.iter().all(|&p| {
        let residue = n.iter().fold(0u32, |r, &b| (r * 256 + u32::from(b)) % p);
        // The subgroup generated by 65537 mod p.
        let g = 65537 % p;
        let mut x = 1 % p;
        loop {
            if x == residue {
                return true;
            }
            x = x * g % p;
            if x == 1 % p {
                return false;
            }
        }
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    #[test]
    fn the_roca_fingerprint() {
        use base64::Engine as _;
        let modulus = |jwks: &str| {
            let v: serde_json::Value = serde_json::from_str(jwks).unwrap();
            let n = v["keys"][0]["n"].as_str().unwrap().to_owned();
            base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(n).unwrap()
        };
        assert!(roca_fingerprint(&modulus(include_str!(
            "../../test-vectors/keys/roca-fingerprint.jwks.json"
        ))));
        // Ordinary RSA moduli (made by Python's cryptography package) do not have it.
        for jwks in [
            include_str!("../../test-vectors/keys/hopae.jwks.json"),
            include_str!("../../test-vectors/keys/weak-rsa.jwks.json"),
        ] {
            assert!(!roca_fingerprint(&modulus(jwks)));
        }
        // The powers of 65537 have it (65537 itself, and 1); 2 does not.
        assert!(
            roca_fingerprint(&[0x01, 0x00, 0x01])
                && roca_fingerprint(&[1])
                && !roca_fingerprint(&[2])
        );
    }
}

//! JWS decoding (RFC 7515): the compact serialization (section 7.1) and the JSON serializations,
//! general and flattened (section 7.2), split, strict base64url, headers and JWT claims.
//!
//! Decoding checks structure only; [`UnverifiedJws::verify_signatures`] checks signatures. The
//! headers and payload are decoded once into buffers the parsed views borrow from, so no claim
//! is copied (zero-copy is borrowing from the buffers this value holds).

use std::borrow::Cow;
use std::ops::Range;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::Error;
use crate::input::borrow::{opt_cow, OneOrMany};
use crate::input::json::{check_text, parse_root, parse_typed, walk, CheckedText};
use crate::limits::Limits;

use super::alg::Algorithm;

/// Header parameters RFC 7515 (section 4.1) and RFC 7518 (section 4.1) define: `crit` must not
/// list them (RFC 7515 section 4.1.11).
const REGISTERED_HEADERS: [&str; 17] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc",
    "zip", "epk", "apu", "apv", "iv",
];

/// The `crit` extensions vpcheck implements: `b64` (RFC 7797).
const UNDERSTOOD_CRIT: [&str; 1] = ["b64"];

/// How a JWS was serialized (RFC 7515 section 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Serialization {
    /// `header.payload.signature`.
    Compact,
    /// A JSON object with `payload`, `protected`, `header`, `signature`.
    Flattened,
    /// A JSON object with `payload` and a `signatures` array.
    General,
}

/// A JWS, split and decoded, its signatures not verified.
#[derive(Debug, Clone)]
pub struct UnverifiedJws<'a> {
    serialization: Serialization,
    /// The signing input as received, for the compact serialization (zero-copy).
    compact_signing_input: Option<&'a str>,
    /// The payload as it enters the signing input: base64url text, or the raw octets when
    /// `b64` is false (RFC 7797 section 3). `None` while detached.
    signing_payload: Option<Cow<'a, [u8]>>,
    /// The payload, decoded.
    payload: Vec<u8>,
    /// Whether the payload is base64url-encoded (`b64`, default true).
    b64: bool,
    signatures: Vec<JwsSignature<'a>>,
}

/// One signature of a JWS with its headers.
#[derive(Debug, Clone)]
struct JwsSignature<'a> {
    protected_b64: Cow<'a, str>,
    /// The protected header, decoded; empty when there is none (JSON serialization only).
    protected: Vec<u8>,
    unprotected: Option<&'a RawValue>,
    signature: Vec<u8>,
    signature_b64: Cow<'a, str>,
    /// `alg` of the header, read once by [`UnverifiedJws::check_headers`].
    alg: Option<Algorithm>,
    /// `kid`, `typ` and `cty` of the protected header, kept by
    /// [`UnverifiedJws::check_headers`] so that verification does not parse the header a second
    /// time. Only the protected header is signed (RFC 7515 section 5.2 step 8), so these are
    /// never taken from the unprotected one.
    kid: Option<Kept>,
    typ: Option<Kept>,
    cty: Option<Kept>,
    /// A `typ` sent in the unprotected header: never used as the type, kept only to say why an
    /// expected type was not found.
    unprotected_typ: Option<Kept>,
}

/// A string member of a header, as [`UnverifiedJws::check_headers`] read it: where it lies in the
/// decoded protected header or in the unprotected header's text, or the unescaped copy the parse
/// made of a value with escapes. The header texts live beside it in [`JwsSignature`], so a
/// borrowed value is kept as a range rather than a second copy.
#[derive(Debug, Clone)]
enum Kept {
    Protected(Range<usize>),
    Unprotected(Range<usize>),
    Unescaped(String),
}

/// The header members verification reads once the JWS is decoded, as decoding read them (see
/// [`UnverifiedJws::checked_header`]).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CheckedHeader<'h> {
    /// `typ` of the protected header.
    pub typ: Option<&'h str>,
    /// `cty` of the protected header.
    pub cty: Option<&'h str>,
    /// `typ` of the unprotected header (JSON serialization): not signed, so never the type;
    /// named in the error when the protected header lacks one.
    pub unprotected_typ: Option<&'h str>,
}

/// The JSON serializations' members (RFC 7515 section 7.2.1).
#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
struct JsonMembers<'a> {
    #[serde(default, deserialize_with = "opt_cow")]
    payload: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    protected: Option<Cow<'a, str>>,
    #[serde(default)]
    header: Option<&'a RawValue>,
    #[serde(default, deserialize_with = "opt_cow")]
    signature: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    signatures: Option<Vec<JsonSignature<'a>>>,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
struct JsonSignature<'a> {
    #[serde(default, deserialize_with = "opt_cow")]
    protected: Option<Cow<'a, str>>,
    #[serde(default)]
    header: Option<&'a RawValue>,
    #[serde(default, deserialize_with = "opt_cow")]
    signature: Option<Cow<'a, str>>,
}

fn decode_b64(field: &str, part: &str, what: &str) -> Result<Vec<u8>, Error> {
    // `decode_vec` into an empty vector rather than `decode`: the same decoder and errors, but
    // the buffer comes from malloc's fast path where `decode`'s zeroed one (calloc) does not.
    let mut decoded = Vec::new();
    URL_SAFE_NO_PAD.decode_vec(part, &mut decoded).map_err(|e| Error::JwsMalformed {
        field: field.to_owned(),
        reason: format!("{what} is not strict base64url: {e}"),
    })?;
    Ok(decoded)
}

impl<'a> UnverifiedJws<'a> {
    /// Splits and decodes a compact JWS, naming it `field` in errors.
    ///
    /// Exactly three parts; each strict base64url (RFC 7515 section 2: no padding, no characters
    /// outside the URL-safe alphabet, no non-zero trailing bits); the header a JSON object
    /// without duplicate members (RFC 7515 section 5.2 step 4) with a string `alg`, never
    /// `none`. The payload may be any bytes; an empty payload part is a detached payload
    /// (RFC 7515 appendix F), supplied with [`UnverifiedJws::with_detached_payload`].
    ///
    /// # Errors
    /// `jws.malformed` for any structural fault, `jws.alg_none` for an unsecured JWS,
    /// `jws.unsupported_alg`, `jws.crit_unsupported`, and the structure-pass errors
    /// (`input.duplicate_member`, ...) for the header.
    pub fn decode(field: &str, compact: &'a str, limits: &Limits) -> Result<Self, Error> {
        let malformed = |reason: &str| Error::JwsMalformed {
            field: field.to_owned(),
            reason: reason.to_owned(),
        };
        if compact.len() > limits.max_input_bytes {
            return Err(Error::InputTooLarge {
                size: compact.len(),
                limit: limits.max_input_bytes,
            });
        }
        let mut parts = compact.split('.');
        let (Some(h), Some(p), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(malformed("a compact JWS has exactly three dot-separated parts"));
        };
        if h.is_empty() {
            return Err(malformed("the protected header is empty"));
        }
        let protected = decode_b64(field, h, "the header")?;
        let signature = decode_b64(field, s, "the signature")?;
        let sig = JwsSignature {
            protected_b64: Cow::Borrowed(h),
            protected,
            unprotected: None,
            signature,
            signature_b64: Cow::Borrowed(s),
            alg: None,
            kid: None,
            typ: None,
            cty: None,
            unprotected_typ: None,
        };
        let mut jws = UnverifiedJws {
            serialization: Serialization::Compact,
            compact_signing_input: compact.get(..h.len() + 1 + p.len()),
            signing_payload: (!p.is_empty()).then_some(Cow::Borrowed(p.as_bytes())),
            payload: Vec::new(),
            b64: true,
            signatures: vec![sig],
        };
        jws.check_headers(field, limits)?;
        // RFC 7797 section 5.2: an unencoded payload in the compact serialization must be
        // detached; vpcheck takes unencoded payloads only detached or in JSON.
        if !jws.b64 && jws.signing_payload.is_some() {
            return Err(Error::JwsB64Unsupported {
                field: field.to_owned(),
                reason: "b64 false with an attached payload in the compact serialization".into(),
            });
        }
        jws.payload = decode_b64(field, p, "the payload")?;
        Ok(jws)
    }

    /// Reads the JSON serializations (RFC 7515 section 7.2): general (`signatures`) and
    /// flattened (`signature`). `text` has been through the structure pass. A missing `payload`
    /// is a detached payload.
    ///
    /// # Errors
    /// As [`UnverifiedJws::decode`], plus `limit.signatures` over
    /// [`Limits::max_jws_signatures`].
    pub(crate) fn decode_json(field: &str, text: &'a str, limits: &Limits) -> Result<Self, Error> {
        let malformed = |reason: String| Error::JwsMalformed { field: field.to_owned(), reason };
        let m: JsonMembers<'a> = parse_typed(field, text)?;
        let (serialization, entries): (Serialization, Vec<JsonSignature<'a>>) =
            match (m.signatures, m.signature) {
                (Some(_), Some(_)) => {
                    return Err(malformed(
                        "both signature and signatures: neither the general nor the flattened form"
                            .into(),
                    ))
                }
                (Some(list), None) => {
                    if m.protected.is_some() || m.header.is_some() {
                        return Err(malformed(
                            "protected or header beside signatures (RFC 7515 section 7.2.1)".into(),
                        ));
                    }
                    (Serialization::General, list)
                }
                (None, Some(signature)) => (
                    Serialization::Flattened,
                    vec![JsonSignature {
                        protected: m.protected,
                        header: m.header,
                        signature: Some(signature),
                    }],
                ),
                (None, None) => return Err(Error::missing(format!("{field}.signatures"))),
            };
        if entries.is_empty() {
            return Err(malformed("signatures is empty".into()));
        }
        if entries.len() > limits.max_jws_signatures {
            return Err(Error::TooManySignatures {
                field: format!("{field}.signatures"),
                count: entries.len(),
                limit: limits.max_jws_signatures,
            });
        }
        let mut signatures = Vec::with_capacity(entries.len());
        for (i, entry) in entries.into_iter().enumerate() {
            let sf = sig_field(field, serialization, i);
            let signature_b64 =
                entry.signature.ok_or_else(|| Error::missing(format!("{sf}.signature")))?;
            let protected_b64 = entry.protected.unwrap_or(Cow::Borrowed(""));
            let protected = decode_b64(&sf, &protected_b64, "protected")?;
            if !protected_b64.is_empty() && protected.is_empty() {
                return Err(Error::JwsMalformed {
                    field: sf.to_string(),
                    reason: "protected is empty".into(),
                });
            }
            if let Some(header) = entry.header {
                if !header.get().starts_with('{') {
                    return Err(Error::JwsMalformed {
                        field: format!("{sf}.header"),
                        reason: "the unprotected header is not a JSON object".into(),
                    });
                }
            }
            let signature = decode_b64(&sf, &signature_b64, "signature")?;
            signatures.push(JwsSignature {
                protected_b64,
                protected,
                unprotected: entry.header,
                signature,
                signature_b64,
                alg: None,
                kid: None,
                typ: None,
                cty: None,
                unprotected_typ: None,
            });
        }
        let mut jws = UnverifiedJws {
            serialization,
            compact_signing_input: None,
            signing_payload: None,
            payload: Vec::new(),
            b64: true,
            signatures,
        };
        jws.check_headers(field, limits)?;
        if let Some(payload) = m.payload {
            // The payload enters the signing input as sent: base64url, or unencoded text
            // (RFC 7797 section 3).
            jws.payload = if jws.b64 {
                decode_b64(field, &payload, "the payload")?
            } else {
                payload.as_bytes().to_vec()
            };
            jws.signing_payload = Some(match payload {
                Cow::Borrowed(p) => Cow::Borrowed(p.as_bytes()),
                Cow::Owned(p) => Cow::Owned(p.into_bytes()),
            });
        }
        Ok(jws)
    }

    /// Supplies the payload of a JWS sent without it (RFC 7515 appendix F; RFC 7797 section 5).
    ///
    /// # Errors
    /// `jws.malformed` when the JWS carries a payload already.
    pub fn with_detached_payload(mut self, field: &str, payload: &'a [u8]) -> Result<Self, Error> {
        if self.signing_payload.is_some() {
            return Err(Error::JwsMalformed {
                field: field.to_owned(),
                reason: "a payload is attached; a detached one cannot replace it".into(),
            });
        }
        if self.b64 {
            self.signing_payload = Some(Cow::Owned(URL_SAFE_NO_PAD.encode(payload).into_bytes()));
        } else {
            self.signing_payload = Some(Cow::Borrowed(payload));
        }
        self.payload = payload.to_vec();
        self.compact_signing_input = None;
        Ok(self)
    }

    /// Checks every signature's headers: JSON objects, protected and unprotected disjoint,
    /// `alg` known and not `none`, `crit` understood, `b64` consistent.
    fn check_headers(&mut self, field: &str, limits: &Limits) -> Result<(), Error> {
        let serialization = self.serialization;
        let mut b64 = None;
        for (i, sig) in self.signatures.iter_mut().enumerate() {
            let sf = sig_field(field, serialization, i);
            let protected = header_structure(&part_name(&sf, "(header)"), &sig.protected, limits)?;
            let protected_names = protected.as_ref().map_or(&[][..], |checked| &checked.root_keys);
            let unprotected = match sig.unprotected {
                Some(raw) => {
                    header_structure(&format!("{sf}.header"), raw.get().as_bytes(), limits)?
                }
                None => None,
            };
            let unprotected_names =
                unprotected.as_ref().map_or(&[][..], |checked| &checked.root_keys);
            // RFC 7515 section 7.2.1: the two headers' member names MUST be disjoint.
            if let Some(name) = protected_names.iter().find(|n| unprotected_names.contains(n)) {
                return Err(Error::JwsMalformed {
                    field: sf.to_string(),
                    reason: format!("{name:?} is in both the protected and the unprotected header"),
                });
            }
            let (header, unprotected_header) =
                sig.read_header(&sf, protected.as_ref(), unprotected.as_ref())?;
            match header.alg.as_deref() {
                None => return Err(Error::missing(format!("{sf}(header).alg"))),
                // `alg` is case-sensitive (RFC 7515 section 4.1.1), so `NONE` is not `none`; but
                // any spelling of it is an attempt at an unsecured JWS and is named as one.
                Some(alg) if alg.eq_ignore_ascii_case("none") => {
                    return Err(Error::JwsAlgNone { field: sf.to_string() })
                }
                Some(alg) if Algorithm::from_name(alg).is_none() => {
                    return Err(Error::JwsUnsupportedAlg {
                        field: sf.to_string(),
                        alg: alg.to_owned(),
                    });
                }
                Some(_) => {}
            }
            if unprotected_names.iter().any(|n| n == "crit" || n == "b64") {
                // RFC 7515 section 4.1.11 and RFC 7797 section 3: integrity-protected only.
                return Err(Error::JwsCritUnsupported {
                    field: sf.to_string(),
                    crit: "crit or b64 in the unprotected header".into(),
                });
            }
            check_crit(&sf, header.crit, protected_names)?;
            let this_b64 = header.b64.unwrap_or(true);
            // RFC 7797 section 6: `b64` must be understood, so it must be listed in `crit`.
            if header.b64.is_some() && !header.crit.is_some_and(|c| c.get().contains("\"b64\"")) {
                return Err(Error::JwsB64Unsupported {
                    field: sf.to_string(),
                    reason: "b64 is present but not listed in crit (RFC 7797 section 6)".into(),
                });
            }
            // RFC 7797 section 3: every signature of one JWS uses the same `b64`.
            if b64.is_some_and(|b| b != this_b64) {
                return Err(Error::JwsB64Unsupported {
                    field: sf.to_string(),
                    reason: "signatures disagree on b64".into(),
                });
            }
            b64 = Some(this_b64);
            let alg = header.alg.as_deref().and_then(Algorithm::from_name);
            let unprotected_typ = unprotected_header.and_then(|u| u.typ);
            let [kid, typ, cty, unprotected_typ] =
                [header.kid, header.typ, header.cty, unprotected_typ]
                    .map(|member| member.map(|value| sig.keep(value)));
            (sig.alg, sig.kid, sig.typ, sig.cty, sig.unprotected_typ) =
                (alg, kid, typ, cty, unprotected_typ);
        }
        self.b64 = b64.unwrap_or(true);
        Ok(())
    }

    /// How the JWS was serialized.
    pub fn serialization(&self) -> Serialization {
        self.serialization
    }

    /// How many signatures it carries (one but for the general JSON serialization).
    pub fn signature_count(&self) -> usize {
        self.signatures.len()
    }

    /// The header of the first signature: the members of its protected header, the only one the
    /// signature covers (RFC 7515 section 5.2 step 8). `alg` alone is also read from the
    /// unprotected header (RFC 7515 section 7.2.1 allows it there): the verifier's allowlist and
    /// the key decide which algorithm verifies, whatever the token names. `kid`, `typ`, `cty`,
    /// `crit` and `b64` sent unprotected are not returned.
    ///
    /// # Errors
    /// `field.invalid` when a known member has the wrong type.
    pub fn header(&self) -> Result<JwsHeader<'_>, Error> {
        self.header_at(0)
    }

    /// The header of signature `index`.
    ///
    /// # Errors
    /// `field.invalid` when a known member has the wrong type, `field.missing` past the last
    /// signature.
    pub fn header_at(&self, index: usize) -> Result<JwsHeader<'_>, Error> {
        let field = sig_field("jws", self.serialization, index);
        self.signatures.get(index).ok_or_else(|| Error::missing(field.clone()))?.header(&field)
    }

    /// The protected header of signature `index` as JSON text (empty when it has none).
    pub fn protected_header_text(&self, index: usize) -> &str {
        self.signatures
            .get(index)
            .and_then(|s| std::str::from_utf8(&s.protected).ok())
            .unwrap_or_default()
    }

    /// The payload bytes, decoded (empty while detached).
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// Whether the payload is still to be supplied ([`UnverifiedJws::with_detached_payload`]).
    pub fn is_detached(&self) -> bool {
        self.signing_payload.is_none()
    }

    /// The first signature's bytes, decoded.
    pub fn signature(&self) -> &[u8] {
        self.signatures.first().map_or(&[][..], |s| s.signature.as_slice())
    }

    /// The first signature as received (base64url).
    pub fn signature_b64(&self) -> &str {
        self.signatures.first().map_or("", |s| &s.signature_b64)
    }

    /// The JWS Signing Input of signature `index` (RFC 7515 section 5.2 step 8; RFC 7797 section
    /// 3 for an unencoded payload): `protected.payload` as received. Borrowed from the input for
    /// the compact serialization; `None` while the payload is detached.
    pub fn signing_input(&self, index: usize) -> Option<Cow<'_, [u8]>> {
        let sig = self.signatures.get(index)?;
        let payload = self.signing_payload.as_deref()?;
        if let Some(input) = self.compact_signing_input {
            return Some(Cow::Borrowed(input.as_bytes()));
        }
        let mut input = Vec::with_capacity(sig.protected_b64.len() + 1 + payload.len());
        input.extend_from_slice(sig.protected_b64.as_bytes());
        input.push(b'.');
        input.extend_from_slice(payload);
        Some(Cow::Owned(input))
    }

    /// The `alg` and `kid` of signature `index`, as read at decode time.
    pub(crate) fn alg_and_kid(&self, index: usize) -> (Option<Algorithm>, Option<&str>) {
        self.signatures.get(index).map_or((None, None), |s| (s.alg, s.kept(s.kid.as_ref())))
    }

    /// The first signature's `typ` and `cty`, as decoding read them: what
    /// [`UnverifiedJws::header`] would return for them, without parsing the header again. Every
    /// error `header` could return was returned by decoding already.
    pub(crate) fn checked_header(&self) -> CheckedHeader<'_> {
        self.signatures.first().map_or_else(CheckedHeader::default, |s| CheckedHeader {
            typ: s.kept(s.typ.as_ref()),
            cty: s.kept(s.cty.as_ref()),
            unprotected_typ: s.kept(s.unprotected_typ.as_ref()),
        })
    }

    pub(crate) fn signature_bytes(&self, index: usize) -> &[u8] {
        self.signatures.get(index).map_or(&[][..], |s| s.signature.as_slice())
    }

    /// The payload read as JWT claims (RFC 7519 section 4), after the structure pass.
    ///
    /// # Errors
    /// The structure-pass errors for the payload, `field.invalid` for mistyped claims.
    pub fn claims(&self, field: &str, limits: &Limits) -> Result<JwtClaims<'_>, Error> {
        let field = part_name(field, "(payload)");
        // The structure pass keeps where each claim's value is, and the claims are read from
        // those rather than by serde_json parsing the payload a second time.
        let checked = walk(&field, check_text(&field, &self.payload, limits)?, limits)?;
        if !checked.root_is_object {
            return Err(Error::invalid(field, "JWT claims must be a JSON object"));
        }
        let mut claims: JwtClaims<'_> = parse_root(&field, &checked)?;
        claims.raw = checked.text;
        Ok(claims)
    }
}

impl JwsSignature<'_> {
    /// The protected header, with `alg` read from the unprotected one when the protected header
    /// lacks it (see [`UnverifiedJws::header`]).
    fn header(&self, field: &str) -> Result<JwsHeader<'_>, Error> {
        self.read_header(field, None, None).map(|(header, _)| header)
    }

    /// [`JwsSignature::header`], and the unprotected header apart, reading each header from the
    /// members the structure pass found in it when that is given (`protected`, `unprotected`),
    /// rather than having serde_json parse it again: with the same result and errors
    /// ([`parse_root`]).
    fn read_header<'s>(
        &'s self,
        field: &str,
        protected: Option<&CheckedText<'s>>,
        unprotected: Option<&CheckedText<'s>>,
    ) -> Result<(JwsHeader<'s>, Option<JwsHeader<'s>>), Error> {
        let hf = part_name(field, "(header)");
        let mut header: JwsHeader<'_> = if self.protected.is_empty() {
            JwsHeader::default()
        } else if let Some(checked) = protected {
            parse_root(&hf, checked)?
        } else {
            let text = std::str::from_utf8(&self.protected).map_err(|e| Error::InvalidUtf8 {
                field: hf.to_string(),
                offset: e.valid_up_to(),
            })?;
            parse_typed(&hf, text)?
        };
        if let Some(raw) = self.unprotected {
            let uf = format!("{field}.header");
            let u: JwsHeader<'_> = match unprotected {
                Some(checked) => parse_root(&uf, checked)?,
                None => parse_typed(&uf, raw.get())?,
            };
            // RFC 7515 section 5.2 step 8: the signature covers the protected header only. The
            // two are disjoint (checked at decode time), so a member found only in the
            // unprotected header was not signed: `kid`, `typ` and `cty` are not taken from it
            // (`crit` and `b64` there are refused). `alg` is: the policy's allowlist and the
            // key's type choose the algorithm, and a changed `alg` cannot make a signature
            // verify under a key the caller trusts.
            header.alg = header.alg.or_else(|| u.alg.clone());
            return Ok((header, Some(u)));
        }
        Ok((header, None))
    }

    /// Keeps a member of this signature's header (see [`Kept`]).
    fn keep(&self, value: Cow<'_, str>) -> Kept {
        let value = match value {
            Cow::Owned(unescaped) => return Kept::Unescaped(unescaped),
            Cow::Borrowed(value) => value,
        };
        if let Some(range) = span_in(&self.protected, value) {
            return Kept::Protected(range);
        }
        if let Some(range) = self.unprotected.and_then(|raw| span_in(raw.get().as_bytes(), value)) {
            return Kept::Unprotected(range);
        }
        // A header value borrows from one of the two texts; were it not so, a copy is still right.
        Kept::Unescaped(value.to_owned())
    }

    /// A kept member's text.
    fn kept<'s>(&'s self, member: Option<&'s Kept>) -> Option<&'s str> {
        let bytes = match member? {
            Kept::Protected(range) => self.protected.get(range.clone()),
            Kept::Unprotected(range) => {
                self.unprotected.and_then(|raw| raw.get().as_bytes().get(range.clone()))
            }
            Kept::Unescaped(value) => return Some(value),
        };
        // The range was cut from a `str` over these very bytes, so this check cannot fail.
        std::str::from_utf8(bytes?).ok()
    }
}

/// Where `part` lies in `text`, when it is a slice of it.
fn span_in(text: &[u8], part: &str) -> Option<Range<usize>> {
    let start = part.as_ptr().addr().checked_sub(text.as_ptr().addr())?;
    let end = start.checked_add(part.len())?;
    (end <= text.len()).then_some(start..end)
}

fn sig_field(field: &str, serialization: Serialization, index: usize) -> Cow<'_, str> {
    match serialization {
        Serialization::General => Cow::Owned(format!("{field}.signatures[{index}]")),
        _ => Cow::Borrowed(field),
    }
}

/// `field` with a part suffix such as `(header)`: static for the common top-level names, so that
/// naming the part costs no allocation on the success path.
fn part_name(field: &str, part: &'static str) -> Cow<'static, str> {
    match (field, part) {
        ("jws", "(header)") => Cow::Borrowed("jws(header)"),
        ("jws", "(payload)") => Cow::Borrowed("jws(payload)"),
        ("id_token", "(header)") => Cow::Borrowed("id_token(header)"),
        ("id_token", "(payload)") => Cow::Borrowed("id_token(payload)"),
        _ => Cow::Owned(format!("{field}{part}")),
    }
}

/// A header after the structure pass (no duplicates, bounded depth), with its member names and
/// where their values are; `None` when there is none. A header that is not JSON at all is a fault
/// of the JWS; duplicates and depth keep their codes.
fn header_structure<'h>(
    field: &str,
    bytes: &'h [u8],
    limits: &Limits,
) -> Result<Option<CheckedText<'h>>, Error> {
    if bytes.is_empty() {
        return Ok(None);
    }
    let not_json = |e: Error| match e {
        Error::JsonSyntax { .. }
        | Error::InvalidUtf8 { .. }
        | Error::InputEmpty
        | Error::TrailingData { .. }
        | Error::ByteOrderMark { .. } => Error::JwsMalformed {
            field: field.to_owned(),
            reason: format!("the header is not JSON: {e}"),
        },
        other => other,
    };
    let checked = check_text(field, bytes, limits)
        .and_then(|text| walk(field, text, limits))
        .map_err(not_json)?;
    if !checked.root_is_object {
        return Err(Error::JwsMalformed {
            field: field.to_owned(),
            reason: "the header is not a JSON object".into(),
        });
    }
    Ok(Some(checked))
}

/// RFC 7515 section 4.1.11: `crit` is a non-empty array of strings, naming no registered header
/// parameter, each present in the protected header, and each one vpcheck implements; otherwise
/// the JWS is invalid.
fn check_crit(
    field: &str,
    crit: Option<&RawValue>,
    protected: &[Cow<'_, str>],
) -> Result<(), Error> {
    let Some(raw) = crit else { return Ok(()) };
    let unsupported =
        || Error::JwsCritUnsupported { field: field.to_owned(), crit: raw.get().to_owned() };
    let names: Vec<Cow<'_, str>> = serde_json::from_str(raw.get()).map_err(|_| unsupported())?;
    if names.is_empty() {
        return Err(unsupported());
    }
    for name in &names {
        if REGISTERED_HEADERS.contains(&name.as_ref())
            || !UNDERSTOOD_CRIT.contains(&name.as_ref())
            || !protected.iter().any(|p| p == name)
        {
            return Err(unsupported());
        }
    }
    Ok(())
}

/// The JOSE header members vpcheck reads (RFC 7515 section 4.1).
#[derive(Debug, Clone, Default, Deserialize)]
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
    /// `vc` (VCDM 1.1 JWT credential), raw.
    #[serde(default)]
    pub vc: Option<&'a RawValue>,
    /// `vp` (VCDM 1.1 JWT presentation), raw.
    #[serde(default)]
    pub vp: Option<&'a RawValue>,
    /// `@context` (a VCDM 2.0 payload), raw.
    #[serde(default, rename = "@context")]
    pub context: Option<&'a RawValue>,
    /// `type` (a VCDM 2.0 payload), raw.
    #[serde(default, rename = "type")]
    pub type_: Option<&'a RawValue>,
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
                i64::try_from(v)
                    .map(NumericDate)
                    .map_err(|_| E::custom(format!("NumericDate {v} is out of range")))
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
                chrono::DateTime::parse_from_rfc3339(v).map(|t| NumericDate(t.timestamp())).map_err(
                    |e| {
                        E::custom(format!(
                            "{v:?} is neither a NumericDate nor an RFC 3339 date-time: {e}"
                        ))
                    },
                )
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
    // The first character first: a JSON text is then decided without scanning it for a dot.
    !text.starts_with(json_start) && text.contains('.')
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
        let t = token(
            r#"{"alg":"RS256","kid":"k1","typ":"JWT"}"#,
            r#"{"iss":"i","aud":["a","b"],"exp":1700000000.9}"#,
        );
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
        assert!(
            matches!(jws.signing_input(0), Some(Cow::Borrowed(input)) if t.as_bytes().starts_with(input))
        );
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
        assert_eq!(
            code(&format!("{}=.{}.{}", b64(good_header), b64("{}"), b64("s"))),
            "jws.malformed"
        );
        assert_eq!(code(&format!("{}.{}.a+b/", b64(good_header), b64("{}"))), "jws.malformed");
        // "QR" has non-zero trailing bits where "QQ" is the canonical spelling of the same byte.
        assert_eq!(code(&format!("{}.{}.QQ", b64(good_header), b64("{}"))), "ok");
        assert_eq!(code(&format!("{}.{}.QR", b64(good_header), b64("{}"))), "jws.malformed");
        assert_eq!(code(&format!(".{}.{}", b64("{}"), b64("s"))), "jws.malformed");
    }

    /// The header members kept at decode time are those a fresh parse of the header reads: from
    /// the protected header, the unprotected one, and with escapes.
    #[test]
    fn kept_header_members_are_those_of_the_header() {
        let limits = Limits::default();
        let same = |jws: &UnverifiedJws<'_>| {
            let header = jws.header().unwrap();
            let kept = jws.checked_header();
            assert_eq!((kept.typ, kept.cty), (header.typ.as_deref(), header.cty.as_deref()));
            assert_eq!(jws.alg_and_kid(0).1, header.kid.as_deref());
        };
        for header in [
            r#"{"alg":"ES256","kid":"k1","typ":"vc+jwt","cty":"vc"}"#,
            r#"{"alg":"ES256","kid":"k\u0031","typ":"v\/c+jwt"}"#,
            r#"{"alg":"ES256"}"#,
            r#" { "typ" : "" , "alg" : "ES256" , "kid" : "" } "#,
        ] {
            let t = token(header, "{}");
            same(&UnverifiedJws::decode("t", &t, &limits).unwrap());
        }
        for unprotected in [r#"{"kid":"k2","typ":"JWT"}"#, r#"{"kid":"k\u0032","cty":"vp"}"#, "{}"]
        {
            let text = format!(
                r#"{{"payload":"{}","protected":"{}","header":{unprotected},"signature":"{}"}}"#,
                b64("{}"),
                b64(r#"{"alg":"ES256"}"#),
                b64("s")
            );
            let jws = UnverifiedJws::decode_json("jws", &text, &limits).unwrap();
            same(&jws);
            same(&jws.clone());
            // Unprotected members are not signed: not returned as the header's (RFC 7515
            // section 5.2 step 8), the typ kept apart only to be named in an error.
            let (header, kept) = (jws.header().unwrap(), jws.checked_header());
            assert_eq!(
                (header.kid, header.typ, header.cty, kept.typ, kept.cty),
                (None, None, None, None, None)
            );
            assert_eq!(jws.alg_and_kid(0), (Some(Algorithm::ES256), None));
            assert_eq!(kept.unprotected_typ, unprotected.contains("JWT").then_some("JWT"));
        }
        // `alg` alone may be unprotected (RFC 7515 section 7.2.1): the allowlist and the key
        // decide the algorithm.
        let text = format!(
            r#"{{"payload":"{}","protected":"{}","header":{{"alg":"ES256"}},"signature":"{}"}}"#,
            b64("{}"),
            b64(r#"{"kid":"k1"}"#),
            b64("s")
        );
        let jws = UnverifiedJws::decode_json("jws", &text, &limits).unwrap();
        assert_eq!(jws.alg_and_kid(0), (Some(Algorithm::ES256), Some("k1")));
        let k1 = token(r#"{"alg":"ES256","kid":"k\u0031"}"#, "{}");
        assert_eq!(
            UnverifiedJws::decode("t", &k1, &limits).unwrap().alg_and_kid(0),
            (Some(Algorithm::ES256), Some("k1"))
        );
    }

    /// Claims read from the members the structure pass found equal serde_json's parse of the
    /// payload, and a mistyped claim is named as before.
    #[test]
    fn claims_read_from_the_members_equal_serde_json() {
        let limits = Limits::default();
        for payload in [
            r#"{"iss":"i","sub":"s\u00e9","aud":["a","b"],"exp":1700000000.9,"nbf":"2024-01-01T00:00:00Z","iat":-5,"jti":null,"nonce":"n","vc":{"a":[1,2]},"@context":["x"],"type":"T","other":{"deep":[{}]}}"#,
            r#"{"aud":"one","exp":1700000000,"vp":"x"}"#,
            r#"{}"#,
        ] {
            let t = token(r#"{"alg":"ES256"}"#, payload);
            let jws = UnverifiedJws::decode("t", &t, &limits).unwrap();
            let mut whole: JwtClaims<'_> = parse_typed("t(payload)", payload).unwrap();
            whole.raw = payload;
            assert_eq!(format!("{:?}", jws.claims("t", &limits).unwrap()), format!("{whole:?}"));
        }
        for (payload, error) in [
            (r#"{"exp":"soon"}"#, "field.invalid"),
            (r#"{"iss":1}"#, "field.invalid"),
            (r#"{"iss":"a","iss":"b"}"#, "input.duplicate_member"),
            ("[]", "field.invalid"),
        ] {
            let t = token(r#"{"alg":"ES256"}"#, payload);
            let jws = UnverifiedJws::decode("t", &t, &limits).unwrap();
            let err = jws.claims("t", &limits).unwrap_err();
            assert_eq!(err.code(), error, "{payload}: {err}");
        }
        let t = token(r#"{"alg":"ES256"}"#, r#"{"exp":"soon"}"#);
        let jws = UnverifiedJws::decode("t", &t, &limits).unwrap();
        let message = jws.claims("t", &limits).unwrap_err().to_string();
        assert_eq!(
            message,
            parse_typed::<JwtClaims<'_>>("t(payload)", r#"{"exp":"soon"}"#)
                .unwrap_err()
                .to_string()
        );
    }
}

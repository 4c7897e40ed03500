//! JSON-LD verifiable presentations and credentials (VC Data Model 1.1 and 2.0), as far as the
//! checks need them: types, issuer, validity dates, subject (raw), status and proofs.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::input::borrow::{opt_cow, OneOrMany};

/// A JSON-LD document: a presentation, a credential, or any document carrying a `proof`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct UnverifiedLdDocument<'a> {
    /// `@context`, kept raw: its exact bytes matter to canonicalisation.
    #[serde(rename = "@context", default)]
    pub context: Option<&'a RawValue>,
    /// `id`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub id: Option<Cow<'a, str>>,
    /// `type`.
    #[serde(rename = "type", default)]
    pub types: OneOrMany<'a>,
    /// `issuer`: a URL or an object with an `id`.
    #[serde(default)]
    pub issuer: Option<Issuer<'a>>,
    /// `holder` (presentations).
    #[serde(default)]
    pub holder: Option<Issuer<'a>>,
    /// `issuanceDate` (VCDM 1.1).
    #[serde(default, deserialize_with = "opt_cow")]
    pub issuance_date: Option<Cow<'a, str>>,
    /// `expirationDate` (VCDM 1.1).
    #[serde(default, deserialize_with = "opt_cow")]
    pub expiration_date: Option<Cow<'a, str>>,
    /// `validFrom` (VCDM 2.0).
    #[serde(default, deserialize_with = "opt_cow")]
    pub valid_from: Option<Cow<'a, str>>,
    /// `validUntil` (VCDM 2.0).
    #[serde(default, deserialize_with = "opt_cow")]
    pub valid_until: Option<Cow<'a, str>>,
    /// `credentialSubject`, raw.
    #[serde(default)]
    pub credential_subject: Option<&'a RawValue>,
    /// `credentialStatus`, raw.
    #[serde(default)]
    pub credential_status: Option<&'a RawValue>,
    /// `proof`: one or several.
    #[serde(default)]
    pub proof: Option<Proofs<'a>>,
    /// `verifiableCredential` (presentations): each an object or an enveloped JWT string.
    #[serde(default)]
    pub verifiable_credential: Option<RawList<'a>>,
    /// The whole document as received: proofs sign it, not the members read above.
    #[serde(skip)]
    pub raw: &'a str,
}

impl<'a> UnverifiedLdDocument<'a> {
    /// Reads a JSON-LD document from `text` (through the structure pass), keeping its text.
    ///
    /// # Errors
    /// `field.*` for members of the wrong type.
    pub(crate) fn parse(field: &str, text: &'a str) -> Result<Self, crate::error::Error> {
        let mut doc: UnverifiedLdDocument<'a> = crate::input::json::parse_typed(field, text)?;
        doc.raw = text;
        Ok(doc)
    }
}

impl UnverifiedLdDocument<'_> {
    /// Whether this is a presentation (`type` has `VerifiablePresentation`, or it carries
    /// `verifiableCredential`).
    pub fn is_presentation(&self) -> bool {
        self.types.contains("VerifiablePresentation") || self.verifiable_credential.is_some()
    }
}

/// `issuer` or `holder`: a URL, or an object whose `id` is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer<'a> {
    /// The URL (the `id` of the object form); `None` for an object without `id`.
    pub id: Option<Cow<'a, str>>,
}

impl<'de: 'a, 'a> Deserialize<'de> for Issuer<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(bound(deserialize = "'de: 'a"))]
        struct Object<'a> {
            #[serde(default, deserialize_with = "opt_cow")]
            id: Option<Cow<'a, str>>,
        }
        // Untagged enums cannot borrow; look at the raw value instead.
        let raw = <&'a RawValue>::deserialize(d)?;
        let text = raw.get();
        let mut de = serde_json::Deserializer::from_str(text);
        if text.starts_with('"') {
            crate::input::borrow::cow(&mut de)
                .map(|id| Issuer { id: Some(id) })
                .map_err(de::Error::custom)
        } else {
            Object::deserialize(&mut de).map(|o| Issuer { id: o.id }).map_err(de::Error::custom)
        }
    }
}

/// One proof or several (`proof` may be an object or an array: a proof set).
#[derive(Debug, Clone, Default)]
pub struct Proofs<'a>(pub Vec<Proof<'a>>);

impl<'de: 'a, 'a> Deserialize<'de> for Proofs<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Proofs<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a proof object or an array of them")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Proof::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|p| Proofs(vec![p]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(p) = seq.next_element()? {
                    out.push(p);
                }
                Ok(Proofs(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// A Data Integrity / Linked Data proof.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct Proof<'a> {
    /// `type`, e.g. `BbsBlsSignatureProof2020`, `DataIntegrityProof`.
    #[serde(rename = "type", default, deserialize_with = "opt_cow")]
    pub kind: Option<Cow<'a, str>>,
    /// `cryptosuite` (with `DataIntegrityProof`).
    #[serde(default, deserialize_with = "opt_cow")]
    pub cryptosuite: Option<Cow<'a, str>>,
    /// `created`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub created: Option<Cow<'a, str>>,
    /// `expires`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub expires: Option<Cow<'a, str>>,
    /// `verificationMethod`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub verification_method: Option<Cow<'a, str>>,
    /// `proofPurpose`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub proof_purpose: Option<Cow<'a, str>>,
    /// `nonce` (standard base64 in ldp-bbs2020).
    #[serde(default, deserialize_with = "opt_cow")]
    pub nonce: Option<Cow<'a, str>>,
    /// `proofValue`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub proof_value: Option<Cow<'a, str>>,
    /// `jws` (JsonWebSignature2020, Ed25519Signature2018).
    #[serde(default, deserialize_with = "opt_cow")]
    pub jws: Option<Cow<'a, str>>,
    /// `challenge`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub challenge: Option<Cow<'a, str>>,
    /// `domain`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub domain: Option<Cow<'a, str>>,
    /// `previousProof` (VC Data Integrity, "Proof Chains"): the id or ids of the
    /// proofs this one signs with the document. Kept raw: vpcheck does not check proof chains.
    #[serde(default, borrow)]
    pub previous_proof: Option<&'a RawValue>,
}

/// An array kept as raw elements (credentials inside a presentation).
#[derive(Debug, Clone, Default)]
pub struct RawList<'a>(pub Vec<&'a RawValue>);

impl<'de: 'a, 'a> Deserialize<'de> for RawList<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // VCDM allows a single credential instead of an array.
        let raw = <&'a RawValue>::deserialize(d)?;
        let text = raw.get();
        if text.starts_with('[') {
            serde_json::from_str::<Vec<&'a RawValue>>(text).map(RawList).map_err(de::Error::custom)
        } else {
            Ok(RawList(vec![raw]))
        }
    }
}

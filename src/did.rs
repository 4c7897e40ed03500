//! Verification methods without a network (VC Data Integrity section 4.3):
//! `did:key` is resolved in place, anything else only from DID documents and
//! verification-method documents the caller supplies.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{Error, KeyWindow};
use crate::input::borrow::opt_cow;
use crate::input::json::{check_document, parse_typed};
use crate::jose::alg::Curve;
use crate::jose::jwk::Jwk;
use crate::limits::Limits;

/// Multicodec prefix of an Ed25519 public key (`ed01` as an unsigned varint).
const MULTICODEC_ED25519: [u8; 2] = [0xed, 0x01];
/// Multicodec prefix of a BLS12-381 G2 public key (`eb01`).
const MULTICODEC_BLS12381_G2: [u8; 2] = [0xeb, 0x01];
/// Multicodec prefix of a compressed P-256 public key (`p256-pub`, 0x1200 as an unsigned varint).
const MULTICODEC_P256: [u8; 2] = [0x80, 0x24];
/// Multicodec prefix of a compressed P-384 public key (`p384-pub`, 0x1201).
const MULTICODEC_P384: [u8; 2] = [0x81, 0x24];
/// Most documents in one [`DidDocuments`].
pub const MAX_DID_DOCUMENTS: usize = 256;

/// A public key a verification method carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PublicKey {
    Ed25519([u8; 32]),
    Bls12381G2(Vec<u8>),
    Jwk(Box<Jwk>),
    /// A P-256 or P-384 key from a Multikey (`did:key:zDn...`, `did:key:z82...`), checked to be
    /// a point of the curve and held uncompressed (SEC1 `04 || x || y`), as ring reads it.
    Ec {
        curve: Curve,
        point: Vec<u8>,
    },
}

/// A verification method found for a proof, and what its controller says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub id: String,
    pub controller: String,
    pub key: PublicKey,
    /// When the key may be used (`nbf`/`exp` of a `publicKeyJwk`; open for other encodings).
    /// A JOSE key (`PublicKey::Jwk`) carries its own, checked where it is selected.
    pub window: KeyWindow,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Method {
    id: String,
    controller: Option<String>,
    key: Result<PublicKey, Error>,
    window: KeyWindow,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Controller {
    id: String,
    /// Verification relationships (`assertionMethod`, `authentication`, ...) and the method ids
    /// listed under each.
    relationships: Vec<(String, Vec<String>)>,
}

/// DID documents and verification-method documents the caller trusts to describe keys.
///
/// ```
/// let mut dids = vpcheck::DidDocuments::new();
/// dids.add_json(br#"{"id": "did:example:489398593", "assertionMethod": ["did:example:489398593#test"]}"#)?;
/// # Ok::<(), vpcheck::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DidDocuments {
    controllers: Vec<Controller>,
    methods: Vec<Method>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
struct DocMembers<'a> {
    #[serde(default, deserialize_with = "opt_cow")]
    id: Option<Cow<'a, str>>,
    #[serde(default, rename = "type")]
    kind: Option<&'a RawValue>,
    #[serde(default, deserialize_with = "opt_cow")]
    controller: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    public_key_multibase: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    public_key_base58: Option<Cow<'a, str>>,
    #[serde(default)]
    public_key_jwk: Option<&'a RawValue>,
    #[serde(default)]
    verification_method: Option<Vec<&'a RawValue>>,
    // Private key members, which a public document must never hold (below, [`published_secret`]).
    #[serde(default)]
    secret_key_multibase: Option<&'a RawValue>,
    #[serde(default)]
    private_key_multibase: Option<&'a RawValue>,
    #[serde(default)]
    private_key_jwk: Option<&'a RawValue>,
    #[serde(default)]
    private_key_base58: Option<&'a RawValue>,
    #[serde(default)]
    private_key_hex: Option<&'a RawValue>,
    #[serde(default)]
    private_key_pem: Option<&'a RawValue>,
}

/// The first private key member a verification method publishes, if any: Multikey's
/// `secretKeyMultibase` (defined beside `publicKeyMultibase` in Controlled Identifiers 1.0) and
/// the `privateKey*` members of the older key types. A key whose private part a document
/// publishes can be used by anyone who read it: its signatures vouch for nothing.
fn published_secret(m: &DocMembers<'_>) -> Option<&'static str> {
    [
        ("secretKeyMultibase", m.secret_key_multibase),
        ("privateKeyMultibase", m.private_key_multibase),
        ("privateKeyJwk", m.private_key_jwk),
        ("privateKeyBase58", m.private_key_base58),
        ("privateKeyHex", m.private_key_hex),
        ("privateKeyPem", m.private_key_pem),
    ]
    .into_iter()
    .find_map(|(name, value)| value.map(|_| name))
}

/// The verification relationships of DID Core section 5.3.
const RELATIONSHIPS: [&str; 5] = [
    "assertionMethod",
    "authentication",
    "capabilityInvocation",
    "capabilityDelegation",
    "keyAgreement",
];

impl DidDocuments {
    /// No documents.
    pub fn new() -> Self {
        DidDocuments::default()
    }

    /// Adds a DID document (with `verificationMethod` and verification relationships) or a
    /// single verification-method document (with `type` and key material).
    ///
    /// A method is taken only from the document of the DID its id names: a DID document's
    /// methods must be in its own DID's namespace, and a verification-method document's
    /// `controller`, when stated, must be the DID its id names.
    ///
    /// # Errors
    /// The structure-pass errors, `field.*` for mistyped members, `field.invalid` for a method
    /// of another DID, `key.ambiguous` for a method id defined twice with different content or
    /// a second document for one DID, `limit.keys` past [`MAX_DID_DOCUMENTS`].
    pub fn add_json(&mut self, bytes: &[u8]) -> Result<(), Error> {
        if self.controllers.len() + self.methods.len() >= MAX_DID_DOCUMENTS {
            return Err(Error::TooManyKeys { limit: MAX_DID_DOCUMENTS });
        }
        let checked = check_document("did_document", bytes, &Limits::default())?;
        if !checked.root_is_object {
            return Err(Error::invalid("did_document", "a DID document is a JSON object"));
        }
        let m: DocMembers<'_> = parse_typed("did_document", checked.text)?;
        let id = m.id.as_deref().ok_or_else(|| Error::missing("did_document.id"))?.to_owned();
        let has_key = m.public_key_multibase.is_some()
            || m.public_key_base58.is_some()
            || m.public_key_jwk.is_some();
        if has_key && m.kind.is_some() {
            // A verification-method document: its controller, when stated, is the DID its id
            // names (a method in one DID's namespace is described by that DID only).
            let method = method("did_document", &m);
            let did = did_of(&method.id);
            if let Some(controller) = method.controller.as_deref().filter(|c| *c != did) {
                return Err(Error::invalid(
                    "did_document.controller",
                    format!("{controller} cannot describe {}, a method of {did}", method.id),
                ));
            }
            return self.add_methods(vec![method]);
        }
        let members: crate::input::borrow::Members<'_, &RawValue> =
            parse_typed("did_document", checked.text)?;
        let mut relationships = Vec::new();
        let mut methods = Vec::new();
        for name in RELATIONSHIPS {
            let Some(raw) = members.get(name) else { continue };
            let entries: Vec<&RawValue> = parse_typed(&format!("did_document.{name}"), raw.get())?;
            let mut ids = Vec::new();
            for (i, entry) in entries.iter().enumerate() {
                let field = format!("did_document.{name}[{i}]");
                if entry.get().starts_with('"') {
                    let reference = crate::input::borrow::str_from_raw(&field, entry)?;
                    ids.push(absolute(&id, &reference));
                } else {
                    // An embedded verification method (DID Core section 5.3).
                    let vm: DocMembers<'_> = parse_typed(&field, entry.get())?;
                    let mut method = method(&field, &vm);
                    method.id = absolute(&id, &method.id);
                    ids.push(method.id.clone());
                    methods.push((field, method));
                }
            }
            relationships.push((name.to_owned(), ids));
        }
        for (i, raw) in m.verification_method.iter().flatten().enumerate() {
            let field = format!("did_document.verificationMethod[{i}]");
            let vm: DocMembers<'_> = parse_typed(&field, raw.get())?;
            let mut method = method(&field, &vm);
            method.id = absolute(&id, &method.id);
            methods.push((field.clone(), method));
        }
        // DID Core section 5.2: a method a DID document defines is that DID's: its id is the
        // document's DID with a fragment. Another DID's method id here would let this document
        // put its key in the other DID's name.
        for (field, method) in &methods {
            if did_of(&method.id) != id {
                return Err(Error::invalid(
                    format!("{field}.id"),
                    format!("{} is not a method of {id}, the document's DID", method.id),
                ));
            }
        }
        if self.controllers.iter().any(|c| c.id == id) {
            return Err(Error::KeySetAmbiguous { reason: format!("two DID documents for {id}") });
        }
        self.add_methods(methods.into_iter().map(|(_, m)| m).collect())?;
        self.controllers.push(Controller { id, relationships });
        Ok(())
    }

    /// Adds `methods`, refusing a method id defined twice (`key.ambiguous`): which key it names
    /// would depend on the order the documents were given in. A method both listed embedded and
    /// defined again identically is one definition.
    fn add_methods(&mut self, methods: Vec<Method>) -> Result<(), Error> {
        let mut added: Vec<Method> = Vec::with_capacity(methods.len());
        for m in methods {
            match self.methods.iter().chain(&added).find(|k| k.id == m.id) {
                Some(k) if *k == m => {}
                Some(_) => {
                    return Err(Error::KeySetAmbiguous {
                        reason: format!("verification method {} is defined twice", m.id),
                    })
                }
                None => added.push(m),
            }
        }
        self.methods.extend(added);
        Ok(())
    }

    /// Whether no document was added.
    pub fn is_empty(&self) -> bool {
        self.controllers.is_empty() && self.methods.is_empty()
    }

    /// Whether the supplied controller document of `controller` lists `vm` under `purpose`;
    /// `None` when no such document was supplied.
    pub(crate) fn lists(&self, controller: &str, vm: &str, purpose: &str) -> Option<bool> {
        let doc = self.controllers.iter().find(|c| c.id == controller)?;
        Some(
            doc.relationships
                .iter()
                .any(|(name, ids)| name == purpose && ids.iter().any(|id| id == vm)),
        )
    }

    /// The key of verification method `vm`, which a proof uses for `purpose`
    /// (`assertionMethod`, `authentication`).
    ///
    /// `did:key` resolves in place (its document lists the key under every relationship). Any
    /// other method must be in a supplied document; when its DID's document is supplied, the
    /// method must be listed under `purpose` there (VC Data Integrity section 4.3, "Retrieve
    /// Verification Method"). A method's stated `controller` must be the DID whose document
    /// defines it (Controlled Identifiers 1.0 section 3.3, "Retrieve Verification Method", step
    /// 10: its controller must be the controller document's URL): a
    /// method naming another controller would otherwise be judged by a document that does not
    /// define it, or by none.
    ///
    /// # Errors
    /// `key.not_found` when nothing describes `vm` (could not check), the method's own key
    /// fault, `proof.purpose` when the method names another controller or its DID's document
    /// does not list it under `purpose`.
    pub(crate) fn resolve(&self, field: &str, vm: &str, purpose: &str) -> Result<Resolved, Error> {
        if let Some(rest) = vm.strip_prefix("did:key:") {
            return did_key(field, vm, rest);
        }
        let method =
            self.methods.iter().find(|m| m.id == vm).ok_or_else(|| Error::KeyNotFound {
                field: field.to_owned(),
                kid: vm.to_owned(),
                alg: "(verification method)".into(),
            })?;
        let key = method.key.clone()?;
        let controller_id = did_of(vm).to_owned();
        if let Some(stated) = method.controller.as_deref().filter(|c| *c != controller_id) {
            return Err(Error::ProofPurpose {
                field: field.to_owned(),
                reason: format!(
                    "{vm} names {stated} as its controller, but it is defined by {controller_id}'s \
                     document: a method's controller must be the DID that defines it"
                ),
            });
        }
        if let Some(controller) = self.controllers.iter().find(|c| c.id == controller_id) {
            let listed = controller
                .relationships
                .iter()
                .any(|(name, ids)| name == purpose && ids.iter().any(|id| id == vm));
            if !listed {
                return Err(Error::ProofPurpose {
                    field: field.to_owned(),
                    reason: format!("{controller_id} does not list {vm} under {purpose}"),
                });
            }
        }
        Ok(Resolved { id: vm.to_owned(), controller: controller_id, key, window: method.window })
    }
}

fn method(field: &str, m: &DocMembers<'_>) -> Method {
    let id = m.id.as_deref().unwrap_or_default().to_owned();
    let mut window = KeyWindow::default();
    let key = if let Some(member) = published_secret(m) {
        Err(Error::KeyInvalid {
            field: format!("{field}.{member}"),
            reason: "the verification method publishes its private key".into(),
        })
    } else if let Some(mb) = &m.public_key_multibase {
        multikey(&format!("{field}.publicKeyMultibase"), mb)
    } else if let Some(b58) = &m.public_key_base58 {
        let kind = m.kind.map(|k| k.get()).unwrap_or_default();
        bs58::decode(b58.as_bytes())
            .into_vec()
            .map_err(|e| Error::KeyInvalid {
                field: format!("{field}.publicKeyBase58"),
                reason: format!("not base58: {e}"),
            })
            .and_then(|bytes| {
                if kind.contains("Bls12381G2Key2020") {
                    Ok(PublicKey::Bls12381G2(bytes))
                } else if kind.contains("Ed25519VerificationKey2018")
                    || kind.contains("Ed25519VerificationKey2020")
                {
                    ed25519(&format!("{field}.publicKeyBase58"), &bytes)
                } else {
                    Err(Error::KeyInvalid {
                        field: format!("{field}.type"),
                        reason: format!(
                            "{kind} with publicKeyBase58 is not a key type vpcheck reads"
                        ),
                    })
                }
            })
    } else if let Some(jwk) = m.public_key_jwk {
        let jf = format!("{field}.publicKeyJwk");
        // A BLS12-381 G2 key as a JWK (`kty: OKP`, `crv: Bls12381G2`, `x` the 96-byte compressed
        // point; draft-ietf-cose-bls-key-representations), which JOSE itself never verifies with.
        #[derive(Deserialize)]
        #[serde(bound(deserialize = "'de: 'a"))]
        struct Okp<'a> {
            #[serde(default, deserialize_with = "opt_cow")]
            kty: Option<Cow<'a, str>>,
            #[serde(default, deserialize_with = "opt_cow")]
            crv: Option<Cow<'a, str>>,
            #[serde(default, deserialize_with = "opt_cow")]
            x: Option<Cow<'a, str>>,
        }
        match parse_typed::<Okp<'_>>(&jf, jwk.get()) {
            Ok(Okp { kty: Some(kty), crv: Some(crv), x })
                if kty == "OKP" && crv == "Bls12381G2" =>
            {
                use base64::Engine as _;
                // Its validity window (`nbf`/`exp`, the key-store extension of `KeySet`), read
                // as for any JWK: the proof is checked only at an instant inside it.
                public_jwk(&jf, jwk.get())
                    .map(|j| window = j.window())
                    .and_then(|()| {
                        x.ok_or_else(|| Error::KeyInvalid {
                            field: format!("{jf}.x"),
                            reason: "missing".into(),
                        })
                    })
                    .and_then(|x| {
                        base64::engine::general_purpose::URL_SAFE_NO_PAD
                            .decode(x.as_bytes())
                            .map_err(|e| Error::KeyInvalid {
                                field: format!("{jf}.x"),
                                reason: format!("not strict base64url: {e}"),
                            })
                    })
                    .and_then(|bytes| {
                        if bytes.len() == 96 {
                            Ok(PublicKey::Bls12381G2(bytes))
                        } else {
                            Err(Error::KeyInvalid {
                                field: format!("{jf}.x"),
                                reason: format!(
                                    "{} bytes, not the 96 of a BLS12-381 G2 key",
                                    bytes.len()
                                ),
                            })
                        }
                    })
            }
            _ => public_jwk(&jf, jwk.get()).map(|j| PublicKey::Jwk(Box::new(j))),
        }
    } else {
        Err(Error::KeyInvalid {
            field: field.to_owned(),
            reason: "no publicKeyMultibase, publicKeyBase58 or publicKeyJwk".into(),
        })
    };
    Method { id, controller: m.controller.as_deref().map(str::to_owned), key, window }
}

/// The DID a DID URL names: the part before its fragment.
pub(crate) fn did_of(id: &str) -> &str {
    id.split_once('#').map_or(id, |(did, _)| did)
}

/// `reference` as an absolute DID URL: a relative one (`#key-1`, DID Core section 3.2.2) names
/// a fragment of the document `did` it appears in.
fn absolute(did: &str, reference: &str) -> String {
    if reference.starts_with('#') {
        format!("{did}{reference}")
    } else {
        reference.to_owned()
    }
}

/// A verification method's `publicKeyJwk`, which must hold no private member (`d`, `p`, ...,
/// and `k`, the key of a symmetric `oct` JWK; RFC 7518 section 7.6.2 classes them "Private", and
/// DID Core section 5.2.1, "Verification Material", forbids them here): a key whose private part
/// a document publishes can be used by anyone who read it, so its signatures vouch for nothing.
fn public_jwk(field: &str, text: &str) -> Result<Jwk, Error> {
    let jwk = Jwk::parse(field, text)?;
    if jwk.carries_secret() {
        return Err(Error::KeyInvalid {
            field: field.to_owned(),
            reason: "a publicKeyJwk carries private key members: its private key is published"
                .into(),
        });
    }
    Ok(jwk)
}

fn ed25519(field: &str, bytes: &[u8]) -> Result<PublicKey, Error> {
    <[u8; 32]>::try_from(bytes).map(PublicKey::Ed25519).map_err(|_| Error::KeyInvalid {
        field: field.to_owned(),
        reason: format!("{} bytes, not the 32 of an Ed25519 key", bytes.len()),
    })
}

/// A Multikey value (Controller Documents section 2.2.2): `z` (base58btc), then a multicodec
/// prefix, then the key.
fn multikey(field: &str, value: &str) -> Result<PublicKey, Error> {
    let invalid = |reason: String| Error::KeyInvalid { field: field.to_owned(), reason };
    let b58 = value
        .strip_prefix('z')
        .ok_or_else(|| invalid("not base58btc multibase (no leading z)".into()))?;
    let bytes =
        bs58::decode(b58.as_bytes()).into_vec().map_err(|e| invalid(format!("not base58: {e}")))?;
    if let Some(key) = bytes.strip_prefix(&MULTICODEC_ED25519[..]) {
        ed25519(field, key)
    } else if let Some(key) = bytes.strip_prefix(&MULTICODEC_BLS12381_G2[..]) {
        if key.len() != 96 {
            return Err(invalid(format!("{} bytes, not the 96 of a BLS12-381 G2 key", key.len())));
        }
        Ok(PublicKey::Bls12381G2(key.to_vec()))
    } else if let Some(key) = bytes.strip_prefix(&MULTICODEC_P256[..]) {
        ec_point(field, Curve::P256, key)
    } else if let Some(key) = bytes.strip_prefix(&MULTICODEC_P384[..]) {
        ec_point(field, Curve::P384, key)
    } else {
        Err(invalid(
            "a multicodec other than Ed25519 (0xed), BLS12-381 G2 (0xeb), P-256 (0x1200) or \
             P-384 (0x1201)"
                .into(),
        ))
    }
}

/// A P-256 or P-384 Multikey's key: the compressed SEC1 point (vc-di-ecdsa section 2.1.1,
/// "Multikey": 33 or 49 bytes), decompressed once here so that each signature check does not.
/// A point not on the curve, or another encoding, is `key.invalid`.
pub(crate) fn ec_point(field: &str, curve: Curve, compressed: &[u8]) -> Result<PublicKey, Error> {
    let invalid = |reason: String| Error::KeyInvalid { field: field.to_owned(), reason };
    let len = 1 + curve.coordinate_len();
    if compressed.len() != len || !matches!(compressed.first(), Some(2 | 3)) {
        return Err(invalid(format!(
            "{} bytes, not the {len} of a compressed {} point",
            compressed.len(),
            curve.name()
        )));
    }
    use p256::elliptic_curve::sec1::ToEncodedPoint as _;
    // `from_sec1_bytes` decompresses and refuses a point off the curve (or the identity).
    let point = match curve {
        Curve::P256 => p256::PublicKey::from_sec1_bytes(compressed)
            .map(|k| k.to_encoded_point(false).as_bytes().to_vec()),
        Curve::P384 => p384::PublicKey::from_sec1_bytes(compressed)
            .map(|k| k.to_encoded_point(false).as_bytes().to_vec()),
        Curve::P521 | Curve::Secp256k1 => {
            return Err(invalid(format!("{} is not a Multikey curve here", curve.name())))
        }
    };
    point
        .map(|point| PublicKey::Ec { curve, point })
        .map_err(|_| invalid(format!("not a point of {}", curve.name())))
}

/// `did:key` (W3C CCG did:key section 3.1.3): the method-specific id is the Multikey; the
/// fragment, when present, must repeat it.
fn did_key(field: &str, vm: &str, rest: &str) -> Result<Resolved, Error> {
    let (id, fragment) = rest.split_once('#').unwrap_or((rest, rest));
    if fragment != id {
        return Err(Error::KeyInvalid {
            field: field.to_owned(),
            reason: format!("{vm}: the fragment of a did:key is its key"),
        });
    }
    let key = multikey(field, id)?;
    Ok(Resolved {
        id: vm.to_owned(),
        controller: format!("did:key:{id}"),
        key,
        window: KeyWindow::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const VM: &str = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";

    #[test]
    fn did_key_resolves_in_place() {
        let dids = DidDocuments::new();
        let r = dids.resolve("vm", VM, "assertionMethod").unwrap();
        assert!(matches!(r.key, PublicKey::Ed25519(_)));
        assert_eq!(r.controller, "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
        let code =
            |vm: &str| dids.resolve("vm", vm, "assertionMethod").err().map_or("ok", |e| e.code());
        assert_eq!(
            code("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#other"),
            "key.invalid"
        );
        assert_eq!(code("did:key:x6Mk"), "key.invalid");
        assert_eq!(code("did:key:z111"), "key.invalid");
        assert_eq!(code("did:example:nobody#key-1"), "key.not_found");
    }

    #[test]
    fn bls_keys_as_jwk_and_base58_are_the_same() {
        use base64::Engine as _;
        let b58 = "oqpWYKaZD9M1Kbe94BVXpr8WTdFBNZyKv48cziTiQUeuhm7sBhCABMyYG4kcMrseC68YTFFgyhiNeBKjzdKk9MiRWuLv5H4FFujQsQK2KTAtzU8qTBiZqBHMmnLF4PL7Ytu";
        let bytes = bs58::decode(b58).into_vec().unwrap();
        let x = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes);
        let mut dids = DidDocuments::new();
        let doc = format!(
            r#"{{"id":"did:example:jwk#k","type":"JsonWebKey2020","controller":"did:example:jwk","publicKeyJwk":{{"kty":"OKP","crv":"Bls12381G2","x":"{x}"}}}}"#
        );
        dids.add_json(doc.as_bytes()).unwrap();
        let r = dids.resolve("vm", "did:example:jwk#k", "assertionMethod").unwrap();
        assert_eq!(r.key, PublicKey::Bls12381G2(bytes));
    }

    /// `did:web` is never fetched: its document, read from a file, is resolved like any other.
    #[test]
    fn did_web_from_a_document() {
        let mut dids = DidDocuments::new();
        dids.add_json(
            br#"{"id": "did:web:issuer.example", "assertionMethod": ["did:web:issuer.example#key-1"],
                 "verificationMethod": [{"id": "did:web:issuer.example#key-1", "type": "Multikey",
                   "controller": "did:web:issuer.example",
                   "publicKeyMultibase": "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"}]}"#,
        )
        .unwrap();
        let r = dids.resolve("vm", "did:web:issuer.example#key-1", "assertionMethod").unwrap();
        assert!(matches!(r.key, PublicKey::Ed25519(_)));
        assert_eq!(r.controller, "did:web:issuer.example");
        assert_eq!(
            dids.resolve("vm", "did:web:other.example#key-1", "assertionMethod")
                .unwrap_err()
                .code(),
            "key.not_found"
        );
    }

    #[test]
    fn documents_and_purposes() {
        let mut dids = DidDocuments::new();
        dids.add_json(include_bytes!("../test-vectors/dids/did_example_489398593.json")).unwrap();
        dids.add_json(include_bytes!("../test-vectors/dids/did_example_489398593_test.json"))
            .unwrap();
        let r = dids.resolve("vm", "did:example:489398593#test", "assertionMethod").unwrap();
        assert!(matches!(&r.key, PublicKey::Bls12381G2(k) if k.len() == 96));
        let e = dids.resolve("vm", "did:example:489398593#test", "authentication").unwrap_err();
        assert_eq!(e.code(), "proof.purpose");
    }
}

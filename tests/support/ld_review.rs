//! What reviews 22 and 23 share: their outcome helpers, the W3C vc-di-bbs windsurf
//! credential's policy, and credentials signed here with ecdsa-rdfc-2019 or ecdsa-jcs-2019 under
//! the W3C vc-di-ecdsa P-256 and P-384 key pairs (`Signing`), beside the JWK and DID document
//! shapes both attack. Apart from `support` because the CLI's tests share that module and do
//! not depend on the curve crates or serde_json_canonicalizer.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{json, Value};
use vpcheck::{DidDocuments, Policy, TrustedIssuer};

use crate::support::{at, json_vector, outcome_codes, verify_outcome};

pub type Outcome = Result<Value, (String, Vec<String>)>;

pub fn run(doc: &Value, policy: &Policy) -> Outcome {
    verify_outcome(&doc.to_string(), policy)
}

pub fn edit(doc: &Value, f: impl FnOnce(&mut Value)) -> Value {
    let mut d = doc.clone();
    f(&mut d);
    d
}

/// The verdict's name (`verified` when Ok) and the codes.
pub fn verdict(r: &Outcome) -> (String, Vec<String>) {
    let name = match r {
        Ok(_) => "verified".to_owned(),
        Err((n, _)) => n.clone(),
    };
    (name, outcome_codes(r))
}

pub const BBS: &str = "ld/vc-di-bbs-2023/";

pub const BBS_ISSUER: &str = "https://vc.example/windsurf/racecommittee";

pub const BBS_KEY: &str = "did:key:zUC7DerdEmfZ8f4pFajXgGwJoMkV1ofMTmEG5UoNvnWiPiLuGKNeqgRpLH2TV4Xe5mJ2cXV76gRN7LFQwapF1VFu6x2yrr5ci1mXqC1WNUrnHnLgvfZfMH7h6xP6qsf9EKRQrPQ";

pub fn bbs_vm() -> String {
    format!("{BBS_KEY}#{}", &BBS_KEY[8..])
}

pub fn bbs_policy() -> Policy {
    let mut dids = DidDocuments::new();
    dids.add_json(json!({"id": BBS_ISSUER, "assertionMethod": [bbs_vm()]}).to_string().as_bytes())
        .unwrap();
    Policy::at(at("2024-06-01T00:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::from_did_url(BBS_ISSUER, false))
        .trust_embedded_context(
            json!({"@vocab": "https://windsurf.grotto-networking.com/selective#"}),
        )
        .allow_withheld("validUntil")
}

pub fn bbs_derived() -> Value {
    json_vector(&format!("{BBS}derivedRevealDocument.json"))
}

pub fn bbs_base() -> Value {
    json_vector(&format!("{BBS}addSignedSDBase.json"))
}

/// The W3C P-256 key's did:key.
pub const SIGNER: &str = "did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP";

/// The W3C P-384 key's did:key.
pub const SIGNER384: &str =
    "did:key:z82LkuBieyGShVBhvtE2zoiD6Kma4tJGFtkAhxR5pfkp5QPw4LutoYWhvQCnGjdVn14kujQ";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Curve {
    P256,
    P384,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Suite {
    Rdfc,
    Jcs,
}

impl Suite {
    pub fn name(self) -> &'static str {
        match self {
            Suite::Rdfc => "ecdsa-rdfc-2019",
            Suite::Jcs => "ecdsa-jcs-2019",
        }
    }
}

pub fn vm_of(did: &str) -> String {
    format!("{did}#{}", &did[8..])
}

/// The W3C key pair of `curve`, and its uncompressed public point.
pub fn key_pair(curve: Curve) -> (ring::signature::EcdsaKeyPair, Vec<u8>) {
    let (file, alg) = match curve {
        Curve::P256 => ("p256KeyPair.json", &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING),
        Curve::P384 => ("p384KeyPair.json", &ring::signature::ECDSA_P384_SHA384_FIXED_SIGNING),
    };
    let keys = json_vector(&format!("ld/vc-di-ecdsa/{file}"));
    let secret =
        bs58::decode(&keys["secretKeyMultibase"].as_str().unwrap()[1..]).into_vec().unwrap();
    let public =
        bs58::decode(&keys["publicKeyMultibase"].as_str().unwrap()[1..]).into_vec().unwrap();
    let long = match curve {
        Curve::P256 => {
            let k = p256::PublicKey::from_sec1_bytes(&public[2..]).unwrap();
            p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(&k, false)
                .as_bytes()
                .to_vec()
        }
        Curve::P384 => {
            let k = p384::PublicKey::from_sec1_bytes(&public[2..]).unwrap();
            p384::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(&k, false)
                .as_bytes()
                .to_vec()
        }
    };
    let pair = ring::signature::EcdsaKeyPair::from_private_key_and_public_key(
        alg,
        &secret[2..],
        &long,
        &ring::rand::SystemRandom::new(),
    )
    .unwrap();
    (pair, long)
}

pub fn jcs(v: &Value) -> String {
    serde_json_canonicalizer::to_string(v).unwrap()
}

/// How a test proof is made.
#[derive(Clone)]
pub struct Signing {
    pub suite: Suite,
    pub curve: Curve,
    pub vm: String,
    /// Proof option members set (a `null` removes one).
    pub extra: Vec<(&'static str, Value)>,
    /// ecdsa-jcs-2019: the proof's `@context` (the document's when `None`; vc-di-ecdsa
    /// section 3.3.2); `Some(Value::Null)` for none.
    pub proof_context: Option<Value>,
    /// The `proof` the new proof chains to (VC Data Integrity section 4.2: signed with the
    /// document).
    pub previous: Option<Value>,
}

impl Signing {
    pub fn new(suite: Suite, curve: Curve) -> Self {
        let did = match curve {
            Curve::P256 => SIGNER,
            Curve::P384 => SIGNER384,
        };
        Signing { suite, curve, vm: vm_of(did), extra: vec![], proof_context: None, previous: None }
    }

    pub fn with(mut self, name: &'static str, value: Value) -> Self {
        self.extra.push((name, value));
        self
    }

    /// The proof of `doc` (without proof).
    pub fn proof(&self, doc: &Value, policy: &Policy) -> Value {
        let mut options = json!({"type": "DataIntegrityProof", "cryptosuite": self.suite.name(),
            "created": "2024-01-01T00:00:00Z", "verificationMethod": self.vm,
            "proofPurpose": "assertionMethod"});
        for (name, value) in &self.extra {
            if value.is_null() {
                options.as_object_mut().unwrap().remove(*name);
            } else {
                options[*name] = value.clone();
            }
        }
        let mut signed_doc = doc.clone();
        if let Some(previous) = &self.previous {
            signed_doc["proof"] = previous.clone();
        }
        let (proof_text, doc_text) = match self.suite {
            Suite::Rdfc => {
                let mut with_context = options.clone();
                with_context["@context"] = doc["@context"].clone();
                (
                    vpcheck::testing::canonical_nquads(&with_context, policy).unwrap(),
                    vpcheck::testing::canonical_nquads(&signed_doc, policy).unwrap(),
                )
            }
            Suite::Jcs => {
                let context = self.proof_context.clone().unwrap_or_else(|| doc["@context"].clone());
                if !context.is_null() {
                    options["@context"] = context.clone();
                    signed_doc["@context"] = context;
                }
                (jcs(&options), jcs(&signed_doc))
            }
        };
        let hash = match self.curve {
            Curve::P256 => &ring::digest::SHA256,
            Curve::P384 => &ring::digest::SHA384,
        };
        let mut data = ring::digest::digest(hash, proof_text.as_bytes()).as_ref().to_vec();
        data.extend_from_slice(ring::digest::digest(hash, doc_text.as_bytes()).as_ref());
        let (pair, _) = key_pair(self.curve);
        let sig = pair.sign(&ring::rand::SystemRandom::new(), &data).unwrap();
        options["proofValue"] = json!(format!("z{}", bs58::encode(sig.as_ref()).into_string()));
        options
    }

    /// `doc` signed.
    pub fn sign(&self, doc: &Value, policy: &Policy) -> Value {
        let mut out = doc.clone();
        out["proof"] = self.proof(doc, policy);
        out
    }
}

/// A credential by `issuer` in the shipped citizenship v1 context, whose subject's names and
/// birth date are read as claims (schema.org terms).
pub fn credential(issuer: &str) -> Value {
    json!({
        "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/citizenship/v1",
            "https://w3id.org/security/data-integrity/v2"],
        "id": "urn:uuid:0b8c7d66-1f2e-4a4e-9d2c-2a1f0d5e3c11",
        "type": ["VerifiableCredential", "PermanentResidentCard"],
        "issuer": issuer,
        "issuanceDate": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:holder", "type": ["PermanentResident", "Person"],
            "givenName": "JANE", "familyName": "DOE", "birthDate": "1990-01-01T00:00:00Z"}
    })
}

pub fn ec_policy() -> Policy {
    Policy::at(at("2025-01-01T00:00:00Z"))
        .trust_issuer(TrustedIssuer::from_did_url(SIGNER, false))
        .trust_issuer(TrustedIssuer::from_did_url(SIGNER384, false))
}

/// The W3C P-256 (or P-384) public key as an EC JWK.
pub fn jwk_of(curve: Curve) -> Value {
    let (_, long) = key_pair(curve);
    let n = (long.len() - 1) / 2;
    let crv = if curve == Curve::P256 { "P-256" } else { "P-384" };
    json!({"kty": "EC", "crv": crv, "x": URL_SAFE_NO_PAD.encode(&long[1..=n]),
        "y": URL_SAFE_NO_PAD.encode(&long[n + 1..])})
}

/// The JWK method `id` (controller `controller`, when given) as a verification-method entry.
pub fn jwk_method(id: &str, controller: Option<&str>, curve: Curve) -> Value {
    let mut m = json!({"id": id, "type": "JsonWebKey2020", "publicKeyJwk": jwk_of(curve)});
    if let Some(c) = controller {
        m["controller"] = json!(c);
    }
    m
}

pub const DID_A: &str = "did:example:a";

pub const DID_B: &str = "did:example:b";

/// `did:example:a`'s credential signed by method `vm` with the P-256 key, under each suite.
pub fn a_outcomes(vm: &str, policy: &Policy) -> Vec<Outcome> {
    [Suite::Rdfc, Suite::Jcs]
        .into_iter()
        .map(|suite| {
            let s = Signing { vm: vm.to_owned(), ..Signing::new(suite, Curve::P256) };
            run(&s.sign(&credential(DID_A), policy), policy)
        })
        .collect()
}

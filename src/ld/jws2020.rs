//! `JsonWebSignature2020` (W3C CCG Linked Data Proof JSON Web Signature 2020,
//! <https://w3c-ccg.github.io/lds-jws2020/>): the canonical hashes of `Ed25519Signature2020`,
//! signed as a detached JWS with an unencoded payload.

use serde_json::Value;

use crate::did::{DidDocuments, PublicKey};
use crate::error::Error;
use crate::ld::proof::{
    hash_data, no_canonicaliser, split_proof, Canonicalize, ProofContext, ProofSuite, SplitProof,
    VerifiedProof,
};

/// The suite.
pub(crate) struct JsonWebSignature2020;

impl ProofSuite for JsonWebSignature2020 {
    fn verify(
        &self,
        field: &str,
        document: &str,
        index: usize,
        cx: &ProofContext<'_>,
    ) -> Result<VerifiedProof, Error> {
        verify_jws2020(field, document, index, cx.dids, cx.algorithms, cx.at, cx.limits, cx.rdfc)
    }
}

/// Verifies a `JsonWebSignature2020` proof (W3C CCG Linked Data Proof JSON Web Signature 2020,
/// section 4.2): the same canonical hashes as `Ed25519Signature2020`, signed as a detached JWS
/// with an unencoded payload (`b64: false`, RFC 7797) whose algorithm is the verifier's to allow
/// and must fit the method's `publicKeyJwk`, judged at `at` (a JWK's `nbf`/`exp` window, as for
/// [`crate::KeySet`]).
///
/// # Errors
/// As the EdDSA suites ([`crate::ld::eddsa`]), plus the JWS errors (`jws.*`, `key.*`, `signature.invalid`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn verify_jws2020(
    field: &str,
    document: &str,
    index: usize,
    dids: &DidDocuments,
    allowed: &[crate::Algorithm],
    at: chrono::DateTime<chrono::Utc>,
    limits: &crate::Limits,
    rdfc: Option<&dyn Canonicalize>,
) -> Result<VerifiedProof, Error> {
    const SUITE: &str = "JsonWebSignature2020";
    let rdfc = rdfc.ok_or_else(|| no_canonicaliser(field, SUITE))?;
    let SplitProof { unsecured, mut options, signature: jws, purpose, verification_method: vm } =
        split_proof(field, document, index, "jws")?;
    if let Some(context) = unsecured.get("@context") {
        options.insert("@context".into(), context.clone());
    }
    let options = rdfc.canonical(&format!("{field}(options)"), &Value::Object(options))?;
    let document = rdfc.canonical(field, &Value::Object(unsecured))?;
    let hash_data = hash_data(&options.nquads, &document.nquads);

    let resolved = dids.resolve(&format!("{field}.verificationMethod"), &vm, &purpose)?;
    let PublicKey::Jwk(jwk) = resolved.key.clone() else {
        return Err(Error::KeyAlgMismatch {
            field: field.to_owned(),
            alg: SUITE.to_owned(),
            kid: vm,
            reason: "JsonWebSignature2020 needs a publicKeyJwk".into(),
        });
    };
    let jws_field = format!("{field}.jws");
    let token = crate::jose::jws::UnverifiedJws::decode(&jws_field, &jws, limits)?;
    // The payload is detached and unencoded (suite section 4.2): the JWS must say so.
    if !token.is_detached() || token.header()?.b64 != Some(false) {
        return Err(Error::JwsB64Unsupported {
            field: jws_field,
            reason: "JsonWebSignature2020 signs a detached payload with b64 false".into(),
        });
    }
    let token = token.with_detached_payload(&jws_field, &hash_data)?;
    // A proof any reader of the issuer's public document could make vouches for nothing: the
    // suite's key types are asymmetric, so HMAC is refused whatever the policy allows for JWTs.
    // (Defence in depth: `DidDocuments` already refuses a symmetric key, `key.invalid`.)
    let asymmetric: Vec<crate::Algorithm> =
        allowed.iter().copied().filter(|a| !a.is_symmetric()).collect();
    token.verify_signatures(&jws_field, &crate::KeySet::single(*jwk), &asymmetric, at)?;
    Ok(VerifiedProof {
        verification_method: resolved.id,
        controller: resolved.controller,
        document: document.dataset,
        options: options.dataset,
        selective: false,
        presentation_header: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No JsonWebSignature2020 vector is published beside the vc-di-eddsa ones: this signs one
    /// here (Ed25519 from a fixed seed) through the same canonical forms, then tampers with it.
    #[cfg(feature = "ld")]
    #[test]
    fn json_web_signature_2020_round_trip() {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
        use base64::Engine as _;
        use ed25519_dalek::Signer as _;
        let policy = crate::Policy::at(chrono::DateTime::UNIX_EPOCH);
        crate::ld::with_rdfc(&policy, |rdfc| {
            let key = ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]);
            let vm = "did:example:jws2020#key-1";
            let mut dids = DidDocuments::new();
            let vm_doc = serde_json::json!({"id": vm, "type": "JsonWebKey2020", "controller": "did:example:jws2020",
                "publicKeyJwk": {"kty": "OKP", "crv": "Ed25519", "x": B64.encode(key.verifying_key().as_bytes())}});
            dids.add_json(vm_doc.to_string().as_bytes()).unwrap();
            let mut doc: Value = serde_json::from_str(include_str!(
                "../../test-vectors/ld/vc-di-eddsa/eddsa-rdfc-2022-signed.json"
            ))
            .unwrap();
            doc.as_object_mut().unwrap().remove("proof");
            let mut options = serde_json::json!({"type": "JsonWebSignature2020", "created": "2023-02-24T23:36:38Z",
                "verificationMethod": vm, "proofPurpose": "assertionMethod"});
            options["@context"] = doc["@context"].clone();
            let mut hash = ring::digest::digest(
                &ring::digest::SHA256,
                rdfc.canonical("o", &options).unwrap().nquads.as_bytes(),
            )
            .as_ref()
            .to_vec();
            hash.extend_from_slice(
                ring::digest::digest(
                    &ring::digest::SHA256,
                    rdfc.canonical("d", &doc).unwrap().nquads.as_bytes(),
                )
                .as_ref(),
            );
            let header = B64.encode(r#"{"alg":"EdDSA","b64":false,"crit":["b64"]}"#);
            let mut input = format!("{header}.").into_bytes();
            input.extend_from_slice(&hash);
            let jws = format!("{header}..{}", B64.encode(key.sign(&input).to_bytes()));
            options.as_object_mut().unwrap().remove("@context");
            options["jws"] = Value::String(jws);
            doc["proof"] = options;
            let text = doc.to_string();
            let all = crate::Algorithm::ALL;
            let limits = crate::Limits::default();
            let check = |text: &str, allowed: &[crate::Algorithm]| {
                verify_jws2020(
                    "proof",
                    text,
                    0,
                    &dids,
                    allowed,
                    chrono::DateTime::UNIX_EPOCH,
                    &limits,
                    Some(rdfc),
                )
                .err()
                .map_or("ok", |e| e.code())
            };
            assert_eq!(check(&text, &all), "ok");
            assert_eq!(
                check(&text.replace("The School of Examples", "The School of Forgeries"), &all),
                "signature.invalid"
            );
            assert_eq!(check(&text, &[crate::Algorithm::ES256]), "jws.alg_not_allowed");
            assert_eq!(check(&text.replace(vm, "did:example:other#key-1"), &all), "key.not_found");
        });
    }
}

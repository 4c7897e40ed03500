//! # vpcheck
//!
//! Offline, zero-copy checking of what identity-verification vendors hand back: Trinsic Connect
//! sessions and their JSON-LD `result_vp`, Trinsic's sessions API, Hopae userinfo with its
//! provenance and evidence, Incode and Regula results, and generic signed presentations.
//!
//! [`parse`] recognises the format and borrows from the input; [`Unverified::verify`] runs every
//! state, time, binding and evidence check a [`Policy`] asks for and hands out the normalised
//! [`IdentityClaims`] only when all of them pass. The library never reads the clock, never
//! opens a socket: the verification instant, keys and contexts are inputs.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use vpcheck::{parse, Limits, Policy, Verdict};
//!
//! let bytes = include_bytes!("../test-vectors/trinsic-sessions/result-success.json");
//! let result = parse(bytes, &Limits::default())?;
//! // Trinsic's sessions API signs nothing: such a result is "could not check" unless the caller
//! // accepts unsigned formats, and its claims come back only when the caller also accepts
//! // unsigned claims (they are listed in `Verified::unsigned` either way).
//! let policy = Policy::at(Utc.with_ymd_and_hms(2024, 8, 1, 16, 0, 0).unwrap())
//!     .expect_session_id("678c1ff6-2178-49e7-81d2-548afb6f85ec")
//!     .allow_unsigned_formats()
//!     .allow_unsigned_claims();
//! let refused = result.verify(&Policy::at(Utc.with_ymd_and_hms(2024, 8, 1, 16, 0, 0).unwrap()));
//! assert_eq!(refused.unwrap_err().verdict(), Verdict::Unchecked);
//! match result.verify(&policy) {
//!     Ok(verified) => {
//!         let claims = verified.claims();
//!         assert_eq!(claims.family_name.as_deref(), Some("Doe"));
//!         assert_eq!(claims.document.as_ref().and_then(|d| d.issuing_country), Some("US"));
//!     }
//!     Err(rejection) => panic!("{rejection}"),
//! }
//!
//! // A failed session is rejected with the vendor's own fail code in the message.
//! let failed = include_bytes!("../test-vectors/trinsic-connect/session-fail-USER_CANCELED.json");
//! let rejection = parse(failed, &Limits::default())?.verify(&policy).unwrap_err();
//! assert_eq!(rejection.verdict(), Verdict::Rejected);
//! assert!(rejection.errors().iter().any(|e| e.code() == "session.failed"));
//! assert!(rejection.to_string().contains("SESSION_FAIL_USER_CANCELED"));
//! # Ok::<(), vpcheck::Error>(())
//! ```
//!
//! Signatures and trust: a valid signature vouches for a result only when the caller trusts
//! its signer for the role it signed in. JWS signatures (compact and JSON serializations, JWTs,
//! JWT credentials and presentations, Hopae and Incode ID tokens and relayed evidence tokens) are
//! verified against the key set the policy binds to their role ([`KeySet`];
//! [`Policy::with_issuer_keys`] by `iss`, [`Policy::with_holder_keys`],
//! [`Policy::with_hopae_keys`], [`Policy::with_incode_keys`], [`Policy::with_evidence_keys`] by
//! the evidence token's `iss`,
//! [`Policy::with_signer_keys`]); a key of another role is `key.wrong_role`, and without keys
//! for the role the result could not be checked (`issuer.untrusted`, `signature.not_checked`),
//! or relayed evidence is skipped. JSON-LD proofs (BBS+ 2020, Ed25519 Data Integrity,
//! JsonWebSignature2020) are verified with keys from `did:key` or the policy's
//! [`DidDocuments`], over JSON-LD canonicalised offline with shipped or supplied contexts, and
//! count only when the credential's issuer is trusted ([`Policy::trust_issuer`]); a missing
//! key, context or trust makes the result [`Verdict::Unchecked`], never verified.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use vpcheck::{parse, KeySet, Limits, Policy};
//!
//! let token = include_str!("../test-vectors/jwt-signed/eddsa-valid.jwt");
//! let keys = KeySet::from_json(include_bytes!("../test-vectors/keys/issuer.jwks.json"))?;
//! let policy = Policy::at(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap())
//!     .with_issuer_keys("did:example:issuer", keys)
//!     .expect_audience("https://verifier.example")
//!     .expect_nonce("c-7f2a");
//! let unverified = parse(token.as_bytes(), &Limits::default())?;
//! let verified = unverified.verify(&policy).expect("signature, time, aud and nonce all pass");
//! assert!(verified.report().checks().iter().any(|c| c.name == "signature.jws"));
//! # Ok::<(), vpcheck::Error>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

// The layers, bottom first; a module uses only those listed before it (CONTRIBUTING.md, "Layers";
// `tests/module_graph.rs` fails on an arrow pointing up).
mod budget;
mod error;
mod format;
mod limits;
mod time;

mod input;

mod did;
mod jose;

mod model;

mod ld;

mod claims;

mod verify;

pub mod audit;

pub mod dangerous {
    //! Escape hatches that bypass verification, kept in this one module so that `grep dangerous`
    //! finds every use: everywhere else, identity claims are reachable only from what `verify`
    //! returns (parse, don't validate).
    //!
    //! The vendor models hold everything a result carries, identity data included, *before* any
    //! check ran. Reading claims from them is reading unverified data.

    pub use crate::input::borrow::{Members, OneOrMany, TextOrNumber};
    pub use crate::jose::jws::{JwsHeader, JwtClaims, NumericDate, Serialization, UnverifiedJws};
    pub use crate::jose::verify::VerifiedSignature;
    pub use crate::model::{
        hopae, incode, jsonld, regula, trinsic_connect, trinsic_provider_output, trinsic_sessions,
    };
    pub use crate::time::UnixSeconds;
    pub use crate::verify::evidence::{check_names, split_names};
    pub use crate::verify::unverified::Parsed;

    /// The unverified vendor model of a parsed result.
    pub fn model<'s, 'a>(unverified: &'s crate::Unverified<'a>) -> &'s Parsed<'a> {
        unverified.parsed()
    }
}

#[doc(hidden)]
pub mod fuzzing {
    //! Hooks for the fuzz targets and property tests: internal invariants checked on arbitrary
    //! input. Not a stable API.

    /// The structure pass's fast scan against its serde_json reference, and the vendor models
    /// read from the top-level members against serde_json's parse of the whole text (see
    /// `src/input/json.rs` and `src/model/mod.rs`). `Err` describes a disagreement: a bug.
    pub fn json_tiers_agree(bytes: &[u8]) -> Result<(), String> {
        let limits = crate::Limits::default();
        match crate::input::json::check_text("", bytes, &limits) {
            Ok(text) => crate::model::tiers_agree(text, &limits),
            Err(_) => Ok(()),
        }
    }

    /// The event of a Hopae webhook body, read as if its signature had verified (the fuzzer
    /// cannot sign): `Err` describes a broken invariant of the event it returned.
    pub fn webhook_event(body: &[u8]) -> Result<(), String> {
        // Signed in 2100, so that every event time up to then passes the ordering check.
        let signed_at = chrono::DateTime::from_timestamp(4_102_444_800, 0).unwrap_or_default();
        let policy = crate::Policy::at(signed_at);
        match crate::verify::webhook::read_event(body, signed_at, &policy) {
            Ok(e) if e.verification_id.is_empty() => Err("an empty verification id".into()),
            Ok(e) if !e.kind_stated && e.status.is_none() => {
                Err("an event neither stated nor implied by a status".into())
            }
            _ => Ok(()),
        }
    }
}

#[doc(hidden)]
pub mod testing {
    //! What the tests need to sign documents as an issuer would: the canonical form the RDF
    //! suites sign; and the hooks the third-party suites run through (JSON, RDFC-1.0,
    //! JSON-LD). Not a stable API.

    #[cfg(feature = "bbs")]
    pub use crate::ld::bbs2020::BbsProofInputs;

    /// Runs `f` with a canonicaliser of `policy`'s contexts, limits and caches (a fresh work
    /// budget): the setup of the hooks below that canonicalise.
    #[cfg(feature = "ld")]
    fn with_canonicalizer<T>(
        policy: &crate::Policy,
        f: impl FnOnce(&dyn crate::ld::proof::Canonicalize) -> Result<T, crate::Error>,
    ) -> Result<T, crate::Error> {
        let budget = crate::budget::Budget::new(policy.limits().max_work);
        let rdfc = crate::ld::canonicalizer(
            policy.ld_contexts(),
            *policy.limits(),
            &budget,
            policy.caches().ld(),
        )
        .ok_or_else(|| crate::Error::invalid("document", "no canonicaliser"))?;
        f(&rdfc)
    }

    /// The bare checks of `benches/data_integrity.rs`: what the signatures of an ecdsa-sd-2023
    /// proof (proof 0 of `document`, canonicalised with `policy`'s contexts) sign, as
    /// `(sign data, base signature, ephemeral multikey, [(statement, its signature)])`.
    ///
    /// # Errors
    /// The suite's, short of the signature checks.
    #[cfg(feature = "ld")]
    #[allow(clippy::type_complexity)]
    pub fn ecdsa_sd_verify_data(
        document: &str,
        policy: &crate::Policy,
    ) -> Result<(Vec<u8>, Vec<u8>, Vec<u8>, Vec<(Vec<u8>, Vec<u8>)>), crate::Error> {
        let data = with_canonicalizer(policy, |rdfc| {
            let split = crate::ld::proof::split_proof("proof", document, 0, "proofValue")?;
            crate::ld::ecdsa_sd::verify_data("proof", split, rdfc)
        })?;
        let pairs =
            data.statements.into_iter().map(String::into_bytes).zip(data.signatures).collect();
        Ok((data.sign_data, data.base_signature, data.public_key, pairs))
    }

    /// The bare check of `benches/data_integrity.rs` for a bbs-2023 derived proof (proof 0 of
    /// `document`, canonicalised with `policy`'s contexts): `(BBS proof, header, presentation
    /// header, [(index, disclosed message)])`, what `ProofVerify` takes.
    ///
    /// # Errors
    /// The suite's, short of the BBS check; `field.invalid` for a base proof.
    #[cfg(feature = "bbs")]
    #[allow(clippy::type_complexity)]
    pub fn bbs2023_derived_inputs(
        document: &str,
        policy: &crate::Policy,
    ) -> Result<(Vec<u8>, Vec<u8>, Vec<u8>, Vec<(usize, Vec<u8>)>), crate::Error> {
        use crate::ld::bbs2023::inputs::{bbs_inputs, BbsInput};
        let inputs = with_canonicalizer(policy, |rdfc| {
            let split = crate::ld::proof::split_proof("proof", document, 0, "proofValue")?;
            bbs_inputs("proof", split, rdfc)
        })?;
        match inputs {
            BbsInput::Derived(d) => Ok((d.proof, d.header, d.presentation_header, d.disclosed)),
            BbsInput::Base(_) => Err(crate::Error::invalid("proof.proofValue", "a base proof")),
        }
    }

    /// Why the IETF BBS core (bbs-2023) refused a signature or proof.
    #[cfg(feature = "bbs")]
    pub use crate::ld::bbs2023::core::CoreError as BbsCoreError;

    /// The IETF BBS `Verify` (draft-irtf-cfrg-bbs-signatures, BLS12-381-SHA-256 ciphersuite)
    /// that bbs-2023 base proofs rest on, with the shared caches' generators
    /// ([`crate::Caches::shared`]): for `tests/cfrg_bbs_fixtures.rs` and the benchmarks.
    ///
    /// # Errors
    /// The core's: a malformed key, signature or message count, or `Invalid`.
    #[cfg(feature = "bbs")]
    pub fn bbs_core_verify(
        public_key: &[u8],
        signature: &[u8],
        header: &[u8],
        messages: &[&[u8]],
    ) -> Result<(), BbsCoreError> {
        crate::ld::bbs2023::core::verify(
            crate::Caches::shared().bbs2023_generators(),
            public_key,
            signature,
            header,
            messages,
        )
    }

    /// The IETF BBS `ProofVerify` (BLS12-381-SHA-256) that bbs-2023 derived proofs rest on:
    /// `disclosed` is each disclosed message with its index among the signed ones, ascending.
    ///
    /// # Errors
    /// The core's: a malformed key, proof or index list, or `Invalid`.
    #[cfg(feature = "bbs")]
    pub fn bbs_core_proof_verify(
        public_key: &[u8],
        proof: &[u8],
        header: &[u8],
        presentation_header: &[u8],
        disclosed: &[(usize, &[u8])],
    ) -> Result<(), BbsCoreError> {
        crate::ld::bbs2023::core::proof_verify(
            crate::Caches::shared().bbs2023_generators(),
            public_key,
            proof,
            header,
            presentation_header,
            disclosed,
        )
    }

    /// The inputs of the first BBS+ proof of a JSON-LD document (`BbsBlsSignature2020` or
    /// `BbsBlsSignatureProof2020`) under `policy`'s keys and contexts, without verifying it: for
    /// benchmarks timing the bare `bbs` check of the same messages.
    ///
    /// # Errors
    /// The canonicaliser's and key resolution's errors; `proof.unsupported_type` for another
    /// proof.
    #[cfg(feature = "bbs")]
    pub fn bbs_proof_inputs(
        document: &str,
        policy: &crate::Policy,
    ) -> Result<BbsProofInputs, crate::Error> {
        let doc: serde_json::Value = serde_json::from_str(document)
            .map_err(|e| crate::Error::invalid("document", e.to_string()))?;
        let proof = doc
            .get("proof")
            .map(|p| if p.is_array() { p.get(0).cloned().unwrap_or_default() } else { p.clone() })
            .unwrap_or_default();
        let suite = match proof.get("type").and_then(serde_json::Value::as_str) {
            Some("BbsBlsSignature2020") => crate::ld::bbs2020::BbsSuite::Signature,
            Some("BbsBlsSignatureProof2020") => crate::ld::bbs2020::BbsSuite::DerivedProof,
            other => {
                return Err(crate::Error::ProofUnsupportedType {
                    field: "proof.type".into(),
                    proof_type: other.unwrap_or_default().to_owned(),
                })
            }
        };
        with_canonicalizer(policy, |rdfc| {
            crate::ld::bbs2020::proof_inputs(
                "proof",
                document,
                0,
                suite,
                policy.did_documents(),
                rdfc,
                policy.now(),
            )
        })
    }

    /// Verifies BBS+ proof inputs as [`bbs_proof_inputs`] returns them, possibly altered: a
    /// derived proof when they carry a nonce, a signature otherwise, with the shared expanded-key
    /// cache ([`crate::Caches::shared`]). For the tests that hold the blst equations to the
    /// `bbs` crate's verdicts on mutated proofs.
    ///
    /// # Errors
    /// `proof.invalid` when the proof does not verify, `key.invalid` for a key that is not a G2
    /// point.
    #[cfg(feature = "bbs")]
    pub fn verify_bbs_proof_inputs(inputs: &BbsProofInputs) -> Result<(), crate::Error> {
        let suite = if inputs.nonce.is_some() {
            crate::ld::bbs2020::BbsSuite::DerivedProof
        } else {
            crate::ld::bbs2020::BbsSuite::Signature
        };
        crate::ld::bbs2020::verify_inputs(
            "proof",
            suite,
            inputs,
            crate::Caches::shared().bbs_keys(),
        )
    }

    /// The JSON layer alone: what [`crate::parse`] does to its input bytes before it detects a
    /// format, the same two calls on the same bytes. Size, byte order mark, strict UTF-8 and
    /// emptiness (`json::check_text`), then the structure pass (`json::walk`: one JSON value
    /// and nothing after it, nesting depth, duplicate member names, and the syntax serde_json
    /// checks). `Ok` means the layer accepts the bytes as one JSON document; what `parse` does
    /// next (format detection, typed reading) is not run. For JSONTestSuite
    /// (`tests/json_test_suite.rs`).
    ///
    /// One difference from `parse`, by design: `parse` sends input that looks like a compact
    /// JWS (not starting as a JSON value does, and holding a dot) to the JWS decoder first;
    /// this runs the JSON layer on every input.
    ///
    /// # Errors
    /// The layer's `input.*` errors, as `parse` returns them for the same bytes:
    /// `input.too_large`, `input.bom`, `input.invalid_utf8`, `input.empty`, `input.json_syntax`,
    /// `input.too_deep`, `input.duplicate_member`, `input.trailing_data`.
    pub fn json_layer(bytes: &[u8], limits: &crate::Limits) -> Result<(), crate::Error> {
        let text = crate::input::json::check_text("", bytes, limits)?;
        crate::input::json::walk("", text, limits).map(|_| ())
    }

    /// The canonical N-Quads (RDFC-1.0) of a JSON-LD document under `policy`'s contexts.
    ///
    /// # Errors
    /// The canonicaliser's errors.
    #[cfg(feature = "ld")]
    pub fn canonical_nquads(
        document: &serde_json::Value,
        policy: &crate::Policy,
    ) -> Result<String, crate::Error> {
        with_canonicalizer(policy, |rdfc| rdfc.canonical("document", document).map(|c| c.nquads))
    }

    /// The RDFC-1.0 canonical N-Quads of an RDF dataset and its issued identifiers map (input
    /// blank node label to canonical label), through the function the Data Integrity proofs
    /// canonicalise with: the same options and work bound, with hash `D` (the proofs use
    /// `sha2::Sha256`; the W3C suite also asks for `sha2::Sha384`). For the W3C RDFC-1.0 suite
    /// (`tests/rdf_canon_suite.rs`).
    ///
    /// # Errors
    /// As in a proof under the default limits and work budget (field `dataset`): `limit.work`
    /// for a poison graph whose "hash N-degree quads" work the budget cannot pay for,
    /// `limit.blank_nodes`, `field.invalid` when canonicalisation fails.
    #[cfg(feature = "ld")]
    pub fn canonical_rdf<D: sha2::Digest>(
        dataset: &oxrdf::Dataset,
    ) -> Result<(String, std::collections::BTreeMap<String, String>), crate::Error> {
        let limits = crate::Limits::default();
        let budget = crate::budget::Budget::new(limits.max_work);
        let rdfc = crate::ld::rdfc10::<D>(dataset, "dataset", &limits, &budget)?;
        Ok((rdfc.nquads, rdfc.issued.into_iter().collect()))
    }

    /// The expansion policy a suite hook expands with.
    #[cfg(feature = "ld")]
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub enum ExpansionPolicy {
        /// The proofs' policy: a term or IRI that does not expand is an error.
        Strict,
        /// Standard JSON-LD 1.1: such terms are dropped.
        #[default]
        Standard,
    }

    /// The options of a W3C JSON-LD API suite test that the hooks honour.
    #[cfg(feature = "ld")]
    #[derive(Clone, Debug, Default)]
    pub struct SuiteOptions {
        /// Strict as the proofs expand, or standard.
        pub policy: ExpansionPolicy,
        /// The test's `base` option: the base IRI, when not the document's URL.
        pub base: Option<String>,
        /// The test's `expandContext` option, an absolute URL the loader serves.
        pub expand_context: Option<String>,
        /// The test's `processingMode` option is `json-ld-1.0`.
        pub json_ld_1_0: bool,
    }

    #[cfg(feature = "ld")]
    fn suite_request(
        document: &str,
        document_url: &str,
        documents: &std::sync::Arc<Vec<(String, String)>>,
        options: &SuiteOptions,
    ) -> crate::ld::conformance::Request {
        crate::ld::conformance::Request {
            document: document.to_owned(),
            document_url: document_url.to_owned(),
            documents: std::sync::Arc::clone(documents),
            strict: options.policy == ExpansionPolicy::Strict,
            base: options.base.clone(),
            expand_context: options.expand_context.clone(),
            json_ld_1_0: options.json_ld_1_0,
        }
    }

    /// The expanded form (the JSON-LD 1.1 API's `expand()`) of `document`, loaded from
    /// `document_url`, through the offline loader and expansion the proofs use: `documents`
    /// (URL, text) are served as the policy's extra contexts are, then the shipped contexts, and
    /// nothing else; the top-level `@context` is processed first, as for a proof. For the W3C
    /// JSON-LD suite (`tests/jsonld_suite.rs`).
    ///
    /// # Errors
    /// The processor's error as `code: message`, the code as the JSON-LD API names it
    /// (`invalid @id value: ...`) where the processor gives one.
    #[cfg(feature = "ld")]
    pub fn expand_for_suite(
        document: &str,
        document_url: &str,
        documents: &std::sync::Arc<Vec<(String, String)>>,
        options: &SuiteOptions,
    ) -> Result<serde_json::Value, String> {
        crate::ld::conformance::expand(suite_request(document, document_url, documents, options))
    }

    /// The canonical N-Quads (RDFC-1.0, SHA-256) of `document`'s RDF dataset (the JSON-LD 1.1
    /// API's `toRdf()`), expanded as [`expand_for_suite`] does, then deserialised to RDF and
    /// canonicalised by the proofs' own code. For the W3C JSON-LD suite.
    ///
    /// # Errors
    /// As [`expand_for_suite`], and the deserialisation's and canonicalisation's errors.
    #[cfg(feature = "ld")]
    pub fn to_rdf_for_suite(
        document: &str,
        document_url: &str,
        documents: &std::sync::Arc<Vec<(String, String)>>,
        options: &SuiteOptions,
    ) -> Result<String, String> {
        crate::ld::conformance::to_rdf(suite_request(document, document_url, documents, options))
    }
}

pub use claims::{Address, DocumentKind, IdentityClaims, IdentityDocument, Provenance, Sex};
pub use did::{DidDocuments, MAX_DID_DOCUMENTS};
pub use error::{Error, ErrorKind, JudgedAt, KeyWindow, RetryClass, Vendor};
pub use format::Format;
pub use jose::alg::Algorithm;
pub use jose::key_set::{KeySet, MAX_KEYS};
pub use ld::status_list::{StatusList, MAX_STATUS_LIST_BYTES};
pub use ld::{
    CacheBounds, CacheStats, Caches, DEFAULT_MAX_CACHED_BBS_GENERATORS,
    DEFAULT_MAX_CACHED_CONTEXTS, MAX_DEFAULT_JSON_LD_THREADS, SHIPPED_CONTEXTS,
    TRINSIC_VOCAB_CONTEXT,
};
pub use limits::{
    Limits, DEFAULT_MAX_BLANK_NODES, DEFAULT_MAX_CREDENTIALS, DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_EVIDENCE_NAMES, DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_JWS_SIGNATURES,
    DEFAULT_MAX_PROOFS, DEFAULT_MAX_STATEMENTS, DEFAULT_MAX_TERM_DEFINITIONS, DEFAULT_MAX_WORK,
};
pub use model::hopae::{VerificationStatus, WebhookEventType};
/// Trinsic's provider output and match results, as [`Verified::trinsic_provider_output`] and
/// [`Verified::trinsic_match`] return them.
pub use model::trinsic_provider_output;
pub use model::vendor_error::{ErrorShape, VendorError};
pub use verify::evidence::Evidence;
pub use verify::policy::{
    Policy, DEFAULT_LEEWAY_SECONDS, DEFAULT_MIN_MATCH_PROBABILITY,
    DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
};
pub use verify::report::{Check, CheckStatus, Report, Unsigned, Verdict};
pub use verify::trust::TrustedIssuer;
pub use verify::unverified::{parse, Rejection, Unverified, Verified};
pub use verify::webhook::{
    verify_hopae_webhook, VerifiedWebhook, WebhookEvent, MAX_WEBHOOK_SIGNATURE_HEADER,
};

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

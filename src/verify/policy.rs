//! The one value that says what "verified" means for a caller: secure by default, every
//! relaxation opt-in (the `allow_*` methods).

use std::sync::Arc;

use crate::ld::caches::Caches;
use crate::ld::canon::Contexts;

use chrono::{DateTime, Duration, Utc};

use crate::did::DidDocuments;
use crate::format::Format;
use crate::jose::alg::Algorithm;
use crate::jose::key_set::KeySet;
use crate::ld::status_list::StatusList;
use crate::limits::Limits;
use crate::verify::trust::{RoleKeys, TrustedIssuer};

/// Default for [`Policy::webhook_tolerance`]: a webhook signed more than 300 seconds from the
/// policy instant is refused as replayed or delayed.
pub const DEFAULT_WEBHOOK_TOLERANCE_SECONDS: i64 = 300;

/// Default for [`Policy::leeway`]: 60 seconds of clock skew tolerated at every time boundary.
pub const DEFAULT_LEEWAY_SECONDS: i64 = 60;

/// The default minimum `probabilityValue` of a Trinsic match result
/// ([`Policy::require_min_match_probability`]). Trinsic documents scores from 0 (no match) to 1
/// (a perfect match) and no threshold of its own; 0.9 accepts its documented examples of a
/// match (a face match of 0.9646, a liveness of 0.9501) and rejects anything nearer a miss. A
/// caller with its own calibration sets its own.
pub const DEFAULT_MIN_MATCH_PROBABILITY: f64 = 0.9;

/// `seconds` as a duration, negatives as zero, beyond chrono's range as its maximum.
fn seconds_saturating(seconds: i64) -> Duration {
    Duration::try_seconds(seconds.max(0)).unwrap_or(Duration::MAX)
}

/// What a caller requires of a result. Built from the verification instant, which is required
/// because the library never reads the clock; every other setting has a secure default and every
/// relaxation is an explicit `allow_*` call.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let now = Utc.with_ymd_and_hms(2025, 10, 28, 6, 30, 0).unwrap();
/// let policy = vpcheck::Policy::at(now)
///     .with_max_age_seconds(3600)
///     .expect_session_id("3162dd47a26b4218b5fa708761889e44")
///     .require_min_assurance_level(3);
/// assert_eq!(policy.leeway().num_seconds(), 60);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    now: DateTime<Utc>,
    leeway: Duration,
    max_age: Option<Duration>,
    expected_session_id: Option<String>,
    expected_external_user_id: Option<String>,
    min_assurance_level: Option<u8>,
    /// `f64::to_bits` of the minimum match probability (bits, so that the policy stays `Eq`).
    min_match_probability: u64,
    allow_expired_documents: bool,
    accept_manual_review: bool,
    require_evidence_signatures: bool,
    regula_success_statuses: Vec<i64>,
    limits: Limits,
    // Shared: a policy is cloned per item in audits (`with_now`), and these can be large
    // (schema.org's context is 184 KB).
    keys: Arc<RoleKeys>,
    trusted_issuers: Arc<Vec<TrustedIssuer>>,
    did_documents: Arc<DidDocuments>,
    contexts: Contexts,
    caches: Caches,
    allowed_algorithms: Vec<Algorithm>,
    expected_audience: Option<String>,
    expected_issuer: Option<String>,
    expected_nonce: Option<String>,
    expected_token_type: Option<String>,
    require_holder_binding: bool,
    webhook_tolerance: Duration,
    status_lists: Vec<Arc<StatusList>>,
    require_status: bool,
    trusted_contexts: Arc<Vec<serde_json::Value>>,
    withheld_allowed: Vec<String>,
    must_disclose: Vec<String>,
    allow_unsigned_claims: bool,
    /// `None`: every format.
    accepted_formats: Option<Vec<Format>>,
    allow_unsigned_formats: bool,
}

impl Policy {
    /// A policy judging at `now`, with every other setting at its default.
    pub fn at(now: DateTime<Utc>) -> Self {
        Policy {
            now,
            leeway: seconds_saturating(DEFAULT_LEEWAY_SECONDS),
            max_age: None,
            expected_session_id: None,
            expected_external_user_id: None,
            min_assurance_level: None,
            min_match_probability: DEFAULT_MIN_MATCH_PROBABILITY.to_bits(),
            allow_expired_documents: false,
            accept_manual_review: false,
            require_evidence_signatures: false,
            regula_success_statuses: Vec::new(),
            limits: Limits::default(),
            keys: Arc::new(RoleKeys::default()),
            trusted_issuers: Arc::new(Vec::new()),
            did_documents: Arc::new(DidDocuments::new()),
            contexts: Contexts::default(),
            caches: Caches::shared(),
            allowed_algorithms: Algorithm::ALL.to_vec(),
            expected_audience: None,
            expected_issuer: None,
            expected_nonce: None,
            expected_token_type: None,
            require_holder_binding: false,
            webhook_tolerance: seconds_saturating(DEFAULT_WEBHOOK_TOLERANCE_SECONDS),
            status_lists: Vec::new(),
            require_status: false,
            trusted_contexts: Arc::new(
                serde_json::from_str(crate::ld::surface::TRINSIC_VOCAB_CONTEXT)
                    .into_iter()
                    .collect(),
            ),
            withheld_allowed: Vec::new(),
            must_disclose: Vec::new(),
            allow_unsigned_claims: false,
            accepted_formats: None,
            allow_unsigned_formats: false,
        }
    }

    /// The same policy judging at another instant: an audit re-verifies each stored result at
    /// the instant it was accepted. Cheap: keys, DID documents and contexts are shared.
    pub fn with_now(mut self, now: DateTime<Utc>) -> Self {
        self.now = now;
        self
    }

    /// The keys that verify JWTs whose `iss` is `iss`: JWT credentials (VCDM 1.1 and 2.0) and
    /// bare JWTs. A key verifies only tokens of its issuer: a token signed by a key trusted for
    /// another role is `key.wrong_role`, and a token of an issuer with no keys here could not be
    /// checked (`issuer.untrusted`). A second set for the same `iss` replaces the first.
    /// Default: none.
    pub fn with_issuer_keys(mut self, iss: impl Into<String>, keys: KeySet) -> Self {
        Arc::make_mut(&mut self.keys).set_issuer(iss.into(), keys);
        self
    }

    /// The keys that verify a JWS that names no issuer and carries no credential or
    /// presentation: a payload that is not JWT claims (`vpcheck jws` on any content), or JWT
    /// claims without `iss`. They verify nothing that names an issuer, so no identity claim
    /// rests on them. Default: none.
    pub fn with_signer_keys(mut self, keys: KeySet) -> Self {
        Arc::make_mut(&mut self.keys).set_signer(keys);
        self
    }

    /// The keys that verify JWT presentations whose holder (`iss`, else `holder`) is `holder`:
    /// the holder's signature over `vp`. They verify nothing else, and no other holder's
    /// presentation, so a holder cannot present another's credentials under the other's name.
    /// A second set for the same holder replaces the first. Default: none.
    pub fn with_holder_keys(mut self, holder: impl Into<String>, keys: KeySet) -> Self {
        Arc::make_mut(&mut self.keys).set_holder(holder.into(), keys);
        self
    }

    /// The keys that verify the Hopae OIDC ID token (Hopae's JWKS). They verify nothing else:
    /// evidence Hopae relays is signed by the upstream provider, not by Hopae. Default: none.
    pub fn with_hopae_keys(mut self, keys: KeySet) -> Self {
        Arc::make_mut(&mut self.keys).set_hopae(keys);
        self
    }

    /// The keys that verify the Incode OIDC ID token (the JWKS of the Incode authorization server
    /// the caller's OIDC client is registered with, e.g. `https://auth.incode.com`). They verify
    /// nothing else, and no other vendor's keys verify an Incode ID token. Incode userinfo never
    /// verifies without an ID token that verified under them. Default: none.
    pub fn with_incode_keys(mut self, keys: KeySet) -> Self {
        Arc::make_mut(&mut self.keys).set_incode(keys);
        self
    }

    /// The keys that verify relayed upstream evidence tokens (Hopae's `provenance` evidence
    /// `id_token`) whose `iss` is `iss`: one set per upstream eID provider. Without keys for an
    /// evidence token's issuer its signature is skipped (unchecked under
    /// [`Policy::require_evidence_signatures`]). A second set for the same `iss` replaces the
    /// first. Default: none.
    pub fn with_evidence_keys(mut self, iss: impl Into<String>, keys: KeySet) -> Self {
        Arc::make_mut(&mut self.keys).set_evidence(iss.into(), keys);
        self
    }

    /// Trusts an issuer of JSON-LD credentials for the role the [`TrustedIssuer`] names
    /// (repeatable). A credential whose proof verifies is verified only when its issuer is
    /// trusted for it: for Trinsic Connect results and `IdentityDocument_v0` credentials, a
    /// Trinsic issuer ([`TrustedIssuer::trinsic`]); for others, a generic one. Otherwise it
    /// could not be checked (`issuer.untrusted`). A DID document supplied with
    /// [`Policy::with_did_documents`] resolves keys and does not make its DID trusted; a
    /// `did:key` never is unless named here. Default: nobody.
    pub fn trust_issuer(mut self, issuer: TrustedIssuer) -> Self {
        Arc::make_mut(&mut self.trusted_issuers).push(issuer);
        self
    }

    /// The trusted issuers of JSON-LD credentials.
    pub fn trusted_issuers(&self) -> &[TrustedIssuer] {
        &self.trusted_issuers
    }

    /// DID documents and verification-method documents describing the keys of JSON-LD proofs
    /// (`did:key` needs none). Default: none.
    pub fn with_did_documents(mut self, documents: DidDocuments) -> Self {
        self.did_documents = Arc::new(documents);
        self
    }

    /// A JSON-LD context document for `url`, beside those the crate ships
    /// ([`crate::SHIPPED_CONTEXTS`]); it takes precedence over a shipped one of the same URL.
    /// Default: only the shipped contexts.
    pub fn with_context(mut self, url: impl Into<String>, document: impl Into<String>) -> Self {
        self.contexts.add(url.into(), document.into());
        self
    }

    /// The caches verification keeps between calls: processed JSON-LD contexts, expanded BBS+
    /// keys, JSON-LD expansion threads ([`Caches`], with their bounds). Default:
    /// [`Caches::shared`], the process's own. Caches never change a verdict.
    pub fn with_caches(mut self, caches: Caches) -> Self {
        self.caches = caches;
        self
    }

    /// The JWS algorithms accepted; any other is refused (`jws.alg_not_allowed`) whatever key
    /// is at hand. HMAC algorithms additionally need a symmetric key in the key set of the token's role
    /// ([`Policy::with_issuer_keys`], ...).
    /// Default: every algorithm in [`Algorithm::ALL`].
    pub fn allow_algorithms(mut self, algorithms: &[Algorithm]) -> Self {
        self.allowed_algorithms = algorithms.to_vec();
        self
    }

    /// The audience (OAuth client id) tokens addressed to the caller must name in `aud`. Without
    /// it, such a token naming any audience is refused (`jwt.audience`). Relayed upstream
    /// tokens, addressed to the vendor, are not held to it. Default: none.
    pub fn expect_audience(mut self, audience: impl Into<String>) -> Self {
        self.expected_audience = Some(audience.into());
        self
    }

    /// The `iss` tokens addressed to the caller must carry (`jwt.issuer`). Default: any.
    pub fn expect_issuer(mut self, issuer: impl Into<String>) -> Self {
        self.expected_issuer = Some(issuer.into());
        self
    }

    /// The `nonce` the caller sent in its authentication request (`jwt.nonce`). Default: not
    /// checked.
    pub fn expect_nonce(mut self, nonce: impl Into<String>) -> Self {
        self.expected_nonce = Some(nonce.into());
        self
    }

    /// The header `typ` a bare JWT must carry (`jwt.type`), e.g. `JWT` or `vc+jwt`. Default:
    /// not checked for bare JWTs; JWT credentials and presentations are always held to their
    /// own media types.
    pub fn expect_token_type(mut self, typ: impl Into<String>) -> Self {
        self.expected_token_type = Some(typ.into());
        self
    }

    /// Require that a JWT presentation is signed by the subject of each credential it carries
    /// (`binding.holder`). Default: not required.
    pub fn require_holder_binding(mut self) -> Self {
        self.require_holder_binding = true;
        self
    }

    /// How far a webhook's signed timestamp may be from [`Policy::now`], in seconds.
    /// Default: 300.
    pub fn with_webhook_tolerance_seconds(mut self, seconds: i64) -> Self {
        self.webhook_tolerance = seconds_saturating(seconds);
        self
    }

    /// A status list credential (Revocation List 2020, StatusList2021, Bitstring Status List)
    /// that credentials naming its `id` in their `credentialStatus` are checked against; a
    /// later list with the same `id` replaces an earlier one. Default: none, so a credential's
    /// status is reported skipped (or, with [`Policy::require_status_check`], not checked).
    pub fn with_status_list(mut self, list: StatusList) -> Self {
        self.status_lists.retain(|l| l.id() != list.id());
        self.status_lists.push(Arc::new(list));
        self
    }

    /// Require every `credentialStatus` to be checked: a credential whose status list was not
    /// supplied, or whose status type is unknown, is then "could not check"
    /// (`status.not_checked`) instead of skipped. Default: not required.
    pub fn require_status_check(mut self) -> Self {
        self.require_status = true;
        self
    }

    /// The status list credential with this `id`.
    pub fn status_list(&self, id: &str) -> Option<&StatusList> {
        self.status_lists.iter().map(|l| &**l).find(|l| l.id() == id)
    }

    /// Whether every credential status must be checked.
    pub fn status_check_required(&self) -> bool {
        self.require_status
    }

    /// The JWS keys, by role.
    pub(crate) fn role_keys(&self) -> &RoleKeys {
        &self.keys
    }

    /// The DID documents.
    pub fn did_documents(&self) -> &DidDocuments {
        &self.did_documents
    }

    /// The caller's JSON-LD contexts, URL and document.
    pub fn contexts(&self) -> &[(String, String)] {
        self.contexts.documents()
    }

    /// The caller's contexts, as the canonicaliser reads them.
    pub(crate) fn ld_contexts(&self) -> &Contexts {
        &self.contexts
    }

    /// The caches this policy's verifications use.
    pub fn caches(&self) -> &Caches {
        &self.caches
    }

    /// The accepted JWS algorithms.
    pub fn allowed_algorithms(&self) -> &[Algorithm] {
        &self.allowed_algorithms
    }

    /// The expected audience, if any.
    pub fn expected_audience(&self) -> Option<&str> {
        self.expected_audience.as_deref()
    }

    /// The expected issuer, if any.
    pub fn expected_issuer(&self) -> Option<&str> {
        self.expected_issuer.as_deref()
    }

    /// The expected nonce, if any.
    pub fn expected_nonce(&self) -> Option<&str> {
        self.expected_nonce.as_deref()
    }

    /// The expected bare-JWT `typ`, if any.
    pub fn expected_token_type(&self) -> Option<&str> {
        self.expected_token_type.as_deref()
    }

    /// Whether holder binding is required.
    pub fn holder_binding_required(&self) -> bool {
        self.require_holder_binding
    }

    /// The webhook timestamp tolerance.
    pub fn webhook_tolerance(&self) -> Duration {
        self.webhook_tolerance
    }

    /// Clock skew tolerated at every time boundary, in seconds; negative values count as 0.
    /// Default: 60.
    pub fn with_leeway_seconds(mut self, seconds: i64) -> Self {
        self.leeway = seconds_saturating(seconds);
        self
    }

    /// Oldest acceptable verification: the vendor's verification time (Hopae `verified_at` once
    /// held inside the verified tokens' `iat`..`exp`, a Trinsic Connect credential's signed
    /// issuance, a JWT's `iat`) must be at most this many seconds before [`Policy::now`]. A
    /// result without a signed verification time is then rejected (`time.missing`). Default: no
    /// maximum.
    pub fn with_max_age_seconds(mut self, seconds: i64) -> Self {
        self.max_age = Some(seconds_saturating(seconds));
        self
    }

    /// The session id the caller started; the envelope and the proof nonce must both carry it
    /// (`binding.session_id`). A Trinsic `urn:trinsic:idvsession:<uuid>` and its bare `<uuid>`
    /// are the same id. Default: none expected, so only envelope and nonce are compared.
    pub fn expect_session_id(mut self, id: impl Into<String>) -> Self {
        self.expected_session_id = Some(id.into());
        self
    }

    /// The caller's own user id, where the vendor echoes one (Regula `externalUserId`, Incode
    /// `externalId`); a result echoing another, or none, is rejected. Default: none expected.
    pub fn expect_external_user_id(mut self, id: impl Into<String>) -> Self {
        self.expected_external_user_id = Some(id.into());
        self
    }

    /// Minimum level of assurance (Hopae `hopae_loa`, 1 to 5); a result stating a lower level,
    /// or none, is rejected. Default: no minimum.
    pub fn require_min_assurance_level(mut self, level: u8) -> Self {
        self.min_assurance_level = Some(level);
        self
    }

    /// The lowest `probabilityValue` a Trinsic match result (`identityData.match`: a face, a
    /// name, liveness...) may have; a lower one rejects the result (`session.match_failed`), as
    /// does any `booleanValue: false`. A value that is not a number from 0 to 1 (NaN) rejects
    /// every probability. Default: [`DEFAULT_MIN_MATCH_PROBABILITY`] (0.9).
    pub fn require_min_match_probability(mut self, probability: f64) -> Self {
        self.min_match_probability = probability.to_bits();
        self
    }

    /// Accept identity documents whose expiry date has passed. Default: rejected
    /// (`time.document_expired`).
    pub fn allow_expired_documents(mut self) -> Self {
        self.allow_expired_documents = true;
        self
    }

    /// Accept an Incode decision that a manual review recorded (`MANUAL_OK`) over component
    /// checks that failed (liveness, face recognition, ID validation `FAIL`). Default: a
    /// positive decision beside a failed component is rejected (`session.inconsistent`), and so
    /// it still is without a recorded manual review: the option accepts a reviewer's decision,
    /// never an automatic one.
    pub fn accept_manual_review_over_failed_components(mut self) -> Self {
        self.accept_manual_review = true;
        self
    }

    /// Treat a relayed evidence token whose signature is not checked as "could not check"
    /// instead of "skipped", and reject a Hopae result that carries no evidence `id_token` to
    /// check (`evidence.unsigned`). Default: skipped when the caller supplied no keys for it.
    pub fn require_evidence_signatures(mut self) -> Self {
        self.require_evidence_signatures = true;
        self
    }

    /// A Regula session `status` value that means "verified" for the caller's workflow. Regula
    /// does not document its integer statuses, so without one a Regula session cannot be judged
    /// (`state.not_checkable`). Default: none.
    pub fn accept_regula_status(mut self, status: i64) -> Self {
        self.regula_success_statuses.push(status);
        self
    }

    /// Resource bounds for parsing. Default: [`Limits::default`].
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The verification instant.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The clock skew tolerated at each boundary.
    pub fn leeway(&self) -> Duration {
        self.leeway
    }

    /// The maximum age of a verification, if any.
    pub fn max_age(&self) -> Option<Duration> {
        self.max_age
    }

    /// The expected session id, if any.
    pub fn expected_session_id(&self) -> Option<&str> {
        self.expected_session_id.as_deref()
    }

    /// The expected external user id, if any.
    pub fn expected_external_user_id(&self) -> Option<&str> {
        self.expected_external_user_id.as_deref()
    }

    /// The minimum level of assurance, if any.
    pub fn min_assurance_level(&self) -> Option<u8> {
        self.min_assurance_level
    }

    /// Whether expired identity documents are accepted.
    pub fn expired_documents_allowed(&self) -> bool {
        self.allow_expired_documents
    }

    /// The lowest match probability accepted ([`Policy::require_min_match_probability`]).
    pub fn min_match_probability(&self) -> f64 {
        f64::from_bits(self.min_match_probability)
    }

    /// Whether a recorded manual review is accepted over failed component checks.
    pub fn manual_review_accepted_over_failed_components(&self) -> bool {
        self.accept_manual_review
    }

    /// Whether unchecked evidence signatures make the result "could not check".
    pub fn evidence_signatures_required(&self) -> bool {
        self.require_evidence_signatures
    }

    /// Regula statuses accepted as success.
    pub fn regula_success_statuses(&self) -> &[i64] {
        &self.regula_success_statuses
    }

    /// The parsing limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Every status list the caller supplied.
    pub fn status_lists(&self) -> impl Iterator<Item = &StatusList> {
        self.status_lists.iter().map(|l| &**l)
    }

    /// Trusts an embedded JSON-LD context object: a signed document may carry it inline (every
    /// other embedded context is refused, `ld.context_untrusted`, since it can re-map the terms
    /// a reader sees). Compared as a JSON value.
    ///
    /// Default: only Trinsic's `{"@vocab": "https://trinsic.cloud/idv/"}`.
    pub fn trust_embedded_context(mut self, context: serde_json::Value) -> Self {
        Arc::make_mut(&mut self.trusted_contexts).push(context);
        self
    }

    /// The embedded contexts a signed document may carry.
    pub fn trusted_embedded_contexts(&self) -> &[serde_json::Value] {
        &self.trusted_contexts
    }

    /// Accepts a selectively disclosed credential that withholds `member`, although its issuer
    /// profile names it as always present (for Trinsic `IdentityDocument_v0`:
    /// `credentialStatus`, `issuanceDate`, `credentialSubject.expiryDate`). The checks that
    /// need it are then reported as skipped, never as passed. Member paths as in the profile.
    ///
    /// Default: none; a withheld member is "could not check" (`ld.withheld`).
    pub fn allow_withheld(mut self, member: impl Into<String>) -> Self {
        self.withheld_allowed.push(member.into());
        self
    }

    /// Whether the policy accepts `member` withheld.
    pub fn withheld_allowed(&self, member: &str) -> bool {
        self.withheld_allowed.iter().any(|m| m == member)
    }

    /// Requires every JSON-LD credential to disclose `member` (`expirationDate`,
    /// `credentialSubject.birthDate`, ...), beyond what its issuer profile requires.
    ///
    /// Default: only the profile's members.
    pub fn require_disclosed(mut self, member: impl Into<String>) -> Self {
        self.must_disclose.push(member.into());
        self
    }

    /// The members every credential must disclose beyond its profile's.
    pub fn required_disclosures(&self) -> &[String] {
        &self.must_disclose
    }

    /// Return claims that no signature covers (Hopae `user` claims that neither a verified
    /// evidence `id_token` nor the Hopae ID token carries) among the verified claims. They are
    /// still listed in [`crate::Verified::unsigned`], marked not withheld. Default: withheld
    /// from the claims, listed as unsigned.
    pub fn allow_unsigned_claims(mut self) -> Self {
        self.allow_unsigned_claims = true;
        self
    }

    /// Whether claims no signature covers are returned.
    pub fn unsigned_claims_allowed(&self) -> bool {
        self.allow_unsigned_claims
    }

    /// The only formats a result may be in: a result detected as another format is rejected
    /// (`format.not_accepted`, naming the format found and those accepted), so that a result
    /// cannot pass by arriving in a format whose checks ignore what the caller expects (an
    /// unsigned vendor status where a signed token was due). Its other checks still run and are
    /// reported. Naming an unsigned format here does not accept it unsigned: that also takes
    /// [`Policy::allow_unsigned_formats`]. An empty list accepts nothing; a later call replaces
    /// an earlier one.
    ///
    /// Default: every format ([`Format::ALL`]).
    pub fn accept_formats(mut self, formats: &[Format]) -> Self {
        let mut accepted: Vec<Format> = Vec::with_capacity(formats.len());
        for f in formats {
            if !accepted.contains(f) {
                accepted.push(*f);
            }
        }
        self.accepted_formats = Some(accepted);
        self
    }

    /// The formats a result may be in.
    pub fn accepted_formats(&self) -> &[Format] {
        self.accepted_formats.as_deref().unwrap_or(Format::ALL)
    }

    /// Accept results of formats that carry no signature ([`Format::carries_signature`]: the
    /// Trinsic sessions API, Hopae verification status objects, Incode and Regula results). They
    /// are as trustworthy as the channel they came over (TLS and an API key): vpcheck checks
    /// their consistency, never their origin. Their claims stay withheld unless
    /// [`Policy::allow_unsigned_claims`].
    ///
    /// Default: refused as "could not check" (`format.unsigned`).
    pub fn allow_unsigned_formats(mut self) -> Self {
        self.allow_unsigned_formats = true;
        self
    }

    /// Whether results of formats that carry no signature are accepted.
    pub fn unsigned_formats_allowed(&self) -> bool {
        self.allow_unsigned_formats
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn out_of_range_durations_saturate() {
        let now = Utc.timestamp_opt(0, 0).unwrap();
        let p = Policy::at(now).with_leeway_seconds(i64::MAX).with_max_age_seconds(i64::MAX);
        assert_eq!(p.leeway(), Duration::MAX);
        assert_eq!(p.max_age(), Some(Duration::MAX));
        assert_eq!(Policy::at(now).with_leeway_seconds(-5).leeway(), Duration::zero());
    }
}

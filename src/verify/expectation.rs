//! What the caller expects of a result, and whether a check of the detected format judged it.
//!
//! The format is decided from the input's member names, so the caller does not choose which
//! checks run: a policy built for a signed token (an audience, a nonce, holder binding) handed an
//! unsigned vendor status would otherwise pass with every expectation silently ignored. Each
//! check that judges an expectation marks it ((`Ctx::judged`)), pass or fail; at the end of
//! [`crate::Unverified::verify`], every expectation the policy sets that no check marked is
//! "could not check" (`policy.unconsumed`), naming it and the format.

use crate::verify::policy::Policy;

/// One expectation a policy may set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expectation {
    Audience,
    Nonce,
    Issuer,
    TokenType,
    HolderBinding,
    EvidenceSignatures,
    Status,
    SessionId,
    ExternalUserId,
    MinAssurance,
    MaxAge,
}

impl Expectation {
    pub(crate) const ALL: [Expectation; 11] = [
        Expectation::Audience,
        Expectation::Nonce,
        Expectation::Issuer,
        Expectation::TokenType,
        Expectation::HolderBinding,
        Expectation::EvidenceSignatures,
        Expectation::Status,
        Expectation::SessionId,
        Expectation::ExternalUserId,
        Expectation::MinAssurance,
        Expectation::MaxAge,
    ];

    fn bit(self) -> u16 {
        match self {
            Expectation::Audience => 1,
            Expectation::Nonce => 1 << 1,
            Expectation::Issuer => 1 << 2,
            Expectation::TokenType => 1 << 3,
            Expectation::HolderBinding => 1 << 4,
            Expectation::EvidenceSignatures => 1 << 5,
            Expectation::Status => 1 << 6,
            Expectation::SessionId => 1 << 7,
            Expectation::ExternalUserId => 1 << 8,
            Expectation::MinAssurance => 1 << 9,
            Expectation::MaxAge => 1 << 10,
        }
    }

    /// Whether `policy` sets it.
    pub(crate) fn is_set(self, policy: &Policy) -> bool {
        match self {
            Expectation::Audience => policy.expected_audience().is_some(),
            Expectation::Nonce => policy.expected_nonce().is_some(),
            Expectation::Issuer => policy.expected_issuer().is_some(),
            Expectation::TokenType => policy.expected_token_type().is_some(),
            Expectation::HolderBinding => policy.holder_binding_required(),
            Expectation::EvidenceSignatures => policy.evidence_signatures_required(),
            Expectation::Status => policy.status_check_required(),
            Expectation::SessionId => policy.expected_session_id().is_some(),
            Expectation::ExternalUserId => policy.expected_external_user_id().is_some(),
            Expectation::MinAssurance => policy.min_assurance_level().is_some(),
            Expectation::MaxAge => policy.max_age().is_some(),
        }
    }

    /// What it is, how the caller set it (library, CLI), and what judges it.
    pub(crate) fn describe(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Expectation::Audience => (
                "an audience",
                "Policy::expect_audience, --audience",
                "the aud of a bare JWT, a JWT presentation or a Hopae or Incode ID token (--id-token), or the domain of a JSON-LD presentation's proof",
            ),
            Expectation::Nonce => (
                "a nonce",
                "Policy::expect_nonce, --nonce",
                "the nonce of a bare JWT, a JWT presentation or a Hopae or Incode ID token (--id-token), or the challenge of a JSON-LD presentation's proof",
            ),
            Expectation::Issuer => {
                ("an issuer", "Policy::expect_issuer, --issuer", "the iss of a bare JWT, a JWT presentation or a Hopae or Incode ID token (--id-token)")
            }
            Expectation::TokenType => ("a token type", "Policy::expect_token_type, --typ", "the protected header typ of a bare JWS"),
            Expectation::HolderBinding => (
                "holder binding",
                "Policy::require_holder_binding, --require-holder-binding",
                "each credential of a JWT or JSON-LD presentation against the presentation's signer",
            ),
            Expectation::EvidenceSignatures => (
                "signed evidence",
                "Policy::require_evidence_signatures, --require-evidence-signatures",
                "the evidence id_token Hopae userinfo or bare Hopae evidence relays",
            ),
            Expectation::Status => (
                "a checked credential status",
                "Policy::require_status_check, --require-status",
                "the credentialStatus of each JSON-LD or JWT credential",
            ),
            Expectation::SessionId => ("a session id", "Policy::expect_session_id, --session-id", "the session id a vendor result states"),
            Expectation::ExternalUserId => (
                "an external user id",
                "Policy::expect_external_user_id, --external-user-id",
                "the user id Incode (externalId) and Regula (metadata.externalUserId) echo",
            ),
            Expectation::MinAssurance => {
                ("a minimum level of assurance", "Policy::require_min_assurance_level, --min-loa", "the level of assurance a result states")
            }
            Expectation::MaxAge => ("a maximum age", "Policy::with_max_age_seconds, --max-age", "the verification time a result states"),
        }
    }

    /// The check name of its `policy.unconsumed` failure.
    pub(crate) fn check_name(self) -> &'static str {
        match self {
            Expectation::Audience => "policy.unconsumed.audience",
            Expectation::Nonce => "policy.unconsumed.nonce",
            Expectation::Issuer => "policy.unconsumed.issuer",
            Expectation::TokenType => "policy.unconsumed.typ",
            Expectation::HolderBinding => "policy.unconsumed.holder_binding",
            Expectation::EvidenceSignatures => "policy.unconsumed.evidence_signatures",
            Expectation::Status => "policy.unconsumed.status",
            Expectation::SessionId => "policy.unconsumed.session_id",
            Expectation::ExternalUserId => "policy.unconsumed.external_user_id",
            Expectation::MinAssurance => "policy.unconsumed.min_assurance",
            Expectation::MaxAge => "policy.unconsumed.max_age",
        }
    }
}

/// The expectations a check judged, one bit each.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Judged(u16);

impl Judged {
    pub(crate) fn mark(&mut self, e: Expectation) {
        self.0 |= e.bit();
    }

    pub(crate) fn contains(self, e: Expectation) -> bool {
        self.0 & e.bit() != 0
    }
}

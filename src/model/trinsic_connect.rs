//! Trinsic Connect `IDVSession` (Trinsic's Connect API and its proto definitions): proto3 JSON in
//! camelCase, the proto field names (snake_case) accepted as proto3 JSON parsers must, enums as
//! names, 2024 REST names or numbers, fixed64 as numbers or strings. The fields and their
//! history: `docs/formats.md`, section 1.

use std::borrow::Cow;

use serde::Deserialize;

use crate::input::borrow::{opt_cow, Members};
use crate::model::open_enum::open_enum;
use crate::time::UnixSeconds;

open_enum! {
    /// `IDVSession.state`.
    pub enum SessionState {
        /// `IDV_CREATED` (0; proto3 omits it, so an absent state is this one).
        Created = 0 => ["IDV_CREATED", "IdvCreated"],
        /// `IDV_INITIATED` (1).
        Initiated = 1 => ["IDV_INITIATED", "IdvInitiated"],
        /// `IDV_AUTHENTICATING` (2).
        Authenticating = 2 => ["IDV_AUTHENTICATING", "IdvAuthenticating"],
        /// `IDV_IN_PROGRESS` (3).
        InProgress = 3 => ["IDV_IN_PROGRESS", "IdvInProgress"],
        /// `IDV_SUCCESS` (4): the only state accepted.
        Success = 4 => ["IDV_SUCCESS", "IdvSuccess"],
        /// `IDV_FAILED` (5): see the fail code.
        Failed = 5 => ["IDV_FAILED", "IdvFailed"],
    }
}

open_enum! {
    /// `IDVSession.failCode`. Numbers follow the post-September-2023 numbering (`NONE` = 0);
    /// older senders were off by one, which is why names are preferred.
    pub enum SessionFailCode {
        /// `SESSION_FAIL_NONE`.
        None = 0 => ["SESSION_FAIL_NONE", "SessionFailNone"],
        /// `SESSION_FAIL_INTERNAL`.
        Internal = 1 => ["SESSION_FAIL_INTERNAL", "SessionFailInternal"],
        /// `SESSION_FAIL_VERIFICATION_FAILED`.
        VerificationFailed = 2 => ["SESSION_FAIL_VERIFICATION_FAILED", "SessionFailVerificationFailed"],
        /// `SESSION_FAIL_AUTHENTICATION`.
        Authentication = 3 => ["SESSION_FAIL_AUTHENTICATION", "SessionFailAuthentication"],
        /// `SESSION_FAIL_EXPIRED`.
        Expired = 4 => ["SESSION_FAIL_EXPIRED", "SessionFailExpired"],
        /// `SESSION_FAIL_USER_CANCELED`.
        UserCanceled = 5 => ["SESSION_FAIL_USER_CANCELED", "SessionFailUserCanceled"],
        /// `SESSION_FAIL_RP_CANCELED`.
        RpCanceled = 6 => ["SESSION_FAIL_RP_CANCELED", "SessionFailRpCanceled"],
    }
}

open_enum! {
    /// `Verification.state`.
    pub enum VerificationState {
        /// `VERIFICATION_PENDING` (0).
        Pending = 0 => ["VERIFICATION_PENDING", "VerificationPending"],
        /// `VERIFICATION_PENDING_REUSE` (older).
        PendingReuse = 1 => ["VERIFICATION_PENDING_REUSE", "VerificationPendingReuse"],
        /// `VERIFICATION_STARTED` (older).
        Started = 2 => ["VERIFICATION_STARTED", "VerificationStarted"],
        /// `VERIFICATION_SUCCESS` (3).
        Success = 3 => ["VERIFICATION_SUCCESS", "VerificationSuccess"],
        /// `VERIFICATION_FAILED` (4).
        Failed = 4 => ["VERIFICATION_FAILED", "VerificationFailed"],
    }
}

open_enum! {
    /// `Verification.failCode`.
    pub enum VerificationFailCode {
        /// `VERIFICATION_FAIL_NONE`.
        None = 0 => ["VERIFICATION_FAIL_NONE", "VerificationFailNone"],
        /// `VERIFICATION_FAIL_INTERNAL`.
        Internal = 1 => ["VERIFICATION_FAIL_INTERNAL", "VerificationFailInternal"],
        /// `VERIFICATION_FAIL_INVALID_IMAGE` (retryable).
        InvalidImage = 2 => ["VERIFICATION_FAIL_INVALID_IMAGE", "VerificationFailInvalidImage"],
        /// `VERIFICATION_FAIL_INAUTHENTIC`.
        Inauthentic = 3 => ["VERIFICATION_FAIL_INAUTHENTIC", "VerificationFailInauthentic"],
        /// `VERIFICATION_FAIL_UNSUPPORTED_DOCUMENT`.
        UnsupportedDocument = 4 => ["VERIFICATION_FAIL_UNSUPPORTED_DOCUMENT", "VerificationFailUnsupportedDocument"],
    }
}

/// A Trinsic Connect session as received. Its `resultVp` is a second JSON document, parsed by
/// [`crate::Unverified::verify`] (or [`UnverifiedConnectSession::result_vp`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct UnverifiedConnectSession<'a> {
    /// `id`, e.g. `urn:trinsic:idvsession:<uuid>`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub id: Option<Cow<'a, str>>,
    /// `state`; the placeholder `""` and an absent member both mean `IDV_CREATED`.
    #[serde(default)]
    pub state: Option<SessionState<'a>>,
    /// `failCode`, only when failed.
    #[serde(default, alias = "fail_code")]
    pub fail_code: Option<SessionFailCode<'a>>,
    /// `resultVp`: the JSON-LD presentation, as a JSON string.
    #[serde(default, alias = "result_vp", deserialize_with = "opt_cow")]
    pub result_vp: Option<Cow<'a, str>>,
    /// `created`, unix seconds.
    #[serde(default)]
    pub created: Option<UnixSeconds>,
    /// `updated`, unix seconds.
    #[serde(default)]
    pub updated: Option<UnixSeconds>,
    /// `verifications`, by id, in document order.
    #[serde(default)]
    pub verifications: Option<Members<'a, Verification<'a>>>,
    /// `redacted`.
    #[serde(default)]
    pub redacted: Option<bool>,
}

/// One verification of a session.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct Verification<'a> {
    /// `id`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub id: Option<Cow<'a, str>>,
    /// `type`, e.g. `GOVERNMENT_ID` (a name, or a number in proto3 JSON).
    #[serde(default, rename = "type")]
    pub kind: Option<crate::model::open_enum::OpenValue<'a>>,
    /// `state`.
    #[serde(default)]
    pub state: Option<VerificationState<'a>>,
    /// `failCode`.
    #[serde(default, alias = "fail_code")]
    pub fail_code: Option<VerificationFailCode<'a>>,
    /// `reused`.
    #[serde(default)]
    pub reused: Option<bool>,
    /// `begun`, unix seconds (removed in 2024).
    #[serde(default)]
    pub begun: Option<UnixSeconds>,
    /// `updated`, unix seconds; 0 when not begun.
    #[serde(default)]
    pub updated: Option<UnixSeconds>,
    /// `normalizedGovernmentIdData`: an unsigned copy of what the credential signs.
    #[serde(default, alias = "normalized_government_id_data")]
    pub normalized_government_id_data: Option<NormalizedGovernmentIdData<'a>>,
}

/// The unsigned copy of the document data a verification carries.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
#[allow(missing_docs)]
pub struct NormalizedGovernmentIdData<'a> {
    #[serde(default, alias = "id_number", deserialize_with = "opt_cow")]
    pub id_number: Option<Cow<'a, str>>,
    #[serde(default, alias = "given_name", deserialize_with = "opt_cow")]
    pub given_name: Option<Cow<'a, str>>,
    #[serde(default, alias = "family_name", deserialize_with = "opt_cow")]
    pub family_name: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub address: Option<Cow<'a, str>>,
    #[serde(default, alias = "date_of_birth", deserialize_with = "opt_cow")]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// ISO 3166 alpha-3.
    #[serde(default, deserialize_with = "opt_cow")]
    pub country: Option<Cow<'a, str>>,
    #[serde(default, alias = "issue_date", deserialize_with = "opt_cow")]
    pub issue_date: Option<Cow<'a, str>>,
    #[serde(default, alias = "expiration_date", deserialize_with = "opt_cow")]
    pub expiration_date: Option<Cow<'a, str>>,
}

impl<'a> UnverifiedConnectSession<'a> {
    /// The state, with the OpenAPI placeholder `""` and an absent member read as `IDV_CREATED`
    /// (proto3 JSON omits default values).
    pub fn effective_state(&self) -> SessionState<'a> {
        match &self.state {
            Some(s) if !s.is_placeholder() => s.clone(),
            _ => SessionState::Created,
        }
    }

    /// The fail code, with the placeholder `""` read as absent.
    pub fn effective_fail_code(&self) -> Option<&SessionFailCode<'a>> {
        self.fail_code.as_ref().filter(|c| !c.is_placeholder())
    }
}

//! Incode finish status and scores (Incode's public API documentation; `docs/formats.md`,
//! section 4). Not signed.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::input::borrow::opt_cow;
use crate::model::open_enum::open_enum;

open_enum! {
    /// Finish status `action`.
    pub enum Action {
        /// `approved`.
        Approved => ["approved"],
        /// `rejected`.
        Rejected => ["rejected"],
        /// `none`: no decision.
        NoDecision => ["none"],
    }
}

open_enum! {
    /// A score `status` and the finish `scoreStatus`.
    pub enum ScoreStatus {
        /// `OK`.
        Ok => ["OK"],
        /// `WARN`.
        Warn => ["WARN"],
        /// `FAIL`.
        Fail => ["FAIL"],
        /// `UNKNOWN`.
        Unknown_ => ["UNKNOWN"],
        /// `MANUAL_OK`: a reviewer approved.
        ManualOk => ["MANUAL_OK"],
        /// `MANUAL_FAIL`: a reviewer rejected.
        ManualFail => ["MANUAL_FAIL"],
    }
}

impl ScoreStatus<'_> {
    /// `OK` or `MANUAL_OK`: the only statuses accepted.
    pub fn is_pass(&self) -> bool {
        matches!(self, ScoreStatus::Ok | ScoreStatus::ManualOk)
    }
}

/// An Incode result: a finish status, a scores object, or both merged.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct UnverifiedIncodeResult<'a> {
    /// `action`.
    #[serde(default)]
    pub action: Option<Action<'a>>,
    /// `scoreStatus`.
    #[serde(alias = "score_status", default)]
    pub score_status: Option<ScoreStatus<'a>>,
    /// `redirectionUrl`.
    #[serde(alias = "redirection_url", default, deserialize_with = "opt_cow")]
    pub redirection_url: Option<Cow<'a, str>>,
    /// `overall`: the decision of a scores object.
    #[serde(default)]
    pub overall: Option<Score<'a>>,
    /// `idValidation`, raw.
    #[serde(alias = "id_validation", default)]
    pub id_validation: Option<&'a RawValue>,
    /// `liveness`, raw.
    #[serde(default)]
    pub liveness: Option<&'a RawValue>,
    /// `faceRecognition`, raw.
    #[serde(alias = "face_recognition", default)]
    pub face_recognition: Option<&'a RawValue>,
    /// `idOcrConfidence`, raw.
    #[serde(alias = "id_ocr_confidence", default)]
    pub id_ocr_confidence: Option<&'a RawValue>,
    /// `interviewId` (onboarding webhook).
    #[serde(alias = "interview_id", default, deserialize_with = "opt_cow")]
    pub interview_id: Option<Cow<'a, str>>,
    /// `externalId` (onboarding webhook): the caller's user id.
    #[serde(alias = "external_id", default, deserialize_with = "opt_cow")]
    pub external_id: Option<Cow<'a, str>>,
    /// `onboardingStatus` (onboarding webhook).
    #[serde(alias = "onboarding_status", default, deserialize_with = "opt_cow")]
    pub onboarding_status: Option<Cow<'a, str>>,
}

/// One score: `{value, status, key}`; `value` is a decimal string such as `"100.0"`.
#[derive(Debug, Clone, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct Score<'a> {
    /// `value`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub value: Option<Cow<'a, str>>,
    /// `status`.
    #[serde(default)]
    pub status: Option<ScoreStatus<'a>>,
    /// `key`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub key: Option<Cow<'a, str>>,
}

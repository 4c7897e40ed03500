//! Incode finish status, scores and the onboarding-status webhook body (Incode's public API
//! documentation; `docs/formats.md`, section 4), none of them signed; and Incode OIDC userinfo,
//! bound to the signed Incode ID token (section 4, "OIDC").

use std::borrow::Cow;

use serde::de::value::MapDeserializer;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use crate::input::borrow::{opt_cow, Members, TextOrNumber};
use crate::model::hopae::OidcAddress;
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
    #[serde(alias = "onboarding_status", default)]
    pub onboarding_status: Option<OnboardingStatus<'a>>,
}

open_enum! {
    /// The onboarding-status webhook's `onboardingStatus`: how far an onboarding got. It carries
    /// no identity and no decision of its own but a reviewer's.
    pub enum OnboardingStatus {
        /// `UNKNOWN`.
        Unknown_ => ["UNKNOWN"],
        /// `ID_VALIDATION_FINISHED`.
        IdValidationFinished => ["ID_VALIDATION_FINISHED"],
        /// `ID_VALIDATION_FINISHED_SECOND_ID`.
        IdValidationFinishedSecondId => ["ID_VALIDATION_FINISHED_SECOND_ID"],
        /// `POST_PROCESSING_FINISHED`.
        PostProcessingFinished => ["POST_PROCESSING_FINISHED"],
        /// `FACE_VALIDATION_FINISHED`.
        FaceValidationFinished => ["FACE_VALIDATION_FINISHED"],
        /// `GOVERNMENT_VALIDATION_FINISHED`.
        GovernmentValidationFinished => ["GOVERNMENT_VALIDATION_FINISHED"],
        /// `ONBOARDING_FINISHED`: the flow ended; the decision is in the scores.
        OnboardingFinished => ["ONBOARDING_FINISHED"],
        /// `MANUAL_REVIEW_APPROVED`: a reviewer approved.
        ManualReviewApproved => ["MANUAL_REVIEW_APPROVED"],
        /// `MANUAL_REVIEW_REJECTED`: a reviewer rejected.
        ManualReviewRejected => ["MANUAL_REVIEW_REJECTED"],
    }
}

/// Incode OIDC userinfo (`GET {AUTH_SERVER_URL}/userinfo` with the access token of the same
/// token response as the ID token), as received: every top-level member kept raw, in document
/// order, for the binding to the ID token (each claim both carry must agree), and the claims
/// vpcheck reads typed. Unsigned: it is only as good as its binding to a verified ID token.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct UnverifiedIncodeUserinfo<'a> {
    /// Every top-level member, raw, in document order.
    pub members: Members<'a, &'a RawValue>,
    /// The claims read typed.
    pub claims: UserinfoClaims<'a>,
}

impl<'de: 'a, 'a> Deserialize<'de> for UnverifiedIncodeUserinfo<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let members = Members::<'a, &'a RawValue>::deserialize(d)?;
        // The typed claims read from the same raw members: strings still borrow from the input.
        let claims = UserinfoClaims::deserialize(MapDeserializer::<_, serde_json::Error>::new(
            members.0.iter().map(|(k, v)| (k.as_ref(), *v)),
        ))
        .map_err(serde::de::Error::custom)?;
        Ok(UnverifiedIncodeUserinfo { members, claims })
    }
}

/// The userinfo claims vpcheck reads: `sub` and the OIDC standard claims (OpenID Connect Core
/// 1.0 section 5.1) Incode reads from the verified document (name, birth date, gender), and the
/// document data (`document_*`, `nationality`; `docs/formats.md`, section 4 says which names
/// Incode documents and which are vpcheck's reading).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
#[allow(missing_docs)]
pub struct UserinfoClaims<'a> {
    #[serde(default, deserialize_with = "opt_cow")]
    pub sub: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub name: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub given_name: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub family_name: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub middle_name: Option<Cow<'a, str>>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub birthdate: Option<TextOrNumber<'a>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub gender: Option<Cow<'a, str>>,
    /// ISO 3166 alpha-2 or alpha-3.
    #[serde(default, deserialize_with = "opt_cow")]
    pub nationality: Option<Cow<'a, str>>,
    #[serde(default)]
    pub address: Option<OidcAddress<'a>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub document_type: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub document_number: Option<Cow<'a, str>>,
    /// ISO 3166 alpha-2 or alpha-3.
    #[serde(default, deserialize_with = "opt_cow")]
    pub document_issuing_country: Option<Cow<'a, str>>,
    /// `YYYY-MM-DD`.
    #[serde(default, alias = "document_expiration_date")]
    pub document_expiry_date: Option<TextOrNumber<'a>>,
    /// `auth_overall_status` (Incode's authentication flow): `OK` when the face authentication
    /// passed.
    #[serde(default)]
    pub auth_overall_status: Option<ScoreStatus<'a>>,
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

//! Trinsic's sessions API (its public OpenAPI description, API v1): `GetSessionResultResponse`
//! `{session, identityData}`, or a bare `Session`. Unsigned: TLS and an API key are its only
//! protection. The fields: `docs/formats.md`, section 2.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::input::borrow::{opt_cow, TextOrNumber};
use crate::model::open_enum::open_enum;
use crate::time::UnixSeconds;

open_enum! {
    /// `Session.errorCode`.
    pub enum SessionErrorCode {
        /// `Internal`.
        Internal => ["Internal"],
        /// `Other`.
        Other => ["Other"],
        /// `Canceled`.
        Canceled => ["Canceled"],
        /// `UserAbandoned`.
        UserAbandoned => ["UserAbandoned"],
        /// `UserTimedOut`.
        UserTimedOut => ["UserTimedOut"],
        /// `Expired`.
        Expired => ["Expired"],
        /// `InvalidImage`.
        InvalidImage => ["InvalidImage"],
        /// `Inauthentic`.
        Inauthentic => ["Inauthentic"],
        /// `UnsupportedDocument`.
        UnsupportedDocument => ["UnsupportedDocument"],
        /// `AssuranceLevelNotMet`.
        AssuranceLevelNotMet => ["AssuranceLevelNotMet"],
        /// `SecurityValidationFailed`.
        SecurityValidationFailed => ["SecurityValidationFailed"],
        /// `InvalidResponse`.
        InvalidResponse => ["InvalidResponse"],
    }
}

/// A sessions-API result as received.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct UnverifiedSessionResult<'a> {
    /// `session`.
    pub session: Session<'a>,
    /// `identityData`, the person and document, when the session succeeded.
    #[serde(alias = "identity_data", default)]
    pub identity_data: Option<&'a RawValue>,
}

/// `Session`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct Session<'a> {
    /// `id` (a uuid).
    #[serde(default, deserialize_with = "opt_cow")]
    pub id: Option<Cow<'a, str>>,
    /// `done`.
    #[serde(default)]
    pub done: Option<bool>,
    /// `success`.
    #[serde(default)]
    pub success: Option<bool>,
    /// `errorCode`; the placeholder `""` reads as absent.
    #[serde(alias = "error_code", default)]
    pub error_code: Option<SessionErrorCode<'a>>,
    /// `created`, unix seconds.
    #[serde(default)]
    pub created: Option<UnixSeconds>,
    /// `updated`, unix seconds.
    #[serde(default)]
    pub updated: Option<UnixSeconds>,
}

impl<'a> Session<'a> {
    /// The error code, with the placeholder `""` read as absent.
    pub fn effective_error_code(&self) -> Option<&SessionErrorCode<'a>> {
        self.error_code.as_ref().filter(|c| !c.is_placeholder())
    }
}

/// `identityData`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct IdentityData<'a> {
    /// `originatingProviderId`.
    #[serde(alias = "originating_provider_id", default, deserialize_with = "opt_cow")]
    pub originating_provider_id: Option<Cow<'a, str>>,
    /// `originatingSubProviderId`.
    #[serde(alias = "originating_sub_provider_id", default, deserialize_with = "opt_cow")]
    pub originating_sub_provider_id: Option<Cow<'a, str>>,
    /// `person`.
    #[serde(default)]
    pub person: Option<Person<'a>>,
    /// `document`.
    #[serde(default)]
    pub document: Option<Document<'a>>,
    /// `match`, as sent: read by
    /// [`MatchData::parse`](crate::model::trinsic_provider_output::MatchData::parse).
    #[serde(rename = "match", default)]
    pub match_data: Option<&'a RawValue>,
    /// `providerOutput`, as sent: read by
    /// [`ProviderOutput::parse`](crate::model::trinsic_provider_output::ProviderOutput::parse).
    #[serde(alias = "provider_output", default)]
    pub provider_output: Option<&'a RawValue>,
}

/// `identityData.person`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
#[allow(missing_docs)]
pub struct Person<'a> {
    #[serde(alias = "given_name", default, deserialize_with = "opt_cow")]
    pub given_name: Option<Cow<'a, str>>,
    #[serde(alias = "family_name", default, deserialize_with = "opt_cow")]
    pub family_name: Option<Cow<'a, str>>,
    #[serde(alias = "middle_name", default, deserialize_with = "opt_cow")]
    pub middle_name: Option<Cow<'a, str>>,
    #[serde(alias = "full_name", default, deserialize_with = "opt_cow")]
    pub full_name: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub suffix: Option<Cow<'a, str>>,
    /// ISO 3166 alpha-2.
    #[serde(default, deserialize_with = "opt_cow")]
    pub nationality: Option<Cow<'a, str>>,
    /// `Unknown`, `NotApplicable`, `Male`, `Female`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub sex: Option<Cow<'a, str>>,
    #[serde(alias = "phone_number", default, deserialize_with = "opt_cow")]
    pub phone_number: Option<Cow<'a, str>>,
    #[serde(default)]
    pub address: Option<Address<'a>>,
    /// `YYYY-MM-DD` (or epoch milliseconds).
    #[serde(alias = "date_of_birth", default)]
    pub date_of_birth: Option<TextOrNumber<'a>>,
}

/// `identityData.person.address`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
#[allow(missing_docs)]
pub struct Address<'a> {
    #[serde(default, deserialize_with = "opt_cow")]
    pub line1: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub line2: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub line3: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub city: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub subdivision: Option<Cow<'a, str>>,
    #[serde(alias = "postal_code", default, deserialize_with = "opt_cow")]
    pub postal_code: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub country: Option<Cow<'a, str>>,
    #[serde(alias = "full_address", default, deserialize_with = "opt_cow")]
    pub full_address: Option<Cow<'a, str>>,
}

/// `identityData.document`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
#[allow(missing_docs)]
pub struct Document<'a> {
    /// `Passport`, `DriversLicense`, `NationalId`, `IdCard`, `Other`.
    #[serde(default, rename = "type", deserialize_with = "opt_cow")]
    pub kind: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub number: Option<Cow<'a, str>>,
    #[serde(alias = "issue_date", default)]
    pub issue_date: Option<TextOrNumber<'a>>,
    #[serde(alias = "expiration_date", default)]
    pub expiration_date: Option<TextOrNumber<'a>>,
    #[serde(alias = "issuing_country", default, deserialize_with = "opt_cow")]
    pub issuing_country: Option<Cow<'a, str>>,
    #[serde(alias = "issuing_subdivision", default, deserialize_with = "opt_cow")]
    pub issuing_subdivision: Option<Cow<'a, str>>,
    #[serde(alias = "issuing_authority", default, deserialize_with = "opt_cow")]
    pub issuing_authority: Option<Cow<'a, str>>,
}

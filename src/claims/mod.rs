//! The normalised identity claims, one type across vendors. Reachable only from
//! [`crate::Verified`]: parsing alone never hands them out.

pub(crate) mod country;

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::claims::country::to_alpha2;
use crate::error::{Error, Vendor};
use crate::input::borrow::TextOrNumber;
use crate::time::{date_from_epoch_millis, parse_date};

/// Who the person is, as the vendor verified it. Empty strings from the vendor are `None`.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct IdentityClaims<'a> {
    /// Given name(s).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_name: Option<Cow<'a, str>>,
    /// Family name(s).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_name: Option<Cow<'a, str>>,
    /// Middle name(s).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<Cow<'a, str>>,
    /// The full name as one string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_name: Option<Cow<'a, str>>,
    /// Date of birth.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    /// Sex or gender as stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex<'a>>,
    /// Nationality, ISO 3166-1 alpha-2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nationality: Option<&'static str>,
    /// Postal address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Address<'a>>,
    /// The identity document that was checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<IdentityDocument<'a>>,
    /// Where the claims come from.
    pub provenance: Provenance<'a>,
    /// The vendor's own claims object, untouched (`credentialSubject`, `identityData`, Hopae's
    /// upstream `claims`, ...). Read the fields above, not this: for a JSON-LD credential each
    /// value in it is among the statements the proof verified, but its shape is the JSON's, not
    /// the dataset's; Hopae's relayed copy is kept only when a verified token covers all of it;
    /// an unsigned format's is withheld unless the policy accepts unsigned claims.
    #[serde(skip)]
    pub raw: Option<&'a RawValue>,
}

/// Sex or gender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Sex<'a> {
    /// Male.
    Male,
    /// Female.
    Female,
    /// Not applicable.
    NotApplicable,
    /// Stated as unknown.
    Unknown,
    /// Any other value, as sent.
    Other(Cow<'a, str>),
}

impl<'a> Sex<'a> {
    pub(crate) fn from_vendor(value: Cow<'a, str>) -> Self {
        match value.to_ascii_lowercase().as_str() {
            "male" | "m" => Sex::Male,
            "female" | "f" => Sex::Female,
            "notapplicable" | "not_applicable" => Sex::NotApplicable,
            "unknown" => Sex::Unknown,
            _ => Sex::Other(value),
        }
    }
}

/// A postal address.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Address<'a> {
    /// Street lines, joined with newlines when the vendor sends several.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street: Option<Cow<'a, str>>,
    /// City or locality.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locality: Option<Cow<'a, str>>,
    /// State, province or region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Cow<'a, str>>,
    /// Postal code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<Cow<'a, str>>,
    /// Country, ISO 3166-1 alpha-2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<&'static str>,
    /// The whole address as one string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formatted: Option<Cow<'a, str>>,
}

impl Address<'_> {
    /// Whether no field is stated.
    pub(crate) fn is_empty(&self) -> bool {
        *self == Address::default()
    }
}

/// The identity document that was checked.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct IdentityDocument<'a> {
    /// Passport, driver's licence, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<DocumentKind<'a>>,
    /// Document number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<Cow<'a, str>>,
    /// Issuing country, ISO 3166-1 alpha-2 (converted from alpha-3 where sent so).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuing_country: Option<&'static str>,
    /// Issuing subdivision (state, province).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuing_subdivision: Option<Cow<'a, str>>,
    /// Issuing authority.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuing_authority: Option<Cow<'a, str>>,
    /// Date of issue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue_date: Option<NaiveDate>,
    /// Last day of validity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<NaiveDate>,
}

impl IdentityDocument<'_> {
    fn is_empty(&self) -> bool {
        *self == IdentityDocument::default()
    }
}

/// The kind of identity document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DocumentKind<'a> {
    /// Passport.
    Passport,
    /// Driver's licence.
    DriversLicense,
    /// National identity card.
    NationalId,
    /// Other identity card.
    IdCard,
    /// Any other value, as sent.
    Other(Cow<'a, str>),
}

impl<'a> DocumentKind<'a> {
    pub(crate) fn from_vendor(value: Cow<'a, str>) -> Self {
        match value.as_ref() {
            "Passport" | "PASSPORT" | "passport" => DocumentKind::Passport,
            "DriversLicense" | "DRIVERS_LICENSE" | "driversLicense" => DocumentKind::DriversLicense,
            "NationalId" | "NATIONAL_ID" | "nationalId" => DocumentKind::NationalId,
            "IdCard" | "ID_CARD" | "idCard" => DocumentKind::IdCard,
            _ => DocumentKind::Other(value),
        }
    }
}

/// Where the claims come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Provenance<'a> {
    /// The vendor.
    pub vendor: Vendor,
    /// The upstream provider (Hopae `provider_id`, Trinsic `originatingProviderId`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_id: Option<Cow<'a, str>>,
    /// Level of assurance, 1 to 5, where the vendor states one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assurance_level: Option<u8>,
    /// When the vendor verified the person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified_at: Option<DateTime<Utc>>,
    /// The vendor's session or verification id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_id: Option<Cow<'a, str>>,
}

impl<'a> Provenance<'a> {
    pub(crate) fn new(vendor: Vendor) -> Self {
        Provenance {
            vendor,
            provider_id: None,
            assurance_level: None,
            verified_at: None,
            session_id: None,
        }
    }
}

impl<'a> IdentityClaims<'a> {
    pub(crate) fn new(vendor: Vendor) -> Self {
        IdentityClaims { provenance: Provenance::new(vendor), ..IdentityClaims::default() }
    }

    /// Drops empty address and document parts so that "absent" has one spelling.
    pub(crate) fn tidy(mut self) -> Self {
        if self.address.as_ref().is_some_and(Address::is_empty) {
            self.address = None;
        }
        if self.document.as_ref().is_some_and(IdentityDocument::is_empty) {
            self.document = None;
        }
        self
    }
}

impl Default for Provenance<'_> {
    fn default() -> Self {
        Provenance::new(Vendor::Generic)
    }
}

/// An empty string from a vendor means "absent" (Trinsic sends every unknown claim as `""`).
pub(crate) fn present<'a>(value: Option<Cow<'a, str>>) -> Option<Cow<'a, str>> {
    value.filter(|v| !v.is_empty())
}

/// A date claim from `YYYY-MM-DD`, `YYYY-MM-DDT00:00:00` or epoch milliseconds; `""` is absent.
pub(crate) fn date_claim(
    field: &str,
    value: Option<&TextOrNumber<'_>>,
) -> Result<Option<NaiveDate>, Error> {
    match value {
        None => Ok(None),
        Some(TextOrNumber::Text(t)) if t.is_empty() => Ok(None),
        Some(TextOrNumber::Text(t)) => parse_date(field, t).map(Some),
        Some(TextOrNumber::Number(ms)) => date_from_epoch_millis(field, *ms).map(Some),
    }
}

/// A country claim as alpha-2; `""` is absent.
pub(crate) fn country_claim(
    field: &str,
    value: Option<&str>,
) -> Result<Option<&'static str>, Error> {
    match value {
        None | Some("") => Ok(None),
        Some(code) => to_alpha2(field, code).map(Some),
    }
}

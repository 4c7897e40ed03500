//! Hopae userinfo with `provenance`, bare evidence, and verification status objects
//! (Hopae's public API documentation; examples under `test-vectors/vendors/hopae-*.json`; the
//! fields and what Hopae signs: `docs/formats.md`, section 3).

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::input::borrow::{opt_cow, Members, TextOrNumber};
use crate::model::open_enum::open_enum;

open_enum! {
    /// A verification's `status`.
    pub enum VerificationStatus {
        /// `initiated`.
        Initiated => ["initiated"],
        /// `pending`.
        Pending => ["pending"],
        /// `authenticating`.
        Authenticating => ["authenticating"],
        /// `completed`: the only status accepted.
        Completed => ["completed"],
        /// `failed`.
        Failed => ["failed"],
        /// `expired`.
        Expired => ["expired"],
        /// `cancelled`.
        Cancelled => ["cancelled", "canceled"],
    }
}

/// Userinfo (`GET /verifications/{id}/userinfo` or OIDC `/userinfo`) as received.
#[derive(Debug, Clone, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct UnverifiedUserinfo<'a> {
    /// `sub`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub sub: Option<Cow<'a, str>>,
    /// `acr`: `urn:hopae:loa:N` (older docs: `urn:hopae:loaN`).
    #[serde(default, deserialize_with = "opt_cow")]
    pub acr: Option<Cow<'a, str>>,
    /// `hopae_loa`, 1 to 5.
    #[serde(default)]
    pub hopae_loa: Option<i64>,
    /// `hopae_loa_label`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub hopae_loa_label: Option<Cow<'a, str>>,
    /// `provider_id`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub provider_id: Option<Cow<'a, str>>,
    /// `verification_model`: `disclosure` or `match`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub verification_model: Option<Cow<'a, str>>,
    /// `user`: OIDC standard claims; `null` in the match model.
    #[serde(default)]
    pub user: Option<User<'a>>,
    /// `provenance` (older revision: `hopae_provenance`).
    #[serde(default, alias = "hopae_provenance")]
    pub provenance: Option<Provenance<'a>>,
    /// `match`, raw.
    #[serde(default, rename = "match")]
    pub match_result: Option<&'a RawValue>,
    /// `missing_claims`, raw.
    #[serde(default)]
    pub missing_claims: Option<&'a RawValue>,
}

/// `user`: OIDC standard claims (OpenID Connect Core 1.0 section 5.1).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
#[allow(missing_docs)]
pub struct User<'a> {
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
    #[serde(default, deserialize_with = "opt_cow")]
    pub email: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub phone_number: Option<Cow<'a, str>>,
    #[serde(default)]
    pub address: Option<OidcAddress<'a>>,
    /// ISO 3166 alpha-2.
    #[serde(default, deserialize_with = "opt_cow")]
    pub nationality: Option<Cow<'a, str>>,
}

/// OIDC `address` (OpenID Connect Core 1.0 section 5.1.1).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
#[allow(missing_docs)]
pub struct OidcAddress<'a> {
    #[serde(default, deserialize_with = "opt_cow")]
    pub formatted: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub street_address: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub locality: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub region: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub postal_code: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub country: Option<Cow<'a, str>>,
}

/// `provenance`.
#[derive(Debug, Clone, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct Provenance<'a> {
    /// `presentation`.
    #[serde(default)]
    pub presentation: Option<Presentation<'a>>,
    /// `_metadata`.
    #[serde(default, rename = "_metadata")]
    pub metadata: Option<Metadata<'a>>,
}

/// `provenance.presentation`.
#[derive(Debug, Clone, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct Presentation<'a> {
    /// `channel`, raw (`type`, `transport`).
    #[serde(default)]
    pub channel: Option<&'a RawValue>,
    /// `credentials`.
    #[serde(default)]
    pub credentials: Vec<Credential<'a>>,
}

/// One upstream credential.
#[derive(Debug, Clone, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct Credential<'a> {
    /// `type`: the provider id (`smartid`, `bankidse`, `mitid`, ...).
    #[serde(default, rename = "type", deserialize_with = "opt_cow")]
    pub provider: Option<Cow<'a, str>>,
    /// `issuer`.
    #[serde(default)]
    pub issuer: Option<CredentialIssuer<'a>>,
    /// `claims`: the raw upstream claims.
    #[serde(default)]
    pub claims: Option<&'a RawValue>,
    /// `evidence`.
    #[serde(default)]
    pub evidence: Option<UnverifiedEvidence<'a>>,
}

/// `issuer` of an upstream credential.
#[derive(Debug, Clone, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
#[allow(missing_docs)]
pub struct CredentialIssuer<'a> {
    #[serde(default, deserialize_with = "opt_cow")]
    pub id: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    pub authority_name: Option<Cow<'a, str>>,
    #[serde(default)]
    pub is_government: Option<bool>,
}

/// `provenance._metadata`.
#[derive(Debug, Clone, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct Metadata<'a> {
    /// `verification_id`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub verification_id: Option<Cow<'a, str>>,
    /// `verified_at`, ISO 8601.
    #[serde(default, deserialize_with = "opt_cow")]
    pub verified_at: Option<Cow<'a, str>>,
}

/// Evidence: the upstream artefacts (`token`) and the list of their names (`names`).
#[derive(Debug, Clone, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct UnverifiedEvidence<'a> {
    /// `token`: member name to raw value, in document order.
    #[serde(default)]
    pub token: Option<Members<'a, &'a RawValue>>,
    /// `names`: the `;`-delimited key list.
    #[serde(default, deserialize_with = "opt_cow")]
    pub names: Option<Cow<'a, str>>,
}

/// A verification status object (`GET /verifications/{id}`).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct UnverifiedVerification<'a> {
    /// `verificationId`.
    #[serde(alias = "verification_id", default, deserialize_with = "opt_cow")]
    pub verification_id: Option<Cow<'a, str>>,
    /// `status`.
    #[serde(default)]
    pub status: Option<VerificationStatus<'a>>,
    /// `providerId`.
    #[serde(alias = "provider_id", default, deserialize_with = "opt_cow")]
    pub provider_id: Option<Cow<'a, str>>,
    /// `createdAt`.
    #[serde(alias = "created_at", default, deserialize_with = "opt_cow")]
    pub created_at: Option<Cow<'a, str>>,
    /// `verifiedAt`.
    #[serde(alias = "verified_at", default, deserialize_with = "opt_cow")]
    pub verified_at: Option<Cow<'a, str>>,
    /// `expiresAt`.
    #[serde(alias = "expires_at", default, deserialize_with = "opt_cow")]
    pub expires_at: Option<Cow<'a, str>>,
    /// `acr`.
    #[serde(default, deserialize_with = "opt_cow")]
    pub acr: Option<Cow<'a, str>>,
    /// `hopae_loa`.
    #[serde(default, rename = "hopae_loa")]
    pub hopae_loa: Option<i64>,
    /// `hopae_loa_label`.
    #[serde(default, rename = "hopae_loa_label", deserialize_with = "opt_cow")]
    pub hopae_loa_label: Option<Cow<'a, str>>,
    /// `verifiedAttributes` (legacy), raw.
    #[serde(alias = "verified_attributes", default)]
    pub verified_attributes: Option<&'a RawValue>,
}

open_enum! {
    /// A Hopae webhook event's type. The current names are those Hopae's webhook configuration
    /// accepts; older pages of its docs name `verification.created`,
    /// `verification.session.timed_out` and `verification.workflow.cancelled` for the same
    /// events, read here as their current names.
    pub enum WebhookEventType {
        /// `verification.initiated` (older `verification.created`).
        Initiated => ["verification.initiated", "verification.created"],
        /// `verification.awaiting_user_action`.
        AwaitingUserAction => ["verification.awaiting_user_action"],
        /// `verification.completed`.
        Completed => ["verification.completed"],
        /// `verification.failed`.
        Failed => ["verification.failed"],
        /// `verification.expired` (older `verification.session.timed_out`).
        Expired => ["verification.expired", "verification.session.timed_out"],
        /// `verification.cancelled` (older `verification.workflow.cancelled`).
        Cancelled => ["verification.cancelled", "verification.workflow.cancelled"],
    }
}

/// A Hopae webhook delivery's body, as sent: the event's type (`event`, or `type` as in
/// envelope-style deliveries) and the verification it is about, at the top level or under
/// `data`. Only [`crate::verify_hopae_webhook`] hands one out, after the signature verified.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct WebhookBody<'a> {
    /// `event` (also read as `type`, `eventType`, `event_type`; two of them are a duplicate).
    #[serde(default, alias = "type", alias = "eventType", alias = "event_type")]
    pub event: Option<WebhookEventType<'a>>,
    /// `verificationId`.
    #[serde(alias = "verification_id", default, deserialize_with = "opt_cow")]
    pub verification_id: Option<Cow<'a, str>>,
    /// `status`: the verification's status the event reports.
    #[serde(default)]
    pub status: Option<VerificationStatus<'a>>,
    /// `providerId`.
    #[serde(alias = "provider_id", default, deserialize_with = "opt_cow")]
    pub provider_id: Option<Cow<'a, str>>,
    /// `timestamp` (also `createdAt`, `created_at`): when the event happened (RFC 3339).
    #[serde(default, alias = "createdAt", alias = "created_at", deserialize_with = "opt_cow")]
    pub timestamp: Option<Cow<'a, str>>,
    /// `data`: the verification object of an envelope-style delivery.
    #[serde(default)]
    pub data: Option<WebhookData<'a>>,
}

/// `data` of an envelope-style webhook delivery.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct WebhookData<'a> {
    /// `verificationId` (also `verification_id`, `id`).
    #[serde(alias = "verification_id", alias = "id", default, deserialize_with = "opt_cow")]
    pub verification_id: Option<Cow<'a, str>>,
    /// `status`.
    #[serde(default)]
    pub status: Option<VerificationStatus<'a>>,
    /// `providerId`.
    #[serde(alias = "provider_id", default, deserialize_with = "opt_cow")]
    pub provider_id: Option<Cow<'a, str>>,
}

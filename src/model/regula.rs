//! Regula IDV session (`GET /api/sessions/<id>`, Regula's IDV API documentation;
//! `docs/formats.md`, section 5). Not signed.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::input::borrow::{opt_cow, TextOrNumber};

/// A Regula session as received.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct UnverifiedRegulaSession<'a> {
    /// `id`.
    #[serde(default)]
    pub id: Option<TextOrNumber<'a>>,
    /// `status`: an integer whose meanings Regula does not document.
    #[serde(default)]
    pub status: Option<i64>,
    /// `metadata`.
    #[serde(default)]
    pub metadata: Option<Metadata<'a>>,
    /// `properties`, raw.
    #[serde(default)]
    pub properties: Option<&'a RawValue>,
    /// `files`, raw.
    #[serde(default)]
    pub files: Option<&'a RawValue>,
}

/// `metadata`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct Metadata<'a> {
    /// `externalUserId`: the caller's user id.
    #[serde(alias = "external_user_id", default, deserialize_with = "opt_cow")]
    pub external_user_id: Option<Cow<'a, str>>,
}

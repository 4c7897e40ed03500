//! `credentialStatus` (VC Data Model 1.1 section 4.9, 2.0 section 4.10) checked against the
//! status lists the caller supplied: `RevocationList2020Status`, `StatusList2021Entry` and
//! `BitstringStatusListEntry`.
//!
//! The validation follows Bitstring Status List v1.0 section 3.2 ("Validate Algorithm"), which
//! the two older drafts share: the list credential's proofs and validity period are verified,
//! its `statusPurpose` must be the entry's, the index must fall inside the list, and a set bit
//! means revoked (or suspended). We add that the list must be issued by the credential's issuer:
//! a list anyone signed says nothing about the credential.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::ctx::Ctx;
use super::expectation::Expectation;
use crate::error::Error;
use crate::input::borrow::{opt_cow, TextOrNumber};
use crate::input::json::{join_path, parse_typed};
use crate::ld::status_list::{ListKind, StatusList};

/// The most status entries one credential may carry.
const MAX_STATUS_ENTRIES: usize = 16;

/// One `credentialStatus` entry, as the verified statements state it (`crate::verify::jsonld`).
pub(crate) struct StatusEntry<'a> {
    pub kind: Option<Cow<'a, str>>,
    pub revocation_list_index: Option<TextOrNumber<'a>>,
    pub revocation_list_credential: Option<Cow<'a, str>>,
    pub status_list_index: Option<TextOrNumber<'a>>,
    pub status_list_credential: Option<Cow<'a, str>>,
    pub status_purpose: Option<Cow<'a, str>>,
    pub status_size: Option<TextOrNumber<'a>>,
}

impl StatusEntry<'_> {
    /// The list the entry points at.
    pub(crate) fn list_url(&self) -> Option<&str> {
        self.revocation_list_credential.as_deref().or(self.status_list_credential.as_deref())
    }
}

/// A status entry as a JWT credential's payload (signed as JSON) writes it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
struct JsonStatusEntry<'a> {
    #[serde(rename = "type", default, deserialize_with = "opt_cow")]
    kind: Option<Cow<'a, str>>,
    #[serde(default)]
    revocation_list_index: Option<TextOrNumber<'a>>,
    #[serde(default, deserialize_with = "opt_cow")]
    revocation_list_credential: Option<Cow<'a, str>>,
    #[serde(default)]
    status_list_index: Option<TextOrNumber<'a>>,
    #[serde(default, deserialize_with = "opt_cow")]
    status_list_credential: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    status_purpose: Option<Cow<'a, str>>,
    #[serde(default)]
    status_size: Option<TextOrNumber<'a>>,
}

/// Checks every entry of `status` (one object or a list of them, from a JWT credential's signed
/// payload) for the credential `issuer`.
pub(crate) fn check(ctx: &mut Ctx<'_>, field: &str, status: &RawValue, issuer: Option<&str>) {
    let text = status.get();
    let raw: Vec<(String, &RawValue)> = if text.starts_with('[') {
        match parse_typed::<Vec<&RawValue>>(field, text) {
            Ok(list) => list
                .into_iter()
                .enumerate()
                .map(|(i, raw)| (format!("{field}[{i}]"), raw))
                .collect(),
            Err(e) => {
                ctx.fail("status.entry", e);
                return;
            }
        }
    } else {
        vec![(field.to_owned(), status)]
    };
    let mut entries = Vec::with_capacity(raw.len());
    for (entry_field, raw) in raw {
        match parse_typed::<JsonStatusEntry<'_>>(&entry_field, raw.get()) {
            Ok(e) => entries.push((
                entry_field,
                StatusEntry {
                    kind: e.kind,
                    revocation_list_index: e.revocation_list_index,
                    revocation_list_credential: e.revocation_list_credential,
                    status_list_index: e.status_list_index,
                    status_list_credential: e.status_list_credential,
                    status_purpose: e.status_purpose,
                    status_size: e.status_size,
                },
            )),
            Err(e) => {
                ctx.fail("status.entry", e);
                return;
            }
        }
    }
    check_entries(ctx, field, entries, issuer);
}

/// Checks every entry of a credential's status for the credential `issuer`.
pub(crate) fn check_entries(
    ctx: &mut Ctx<'_>,
    field: &str,
    entries: Vec<(String, StatusEntry<'_>)>,
    issuer: Option<&str>,
) {
    // Every entry is judged here: checked against its list, refused, or not checked (skipped,
    // or `status.not_checked` when the policy requires status checks).
    ctx.judged(Expectation::Status);
    if entries.len() > MAX_STATUS_ENTRIES {
        ctx.fail(
            "status.entry",
            Error::StatusInvalid {
                field: field.to_owned(),
                reason: format!(
                    "{} entries, over the limit of {MAX_STATUS_ENTRIES}",
                    entries.len()
                ),
            },
        );
        return;
    }
    for (entry_field, entry) in entries {
        if let Err(e) = check_entry(ctx, &entry_field, &entry, issuer) {
            let name = if e.kind() == crate::error::ErrorKind::Unchecked {
                "status.checked"
            } else {
                "status.entry"
            };
            ctx.fail(name, e);
        }
    }
}

fn check_entry(
    ctx: &mut Ctx<'_>,
    field: &str,
    entry: &StatusEntry<'_>,
    issuer: Option<&str>,
) -> Result<(), Error> {
    let type_field = join_path(field, "type");
    let kind_name = entry.kind.as_deref().ok_or_else(|| Error::missing(&type_field))?;
    let Some(kind) = ListKind::from_entry_type(kind_name) else {
        return not_checked(
            ctx,
            field,
            format!("status type {kind_name:?} is not one this library checks"),
        );
    };
    let (index, index_name, list_name) = match kind {
        ListKind::RevocationList2020 => {
            (&entry.revocation_list_index, "revocationListIndex", "revocationListCredential")
        }
        ListKind::StatusList2021 | ListKind::Bitstring => {
            (&entry.status_list_index, "statusListIndex", "statusListCredential")
        }
    };
    let list_url = match kind {
        ListKind::RevocationList2020 => entry.revocation_list_credential.as_deref(),
        ListKind::StatusList2021 | ListKind::Bitstring => entry.status_list_credential.as_deref(),
    };
    let list_field = join_path(field, list_name);
    let list_url = list_url.filter(|u| !u.is_empty()).ok_or_else(|| Error::missing(&list_field))?;
    let index_field = join_path(field, index_name);
    let index = parse_index(&index_field, index.as_ref())?;
    // Revocation List 2020 has one purpose; the others name it (Bitstring section 2.1).
    let purpose = match kind {
        ListKind::RevocationList2020 => "revocation",
        ListKind::StatusList2021 | ListKind::Bitstring => entry
            .status_purpose
            .as_deref()
            .filter(|p| !p.is_empty())
            .ok_or_else(|| Error::missing(join_path(field, "statusPurpose")))?,
    };
    if !matches!(purpose, "revocation" | "suspension") {
        return not_checked(
            ctx,
            field,
            format!("statusPurpose {purpose:?}: only revocation and suspension are checked"),
        );
    }
    // Bitstring section 2.1: entries of more than one bit carry status messages, not a flag.
    if let Some(size) = &entry.status_size {
        let size_field = join_path(field, "statusSize");
        if parse_index(&size_field, Some(size))? != 1 {
            return not_checked(
                ctx,
                field,
                "a statusSize other than 1 is a status message, not a revocation flag".into(),
            );
        }
    }
    let policy = ctx.policy;
    let Some(list) = policy.status_list(list_url) else {
        return not_checked(
            ctx,
            field,
            format!("no status list supplied for {list_url} (--status-list)"),
        );
    };
    if list.kind() != kind {
        return Err(Error::StatusInvalid {
            field: list_field,
            reason: format!(
                "a {} points at a list for {}",
                kind.entry_type(),
                list.kind().entry_type()
            ),
        });
    }
    if let Some(list_purpose) = list.purpose().filter(|p| *p != purpose) {
        return Err(Error::StatusInvalid {
            field: join_path(field, "statusPurpose"),
            reason: format!("{purpose:?}, but {list_url} is a {list_purpose:?} list"),
        });
    }
    match issuer {
        Some(issuer) if issuer == list.issuer() => {}
        Some(issuer) => {
            return Err(Error::StatusInvalid {
                field: list_field,
                reason: format!(
                    "{list_url} is issued by {}, the credential by {issuer}",
                    list.issuer()
                ),
            })
        }
        None => {
            return Err(Error::StatusInvalid {
                field: list_field,
                reason: "a credential without an issuer cannot be matched to its status list"
                    .into(),
            })
        }
    }
    verify_list(ctx, list);
    let result = match list.is_set(index) {
        None => Err(Error::StatusInvalid {
            field: index_field,
            reason: format!("index {index} is past the {} entries of {list_url}", list.len()),
        }),
        Some(false) => Ok(format!("{index_field} = {index}: clear in {list_url} ({purpose})")),
        Some(true) if purpose == "revocation" => {
            Err(Error::StatusRevoked { field: field.to_owned(), list: list_url.to_owned(), index })
        }
        Some(true) => Err(Error::StatusSuspended {
            field: field.to_owned(),
            list: list_url.to_owned(),
            index,
        }),
    };
    ctx.check(format!("status.{purpose}"), result);
    Ok(())
}

/// The list credential is itself a credential: its proofs and validity period are checked like
/// any other's (Bitstring section 3.2 step 4), with the checks named after the list.
fn verify_list(ctx: &mut Ctx<'_>, list: &StatusList) {
    ctx.nested_status_list(&format!("statusList<{}>", list.id()), list.document());
}

/// A status that cannot be checked: skipped, unless the policy requires status checks.
fn not_checked(ctx: &mut Ctx<'_>, field: &str, reason: String) -> Result<(), Error> {
    if ctx.policy.status_check_required() {
        Err(Error::StatusNotChecked { field: field.to_owned(), reason })
    } else {
        ctx.skip("status.checked", format!("{field}: {reason}"));
        Ok(())
    }
}

/// A list index: a base-10 string of digits (the specifications' form) or a JSON integer.
fn parse_index(field: &str, value: Option<&TextOrNumber<'_>>) -> Result<u64, Error> {
    let invalid =
        |reason: &str| Error::StatusInvalid { field: field.to_owned(), reason: reason.to_owned() };
    let text: &str = match value {
        None => return Err(Error::missing(field)),
        Some(TextOrNumber::Text(t)) => t,
        Some(TextOrNumber::Number(n)) => {
            return u64::try_from(*n).map_err(|_| invalid(&format!("{n} is negative")))
        }
    };
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(&format!("{text:?} is not a non-negative base-10 integer")));
    }
    text.parse::<u64>().map_err(|_| invalid(&format!("{text} is out of range")))
}

//! Trinsic sessions-API results: `done && success`, error code, timestamps, identity data.

use std::borrow::Cow;

use super::ctx::{apply_policy, in_order, not_in_future, Ctx, Facts};
use super::jsonld::document_expiry;
use super::trinsic_provider_output::{self as provider_output, Outcome};
use crate::claims::{
    country_claim, date_claim, present, Address, DocumentKind, IdentityClaims, IdentityDocument,
    Sex,
};
use crate::error::{Error, Vendor};
use crate::input::json::parse_typed;
use crate::model::trinsic_sessions::{IdentityData, UnverifiedSessionResult};

const VENDOR: Vendor = Vendor::TrinsicSessions;

pub(crate) fn run<'s>(
    result: &'s UnverifiedSessionResult<'_>,
    ctx: &mut Ctx<'_>,
) -> (IdentityClaims<'s>, Outcome<'s>) {
    let session = &result.session;
    let error_code = session.effective_error_code();
    let state = format!("done = {}, success = {}", flag(session.done), flag(session.success));
    let state_result = match (session.done, session.success, error_code) {
        (Some(true), Some(true), None) => Ok(state),
        (Some(true), Some(true), Some(code)) => Err(Error::SessionInconsistent {
            vendor: VENDOR,
            field: "session.errorCode".into(),
            reason: format!("success is true but errorCode is {code}"),
        }),
        (Some(true), _, code) => Err(Error::SessionFailed {
            vendor: VENDOR,
            field: "session.success".into(),
            state,
            fail_code: code.map_or_else(|| "none given".to_owned(), |c| c.name().into_owned()),
        }),
        (_, Some(true), _) => Err(Error::SessionInconsistent {
            vendor: VENDOR,
            field: "session.done".into(),
            reason: "success is true but done is not".into(),
        }),
        _ => Err(Error::SessionIncomplete { vendor: VENDOR, field: "session.done".into(), state }),
    };
    ctx.check("session.state", state_result);

    let id = session.id.as_deref().filter(|id| !id.is_empty());
    if id.is_none() {
        ctx.fail("session.id", Error::missing("session.id"));
    }
    let created = ctx.unix("session.created", session.created);
    let updated = ctx.unix("session.updated", session.updated);
    in_order(ctx, ("session.created", created), ("session.updated", updated));
    not_in_future(ctx, "session.created", created);
    not_in_future(ctx, "session.updated", updated);

    let mut claims = IdentityClaims::new(VENDOR);
    let mut outcome = Outcome::default();
    if let Some(raw) = result.identity_data {
        match parse_typed::<IdentityData<'s>>("identityData", raw.get()) {
            Ok(data) => {
                let (provider_output, match_data) = (data.provider_output, data.match_data);
                match identity_claims(data) {
                    Ok(c) => claims = c,
                    Err(e) => ctx.fail("claims.identityData", e),
                }
                let data = IdentityData { provider_output, match_data, ..IdentityData::default() };
                outcome = provider_output::run(
                    ctx,
                    &data,
                    &claims,
                    [("session.created", created), ("session.updated", updated)],
                );
            }
            Err(e) => ctx.fail("claims.identityData", e),
        }
        claims.raw = Some(raw);
    }
    if let Some((_, level)) = &outcome.assurance_level {
        claims.provenance.assurance_level = Some(*level);
    }
    if let Some(expiry) = claims.document.as_ref().and_then(|d| d.expiry_date) {
        document_expiry(ctx, "identityData.document.expirationDate", expiry);
    }
    claims.provenance.session_id = id.map(Cow::Borrowed);
    claims.provenance.verified_at = updated;
    apply_policy(
        ctx,
        &Facts {
            session_id: id.map(|id| ("session.id".to_owned(), id)),
            session_field: "session.id",
            verified_at: updated.map(|t| ("session.updated".to_owned(), t)),
            verified_at_field: "session.updated",
            assurance_level: outcome.assurance_level.clone(),
            ..Facts::default()
        },
    );
    (claims, outcome)
}

fn flag(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "true",
        Some(false) => "false",
        None => "absent",
    }
}

fn identity_claims(data: IdentityData<'_>) -> Result<IdentityClaims<'_>, Error> {
    let mut claims = IdentityClaims::new(VENDOR);
    claims.provenance.provider_id = present(data.originating_provider_id);
    if let Some(p) = data.person {
        claims.given_name = present(p.given_name);
        claims.family_name = present(p.family_name);
        claims.middle_name = present(p.middle_name);
        claims.full_name = present(p.full_name);
        claims.birth_date =
            date_claim("identityData.person.dateOfBirth", p.date_of_birth.as_ref())?;
        claims.sex = present(p.sex).map(Sex::from_vendor);
        claims.nationality =
            country_claim("identityData.person.nationality", p.nationality.as_deref())?;
        if let Some(a) = p.address {
            let street =
                [a.line1, a.line2, a.line3].into_iter().filter_map(present).collect::<Vec<_>>();
            claims.address = Some(Address {
                street: match street.len() {
                    0 => None,
                    1 => street.into_iter().next(),
                    _ => Some(Cow::Owned(street.join("\n"))),
                },
                locality: present(a.city),
                region: present(a.subdivision),
                postal_code: present(a.postal_code),
                country: country_claim(
                    "identityData.person.address.country",
                    a.country.as_deref(),
                )?,
                formatted: present(a.full_address),
            });
        }
    }
    if let Some(d) = data.document {
        claims.document = Some(IdentityDocument {
            kind: present(d.kind).map(DocumentKind::from_vendor),
            number: present(d.number),
            issuing_country: country_claim(
                "identityData.document.issuingCountry",
                d.issuing_country.as_deref(),
            )?,
            issuing_subdivision: present(d.issuing_subdivision),
            issuing_authority: present(d.issuing_authority),
            issue_date: date_claim("identityData.document.issueDate", d.issue_date.as_ref())?,
            expiry_date: date_claim(
                "identityData.document.expirationDate",
                d.expiration_date.as_ref(),
            )?,
        });
    }
    Ok(claims.tidy())
}

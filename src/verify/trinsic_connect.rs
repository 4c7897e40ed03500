//! Trinsic Connect sessions: state, verifications, timestamps, the `resultVp` presentation with
//! its nonce bound to the envelope id, and the unsigned copy of the claims against the signed one.
//!
//! The envelope's instants (`created`, `updated`, each verification's `updated`) are unsigned:
//! the session is dated by its credential's signed issuance, and envelope instants that disagree
//! with it beyond the leeway are `binding.time`.

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use super::ctx::{apply_policy, in_order, not_in_future, Ctx, Facts};
use super::jsonld::{self as ld, ExpectedSession};
use crate::claims::{present, IdentityClaims};
use crate::error::{Error, Vendor};
use crate::input::json::check_document;
use crate::model::jsonld::UnverifiedLdDocument;
use crate::model::trinsic_connect::{
    NormalizedGovernmentIdData, SessionState, UnverifiedConnectSession, Verification,
    VerificationFailCode, VerificationState,
};
use crate::time::{parse_date, plus};

const VENDOR: Vendor = Vendor::TrinsicConnect;

pub(crate) fn run<'s>(
    session: &'s UnverifiedConnectSession<'_>,
    ctx: &mut Ctx<'_>,
) -> IdentityClaims<'s> {
    let state = session.effective_state();
    let fail_code = session.effective_fail_code().map(|c| c.name().into_owned());
    let state_result = match &state {
        SessionState::Success => match session.effective_fail_code() {
            Some(code) if *code != crate::model::trinsic_connect::SessionFailCode::None => {
                Err(Error::SessionInconsistent {
                    vendor: VENDOR,
                    field: "failCode".into(),
                    reason: format!("state is IDV_SUCCESS but failCode is {code}"),
                })
            }
            _ => Ok("state = IDV_SUCCESS".to_owned()),
        },
        SessionState::Failed => Err(Error::SessionFailed {
            vendor: VENDOR,
            field: "state".into(),
            state: state.name().into_owned(),
            fail_code: fail_code.unwrap_or_else(|| "none given".into()),
        }),
        SessionState::Unknown(_) => Err(Error::SessionUnknownState {
            vendor: VENDOR,
            field: "state".into(),
            state: state.name().into_owned(),
        }),
        _ => Err(Error::SessionIncomplete {
            vendor: VENDOR,
            field: "state".into(),
            state: state.name().into_owned(),
        }),
    };
    ctx.check("session.state", state_result);
    let succeeded = state == SessionState::Success;

    let id = session.id.as_deref().filter(|id| !id.is_empty());
    if id.is_none() {
        ctx.fail("session.id", Error::missing("id"));
    }

    let created = ctx.unix("created", session.created);
    let updated = ctx.unix("updated", session.updated);
    in_order(ctx, ("created", created), ("updated", updated));
    not_in_future(ctx, "created", created);
    not_in_future(ctx, "updated", updated);

    let verifications = session.verifications.as_ref();
    if succeeded && verifications.is_none_or(|v| v.is_empty()) {
        ctx.fail(
            "session.verifications",
            Error::SessionInconsistent {
                vendor: VENDOR,
                field: "verifications".into(),
                reason: "state is IDV_SUCCESS with no verification".into(),
            },
        );
    }
    let mut envelope: Vec<(String, DateTime<Utc>)> = Vec::new();
    envelope.extend(created.map(|t| ("created".to_owned(), t)));
    envelope.extend(updated.map(|t| ("updated".to_owned(), t)));
    for (key, verification) in verifications.map(|v| v.iter()).into_iter().flatten() {
        if let Some(t) = check_verification(ctx, key, verification, succeeded) {
            envelope.push((format!("verifications.{key}.updated"), t));
        }
    }

    let mut claims = IdentityClaims::new(VENDOR);
    let mut issued = None;
    if succeeded {
        match session.result_vp.as_deref() {
            None | Some("") => ctx.fail(
                "session.result",
                Error::SessionResultMissing { vendor: VENDOR, field: "resultVp".into() },
            ),
            Some(text) => {
                if let Some((c, signed)) = check_result_vp(ctx, text, id) {
                    claims = c;
                    issued = signed;
                }
            }
        }
        for (key, verification) in verifications.map(|v| v.iter()).into_iter().flatten() {
            if let Some(copy) = &verification.normalized_government_id_data {
                compare_unsigned_copy(ctx, key, copy, &claims);
            }
        }
    }
    claims.provenance.session_id = id.map(Cow::Borrowed);
    // The credential's issuance, as the JSON-LD checks read it (else its proof's `created`), is the
    // signed instant of the session (README.md, "What is signed"); the envelope's `created` and
    // `updated` are not signed.
    let issued_field = issued.as_ref().map_or_else(
        || "resultVp.verifiableCredential[0].issuanceDate".to_owned(),
        |(f, _)| f.clone(),
    );
    let issued = issued.map(|(_, t)| t);
    match issued {
        Some(issued) => {
            bind_envelope(ctx, &envelope, &issued_field, issued);
            ctx.report.set_signed_instant(issued_field.clone(), issued);
        }
        None => {
            for (field, t) in &envelope {
                ctx.report.unsigned_value(
                    field.clone(),
                    Some(t.to_rfc3339()),
                    true,
                    "no signed issuance to hold it to",
                );
            }
        }
    }
    claims.provenance.verified_at = issued;

    apply_policy(
        ctx,
        &Facts {
            session_id: id.map(|id| ("id".to_owned(), id)),
            session_field: "id",
            verified_at: issued.map(|t| (issued_field.clone(), t)),
            verified_at_field: "resultVp.verifiableCredential[0].issuanceDate",
            ..Facts::default()
        },
    );
    claims
}

/// Holds the envelope's unsigned instants to the signed issuance, with the policy leeway: the
/// session's `updated` is when Trinsic issued the result, so it must be the issuance; `created`
/// and each verification's `updated` come before it. An envelope rewritten to look recent
/// therefore fails here, and the maximum age is judged at the issuance.
fn bind_envelope(
    ctx: &mut Ctx<'_>,
    envelope: &[(String, DateTime<Utc>)],
    issued_field: &str,
    issued: DateTime<Utc>,
) {
    let leeway = ctx.policy.leeway();
    for (field, time) in envelope {
        let relation = if *time > plus(issued, leeway) {
            Some("after")
        } else if field == "updated" && plus(*time, leeway) < issued {
            Some("before")
        } else {
            None
        };
        let result = match relation {
            Some(relation) => Err(Error::TimeBinding {
                field: field.clone(),
                time: *time,
                relation,
                signed_field: issued_field.to_owned(),
                signed: issued,
            }),
            None => Ok(format!("{field} = {time}, consistent with {issued_field} = {issued}")),
        };
        ctx.check(format!("binding.time.{field}"), result);
    }
}

/// Returns the verification's `updated` instant, if it has one.
fn check_verification(
    ctx: &mut Ctx<'_>,
    key: &str,
    v: &Verification<'_>,
    session_succeeded: bool,
) -> Option<DateTime<Utc>> {
    let field = format!("verifications.{key}");
    let code = v.fail_code.as_ref().filter(|c| !c.is_placeholder());
    let fail_code = || code.map_or_else(|| "none given".to_owned(), |c| c.name().into_owned());
    let state =
        v.state.clone().filter(|s| !s.is_placeholder()).unwrap_or(VerificationState::Pending);
    let failure = code.filter(|c| **c != VerificationFailCode::None);
    match state {
        VerificationState::Success => match failure {
            None => ctx.check(
                format!("verification.state.{key}"),
                Ok(format!("{field}.state = VERIFICATION_SUCCESS")),
            ),
            Some(code) => ctx.fail(
                format!("verification.state.{key}"),
                Error::SessionInconsistent {
                    vendor: VENDOR,
                    field: format!("{field}.failCode"),
                    reason: format!("state is VERIFICATION_SUCCESS but failCode is {code}"),
                },
            ),
        },
        VerificationState::Unknown(_) => ctx.fail(
            format!("verification.state.{key}"),
            Error::SessionUnknownState {
                vendor: VENDOR,
                field: format!("{field}.state"),
                state: state.name().into_owned(),
            },
        ),
        VerificationState::Failed => ctx.fail(
            format!("verification.state.{key}"),
            Error::VerificationFailed {
                field: format!("{field}.state"),
                state: state.name().into_owned(),
                fail_code: fail_code(),
            },
        ),
        // A session that has not succeeded may still have verifications under way.
        _ if !session_succeeded => {}
        _ => ctx.fail(
            format!("verification.state.{key}"),
            Error::VerificationFailed {
                field: format!("{field}.state"),
                state: state.name().into_owned(),
                fail_code: fail_code(),
            },
        ),
    }
    let begun = ctx.unix(&format!("{field}.begun"), v.begun);
    // `updated` is 0 when the verification has not begun: no instant to compare.
    let updated = ctx.unix(&format!("{field}.updated"), v.updated.filter(|u| u.0 != 0));
    in_order(ctx, (&format!("{field}.begun"), begun), (&format!("{field}.updated"), updated));
    updated
}

/// `resultVp` is a JSON document inside a string: it gets its own structure pass.
/// Returns the claims and the signed instant the checks used, with its member path.
#[allow(clippy::type_complexity)]
fn check_result_vp<'s>(
    ctx: &mut Ctx<'_>,
    text: &'s str,
    envelope_id: Option<&'s str>,
) -> Option<(IdentityClaims<'s>, Option<(String, DateTime<Utc>)>)> {
    let parsed = check_document("resultVp", text.as_bytes(), ctx.policy.limits())
        .and_then(|checked| UnverifiedLdDocument::parse("resultVp", checked.text));
    let vp = match parsed {
        Ok(vp) => vp,
        Err(e) => {
            ctx.fail("parse.resultVp", e);
            return None;
        }
    };
    if !vp.is_presentation() {
        ctx.fail("session.result", Error::invalid("resultVp", "not a verifiable presentation"));
        return None;
    }
    let session = envelope_id.map(|id| ExpectedSession { field: "id", id });
    let claims = ld::run(&vp, "resultVp", ctx, session, VENDOR);
    let signed =
        crate::verify::jsonld::ld_checked_instant(claims.provenance.verified_at, &vp, "resultVp");
    Some((claims, signed))
}

/// `normalizedGovernmentIdData` is an unsigned copy: where both are present it must agree with
/// the signed credential, so that nobody reads the unsigned one believing it checked.
fn compare_unsigned_copy(
    ctx: &mut Ctx<'_>,
    key: &str,
    copy: &NormalizedGovernmentIdData<'_>,
    claims: &IdentityClaims<'_>,
) {
    let base = format!("verifications.{key}.normalizedGovernmentIdData");
    let document_number = claims.document.as_ref().and_then(|d| d.number.as_deref());
    let pairs = [
        ("idNumber", present(copy.id_number.clone()), document_number),
        ("givenName", present(copy.given_name.clone()), claims.given_name.as_deref()),
        ("familyName", present(copy.family_name.clone()), claims.family_name.as_deref()),
    ];
    for (name, unsigned, signed) in pairs {
        if let (Some(unsigned), Some(signed)) = (unsigned, signed) {
            let f = format!("{base}.{name}");
            let result = if unsigned == signed {
                Ok(format!("{f} = signed value"))
            } else {
                Err(Error::ClaimsMismatch {
                    field: f.clone(),
                    signed: signed.to_owned(),
                    unsigned: unsigned.into_owned(),
                })
            };
            ctx.check(format!("binding.claims.{name}"), result);
        }
    }
    if let (Some(unsigned), Some(signed)) = (present(copy.date_of_birth.clone()), claims.birth_date)
    {
        let f = format!("{base}.dateOfBirth");
        let result = match parse_date(&f, &unsigned) {
            Ok(d) if d == signed => Ok(format!("{f} = signed value")),
            Ok(d) => Err(Error::ClaimsMismatch {
                field: f.clone(),
                signed: signed.to_string(),
                unsigned: d.to_string(),
            }),
            Err(e) => Err(e),
        };
        ctx.check("binding.claims.dateOfBirth", result);
    }
}

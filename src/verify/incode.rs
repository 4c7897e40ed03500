//! Incode finish status and scores: the decision must be `approved` with status `OK`
//! (or `MANUAL_OK`, a reviewer's approval).

use std::borrow::Cow;

use super::ctx::{apply_policy, Ctx, Facts};
use crate::claims::IdentityClaims;
use crate::error::{Error, Vendor};
use crate::model::incode::{Action, ScoreStatus, UnverifiedIncodeResult};

const VENDOR: Vendor = Vendor::Incode;

pub(crate) fn run<'s>(
    result: &'s UnverifiedIncodeResult<'_>,
    ctx: &mut Ctx<'_>,
) -> IdentityClaims<'s> {
    let mut decided = false;
    if let Some(action) = &result.action {
        decided = true;
        let r = match action {
            Action::Approved => Ok("action = approved".to_owned()),
            Action::Rejected => {
                Err(failed("action", action.name().into_owned(), result.score_status.as_ref()))
            }
            Action::NoDecision => Err(Error::SessionIncomplete {
                vendor: VENDOR,
                field: "action".into(),
                state: "none".into(),
            }),
            Action::Unknown(_) => Err(unknown("action", &action.name())),
        };
        ctx.check("session.action", r);
    }
    if let Some(status) = &result.score_status {
        decided = true;
        ctx.check("session.scoreStatus", score(status, "scoreStatus"));
    }
    if let Some(overall) = &result.overall {
        decided = true;
        let r = match &overall.status {
            Some(status) => score(status, "overall.status"),
            None => Err(Error::missing("overall.status")),
        };
        ctx.check("session.overall", r);
    }
    if !decided {
        let state = result.onboarding_status.as_deref().unwrap_or("no decision").to_owned();
        ctx.fail(
            "session.state",
            Error::SessionIncomplete { vendor: VENDOR, field: "action".into(), state },
        );
    }
    let mut claims = IdentityClaims::new(VENDOR);
    let interview = result.interview_id.as_deref().filter(|s| !s.is_empty());
    claims.provenance.session_id = interview.map(Cow::Borrowed);
    apply_policy(
        ctx,
        &Facts {
            session_id: interview.map(|id| ("interviewId".to_owned(), id)),
            session_field: "interviewId",
            verified_at_field: "(Incode results carry no verification time)",
            external_user_id: Some(("externalId", result.external_id.as_deref())),
            ..Facts::default()
        },
    );
    claims
}

fn score(status: &ScoreStatus<'_>, field: &str) -> Result<String, Error> {
    match status {
        s if s.is_pass() => Ok(format!("{field} = {s}")),
        ScoreStatus::Unknown(_) => Err(unknown(field, &status.name())),
        s => Err(Error::SessionFailed {
            vendor: VENDOR,
            field: field.into(),
            state: s.name().into_owned(),
            fail_code: format!("{field} {s}"),
        }),
    }
}

fn failed(field: &str, state: String, score: Option<&ScoreStatus<'_>>) -> Error {
    let fail_code = score.map_or_else(|| "none given".to_owned(), |s| format!("scoreStatus {s}"));
    Error::SessionFailed { vendor: VENDOR, field: field.into(), state, fail_code }
}

fn unknown(field: &str, value: &str) -> Error {
    Error::SessionUnknownState { vendor: VENDOR, field: field.into(), state: value.to_owned() }
}

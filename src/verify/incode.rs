//! Incode finish status and scores: the decision must be `approved` with status `OK`
//! (or `MANUAL_OK`, a reviewer's approval), and it must not contradict the component checks the
//! result reports: a positive decision beside a failed liveness, face recognition or ID
//! validation check is `session.inconsistent`, unless the result records a manual review
//! (`MANUAL_OK`) and the policy accepts one over failed components
//! (`Policy::accept_manual_review_over_failed_components`). Incode's documentation gives the
//! decision as `overall.status`; a result that says "approved" while a check it reports failed
//! is not one a backend can rely on without a reviewer's word.

use std::borrow::Cow;

use serde_json::value::RawValue;
use serde_json::Value;

use super::ctx::{apply_policy, Ctx, Facts};
use crate::claims::IdentityClaims;
use crate::error::{Error, Vendor};
use crate::model::incode::{Action, OnboardingStatus, ScoreStatus, UnverifiedIncodeResult};

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
    consistency(result, ctx);
    if let Some(status) = &result.onboarding_status {
        let r = onboarding(status);
        // A reviewer's approval is a decision; a refused status already says why there is none.
        if matches!(status, OnboardingStatus::ManualReviewApproved) || r.is_err() {
            decided = true;
        }
        ctx.check("session.onboardingStatus", r);
    }
    if !decided {
        let state = match &result.onboarding_status {
            Some(s) => format!("absent (onboardingStatus {s}: the decision is in the scores)"),
            None => "no decision".to_owned(),
        };
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

/// The component scores an approving decision must not contradict.
fn components<'a>(r: &UnverifiedIncodeResult<'a>) -> [(&'static str, Option<&'a RawValue>); 3] {
    [
        ("idValidation", r.id_validation),
        ("liveness", r.liveness),
        ("faceRecognition", r.face_recognition),
    ]
}

/// A positive decision (`action` approved, `scoreStatus` or `overall.status` passing) held to
/// every `status` its component scores report. Not run without a positive decision: a negative
/// one already rejects.
fn consistency(result: &UnverifiedIncodeResult<'_>, ctx: &mut Ctx<'_>) {
    let decision = if matches!(result.action, Some(Action::Approved)) {
        "action = approved".to_owned()
    } else if let Some(s) = result.score_status.as_ref().filter(|s| s.is_pass()) {
        format!("scoreStatus = {s}")
    } else if let Some(s) =
        result.overall.as_ref().and_then(|o| o.status.as_ref()).filter(|s| s.is_pass())
    {
        format!("overall.status = {s}")
    } else {
        return;
    };
    let mut failed: Vec<(String, String)> = Vec::new();
    let mut present = false;
    for (name, component) in components(result) {
        let Some(raw) = component else { continue };
        present = true;
        match serde_json::from_str::<Value>(raw.get()) {
            Ok(value) => failing_statuses(&value, name.to_owned(), &mut failed),
            Err(e) => {
                ctx.fail("session.consistency", Error::invalid(name, e.to_string()));
                return;
            }
        }
    }
    if !present {
        return;
    }
    let manual_review =
        [result.score_status.as_ref(), result.overall.as_ref().and_then(|o| o.status.as_ref())]
            .into_iter()
            .flatten()
            .any(|s| matches!(s, ScoreStatus::ManualOk));
    let r = match failed.first() {
        None => Ok(format!("{decision}; every component check passed or warned")),
        Some((field, status)) if manual_review && ctx.policy.manual_review_accepted_over_failed_components() => {
            Ok(format!("{decision}; {field} = {status}, over which the policy accepts the recorded manual review (MANUAL_OK)"))
        }
        Some((field, status)) => Err(Error::SessionInconsistent {
            vendor: VENDOR,
            field: field.clone(),
            reason: format!(
                "{status}, while {decision}: the decision contradicts a failed component check"
            ),
        }),
    };
    ctx.check("session.consistency", r);
}

/// Every `status` member under `value` that reports a failure (`FAIL`, `MANUAL_FAIL`), with its
/// member path. The depth is the structure pass's, already bounded.
fn failing_statuses(value: &Value, path: String, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(members) => {
            for (k, v) in members {
                let p = format!("{path}.{k}");
                match (k.as_str(), v) {
                    ("status", Value::String(s))
                        if matches!(s.as_str(), "FAIL" | "MANUAL_FAIL") =>
                    {
                        out.push((p, s.clone()));
                    }
                    _ => failing_statuses(v, p, out),
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                failing_statuses(v, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// The onboarding-status webhook's `onboardingStatus` (`docs/formats.md`, section 4). The body
/// carries no identity and is not signed: it says how far an onboarding got. A reviewer's
/// rejection fails; a step short of the end is incomplete; `ONBOARDING_FINISHED` says the flow
/// ended, not how (the scores decide), and `MANUAL_REVIEW_APPROVED` is a reviewer's approval.
fn onboarding(status: &OnboardingStatus<'_>) -> Result<String, Error> {
    const FIELD: &str = "onboardingStatus";
    match status {
        OnboardingStatus::OnboardingFinished | OnboardingStatus::ManualReviewApproved => {
            Ok(format!("{FIELD} = {status}"))
        }
        OnboardingStatus::ManualReviewRejected => Err(Error::SessionFailed {
            vendor: VENDOR,
            field: FIELD.into(),
            state: status.name().into_owned(),
            fail_code: "a reviewer rejected the onboarding".into(),
        }),
        OnboardingStatus::Unknown(_) => Err(unknown(FIELD, &status.name())),
        OnboardingStatus::Unknown_
        | OnboardingStatus::IdValidationFinished
        | OnboardingStatus::IdValidationFinishedSecondId
        | OnboardingStatus::PostProcessingFinished
        | OnboardingStatus::FaceValidationFinished
        | OnboardingStatus::GovernmentValidationFinished => Err(Error::SessionIncomplete {
            vendor: VENDOR,
            field: FIELD.into(),
            state: status.name().into_owned(),
        }),
    }
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

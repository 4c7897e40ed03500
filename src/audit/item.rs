//! One stored result, verified as `vpcheck audit` verifies it: at the instant the auditor names,
//! at a member of the result, or at the instant its own signature covers, confirmed.

use chrono::{DateTime, Utc};

use super::instant::{instant_at_field, signed_instant};
use crate::verify::policy::Policy;
use crate::verify::report::Report;
use crate::verify::unverified::parse;

/// The instant an audited item is judged at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JudgeAt<'p> {
    /// The policy's own instant (`vpcheck audit --now`): the auditor's, not the item's.
    PolicyNow,
    /// The instant held in this member of the item (a dot path, `updated`,
    /// `_metadata.verified_at`; for a JWT a payload claim such as `iat`; [`instant_at_field`]).
    /// Unsigned: whoever can edit the stored records chooses it, so the outcome says whether the
    /// verified result itself signs that instant.
    Field(&'p str),
    /// The instant the item's own signature covers ([`signed_instant`]): read before anything
    /// is verified, so only a candidate; the item is verified at it and accepted only if the
    /// verified result's own signed instant is that very instant
    /// ([`Report::confirm_signed_instant`]), else "could not check"
    /// (`audit.instant_unsigned`). An edited record cannot pick its own instant.
    Signed,
}

impl JudgeAt<'_> {
    /// `now`, `field` or `signed`: how the audit output names it.
    pub fn name(self) -> &'static str {
        match self {
            JudgeAt::PolicyNow => "now",
            JudgeAt::Field(_) => "field",
            JudgeAt::Signed => "signed",
        }
    }
}

/// What became of one audited item.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct AuditedItem {
    /// The verification's report: verdict, format, checks, errors. A result that did not parse,
    /// or whose instant could not be read, has a report of that one error.
    pub report: Report,
    /// The instant the item was judged at; `None` when its instant could not be read.
    pub at: Option<DateTime<Utc>>,
    /// Whether that instant is one the item's verified signature covers; `None` for
    /// [`JudgeAt::PolicyNow`], whose instant is the auditor's.
    pub instant_signed: Option<bool>,
}

/// Verifies `bytes` under `policy` at the instant `judge` names, as `vpcheck audit` does for
/// each item. Never fails: every problem is in the report.
pub fn audit_item(bytes: &[u8], policy: &Policy, judge: JudgeAt<'_>) -> AuditedItem {
    let limits = policy.limits();
    let instant = match judge {
        JudgeAt::PolicyNow => Ok(None),
        JudgeAt::Field(path) => {
            instant_at_field(bytes, path, limits).map(|t| Some((path.to_owned(), t)))
        }
        JudgeAt::Signed => signed_instant(bytes, limits).map(Some),
    };
    match instant {
        Err(e) => AuditedItem {
            report: Report::malformed(e),
            at: None,
            instant_signed: (judge != JudgeAt::PolicyNow).then_some(false),
        },
        Ok(instant) => {
            let item_policy = instant.as_ref().map(|(_, t)| policy.clone().with_now(*t));
            let policy = item_policy.as_ref().unwrap_or(policy);
            let mut report = match parse(bytes, limits) {
                Err(e) => Report::malformed(e),
                Ok(u) => match u.verify(policy) {
                    Ok(v) => v.into_report(),
                    Err(r) => r.into_report(),
                },
            };
            let instant_signed = match (judge, &instant) {
                (JudgeAt::Signed, Some((field, at))) => {
                    Some(report.confirm_signed_instant(field, *at))
                }
                // A member named by the auditor is signed only when the verified result says so.
                (_, Some((_, at))) => {
                    Some(report.signed_instant().is_some_and(|(_, signed)| signed == *at))
                }
                (_, None) => None,
            };
            AuditedItem { report, at: Some(policy.now()), instant_signed }
        }
    }
}

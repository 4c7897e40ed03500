//! What verification found: each check with its status, the errors, and the verdict.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{Error, ErrorKind};
use crate::format::Format;

/// The overall outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Every check passed.
    Verified,
    /// The input is malformed or a check failed.
    Rejected,
    /// Nothing failed, but a required check could not be carried out (no key, a suite this
    /// build cannot check): neither accept nor reject on this alone.
    Unchecked,
}

impl Verdict {
    /// `verified`, `rejected` or `unchecked`: its name in the JSON output (as serialised).
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Verified => "verified",
            Verdict::Rejected => "rejected",
            Verdict::Unchecked => "unchecked",
        }
    }
}

/// The status of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    /// The check ran and passed.
    Passed,
    /// The check ran and failed; the matching error is in [`Report::errors`].
    Failed,
    /// The check did not run; `detail` says why. When that matters for the verdict, a
    /// "could not check" error is in [`Report::errors`] too.
    Skipped,
}

/// One check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// What was checked, e.g. `session.state`, `time.document_expiry`. Most names are static;
    /// borrowing them saves an allocation per check on every verification.
    pub name: Cow<'static, str>,
    /// Its status.
    pub status: CheckStatus,
    /// What was compared, or why it failed or was skipped.
    pub detail: String,
}

/// A value the result carries that no signature covers and that was not compared with a signed
/// one: reported apart from the verified claims, never inside them. Any format can report such
/// values; the member path is the format's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unsigned {
    /// The member, as a JSON path (`user.email`, `provenance._metadata.verified_at`).
    pub field: String,
    /// Its value when it is a scalar: strings unquoted, dates as `YYYY-MM-DD`, instants in RFC
    /// 3339.
    pub value: Option<String>,
    /// Whether it was withheld from the verified claims (`false` when the policy accepts
    /// unsigned claims, [`crate::Policy::allow_unsigned_claims`], or when the value is not a claim
    /// but metadata the checks could only use unsigned).
    pub withheld: bool,
    /// Why it is unsigned.
    pub reason: Cow<'static, str>,
}

/// Every check that ran on one input, and the errors found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    format: Option<Format>,
    checks: Vec<Check>,
    errors: Vec<Error>,
    unsigned: Vec<Unsigned>,
    signed_instant: Option<(String, DateTime<Utc>)>,
}

impl Report {
    pub(crate) fn new(format: Option<Format>) -> Self {
        // A JWT or a vendor result records 10 to 30 checks: grow once, not five times.
        Report {
            format,
            checks: Vec::with_capacity(16),
            errors: Vec::new(),
            unsigned: Vec::new(),
            signed_instant: None,
        }
    }

    /// The report of an input that could not be parsed.
    pub fn malformed(error: Error) -> Self {
        let mut report = Report::new(None);
        report.record("input.parse", Err(error));
        report
    }

    /// The format detected, if parsing got that far.
    pub fn format(&self) -> Option<Format> {
        self.format
    }

    /// The checks, in the order they ran.
    pub fn checks(&self) -> &[Check] {
        &self.checks
    }

    /// The errors, in the order found.
    pub fn errors(&self) -> &[Error] {
        &self.errors
    }

    /// The values no signature covers, reported apart from the claims ([`Unsigned`]).
    pub fn unsigned(&self) -> &[Unsigned] {
        &self.unsigned
    }

    /// The instant the result's verified signature covers and the checks used as "when it was
    /// issued" (a JWT's `iat`, a JSON-LD credential's issuance, a Trinsic Connect credential's
    /// issuance, a Hopae evidence `id_token`'s `iat`), with its member path. `None` unless the
    /// verdict is [`Verdict::Verified`]: an instant is signed only once its signature verified.
    pub fn signed_instant(&self) -> Option<(&str, DateTime<Utc>)> {
        match self.verdict() {
            Verdict::Verified => self.signed_instant.as_ref().map(|(f, t)| (f.as_str(), *t)),
            _ => None,
        }
    }

    /// An audit judged this result at `at`, read from the result as its signed instant
    /// ([`crate::signed_instant`]): keeps the verdict when the verified result's own signed
    /// instant ([`Report::signed_instant`]) is exactly `at`, and otherwise records
    /// `audit.instant_unsigned` (could not check) against `field`, so that whoever can edit a
    /// stored record cannot choose the instant it is judged at. Returns whether it was confirmed.
    pub fn confirm_signed_instant(&mut self, field: &str, at: DateTime<Utc>) -> bool {
        let reason = match (self.verdict(), self.signed_instant()) {
            (Verdict::Verified, Some((_, signed))) if signed == at => return true,
            (Verdict::Verified, Some((signed_field, signed))) => {
                format!("the verified result's signed instant is {signed_field} = {signed}")
            }
            (Verdict::Verified, None) => "no signature covering an instant was verified".to_owned(),
            // A result that did not verify confirms nothing; its own errors already decide.
            _ => return false,
        };
        self.record(
            "audit.instant_signed",
            Err(Error::InstantUnsigned { field: field.to_owned(), at, reason }),
        );
        false
    }

    /// Rejected if any error is malformed or invalid; else unchecked if any could not be
    /// checked; else verified.
    pub fn verdict(&self) -> Verdict {
        if self.errors.iter().any(|e| e.kind() != ErrorKind::Unchecked) {
            Verdict::Rejected
        } else if self.errors.is_empty() {
            Verdict::Verified
        } else {
            Verdict::Unchecked
        }
    }

    /// Records a check: `Ok(detail)` passed, `Err` failed (or skipped, for an error that means
    /// "could not check").
    pub(crate) fn record(
        &mut self,
        name: impl Into<Cow<'static, str>>,
        result: Result<String, Error>,
    ) {
        let (status, detail) = match result {
            Ok(detail) => (CheckStatus::Passed, detail),
            Err(error) => {
                let status = if error.kind() == ErrorKind::Unchecked {
                    CheckStatus::Skipped
                } else {
                    CheckStatus::Failed
                };
                let detail = error.to_string();
                self.errors.push(error);
                (status, detail)
            }
        };
        self.checks.push(Check { name: name.into(), status, detail });
    }

    /// Reports a value no signature covers.
    pub(crate) fn unsigned_value(
        &mut self,
        field: impl Into<String>,
        value: Option<String>,
        withheld: bool,
        reason: impl Into<Cow<'static, str>>,
    ) {
        self.unsigned.push(Unsigned {
            field: field.into(),
            value,
            withheld,
            reason: reason.into(),
        });
    }

    /// Records the instant a verified signature covers (the first one recorded stands).
    pub(crate) fn set_signed_instant(&mut self, field: impl Into<String>, at: DateTime<Utc>) {
        if self.signed_instant.is_none() {
            self.signed_instant = Some((field.into(), at));
        }
    }

    /// Records a check that did not run and does not affect the verdict.
    pub(crate) fn skip(&mut self, name: impl Into<Cow<'static, str>>, detail: impl Into<String>) {
        self.checks.push(Check {
            name: name.into(),
            status: CheckStatus::Skipped,
            detail: detail.into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(seconds: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(seconds, 0).unwrap()
    }

    #[test]
    fn an_instant_is_confirmed_only_by_a_verified_result_signing_that_very_instant() {
        // Signed and equal: confirmed, verdict kept.
        let mut report = Report::new(None);
        report.set_signed_instant("jws(payload).iat", t(100));
        assert!(report.clone().confirm_signed_instant("jws(payload).iat", t(100)));
        // Signed but another instant: could not check, naming both.
        let mut other = report.clone();
        assert!(!other.confirm_signed_instant("jws(payload).iat", t(101)));
        assert_eq!(other.verdict(), Verdict::Unchecked);
        assert_eq!(other.errors()[0].code(), "audit.instant_unsigned");
        assert!(other.errors()[0]
            .to_string()
            .contains("jws(payload).iat = 1970-01-01 00:01:40 UTC"));
        // Nothing signed: could not check.
        let mut none = Report::new(None);
        assert!(!none.confirm_signed_instant("x", t(100)));
        assert_eq!(none.errors()[0].code(), "audit.instant_unsigned");
        // A rejected result confirms nothing and keeps its own errors.
        report.record("session.state", Err(Error::missing("state")));
        assert_eq!(report.signed_instant(), None);
        assert!(!report.confirm_signed_instant("jws(payload).iat", t(100)));
        assert_eq!(report.errors().len(), 1);
        // The first signed instant recorded stands.
        let mut first = Report::new(None);
        first.set_signed_instant("a", t(1));
        first.set_signed_instant("b", t(2));
        assert_eq!(first.signed_instant(), Some(("a", t(1))));
    }
}

//! What verification found: each check with its status, the errors, and the verdict.

use std::borrow::Cow;
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

/// Every check that ran on one input, and the errors found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    format: Option<Format>,
    checks: Vec<Check>,
    errors: Vec<Error>,
}

impl Report {
    pub(crate) fn new(format: Option<Format>) -> Self {
        // A JWT or a vendor result records 10 to 30 checks: grow once, not five times.
        Report { format, checks: Vec::with_capacity(16), errors: Vec::new() }
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
    pub(crate) fn record(&mut self, name: impl Into<Cow<'static, str>>, result: Result<String, Error>) {
        let (status, detail) = match result {
            Ok(detail) => (CheckStatus::Passed, detail),
            Err(error) => {
                let status = if error.kind() == ErrorKind::Unchecked { CheckStatus::Skipped } else { CheckStatus::Failed };
                let detail = error.to_string();
                self.errors.push(error);
                (status, detail)
            }
        };
        self.checks.push(Check { name: name.into(), status, detail });
    }

    /// Records a check that did not run and does not affect the verdict.
    pub(crate) fn skip(&mut self, name: impl Into<Cow<'static, str>>, detail: impl Into<String>) {
        self.checks.push(Check { name: name.into(), status: CheckStatus::Skipped, detail: detail.into() });
    }
}

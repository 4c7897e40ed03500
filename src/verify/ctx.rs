//! What every check shares: the context a verification runs in ([`Ctx`]: the policy, the
//! report being written, the expectations judged, the work budget, the nesting depth) and the
//! policy rules that apply to every format, run once, in [`apply_policy`], on the [`Facts`] each
//! format states.

use chrono::{DateTime, Utc};

use crate::error::{Error, JudgedAt};
use crate::format::Format;
use crate::time::{from_unix_seconds, parse_instant, Clock, UnixSeconds};
use crate::verify::expectation::{Expectation, Judged};
use crate::verify::policy::Policy;
use crate::verify::report::Report;

/// The policy, the report being written, and the policy's expectations a check judged.
pub(crate) struct Ctx<'p> {
    pub policy: &'p Policy,
    pub report: Report,
    pub expectations: Judged,
    /// Whether any JWS signature of the result verified under a key the caller trusts for its
    /// role (`crate::verify::token::signature`).
    pub signature_verified: bool,
    /// The work budget every document and proof of this result draws on (`limit.work`).
    pub work: crate::budget::Budget,
    /// How many documents deep the check is (the result is 0), bounded by
    /// [`MAX_NESTING`].
    depth: u8,
    /// Where a document another one carries is checked (`crate::verify::nested`).
    nesting: Nesting,
}

/// How many documents deep a check may go below the result (`limit.nesting` beyond): a
/// presentation (0) carries credentials (1) whose status lists (2) are checked without following
/// their own status (`crate::verify::nested`).
pub(crate) const MAX_NESTING: u8 = 2;

/// The hand-over points of the one recursion in the checks: a document a checked document
/// carries, checked in turn. Implemented once, in `crate::verify::nested`, and reached through [`Ctx`] so
/// that no check module imports one that imports it back.
#[derive(Clone, Copy)]
pub(crate) struct Nesting {
    /// A credential a presentation carries as a compact JWT (`field`, the token, the
    /// presentation's holder).
    pub jwt_credential: fn(&mut Ctx<'_>, &str, &str, Option<&str>),
    /// A status list credential a status entry points at (`field`, the list's JSON text).
    pub status_list: fn(&mut Ctx<'_>, &str, &str),
}

impl<'p> Ctx<'p> {
    /// A verification's context; `nesting` is where the documents it carries are checked
    /// (`crate::verify::nested::NESTING`: passed in, so that this module does not import the
    /// checks that import it).
    pub fn new(policy: &'p Policy, report: Report, nesting: Nesting) -> Self {
        Ctx {
            policy,
            report,
            expectations: Judged::default(),
            signature_verified: false,
            work: crate::budget::Budget::new(policy.limits().max_work),
            depth: 0,
            nesting,
        }
    }

    /// Records every expectation the policy sets that no check judged as `policy.unconsumed`
    /// (could not check): the result cannot pass on rules that were never applied to it.
    pub fn record_unconsumed(&mut self, format: Format) {
        for e in Expectation::ALL {
            if e.is_set(self.policy) && !self.expectations.contains(e) {
                let (expectation, setting, judged_by) = e.describe();
                self.fail(
                    e.check_name(),
                    Error::PolicyUnconsumed { expectation, setting, format, judged_by },
                );
            }
        }
    }

    /// Checks a credential a presentation carries as a compact JWT, one level down.
    pub fn nested_jwt_credential(&mut self, field: &str, compact: &str, holder: Option<&str>) {
        let check = self.nesting.jwt_credential;
        self.descend(field, |ctx| check(ctx, field, compact, holder));
    }

    /// Checks the status list credential `document` a status entry points at, one level down.
    pub fn nested_status_list(&mut self, field: &str, document: &str) {
        let check = self.nesting.status_list;
        self.descend(field, |ctx| check(ctx, field, document));
    }

    /// Runs `check` one document deeper, or refuses (`limit.nesting`) past the bound.
    fn descend(&mut self, field: &str, check: impl FnOnce(&mut Self)) {
        if self.depth >= MAX_NESTING {
            self.fail(
                "limit.nesting",
                Error::NestingTooDeep { field: field.to_owned(), limit: MAX_NESTING },
            );
            return;
        }
        self.depth += 1;
        check(self);
        self.depth -= 1;
    }

    /// A check judged `expectation` (passed or failed): it is not `policy.unconsumed`.
    pub fn judged(&mut self, expectation: Expectation) {
        self.expectations.mark(expectation);
    }

    /// Rules judged at the policy instant.
    pub fn now(&self) -> Clock {
        Clock { at: self.policy.now(), judged: JudgedAt::PolicyNow, leeway: self.policy.leeway() }
    }

    /// Rules judged at the vendor's verification instant.
    pub fn at_verification(&self, at: DateTime<Utc>) -> Clock {
        Clock { at, judged: JudgedAt::VerifiedAt, leeway: self.policy.leeway() }
    }

    pub fn check(
        &mut self,
        name: impl Into<std::borrow::Cow<'static, str>>,
        result: Result<String, Error>,
    ) {
        self.report.record(name, result);
    }

    pub fn fail(&mut self, name: impl Into<std::borrow::Cow<'static, str>>, error: Error) {
        self.report.record(name, Err(error));
    }

    pub fn skip(
        &mut self,
        name: impl Into<std::borrow::Cow<'static, str>>,
        detail: impl Into<String>,
    ) {
        self.report.skip(name, detail);
    }

    /// Parses an RFC 3339 member, recording a failure (and returning `None`) when malformed.
    pub fn instant(&mut self, field: &str, value: Option<&str>) -> Option<DateTime<Utc>> {
        let value = value?;
        match parse_instant(field, value) {
            Ok(t) => Some(t),
            Err(e) => {
                self.fail(format!("parse.{field}"), e);
                None
            }
        }
    }

    /// Converts a unix-seconds member, recording a failure when out of range.
    pub fn unix(&mut self, field: &str, value: Option<UnixSeconds>) -> Option<DateTime<Utc>> {
        match from_unix_seconds(field, value?.0) {
            Ok(t) => Some(t),
            Err(e) => {
                self.fail(format!("parse.{field}"), e);
                None
            }
        }
    }
}

/// A member name and its value.
pub(crate) type Stated<'x, T> = Option<(String, T)>;

/// What a result states about itself that the policy may constrain.
pub(crate) struct Facts<'x> {
    /// The vendor's session id and the member holding it.
    pub session_id: Stated<'x, &'x str>,
    /// Where the session id would be, for the error when it is absent.
    pub session_field: &'static str,
    /// When the vendor verified the person.
    pub verified_at: Stated<'x, DateTime<Utc>>,
    /// Where the verification time would be.
    pub verified_at_field: &'static str,
    /// The stated level of assurance.
    pub assurance_level: Stated<'x, u8>,
    /// The external user id the vendor echoes: `None` when the format has no such member,
    /// `Some((field, None))` when it has one and it is absent.
    pub external_user_id: Option<(&'static str, Option<&'x str>)>,
    /// Which of the facts above no signature covers (`session_id`, `verified_at`,
    /// `assurance_level`, `external_user_id`): a rule judged on one of them cannot pass.
    pub unsigned: &'x [&'static str],
}

impl Default for Facts<'_> {
    fn default() -> Self {
        Facts {
            session_id: None,
            session_field: "(none)",
            verified_at: None,
            verified_at_field: "(none)",
            assurance_level: None,
            external_user_id: None,
            unsigned: &[],
        }
    }
}

/// The prefixes of a Trinsic session id: envelopes carry `urn:trinsic:idvsession:<uuid>`, and
/// Trinsic's proof nonces decode to `qrn:trinsic:idvsession:<uuid>` (as in
/// `test-vectors/vendors/trinsic-connect-result-vp.json`).
const TRINSIC_SESSION_PREFIXES: [&str; 2] = ["urn:trinsic:idvsession:", "qrn:trinsic:idvsession:"];

/// The session part of an id: the uuid after exactly one Trinsic prefix, so that the policy may
/// name the whole URN or the bare uuid. Anything else (another prefix, a second
/// `idvsession:` inside) is compared whole, and so does not match a Trinsic id.
pub(crate) fn session_key(id: &str) -> &str {
    TRINSIC_SESSION_PREFIXES.iter().find_map(|p| id.strip_prefix(p)).unwrap_or(id)
}

/// Compares a found session id with an expected one.
pub(crate) fn same_session(field: &str, expected: &str, found: &str) -> Result<String, Error> {
    if session_key(expected) == session_key(found) {
        Ok(format!("{field} = {found}"))
    } else {
        Err(Error::SessionIdMismatch {
            field: field.to_owned(),
            expected: expected.to_owned(),
            found: found.to_owned(),
        })
    }
}

/// Whether `fact` is unsigned and the policy does not accept unsigned values: then a rule on
/// it is recorded as could not check (`policy.unsigned`) instead of being judged, and the rule
/// on `expectation` counts as dealt with (not `policy.unconsumed` besides).
fn refuse_unsigned(
    ctx: &mut Ctx<'_>,
    facts: &Facts<'_>,
    (fact, expectation): (&str, Expectation),
    field: &str,
    rule: &'static str,
) -> bool {
    if !facts.unsigned.contains(&fact) {
        return false;
    }
    if ctx.policy.unsigned_claims_allowed() {
        ctx.report.unsigned_value(
            field.to_owned(),
            None,
            false,
            "a policy rule judged on it: unsigned values accepted by the policy",
        );
        return false;
    }
    ctx.judged(expectation);
    ctx.fail(
        format!("policy.unsigned.{fact}"),
        Error::PolicyUnsigned { field: field.to_owned(), rule },
    );
    true
}

/// The rules every format shares, judged on what it states. A rule on a fact no signature
/// covers cannot make a result pass (`policy.unsigned`, could not check).
pub(crate) fn apply_policy(ctx: &mut Ctx<'_>, facts: &Facts<'_>) {
    let policy = ctx.policy;
    let session = policy.expected_session_id().filter(|_| {
        !refuse_unsigned(
            ctx,
            facts,
            ("session_id", Expectation::SessionId),
            facts.session_field,
            "expected session id",
        )
    });
    if let Some(expected) = session {
        let result = match &facts.session_id {
            Some((field, found)) => same_session(field, expected, found),
            None => Err(Error::SessionIdMismatch {
                field: facts.session_field.to_owned(),
                expected: expected.to_owned(),
                found: String::new(),
            }),
        };
        ctx.judged(Expectation::SessionId);
        ctx.check("binding.expected_session_id", result);
    }
    let max_age = policy.max_age().filter(|_| {
        !refuse_unsigned(
            ctx,
            facts,
            ("verified_at", Expectation::MaxAge),
            facts.verified_at_field,
            "maximum age",
        )
    });
    if let Some(max_age) = max_age {
        let result = match &facts.verified_at {
            Some((field, at)) => {
                ctx.now().not_older_than(field, *at, max_age).map(|()| format!("{field} = {at}"))
            }
            None => Err(Error::TimeMissing { field: facts.verified_at_field.to_owned() }),
        };
        ctx.judged(Expectation::MaxAge);
        ctx.check("time.max_age", result);
    }
    let field = facts
        .assurance_level
        .as_ref()
        .map_or("(level of assurance)", |(f, _)| f.as_str())
        .to_owned();
    let min = policy.min_assurance_level().filter(|_| {
        !refuse_unsigned(
            ctx,
            facts,
            ("assurance_level", Expectation::MinAssurance),
            &field,
            "minimum level of assurance",
        )
    });
    if let Some(required) = min {
        let result = match &facts.assurance_level {
            Some((field, found)) if *found >= required => {
                Ok(format!("{field} = {found} >= {required}"))
            }
            Some((field, found)) => {
                Err(Error::AssuranceTooLow { field: field.clone(), required, found: *found })
            }
            None => Err(Error::AssuranceUnknown { required }),
        };
        ctx.judged(Expectation::MinAssurance);
        ctx.check("assurance.minimum", result);
    }
    let field = facts.external_user_id.map_or("(external user id)", |(f, _)| f);
    let expected_user = policy.expected_external_user_id().filter(|_| {
        !refuse_unsigned(
            ctx,
            facts,
            ("external_user_id", Expectation::ExternalUserId),
            field,
            "external user id",
        )
    });
    // A format that echoes no external user id (`facts.external_user_id` is `None`) cannot meet
    // the expectation: it is left unjudged, and so `policy.unconsumed` (it was a silent skip).
    if let (Some(expected), Some((field, found))) = (expected_user, facts.external_user_id) {
        ctx.judged(Expectation::ExternalUserId);
        let result = if found == Some(expected) {
            Ok(format!("{field} = {expected}"))
        } else {
            Err(Error::ExternalUserIdMismatch {
                field: field.to_owned(),
                expected: expected.to_owned(),
                found: found.unwrap_or_default().to_owned(),
            })
        };
        ctx.check("binding.external_user_id", result);
    }
}

/// A vendor timestamp must not be after the policy instant.
pub(crate) fn not_in_future(ctx: &mut Ctx<'_>, field: &str, at: Option<DateTime<Utc>>) {
    if let Some(at) = at {
        let result = ctx.now().not_in_future(field, at).map(|()| format!("{field} = {at}"));
        ctx.check(format!("time.not_in_future.{field}"), result);
    }
}

/// Two vendor timestamps must be in order.
pub(crate) fn in_order(
    ctx: &mut Ctx<'_>,
    earlier: (&str, Option<DateTime<Utc>>),
    later: (&str, Option<DateTime<Utc>>),
) {
    if let ((ef, Some(e)), (lf, Some(l))) = (earlier, later) {
        let result =
            crate::time::ordered(ef, e, lf, l).map(|()| format!("{ef} = {e} <= {lf} = {l}"));
        ctx.check(format!("time.order.{ef}.{lf}"), result);
    }
}

#[cfg(test)]
mod nesting_tests {
    use super::*;
    use crate::verify::nested::NESTING;
    use crate::Policy;

    /// At the bound, a hand-over is refused with `limit.nesting` and the check is not run; the
    /// depth is restored after each level.
    #[test]
    fn the_depth_is_bounded_and_restored() {
        let policy = Policy::at(chrono::DateTime::UNIX_EPOCH);
        let mut ctx = Ctx::new(&policy, Report::new(None), NESTING);
        let calls = std::cell::Cell::new(0);
        ctx.descend("a", |ctx| {
            calls.set(calls.get() + 1);
            ctx.descend("a.b", |ctx| {
                calls.set(calls.get() + 1);
                ctx.descend("a.b.c", |_| calls.set(calls.get() + 1));
            });
        });
        assert_eq!(calls.get(), 2);
        assert_eq!(ctx.depth, 0);
        let codes: Vec<&str> = ctx.report.errors().iter().map(|e| e.code()).collect();
        assert_eq!(codes, ["limit.nesting"]);
        assert!(ctx.report.errors()[0].to_string().contains("a.b.c"));
    }
}

//! The work budget of one verification ([`crate::Limits::max_work`], `limit.work`).
//!
//! JSON-LD lets a small document ask for a lot of work: a context processed for every node it is
//! scoped to, tens of thousands of statements from a megabyte, a blank-node graph whose RDFC-1.0
//! canonicalisation is exponential (RDFC-1.0 section 4.8, "poison" graphs). The named limits
//! bound each dimension; the budget bounds their product over a whole result: every document
//! and every proof of a presentation draws on the same budget. Each step is charged what it is
//! estimated to cost *before* it runs, so the work refused is never done.
//!
//! A unit is about 3 000 instructions, a microsecond of one core of the machine the targets were
//! measured on (BENCHMARKS.md, "Hostile JSON-LD"); the per-item costs below are measured costs
//! of the dependencies doing that step (callgrind instruction counts, release build), rounded up.

// Without JSON-LD (`--no-default-features`) nothing charges the budget but BBS+, which needs it.
#![cfg_attr(not(feature = "ld"), allow(dead_code))]

use std::cell::Cell;

use crate::error::Error;

/// One JSON value (object, array element or scalar) of a document given to JSON-LD expansion:
/// about 15 000 instructions to expand, and about 1.2 KiB of memory while expansion runs (the
/// larger cost: 50 000 values take ~130 MiB).
pub(crate) const UNITS_PER_JSON_VALUE: u64 = 10;

/// One term definition processed: a context loaded and processed, or a scoped context applied
/// to a node (JSON-LD 1.1 section 4.1.8: a type-scoped context is processed for every node of
/// that type): about 26 000 instructions (a node typed `VerifiableCredential` applies 17).
pub(crate) const UNITS_PER_TERM_DEFINITION: u64 = 9;

/// One RDF statement: deserialised from the expanded document, put in a dataset, hashed in
/// first degree, relabelled and serialised by the canonicaliser, and read back by the checks:
/// about 27 000 instructions.
pub(crate) const UNITS_PER_STATEMENT: u64 = 9;

/// One blank node canonicalised (its quads gathered and hashed, its identifier issued), beyond
/// its statements: about 48 000 instructions.
pub(crate) const UNITS_PER_BLANK_NODE: u64 = 16;

/// Bytes of text per unit, charged on top of the per-item charges: member names and strings
/// given to expansion, and the terms of each statement. Expansion, the dataset, the canonical
/// N-Quads and the checks each copy a statement's text (about 60 instructions per byte of a
/// predicate in all, measured with one 10 000-byte member name on 9 000 values).
pub(crate) const BYTES_PER_UNIT: u64 = 50;

/// Steps of "hash N-degree quads" (RDFC-1.0 section 4.8.3, a quad considered or one related
/// blank node placed in one permutation) per unit.
pub(crate) const HNDQ_STEPS_PER_UNIT: u64 = 8;

/// One message of a BBS+ key expanded for it (a hash to the curve and a scalar multiplication,
/// `crate::ld::bbs2020`).
#[cfg_attr(not(feature = "bbs"), allow(dead_code))]
pub(crate) const UNITS_PER_BBS_MESSAGE: u64 = 120;

/// `count` items at `each` units, saturating.
pub(crate) fn units(count: usize, each: u64) -> u64 {
    u64::try_from(count).unwrap_or(u64::MAX).saturating_mul(each)
}

/// What remains of one verification's work budget.
#[derive(Debug)]
pub(crate) struct Budget {
    limit: u64,
    remaining: Cell<u64>,
}

impl Budget {
    /// A budget of `limit` units.
    pub(crate) fn new(limit: u64) -> Self {
        Budget { limit, remaining: Cell::new(limit) }
    }

    /// A budget of `limit` units of which `remaining` are left: the part of a verification's
    /// budget handed to work done on another thread.
    pub(crate) fn part(limit: u64, remaining: u64) -> Self {
        Budget { limit, remaining: Cell::new(remaining.min(limit)) }
    }

    pub(crate) fn remaining(&self) -> u64 {
        self.remaining.get()
    }

    /// Takes `units` for `step` of `field`, or refuses the step (`limit.work`) and takes nothing.
    pub(crate) fn charge(&self, field: &str, step: &'static str, units: u64) -> Result<(), Error> {
        let remaining = self.remaining.get();
        match remaining.checked_sub(units) {
            Some(left) => {
                self.remaining.set(left);
                Ok(())
            }
            None => Err(self.refusal(field, step, units)),
        }
    }

    /// Takes `units` spent elsewhere (never more than what remains).
    pub(crate) fn spend(&self, units: u64) {
        self.remaining.set(self.remaining.get().saturating_sub(units));
    }

    /// The `limit.work` error for `step` needing `needed` units.
    pub(crate) fn refusal(&self, field: &str, step: &'static str, needed: u64) -> Error {
        Error::WorkBudget {
            field: field.to_owned(),
            step,
            needed,
            remaining: self.remaining.get(),
            limit: self.limit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_charge_over_what_remains_is_refused_and_takes_nothing() {
        let budget = Budget::new(100);
        assert!(budget.charge("doc", "expansion", 60).is_ok());
        let refused = budget.charge("doc", "expansion", 41);
        assert!(
            matches!(refused, Err(Error::WorkBudget { needed: 41, remaining: 40, limit: 100, .. })),
            "{refused:?}"
        );
        assert_eq!(budget.remaining(), 40);
        assert!(budget.charge("doc", "expansion", 40).is_ok());
        assert_eq!(budget.remaining(), 0);
        budget.spend(5);
        assert_eq!(budget.remaining(), 0);
        assert_eq!(Budget::part(10, 20).remaining(), 10);
    }
}

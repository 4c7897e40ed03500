//! JSON-LD and its proofs: the offline context loader and canonicalisation ([`canon`]), the
//! signed statements' dataset and the checks that the JSON read matches it ([`dataset`],
//! [`surface`]), the cost bounds every step is charged against (`cost`), the proof suites
//! behind one trait ([`proof`]: [`eddsa`], [`ecdsa`], `ecdsa_sd` and `bbs2023` on the selective-disclosure machinery
//! `sd`, [`jws2020`], `bbs2020`; the registry in
//! [`suites`]), status list credentials ([`status_list`]), and the caches the caller owns
//! ([`caches`]).

#[cfg(feature = "bbs")]
pub(crate) mod bbs2020;
#[cfg(feature = "bbs")]
pub(crate) mod bbs2023;
pub(crate) mod caches;
pub(crate) mod canon;
#[cfg(feature = "ld")]
pub(crate) mod cost;
pub(crate) mod dataset;
pub(crate) mod ecdsa;
#[cfg(feature = "ld")]
pub(crate) mod ecdsa_sd;
pub(crate) mod eddsa;
pub(crate) mod jws2020;
pub(crate) mod proof;
#[cfg(feature = "ld")]
pub(crate) mod sd;
pub(crate) mod status_list;
pub(crate) mod suites;
pub(crate) mod surface;

/// Runs `f` with a canonicaliser of `policy` (its contexts, limits and caches, a fresh work
/// budget): the suites' unit tests' setup.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) fn with_rdfc<T>(
    policy: &crate::Policy,
    f: impl FnOnce(&dyn proof::Canonicalize) -> T,
) -> T {
    let budget = crate::budget::Budget::new(policy.limits().max_work);
    let rdfc = canonicalizer(policy.ld_contexts(), *policy.limits(), &budget, policy.caches().ld())
        .unwrap();
    f(&rdfc)
}

pub use caches::{
    CacheBounds, CacheStats, Caches, DEFAULT_MAX_CACHED_BBS_GENERATORS,
    DEFAULT_MAX_CACHED_CONTEXTS, MAX_DEFAULT_JSON_LD_THREADS,
};
pub(crate) use canon::canonicalizer;
pub use canon::SHIPPED_CONTEXTS;
#[cfg(feature = "ld")]
pub(crate) use canon::{conformance, rdfc10};
pub use surface::TRINSIC_VOCAB_CONTEXT;

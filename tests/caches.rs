//! The caches a policy holds (`vpcheck::Caches`): owned and sized by the caller, shared by
//! clones, visible and clearable, and never a cause of a different verdict or work charge.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use vpcheck::{parse, CacheBounds, Caches, Limits, Policy, Verdict};

/// The verdict, the error codes and the names of the checks that ran.
fn outcome(bytes: &[u8], policy: &Policy) -> (Verdict, Vec<String>, Vec<String>) {
    let report = match parse(bytes, &Limits::default()).unwrap().verify(policy) {
        Ok(v) => v.report().clone(),
        Err(r) => r.report().clone(),
    };
    (
        report.verdict(),
        report.errors().iter().map(|e| e.code().to_owned()).collect(),
        report.checks().iter().map(|c| format!("{}: {:?}", c.name, c.status)).collect(),
    )
}

fn session() -> Vec<u8> {
    support::vector("trinsic-bbs/session-valid.json")
}

#[test]
fn a_policy_uses_the_shared_caches_unless_given_its_own() {
    let policy = support::trinsic_policy();
    assert_eq!(policy.caches(), &Caches::shared());
    let own = Caches::new(CacheBounds::default());
    let with_own = policy.clone().with_caches(own.clone());
    assert_eq!(with_own.caches(), &own);
    assert_ne!(with_own.caches(), &Caches::shared());
    // A clone of a policy shares its caches.
    assert_eq!(with_own.clone().caches(), &own);
    assert_eq!(own.bounds(), CacheBounds::default());
}

/// What a BBS+ session leaves in the caches: its processed contexts, the issuer key expanded for
/// the message counts it uses, an idle JSON-LD thread; `clear` drops them all.
#[test]
fn the_caches_hold_what_verification_kept_and_clear_drops_it() {
    let caches = Caches::new(CacheBounds::default());
    assert_eq!(caches.stats(), vpcheck::CacheStats::default());
    let policy = support::trinsic_policy().with_caches(caches.clone());
    assert_eq!(outcome(&session(), &policy).0, Verdict::Verified);
    let stats = caches.stats();
    assert!(stats.contexts >= 1, "{stats:?}");
    assert!(stats.bbs_keys >= 1 && stats.bbs_generators >= stats.bbs_keys, "{stats:?}");
    assert!(
        stats.json_ld_threads >= 1 && stats.json_ld_threads <= caches.bounds().json_ld_threads,
        "{stats:?}"
    );
    caches.clear();
    assert_eq!(caches.stats(), vpcheck::CacheStats::default());
    // Cleared caches verify as before, and fill again.
    assert_eq!(outcome(&session(), &policy).0, Verdict::Verified);
    assert!(caches.stats().contexts >= 1);
    // Another policy's caches were not touched.
    let other = Caches::new(CacheBounds::default());
    assert_eq!(other.stats(), vpcheck::CacheStats::default());
}

/// Bounds of zero keep nothing, and the verdict, the errors and the checks are the same as with
/// caches that are cold, and then warm.
#[test]
fn caches_never_change_a_verdict() {
    let none = Caches::new(CacheBounds::none());
    let warm = Caches::new(CacheBounds::default());
    let base = support::trinsic_policy();
    let tampered = String::from_utf8(session()).unwrap().replace("SMITH", "SMYTH").into_bytes();
    for (bytes, expected) in [(session(), Verdict::Verified), (tampered, Verdict::Rejected)] {
        let without = outcome(&bytes, &base.clone().with_caches(none.clone()));
        assert_eq!(without.0, expected, "{:?}", without.1);
        let cold = outcome(&bytes, &base.clone().with_caches(warm.clone()));
        let hot = outcome(&bytes, &base.clone().with_caches(warm.clone()));
        assert_eq!(without, cold);
        assert_eq!(cold, hot);
    }
    assert_eq!(none.stats(), vpcheck::CacheStats::default());
    assert!(warm.stats().contexts >= 1);
}

/// The work budget charges cached work as fresh work: the smallest budget the session verifies
/// within is the same without caches, with cold ones and with warm ones (cli/tests/ld_limits.rs
/// measures it), and one unit less is `limit.work` in each case.
#[test]
fn the_work_charge_does_not_depend_on_what_is_cached() {
    let needed = 5_936;
    let session = session();
    let at = |budget: u64, caches: &Caches| {
        let limits = Limits { max_work: budget, ..Limits::default() };
        let policy = support::trinsic_policy().with_limits(limits).with_caches(caches.clone());
        outcome(&session, &policy)
    };
    let none = Caches::new(CacheBounds::none());
    let warm = Caches::new(CacheBounds::default());
    for caches in [&none, &warm, &warm] {
        assert_eq!(at(needed, caches).0, Verdict::Verified, "{:?}", caches.stats());
        let (verdict, codes, _) = at(needed - 1, caches);
        assert_eq!((verdict, codes), (Verdict::Rejected, vec!["limit.work".to_owned()]));
    }
}

/// Many threads on one small `Caches`: every verification verifies, and no more idle JSON-LD
/// threads are kept than the bound.
#[test]
fn one_caches_value_serves_many_threads_within_its_bounds() {
    let bounds = CacheBounds { json_ld_threads: 2, ..CacheBounds::default() };
    let caches = Caches::new(bounds);
    let policy = support::trinsic_policy().with_caches(caches.clone());
    let session = session();
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                for _ in 0..3 {
                    assert_eq!(outcome(&session, &policy).0, Verdict::Verified);
                }
            });
        }
    });
    let stats = caches.stats();
    assert!(stats.json_ld_threads >= 1 && stats.json_ld_threads <= 2, "{stats:?}");
}

//! What verification keeps between calls to be fast, in one value the caller owns.

use std::fmt;
use std::sync::{Arc, OnceLock};

#[cfg(feature = "bbs")]
use super::bbs2020::blst::KeyCache;
#[cfg(feature = "bbs")]
use super::bbs2023::core::GeneratorCache;
use super::canon::LdCaches;

/// Default of [`CacheBounds::contexts`].
pub const DEFAULT_MAX_CACHED_CONTEXTS: usize = 64;
/// Default of [`CacheBounds::bbs_generators`].
pub const DEFAULT_MAX_CACHED_BBS_GENERATORS: usize = 512;
/// Most idle JSON-LD threads [`CacheBounds::default`] keeps, whatever the machine.
pub const MAX_DEFAULT_JSON_LD_THREADS: usize = 16;

/// How much a [`Caches`] may hold. Every bound may be 0: nothing of that kind is then kept, and
/// each verification pays for it again (the verdicts are the same either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheBounds {
    /// Processed top-level JSON-LD contexts (a context and the caller's contexts it was
    /// processed with). Past the bound the cache starts over. A processed context is a few
    /// times the size of its text; schema.org's, the largest in common use, is 184 KB of text.
    pub contexts: usize,
    /// BBS+ issuer keys expanded for a message count, counted in generators (one per message).
    /// A key in use holds 48 KiB of fixed-base tables per generator: the default, 512, is about
    /// 24 MiB, some 16 keys of 30 messages. Past the bound the cache starts over; a key of more
    /// messages than the bound is expanded for each proof. The same bound caps the bbs-2023
    /// (IETF BBS) message generators kept, one list for every key (192 bytes a generator).
    pub bbs_generators: usize,
    /// Idle JSON-LD expansion threads. JSON-LD processing recurses deeply, so it runs on a
    /// thread with a 64 MiB stack (address space: only the pages a document touches become
    /// resident, and stay so while the thread is kept). A verification takes an idle thread or
    /// starts one (which costs more than canonicalising a small credential) and gives it back; past the bound the thread ends. The default is
    /// the machine's available parallelism, at most [`MAX_DEFAULT_JSON_LD_THREADS`]: as many
    /// as verifications can run at once on its cores.
    pub json_ld_threads: usize,
}

impl Default for CacheBounds {
    fn default() -> Self {
        CacheBounds {
            contexts: DEFAULT_MAX_CACHED_CONTEXTS,
            bbs_generators: DEFAULT_MAX_CACHED_BBS_GENERATORS,
            json_ld_threads: std::thread::available_parallelism()
                .map_or(1, std::num::NonZeroUsize::get)
                .min(MAX_DEFAULT_JSON_LD_THREADS),
        }
    }
}

impl CacheBounds {
    /// Bounds that keep nothing between verifications.
    pub fn none() -> Self {
        CacheBounds { contexts: 0, bbs_generators: 0, json_ld_threads: 0 }
    }
}

/// What a [`Caches`] holds now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct CacheStats {
    /// Processed JSON-LD contexts.
    pub contexts: usize,
    /// Expanded BBS+ issuer keys.
    pub bbs_keys: usize,
    /// The generators they hold.
    pub bbs_generators: usize,
    /// The bbs-2023 (IETF BBS) message generators kept.
    pub bbs2023_generators: usize,
    /// Idle JSON-LD expansion threads.
    pub json_ld_threads: usize,
}

/// What verification keeps between calls: processed JSON-LD contexts, expanded BBS+ issuer keys
/// and the JSON-LD expansion threads, each bounded by [`CacheBounds`]. A policy holds one
/// ([`crate::Policy::with_caches`]); clones share it, and it may be shared by any number of
/// policies and threads.
///
/// A cache never changes a verdict: what a cached context or key stands for is keyed by
/// everything that determines it (a context by its value and the policy's own contexts, a key
/// by its bytes and message count), and the work budget is charged for cached work as for fresh
/// work, so a verification that fits its budget fits it whatever ran before.
///
/// [`crate::Policy::at`] starts with [`Caches::shared`], one value for the whole process with
/// the default bounds: what the library did before caches could be passed in. A caller that
/// wants its own (a bound, isolation between tenants, or memory it can release) passes one
/// built with [`Caches::new`] and can [`Caches::clear`] it or read its [`Caches::stats`].
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use vpcheck::{CacheBounds, Caches, Policy};
///
/// let caches = Caches::new(CacheBounds::default());
/// let policy = Policy::at(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap())
///     .with_caches(caches.clone());
/// assert_eq!(caches.stats().contexts, 0);
/// caches.clear();
/// # let _ = policy;
/// ```
#[derive(Clone)]
pub struct Caches {
    inner: Arc<Inner>,
}

struct Inner {
    bounds: CacheBounds,
    ld: Arc<LdCaches>,
    #[cfg(feature = "bbs")]
    bbs: KeyCache,
    #[cfg(feature = "bbs")]
    bbs2023: GeneratorCache,
}

impl Caches {
    /// Empty caches within `bounds`.
    pub fn new(bounds: CacheBounds) -> Self {
        Caches {
            inner: Arc::new(Inner {
                bounds,
                ld: Arc::new(LdCaches::new(bounds.contexts, bounds.json_ld_threads)),
                #[cfg(feature = "bbs")]
                bbs: KeyCache::new(bounds.bbs_generators),
                #[cfg(feature = "bbs")]
                bbs2023: GeneratorCache::new(bounds.bbs_generators),
            }),
        }
    }

    /// The process's shared caches, with the default bounds: what [`crate::Policy::at`] starts
    /// with.
    pub fn shared() -> Self {
        static SHARED: OnceLock<Caches> = OnceLock::new();
        SHARED.get_or_init(|| Caches::new(CacheBounds::default())).clone()
    }

    /// The bounds these caches keep to.
    pub fn bounds(&self) -> CacheBounds {
        self.inner.bounds
    }

    /// What they hold now.
    pub fn stats(&self) -> CacheStats {
        #[cfg(feature = "bbs")]
        let (bbs_keys, bbs_generators) = self.inner.bbs.counts();
        #[cfg(not(feature = "bbs"))]
        let (bbs_keys, bbs_generators) = (0, 0);
        #[cfg(feature = "bbs")]
        let bbs2023_generators = self.inner.bbs2023.count();
        #[cfg(not(feature = "bbs"))]
        let bbs2023_generators = 0;
        CacheStats {
            contexts: self.inner.ld.context_count(),
            bbs_keys,
            bbs_generators,
            bbs2023_generators,
            json_ld_threads: self.inner.ld.thread_count(),
        }
    }

    /// Drops everything held: processed contexts, expanded keys, and the idle threads (they
    /// end). Verifications running meanwhile are not disturbed.
    pub fn clear(&self) {
        self.inner.ld.clear();
        #[cfg(feature = "bbs")]
        self.inner.bbs.clear();
        #[cfg(feature = "bbs")]
        self.inner.bbs2023.clear();
    }

    /// The JSON-LD caches, for the canonicaliser.
    pub(crate) fn ld(&self) -> &Arc<LdCaches> {
        &self.inner.ld
    }

    /// The expanded BBS+ keys, for the BBS+ suites.
    #[cfg(feature = "bbs")]
    pub(crate) fn bbs_keys(&self) -> &KeyCache {
        &self.inner.bbs
    }

    /// The IETF BBS message generators, for the bbs-2023 suite.
    #[cfg(feature = "bbs")]
    pub(crate) fn bbs2023_generators(&self) -> &GeneratorCache {
        &self.inner.bbs2023
    }
}

impl fmt::Debug for Caches {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Caches")
            .field("bounds", &self.inner.bounds)
            .field("stats", &self.stats())
            .finish()
    }
}

/// Two handles are equal when they share the same caches.
impl PartialEq for Caches {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Eq for Caches {}

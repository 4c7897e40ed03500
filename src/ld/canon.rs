//! JSON-LD to canonical N-Quads, offline: JSON-LD 1.1 expansion and deserialisation to RDF
//! (json-ld 0.21, strict: undefined terms are errors), then RDF Dataset Canonicalization
//! RDFC-1.0 (rdf-canon, with a bound on the work poison graphs can cause).
//!
//! Contexts come from the crate (`contexts/`, listed in [`SHIPPED_CONTEXTS`]) or from the policy
//! ([`crate::Policy::with_context`]); a context from anywhere else makes the proof "could not
//! check", naming the URL. Nothing here opens a socket: the loader is a map.

use std::sync::Arc;

use crate::budget::Budget;
use crate::error::Error;
use crate::ld::proof::{Canonical, Canonicalize};
use crate::limits::Limits;

/// The contexts the crate ships: URL and document (sources in `contexts/README.md`).
pub const SHIPPED_CONTEXTS: [(&str, &str); 18] = [
    (
        "https://www.w3.org/2018/credentials/v1",
        include_str!("../../contexts/w3c-2018-credentials-v1.jsonld"),
    ),
    (
        "https://www.w3.org/2018/credentials/examples/v1",
        include_str!("../../contexts/w3c-2018-credentials-examples-v1.jsonld"),
    ),
    (
        "https://www.w3.org/ns/credentials/v2",
        include_str!("../../contexts/w3c-ns-credentials-v2.jsonld"),
    ),
    (
        "https://www.w3.org/ns/credentials/examples/v2",
        include_str!("../../contexts/w3c-ns-credentials-examples-v2.jsonld"),
    ),
    ("https://w3id.org/security/v1", include_str!("../../contexts/w3id-security-v1.jsonld")),
    ("https://w3id.org/security/v2", include_str!("../../contexts/w3id-security-v2.jsonld")),
    (
        "https://w3id.org/security/v3-unstable",
        include_str!("../../contexts/w3id-security-v3-unstable.jsonld"),
    ),
    (
        "https://www.w3id.org/security/v3-unstable",
        include_str!("../../contexts/w3id-security-v3-unstable.jsonld"),
    ),
    (
        "https://w3id.org/security/bbs/v1",
        include_str!("../../contexts/w3id-security-bbs-v1.jsonld"),
    ),
    ("https://w3id.org/bbs/v1", include_str!("../../contexts/w3id-security-bbs-v1.jsonld")),
    (
        "https://w3id.org/security/suites/ed25519-2020/v1",
        include_str!("../../contexts/w3id-ed25519-signature-2020-v1.jsonld"),
    ),
    (
        "https://w3id.org/security/suites/jws-2020/v1",
        include_str!("../../contexts/w3id-jws-2020-v1.jsonld"),
    ),
    (
        "https://w3id.org/security/data-integrity/v1",
        include_str!("../../contexts/w3id-data-integrity-v1.jsonld"),
    ),
    (
        "https://w3id.org/security/data-integrity/v2",
        include_str!("../../contexts/w3id-data-integrity-v2.jsonld"),
    ),
    (
        "https://w3id.org/security/multikey/v1",
        include_str!("../../contexts/w3id-multikey-v1.jsonld"),
    ),
    ("https://w3id.org/citizenship/v1", include_str!("../../contexts/w3id-citizenship-v1.jsonld")),
    (
        "https://w3id.org/vc-revocation-list-2020/v1",
        include_str!("../../contexts/w3id-vc-revocation-list-2020-v1.jsonld"),
    ),
    (
        "https://w3id.org/vc/status-list/2021/v1",
        include_str!("../../contexts/w3id-vc-status-list-2021-v1.jsonld"),
    ),
];

/// The caller's JSON-LD contexts (URL and document), beside the shipped ones, and what they add
/// to a processed-context cache key: each URL, length-prefixed, and the SHA-256 of its document,
/// hashed once when added rather than on every canonicalisation (schema.org's context is 184 KB). Shared: a
/// policy is cloned per item in audits, and the expansion thread holds them while it works.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Contexts {
    documents: Arc<Vec<(String, String)>>,
    key: String,
}

impl Contexts {
    /// Adds `document` for `url`; it takes precedence over a shipped one of the same URL.
    pub(crate) fn add(&mut self, url: String, document: String) {
        // Each piece is `<length of the URL>:<URL><64 hex digits>`: self-delimiting, so no two
        // lists of contexts make the same key (a URL holding a separator and a hash cannot pass
        // for two contexts).
        self.key.push_str(&url.len().to_string());
        self.key.push(':');
        self.key.push_str(&url);
        self.key.push_str(&hex::encode(ring::digest::digest(
            &ring::digest::SHA256,
            document.as_bytes(),
        )));
        Arc::make_mut(&mut self.documents).push((url, document));
    }

    /// The documents, in the order added.
    pub(crate) fn documents(&self) -> &[(String, String)] {
        &self.documents
    }
}

/// The canonicaliser for the caller's `contexts` and `limits`, when this build has one, drawing
/// on the verification's work `budget`.
#[cfg(feature = "ld")]
pub(crate) fn canonicalizer<'p>(
    contexts: &'p Contexts,
    limits: Limits,
    budget: &'p Budget,
    caches: &'p Arc<LdCaches>,
) -> Option<imp::Rdfc<'p>> {
    Some(imp::Rdfc { extra: &contexts.documents, extra_key: &contexts.key, limits, budget, caches })
}

/// Without the `ld` feature there is no canonicaliser: RDFC suites are reported unchecked.
#[cfg(not(feature = "ld"))]
pub(crate) fn canonicalizer<'p>(
    _contexts: &'p Contexts,
    _limits: Limits,
    _budget: &'p Budget,
    _caches: &'p Arc<LdCaches>,
) -> Option<NoRdfc> {
    None
}

/// Stands in for the canonicaliser when the `ld` feature is off; never constructed.
#[cfg(not(feature = "ld"))]
pub(crate) enum NoRdfc {}

#[cfg(not(feature = "ld"))]
impl Canonicalize for NoRdfc {
    fn canonical(&self, _field: &str, _document: &serde_json::Value) -> Result<Canonical, Error> {
        match *self {}
    }

    fn dataset(
        &self,
        _field: &str,
        _document: &serde_json::Value,
    ) -> Result<crate::ld::dataset::Dataset, Error> {
        match *self {}
    }

    fn charge(&self, _field: &str, _step: &'static str, _units: u64) -> Result<(), Error> {
        match *self {}
    }

    fn canonical_dataset(
        &self,
        _field: &str,
        _dataset: &crate::ld::dataset::Dataset,
    ) -> Result<crate::ld::proof::IssuedCanonical, Error> {
        match *self {}
    }
}

/// RDFC-1.0 as the proofs run it, for `crate::testing::canonical_rdf`.
#[cfg(feature = "ld")]
pub(crate) use imp::rdfc10;

/// The W3C JSON-LD suite through the proofs' loader and expansion, for `crate::testing`.
#[cfg(feature = "ld")]
pub(crate) use imp::conformance;

/// One canonical N-Quad line per statement, for the selective-disclosure suites.
#[cfg(feature = "ld")]
pub(crate) use imp::nquad_lines;

/// The caches JSON-LD processing keeps ([`crate::Caches`]).
#[cfg(feature = "ld")]
pub(crate) use imp::LdCaches;

/// Without the `ld` feature nothing is processed, and nothing kept.
#[cfg(not(feature = "ld"))]
pub(crate) struct LdCaches;

#[cfg(not(feature = "ld"))]
impl LdCaches {
    pub(crate) fn new(_max_contexts: usize, _max_threads: usize) -> Self {
        LdCaches
    }
    pub(crate) fn context_count(&self) -> usize {
        0
    }
    pub(crate) fn thread_count(&self) -> usize {
        0
    }
    pub(crate) fn clear(&self) {}
}

#[cfg(feature = "ld")]
mod imp {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::sync::{mpsc, Arc, Mutex, OnceLock};

    use json_ld::expansion::{Action, Options as ExpansionOptions, Policy as ExpansionPolicy};
    use json_ld::rdf::RdfQuads;
    use json_ld::rdf_types::{generator::Blank, Id, LiteralType, Quad, Term};
    use json_ld::syntax::Parse;
    use json_ld::{
        Context as ActiveContext, Expand, ExpandedDocument, Iri, IriBuf, LoadError, Loader,
        RemoteDocument,
    };

    use super::{Canonical, Canonicalize, Error, SHIPPED_CONTEXTS};
    use crate::budget::{
        units, Budget, BYTES_PER_UNIT, HNDQ_STEPS_PER_UNIT, UNITS_PER_BLANK_NODE,
        UNITS_PER_STATEMENT, UNITS_PER_TERM_DEFINITION,
    };
    use crate::ld::cost::{hndq_bound, term_limit, ContextCounter};
    use crate::ld::dataset::{Dataset, Node, Object, Statement};
    use crate::ld::proof::IssuedCanonical;
    use crate::limits::Limits;

    /// Bound on the "hash N-degree quads" calls of RDFC-1.0 (section 4.9), whatever the work
    /// budget leaves: a graph of many indistinguishable blank nodes costs exponential time
    /// without one. The budget bounds the work of the calls ([`crate::ld::cost::hndq_bound`]).
    const HNDQ_CALL_LIMIT: usize = 10_000;

    /// "Hash N-degree quads" calls allowed per node that needs one in the first attempt, and at
    /// least this many: an honest dataset's few shared nodes need a call or two each.
    const FIRST_CALLS_PER_NODE: u64 = 4;
    const MIN_FIRST_CALLS: u64 = 64;

    /// The step named when "hash N-degree quads" would exceed the work budget.
    const HNDQ_STEP: &str = "RDF canonicalisation (hash N-degree quads, RDFC-1.0 section 4.8)";

    /// Stack of the thread JSON-LD processing runs on.
    const EXPANSION_STACK_BYTES: usize = 64 << 20;

    /// Work for an expansion thread.
    type Task = Box<dyn FnOnce() + Send>;

    /// The JSON-LD half of [`crate::Caches`]: processed top-level contexts, and the expansion
    /// threads kept between canonicalisations, each bounded.
    pub(crate) struct LdCaches {
        contexts: Mutex<ContextCache>,
        max_contexts: usize,
        /// Idle expansion threads, each waiting for a task on its channel. A canonicalisation
        /// takes one (or starts one) and gives it back, because starting a 64 MiB-stack thread
        /// costs more than the canonicalisation of a small credential (BENCHMARKS.md,
        /// "Measurements the design rests on"). Past `max_threads` idle ones, a thread given back ends. The pages a deep
        /// document touched stay resident while the thread is kept (at most the stack size).
        threads: Mutex<Vec<mpsc::Sender<Task>>>,
        max_threads: usize,
    }

    impl LdCaches {
        pub(crate) fn new(max_contexts: usize, max_threads: usize) -> Self {
            LdCaches {
                contexts: Mutex::new(HashMap::new()),
                max_contexts,
                threads: Mutex::new(Vec::new()),
                max_threads,
            }
        }

        fn contexts_lock(&self) -> std::sync::MutexGuard<'_, ContextCache> {
            self.contexts.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
        }

        fn threads_lock(&self) -> std::sync::MutexGuard<'_, Vec<mpsc::Sender<Task>>> {
            self.threads.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
        }

        /// How many processed contexts are held.
        pub(crate) fn context_count(&self) -> usize {
            self.contexts_lock().len()
        }

        /// How many idle expansion threads are kept.
        pub(crate) fn thread_count(&self) -> usize {
            self.threads_lock().len()
        }

        /// Drops every processed context and ends every idle thread (its channel closes).
        pub(crate) fn clear(&self) {
            self.contexts_lock().clear();
            self.threads_lock().clear();
        }

        /// `work` on an expansion thread, waited for. A task that panics is contained by the
        /// caller's `work`; should a thread end anyway, a fresh one takes the task.
        fn run<T: Send + 'static>(
            &self,
            work: impl FnOnce() -> T + Send + 'static,
        ) -> Result<T, String> {
            let (done, result) = mpsc::sync_channel(1);
            let task: Task = Box::new(move || {
                // The caller waits for this; it cannot have gone.
                let _ = done.send(work());
            });
            let idle = self.threads_lock().pop();
            let sender = match idle {
                Some(sender) => sender,
                None => start_expansion_thread()?,
            };
            let sender = match sender.send(task) {
                Ok(()) => sender,
                Err(mpsc::SendError(task)) => {
                    let fresh = start_expansion_thread()?;
                    fresh.send(task).map_err(|_| "the JSON-LD processor stopped".to_owned())?;
                    fresh
                }
            };
            let outcome = result.recv().map_err(|_| "the JSON-LD processor stopped".to_owned());
            let mut idle = self.threads_lock();
            if idle.len() < self.max_threads {
                idle.push(sender);
            }
            outcome
        }
    }

    fn start_expansion_thread() -> Result<mpsc::Sender<Task>, String> {
        let (sender, tasks) = mpsc::channel::<Task>();
        std::thread::Builder::new()
            .name("vpcheck-json-ld".into())
            .stack_size(EXPANSION_STACK_BYTES)
            .spawn(move || tasks.into_iter().for_each(|task| task()))
            .map_err(|e| format!("cannot start the JSON-LD processor: {e}"))?;
        Ok(sender)
    }

    /// Keyed by the URL's exact text: hashing an `Iri` normalises its path, and iref/pct-str
    /// panic on a percent-encoded sequence that is not UTF-8 (`%FF`), found by fuzzing
    /// (`fuzz/artifacts/ld_proof/`). A context URL is matched as written, never normalised.
    type Documents = HashMap<String, RemoteDocument>;

    fn parse_context(url: &str, text: &str) -> Option<(String, RemoteDocument)> {
        let (json, _) = json_syntax::Value::parse_str(text).ok()?;
        let iri = IriBuf::new(url.to_owned()).ok()?;
        Some((url.to_owned(), RemoteDocument::new(Some(iri), None, json)))
    }

    /// The shipped contexts, parsed once per process.
    fn shipped() -> &'static Documents {
        static SHIPPED: OnceLock<Documents> = OnceLock::new();
        SHIPPED.get_or_init(|| {
            SHIPPED_CONTEXTS.iter().filter_map(|(url, text)| parse_context(url, text)).collect()
        })
    }

    #[derive(Debug, thiserror::Error)]
    #[error("context not available offline")]
    struct NotAvailable;

    /// The offline loader: the policy's contexts, then the shipped ones; it remembers the first
    /// URL it could not serve, to name it in the error.
    struct OfflineLoader<'p> {
        extra: &'p [(String, String)],
        missing: RefCell<Option<String>>,
    }

    impl Loader for OfflineLoader<'_> {
        async fn load(&self, url: &Iri) -> Result<RemoteDocument<IriBuf>, LoadError> {
            // The caller's contexts are parsed when asked for, not on every verification: with
            // processed contexts cached, most verifications never load one.
            let extra = self
                .extra
                .iter()
                .rev()
                .filter(|(u, _)| u == url.as_str())
                .find_map(|(u, text)| parse_context(u, text))
                .map(|(_, doc)| doc);
            if let Some(doc) = extra.or_else(|| shipped().get(url.as_str()).cloned()) {
                return Ok(doc);
            }
            self.missing.borrow_mut().get_or_insert_with(|| url.as_str().to_owned());
            Err(LoadError::new(url.to_owned(), NotAvailable))
        }
    }

    /// RDFC-1.0 over JSON-LD with the policy's extra contexts and limits.
    pub(crate) struct Rdfc<'p> {
        pub extra: &'p Arc<Vec<(String, String)>>,
        /// What the caller's contexts add to a cache key ([`Contexts`]).
        pub extra_key: &'p str,
        pub limits: Limits,
        /// The verification's work budget, drawn on by every document and proof.
        pub budget: &'p Budget,
        /// Processed contexts and expansion threads ([`crate::Caches`]).
        pub caches: &'p Arc<LdCaches>,
    }

    type Expanded = ExpandedDocument<IriBuf, json_ld::BlankIdBuf>;

    /// One canonicalisation, owning what it reads, so that it can run on the expansion thread.
    struct Job {
        caches: Arc<LdCaches>,
        extra: Arc<Vec<(String, String)>>,
        extra_key: String,
        field: String,
        document: serde_json::Value,
        /// Canonicalise (RDFC-1.0), or only expand to a dataset (for a JCS-signed document).
        canonicalize: bool,
        limits: Limits,
        /// What remains of the verification's work budget.
        remaining: u64,
    }

    /// What a job yields.
    enum Output {
        Canonical(Canonical),
        Dataset(Dataset),
    }

    impl Canonicalize for Rdfc<'_> {
        fn canonical(&self, field: &str, document: &serde_json::Value) -> Result<Canonical, Error> {
            match self.run(field, document, true)? {
                Output::Canonical(c) => Ok(c),
                Output::Dataset(_) => {
                    Err(Error::invalid(field, "the JSON-LD processor returned no canonical form"))
                }
            }
        }

        fn dataset(&self, field: &str, document: &serde_json::Value) -> Result<Dataset, Error> {
            match self.run(field, document, false)? {
                Output::Dataset(d) => Ok(d),
                Output::Canonical(c) => Ok(c.dataset),
            }
        }

        fn charge(&self, field: &str, step: &'static str, units: u64) -> Result<(), Error> {
            self.budget.charge(field, step, units)
        }

        fn canonical_dataset(
            &self,
            field: &str,
            dataset: &Dataset,
        ) -> Result<IssuedCanonical, Error> {
            if dataset.statements().len() > self.limits.max_statements {
                return Err(Error::TooManyStatements {
                    field: field.to_owned(),
                    limit: self.limits.max_statements,
                });
            }
            // Charged as the statements of a document are (see `canonicalize`).
            for line in nquad_lines(dataset) {
                self.budget.charge(
                    field,
                    "RDF conversion and canonicalisation",
                    UNITS_PER_STATEMENT.saturating_add(units(line.len(), 1) / BYTES_PER_UNIT),
                )?;
            }
            let oxrdf = to_oxrdf(dataset);
            // rdf-canon returns errors for every malformed input tried; a panic is contained all
            // the same, as in `Rdfc::run`.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                rdfc10::<sha2::Sha256>(&oxrdf, field, &self.limits, self.budget)
            }))
            .unwrap_or_else(|_| Err(Error::invalid(field, "RDF canonicalisation failed")))?;
            Ok(IssuedCanonical {
                lines: result.nquads.split_inclusive('\n').map(str::to_owned).collect(),
                issued: result.issued,
            })
        }
    }

    /// A dataset as oxrdf holds it.
    fn to_oxrdf(dataset: &Dataset) -> oxrdf::Dataset {
        dataset.statements().iter().map(to_quad).collect()
    }

    fn to_quad(s: &Statement) -> oxrdf::Quad {
        let subject = |n: &Node| -> oxrdf::Subject {
            match n {
                Node::Iri(i) => oxrdf::NamedNode::new_unchecked(i.as_str()).into(),
                Node::Blank(b) => oxrdf::BlankNode::new_unchecked(b.as_str()).into(),
            }
        };
        let object: oxrdf::Term = match &s.object {
            Object::Node(Node::Iri(i)) => oxrdf::NamedNode::new_unchecked(i.as_str()).into(),
            Object::Node(Node::Blank(b)) => oxrdf::BlankNode::new_unchecked(b.as_str()).into(),
            Object::Literal { value, datatype, language: Some(language) } => {
                let _ = datatype;
                oxrdf::Literal::new_language_tagged_literal_unchecked(
                    value.as_str(),
                    language.as_str(),
                )
                .into()
            }
            Object::Literal { value, datatype, language: None } => {
                oxrdf::Literal::new_typed_literal(
                    value.as_str(),
                    oxrdf::NamedNode::new_unchecked(datatype.as_str()),
                )
                .into()
            }
        };
        let graph: oxrdf::GraphName = match &s.graph {
            None => oxrdf::GraphName::DefaultGraph,
            Some(Node::Iri(i)) => oxrdf::NamedNode::new_unchecked(i.as_str()).into(),
            Some(Node::Blank(b)) => oxrdf::BlankNode::new_unchecked(b.as_str()).into(),
        };
        oxrdf::Quad::new(
            subject(&s.subject),
            oxrdf::NamedNode::new_unchecked(s.predicate.as_str()),
            object,
            graph,
        )
    }

    /// Each statement of `dataset` as a canonical N-Quad line (`" .\n"` ended, RDFC-1.0 section
    /// 5: the form rdf-canon serialises), in the dataset's order: what the selective-disclosure
    /// suites compare and sign statement by statement (W3C vc-di-ecdsa section 3.4).
    pub(crate) fn nquad_lines(dataset: &Dataset) -> Vec<String> {
        dataset.statements().iter().map(|s| to_quad(s).to_string() + " .\n").collect()
    }

    impl Rdfc<'_> {
        fn run(
            &self,
            field: &str,
            document: &serde_json::Value,
            canonicalize: bool,
        ) -> Result<Output, Error> {
            // json-ld's context processing recurses deeply: schema.org's context overflowed a
            // 2 MiB test thread in a debug build, and a stack overflow aborts the process. It
            // runs on an expansion thread with a stack sized for it (only touched pages are
            // used), one per calling thread.
            // The JSON-LD and RDF crates return errors for every malformed input tried, but a
            // dependency's panic must never reach the caller either: it is contained.
            if let Some(bad) = non_utf8_percent_escape(document) {
                return Err(Error::invalid(
                    field,
                    format!("{bad:?}: a percent-escape that does not decode to UTF-8, which the JSON-LD processor (iref, pct-str) cannot handle"),
                ));
            }
            let remaining = self.budget.remaining();
            let job = Job {
                caches: Arc::clone(self.caches),
                extra: Arc::clone(self.extra),
                extra_key: self.extra_key.to_owned(),
                field: field.to_owned(),
                document: document.clone(),
                canonicalize,
                limits: self.limits,
                remaining,
            };
            let failed = Error::invalid(field, "the JSON-LD processor failed on this document");
            // The job draws on its own copy of what remains; what it spent is taken here.
            let (result, left) = self
                .caches
                .run(move || {
                    let budget = Budget::part(job.limits.max_work, job.remaining);
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        job.process(&budget)
                    }))
                    .unwrap_or(Err(failed));
                    (result, budget.remaining())
                })
                .unwrap_or_else(|reason| (Err(Error::invalid(field, reason)), remaining));
            self.budget.spend(remaining.saturating_sub(left));
            result
        }
    }

    /// The first string (member name or value) of `value` with a percent-escape sequence that
    /// does not decode to UTF-8 (`%FF`, `%C3%28`). iref and pct-str panic when they normalise or
    /// hash such an IRI (found by fuzzing); the panic would be contained, but a specific error is
    /// better than a generic one.
    fn non_utf8_percent_escape(value: &serde_json::Value) -> Option<String> {
        fn bad(s: &str) -> bool {
            if !s.contains('%') {
                return false;
            }
            let bytes = s.as_bytes();
            let mut decoded = Vec::with_capacity(bytes.len());
            let mut i = 0;
            while let Some(&b) = bytes.get(i) {
                let hex = |j: usize| bytes.get(j).and_then(|c| char::from(*c).to_digit(16));
                match (b, hex(i + 1), hex(i + 2)) {
                    (b'%', Some(h), Some(l)) => {
                        decoded.push(u8::try_from(h * 16 + l).unwrap_or(0));
                        i += 3;
                    }
                    _ => {
                        decoded.push(b);
                        i += 1;
                    }
                }
            }
            std::str::from_utf8(&decoded).is_err()
        }
        match value {
            serde_json::Value::String(s) => bad(s).then(|| s.clone()),
            serde_json::Value::Array(items) => items.iter().find_map(non_utf8_percent_escape),
            serde_json::Value::Object(members) => members.iter().find_map(|(k, v)| {
                if bad(k) {
                    Some(k.clone())
                } else {
                    non_utf8_percent_escape(v)
                }
            }),
            _ => None,
        }
    }

    impl Job {
        fn process(self, budget: &Budget) -> Result<Output, Error> {
            let Job {
                caches,
                extra,
                extra_key,
                field,
                document: mut body,
                canonicalize: canonical,
                limits,
                remaining: _,
            } = self;
            let field = field.as_str();
            let loader = OfflineLoader { extra: &extra, missing: RefCell::new(None) };
            let missing = |e: &dyn std::fmt::Display| match loader.missing.borrow().clone() {
                Some(url) => Error::ContextUnavailable { field: field.to_owned(), url },
                None => Error::invalid(field, format!("not valid JSON-LD: {e}")),
            };
            // The top-level `@context` is processed once per process and reused (JSON-LD 1.1
            // API section 5.1.2 step 3 applies it to the initial context, which is what is
            // cached): processing a large context (schema.org's is 184 KB) costs tens of times a
            // document's canonicalisation (BENCHMARKS.md, "Measurements the design rests on").
            let context = body.as_object_mut().and_then(|o| o.remove("@context"));
            // What a context URL serves, as the loader would: to count its term definitions.
            let source = |url: &str| -> Option<serde_json::Value> {
                // As the loader serves it: the last of the caller's contexts for the URL that
                // parses, else the shipped one.
                let parsed = |text: &str| serde_json::from_str(text).ok();
                extra
                    .iter()
                    .rev()
                    .filter(|(u, _)| u == url)
                    .find_map(|(_, text)| parsed(text))
                    .or_else(|| {
                        SHIPPED_CONTEXTS
                            .iter()
                            .find(|(u, _)| *u == url)
                            .and_then(|(_, text)| parsed(text))
                    })
            };
            let (active, scoped) = match &context {
                None => (ActiveContext::default(), Arc::default()),
                Some(context) => active_context(
                    &caches, context, &extra_key, &loader, &source, field, &limits, budget,
                    &missing,
                )?,
            };
            // Expansion is charged before it runs: its JSON values, the contexts embedded in it,
            // and every scoped context it will apply.
            let mut counter = ContextCounter::new(
                &source,
                field,
                limits.max_term_definitions,
                HashMap::clone(&scoped),
            );
            let units = counter.expansion_units(&body)?;
            budget.charge(field, "JSON-LD expansion", units)?;
            let doc = json_syntax::Value::from_serde_json(body);
            let options = proof_expansion_options();
            // Expansion is async only because the loader trait is; this loader never waits.
            let expanded: Result<Expanded, _> = pollster::block_on(Box::pin(doc.expand_full(
                &mut (),
                active,
                None,
                &loader,
                options,
                (),
            )));
            let expanded = expanded.map_err(|e| missing(&e))?;
            // An empty dataset is a document that states nothing (a derived proof may disclose
            // nothing but itself); the proof options are canonicalised and signed apart.
            canonicalize(expanded, canonical, field, &limits, budget)
        }
    }

    /// The expansion options of the proofs, strict (JSON-LD 1.1 section 4.2 with the "reject"
    /// policy): a term no context defines is an error, not silently dropped, so that no signed
    /// member is left out of what the signature covers. Shared with [`suite`], which also runs
    /// the W3C suite in this mode to count what it refuses.
    fn proof_expansion_options() -> ExpansionOptions {
        ExpansionOptions {
            policy: ExpansionPolicy {
                invalid: Action::Reject,
                allow_undefined: false,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    /// Terms that carry a scoped context, to the number of term definitions it processes
    /// ([`ContextCounter`]).
    type Scoped = Arc<HashMap<String, u64>>;

    /// Processed top-level contexts and their scoped terms, keyed by the context value and the
    /// caller's extra contexts. Shared, so that the lock is held for a reference count, not for
    /// copying a context.
    type ContextCache = HashMap<String, Arc<CachedContext>>;

    /// A processed top-level context.
    struct CachedContext {
        active: ActiveContext,
        scoped: Scoped,
        /// The context counted with the most term definitions, and their number: held to each
        /// policy's limit on every use, since the cache is shared by policies with different limits.
        largest: (String, u64),
        /// The term definitions processing it took: charged on every use, so that whether a
        /// verification fits its budget does not depend on what this process verified before.
        terms: u64,
    }

    /// The active context a top-level `@context` value yields, and its scoped terms, from the
    /// cache when it was processed before with the same extra contexts. Processing is charged
    /// (a term definition at a time) before it runs, cached or not, and refused for a context
    /// over the term limit.
    #[allow(clippy::too_many_arguments)]
    fn active_context(
        caches: &LdCaches,
        context: &serde_json::Value,
        extra_key: &str,
        loader: &OfflineLoader<'_>,
        source: &dyn Fn(&str) -> Option<serde_json::Value>,
        field: &str,
        limits: &Limits,
        budget: &Budget,
        missing: &dyn Fn(&dyn std::fmt::Display) -> Error,
    ) -> Result<(ActiveContext, Scoped), Error> {
        use json_ld::context_processing::{Options as ProcessingOptions, Process};
        use json_ld::syntax::context::Context as ContextSyntax;
        use json_ld::syntax::TryFromJson;
        // The caller's contexts change what the URLs mean: they are part of the key, first (a
        // self-delimiting list, see `Contexts::add`), then a separator no piece ends with, then
        // the context value.
        let mut key = String::from(extra_key);
        key.push('|');
        key.push_str(&serde_json::to_string(context).map_err(|e| missing(&e))?);
        let cached = caches.contexts_lock().get(&key).cloned();
        if let Some(cached) = cached {
            let (name, count) = &cached.largest;
            term_limit(field, name, *count, limits.max_term_definitions)?;
            budget.charge(
                field,
                "JSON-LD context processing",
                cached.terms.saturating_mul(UNITS_PER_TERM_DEFINITION),
            )?;
            return Ok((ActiveContext::clone(&cached.active), Arc::clone(&cached.scoped)));
        }
        let mut counter =
            ContextCounter::new(source, field, limits.max_term_definitions, HashMap::new());
        let terms = counter.context(context)?;
        let largest = counter.largest.clone();
        budget.charge(
            field,
            "JSON-LD context processing",
            terms.saturating_mul(UNITS_PER_TERM_DEFINITION),
        )?;
        let syntax =
            ContextSyntax::try_from_json(json_syntax::Value::from_serde_json(context.clone()))
                .map_err(|e| missing(&e))?;
        let processed = pollster::block_on(Box::pin(syntax.process_full(
            &mut (),
            &ActiveContext::default(),
            loader,
            None,
            ProcessingOptions::default(),
            (),
        )))
        .map_err(|e| missing(&e))?
        .processed;
        let scoped: Scoped = Arc::new(counter.scoped);
        let mut cache = caches.contexts_lock();
        if cache.len() >= caches.max_contexts {
            // A verifier sees a handful of distinct contexts; past the bound the cache starts
            // over (with a bound of 0 nothing is kept).
            cache.clear();
        }
        if caches.max_contexts > 0 {
            cache.insert(
                key,
                Arc::new(CachedContext {
                    active: processed.clone(),
                    scoped: Arc::clone(&scoped),
                    largest,
                    terms,
                }),
            );
        }
        Ok((processed, scoped))
    }

    /// The length of an identifier's text.
    fn id_len(i: &Id) -> usize {
        match i {
            Id::Iri(i) => i.as_str().len(),
            Id::Blank(b) => b.as_str().len(),
        }
    }

    /// Expanded JSON-LD to an RDF dataset (JSON-LD 1.1 API section 8.3), canonicalised. At most
    /// `limits.max_statements` statements are read; they are charged before they are stored.
    fn canonicalize(
        mut expanded: Expanded,
        canonical: bool,
        field: &str,
        limits: &Limits,
        budget: &Budget,
    ) -> Result<Output, Error> {
        let mut blank = Blank::new_with_prefix("b".to_owned());
        // Gives every node without an `@id` a blank node (else `rdf_quads` drops it) and puts
        // literals in canonical form, as the JSON-LD to-RDF algorithm does.
        expanded.relabel_and_canonicalize_with(&mut (), &mut blank);
        let term = |i: &Id| -> oxrdf::Term {
            match i {
                Id::Iri(i) => oxrdf::NamedNode::new_unchecked(i.as_str()).into(),
                Id::Blank(b) => oxrdf::BlankNode::new_unchecked(b.suffix()).into(),
            }
        };
        let subject = |i: &Id| -> oxrdf::Subject {
            match i {
                Id::Iri(i) => oxrdf::NamedNode::new_unchecked(i.as_str()).into(),
                Id::Blank(b) => oxrdf::BlankNode::new_unchecked(b.suffix()).into(),
            }
        };
        // Each statement is charged (by count and by the length of its text) before it is kept.
        let mut quads: Vec<oxrdf::Quad> = Vec::new();
        for Quad(s, p, o, g) in expanded.rdf_quads(&mut blank, None) {
            if quads.len() >= limits.max_statements {
                return Err(Error::TooManyStatements {
                    field: field.to_owned(),
                    limit: limits.max_statements,
                });
            }
            let text = id_len(s.as_ref())
                + id_len(p.as_ref())
                + g.as_ref().map_or(0, |g| id_len(g))
                + match &o {
                    Term::Id(i) => id_len(i),
                    Term::Literal(l) => l.value.len() + 40,
                };
            budget.charge(
                field,
                "RDF conversion and canonicalisation",
                UNITS_PER_STATEMENT.saturating_add(units(text, 1) / BYTES_PER_UNIT),
            )?;
            let Id::Iri(p) = p.as_ref() else {
                return Err(Error::invalid(
                    field,
                    "a blank-node predicate (generalized RDF) is not allowed",
                ));
            };
            let p = oxrdf::NamedNode::new_unchecked(p.as_str());
            let o = match o {
                Term::Id(i) => term(&i),
                Term::Literal(l) => match l.type_ {
                    LiteralType::Any(t) => oxrdf::Literal::new_typed_literal(
                        l.value,
                        oxrdf::NamedNode::new_unchecked(t.as_str()),
                    )
                    .into(),
                    LiteralType::LangString(t) => {
                        oxrdf::Literal::new_language_tagged_literal_unchecked(l.value, t.as_str())
                            .into()
                    }
                },
            };
            let g: oxrdf::GraphName = match g {
                None => oxrdf::GraphName::DefaultGraph,
                Some(Id::Iri(i)) => oxrdf::NamedNode::new_unchecked(i.as_str()).into(),
                Some(Id::Blank(b)) => oxrdf::BlankNode::new_unchecked(b.suffix()).into(),
            };
            quads.push(oxrdf::Quad::new(subject(s.as_ref()), p, o, g));
        }
        let dataset: oxrdf::Dataset = quads.into_iter().collect();
        if !canonical {
            return Ok(Output::Dataset(read_dataset(&dataset)));
        }
        let rdfc = rdfc10::<sha2::Sha256>(&dataset, field, limits, budget)?;
        Ok(Output::Canonical(Canonical {
            nquads: rdfc.nquads,
            dataset: read_dataset(&rdfc.relabelled),
        }))
    }

    /// What RDFC-1.0 yields for a dataset.
    pub(crate) struct Rdfc10 {
        /// The issued identifiers map (RDFC-1.0 section 4.4): input blank node label to canonical.
        pub issued: HashMap<String, String>,
        /// The dataset with every blank node relabelled to its canonical identifier.
        pub relabelled: oxrdf::Dataset,
        /// The canonical N-Quads (RDFC-1.0 section 5): sorted, one statement a line.
        pub nquads: String,
    }

    /// RDF Dataset Canonicalization with hash `D`, within `limits` and the work `budget`: what
    /// the proofs sign (with SHA-256), and what `crate::testing::canonical_rdf` runs the W3C
    /// suite through. It is `rdf_canon::canonicalize_with`, keeping the map and the relabelled
    /// dataset: the checks read the statements the proof signs from the latter (`crate::ld::dataset`).
    /// <https://www.w3.org/TR/rdf-canon/#canon-algorithm>
    ///
    /// rdf-canon bounds only the number of "hash N-degree quads" calls, and a call can cost
    /// factorial time in the blank nodes it permutes (section 4.8.3 step 5.4): a clique of 10
    /// blank nodes spent 0.35 s in 10 000 calls, one of 80 17 s. Here each call is priced at
    /// the dataset's worst cost per call ([`hndq_bound`]), and rdf-canon is run with a call
    /// limit whose price is charged before it runs: first enough for a few calls per node that
    /// needs one, then four times as many each time the limit is reached, as long as the budget
    /// pays. A dataset that cannot pay for the one call each such node needs is refused before any.
    pub(crate) fn rdfc10<D: sha2::Digest>(
        dataset: &oxrdf::Dataset,
        field: &str,
        limits: &Limits,
        budget: &Budget,
    ) -> Result<Rdfc10, Error> {
        let blank_nodes = blank_node_count(dataset);
        if blank_nodes > limits.max_blank_nodes {
            return Err(Error::TooManyBlankNodes {
                field: field.to_owned(),
                count: blank_nodes,
                limit: limits.max_blank_nodes,
            });
        }
        budget.charge(field, "RDF canonicalisation", units(blank_nodes, UNITS_PER_BLANK_NODE))?;
        let (shared, steps) = hndq_bound(dataset);
        let per_call = steps.div_ceil(HNDQ_STEPS_PER_UNIT).max(1);
        let shared = units(shared, 1);
        let most = units(HNDQ_CALL_LIMIT, 1);
        // Calls allowed in the next attempt: a node that shares its first-degree hash needs one,
        // and its relations a few more.
        let mut calls = if shared == 0 {
            0
        } else {
            shared.saturating_mul(FIRST_CALLS_PER_NODE).max(MIN_FIRST_CALLS).min(most)
        };
        let issued = loop {
            let affordable = (budget.remaining() / per_call).min(most);
            if calls > affordable {
                if affordable < shared.max(1) {
                    return Err(budget.refusal(field, HNDQ_STEP, per_call.saturating_mul(calls)));
                }
                calls = affordable;
            }
            budget.charge(field, HNDQ_STEP, per_call.saturating_mul(calls))?;
            // With no node to call for, rdf-canon makes no call; its limit cannot be reached.
            let options = rdf_canon::CanonicalizationOptions {
                hndq_call_limit: Some(usize::try_from(calls).unwrap_or(HNDQ_CALL_LIMIT)),
            };
            match rdf_canon::issue_with::<D>(dataset, &options) {
                Ok(issued) => break issued,
                Err(rdf_canon::CanonicalizationError::HndqCallLimitExceeded(_))
                    if calls < most && calls < budget.remaining() / per_call =>
                {
                    // Never the same limit twice (from none, when no node was expected to need
                    // a call): every attempt is charged, so the budget ends the retries.
                    calls = calls.saturating_mul(4).max(MIN_FIRST_CALLS).min(most);
                }
                Err(rdf_canon::CanonicalizationError::HndqCallLimitExceeded(_)) => {
                    return Err(budget.refusal(
                        field,
                        HNDQ_STEP,
                        per_call.saturating_mul(calls.saturating_mul(4).min(most)),
                    ));
                }
                Err(e) => return Err(Error::invalid(field, format!("RDF canonicalisation: {e}"))),
            }
        };
        let relabelled = rdf_canon::relabel(dataset, &issued)
            .map_err(|e| Error::invalid(field, format!("RDF canonicalisation: {e}")))?;
        Ok(Rdfc10 { nquads: rdf_canon::serialize(&relabelled), issued, relabelled })
    }

    fn blank_node_count(dataset: &oxrdf::Dataset) -> usize {
        let mut seen = std::collections::HashSet::new();
        for q in dataset {
            if let oxrdf::SubjectRef::BlankNode(b) = q.subject {
                seen.insert(b);
            }
            if let oxrdf::TermRef::BlankNode(b) = q.object {
                seen.insert(b);
            }
            if let oxrdf::GraphNameRef::BlankNode(b) = q.graph_name {
                seen.insert(b);
            }
        }
        seen.len()
    }

    /// An oxrdf dataset as the checks read it.
    fn read_dataset(dataset: &oxrdf::Dataset) -> Dataset {
        let node = |s: oxrdf::SubjectRef<'_>| match s {
            oxrdf::SubjectRef::NamedNode(n) => Node::Iri(n.as_str().to_owned()),
            oxrdf::SubjectRef::BlankNode(b) => Node::Blank(b.as_str().to_owned()),
        };
        let statements = dataset
            .iter()
            .map(|q| Statement {
                subject: node(q.subject),
                predicate: q.predicate.as_str().to_owned(),
                object: match q.object {
                    oxrdf::TermRef::NamedNode(n) => Object::Node(Node::Iri(n.as_str().to_owned())),
                    oxrdf::TermRef::BlankNode(b) => {
                        Object::Node(Node::Blank(b.as_str().to_owned()))
                    }
                    oxrdf::TermRef::Literal(l) => Object::Literal {
                        value: l.value().to_owned(),
                        datatype: l.datatype().as_str().to_owned(),
                        language: l.language().map(str::to_owned),
                    },
                },
                graph: match q.graph_name {
                    oxrdf::GraphNameRef::DefaultGraph => None,
                    oxrdf::GraphNameRef::NamedNode(n) => Some(Node::Iri(n.as_str().to_owned())),
                    oxrdf::GraphNameRef::BlankNode(b) => Some(Node::Blank(b.as_str().to_owned())),
                },
            })
            .collect();
        Dataset::new(statements)
    }

    /// The W3C JSON-LD 1.1 API test suite (`expand` and `toRdf` manifests) through what the
    /// proofs use: the offline loader (the suite's files served as the policy's extra contexts
    /// are), the proofs' handling of the top-level `@context` (taken out and processed first, as
    /// [`Job::process`] does), expansion with the proofs' options or the standard ones, and the
    /// proofs' deserialisation to RDF and RDFC-1.0 ([`canonicalize`]). For
    /// `crate::testing::expand_for_suite` and `to_rdf_for_suite`; verification never calls it.
    ///
    /// What differs from the proofs is only what the suite's tests set: the document's URL and
    /// base IRI (the proofs have none), `expandContext`, and JSON-LD 1.0 processing mode.
    pub(crate) mod conformance {
        use std::cell::RefCell;
        use std::sync::Arc;

        use json_ld::context_processing::{Options as ProcessingOptions, Process};
        use json_ld::syntax::context::Context as ContextSyntax;
        use json_ld::syntax::{ErrorCode, IntoJsonWithContext, TryFromJson};
        use json_ld::{
            Context as ActiveContext, Expand, IriBuf, ProcessingMode, RemoteContextReference,
        };

        use super::{
            canonicalize, non_utf8_percent_escape, proof_expansion_options, Budget, Expanded,
            ExpansionOptions, LdCaches, Limits, OfflineLoader, Output,
        };

        /// The suite hooks' expansion thread: one, kept (they process no cached context).
        fn suite_caches() -> &'static LdCaches {
            static CACHES: std::sync::OnceLock<LdCaches> = std::sync::OnceLock::new();
            CACHES.get_or_init(|| LdCaches::new(0, 1))
        }

        /// One test's input and options.
        pub(crate) struct Request {
            /// The input document's text.
            pub document: String,
            /// The URL the input document was loaded from.
            pub document_url: String,
            /// Documents the loader serves, by exact URL, before the shipped contexts.
            pub documents: Arc<Vec<(String, String)>>,
            /// The proofs' strict expansion policy, or the standard one.
            pub strict: bool,
            /// The `base` option: the base IRI, when not the document's URL.
            pub base: Option<String>,
            /// The `expandContext` option: the URL of a context applied first.
            pub expand_context: Option<String>,
            /// The `processingMode` option `json-ld-1.0`.
            pub json_ld_1_0: bool,
        }

        /// The expanded form of the document, as JSON.
        pub(crate) fn expand(request: Request) -> Result<serde_json::Value, String> {
            run(request, |expanded| {
                Ok(serde_json::Value::Array(
                    expanded
                        .into_iter()
                        .map(|object| object.into_json_with(&()).into_serde_json())
                        .collect(),
                ))
            })
        }

        /// The canonical N-Quads (RDFC-1.0, SHA-256) of the document's dataset, through the
        /// proofs' deserialisation to RDF and canonicalisation.
        pub(crate) fn to_rdf(request: Request) -> Result<String, String> {
            run(request, |expanded| {
                // Under the proofs' default limits and a fresh work budget.
                let limits = Limits::default();
                let budget = Budget::new(limits.max_work);
                canonicalize(expanded, true, "document", &limits, &budget)
                    .map_err(|e| format!("{}: {e}", e.code()))
            })
            .and_then(|output| match output {
                Output::Canonical(canonical) => Ok(canonical.nquads),
                Output::Dataset(_) => {
                    Err("the JSON-LD processor returned no canonical form".into())
                }
            })
        }

        /// `then` after expansion, on the expansion thread, a panic contained as in the proofs.
        fn run<T: Send + 'static>(
            request: Request,
            then: fn(Expanded) -> Result<T, String>,
        ) -> Result<T, String> {
            // Read as the proofs read a credential: serde_json, then json-syntax.
            let document: serde_json::Value = serde_json::from_str(&request.document)
                .map_err(|e| format!("loading document failed: {e}"))?;
            if let Some(bad) = non_utf8_percent_escape(&document) {
                return Err(format!("{bad:?}: a percent-escape that does not decode to UTF-8"));
            }
            suite_caches().run(move || {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    expand_document(document, &request).and_then(then)
                }))
                .unwrap_or_else(|_| Err("the JSON-LD processor panicked".into()))
            })?
        }

        /// An error as `code: message`, the code as the JSON-LD API names it.
        fn coded(code: ErrorCode, message: &dyn std::fmt::Display) -> String {
            format!("{}: {message}", code.as_str())
        }

        fn process(
            context: &ContextSyntax,
            active: &ActiveContext,
            loader: &OfflineLoader<'_>,
            base_url: IriBuf,
            options: ProcessingOptions,
        ) -> Result<ActiveContext, String> {
            pollster::block_on(Box::pin(context.process_full(
                &mut (),
                active,
                loader,
                Some(base_url),
                options,
                (),
            )))
            .map(|processed| processed.processed)
            .map_err(|e| coded(e.code(), &e))
        }

        fn expand_document(
            mut body: serde_json::Value,
            request: &Request,
        ) -> Result<Expanded, String> {
            let iri = |text: &str| {
                IriBuf::new(text.to_owned()).map_err(|_| format!("invalid base IRI: {text}"))
            };
            let document_url = iri(&request.document_url)?;
            let loader = OfflineLoader { extra: &request.documents, missing: RefCell::new(None) };
            let mode = if request.json_ld_1_0 {
                ProcessingMode::JsonLd1_0
            } else {
                ProcessingMode::JsonLd1_1
            };
            let processing = ProcessingOptions { processing_mode: mode, ..Default::default() };
            // The initial active context as the JSON-LD 1.1 API's expand() makes it (the base IRI, then
            // expandContext), and as json-ld's own processor does.
            let base = request
                .base
                .as_deref()
                .map(iri)
                .transpose()?
                .unwrap_or_else(|| document_url.clone());
            let mut active = ActiveContext::new(Some(base.clone()));
            if let Some(url) = &request.expand_context {
                let context = pollster::block_on(Box::pin(
                    RemoteContextReference::Iri(iri(url)?).load_context_with(&mut (), &loader),
                ))
                .map_err(|e| format!("{}: {e}", ErrorCode::LoadingRemoteContextFailed.as_str()))?;
                active = process(context.document(), &active, &loader, base, processing)?;
            }
            // The top-level `@context` as the proofs handle it (`Job::process`, `active_context`):
            // taken out of the document and processed first.
            if let Some(context) = body.as_object_mut().and_then(|o| o.remove("@context")) {
                let syntax =
                    ContextSyntax::try_from_json(json_syntax::Value::from_serde_json(context))
                        .map_err(|e| coded(e.code(), &e))?;
                active = process(&syntax, &active, &loader, document_url.clone(), processing)?;
            }
            let options = ExpansionOptions {
                processing_mode: mode,
                ..if request.strict {
                    proof_expansion_options()
                } else {
                    ExpansionOptions::default()
                }
            };
            let doc = json_syntax::Value::from_serde_json(body);
            pollster::block_on(Box::pin(doc.expand_full(
                &mut (),
                active,
                Some(&document_url),
                &loader,
                options,
                (),
            )))
            .map_err(|e| coded(e.code(), &e))
        }
    }
}

#[cfg(test)]
#[cfg(feature = "ld")]
mod tests {
    use super::*;
    use crate::Policy;

    fn nquads(doc: &str, policy: &Policy) -> Result<String, Error> {
        let value: serde_json::Value = serde_json::from_str(doc).unwrap();
        let budget = Budget::new(policy.limits().max_work);
        canonicalizer(policy.ld_contexts(), *policy.limits(), &budget, policy.caches().ld())
            .unwrap()
            .canonical("doc", &value)
            .map(|c| c.nquads)
    }

    #[test]
    fn vc_di_eddsa_canonical_forms_match_the_published_ones() {
        let policy = Policy::at(chrono::DateTime::UNIX_EPOCH);
        for (signed, canon) in [
            (
                include_str!("../../test-vectors/ld/vc-di-eddsa/eddsa-rdfc-2022-signed.json"),
                include_str!(
                    "../../test-vectors/ld/vc-di-eddsa/eddsa-rdfc-2022/canonDocDataInt.txt"
                ),
            ),
            (
                include_str!("../../test-vectors/ld/vc-di-eddsa/ed25519signature2020-signed.json"),
                include_str!(
                    "../../test-vectors/ld/vc-di-eddsa/Ed25519Signature2020/canonDocEdSig.txt"
                ),
            ),
        ] {
            let mut doc: serde_json::Value = serde_json::from_str(signed).unwrap();
            doc.as_object_mut().unwrap().remove("proof");
            assert_eq!(nquads(&doc.to_string(), &policy).unwrap(), canon);
        }
        for (config, canon) in [
            (
                include_str!(
                    "../../test-vectors/ld/vc-di-eddsa/eddsa-rdfc-2022/proofConfigDataInt.json"
                ),
                include_str!(
                    "../../test-vectors/ld/vc-di-eddsa/eddsa-rdfc-2022/proofCanonDataInt.txt"
                ),
            ),
            (
                include_str!(
                    "../../test-vectors/ld/vc-di-eddsa/Ed25519Signature2020/proofConfigEdSig.json"
                ),
                include_str!(
                    "../../test-vectors/ld/vc-di-eddsa/Ed25519Signature2020/proofCanonEdSig.txt"
                ),
            ),
        ] {
            assert_eq!(nquads(config, &policy).unwrap(), canon);
        }
    }

    #[test]
    fn strict_expansion_and_unknown_contexts() {
        let policy = Policy::at(chrono::DateTime::UNIX_EPOCH);
        // Credentials v1 has no @vocab: an undefined term is refused, not dropped.
        let undefined = r#"{"@context":["https://www.w3.org/2018/credentials/v1"],"type":["VerifiableCredential"],"issuer":"did:example:1","issuanceDate":"2020-01-01T00:00:00Z","credentialSubject":{"id":"did:example:2","undefinedTerm":"x"}}"#;
        assert_eq!(nquads(undefined, &policy).unwrap_err().code(), "field.invalid");
        let unknown = r#"{"@context":["https://example.org/unknown/v1"],"a":"b"}"#;
        let e = nquads(unknown, &policy).unwrap_err();
        assert_eq!(e.code(), "context.unavailable");
        assert!(e.to_string().contains("https://example.org/unknown/v1"));
        // Supplied by the caller, the same context is used.
        let supplied = policy.with_context(
            "https://example.org/unknown/v1",
            r#"{"@context":{"a":"https://example.org/a"}}"#,
        );
        assert_eq!(
            nquads(unknown, &supplied).unwrap(),
            "_:c14n0 <https://example.org/a> \"b\" .\n"
        );
        // A node without an @id still yields its statements (relabelled blank node).
        assert_eq!(
            nquads(
                r#"{"@context":{"a":"https://example.org/a"},"a":"b"}"#,
                &Policy::at(chrono::DateTime::UNIX_EPOCH)
            )
            .unwrap(),
            "_:c14n0 <https://example.org/a> \"b\" .\n"
        );
    }
}

//! Named resource bounds: each has its own error, and reaching one is fatal.

/// Default for [`Limits::max_input_bytes`]: 1 MiB. A Trinsic session with a three-credential
/// `result_vp` is under 20 KiB; a megabyte leaves room for portraits inlined as data URLs.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 1 << 20;
/// Default for [`Limits::max_depth`]: 64 levels of JSON arrays and objects.
pub const DEFAULT_MAX_DEPTH: usize = 64;
/// Default for [`Limits::max_credentials`]: 32 credentials in one presentation.
pub const DEFAULT_MAX_CREDENTIALS: usize = 32;
/// Default for [`Limits::max_evidence_names`]: 64 names in one evidence `names` list.
pub const DEFAULT_MAX_EVIDENCE_NAMES: usize = 64;

/// Default for [`Limits::max_jws_signatures`]: 16 signatures in one JWS JSON serialization.
pub const DEFAULT_MAX_JWS_SIGNATURES: usize = 16;

/// Default for [`Limits::max_proofs`]: 8 proofs on one JSON-LD document. Each proof is checked
/// on its own (a canonicalisation and a key resolution, a BBS+ key expansion), so a proof set is
/// work proportional to its length; honest documents carry one, a proof set two or three.
pub const DEFAULT_MAX_PROOFS: usize = 8;

/// Default for [`Limits::max_statements`]: 10 000 RDF statements in one JSON-LD document. A
/// Trinsic credential is about 40; a transcript of 740 courses, each an achievement with
/// criteria and a result, just under 10 000 (780 are over).
pub const DEFAULT_MAX_STATEMENTS: usize = 10_000;

/// Default for [`Limits::max_blank_nodes`]: 5 000 blank nodes in one canonicalisation. Every node
/// without an `@id` is one: a transcript of 740 courses, each an achievement with criteria and a
/// result and none with an `@id` (as Open Badges 3 writes them), has about 3 000.
pub const DEFAULT_MAX_BLANK_NODES: usize = 5_000;

/// Default for [`Limits::max_term_definitions`]: 4 096 term definitions in one JSON-LD context,
/// its scoped contexts included. The shipped contexts define at most 229 (security v3); schema.org,
/// the largest in common use, about 2 800.
pub const DEFAULT_MAX_TERM_DEFINITIONS: usize = 4_096;

/// Default for [`Limits::max_work`]: 500 000 work units per verification, about half a second
/// of one core on the machine the targets were measured on (README, "Bounded work").
pub const DEFAULT_MAX_WORK: u64 = 500_000;

/// Resource bounds applied while parsing. [`Limits::default`] holds the documented defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, in bytes (`input.too_large`). Default: 1 MiB.
    pub max_input_bytes: usize,
    /// Deepest JSON nesting accepted, arrays and objects counted (`input.too_deep`). Default: 64.
    pub max_depth: usize,
    /// Most credentials in one presentation (`limit.credentials`). Default: 32.
    pub max_credentials: usize,
    /// Most names in one evidence `names` list, and keys in its `token`
    /// (`limit.evidence_names`). Default: 64.
    pub max_evidence_names: usize,
    /// Most signatures in one JWS in the general JSON serialization (`limit.signatures`).
    /// Default: 16.
    pub max_jws_signatures: usize,
    /// Most proofs on one JSON-LD document, a proof set or chain (`limit.proofs`). Default: 8.
    pub max_proofs: usize,
    /// Most RDF statements one JSON-LD document expands to (`limit.statements`). Default: 10 000.
    pub max_statements: usize,
    /// Most blank nodes in one RDF canonicalisation (`limit.blank_nodes`). Default: 5 000.
    pub max_blank_nodes: usize,
    /// Most term definitions in one JSON-LD context, counting those of the contexts scoped to
    /// its terms (`limit.term_definitions`). Default: 4 096.
    pub max_term_definitions: usize,
    /// The work budget of one verification, in the units of README "Bounded work": context
    /// processing, expansion, RDF conversion, canonicalisation and BBS+ key expansion, over every
    /// document and proof of the result (`limit.work`). Default: 500 000.
    pub max_work: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            max_depth: DEFAULT_MAX_DEPTH,
            max_credentials: DEFAULT_MAX_CREDENTIALS,
            max_evidence_names: DEFAULT_MAX_EVIDENCE_NAMES,
            max_jws_signatures: DEFAULT_MAX_JWS_SIGNATURES,
            max_proofs: DEFAULT_MAX_PROOFS,
            max_statements: DEFAULT_MAX_STATEMENTS,
            max_blank_nodes: DEFAULT_MAX_BLANK_NODES,
            max_term_definitions: DEFAULT_MAX_TERM_DEFINITIONS,
            max_work: DEFAULT_MAX_WORK,
        }
    }
}

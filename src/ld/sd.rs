//! The selective-disclosure machinery `ecdsa-sd-2023` and `bbs-2023` share (W3C vc-di-ecdsa
//! section 3.4, "Selective Disclosure Functions"; W3C vc-di-bbs section 3.3-3.4 reuses them):
//! skolemisation, JSON pointer selection (RFC 6901), label replacement after RDFC-1.0 with the
//! HMAC'd or shuffled labels, grouping into mandatory and non-mandatory statements, the
//! mandatory hash, and the CBOR proof values of both suites, parsed strictly.
//!
//! Every canonicalisation goes through the verification's [`Canonicalize`], so it is charged to
//! the work budget as the other suites' are.

use std::collections::{BTreeMap, HashMap, HashSet};

use base64::Engine as _;
use ciborium::Value as Cbor;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::ld::dataset::{Dataset, Node, Object, Statement};
use crate::ld::proof::Canonicalize;

/// The prefix of the IRIs blank nodes are skolemised to (vc-di-ecdsa section 3.4.7, skolemizeExpandedJsonLd).
const SKOLEM_PREFIX: &str = "urn:bnid:";

/// The label prefix of skolemised blank nodes: apart from the JSON-LD processor's own (`b0`,
/// `b1`, ...), so that a node left unskolemised cannot collide with one that was.
const SKOLEM_LABEL: &str = "sk";

/// CBOR tag headers of the proof values (vc-di-ecdsa section 3.5.2 and 3.5.7; vc-di-bbs section
/// 3.3.1 and 3.3.6).
pub(crate) const ECDSA_SD_BASE: [u8; 3] = [0xd9, 0x5d, 0x00];
pub(crate) const ECDSA_SD_DERIVED: [u8; 3] = [0xd9, 0x5d, 0x01];
pub(crate) const BBS_BASE: [u8; 3] = [0xd9, 0x5d, 0x02];
pub(crate) const BBS_DERIVED: [u8; 3] = [0xd9, 0x5d, 0x03];

/// The field every proof value error names.
pub(crate) fn proof_value_field(field: &str) -> String {
    format!("{field}.proofValue")
}

fn bad_value(field: &str, reason: impl Into<String>) -> Error {
    Error::invalid(proof_value_field(field), reason)
}

// ---------------------------------------------------------------------------------------------
// Skolemisation and selection (vc-di-ecdsa sections 3.4.7-3.4.15).
// ---------------------------------------------------------------------------------------------

/// Gives every node object of a compact JSON-LD document an `@id` IRI `urn:bnid:skN`, and
/// replaces blank node identifiers (`_:x`) by such IRIs (skolemizeCompactJsonLd, section
/// 3.4.8). The reference implementation skolemises the expanded form and compacts it again;
/// here the compact form is skolemised in place, so that JSON pointers keep addressing the
/// document as its issuer wrote it. Whether this preserved the document's meaning is checked
/// by the caller (the deskolemised dataset must canonicalise to the document's own).
pub(crate) fn skolemize(document: &Value) -> Value {
    let mut blank_ids: HashMap<String, String> = HashMap::new();
    let mut counter = 0usize;
    let mut out = document.clone();
    skolemize_node(&mut out, &mut blank_ids, &mut counter);
    out
}

fn next_label(counter: &mut usize) -> String {
    let label = format!("{SKOLEM_LABEL}{counter}");
    *counter += 1;
    label
}

fn skolemize_node(value: &mut Value, ids: &mut HashMap<String, String>, counter: &mut usize) {
    match value {
        Value::Array(items) => {
            for item in items {
                skolemize_node(item, ids, counter);
            }
        }
        Value::Object(members) => {
            // A value object states a literal, not a node; a list or set object holds nodes.
            if members.contains_key("@value") {
                return;
            }
            let container = members.contains_key("@list") || members.contains_key("@set");
            if !container {
                let mut has_id = false;
                for key in ["@id", "id"] {
                    if let Some(Value::String(id)) = members.get_mut(key) {
                        has_id = true;
                        if let Some(blank) = id.strip_prefix("_:") {
                            let label = ids
                                .entry(blank.to_owned())
                                .or_insert_with(|| next_label(counter))
                                .clone();
                            *id = format!("{SKOLEM_PREFIX}{label}");
                        }
                    }
                }
                if !has_id {
                    let label = next_label(counter);
                    members.insert("@id".into(), Value::String(format!("{SKOLEM_PREFIX}{label}")));
                }
            }
            for (key, member) in members.iter_mut() {
                if key != "@context" {
                    skolemize_node(member, ids, counter);
                }
            }
        }
        _ => {}
    }
}

/// A statement with its skolem IRIs turned back into blank nodes (toDeskolemizedNQuads,
/// section 3.4.9).
pub(crate) fn deskolemize(dataset: &Dataset) -> Dataset {
    let node = |n: &Node| match n {
        Node::Iri(i) => match i.strip_prefix(SKOLEM_PREFIX) {
            Some(label) => Node::Blank(label.to_owned()),
            None => Node::Iri(i.clone()),
        },
        Node::Blank(b) => Node::Blank(b.clone()),
    };
    Dataset::new(
        dataset
            .statements()
            .iter()
            .map(|s| Statement {
                subject: node(&s.subject),
                predicate: s.predicate.clone(),
                object: match &s.object {
                    Object::Node(n) => Object::Node(node(n)),
                    literal => literal.clone(),
                },
                graph: s.graph.as_ref().map(node),
            })
            .collect(),
    )
}

/// The reference tokens of a JSON pointer (RFC 6901 section 3-4): `~1` is `/`, `~0` is `~`.
///
/// # Errors
/// `field.invalid` for a pointer that is not empty and does not start with `/`, or holds a `~`
/// escape other than `~0` and `~1`.
pub(crate) fn json_pointer_tokens(field: &str, pointer: &str) -> Result<Vec<String>, Error> {
    if pointer.is_empty() {
        return Ok(Vec::new());
    }
    let rest = pointer.strip_prefix('/').ok_or_else(|| {
        bad_value(field, format!("JSON pointer {pointer:?} does not start with /"))
    })?;
    rest.split('/')
        .map(|token| {
            let mut out = String::with_capacity(token.len());
            let mut chars = token.chars();
            while let Some(c) = chars.next() {
                match (c, c == '~') {
                    (_, true) => match chars.next() {
                        Some('0') => out.push('~'),
                        Some('1') => out.push('/'),
                        _ => {
                            return Err(bad_value(
                                field,
                                format!("JSON pointer {pointer:?} has an invalid ~ escape"),
                            ))
                        }
                    },
                    (c, false) => out.push(c),
                }
            }
            Ok(out)
        })
        .collect()
}

/// An array index token (RFC 6901 section 4: digits, no leading zero).
fn array_index(token: &str) -> Option<usize> {
    let digits = token.bytes().all(|b| b.is_ascii_digit());
    if !digits || token.is_empty() || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    token.parse().ok()
}

/// A selection being built: arrays are sparse until the end (section 3.4.13 removes
/// what was not selected).
enum Selection {
    Object(Map<String, Value>, BTreeMap<String, Selection>),
    Array(BTreeMap<usize, Selection>),
    Whole(Value),
}

impl Selection {
    /// createInitialSelection (section 3.4.11): a node's non-blank `id` and its `type`.
    fn initial(source: &Value) -> Selection {
        match source {
            Value::Array(_) => Selection::Array(BTreeMap::new()),
            Value::Object(members) => {
                let mut kept = Map::new();
                for key in ["id", "@id"] {
                    if let Some(Value::String(id)) = members.get(key) {
                        if !id.starts_with("_:") {
                            kept.insert(key.into(), Value::String(id.clone()));
                        }
                    }
                }
                for key in ["type", "@type"] {
                    if let Some(t) = members.get(key) {
                        kept.insert(key.into(), t.clone());
                    }
                }
                Selection::Object(kept, BTreeMap::new())
            }
            other => Selection::Whole(other.clone()),
        }
    }

    fn into_value(self) -> Value {
        match self {
            Selection::Whole(v) => v,
            Selection::Array(items) => {
                Value::Array(items.into_values().map(Selection::into_value).collect())
            }
            Selection::Object(mut kept, children) => {
                for (key, child) in children {
                    kept.insert(key, child.into_value());
                }
                Value::Object(kept)
            }
        }
    }
}

/// selectJsonLd (section 3.4.13): the parts of `document` the JSON pointers select, each node
/// on the way with its `id` and `type`, and the document's `@context`. `None` for no pointers.
///
/// # Errors
/// `field.invalid` naming `proofValue` for a malformed pointer or one that selects nothing.
pub(crate) fn select_json_ld(
    field: &str,
    pointers: &[String],
    document: &Value,
) -> Result<Option<Value>, Error> {
    if pointers.is_empty() {
        return Ok(None);
    }
    let mut root = Selection::initial(document);
    for pointer in pointers {
        let tokens = json_pointer_tokens(field, pointer)?;
        let missing = || {
            bad_value(field, format!("JSON pointer {pointer:?} selects nothing in the document"))
        };
        // The pointer must address a value of the document (selectPaths, section 3.4.12, throws otherwise),
        // whatever was selected before.
        let mut target = document;
        for token in &tokens {
            target = match target {
                Value::Array(items) => array_index(token).and_then(|i| items.get(i)),
                Value::Object(members) => members.get(token.as_str()),
                _ => None,
            }
            .ok_or_else(missing)?;
        }
        let mut source = document;
        let mut selected = &mut root;
        let mut covered = false;
        for token in &tokens {
            // Below what an earlier pointer selected whole: selected already.
            if matches!(selected, Selection::Whole(_)) {
                covered = true;
                break;
            }
            selected = match (source, selected) {
                (Value::Array(items), Selection::Array(children)) => {
                    let (i, value) = array_index(token)
                        .and_then(|i| items.get(i).map(|v| (i, v)))
                        .ok_or_else(missing)?;
                    source = value;
                    children.entry(i).or_insert_with(|| Selection::initial(value))
                }
                (Value::Object(members), Selection::Object(_, children)) => {
                    let value = members.get(token.as_str()).ok_or_else(missing)?;
                    source = value;
                    children.entry(token.clone()).or_insert_with(|| Selection::initial(value))
                }
                _ => return Err(missing()),
            };
        }
        // The pointer's target is selected whole, once: a target an earlier pointer already
        // selected whole is not copied again (a proof value may repeat one pointer, one CBOR
        // byte each, and each copy would be of the whole target).
        if !covered && !matches!(selected, Selection::Whole(_)) {
            *selected = Selection::Whole(source.clone());
        }
    }
    let mut value = root.into_value();
    if let (Value::Object(out), Some(context)) = (&mut value, document.get("@context")) {
        out.insert("@context".into(), context.clone());
    }
    Ok(Some(value))
}

// ---------------------------------------------------------------------------------------------
// Label maps and canonicalisation (sections 3.4.1-3.4.4 and 3.4.14).
// ---------------------------------------------------------------------------------------------

/// `u` + base64url (no padding) of HMAC-SHA-256 over a canonical label (section 3.4.4,
/// createHmacIdLabelMapFunction).
pub(crate) fn hmac_label(key: &ring::hmac::Key, c14n_label: &str) -> String {
    let tag = ring::hmac::sign(key, c14n_label.as_bytes());
    format!("u{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(tag.as_ref()))
}

/// createHmacIdLabelMapFunction's map (section 3.4.4): input label to HMAC'd label.
pub(crate) fn hmac_label_map(
    hmac_key: &[u8],
    issued: &HashMap<String, String>,
) -> HashMap<String, String> {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, hmac_key);
    issued.iter().map(|(input, c14n)| (input.clone(), hmac_label(&key, c14n))).collect()
}

/// createShuffledIdLabelMapFunction's map (vc-di-bbs section 3.2.1): the HMAC'd labels sorted,
/// each input label mapped to `b` and the index of its HMAC'd label in that order.
pub(crate) fn shuffled_label_map(
    hmac_key: &[u8],
    issued: &HashMap<String, String>,
) -> HashMap<String, String> {
    let hmacs = hmac_label_map(hmac_key, issued);
    let mut sorted: Vec<&String> = hmacs.values().collect();
    sorted.sort();
    let rank: HashMap<&String, usize> = sorted.iter().enumerate().map(|(i, l)| (*l, i)).collect();
    hmacs
        .iter()
        .map(|(input, h)| (input.clone(), format!("b{}", rank.get(h).copied().unwrap_or(0))))
        .collect()
}

/// Replaces each blank node label of one canonical N-Quad line by `map`'s (relabelBlankNodes,
/// section 3.4.14). Labels are read only where a term starts, never inside an IRI or a literal.
/// `None` when a label has no replacement.
pub(crate) fn relabel_line(line: &str, map: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::with_capacity(line.len() + 32);
    let mut chars = line.char_indices().peekable();
    let mut term_start = true;
    while let Some((i, c)) = chars.next() {
        match c {
            '<' => {
                out.push(c);
                for (_, c) in chars.by_ref() {
                    out.push(c);
                    if c == '>' {
                        break;
                    }
                }
                term_start = false;
            }
            '"' => {
                out.push(c);
                let mut escaped = false;
                for (_, c) in chars.by_ref() {
                    out.push(c);
                    match (escaped, c) {
                        (false, '\\') => escaped = true,
                        (false, '"') => break,
                        _ => escaped = false,
                    }
                }
                term_start = false;
            }
            '_' if term_start && line.get(i + 1..i + 2) == Some(":") => {
                chars.next();
                let rest = line.get(i + 2..)?;
                let label = rest.split(' ').next()?;
                for _ in label.chars() {
                    chars.next();
                }
                out.push_str("_:");
                out.push_str(&map(label)?);
                term_start = false;
            }
            ' ' => {
                out.push(c);
                term_start = true;
            }
            _ => {
                out.push(c);
                term_start = false;
            }
        }
    }
    Some(out)
}

/// The canonical N-Quads of `document` with each canonical label (`c14nN`) replaced by
/// `label_map`'s, sorted (labelReplacementCanonicalizeJsonLd with createLabelMapFunction,
/// sections 3.4.2 and 3.4.3), and the canonical dataset: what a verifier reads of a derived
/// proof. Every blank node needs a label, and the map must name no other.
///
/// # Errors
/// The canonicaliser's errors; `field.invalid` naming `proofValue` for a label map that misses
/// a blank node of the document or names one it does not have.
pub(crate) fn label_replacement_canonicalize(
    field: &str,
    suite: &str,
    rdfc: &dyn Canonicalize,
    document: &Value,
    label_map: &HashMap<String, String>,
) -> Result<(Vec<String>, Dataset), Error> {
    // A well-formed label map that does not fit the document: the document is not the one the
    // proof was derived for (an edit added or removed a blank node), so the proof fails.
    let mismatch = |reason: &str| Error::ProofInvalid {
        field: field.to_owned(),
        proof_type: suite.to_owned(),
        reason: reason.to_owned(),
    };
    let canonical = rdfc.canonical(field, document)?;
    let mut used: HashSet<&str> = HashSet::new();
    let mut lines = Vec::new();
    for line in canonical.nquads.split_inclusive('\n') {
        let relabelled = relabel_line(line, &|label| label_map.get(label).cloned())
            .ok_or_else(|| mismatch("the label map misses a blank node of the document"))?;
        lines.push(relabelled);
    }
    for statement in canonical.dataset.statements() {
        let object = match &statement.object {
            Object::Node(n) => Some(n),
            Object::Literal { .. } => None,
        };
        for node in
            [Some(&statement.subject), object, statement.graph.as_ref()].into_iter().flatten()
        {
            if let Node::Blank(b) = node {
                used.insert(b.as_str());
            }
        }
    }
    if used.len() != label_map.len() || label_map.keys().any(|k| !used.contains(k.as_str())) {
        return Err(mismatch("the label map names blank nodes the document does not have"));
    }
    lines.sort();
    Ok((lines, canonical.dataset))
}

/// A label map factory (section 3.4.1): from the identifiers RDFC-1.0 issued (input label to
/// `c14nN`), the input label to the label written.
pub(crate) type LabelMapFactory<'a> =
    &'a dyn Fn(&HashMap<String, String>) -> HashMap<String, String>;

/// What canonicalizeAndGroup (section 3.4.16) yields for one group of JSON pointers.
pub(crate) struct Grouped {
    /// The document's canonical N-Quads, relabelled and sorted.
    pub nquads: Vec<String>,
    /// The indexes (into `nquads`) the pointers select.
    pub matching: Vec<usize>,
    /// The others.
    pub non_matching: Vec<usize>,
    /// The canonical dataset of the document (canonical labels).
    pub dataset: Dataset,
}

/// canonicalizeAndGroup (section 3.4.16) for one group, `pointers`: skolemises the document,
/// canonicalises the deskolemised dataset, relabels it with `label_map_factory` (HMAC'd for
/// ecdsa-sd-2023, shuffled for bbs-2023) and sorts it, then splits it by whether the pointers'
/// selection states each statement.
///
/// # Errors
/// The canonicaliser's errors, `field.invalid` for pointers that select nothing, and
/// `field.invalid` when the skolemised document does not state what the document states.
pub(crate) fn canonicalize_and_group(
    field: &str,
    rdfc: &dyn Canonicalize,
    document: &Value,
    label_map_factory: LabelMapFactory<'_>,
    pointers: &[String],
) -> Result<Grouped, Error> {
    let skolemized = skolemize(document);
    let deskolemized = deskolemize(&rdfc.dataset(field, &skolemized)?);
    if let Some(blank) = deskolemized.statements().iter().find_map(|s| match &s.subject {
        Node::Blank(b) if !b.starts_with(SKOLEM_LABEL) => Some(b.clone()),
        _ => None,
    }) {
        return Err(Error::invalid(
            field,
            format!(
                "a node of the document could not be given an identifier to select it by ({blank})"
            ),
        ));
    }
    let canonical = rdfc.canonical_dataset(field, &deskolemized)?;
    // The skolemised document must state what the document states: the statements verified
    // are those the document is read for.
    let own = rdfc.canonical(field, document)?;
    if canonical.lines.concat() != own.nquads {
        return Err(Error::invalid(
            field,
            "the document's blank nodes cannot be identified for selective disclosure",
        ));
    }
    let label_map = label_map_factory(&canonical.issued);
    let by_c14n: HashMap<&str, &str> = canonical
        .issued
        .iter()
        .filter_map(|(input, c14n)| Some((c14n.as_str(), label_map.get(input)?.as_str())))
        .collect();
    let relabel_failed = || Error::invalid(field, "a blank node has no label");
    let mut nquads = canonical
        .lines
        .iter()
        .map(|line| relabel_line(line, &|l| by_c14n.get(l).map(|s| (*s).to_owned())))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(relabel_failed)?;
    nquads.sort();
    let selected: HashSet<String> = match select_json_ld(field, pointers, &skolemized)? {
        None => HashSet::new(),
        Some(selection) => {
            let dataset = deskolemize(&rdfc.dataset(field, &selection)?);
            crate::ld::canon::nquad_lines(&dataset)
                .iter()
                .map(|line| relabel_line(line, &|l| label_map.get(l).cloned()))
                .collect::<Option<HashSet<_>>>()
                .ok_or_else(relabel_failed)?
        }
    };
    let (matching, non_matching) =
        (0..nquads.len()).partition(|i| nquads.get(*i).is_some_and(|line| selected.contains(line)));
    Ok(Grouped { nquads, matching, non_matching, dataset: own.dataset })
}

/// hashMandatoryNQuads (section 3.4.17): SHA-256 of the mandatory N-Quads joined.
pub(crate) fn hash_mandatory<'a>(mandatory: impl IntoIterator<Item = &'a String>) -> [u8; 32] {
    let mut context = ring::digest::Context::new(&ring::digest::SHA256);
    for line in mandatory {
        context.update(line.as_bytes());
    }
    let mut out = [0u8; 32];
    out.copy_from_slice(context.finish().as_ref());
    out
}

/// SHA-256 of the canonical proof configuration, and its dataset: the proof options with the document's
/// `@context` (vc-di-ecdsa sections 3.5.9 and 3.6.4, vc-di-bbs
/// sections 3.3.8 and 3.4.4).
///
/// # Errors
/// The canonicaliser's errors.
pub(crate) fn proof_hash(
    field: &str,
    rdfc: &dyn Canonicalize,
    options: &Map<String, Value>,
    unsecured: &Map<String, Value>,
) -> Result<([u8; 32], Dataset), Error> {
    let mut options = options.clone();
    if let Some(context) = unsecured.get("@context") {
        options.insert("@context".into(), context.clone());
    }
    let canonical = rdfc.canonical(&format!("{field}(options)"), &Value::Object(options))?;
    let mut out = [0u8; 32];
    out.copy_from_slice(
        ring::digest::digest(&ring::digest::SHA256, canonical.nquads.as_bytes()).as_ref(),
    );
    Ok((out, canonical.dataset))
}

/// A derived proof's statements (createVerifyData, vc-di-ecdsa section 3.5.9 and vc-di-bbs
/// section 3.3.8, the steps both suites share): the document canonicalised with the proof's
/// label map, then split by its `mandatoryIndexes` into the mandatory and the non-mandatory
/// statements, with the dataset they state.
///
/// # Errors
/// `proof.invalid` (naming `suite`) when the label map or a mandatory index does not fit the
/// document; the canonicaliser's errors.
pub(crate) fn derived_statements(
    field: &str,
    suite: &str,
    rdfc: &dyn Canonicalize,
    document: &Value,
    label_map: &HashMap<String, String>,
    mandatory_indexes: &[usize],
) -> Result<(Vec<String>, Vec<String>, Dataset), Error> {
    let (nquads, dataset) =
        label_replacement_canonicalize(field, suite, rdfc, document, label_map)?;
    // The indexes are parsed ascending: the last bounds them all.
    if mandatory_indexes.last().is_some_and(|i| *i >= nquads.len()) {
        return Err(Error::ProofInvalid {
            field: field.to_owned(),
            proof_type: suite.to_owned(),
            reason: "a mandatory index is past the document's statements".into(),
        });
    }
    let (mandatory, non_mandatory) = split_by_indexes(&nquads, mandatory_indexes);
    Ok((mandatory, non_mandatory, dataset))
}

/// Refuses proof options that are not a `DataIntegrityProof` of `cryptosuite` (the suite's
/// proof value parsers read nothing else).
///
/// # Errors
/// `field.invalid` naming `type` or `cryptosuite`.
pub(crate) fn expect_cryptosuite(
    field: &str,
    options: &Map<String, Value>,
    cryptosuite: &str,
) -> Result<(), Error> {
    for (member, expected) in [("type", "DataIntegrityProof"), ("cryptosuite", cryptosuite)] {
        if options.get(member).and_then(Value::as_str) != Some(expected) {
            return Err(Error::invalid(format!("{field}.{member}"), format!("not {expected}")));
        }
    }
    Ok(())
}

/// The mandatory and non-mandatory statements of a derived proof's N-Quads, by the proof's
/// `mandatoryIndexes` (vc-di-ecdsa section 3.5.9, createVerifyData).
pub(crate) fn split_by_indexes(
    nquads: &[String],
    mandatory_indexes: &[usize],
) -> (Vec<String>, Vec<String>) {
    let mandatory: HashSet<usize> = mandatory_indexes.iter().copied().collect();
    let (m, n): (Vec<_>, Vec<_>) =
        nquads.iter().enumerate().partition(|(i, _)| mandatory.contains(i));
    (
        m.into_iter().map(|(_, l)| l.clone()).collect(),
        n.into_iter().map(|(_, l)| l.clone()).collect(),
    )
}

// ---------------------------------------------------------------------------------------------
// CBOR proof values (vc-di-ecdsa 3.5.2-3.5.3, 3.5.5-3.5.8; vc-di-bbs 3.3.1-3.3.2, 3.3.4-3.3.7).
// ---------------------------------------------------------------------------------------------

/// The header and the CBOR array of a proof value: multibase base64url (`u`), no padding, a
/// three-byte tag header, one CBOR array of exactly `len` elements and nothing after it.
///
/// # Errors
/// `field.invalid` naming `proofValue`.
pub(crate) fn decode_proof_value(
    field: &str,
    proof_value: &str,
) -> Result<([u8; 3], Vec<Cbor>), Error> {
    let bytes = proof_value
        .strip_prefix('u')
        .and_then(|b| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(b).ok())
        .ok_or_else(|| bad_value(field, "not a base64url multibase (u) value"))?;
    let (header, mut rest) = match bytes.split_first_chunk::<3>() {
        Some((h, r)) if h.starts_with(&[0xd9, 0x5d]) => (*h, r),
        _ => {
            return Err(bad_value(
                field,
                "not a selective-disclosure proof value (CBOR tag 0xd95d..)",
            ))
        }
    };
    let value: Cbor = ciborium::de::from_reader(&mut rest)
        .map_err(|e| bad_value(field, format!("malformed CBOR: {e}")))?;
    if !rest.is_empty() {
        return Err(bad_value(field, "trailing bytes after the CBOR value"));
    }
    match value {
        Cbor::Array(items) => Ok((header, items)),
        _ => Err(bad_value(field, "the CBOR value is not an array")),
    }
}

fn expect_len(field: &str, items: &[Cbor], len: usize) -> Result<(), Error> {
    if items.len() == len {
        Ok(())
    } else {
        Err(bad_value(field, format!("{} CBOR elements where {len} are expected", items.len())))
    }
}

fn bytes(field: &str, what: &str, value: Cbor, len: Option<usize>) -> Result<Vec<u8>, Error> {
    match value {
        Cbor::Bytes(b) if len.is_none_or(|n| b.len() == n) => Ok(b),
        _ => Err(bad_value(
            field,
            match len {
                Some(n) => format!("{what} is not a {n}-byte string"),
                None => format!("{what} is not a byte string"),
            },
        )),
    }
}

fn array(field: &str, what: &str, value: Cbor) -> Result<Vec<Cbor>, Error> {
    match value {
        Cbor::Array(a) => Ok(a),
        _ => Err(bad_value(field, format!("{what} is not an array"))),
    }
}

fn unsigned(field: &str, what: &str, value: &Cbor) -> Result<usize, Error> {
    match value {
        Cbor::Integer(i) => u64::try_from(*i)
            .ok()
            .and_then(|i| usize::try_from(i).ok())
            .ok_or_else(|| bad_value(field, format!("{what} is not an unsigned integer"))),
        _ => Err(bad_value(field, format!("{what} is not an unsigned integer"))),
    }
}

/// Indexes, strictly ascending.
fn indexes(field: &str, what: &str, value: Cbor) -> Result<Vec<usize>, Error> {
    let out = array(field, what, value)?
        .iter()
        .map(|v| unsigned(field, what, v))
        .collect::<Result<Vec<_>, _>>()?;
    if out.windows(2).any(|w| matches!(w, [a, b] if a >= b)) {
        return Err(bad_value(field, format!("{what} are not sorted ascending without repeats")));
    }
    Ok(out)
}

fn pointers(field: &str, value: Cbor) -> Result<Vec<String>, Error> {
    array(field, "mandatoryPointers", value)?
        .into_iter()
        .map(|p| match p {
            Cbor::Text(t) => Ok(t),
            _ => Err(bad_value(field, "a mandatory pointer is not a text string")),
        })
        .collect()
}

/// A compressed label map (section 3.5.5/3.5.6): integer keys `N` for `c14nN`, each once, with
/// values through `value`; the decompressed labels must be distinct.
fn label_map(
    field: &str,
    value: Cbor,
    decompress: &dyn Fn(Cbor) -> Option<String>,
) -> Result<HashMap<String, String>, Error> {
    let Cbor::Map(entries) = value else {
        return Err(bad_value(field, "the label map is not a CBOR map"));
    };
    let mut out = HashMap::new();
    let mut labels = HashSet::new();
    for (k, v) in entries {
        let key = match &k {
            Cbor::Integer(_) => unsigned(field, "a label map key (c14nN)", &k)?,
            _ => return Err(bad_value(field, "a label map key is not an integer (c14nN)")),
        };
        let label =
            decompress(v).ok_or_else(|| bad_value(field, "a label map value is malformed"))?;
        if !labels.insert(label.clone()) {
            return Err(bad_value(field, "two blank nodes share a label in the label map"));
        }
        if out.insert(format!("c14n{key}"), label).is_some() {
            return Err(bad_value(field, "a label map key is repeated"));
        }
    }
    Ok(out)
}

/// An ecdsa-sd-2023 base proof value (section 3.5.2, serializeBaseProofValue).
#[derive(Debug)]
pub(crate) struct EcdsaBase {
    pub base_signature: Vec<u8>,
    /// The ephemeral key, multikey-encoded (`0x80 0x24` and a compressed P-256 point).
    pub public_key: Vec<u8>,
    pub hmac_key: Vec<u8>,
    pub signatures: Vec<Vec<u8>>,
    pub mandatory_pointers: Vec<String>,
}

/// An ecdsa-sd-2023 derived proof value (section 3.5.7, serializeDerivedProofValue).
#[derive(Debug)]
pub(crate) struct EcdsaDerived {
    pub base_signature: Vec<u8>,
    pub public_key: Vec<u8>,
    pub signatures: Vec<Vec<u8>>,
    /// `c14nN` to HMAC'd label (`u` + base64url).
    pub label_map: HashMap<String, String>,
    pub mandatory_indexes: Vec<usize>,
}

/// An ecdsa-sd-2023 proof value.
#[derive(Debug)]
pub(crate) enum EcdsaProofValue {
    Base(EcdsaBase),
    Derived(EcdsaDerived),
}

/// Multikey P-256 public key length: the `0x80 0x24` header and a compressed point.
const P256_MULTIKEY_LEN: usize = 35;

/// parseBaseProofValue / parseDerivedProofValue (sections 3.5.3 and 3.5.8).
///
/// # Errors
/// `field.invalid` naming `proofValue` for anything but the exact shapes.
pub(crate) fn parse_ecdsa(field: &str, proof_value: &str) -> Result<EcdsaProofValue, Error> {
    let (header, items) = decode_proof_value(field, proof_value)?;
    let signatures = |v: Cbor| -> Result<Vec<Vec<u8>>, Error> {
        array(field, "signatures", v)?
            .into_iter()
            .map(|s| bytes(field, "a signature", s, Some(64)))
            .collect()
    };
    let public_key = |v: Cbor| -> Result<Vec<u8>, Error> {
        let key = bytes(field, "publicKey", v, Some(P256_MULTIKEY_LEN))?;
        if !key.starts_with(&[0x80, 0x24]) {
            return Err(bad_value(field, "publicKey is not a multikey P-256 key"));
        }
        Ok(key)
    };
    match header {
        ECDSA_SD_BASE => {
            expect_len(field, &items, 5)?;
            let mut it = items.into_iter();
            let mut next = || it.next().unwrap_or(Cbor::Null);
            Ok(EcdsaProofValue::Base(EcdsaBase {
                base_signature: bytes(field, "baseSignature", next(), Some(64))?,
                public_key: public_key(next())?,
                hmac_key: bytes(field, "hmacKey", next(), Some(32))?,
                signatures: signatures(next())?,
                mandatory_pointers: pointers(field, next())?,
            }))
        }
        ECDSA_SD_DERIVED => {
            expect_len(field, &items, 5)?;
            let mut it = items.into_iter();
            let mut next = || it.next().unwrap_or(Cbor::Null);
            let base_signature = bytes(field, "baseSignature", next(), Some(64))?;
            let public_key = public_key(next())?;
            let signatures = signatures(next())?;
            let label_map = label_map(field, next(), &|v| match v {
                Cbor::Bytes(b) if b.len() == 32 => {
                    Some(format!("u{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)))
                }
                _ => None,
            })?;
            let mandatory_indexes = indexes(field, "mandatoryIndexes", next())?;
            Ok(EcdsaProofValue::Derived(EcdsaDerived {
                base_signature,
                public_key,
                signatures,
                label_map,
                mandatory_indexes,
            }))
        }
        _ => {
            Err(bad_value(field, "not an ecdsa-sd-2023 proof value (header 0xd95d00 or 0xd95d01)"))
        }
    }
}

/// A bbs-2023 base proof value (vc-di-bbs section 3.3.1, serializeBaseProofValue).
#[derive(Debug)]
pub(crate) struct BbsBase {
    pub bbs_signature: Vec<u8>,
    pub bbs_header: Vec<u8>,
    pub public_key: Vec<u8>,
    pub hmac_key: Vec<u8>,
    pub mandatory_pointers: Vec<String>,
}

/// A bbs-2023 derived proof value (vc-di-bbs section 3.3.6, serializeDerivedProofValue).
#[derive(Debug)]
pub(crate) struct BbsDerived {
    pub bbs_proof: Vec<u8>,
    /// `c14nN` to `bM`.
    pub label_map: HashMap<String, String>,
    pub mandatory_indexes: Vec<usize>,
    pub selective_indexes: Vec<usize>,
    pub presentation_header: Vec<u8>,
}

/// A bbs-2023 proof value.
#[derive(Debug)]
pub(crate) enum BbsProofValue {
    Base(BbsBase),
    Derived(BbsDerived),
}

/// The optional bbs-2023 feature a header names (vc-di-bbs sections 3.3.1, 3.3.6 and 4: its
/// `featureOption`), for headers this build parses but cannot check. A header the specification
/// does not define (0x0a and up included) is no feature: refused as malformed, never "could not
/// check" (an unknown construct fails closed).
fn bbs_feature(header: [u8; 3]) -> Option<&'static str> {
    match header {
        [0xd9, 0x5d, 0x04] => Some("anonymous_holder_binding (base proof)"),
        [0xd9, 0x5d, 0x05] => Some("anonymous_holder_binding (derived proof)"),
        [0xd9, 0x5d, 0x06] => Some("pseudonym (base proof)"),
        [0xd9, 0x5d, 0x07] => Some("pseudonym (derived proof)"),
        [0xd9, 0x5d, 0x08] => Some("holder_binding_pseudonym (base proof)"),
        [0xd9, 0x5d, 0x09] => Some("holder_binding_pseudonym (derived proof)"),
        _ => None,
    }
}

/// The suite name of bbs-2023 proofs in errors.
pub(crate) const BBS_2023: &str = "DataIntegrityProof/bbs-2023";

/// parseBaseProofValue / parseDerivedProofValue of vc-di-bbs (sections 3.3.2 and 3.3.7), the
/// baseline only.
///
/// # Errors
/// `field.invalid` naming `proofValue` for anything but the exact shapes; `proof.not_checked`
/// naming the feature for the holder-binding and pseudonym variants (headers 0x04-0x09).
pub(crate) fn parse_bbs(field: &str, proof_value: &str) -> Result<BbsProofValue, Error> {
    let (header, items) = decode_proof_value(field, proof_value)?;
    match header {
        BBS_BASE => {
            expect_len(field, &items, 5)?;
            let mut it = items.into_iter();
            let mut next = || it.next().unwrap_or(Cbor::Null);
            Ok(BbsProofValue::Base(BbsBase {
                bbs_signature: bytes(field, "bbsSignature", next(), Some(80))?,
                bbs_header: bytes(field, "bbsHeader", next(), Some(64))?,
                public_key: bytes(field, "publicKey", next(), Some(96))?,
                hmac_key: bytes(field, "hmacKey", next(), Some(32))?,
                mandatory_pointers: pointers(field, next())?,
            }))
        }
        BBS_DERIVED => {
            expect_len(field, &items, 5)?;
            let mut it = items.into_iter();
            let mut next = || it.next().unwrap_or(Cbor::Null);
            let bbs_proof = bytes(field, "bbsProof", next(), None)?;
            let label_map = label_map(field, next(), &|v| match &v {
                Cbor::Integer(i) => u64::try_from(*i).ok().map(|i| format!("b{i}")),
                _ => None,
            })?;
            Ok(BbsProofValue::Derived(BbsDerived {
                bbs_proof,
                label_map,
                mandatory_indexes: indexes(field, "mandatoryIndexes", next())?,
                selective_indexes: indexes(field, "selectiveIndexes", next())?,
                presentation_header: bytes(field, "presentationHeader", next(), None)?,
            }))
        }
        other => match bbs_feature(other) {
            Some(feature) => Err(Error::ProofNotChecked {
                field: field.to_owned(),
                proof_type: BBS_2023.to_owned(),
                reason: format!("the bbs-2023 feature {feature} is not supported"),
            }),
            None => Err(bad_value(field, "not a bbs-2023 proof value (header 0xd95d02-0xd95d0b)")),
        },
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

    use serde_json::json;

    use super::*;

    #[test]
    fn skolemisation_names_every_node_and_deskolemisation_undoes_it() {
        let doc = json!({
            "@context": {"a": "https://e.org/a"},
            "id": "https://e.org/root",
            "a": [{"a": "x"}, {"id": "_:n", "a": {"@value": "v"}}, {"@list": [{"a": 1}]}],
            "b": {"id": "_:n"}
        });
        let s = skolemize(&doc);
        assert_eq!(s["id"], "https://e.org/root");
        assert_eq!(s["a"][0]["@id"], "urn:bnid:sk0");
        assert_eq!(s["a"][1]["id"], "urn:bnid:sk1");
        // The same blank node identifier, the same skolem IRI; value and list objects untouched.
        assert_eq!(s["b"]["id"], "urn:bnid:sk1");
        assert_eq!(s["a"][1]["a"], json!({"@value": "v"}));
        assert!(s["a"][2].get("@id").is_none());
        assert_eq!(s["a"][2]["@list"][0]["@id"], "urn:bnid:sk2");
        assert_eq!(s["@context"], doc["@context"]);
        let dataset = Dataset::new(vec![Statement {
            subject: Node::Iri("urn:bnid:sk0".into()),
            predicate: "https://e.org/a".into(),
            object: Object::Node(Node::Iri("https://e.org/urn:bnid:x".into())),
            graph: Some(Node::Iri("urn:bnid:sk1".into())),
        }]);
        let d = deskolemize(&dataset);
        let s = &d.statements()[0];
        assert_eq!(s.subject, Node::Blank("sk0".into()));
        assert_eq!(s.object, Object::Node(Node::Iri("https://e.org/urn:bnid:x".into())));
        assert_eq!(s.graph, Some(Node::Blank("sk1".into())));
    }

    #[test]
    fn json_pointers_follow_rfc_6901() {
        assert_eq!(json_pointer_tokens("p", "").unwrap(), Vec::<String>::new());
        assert_eq!(json_pointer_tokens("p", "/a~1b/c~0d/0").unwrap(), ["a/b", "c~d", "0"]);
        assert_eq!(json_pointer_tokens("p", "/").unwrap(), [""]);
        for bad in ["a", "/a~2", "/a~"] {
            let e = json_pointer_tokens("p", bad).unwrap_err();
            assert_eq!(e.code(), "field.invalid");
            assert!(e.to_string().contains("p.proofValue"));
        }
        assert_eq!(array_index("0"), Some(0));
        assert_eq!(array_index("12"), Some(12));
        assert_eq!(array_index("01"), None);
        assert_eq!(array_index("-1"), None);
        assert_eq!(array_index(""), None);
    }

    #[test]
    fn selection_keeps_ids_types_and_selected_array_elements_in_order() {
        let doc = json!({
            "@context": ["https://c.example"],
            "id": "urn:x:1",
            "type": "T",
            "name": "n",
            "s": {"id": "_:b0", "type": ["U"], "k": [{"id": "urn:e:0", "v": 0}, {"v": 1}, {"v": 2}], "q": "q"}
        });
        let pointers =
            |ps: &[&str]| -> Vec<String> { ps.iter().map(|p| (*p).to_owned()).collect() };
        assert_eq!(select_json_ld("p", &[], &doc).unwrap(), None);
        let sel = select_json_ld("p", &pointers(&["/s/k/2/v", "/s/k/0"]), &doc).unwrap().unwrap();
        assert_eq!(
            sel,
            json!({
                "@context": ["https://c.example"],
                "id": "urn:x:1",
                "type": "T",
                // A blank node identifier is not kept; the type is.
                "s": {"type": ["U"], "k": [{"id": "urn:e:0", "v": 0}, {"v": 2}]}
            })
        );
        // An ancestor selected whole covers later pointers below it, in either order.
        let a = select_json_ld("p", &pointers(&["/s", "/s/k/1/v"]), &doc).unwrap().unwrap();
        let b = select_json_ld("p", &pointers(&["/s/k/1/v", "/s"]), &doc).unwrap().unwrap();
        assert_eq!(a, b);
        assert_eq!(a["s"], doc["s"]);
        // Pointers to nothing, and through a literal, are refused.
        for bad in ["/nothing", "/s/k/3", "/s/k/01", "/name/x", "/s/k/x"] {
            let e = select_json_ld("p", &pointers(&[bad]), &doc).unwrap_err();
            assert_eq!(e.code(), "field.invalid", "{bad}");
        }
        // Even below what an earlier pointer selected whole.
        assert!(select_json_ld("p", &pointers(&["/s", "/s/nothing"]), &doc).is_err());
    }

    #[test]
    fn relabelling_reads_labels_only_where_terms_start() {
        let map = |l: &str| match l {
            "c14n0" => Some("uA".to_owned()),
            "c14n1" => Some("uB".to_owned()),
            _ => None,
        };
        assert_eq!(
            relabel_line(
                "_:c14n0 <https://e.org/_:c14n1> \"_:c14n1 \\\" _:c14n0\" _:c14n1 .\n",
                &map
            )
            .unwrap(),
            "_:uA <https://e.org/_:c14n1> \"_:c14n1 \\\" _:c14n0\" _:uB .\n"
        );
        assert_eq!(
            relabel_line("_:c14n0 <p> \"x\"@en _:c14n1 .\n", &map).unwrap(),
            "_:uA <p> \"x\"@en _:uB .\n"
        );
        assert_eq!(relabel_line("_:c14n2 <p> <o> .\n", &map), None);
    }

    #[test]
    fn hmac_and_shuffled_labels() {
        // W3C vc-di-ecdsa, prc: the card node is c14n0 in addBaseDocCanon.json and
        // u4YIOZn1... in addBaseDocHMACCanon.json.
        let key = hex::decode("00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF")
            .unwrap();
        let issued: HashMap<String, String> =
            [("x".to_owned(), "c14n0".to_owned()), ("y".to_owned(), "c14n1".to_owned())].into();
        let hmac = hmac_label_map(&key, &issued);
        assert_eq!(hmac["x"], "u4YIOZn1MHES1Z4Ij2hWZG3R4dEYBqg5fHTyDEvYhC38");
        // Shuffled: b + the rank of the HMAC'd label.
        let shuffled = shuffled_label_map(&key, &issued);
        let (x, y) = (&hmac["x"], &hmac["y"]);
        assert_eq!(shuffled["x"], if x < y { "b0" } else { "b1" });
        assert_eq!(shuffled["y"], if x < y { "b1" } else { "b0" });
    }

    fn derived_bbs() -> (String, Vec<Cbor>) {
        let doc: Value = serde_json::from_str(include_str!(
            "../../test-vectors/ld/vc-di-bbs-2023/derivedRevealDocument.json"
        ))
        .unwrap();
        let pv = doc["proof"]["proofValue"].as_str().unwrap().to_owned();
        let (_, items) = decode_proof_value("proof", &pv).unwrap();
        (pv, items)
    }

    fn encode(header: [u8; 3], items: Vec<Cbor>) -> String {
        let mut bytes = header.to_vec();
        ciborium::ser::into_writer(&Cbor::Array(items), &mut bytes).unwrap();
        format!("u{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
    }

    #[test]
    fn bbs_proof_values_are_parsed_strictly() {
        let (pv, items) = derived_bbs();
        let BbsProofValue::Derived(d) = parse_bbs("proof", &pv).unwrap() else { panic!() };
        assert_eq!(d.selective_indexes, [3, 4, 5, 8, 9, 10]);
        assert_eq!(d.presentation_header, [0x11, 0x33, 0x77, 0xaa]);
        let refused = |items: Vec<Cbor>| {
            let e = parse_bbs("proof", &encode(BBS_DERIVED, items)).unwrap_err();
            assert_eq!(e.code(), "field.invalid", "{e}");
            assert!(e.to_string().contains("proof.proofValue"), "{e}");
        };
        let mut t = items.clone();
        t.pop();
        refused(t);
        let mut t = items.clone();
        let Cbor::Map(m) = &mut t[1] else { panic!() };
        m[0].1 = Cbor::Bytes(vec![1]);
        refused(t);
        let mut t = items.clone();
        let Cbor::Map(m) = &mut t[1] else { panic!() };
        m[0].0 = Cbor::Text("c14n0".into());
        refused(t);
        let mut t = items.clone();
        let Cbor::Map(m) = &mut t[1] else { panic!() };
        m[1].1 = m[0].1.clone();
        refused(t);
        let mut t = items.clone();
        t[3] = Cbor::Array(vec![Cbor::Integer(5.into()), Cbor::Integer(3.into())]);
        refused(t);
        let mut t = items.clone();
        t[2] = Cbor::Array(vec![Cbor::Integer((-1).into())]);
        refused(t);
        // An ecdsa-sd-2023 header is not a bbs-2023 proof value, nor the other way round.
        let e = parse_bbs("proof", &encode(ECDSA_SD_DERIVED, items.clone())).unwrap_err();
        assert_eq!(e.code(), "field.invalid");
        let e = parse_ecdsa("proof", &encode(BBS_DERIVED, items)).unwrap_err();
        assert_eq!(e.code(), "field.invalid");
        // An unknown feature header.
        let e = parse_bbs("proof", &encode([0xd9, 0x5d, 0x0c], vec![])).unwrap_err();
        assert_eq!(e.code(), "field.invalid");
        let e = parse_bbs("proof", &encode([0xd9, 0x5d, 0x0a], vec![])).unwrap_err();
        assert_eq!(e.code(), "field.invalid");
        let e = parse_bbs("proof", &encode([0xd9, 0x5d, 0x09], vec![])).unwrap_err();
        assert_eq!(e.code(), "proof.not_checked");
    }
}

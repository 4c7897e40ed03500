//! What a JSON-LD document will cost to expand and canonicalise, known before the work is done
//! ([`crate::budget`]): the term definitions its contexts process, the JSON values expansion
//! visits, and a bound on the work of RDFC-1.0's "hash N-degree quads".

use std::collections::HashMap;

use serde_json::Value;

use crate::budget::{BYTES_PER_UNIT, UNITS_PER_JSON_VALUE, UNITS_PER_TERM_DEFINITION};
use crate::error::Error;

/// Deepest chain of contexts followed (a context naming another by URL, `@import`, a scoped
/// context inside a scoped context). A deeper one is refused (`limit.context_depth`): left
/// uncounted, a chain of 80 supplied contexts processed 258 000 terms uncharged (a review
/// measured 2.3 s and 705 MiB). A context that names itself is counted once per URL.
pub(crate) const MAX_CONTEXT_NESTING: usize = 16;

/// Counts the term definitions contexts process, and remembers which terms carry a scoped
/// context and how large it is: those are processed again for every node they apply to.
pub(crate) struct ContextCounter<'a> {
    /// A context URL's document, parsed, if the loader serves it.
    source: &'a dyn Fn(&str) -> Option<Value>,
    field: &'a str,
    max_terms: usize,
    /// Terms processed by each URL's context, counted once.
    urls: HashMap<String, u64>,
    /// Term name to the size of the context scoped to it (the largest, if defined more than once).
    pub scoped: HashMap<String, u64>,
    /// The context counted with the most term definitions, and their number.
    pub largest: (String, u64),
}

impl<'a> ContextCounter<'a> {
    pub(crate) fn new(
        source: &'a dyn Fn(&str) -> Option<Value>,
        field: &'a str,
        max_terms: usize,
        scoped: HashMap<String, u64>,
    ) -> Self {
        ContextCounter {
            source,
            field,
            max_terms,
            urls: HashMap::new(),
            scoped,
            largest: (String::new(), 0),
        }
    }

    /// The term definitions processing `context` (a `@context` value) defines, scoped ones
    /// included.
    ///
    /// # Errors
    /// `limit.term_definitions` for a context document, or an embedded context, over the limit.
    pub(crate) fn context(&mut self, context: &Value) -> Result<u64, Error> {
        self.value(context, "(embedded)", 0)
    }

    fn value(&mut self, context: &Value, name: &str, depth: usize) -> Result<u64, Error> {
        if depth > MAX_CONTEXT_NESTING {
            return Err(Error::ContextTooDeep {
                field: self.field.to_owned(),
                context: name.to_owned(),
                limit: MAX_CONTEXT_NESTING,
            });
        }
        match context {
            Value::String(url) => self.url(url, depth),
            Value::Array(items) => items
                .iter()
                .try_fold(0u64, |n, item| Ok(n.saturating_add(self.value(item, name, depth)?))),
            Value::Object(definitions) => {
                let count = self.definitions(definitions, depth)?;
                self.within_limit(name, count)?;
                Ok(count)
            }
            _ => Ok(0),
        }
    }

    fn url(&mut self, url: &str, depth: usize) -> Result<u64, Error> {
        if let Some(count) = self.urls.get(url) {
            return Ok(*count);
        }
        // A context the loader cannot serve costs nothing here: expansion names it
        // (`context.unavailable`).
        let count = match (self.source)(url) {
            Some(Value::Object(mut document)) => match document.remove("@context") {
                Some(context) => self.value(&context, url, depth + 1)?,
                None => 0,
            },
            _ => 0,
        };
        self.within_limit(url, count)?;
        self.urls.insert(url.to_owned(), count);
        Ok(count)
    }

    fn definitions(
        &mut self,
        definitions: &serde_json::Map<String, Value>,
        depth: usize,
    ) -> Result<u64, Error> {
        let mut count = 0u64;
        for (term, definition) in definitions {
            if term == "@import" {
                count = count.saturating_add(self.value(definition, "(imported)", depth + 1)?);
            }
            if term.starts_with('@') {
                continue;
            }
            count = count.saturating_add(1);
            if let Some(scoped) = definition.get("@context") {
                let size = self.value(scoped, term, depth + 1)?;
                count = count.saturating_add(size);
                let entry = self.scoped.entry(term.clone()).or_insert(0);
                *entry = (*entry).max(size);
            }
        }
        Ok(count)
    }

    fn within_limit(&mut self, context: &str, count: u64) -> Result<(), Error> {
        if count > self.largest.1 {
            self.largest = (context.to_owned(), count);
        }
        term_limit(self.field, context, count, self.max_terms)
    }

    /// The work units expanding `body` (a document without its top-level `@context`) costs:
    /// each JSON value and the text it carries, each embedded context it processes, and each
    /// scoped context applied.
    /// A scoped context is charged wherever its term is used as a member name (a property-scoped
    /// context) or appears as a string (a type-scoped one, applied for each `@type` value):
    /// a string that is not a type is over-charged, never a type under-charged.
    ///
    /// # Errors
    /// As [`ContextCounter::context`].
    pub(crate) fn expansion_units(&mut self, body: &Value) -> Result<u64, Error> {
        let mut units = 0u64;
        // Text copied into the expanded document: each value's member name (its predicate) and
        // each string.
        let mut bytes = 0u64;
        let mut stack: Vec<(&Value, usize)> = vec![(body, 0)];
        while let Some((value, name_len)) = stack.pop() {
            units = units.saturating_add(UNITS_PER_JSON_VALUE);
            bytes = bytes.saturating_add(crate::budget::units(name_len, 1));
            match value {
                Value::Object(members) => {
                    if let Some(context) = members.get("@context") {
                        let terms = self.context(context)?;
                        units =
                            units.saturating_add(terms.saturating_mul(UNITS_PER_TERM_DEFINITION));
                    }
                    for (name, member) in members {
                        if name == "@context" {
                            continue;
                        }
                        units = units.saturating_add(self.scoped_units(name));
                        stack.push((member, name.len()));
                    }
                }
                Value::Array(items) => stack.extend(items.iter().map(|item| (item, name_len))),
                Value::String(s) => {
                    units = units.saturating_add(self.scoped_units(s));
                    bytes = bytes.saturating_add(crate::budget::units(s.len(), 1));
                }
                _ => {}
            }
        }
        Ok(units.saturating_add(bytes / BYTES_PER_UNIT))
    }

    fn scoped_units(&self, term: &str) -> u64 {
        self.scoped.get(term).map_or(0, |size| size.saturating_mul(UNITS_PER_TERM_DEFINITION))
    }
}

/// `limit.term_definitions` when `context` defines more than `max_terms` terms (`count`, its
/// scoped contexts included).
pub(crate) fn term_limit(
    field: &str,
    context: &str,
    count: u64,
    max_terms: usize,
) -> Result<(), Error> {
    match usize::try_from(count) {
        Ok(n) if n <= max_terms => Ok(()),
        _ => Err(Error::TooManyTermDefinitions {
            field: field.to_owned(),
            context: context.to_owned(),
            count: usize::try_from(count).unwrap_or(usize::MAX),
            limit: max_terms,
        }),
    }
}

/// A bound on RDFC-1.0's "hash N-degree quads" (section 4.8.3) for a dataset: how many blank
/// nodes share their first-degree hash with another (each costs at least one call), and an
/// upper bound on the steps of any one call, its recursive calls not counted.
///
/// One call for blank node `n` considers each quad of `n` (a hash each), groups the blank nodes
/// related to `n` by "hash related blank node" (section 4.8.2: position, predicate, and the
/// related node's issued identifier or else its first-degree hash), and tries every permutation
/// of each group. Grouping by position, predicate and first-degree hash alone gives groups no
/// smaller than the algorithm's (a node with an issued identifier only leaves its group), so a
/// group of `k` costs at most `k!` permutations of `k` steps each (its path is rebuilt per step:
/// `k * k`). The call also copies its path issuer once, and again for every permutation
/// (rdf-canon clones it); the issuer holds at most the blank nodes connected to `n`. Steps:
/// Each quad of `n` hashes the related nodes of the quad, and a related node without an
/// identifier is hashed in first degree again, all its quads. Steps:
/// `8 * (quads + quads of related shared nodes) + sum(k! * k * k) + 2 * connected * (1 + sum(k!))`,
/// each step a few hundred instructions ([`crate::budget::HNDQ_STEPS_PER_UNIT`]).
#[cfg(feature = "ld")]
pub(crate) fn hndq_bound(dataset: &oxrdf::Dataset) -> (usize, u64) {
    use oxrdf::{GraphNameRef, SubjectRef, TermRef};

    fn blank_of_subject(s: SubjectRef<'_>) -> Option<&str> {
        match s {
            SubjectRef::BlankNode(b) => Some(b.as_str()),
            _ => None,
        }
    }
    fn blank_of_object(o: TermRef<'_>) -> Option<&str> {
        match o {
            TermRef::BlankNode(b) => Some(b.as_str()),
            _ => None,
        }
    }
    fn blank_of_graph(g: GraphNameRef<'_>) -> Option<&str> {
        match g {
            GraphNameRef::BlankNode(b) => Some(b.as_str()),
            _ => None,
        }
    }
    /// The representative of `i`'s set (union-find with path halving).
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while let Some(&p) = parent.get(i) {
            if p == i {
                break;
            }
            let grand = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(i) {
                *slot = grand;
            }
            i = grand;
        }
        i
    }

    let quads: Vec<oxrdf::QuadRef<'_>> = dataset.iter().collect();
    // Blank node to the quads it is a component of (RDFC-1.0 section 4.4.3 step 2).
    let mut quads_of: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut parent: Vec<usize> = Vec::new();
    for (i, q) in quads.iter().enumerate() {
        let mut seen: [Option<&str>; 3] =
            [blank_of_subject(q.subject), blank_of_object(q.object), blank_of_graph(q.graph_name)];
        // A node twice in one quad is listed once.
        if seen[1] == seen[0] {
            seen[1] = None;
        }
        if seen[2] == seen[0] || seen[2] == seen[1] {
            seen[2] = None;
        }
        let mut first: Option<usize> = None;
        for b in seen.into_iter().flatten() {
            quads_of.entry(b).or_default().push(i);
            let next = index.len();
            let id = *index.entry(b).or_insert(next);
            if id == parent.len() {
                parent.push(id);
            }
            // Blank nodes of one quad are connected: a recursion can reach one from the other.
            if let Some(f) = first {
                let (a, b) = (find(&mut parent, f), find(&mut parent, id));
                if let Some(slot) = parent.get_mut(a) {
                    *slot = b;
                }
            } else {
                first = Some(id);
            }
        }
    }
    let mut component_size: HashMap<usize, u64> = HashMap::new();
    for id in 0..parent.len() {
        *component_size.entry(find(&mut parent, id)).or_insert(0) += 1;
    }
    // First-degree classes (section 4.6.3): the sorted quads with the node as `_:a` and every
    // other blank node as `_:z`; nodes with equal lists have equal first-degree hashes.
    let label = |b: &str, n: &str| if b == n { "_:a" } else { "_:z" };
    let mut class_of: HashMap<&str, usize> = HashMap::with_capacity(quads_of.len());
    let mut classes: HashMap<Vec<String>, usize> = HashMap::new();
    let mut class_sizes: Vec<usize> = Vec::new();
    for (n, mine) in &quads_of {
        let mut lines: Vec<String> = mine
            .iter()
            .filter_map(|i| quads.get(*i))
            .map(|q| {
                let s = blank_of_subject(q.subject)
                    .map_or_else(|| q.subject.to_string(), |b| label(b, n).to_owned());
                let o = blank_of_object(q.object)
                    .map_or_else(|| q.object.to_string(), |b| label(b, n).to_owned());
                let g = match q.graph_name {
                    GraphNameRef::DefaultGraph => String::new(),
                    other => blank_of_graph(other)
                        .map_or_else(|| other.to_string(), |b| label(b, n).to_owned()),
                };
                format!("{s} {} {o} {g}", q.predicate)
            })
            .collect();
        lines.sort_unstable();
        let next = classes.len();
        let class = *classes.entry(lines).or_insert(next);
        if class == class_sizes.len() {
            class_sizes.push(0);
        }
        if let Some(size) = class_sizes.get_mut(class) {
            *size += 1;
        }
        class_of.insert(n, class);
    }
    let shared =
        |n: &str| class_of.get(n).and_then(|c| class_sizes.get(*c)).is_some_and(|size| *size > 1);
    let mut non_unique = 0usize;
    let mut max_steps = 0u64;
    for (n, mine) in &quads_of {
        if !shared(n) {
            continue;
        }
        non_unique += 1;
        let mut groups: HashMap<(u8, &str, usize), u64> = HashMap::new();
        // "Hash related blank node" (section 4.8.2) hashes a related node that has no identifier
        // yet in first degree, again for every quad relating it: all its quads serialised,
        // sorted and hashed. Only nodes that share their first-degree hash lack a canonical
        // identifier by then (section 4.4.3 step 4 issues the others).
        let mut related_quads = 0u64;
        for q in mine.iter().filter_map(|i| quads.get(*i)) {
            let related = [
                (b's', blank_of_subject(q.subject)),
                (b'o', blank_of_object(q.object)),
                (b'g', blank_of_graph(q.graph_name)),
            ];
            for (position, b) in related {
                let Some(b) = b.filter(|b| b != n) else { continue };
                let predicate = if position == b'g' { "" } else { q.predicate.as_str() };
                let class = class_of.get(b).copied().unwrap_or(usize::MAX);
                *groups.entry((position, predicate, class)).or_insert(0) += 1;
                if shared(b) {
                    let theirs = quads_of.get(b).map_or(0, Vec::len);
                    related_quads = related_quads.saturating_add(crate::budget::units(theirs, 1));
                }
            }
        }
        let connected = index
            .get(n)
            .map(|id| find(&mut parent, *id))
            .and_then(|root| component_size.get(&root))
            .copied()
            .unwrap_or(1);
        let permutations =
            groups.values().fold(1u64, |total, k| total.saturating_add(factorial(*k)));
        let steps = groups
            .values()
            .fold(crate::budget::units(mine.len(), 8), |total, k| {
                total.saturating_add(factorial(*k).saturating_mul(k.saturating_mul(*k)))
            })
            .saturating_add(connected.saturating_mul(2).saturating_mul(permutations))
            .saturating_add(related_quads.saturating_mul(8));
        max_steps = max_steps.max(steps);
    }
    (non_unique, max_steps)
}

/// `k!`, saturating.
#[cfg(feature = "ld")]
fn factorial(k: u64) -> u64 {
    (2..=k).try_fold(1u64, |f, i| f.checked_mul(i)).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scoped_contexts_are_charged_per_use() {
        let none = |_: &str| None::<Value>;
        let mut counter = ContextCounter::new(&none, "doc", 100, HashMap::new());
        let context =
            json!({"a": "urn:a", "T": {"@id": "urn:T", "@context": {"x": "urn:x", "y": "urn:y"}}});
        assert_eq!(counter.context(&context).unwrap(), 4);
        assert_eq!(counter.scoped.get("T"), Some(&2));
        let one = counter.expansion_units(&json!({"type": "T", "a": 1})).unwrap();
        let many = counter
            .expansion_units(&json!({"a": [{"type": "T"}, {"type": "T"}, {"type": "T"}]}))
            .unwrap();
        assert_eq!(one, 3 * UNITS_PER_JSON_VALUE + 2 * UNITS_PER_TERM_DEFINITION);
        assert_eq!(many, 8 * UNITS_PER_JSON_VALUE + 6 * UNITS_PER_TERM_DEFINITION);
    }

    #[test]
    fn a_context_over_the_term_limit_is_refused_scoped_terms_counted() {
        let none = |_: &str| None::<Value>;
        let mut counter = ContextCounter::new(&none, "doc", 3, HashMap::new());
        assert!(counter.context(&json!({"a": "urn:a", "b": "urn:b", "c": "urn:c"})).is_ok());
        let scoped =
            json!({"a": "urn:a", "T": {"@id": "urn:T", "@context": {"x": "urn:x", "y": "urn:y"}}});
        let e = counter.context(&scoped).unwrap_err();
        assert_eq!(e.code(), "limit.term_definitions");
        // A URL's document is one context, counted once however often it is named.
        let served = |url: &str| {
            (url == "https://example.org/c")
                .then(|| json!({"@context": {"a": "urn:a", "b": "urn:b"}}))
        };
        let mut counter = ContextCounter::new(&served, "doc", 3, HashMap::new());
        assert_eq!(
            counter.context(&json!(["https://example.org/c", "https://example.org/c"])).unwrap(),
            4
        );
        assert_eq!(counter.context(&json!("https://example.org/unknown")).unwrap(), 0);
        // A chain of contexts deeper than the limit is refused, not counted short.
        let chain = |url: &str| {
            let n: usize = url.trim_start_matches("https://example.org/c").parse().ok()?;
            Some(
                json!({"@context": [format!("https://example.org/c{}", n + 1), {format!("t{n}"): "urn:t"}]}),
            )
        };
        let mut counter = ContextCounter::new(&chain, "doc", 4096, HashMap::new());
        assert_eq!(
            counter.context(&json!("https://example.org/c0")).unwrap_err().code(),
            "limit.context_depth"
        );
    }

    #[cfg(feature = "ld")]
    #[test]
    fn the_hash_n_degree_bound_grows_with_the_groups_it_permutes() {
        use oxrdf::{BlankNode, Dataset, GraphName, NamedNode, Quad};
        let knows = NamedNode::new_unchecked("urn:knows");
        let clique = |n: usize| {
            let mut d = Dataset::new();
            for i in 0..n {
                for j in 0..n {
                    if i != j {
                        d.insert(&Quad::new(
                            BlankNode::new_unchecked(format!("c{i}")),
                            knows.clone(),
                            BlankNode::new_unchecked(format!("c{j}")),
                            GraphName::DefaultGraph,
                        ));
                    }
                }
            }
            d
        };
        // Two nodes pointing at each other: one group of one in each position; two quads; the
        // issuer (two connected nodes) copied for the call and each of the two permutations.
        // Each related node (shared) is hashed in first degree again per quad: 2 x 2 quads.
        assert_eq!(hndq_bound(&clique(2)), (2, 8 * 2 + (1 + 1) + 2 * 2 * 3 + 8 * 4));
        // Every node of a clique of 10 is related to 9 others in each position: 9! * 81 twice.
        let (shared, steps) = hndq_bound(&clique(10));
        assert_eq!(shared, 10);
        assert_eq!(steps, 8 * 18 + 2 * 362_880 * 81 + 2 * 10 * (1 + 2 * 362_880) + 8 * 18 * 18);
        // A cycle: cheap calls, but each copies an issuer that can hold the whole cycle.
        let mut cycle = Dataset::new();
        for i in 0..100 {
            cycle.insert(&Quad::new(
                BlankNode::new_unchecked(format!("c{i}")),
                knows.clone(),
                BlankNode::new_unchecked(format!("c{}", (i + 1) % 100)),
                GraphName::DefaultGraph,
            ));
        }
        assert_eq!(hndq_bound(&cycle), (100, 8 * 2 + 2 + 2 * 100 * 3 + 8 * 2 * 2));
        // Two identical hubs of 200 quads, each over 200 leaves: a leaf's call hashes its hub
        // again in first degree (a review measured 28 s for such a graph under a bound that
        // left this out).
        let mut hubs = Dataset::new();
        for h in 0..2 {
            for i in 0..200 {
                let p = NamedNode::new_unchecked(format!("urn:p{i}"));
                hubs.insert(&Quad::new(
                    BlankNode::new_unchecked(format!("h{h}")),
                    p,
                    BlankNode::new_unchecked(format!("h{h}l{i}")),
                    GraphName::DefaultGraph,
                ));
            }
        }
        let (shared, steps) = hndq_bound(&hubs);
        assert_eq!(shared, 402);
        assert!(steps >= 8 * 200, "{steps}");
        assert_eq!(hndq_bound(&clique(80)).1, u64::MAX);
        // Distinct nodes: no call at all.
        let mut d = Dataset::new();
        d.insert(&Quad::new(
            BlankNode::new_unchecked("a"),
            knows.clone(),
            NamedNode::new_unchecked("urn:1"),
            GraphName::DefaultGraph,
        ));
        d.insert(&Quad::new(
            BlankNode::new_unchecked("b"),
            knows.clone(),
            NamedNode::new_unchecked("urn:2"),
            GraphName::DefaultGraph,
        ));
        assert_eq!(hndq_bound(&d), (0, 0));
    }
}

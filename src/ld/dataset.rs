//! The RDF dataset a JSON-LD proof verified, and the lookups the checks make on it.
//!
//! A JSON-LD proof signs the RDF dataset the document expands to, not its JSON text: two documents
//! with very different members can have one dataset (VC Data Integrity section 4.1; JSON-LD 1.1
//! API section 8.3). So every claim, date, status entry, issuer and type a check uses is read
//! here, by IRI, from the statements the proof verified (for a derived BBS+ proof: the revealed
//! ones), never from member names of the JSON.
//!
//! Terms are matched by IRI: a predicate or type is known when it is one of a fixed list of
//! vocabulary namespaces followed by a name ([`NAMESPACES`]). Which IRI a JSON member becomes is
//! fixed by the trusted contexts alone (`crate::ld::surface`), so the issuer decided it when signing.

/// The vocabularies whose terms the checks read, by namespace. A predicate in another namespace
/// is never read as a claim, whatever its last segment.
pub(crate) const NAMESPACES: [&str; 11] = [
    // VC Data Model 1.1 and 2.0 (the 2.0 context maps its terms into the same namespace).
    "https://www.w3.org/2018/credentials#",
    // Trinsic's `{"@vocab": "https://trinsic.cloud/idv/"}`.
    "https://trinsic.cloud/idv/",
    "http://schema.org/",
    "https://schema.org/",
    "https://w3id.org/citizenship#",
    "https://w3id.org/vc-revocation-list-2020#",
    "https://w3id.org/vc/status-list#",
    "https://www.w3.org/ns/credentials/status#",
    "https://www.w3.org/ns/credentials/issuer-dependent#",
    "https://example.org/examples#",
    "https://w3id.org/security#",
];

/// `rdf:type`.
pub(crate) const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
/// The VC Data Model namespace.
pub(crate) const CREDENTIALS: &str = "https://www.w3.org/2018/credentials#";
/// `dc:created`, the proof's creation instant (security v1/v2, Data Integrity contexts).
pub(crate) const DC_CREATED: &str = "http://purl.org/dc/terms/created";
/// The IRI a proof's `expires` member expands to: `sec:expiration` in every context that
/// defines the member (VC Data Model 2.0 and Data Integrity v1/v2 contexts, security v1-v3,
/// Ed25519Signature2020, JsonWebSignature2020; VC Data Integrity section 2.1, "expires").
/// There is no `sec:expires` term: a check reading it would never see a signed expiry.
pub(crate) const SEC_EXPIRES: &str = "https://w3id.org/security#expiration";

/// A subject, object or graph name that is a node.
// Built only by the JSON-LD processor (feature `ld`); without it no dataset has statements.
#[cfg_attr(not(feature = "ld"), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Node {
    /// An IRI.
    Iri(String),
    /// A blank node, by its label in this dataset.
    Blank(String),
}

impl Node {
    /// The IRI of a named node.
    pub(crate) fn iri(&self) -> Option<&str> {
        match self {
            Node::Iri(i) => Some(i),
            Node::Blank(_) => None,
        }
    }
}

/// A statement's object.
// Built only by the JSON-LD processor (feature `ld`); without it no dataset has statements.
#[cfg_attr(not(feature = "ld"), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Object {
    /// A node.
    Node(Node),
    /// A literal: lexical form, datatype IRI, language tag.
    Literal { value: String, datatype: String, language: Option<String> },
}

/// One RDF statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Statement {
    pub subject: Node,
    pub predicate: String,
    pub object: Object,
    /// `None` for the default graph.
    pub graph: Option<Node>,
}

/// The statements a proof verified: the default graph's first, ordered by subject, so that the
/// statements about one node are found by binary search (a document's claims are read with a
/// few lookups per subject, and a hostile one may have thousands of subjects).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Dataset {
    statements: Vec<Statement>,
    /// How many statements are in the default graph (they come first).
    default_graph: usize,
}

/// The name of `iri` in one of the known vocabularies.
pub(crate) fn local_name(iri: &str) -> Option<&str> {
    NAMESPACES.iter().find_map(|ns| iri.strip_prefix(ns)).filter(|n| !n.is_empty())
}

impl Dataset {
    #[cfg_attr(not(feature = "ld"), allow(dead_code))]
    pub(crate) fn new(mut statements: Vec<Statement>) -> Self {
        statements
            .sort_by(|a, b| (a.graph.is_some(), &a.subject).cmp(&(b.graph.is_some(), &b.subject)));
        let default_graph = statements.partition_point(|s| s.graph.is_none());
        Dataset { statements, default_graph }
    }

    /// The default graph's statements.
    fn default_graph(&self) -> &[Statement] {
        self.statements.get(..self.default_graph).unwrap_or_default()
    }

    pub(crate) fn statements(&self) -> &[Statement] {
        &self.statements
    }

    /// The default graph's statements about `subject`.
    fn about<'d>(&'d self, subject: &Node) -> impl Iterator<Item = &'d Statement> + 'd {
        let all = self.default_graph();
        let start = all.partition_point(|s| s.subject < *subject);
        let end = all.partition_point(|s| s.subject <= *subject);
        all.get(start..end).unwrap_or_default().iter()
    }

    /// The objects of `subject`'s statements whose predicate is `name` in a known vocabulary.
    pub(crate) fn values<'d: 'n, 'n>(
        &'d self,
        subject: &'n Node,
        name: &'n str,
    ) -> impl Iterator<Item = &'d Object> + 'n {
        self.about(subject)
            .filter(move |s| local_name(&s.predicate) == Some(name))
            .map(|s| &s.object)
    }

    /// The objects of `subject`'s statements with predicate IRI `predicate`.
    pub(crate) fn objects<'d>(
        &'d self,
        subject: &'d Node,
        predicate: &'d str,
    ) -> impl Iterator<Item = &'d Object> + 'd {
        self.about(subject).filter(move |s| s.predicate == predicate).map(|s| &s.object)
    }

    /// The objects of every default-graph statement with predicate IRI `predicate`.
    pub(crate) fn objects_any<'d>(
        &'d self,
        predicate: &'d str,
    ) -> impl Iterator<Item = &'d Object> + 'd {
        self.default_graph().iter().filter(move |s| s.predicate == predicate).map(|s| &s.object)
    }

    /// The one text (a literal's lexical form or an IRI) `objects` hold, `None` when they are
    /// empty; several different ones, or a blank node, are an error naming `field`.
    pub(crate) fn single_text<'d>(
        field: &str,
        objects: impl Iterator<Item = &'d Object>,
    ) -> Result<Option<&'d str>, crate::error::Error> {
        let mut found: Option<&'d str> = None;
        for o in objects {
            let text = match o {
                Object::Literal { value, .. } => value.as_str(),
                Object::Node(Node::Iri(i)) => i.as_str(),
                Object::Node(Node::Blank(_)) => {
                    return Err(crate::error::Error::LdStatement {
                        field: field.to_owned(),
                        reason: "a node without an id where a value is expected".into(),
                    })
                }
            };
            match found {
                Some(f) if f != text => {
                    return Err(crate::error::Error::LdStatement {
                        field: field.to_owned(),
                        reason: format!(
                            "the signed statements give it two values, {:?} and {:?}",
                            crate::input::json::truncated(f, 80),
                            crate::input::json::truncated(text, 80)
                        ),
                    })
                }
                _ => found = Some(text),
            }
        }
        Ok(found)
    }

    /// Whether `subject` has the type `name` in a known vocabulary.
    pub(crate) fn has_type(&self, subject: &Node, name: &str) -> bool {
        self.objects(subject, RDF_TYPE)
            .any(|o| matches!(o, Object::Node(Node::Iri(t)) if local_name(t) == Some(name)))
    }

    /// The subjects of the default graph typed `namespace` + `name`.
    pub(crate) fn typed(&self, namespace: &str, name: &str) -> Vec<&Node> {
        let mut found: Vec<&Node> = self
            .default_graph()
            .iter()
            .filter(|s| s.predicate == RDF_TYPE && matches!(&s.object, Object::Node(Node::Iri(t)) if t.strip_prefix(namespace) == Some(name)))
            .map(|s| &s.subject)
            .collect();
        found.sort();
        found.dedup();
        found
    }

    /// The nodes of the default graph that are the subject of a statement and the object of none:
    /// the top of the document's tree.
    pub(crate) fn roots(&self) -> Vec<&Node> {
        let objects: std::collections::HashSet<&Node> = self
            .default_graph()
            .iter()
            .filter_map(|s| match &s.object {
                Object::Node(n) => Some(n),
                Object::Literal { .. } => None,
            })
            .collect();
        let mut roots: Vec<&Node> = self
            .default_graph()
            .iter()
            .map(|s| &s.subject)
            .filter(|n| !objects.contains(n))
            .collect();
        roots.sort();
        roots.dedup();
        roots
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    fn literal(s: &str, p: &str, v: &str) -> Statement {
        Statement {
            subject: Node::Iri(s.into()),
            predicate: p.into(),
            object: Object::Literal {
                value: v.into(),
                datatype: "http://www.w3.org/2001/XMLSchema#string".into(),
                language: None,
            },
            graph: None,
        }
    }

    #[test]
    fn lookups_by_iri_in_known_vocabularies_only() {
        let d = Dataset::new(vec![
            literal("urn:s", "https://trinsic.cloud/idv/givenName", "JANE"),
            literal("urn:s", "https://attacker.example/givenName", "MALLORY"),
            Statement {
                subject: Node::Iri("urn:vc".into()),
                predicate: RDF_TYPE.into(),
                object: Object::Node(Node::Iri(
                    "https://www.w3.org/2018/credentials#VerifiableCredential".into(),
                )),
                graph: None,
            },
            Statement {
                subject: Node::Iri("urn:vc".into()),
                predicate: "https://www.w3.org/2018/credentials#credentialSubject".into(),
                object: Object::Node(Node::Iri("urn:s".into())),
                graph: None,
            },
        ]);
        let s = Node::Iri("urn:s".into());
        let names: Vec<_> = d.values(&s, "givenName").collect();
        // Statements of a named graph are not the document's own (a presentation's credentials).
        let mut graphed = literal("urn:s", "https://trinsic.cloud/idv/familyName", "SMITH");
        graphed.graph = Some(Node::Blank("g".into()));
        let mut all = d.statements().to_vec();
        all.insert(0, graphed);
        all.push(literal("urn:a", "https://trinsic.cloud/idv/givenName", "ANNA"));
        let with_graph = Dataset::new(all);
        assert_eq!(with_graph.values(&s, "familyName").count(), 0);
        assert_eq!(with_graph.values(&s, "givenName").count(), 1);
        assert_eq!(with_graph.values(&Node::Iri("urn:a".into()), "givenName").count(), 1);
        assert_eq!(names.len(), 1, "a predicate outside the known vocabularies is not a claim");
        assert!(d.has_type(&Node::Iri("urn:vc".into()), "VerifiableCredential"));
        assert_eq!(d.typed(CREDENTIALS, "VerifiableCredential"), vec![&Node::Iri("urn:vc".into())]);
        assert_eq!(d.roots(), vec![&Node::Iri("urn:vc".into())]);
    }
}

//! The JSON surface of a signed JSON-LD document, held to the dataset its proof verifies.
//!
//! A proof over a JSON-LD document signs the RDF dataset it expands to (VC Data Integrity section
//! 4.1). JSON-LD lets one dataset be written in many ways, and lets members vanish on expansion:
//! a term an inline context maps to `null` is dropped silently (JSON-LD 1.1 section 4.1.2), so is
//! an `@index` value or a keyword-shaped key, and a context can re-map a familiar member name to
//! another IRI. The claims are read from the dataset ([`crate::ld::dataset`]); this module makes the
//! JSON a reader sees say the same thing, and refuses, each with its own code:
//!
//! - a context that is not trusted: every `@context` entry is a URL (served from the shipped or
//!   supplied contexts, else `context.unavailable`) or an object equal to one the policy trusts
//!   (`ld.context_untrusted`); a `null` context is refused too, since it clears the trusted ones;
//! - a member name that is an absolute or compact IRI (`ld.iri_key`): it bypasses the terms the
//!   trusted contexts define;
//! - a keyword other than `@context`, `@id` and `@type` (`ld.keyword`): `@index`, `@nest`,
//!   `@included`, `@reverse`, value objects (`@value`), `@graph`, `@list`, ... yield no
//!   statement, or change which node a member is about;
//! - `null` and `[]` values (`ld.empty_value`): they yield no statement;
//! - after the proof verified, a member whose value is in no statement of the verified dataset
//!   (`ld.unsigned_member`).
//!
//! Digital Bazaar's jsonld.js "safe mode" refuses dropped terms in the same spirit; reading the
//! claims from the dataset goes further.

use std::collections::HashSet;

use serde_json::Value;

use crate::error::Error;
use crate::input::json::join_path;
use crate::ld::dataset::{Dataset, Node, Object};

/// The embedded context Trinsic's `IdentityDocument_v0` credentials carry: their claims are
/// terms of Trinsic's vocabulary.
pub const TRINSIC_VOCAB_CONTEXT: &str = r#"{"@vocab":"https://trinsic.cloud/idv/"}"#;

/// Keywords a signed document may use as member names.
const ALLOWED_KEYWORDS: [&str; 3] = ["@context", "@id", "@type"];

/// Refuses the constructs listed in the module documentation, anywhere in `document`.
///
/// # Errors
/// `ld.context_untrusted`, `ld.iri_key`, `ld.keyword`, `ld.empty_value`.
pub(crate) fn check(field: &str, document: &Value, trusted: &[Value]) -> Result<(), Error> {
    check_at(&At::Root(field), document, trusted)
}

/// Where a value is in the document, written out only for an error: writing every member's path
/// as it is visited copies a long member name once per array item (a review measured 2.7 s for
/// one 500 KB name over 220 000 items).
#[derive(Clone, Copy)]
enum At<'a> {
    Root(&'a str),
    Member(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    fn path(&self) -> String {
        match self {
            At::Root(field) => (*field).to_owned(),
            At::Member(parent, name) => join_path(&parent.path(), name),
            At::Index(parent, i) => format!("{}[{i}]", parent.path()),
        }
    }
}

fn check_at(at: &At<'_>, document: &Value, trusted: &[Value]) -> Result<(), Error> {
    match document {
        Value::Object(members) => {
            for (name, value) in members {
                let f = At::Member(at, name);
                if name == "@context" {
                    check_context(&f.path(), value, trusted)?;
                    continue;
                }
                if name.starts_with('@') && !ALLOWED_KEYWORDS.contains(&name.as_str()) {
                    return Err(Error::LdKeyword { field: f.path(), keyword: name.clone() });
                }
                if name.is_empty() || name.contains(':') {
                    return Err(Error::LdIriKey { field: f.path(), key: name.clone() });
                }
                match value {
                    Value::Null => {
                        return Err(Error::LdEmptyValue { field: f.path(), value: "null" })
                    }
                    Value::Array(items) if items.is_empty() => {
                        return Err(Error::LdEmptyValue { field: f.path(), value: "[]" })
                    }
                    _ => check_at(&f, value, trusted)?,
                }
            }
            Ok(())
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let f = At::Index(at, i);
                if item.is_null() {
                    return Err(Error::LdEmptyValue { field: f.path(), value: "null" });
                }
                check_at(&f, item, trusted)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn check_context(field: &str, context: &Value, trusted: &[Value]) -> Result<(), Error> {
    match context {
        // A URL: the offline loader serves it or names it as unavailable.
        Value::String(_) => Ok(()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if item.is_array() {
                    return Err(Error::LdContextUntrusted {
                        field: format!("{field}[{i}]"),
                        reason: "a list inside a context list".into(),
                    });
                }
                check_context(&format!("{field}[{i}]"), item, trusted)?;
            }
            Ok(())
        }
        Value::Object(_) if trusted.contains(context) => Ok(()),
        Value::Object(_) => Err(Error::LdContextUntrusted {
            field: field.to_owned(),
            reason: format!(
                "an embedded context the policy does not trust: {}",
                crate::input::json::truncated(&context.to_string(), 120)
            ),
        }),
        Value::Null => Err(Error::LdContextUntrusted {
            field: field.to_owned(),
            reason: "a null context clears the trusted ones".into(),
        }),
        _ => Err(Error::LdContextUntrusted {
            field: field.to_owned(),
            reason: "a context is a URL or an object".into(),
        }),
    }
}

/// What a dataset states, indexed for [`unsigned_member`]: literal values, IRIs, and the last
/// segments of IRIs (a term expanded against a vocabulary).
struct Mentions<'d> {
    literals: HashSet<&'d str>,
    iris: HashSet<&'d str>,
    tails: HashSet<&'d str>,
}

impl<'d> Mentions<'d> {
    fn of(dataset: &'d Dataset) -> Self {
        let mut m =
            Mentions { literals: HashSet::new(), iris: HashSet::new(), tails: HashSet::new() };
        let iri = |i: &'d str, m: &mut Mentions<'d>| {
            m.iris.insert(i);
            if let Some(at) = i.rfind(['#', '/', ':']) {
                m.tails.insert(i.get(at + 1..).unwrap_or_default());
            }
        };
        for s in dataset.statements() {
            if let Node::Iri(i) = &s.subject {
                iri(i, &mut m);
            }
            match &s.object {
                Object::Node(Node::Iri(i)) => iri(i, &mut m),
                Object::Node(Node::Blank(_)) => {}
                Object::Literal { value, .. } => {
                    m.literals.insert(value);
                }
            }
        }
        m
    }

    fn has(&self, text: &str) -> bool {
        self.literals.contains(text) || self.iris.contains(text) || self.tails.contains(text)
    }
}

/// The first member of `document` whose value no statement of `dataset` holds: a member the
/// proof does not vouch for. `type` values (expanded against vocabularies) and blank node ids
/// are read from the dataset itself and not compared; `skip` names top-level members signed
/// apart (the proof).
///
/// # Errors
/// `ld.unsigned_member`, naming the member.
pub(crate) fn unsigned_member(
    field: &str,
    document: &Value,
    dataset: &Dataset,
    skip: &[&str],
) -> Result<(), Error> {
    let mentions = Mentions::of(dataset);
    walk(&At::Root(field), document, &mentions, skip)
}

fn walk(at: &At<'_>, value: &Value, mentions: &Mentions<'_>, skip: &[&str]) -> Result<(), Error> {
    let unsigned = |text: String| {
        Err(Error::LdUnsignedMember {
            field: at.path(),
            value: crate::input::json::truncated(&text, 80),
        })
    };
    match value {
        Value::Object(members) => {
            for (name, v) in members {
                if skip.contains(&name.as_str())
                    || matches!(name.as_str(), "@context" | "type" | "@type")
                {
                    continue;
                }
                let f = At::Member(at, name);
                if matches!(name.as_str(), "id" | "@id") {
                    match v {
                        Value::String(id)
                            if id.starts_with("_:") || id.starts_with("urn:bnid:") =>
                        {
                            continue
                        }
                        Value::String(id) if mentions.iris.contains(id.as_str()) => continue,
                        _ => {
                            return Err(Error::LdUnsignedMember {
                                field: f.path(),
                                value: crate::input::json::truncated(&v.to_string(), 80),
                            })
                        }
                    }
                }
                walk(&f, v, mentions, &[])?;
            }
            Ok(())
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(&At::Index(at, i), item, mentions, &[])?;
            }
            Ok(())
        }
        Value::String(s) if mentions.has(s) => Ok(()),
        Value::String(s) => unsigned(s.clone()),
        Value::Bool(b) if mentions.has(if *b { "true" } else { "false" }) => Ok(()),
        Value::Bool(b) => unsigned(b.to_string()),
        // JSON-LD writes integers as xsd:integer in their decimal form (JSON-LD 1.1 API section
        // 8.6); other numbers as xsd:double in canonical form, which is not compared.
        Value::Number(n) if n.is_i64() || n.is_u64() => {
            if mentions.has(&n.to_string()) {
                Ok(())
            } else {
                unsigned(n.to_string())
            }
        }
        Value::Number(_) | Value::Null => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn code(doc: &str) -> &'static str {
        let trusted = [serde_json::from_str(TRINSIC_VOCAB_CONTEXT).unwrap()];
        check("vc", &serde_json::from_str(doc).unwrap(), &trusted).err().map_or("ok", |e| e.code())
    }

    #[test]
    fn surface_rules() {
        let ok = r#"{"@context":["https://www.w3.org/2018/credentials/v1",{"@vocab":"https://trinsic.cloud/idv/"}],"credentialSubject":{"givenName":"JANE"}}"#;
        assert_eq!(code(ok), "ok");
        assert_eq!(code(&ok.replace(r#""givenName":"JANE""#, r#""@context":{"givenName":"https://trinsic.cloud/idv/familyName"},"givenName":"JANE""#)), "ld.context_untrusted");
        assert_eq!(
            code(&ok.replace(r#""givenName":"JANE""#, r#""@context":null,"givenName":"JANE""#)),
            "ld.context_untrusted"
        );
        assert_eq!(
            code(&ok.replace("givenName", "https://trinsic.cloud/idv/givenName")),
            "ld.iri_key"
        );
        assert_eq!(code(&ok.replace("givenName", "idv:givenName")), "ld.iri_key");
        for keyword in [
            "@index",
            "@nest",
            "@included",
            "@reverse",
            "@value",
            "@graph",
            "@list",
            "@set",
            "@language",
            "@foo",
        ] {
            assert_eq!(
                code(&ok.replace(
                    r#""givenName":"JANE""#,
                    &format!(r#""givenName":"JANE","{keyword}":"x""#)
                )),
                "ld.keyword",
                "{keyword}"
            );
        }
        assert_eq!(code(&ok.replace(r#""JANE""#, r#"{"@value":"JANE"}"#)), "ld.keyword");
        assert_eq!(code(&ok.replace(r#""JANE""#, "null")), "ld.empty_value");
        assert_eq!(code(&ok.replace(r#""JANE""#, "[]")), "ld.empty_value");
        assert_eq!(code(&ok.replace(r#""JANE""#, r#"["JANE",null]"#)), "ld.empty_value");
    }

    #[test]
    fn every_member_must_be_in_a_verified_statement() {
        use crate::ld::dataset::Statement;
        let literal = |s: &str, p: &str, v: &str| Statement {
            subject: Node::Iri(s.into()),
            predicate: p.into(),
            object: Object::Literal {
                value: v.into(),
                datatype: "http://www.w3.org/2001/XMLSchema#string".into(),
                language: None,
            },
            graph: None,
        };
        let dataset = Dataset::new(vec![
            literal("urn:s", "https://trinsic.cloud/idv/givenName", "JANE"),
            literal("urn:s", "https://trinsic.cloud/idv/age", "42"),
            Statement {
                subject: Node::Iri("urn:vc".into()),
                predicate: "https://www.w3.org/2018/credentials#credentialSubject".into(),
                object: Object::Node(Node::Iri("urn:s".into())),
                graph: None,
            },
        ]);
        let check = |doc: &str| {
            unsigned_member("vc", &serde_json::from_str(doc).unwrap(), &dataset, &["proof"])
                .err()
                .map_or("ok", |e| e.code())
        };
        assert_eq!(
            check(
                r#"{"id":"urn:vc","type":"X","credentialSubject":{"id":"urn:s","givenName":"JANE","age":42},"proof":{"x":"y"}}"#
            ),
            "ok"
        );
        assert_eq!(
            check(
                r#"{"id":"urn:vc","credentialSubject":{"id":"urn:s","givenName":"JANE","familyName":"SMITH"}}"#
            ),
            "ld.unsigned_member"
        );
        assert_eq!(
            check(r#"{"id":"urn:other","credentialSubject":{"id":"urn:s"}}"#),
            "ld.unsigned_member"
        );
        assert_eq!(check(r#"{"credentialSubject":{"flag":true}}"#), "ld.unsigned_member");
    }
}

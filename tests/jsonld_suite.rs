//! The W3C JSON-LD 1.1 API test suite's `expand` and `toRdf` manifests, as exams, through the
//! offline loader and the expansion the Data Integrity proofs use (`vpcheck::testing::
//! expand_for_suite` and `to_rdf_for_suite`: the suite's files are served as a policy's extra
//! contexts are, the top-level `@context` is processed first as for a proof, and RDF comes from
//! the proofs' own deserialisation and RDFC-1.0). Copied in `test-vectors/external/json-ld-api/`
//! (source, commit and licence in its README.md); the suite's base IRI
//! `https://w3c.github.io/json-ld-api/tests/` maps to its `tests/` folder.
//!
//! One harness per manifest, in standard JSON-LD mode (undefined terms dropped), the mode the
//! suite is written for:
//! - `jld:PositiveEvaluationTest` (expand): the expanded document equals the expected one under
//!   the suite's JSON-LD object comparison (its README): members in any order, arrays in any order
//!   except `@list` values, language tags compared without regard to case; this harness also
//!   keeps the order of arrays inside a `@value` (JSON literals), which is stricter;
//! - `jld:PositiveEvaluationTest` (toRdf): the dataset is isomorphic to the expected N-Quads,
//!   judged by canonicalising both with the proofs' RDFC-1.0 and comparing the canonical N-Quads;
//! - `jld:PositiveSyntaxTest` (toRdf): processing succeeds;
//! - `jld:NegativeEvaluationTest`: processing fails with the expected error code (the hooks
//!   return `code: message`).
//!
//! Test options honoured: `base`, `expandContext`, `processingMode`. Not applicable, so skipped
//! and counted: `specVersion: json-ld-1.0` (JSON-LD 1.0-only behaviour). `produceGeneralizedRdf`
//! and `rdfDirection` are not options of the proofs' deserialisation to RDF: those tests run
//! without them, and fail as listed divergences. `useJCS` needs nothing (json-ld canonicalises
//! JSON literals itself). No test in these two manifests needs HTTP headers.
//!
//! Every failure must be listed in the manifest's known divergences, with why, and every listed
//! case must still fail. The strict policy the proofs expand with is also run over every positive
//! test; how many it refuses is printed, not asserted case by case.
#![cfg(feature = "ld")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use serde_json::Value;
use vpcheck::testing::{ExpansionPolicy, SuiteOptions};

/// The suite's base IRI, which maps to `tests/`.
const BASE: &str = "https://w3c.github.io/json-ld-api/tests/";

/// Negative tests of both manifests (the toRdf manifest repeats the expand manifest's) that
/// json-ld refuses with another error code than the suite's: mostly `invalid context entry`,
/// because json-ld reads a context's syntax (json_ld::syntax::context::Context::try_from_json)
/// before processing it, and `invalid term definition` where the suite names the rule broken.
/// The document is refused all the same. Each reason starts with its cause, up to the colon,
/// which the summary counts.
const ERROR_CODE_DIVERGENCES: &[(&str, &str)] = &[
    ("tc030", "json-ld 0.21.4 error code: `invalid context entry`, not `invalid @propagate value`"),
    ("tec01", "json-ld 0.21.4 error code: `invalid context entry`, not `invalid term definition`"),
    ("tec02", "json-ld 0.21.4 error code: `invalid term definition`, not `keyword redefinition`"),
    (
        "tem01",
        "json-ld 0.21.4 error code: `invalid term definition`, not `invalid container mapping`",
    ),
    ("tep03", "json-ld 0.21.4 error code: `invalid term definition`, not `invalid @version value`"),
    ("ter01", "json-ld 0.21.4 error code: `invalid context entry`, not `keyword redefinition`"),
    (
        "ter05",
        "json-ld 0.21.4 error code: `loading remote context failed`, not `invalid remote context`",
    ),
    ("ter06", "json-ld 0.21.4 error code: `invalid context entry`, not `invalid local context`"),
    ("ter07", "json-ld 0.21.4 error code: `invalid context entry`, not `invalid base IRI`"),
    ("ter08", "json-ld 0.21.4 error code: `invalid context entry`, not `invalid vocab mapping`"),
    ("ter09", "json-ld 0.21.4 error code: `invalid context entry`, not `invalid default language`"),
    ("ter11", "json-ld 0.21.4 error code: `invalid context entry`, not `invalid term definition`"),
    ("ter12", "json-ld 0.21.4 error code: `invalid context entry`, not `invalid type mapping`"),
    ("ter15", "json-ld 0.21.4 error code: `invalid context entry`, not `invalid IRI mapping`"),
    ("ter18", "json-ld 0.21.4 error code: `invalid context entry`, not `invalid IRI mapping`"),
    ("ter22", "json-ld 0.21.4 error code: `invalid context entry`, not `invalid language mapping`"),
    ("ter53", "json-ld 0.21.4 error code: `invalid context entry`, not `invalid @prefix value`"),
    ("ter55", "json-ld 0.21.4 error code: `invalid context entry`, not `invalid type mapping`"),
    ("ter56", "json-ld 0.21.4 error code: `invalid term definition`, not `keyword redefinition`"),
    ("tpi04", "json-ld 0.21.4 error code: `invalid context entry`, not `invalid term definition`"),
    (
        "tpr32",
        "json-ld 0.21.4 error code: `invalid term definition`, not `protected term redefinition`",
    ),
    ("tso02", "json-ld 0.21.4 error code: `invalid context entry`, not `invalid @import value`"),
];

/// Cases of the expand manifest that fail besides [`ERROR_CODE_DIVERGENCES`], with why. A listed
/// case that passes fails the harness, as does an unlisted failure.
const EXPAND_DIVERGENCES: &[(&str, &str)] = &[
    ("t0122", "json-ld 0.21.4 expansion: an `@id` of keyword form (`@ignoreMe`) is left out of the node instead of kept as `\"@id\": null` (a non-normative test)"),
    ("t0131", "json-ld 0.21.4 expansion: a property-valued index (`@index: predicate`) on a reverse property is kept as an `@index` instead of becoming the `predicate` property"),
    ("tin01", "json-ld 0.21.4 JSON output: the expanded document is right (toRdf tin01 passes) but json-ld-core writes `@included` as `@include` when it turns a node into JSON"),
    ("tin02", "json-ld 0.21.4 JSON output: `@included` written as `@include`, as tin01"),
    ("tin03", "json-ld 0.21.4 JSON output: `@included` written as `@include`, as tin01"),
    ("tin04", "json-ld 0.21.4 JSON output: `@included` written as `@include`, as tin01"),
    ("tin05", "json-ld 0.21.4 JSON output: `@included` written as `@include`, as tin01"),
    ("tin06", "json-ld 0.21.4 JSON output: `@included` written as `@include`, as tin01"),
];

/// Cases of the toRdf manifest that fail besides [`ERROR_CODE_DIVERGENCES`], with why.
const TO_RDF_DIVERGENCES: &[(&str, &str)] = &[
    ("tdi09", "rdfDirection not supported: the proofs' deserialisation to RDF passes none (option `i18n-datatype`; a non-normative test)"),
    ("tdi10", "rdfDirection not supported: the proofs' deserialisation to RDF passes none (option `i18n-datatype`; a non-normative test)"),
    ("tdi11", "rdfDirection not supported: the proofs' deserialisation to RDF passes none (option `compound-literal`; a non-normative test)"),
    ("tdi12", "rdfDirection not supported: the proofs' deserialisation to RDF passes none (option `compound-literal`; a non-normative test)"),
    ("te075", "generalized RDF not produced: option `produceGeneralizedRdf`; json-ld leaves out the blank-node-predicate triple (and oxttl cannot read the expected generalized N-Quads)"),
    ("te122", "json-ld 0.21.4 expansion: an `@id` of keyword form (`@ignoreMe`) is left out of the node instead of set to null, so the node gets a blank node and yields a triple the suite does not expect"),
    ("tli12", "json-ld 0.21.4 context processing: `@base: http://invalid/<>/` is refused (`invalid IRI mapping`) where the suite processes the document and drops the IRIs that do not resolve"),
];

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/external/json-ld-api/tests")
}

fn read(file: &str) -> Result<String, String> {
    std::fs::read_to_string(suite().join(file)).map_err(|e| format!("{file}: {e}"))
}

/// Every JSON and JSON-LD file of the suite, by its URL under [`BASE`]: what the loader serves.
fn documents() -> Arc<Vec<(String, String)>> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "jsonld" || e == "json") {
                let relative =
                    path.strip_prefix(root).unwrap().to_str().unwrap().replace('\\', "/");
                out.push((format!("{BASE}{relative}"), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&suite(), &suite(), &mut out);
    Arc::new(out)
}

fn parse_nquads(text: &str) -> Result<oxrdf::Dataset, String> {
    oxttl::NQuadsParser::new()
        .for_slice(text.as_bytes())
        .collect::<Result<_, _>>()
        .map_err(|e| format!("N-Quads: {e}"))
}

/// The suite's JSON-LD object comparison (its README, "JSON-LD Object comparison"): members in any
/// order; arrays in any order except the value of `@list` (and, stricter, arrays inside a
/// `@value`: JSON literals); language tags without regard to case; other values strictly equal.
fn same(ours: &Value, expected: &Value, ordered: bool) -> bool {
    match (ours, expected) {
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter().all(|(key, x)| {
                    b.get(key).is_some_and(|y| match (key.as_str(), x, y) {
                        ("@language", Value::String(x), Value::String(y)) => {
                            x.eq_ignore_ascii_case(y)
                        }
                        ("@list" | "@value", _, _) => same(x, y, true),
                        _ => same(x, y, ordered),
                    })
                })
        }
        (Value::Array(a), Value::Array(b)) if ordered => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y, true))
        }
        (Value::Array(a), Value::Array(b)) => {
            // `same` is an equivalence, so matching each item to the first unused equal one finds
            // a pairing whenever there is one.
            let mut unused: Vec<&Value> = b.iter().collect();
            a.len() == b.len()
                && a.iter().all(|x| match unused.iter().position(|y| same(x, y, false)) {
                    Some(i) => {
                        unused.swap_remove(i);
                        true
                    }
                    None => false,
                })
        }
        _ => ours == expected,
    }
}

/// What running one case gave.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// The implementation did what the suite expects.
    Pass,
    /// It did not, and why.
    Fail(String),
    /// The test does not apply, and why.
    Skip(&'static str),
}

/// Which manifest.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Expand,
    ToRdf,
}

/// What the hook returned, reduced to what the judgement needs.
type Ran = Result<Option<String>, String>;

/// One manifest entry through the hooks with `policy`: the expanded JSON compared here, the
/// canonical N-Quads returned for comparison.
fn process(
    kind: Kind,
    entry: &Value,
    documents: &Arc<Vec<(String, String)>>,
    policy: ExpansionPolicy,
) -> Result<Ran, Outcome> {
    let member = |name: &str| entry.get(name).and_then(Value::as_str);
    let option = |name: &str| entry.get("option").and_then(|o| o.get(name));
    if option("specVersion").and_then(Value::as_str) == Some("json-ld-1.0") {
        return Err(Outcome::Skip("specVersion json-ld-1.0: JSON-LD 1.0-only behaviour, not applicable to a JSON-LD 1.1 processor"));
    }
    let input = member("input").ok_or(Outcome::Fail("no input".into()))?;
    let text = read(input).map_err(Outcome::Fail)?;
    let options = SuiteOptions {
        policy,
        base: option("base").and_then(Value::as_str).map(str::to_owned),
        // "treated as an IRI relative to the manifest" (the suite's README).
        expand_context: option("expandContext")
            .and_then(Value::as_str)
            .map(|c| format!("{BASE}{c}")),
        json_ld_1_0: option("processingMode").and_then(Value::as_str) == Some("json-ld-1.0"),
    };
    let url = format!("{BASE}{input}");
    Ok(match kind {
        Kind::Expand => {
            match vpcheck::testing::expand_for_suite(&text, &url, documents, &options) {
                Ok(expanded) => match member("expect") {
                    Some(expect) if is_positive_evaluation(entry) => {
                        let expected: Value =
                            serde_json::from_str(&read(expect).map_err(Outcome::Fail)?)
                                .map_err(|e| Outcome::Fail(e.to_string()))?;
                        let expected = if expected.is_array() {
                            expected
                        } else {
                            Value::Array(vec![expected])
                        };
                        if same(&expanded, &expected, false) {
                            Ok(None)
                        } else {
                            Ok(Some(format!("expanded form differs:\n--- got\n{expanded:#}\n--- expected\n{expected:#}")))
                        }
                    }
                    _ => Ok(None),
                },
                Err(e) => Err(e),
            }
        }
        Kind::ToRdf => {
            vpcheck::testing::to_rdf_for_suite(&text, &url, documents, &options).map(Some)
        }
    })
}

fn is_positive_evaluation(entry: &Value) -> bool {
    types(entry).any(|t| t == "jld:PositiveEvaluationTest")
}

fn types(entry: &Value) -> impl Iterator<Item = &str> {
    entry["@type"].as_array().into_iter().flatten().filter_map(Value::as_str)
}

/// One manifest entry judged: `Pass` when the implementation does what the suite expects.
fn run(kind: Kind, entry: &Value, documents: &Arc<Vec<(String, String)>>) -> Outcome {
    let ran = match process(kind, entry, documents, ExpansionPolicy::Standard) {
        Ok(ran) => ran,
        Err(outcome) => return outcome,
    };
    let member = |name: &str| entry.get(name).and_then(Value::as_str);
    if types(entry).any(|t| t == "jld:NegativeEvaluationTest") {
        let code = member("expectErrorCode").unwrap_or_default();
        return match ran {
            Err(e) if e.starts_with(&format!("{code}:")) => Outcome::Pass,
            Err(e) => Outcome::Fail(format!("fails, but not with `{code}`: {e}")),
            Ok(_) => Outcome::Fail(format!("succeeds, where the suite expects `{code}`")),
        };
    }
    let got = match ran {
        Ok(got) => got,
        Err(e) => return Outcome::Fail(format!("error: {e}")),
    };
    if types(entry).any(|t| t == "jld:PositiveSyntaxTest") {
        return Outcome::Pass;
    }
    match (kind, got) {
        (Kind::Expand, None) => Outcome::Pass,
        (Kind::Expand, Some(differs)) => Outcome::Fail(differs),
        (Kind::ToRdf, Some(ours)) => {
            let expected = member("expect")
                .ok_or_else(|| "no expect".to_owned())
                .and_then(read)
                .and_then(|t| parse_nquads(&t))
                .and_then(|d| {
                    vpcheck::testing::canonical_rdf::<sha2::Sha256>(&d)
                        .map(|(nquads, _)| nquads)
                        .map_err(|e| e.to_string())
                });
            match expected {
                Ok(expected) if expected == ours => Outcome::Pass,
                Ok(expected) => Outcome::Fail(format!(
                    "datasets differ (canonical N-Quads):\n--- got\n{ours}--- expected\n{expected}"
                )),
                Err(e) => Outcome::Fail(format!("expected output unreadable: {e}")),
            }
        }
        (Kind::ToRdf, None) => Outcome::Fail("no dataset".into()),
    }
}

/// The harness's complaints about one case: none when it passes or is skipped unlisted, or fails
/// listed.
fn judge(id: &str, outcome: &Outcome, divergences: &[(&str, &str)]) -> Option<String> {
    match (outcome, divergences.iter().find(|(listed, _)| *listed == id)) {
        (Outcome::Pass | Outcome::Skip(_), None) | (Outcome::Fail(_), Some(_)) => None,
        (Outcome::Pass, Some((_, reason))) => Some(format!(
            "{id} passes but is listed as a known divergence ({reason}): remove it from the list"
        )),
        (Outcome::Skip(why), Some(_)) => Some(format!(
            "{id} is skipped ({why}) but listed as a known divergence: remove it from the list"
        )),
        (Outcome::Fail(why), None) => Some(format!("{id} fails: {why}")),
    }
}

/// The cause of a divergence: its reason up to the first colon.
fn cause(reason: &str) -> &str {
    reason.split(':').next().unwrap_or(reason)
}

fn exam(kind: Kind, manifest: &str, total: usize, divergences: &[(&str, &str)]) {
    let manifest: Value = serde_json::from_str(&read(manifest).unwrap()).unwrap();
    let entries = manifest["sequence"].as_array().unwrap();
    let documents = documents();
    let started = Instant::now();
    let (mut passed, mut complaints, mut ids) = (0, Vec::new(), Vec::new());
    let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut strict_run, mut strict_refused) = (0, Vec::new());
    for entry in entries {
        let id = entry["@id"].as_str().unwrap().trim_start_matches('#').to_owned();
        let outcome = run(kind, entry, &documents);
        match &outcome {
            Outcome::Pass => passed += 1,
            Outcome::Skip(why) => *skipped.entry(why).or_default() += 1,
            Outcome::Fail(why) => println!("{id}: fails: {why}"),
        }
        // The proofs' strict policy over the positive tests that apply: informational.
        if !matches!(outcome, Outcome::Skip(_))
            && !types(entry).any(|t| t == "jld:NegativeEvaluationTest")
        {
            if let Ok(ran) = process(kind, entry, &documents, ExpansionPolicy::Strict) {
                strict_run += 1;
                if let Err(e) = ran {
                    strict_refused.push(format!("{id}: {}", e.lines().next().unwrap_or_default()));
                }
            }
        }
        complaints.extend(judge(&id, &outcome, divergences));
        ids.push(id);
    }
    for (listed, _) in divergences {
        if !ids.iter().any(|id| id == listed) {
            complaints.push(format!(
                "{listed} is listed as a known divergence but is not in the manifest"
            ));
        }
    }
    let mut causes: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, reason) in divergences {
        *causes.entry(cause(reason)).or_default() += 1;
    }
    let name = if kind == Kind::Expand { "expand" } else { "toRdf" };
    eprintln!(
        "W3C JSON-LD {name} manifest: {passed} of {} pass, {} skipped {skipped:?}, {} known divergences {causes:?}, in {:?}",
        entries.len(),
        skipped.values().sum::<usize>(),
        divergences.len(),
        started.elapsed(),
    );
    eprintln!(
        "W3C JSON-LD {name} manifest, strict policy of the proofs (informational): {} of {strict_run} positive tests refused:\n  {}",
        strict_refused.len(),
        strict_refused.join("\n  ")
    );
    assert_eq!(
        entries.len(),
        total,
        "the manifest's size changed: update the README's conformance line"
    );
    assert!(complaints.is_empty(), "{}", complaints.join("\n"));
}

#[test]
fn w3c_jsonld_expand_manifest() {
    exam(
        Kind::Expand,
        "expand-manifest.jsonld",
        385,
        &[ERROR_CODE_DIVERGENCES, EXPAND_DIVERGENCES].concat(),
    );
}

#[test]
fn w3c_jsonld_to_rdf_manifest() {
    exam(
        Kind::ToRdf,
        "toRdf-manifest.jsonld",
        467,
        &[ERROR_CODE_DIVERGENCES, TO_RDF_DIVERGENCES].concat(),
    );
}

/// The harness fails both ways: an unlisted failure and a listed pass (or skip).
#[test]
fn the_harness_fails_on_unexpected_outcomes() {
    let listed = [("t0001", "a cause: a reason")];
    assert_eq!(judge("t0001", &Outcome::Fail("differs".into()), &listed), None);
    assert_eq!(judge("t0002", &Outcome::Pass, &listed), None);
    assert_eq!(judge("t0002", &Outcome::Skip("n/a"), &listed), None);
    assert!(judge("t0001", &Outcome::Pass, &listed).unwrap().contains("remove it from the list"));
    assert!(judge("t0001", &Outcome::Skip("n/a"), &listed)
        .unwrap()
        .contains("remove it from the list"));
    assert!(judge("t0002", &Outcome::Fail("differs".into()), &listed).unwrap().contains("differs"));
    assert_eq!(cause("a cause: a reason"), "a cause");
}

/// The comparison: order matters in `@list` only, language tags by case-insensitive match, and
/// a missing or extra member or item is a difference.
#[test]
fn json_ld_object_comparison() {
    let v = |text: &str| serde_json::from_str::<Value>(text).unwrap();
    assert!(same(
        &v(r#"[{"@id":"a","p":[{"@value":1},{"@value":2}]}]"#),
        &v(r#"[{"p":[{"@value":2},{"@value":1}],"@id":"a"}]"#),
        false
    ));
    assert!(!same(
        &v(r#"[{"p":[{"@list":[{"@value":1},{"@value":2}]}]}]"#),
        &v(r#"[{"p":[{"@list":[{"@value":2},{"@value":1}]}]}]"#),
        false
    ));
    assert!(same(
        &v(r#"[{"@value":"x","@language":"en-US"}]"#),
        &v(r#"[{"@value":"x","@language":"en-us"}]"#),
        false
    ));
    assert!(!same(&v(r#"[{"@value":"x","@language":"en"}]"#), &v(r#"[{"@value":"x"}]"#), false));
    assert!(!same(
        &v(r#"[{"@value":1},{"@value":1}]"#),
        &v(r#"[{"@value":1},{"@value":2}]"#),
        false
    ));
    assert!(!same(
        &v(r#"[{"@value":[1,2],"@type":"@json"}]"#),
        &v(r#"[{"@value":[2,1],"@type":"@json"}]"#),
        false
    ));
    assert!(!same(&v(r#"[{"@value":1}]"#), &v(r#"[{"@value":1.0}]"#), false));
}

/// A tampered case fails: another test's expected output, a negative test's code on a valid
/// input, a positive test turned negative.
#[test]
fn tampered_cases_fail() {
    let documents = documents();
    let entry = |types: &[&str], input: &str, expect: Option<&str>, code: Option<&str>| {
        let mut e = serde_json::json!({"@id": "#tampered", "@type": types, "input": input});
        if let Some(x) = expect {
            e["expect"] = x.into();
        }
        if let Some(c) = code {
            e["expectErrorCode"] = c.into();
        }
        e
    };
    let positive = ["jld:PositiveEvaluationTest", "jld:ExpandTest"];
    let negative = ["jld:NegativeEvaluationTest", "jld:ExpandTest"];
    assert_eq!(
        run(
            Kind::Expand,
            &entry(&positive, "expand/0002-in.jsonld", Some("expand/0002-out.jsonld"), None),
            &documents
        ),
        Outcome::Pass
    );
    assert!(matches!(
        run(
            Kind::Expand,
            &entry(&positive, "expand/0002-in.jsonld", Some("expand/0003-out.jsonld"), None),
            &documents
        ),
        Outcome::Fail(_)
    ));
    assert!(matches!(
        run(
            Kind::Expand,
            &entry(&negative, "expand/0002-in.jsonld", None, Some("invalid @id value")),
            &documents
        ),
        Outcome::Fail(_)
    ));
    let rdf = ["jld:PositiveEvaluationTest", "jld:ToRDFTest"];
    assert_eq!(
        run(
            Kind::ToRdf,
            &entry(&rdf, "toRdf/0002-in.jsonld", Some("toRdf/0002-out.nq"), None),
            &documents
        ),
        Outcome::Pass
    );
    assert!(matches!(
        run(
            Kind::ToRdf,
            &entry(&rdf, "toRdf/0002-in.jsonld", Some("toRdf/0003-out.nq"), None),
            &documents
        ),
        Outcome::Fail(_)
    ));
}

/// Not in the suite: a top-level `@context` with `"@propagate": false`. Its terms apply to the
/// node it is in and not to nested nodes (JSON-LD 1.1, "Context Propagation"; the expansion
/// algorithm, steps 7 and 9). The proofs take the top-level `@context` out and process it first
/// (`Job::process` and `active_context` in src/ld/canon.rs, mirrored by the suite hooks), so expansion
/// starts inside a context that has a previous context, and step 7 reverts to it for the
/// top-level node itself: its terms are undefined there. A known divergence of vpcheck's own
/// code, reported, not mended here; this fails once it is mended, to be turned into an assertion
/// of the right answer.
#[test]
fn known_divergence_top_level_context_that_does_not_propagate() {
    let doc = r#"{"@context": {"@version": 1.1, "@propagate": false, "a": "http://example.org/a"}, "@id": "http://example.org/s", "a": "x"}"#;
    let standard = serde_json::json!([{"@id": "http://example.org/s", "http://example.org/a": [{"@value": "x"}]}]);
    let options = SuiteOptions::default();
    let ours = vpcheck::testing::expand_for_suite(
        doc,
        "http://example.org/doc",
        &Arc::new(Vec::new()),
        &options,
    )
    .unwrap();
    assert!(!same(&ours, &standard, false), "the top-level non-propagating context is mended: assert {standard} here and update the README");
    assert_eq!(ours, serde_json::json!([]), "standard mode: the term is dropped");
    // The proofs refuse the document (strict expansion: the term is undefined).
    let policy = vpcheck::Policy::at(chrono::DateTime::UNIX_EPOCH);
    let proofs = vpcheck::testing::canonical_nquads(&serde_json::from_str(doc).unwrap(), &policy);
    assert_eq!(proofs.unwrap_err().code(), "field.invalid");
}

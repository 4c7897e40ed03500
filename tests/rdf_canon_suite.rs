//! The W3C RDF Dataset Canonicalization (RDFC-1.0) test suite, as an exam, through the function
//! the Data Integrity proofs canonicalise with (`vpcheck::testing::canonical_rdf`: the same
//! options and work bound). Copied in `test-vectors/external/rdf-canon/` (source, commit and
//! licence in its README.md).
//!
//! One harness over `tests/manifest.jsonld`:
//! - `rdfc:RDFC10EvalTest`: the canonical N-Quads equal the `-rdfc10.nq` file, byte for byte;
//! - `rdfc:RDFC10MapTest`: the issued identifiers map equals the `-rdfc10map.json` file;
//! - `rdfc:RDFC10NegativeEvalTest` (poison graphs): canonicalisation stops at the work bound;
//!
//! with the manifest's `hashAlgorithm` (SHA-256 unless it says `SHA384`). Every failure must be
//! listed in [`KNOWN_DIVERGENCES`], and every listed case must still fail.
#![cfg(feature = "ld")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Cases of the suite that fail through vpcheck's canonicaliser, with why. A listed case that
/// passes fails the harness, as does an unlisted failure.
const KNOWN_DIVERGENCES: &[(&str, &str)] = &[];

/// The step a poison graph is refused at: "hash N-degree quads" over the work budget, before or
/// during the calls (`vpcheck::Limits::max_work`).
const BOUND_MESSAGE: &str = "hash N-degree quads";

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/external/rdf-canon/tests")
}

fn read(file: &str) -> Result<String, String> {
    std::fs::read_to_string(suite().join(file)).map_err(|e| format!("{file}: {e}"))
}

fn parse_nquads(text: &str) -> Result<oxrdf::Dataset, String> {
    oxttl::NQuadsParser::new()
        .for_slice(text.as_bytes())
        .collect::<Result<_, _>>()
        .map_err(|e| format!("N-Quads: {e}"))
}

type Canonical = Result<(String, BTreeMap<String, String>), vpcheck::Error>;

/// One manifest entry run: `Ok` when the implementation does what the suite expects, else why not.
fn run(entry: &serde_json::Value) -> Result<(), String> {
    let member = |name: &str| entry.get(name).and_then(serde_json::Value::as_str);
    let input = parse_nquads(&read(member("action").ok_or("no action")?)?)?;
    let canonical: Canonical = match member("hashAlgorithm") {
        None | Some("SHA256") => vpcheck::testing::canonical_rdf::<sha2::Sha256>(&input),
        Some("SHA384") => vpcheck::testing::canonical_rdf::<sha2::Sha384>(&input),
        Some(other) => return Err(format!("hash algorithm {other} not supported by the harness")),
    };
    let result = || {
        member("result")
            .ok_or("no result")
            .and_then(|file| read(file).map_err(|_| "result unreadable"))
    };
    match member("type").ok_or("no type")? {
        "rdfc:RDFC10EvalTest" => {
            let (nquads, _) = canonical.map_err(|e| format!("error {}: {e}", e.code()))?;
            let expected = result()?;
            (nquads == expected).then_some(()).ok_or_else(|| {
                format!("canonical N-Quads differ:\n--- got\n{nquads}--- expected\n{expected}")
            })
        }
        "rdfc:RDFC10MapTest" => {
            let (_, issued) = canonical.map_err(|e| format!("error {}: {e}", e.code()))?;
            let expected: BTreeMap<String, String> =
                serde_json::from_str(&result()?).map_err(|e| format!("map file: {e}"))?;
            (issued == expected).then_some(()).ok_or_else(|| {
                format!("issued identifiers differ: got {issued:?}, expected {expected:?}")
            })
        }
        "rdfc:RDFC10NegativeEvalTest" => match canonical {
            Err(e) if e.code() == "limit.work" && e.to_string().contains(BOUND_MESSAGE) => Ok(()),
            Err(e) => Err(format!("refused, but not at the work bound: {} {e}", e.code())),
            Ok(_) => Err("canonicalised a poison graph: the work bound was not reached".into()),
        },
        other => Err(format!("test type {other} not supported by the harness")),
    }
}

/// The harness's complaints about one case: none when it passes unlisted or fails listed.
fn judge(id: &str, outcome: &Result<(), String>, divergences: &[(&str, &str)]) -> Option<String> {
    match (outcome, divergences.iter().find(|(listed, _)| *listed == id)) {
        (Ok(()), None) | (Err(_), Some(_)) => None,
        (Ok(()), Some((_, reason))) => Some(format!(
            "{id} passes but is listed as a known divergence ({reason}): remove it from the list"
        )),
        (Err(why), None) => Some(format!("{id} fails: {why}")),
    }
}

#[test]
fn w3c_rdfc10_suite() {
    let manifest: serde_json::Value =
        serde_json::from_str(&read("manifest.jsonld").unwrap()).unwrap();
    let entries = manifest["entries"].as_array().unwrap();
    let started = Instant::now();
    let (mut passed, mut complaints, mut ids, mut slowest) =
        (0, Vec::new(), Vec::new(), (Duration::ZERO, String::new()));
    for entry in entries {
        let id = entry["id"].as_str().unwrap().trim_start_matches('#').to_owned();
        let case = Instant::now();
        let outcome = run(entry);
        let took = case.elapsed();
        if took > slowest.0 {
            slowest = (took, id.clone());
        }
        if entry["type"] == "rdfc:RDFC10NegativeEvalTest" {
            println!("{id} (poison graph): {outcome:?} after {took:?}");
        }
        if let Err(why) = &outcome {
            println!("{id}: fails: {why}");
        }
        passed += usize::from(outcome.is_ok());
        complaints.extend(judge(&id, &outcome, KNOWN_DIVERGENCES));
        ids.push(id);
    }
    for (listed, _) in KNOWN_DIVERGENCES {
        if !ids.iter().any(|id| id == listed) {
            complaints.push(format!(
                "{listed} is listed as a known divergence but is not in the manifest"
            ));
        }
    }
    println!(
        "W3C RDFC-1.0 suite: {passed} of {} pass, {} known divergences, in {:?} (slowest: {} in {:?})",
        entries.len(),
        KNOWN_DIVERGENCES.len(),
        started.elapsed(),
        slowest.1,
        slowest.0
    );
    assert_eq!(
        entries.len(),
        86,
        "the manifest's size changed: update the README's conformance line"
    );
    assert!(complaints.is_empty(), "{}", complaints.join("\n"));
}

/// The harness fails both ways: an unlisted failure and a listed pass.
#[test]
fn the_harness_fails_on_unexpected_outcomes() {
    let listed = [("test001", "a reason")];
    assert_eq!(judge("test001", &Err("differs".into()), &listed), None);
    assert_eq!(judge("test002", &Ok(()), &listed), None);
    assert!(judge("test001", &Ok(()), &listed).unwrap().contains("remove it from the list"));
    assert!(judge("test002", &Err("differs".into()), &listed).unwrap().contains("differs"));
}

/// A tampered case fails: the expected output of one case is not another's, the hash matters,
/// and a graph the bound does not stop is not taken for a poison graph.
#[test]
fn tampered_cases_fail() {
    let entry = |kind: &str, action: &str, result: &str, hash: Option<&str>| {
        let mut e = serde_json::json!({"type": kind, "action": action, "result": result});
        if let Some(h) = hash {
            e["hashAlgorithm"] = h.into();
        }
        e
    };
    assert_eq!(
        run(&entry(
            "rdfc:RDFC10EvalTest",
            "rdfc10/test020-in.nq",
            "rdfc10/test020-rdfc10.nq",
            None
        )),
        Ok(())
    );
    assert!(run(&entry(
        "rdfc:RDFC10EvalTest",
        "rdfc10/test020-in.nq",
        "rdfc10/test030-rdfc10.nq",
        None
    ))
    .is_err());
    assert_eq!(
        run(&entry(
            "rdfc:RDFC10MapTest",
            "rdfc10/test075-in.nq",
            "rdfc10/test075-rdfc10map.json",
            Some("SHA384")
        )),
        Ok(())
    );
    assert!(run(&entry(
        "rdfc:RDFC10MapTest",
        "rdfc10/test075-in.nq",
        "rdfc10/test075-rdfc10map.json",
        None
    ))
    .is_err());
    assert!(run(&entry("rdfc:RDFC10NegativeEvalTest", "rdfc10/test020-in.nq", "", None)).is_err());
}

//! `vpcheck audit` over a corpus built from the vectors of `test-vectors/expected.json` (every
//! vendor and outcome: verified, rejected for each reason, unchecked) plus malformed NDJSON
//! lines: per-item verdicts and codes, input order, line numbers, summary counts, exit codes,
//! and the same output with one job or two.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize, Clone)]
struct Case {
    file: String,
    now: String,
    policy: Value,
    verdict: String,
    codes: Vec<String>,
}

/// What one item must come out as.
#[derive(Debug, Clone, PartialEq)]
struct Expect {
    label: String,
    verdict: String,
    codes: Vec<String>,
}

fn vectors() -> PathBuf {
    PathBuf::from(concat!(concat!(env!("CARGO_MANIFEST_DIR"), "/.."), "/test-vectors"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("audit-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn audit(args: &[&str], inputs: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpcheck"))
        .arg("audit")
        .args(args)
        .args(inputs)
        .output()
        .unwrap()
}

/// The item lines and the summary of an NDJSON run.
fn split(out: &Output) -> (Vec<Value>, Value) {
    let mut lines: Vec<Value> = String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary = lines.pop().unwrap()["summary"].clone();
    assert!(summary.is_object(), "the last line is the summary");
    (lines, summary)
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

fn got(item: &Value) -> Expect {
    Expect {
        label: item["input"].as_str().unwrap().to_owned(),
        verdict: item["verdict"].as_str().unwrap().to_owned(),
        codes: sorted(
            item["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["code"].as_str().unwrap().to_owned())
                .collect(),
        ),
    }
}

/// A corpus for one instant: every vector needing no policy option as a file under `files/`
/// (names numbered so the walk order is the list order), and the JSON ones again as NDJSON lines
/// (pretty-printed JSON has newlines only between tokens, so joining its lines keeps its
/// meaning), with JWTs as JSON strings and malformed lines between them.
fn corpus(dir: &Path, cases: &[Case]) -> Vec<Expect> {
    let files = dir.join("files");
    std::fs::create_dir_all(&files).unwrap();
    let mut expected = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let name = format!("{i:03}-{}", case.file.replace('/', "_"));
        std::fs::copy(vectors().join(&case.file), files.join(&name)).unwrap();
        expected.push(Expect {
            label: files.join(&name).display().to_string(),
            verdict: case.verdict.clone(),
            codes: sorted(case.codes.clone()),
        });
    }
    let ndjson = dir.join("lines.ndjson");
    let mut text = String::new();
    let mut line = 0;
    let mut push = |text: &mut String, content: &str, verdict: &str, codes: &[&str]| {
        line += 1;
        text.push_str(content);
        text.push('\n');
        if !content.trim().is_empty() {
            expected.push(Expect {
                label: format!("{}:{line}", ndjson.display()),
                verdict: verdict.to_owned(),
                codes: sorted(codes.iter().map(|c| (*c).to_owned()).collect()),
            });
        }
    };
    push(&mut text, "{\"unterminated\": ", "rejected", &["input.json_syntax"]);
    for case in cases {
        let bytes = std::fs::read(vectors().join(&case.file)).unwrap();
        // Raw bytes the library must see as they are (BOM, bad UTF-8, duplicates, trailing
        // data) stay files only.
        let Ok(content) = String::from_utf8(bytes) else { continue };
        if case.codes.iter().any(|c| c.starts_with("input.")) {
            continue;
        }
        let one_line = if case.file.ends_with(".jwt") {
            serde_json::to_string(content.trim()).unwrap()
        } else {
            content.replace(['\r', '\n'], " ")
        };
        let codes: Vec<&str> = case.codes.iter().map(String::as_str).collect();
        push(&mut text, &one_line, &case.verdict, &codes);
    }
    push(&mut text, "   ", "", &[]);
    push(&mut text, "not json at all", "rejected", &["input.json_syntax"]);
    push(&mut text, "[1, 2, 3]", "rejected", &["input.unknown_format"]);
    std::fs::write(&ndjson, text).unwrap();
    expected
}

/// The policy members an audit of many vectors can share: whom each trusts. Other members
/// (keys, expectations) differ from vector to vector.
const TRUST: [(&str, &str); 2] =
    [("trust_issuers", "--trust-issuer"), ("trust_trinsic_issuers", "--trust-trinsic-issuer")];

fn cases_by_instant() -> BTreeMap<String, Vec<Case>> {
    let all: Vec<Case> =
        serde_json::from_str(&std::fs::read_to_string(vectors().join("expected.json")).unwrap())
            .unwrap();
    let mut by_now: BTreeMap<String, Vec<Case>> = BTreeMap::new();
    let shareable = |c: &Case| {
        c.policy.as_object().is_some_and(|p| p.keys().all(|k| TRUST.iter().any(|(m, _)| m == k)))
    };
    for case in all.into_iter().filter(shareable) {
        by_now.entry(case.now.clone()).or_default().push(case);
    }
    by_now
}

/// The audit flags trusting every issuer the cases trust.
fn trust_flags(cases: &[Case]) -> Vec<String> {
    let mut flags = Vec::new();
    for (member, flag) in TRUST {
        let mut issuers: Vec<&str> = cases
            .iter()
            .flat_map(|c| c.policy[member].as_array().into_iter().flatten())
            .filter_map(Value::as_str)
            .collect();
        issuers.sort_unstable();
        issuers.dedup();
        for issuer in issuers {
            flags.extend([flag.to_owned(), issuer.to_owned()]);
        }
    }
    flags
}

#[test]
fn every_item_in_order_with_its_codes_and_the_summary_adds_up() {
    let by_now = cases_by_instant();
    assert!(by_now.len() >= 4, "vectors at several instants: {:?}", by_now.keys());
    let mut vendors = std::collections::BTreeSet::new();
    for (n, (now, cases)) in by_now.iter().enumerate() {
        let dir = scratch(&format!("corpus{n}"));
        let expected = corpus(&dir, cases);
        let trust = trust_flags(cases);
        let mut args = vec!["--now", now.as_str(), "--jobs", "2"];
        args.extend(trust.iter().map(String::as_str));
        let out = audit(&args, &[&dir]);
        let (items, summary) = split(&out);
        let got: Vec<Expect> = items.iter().map(got).collect();
        assert_eq!(got.len(), expected.len(), "{now}: item count");
        for (g, e) in got.iter().zip(&expected) {
            assert_eq!(g, e, "{now}");
        }
        for item in &items {
            vendors.insert(item["format"].as_str().unwrap_or("unrecognised").to_owned());
        }
        let count =
            |v: &str| u64::try_from(expected.iter().filter(|e| e.verdict == v).count()).unwrap();
        assert_eq!(summary["total"], u64::try_from(expected.len()).unwrap());
        for v in ["verified", "rejected", "unchecked"] {
            assert_eq!(summary[v], count(v), "{now}: {v}");
        }
        let malformed = expected
            .iter()
            .filter(|e| e.codes.iter().any(|c| c.starts_with("input.") || c.starts_with("field.")))
            .count();
        assert!(summary["malformed"].as_u64().unwrap() >= u64::try_from(malformed.min(1)).unwrap());
        let formats: u64 =
            summary["by_format"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
        assert_eq!(formats, summary["total"].as_u64().unwrap());
        for (code, n) in summary["by_code"].as_object().unwrap() {
            let items_with = expected.iter().filter(|e| e.codes.contains(code)).count();
            assert_eq!(n.as_u64().unwrap(), u64::try_from(items_with).unwrap(), "{now}: {code}");
        }
        assert!(summary["slowest"].as_array().unwrap().len() <= 10);
        let exit = if count("rejected") > 0 {
            1
        } else if count("unchecked") > 0 {
            3
        } else {
            0
        };
        assert_eq!(out.status.code(), Some(exit), "{now}");
    }
    // Regula needs a policy option; exit_codes_follow_the_worst_verdict covers it.
    for vendor in [
        "trinsic-connect-session",
        "trinsic-session-result",
        "hopae-userinfo",
        "incode-result",
        "jws",
        "json-ld-presentation",
        "unrecognised",
    ] {
        assert!(vendors.contains(vendor), "no {vendor} item in {vendors:?}");
    }
}

#[test]
fn one_job_or_two_give_the_same_report() {
    let (now, cases) = cases_by_instant().into_iter().find(|(_, c)| c.len() > 40).unwrap();
    let dir = scratch("jobs");
    corpus(&dir, &cases);
    let strip = |out: &Output| -> Vec<Value> {
        let (mut items, _) = split(out);
        for item in &mut items {
            item.as_object_mut().unwrap().remove("elapsed_us");
        }
        items
    };
    let trust = trust_flags(&cases);
    let with = |extra: &[&str]| -> Output {
        let mut args = vec!["--now", now.as_str()];
        args.extend(extra);
        args.extend(trust.iter().map(String::as_str));
        audit(&args, &[&dir])
    };
    let one = with(&["--jobs", "1"]);
    let two = with(&["--jobs", "2"]);
    assert_eq!(strip(&one), strip(&two));
    assert_eq!(one.status.code(), two.status.code());
    // --report writes the same lines.
    let report = dir.join("report.ndjson");
    let with_report = audit(
        &["--now", &now, "--jobs", "2", "--report", report.to_str().unwrap()],
        &[&dir.join("files")],
    );
    let file_lines = std::fs::read_to_string(&report).unwrap().lines().count();
    assert_eq!(file_lines, String::from_utf8(with_report.stdout).unwrap().lines().count());
}

#[test]
fn exit_codes_follow_the_worst_verdict() {
    let dir = scratch("exits");
    let verified = dir.join("verified.ndjson");
    let hopae = std::fs::read_to_string(vectors().join("hopae/userinfo-valid.json"))
        .unwrap()
        .replace('\n', " ");
    std::fs::write(&verified, format!("{hopae}\n{hopae}\n")).unwrap();
    // The vector's tokens are filler (nothing verifies): an unsigned result, on the opt-in.
    let out = audit(&["--now", "2025-10-28T06:30:00Z", "--allow-unsigned-formats"], &[&verified]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let unchecked = dir.join("unchecked.ndjson");
    let regula =
        std::fs::read_to_string(vectors().join("regula/session.json")).unwrap().replace('\n', " ");
    std::fs::write(&unchecked, format!("{hopae}\n{regula}\n")).unwrap();
    assert_eq!(audit(&["--now", "2025-10-28T06:30:00Z"], &[&unchecked]).status.code(), Some(3));
    std::fs::write(&unchecked, format!("{hopae}\n{regula}\n{{\n")).unwrap();
    assert_eq!(audit(&["--now", "2025-10-28T06:30:00Z"], &[&unchecked]).status.code(), Some(1));
    // Usage errors: a missing input, --now with --at-field.
    assert_eq!(audit(&[], &[&dir.join("absent.json")]).status.code(), Some(2));
    assert_eq!(
        audit(&["--now", "2025-10-28T06:30:00Z", "--at-field", "updated"], &[&verified])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn at_field_judges_each_item_at_its_own_instant() {
    let dir = scratch("at-field");
    let lines = dir.join("sessions.ndjson");
    let trinsic = std::fs::read_to_string(vectors().join("trinsic-sessions/result-success.json"))
        .unwrap()
        .replace('\n', " ");
    let hopae = std::fs::read_to_string(vectors().join("hopae/userinfo-valid.json"))
        .unwrap()
        .replace('\n', " ");
    std::fs::write(&lines, format!("{trinsic}\n{hopae}\n")).unwrap();
    // The Trinsic sessions API result carries session.updated; Hopae carries none under that name.
    // The sessions API result is unsigned: accepted here, the subject is the instant.
    let out = audit(&["--at-field", "session.updated", "--allow-unsigned-formats"], &[&lines]);
    let (items, _) = split(&out);
    assert_eq!(got(&items[0]).verdict, "verified", "{}", items[0]);
    assert!(items[0]["at"].as_str().unwrap().starts_with("2024-"), "{}", items[0]);
    assert_eq!(got(&items[1]).codes, ["audit.instant_unavailable"]);
    assert_eq!(got(&items[1]).verdict, "unchecked");
    assert_eq!(out.status.code(), Some(3));
    // Hopae's own instant.
    let out = audit(
        &["--at-field", "provenance._metadata.verified_at", "--allow-unsigned-formats"],
        &[&lines],
    );
    let (items, _) = split(&out);
    assert_eq!(got(&items[1]).verdict, "verified", "{}", items[1]);
}

#[test]
fn text_and_json_formats() {
    let dir = vectors().join("incode");
    let text = audit(&["--now", "2025-01-01T00:00:00Z", "--format", "text"], &[&dir]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("rejected") && text.contains("error code") && text.contains("slowest"),
        "{text}"
    );
    let json = audit(&["--now", "2025-01-01T00:00:00Z", "--format", "json"], &[&dir]);
    let doc: Value = serde_json::from_slice(&json.stdout).unwrap();
    // One item per file of the directory.
    let files = std::fs::read_dir(&dir).unwrap().count();
    assert!(files >= 6, "{files}");
    assert_eq!(doc["items"].as_array().unwrap().len(), files);
    assert_eq!(doc["summary"]["total"], files);
}

/// Terminal injection: an input name is attacker-controlled, and the text report writes it on a
/// line of its own. A file named `a\nOK b.json` must not print a line `OK b.json ...`, and ESC
/// sequences or bidi overrides in a name must not reach the terminal: they are written as
/// escapes (`\n`, `\u{1b}`, `\u{202e}`). NDJSON keeps the name as it is (serde_json escapes it).
#[test]
fn text_output_escapes_input_names() {
    let dir = scratch("escape");
    let files = dir.join("files");
    std::fs::create_dir_all(&files).unwrap();
    let hostile = [
        "a\nOK b.json",
        "c\r\u{1b}[2J\u{1b}[32mVERIFIED.json",
        "d\u{202e}nosj.txt",
        "e\u{9b}31m.json",
    ];
    for name in hostile {
        std::fs::write(files.join(name), "not json").unwrap();
    }
    // The control: a plain name, and an item that verifies, whose name is not listed.
    std::fs::write(files.join("plain.json"), "not json").unwrap();
    std::fs::copy(
        vectors().join("trinsic-sessions/result-success.json"),
        files.join("verified.json"),
    )
    .unwrap();

    // The control verifies only with unsigned formats accepted (a Trinsic sessions API result).
    let out = audit(
        &["--now", "2024-08-01T16:00:00Z", "--format", "text", "--allow-unsigned-formats"],
        &[&files],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains(['\u{1b}', '\r', '\u{202e}', '\u{9b}']), "{text:?}");
    // Every rejected item is on one line of its own, its name escaped; nothing else starts a line
    // with a name's tail.
    let listed = files.display().to_string();
    let rejected: Vec<&str> =
        text.lines().filter(|l| l.starts_with("rejected ") && l.contains(&listed)).collect();
    assert_eq!(rejected.len(), 5, "{text}");
    for escaped in [
        "a\\nOK b.json",
        "c\\r\\u{1b}[2J\\u{1b}[32mVERIFIED.json",
        "d\\u{202e}nosj.txt",
        "e\\u{9b}31m.json",
        "plain.json",
    ] {
        assert_eq!(rejected.iter().filter(|l| l.contains(escaped)).count(), 1, "{escaped}: {text}");
    }
    assert!(!text.lines().any(|l| l.starts_with("OK b.json")), "{text}");
    assert!(
        text.lines().filter(|l| l.contains("OK b.json")).all(|l| l.contains("a\\nOK b.json")),
        "{text}"
    );
    // The slowest table lists names too: escaped the same way.
    assert!(
        text.lines()
            .filter(|l| l.contains("VERIFIED.json"))
            .all(|l| l.contains("\\u{1b}[32mVERIFIED.json")),
        "{text}"
    );

    // NDJSON: the names as they are, escaped by JSON.
    let out = audit(&["--now", "2024-08-01T16:00:00Z"], &[&files]);
    let (items, summary) = split(&out);
    assert_eq!(summary["total"], 6);
    for name in hostile {
        assert!(
            items.iter().any(|i| i["input"] == files.join(name).display().to_string()),
            "{name:?}"
        );
    }
}

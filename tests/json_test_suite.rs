//! JSONTestSuite (nst/JSONTestSuite, `test_parsing/`), as an exam of the JSON layer: every file
//! through `vpcheck::testing::json_layer`, the size, byte order mark, UTF-8 and structure checks
//! `vpcheck::parse` applies to its input before it detects a format (the same calls, not a second
//! parser). Copied in `test-vectors/external/JSONTestSuite/` (source, commit and licence in its
//! README.md).
//!
//! One harness over the 318 files:
//! - `y_` must be accepted, `n_` must be rejected, with a JSON-layer code of `Error::code()`;
//!   every case that does otherwise must be listed in [`KNOWN_DIVERGENCES`] with why, and every
//!   listed case must still diverge;
//! - `i_` (implementation-defined) must decide as [`IMPLEMENTATION_DEFINED`] says, so that a
//!   change of behaviour shows;
//! - on every file, `vpcheck::parse` returns the layer's error when the layer refuses (it runs
//!   the same layer), and the layer's two tiers agree (`vpcheck::fuzzing::json_tiers_agree`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use vpcheck::Limits;

use Outcome::{Accepted, Rejected};

/// What the JSON layer does with one file: accepts it, or refuses it with the error's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Accepted,
    Rejected(&'static str),
}

/// The codes the JSON layer refuses with (`vpcheck::testing::json_layer`'s errors).
const JSON_LAYER_CODES: &[&str] = &[
    "input.too_large",
    "input.bom",
    "input.invalid_utf8",
    "input.empty",
    "input.json_syntax",
    "input.too_deep",
    "input.duplicate_member",
    "input.trailing_data",
];

/// `y_` and `n_` cases the JSON layer does not decide as the suite says, with why. A listed case
/// that conforms fails the harness, as does an unlisted divergence.
const KNOWN_DIVERGENCES: &[(&str, &str)] = &[
    (
        "y_object_duplicated_key.json",
        "duplicate member names refused by design (input.duplicate_member): RFC 8259 section 4 says names SHOULD be unique and leaves duplicates' meaning open, so parsers that keep the first or the last would read different claims from one signed document",
    ),
    (
        "y_object_duplicated_key_and_value.json",
        "duplicate member names refused by design (input.duplicate_member), even with equal values: the structure pass refuses every repeated name, not only conflicting ones",
    ),
];

/// Every `i_` case with the layer's decision: strict where the suite leaves the choice open.
const IMPLEMENTATION_DEFINED: &[(&str, Outcome)] = &[
    // Numbers: serde_json reads each into an i64, u64 or f64. Integers beyond 64 bits become an
    // f64 (precision lost, which the layer does not judge), an exponent below the f64 range
    // rounds to 0, one above it is refused ("number out of range", reported as JSON syntax).
    ("i_number_double_huge_neg_exp.json", Accepted),
    ("i_number_huge_exp.json", Rejected("input.json_syntax")),
    ("i_number_neg_int_huge_exp.json", Rejected("input.json_syntax")),
    ("i_number_pos_double_huge_exp.json", Rejected("input.json_syntax")),
    ("i_number_real_neg_overflow.json", Rejected("input.json_syntax")),
    ("i_number_real_pos_overflow.json", Rejected("input.json_syntax")),
    ("i_number_real_underflow.json", Accepted),
    ("i_number_too_big_neg_int.json", Accepted),
    ("i_number_too_big_pos_int.json", Accepted),
    ("i_number_very_big_negative_int.json", Accepted),
    // Escaped lone or misordered surrogates: no Unicode scalar value, refused.
    ("i_object_key_lone_2nd_surrogate.json", Rejected("input.json_syntax")),
    ("i_string_1st_surrogate_but_2nd_missing.json", Rejected("input.json_syntax")),
    ("i_string_1st_valid_surrogate_2nd_invalid.json", Rejected("input.json_syntax")),
    ("i_string_incomplete_surrogate_and_escape_valid.json", Rejected("input.json_syntax")),
    ("i_string_incomplete_surrogate_pair.json", Rejected("input.json_syntax")),
    ("i_string_incomplete_surrogates_escape_valid.json", Rejected("input.json_syntax")),
    ("i_string_invalid_lonely_surrogate.json", Rejected("input.json_syntax")),
    ("i_string_invalid_surrogate.json", Rejected("input.json_syntax")),
    ("i_string_inverted_surrogates_U+1D11E.json", Rejected("input.json_syntax")),
    ("i_string_lone_second_surrogate.json", Rejected("input.json_syntax")),
    // Bytes that are not UTF-8 (encoded surrogates, overlong and truncated sequences, code
    // points past U+10FFFF, Latin-1, UTF-16 with or without a byte order mark): refused before
    // any JSON is read.
    ("i_string_UTF-16LE_with_BOM.json", Rejected("input.invalid_utf8")),
    ("i_string_UTF-8_invalid_sequence.json", Rejected("input.invalid_utf8")),
    ("i_string_UTF8_surrogate_U+D800.json", Rejected("input.invalid_utf8")),
    ("i_string_invalid_utf-8.json", Rejected("input.invalid_utf8")),
    ("i_string_iso_latin_1.json", Rejected("input.invalid_utf8")),
    ("i_string_lone_utf8_continuation_byte.json", Rejected("input.invalid_utf8")),
    ("i_string_not_in_unicode_range.json", Rejected("input.invalid_utf8")),
    ("i_string_overlong_sequence_2_bytes.json", Rejected("input.invalid_utf8")),
    ("i_string_overlong_sequence_6_bytes.json", Rejected("input.invalid_utf8")),
    ("i_string_overlong_sequence_6_bytes_null.json", Rejected("input.invalid_utf8")),
    ("i_string_truncated-utf-8.json", Rejected("input.invalid_utf8")),
    ("i_string_utf16BE_no_BOM.json", Rejected("input.invalid_utf8")),
    ("i_string_utf16LE_no_BOM.json", Rejected("input.invalid_utf8")),
    // 500 levels: past the 64-level depth limit.
    ("i_structure_500_nested_arrays.json", Rejected("input.too_deep")),
    // A UTF-8 byte order mark is refused (RFC 8259 section 8.1: MUST NOT add one).
    ("i_structure_UTF-8_BOM_empty_object.json", Rejected("input.bom")),
];

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/external/JSONTestSuite/test_parsing")
}

/// The suite's file names, sorted.
fn files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(suite())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(suite().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The JSON layer on `bytes`, under the default limits (64 levels, 1 MiB).
fn outcome(bytes: &[u8]) -> Outcome {
    match vpcheck::testing::json_layer(bytes, &Limits::default()) {
        Ok(()) => Accepted,
        Err(e) => Rejected(e.code()),
    }
}

/// Whether `outcome` is what the suite asks of a `y_` or `n_` file (`None` for `i_`).
fn conforms(name: &str, outcome: Outcome) -> Option<bool> {
    match (name.get(..2)?, outcome) {
        ("y_", outcome) => Some(outcome == Accepted),
        ("n_", Rejected(code)) => Some(JSON_LAYER_CODES.contains(&code)),
        ("n_", Accepted) => Some(false),
        _ => None,
    }
}

/// The harness's complaint about one file, if any: `y_`/`n_` against [`KNOWN_DIVERGENCES`],
/// `i_` against [`IMPLEMENTATION_DEFINED`].
fn judge(
    name: &str,
    outcome: Outcome,
    divergences: &[(&str, &str)],
    implementation_defined: &[(&str, Outcome)],
) -> Option<String> {
    let listed = divergences.iter().find(|(listed, _)| *listed == name);
    match (conforms(name, outcome), listed) {
        (Some(true), None) | (Some(false), Some(_)) => None,
        (Some(true), Some((_, why))) => {
            Some(format!("{name} now conforms ({outcome:?}) but is listed as a known divergence ({why}): remove it from the list"))
        }
        (Some(false), None) => Some(format!("{name}: the JSON layer gives {outcome:?}, the suite expects the opposite")),
        (None, _) => match implementation_defined.iter().find(|(listed, _)| *listed == name) {
            _ if !name.starts_with("i_") => Some(format!("{name}: not a y_, n_ or i_ file")),
            Some((_, recorded)) if *recorded == outcome => None,
            Some((_, recorded)) => Some(format!("{name}: the JSON layer gives {outcome:?}, IMPLEMENTATION_DEFINED records {recorded:?}: a change of behaviour")),
            None => Some(format!("{name}: not in IMPLEMENTATION_DEFINED (the JSON layer gives {outcome:?})")),
        },
    }
}

/// `vpcheck::parse` on the same bytes: it refuses what the layer refuses, with the same code,
/// and what it refuses after the layer accepted is refused for another reason than JSON.
/// Input that looks like a compact JWS goes to the JWS decoder before the JSON layer; it must
/// be refused all the same.
fn parse_agrees(name: &str, bytes: &[u8], layer: Outcome) -> Option<String> {
    let parsed = vpcheck::parse(bytes, &Limits::default()).err().map(|e| e.code());
    let text = std::str::from_utf8(bytes).unwrap_or_default().trim_matches([' ', '\t', '\n', '\r']);
    let looks_compact = !text
        .starts_with(|c: char| matches!(c, '{' | '[' | '"' | '-' | '0'..='9' | 't' | 'f' | 'n'))
        && text.contains('.');
    match (layer, parsed) {
        (Rejected(code), Some(got)) if code == got => None,
        (Rejected(_), Some(got)) if looks_compact && got.starts_with("jws.") => None,
        (Accepted, Some(got)) if !JSON_LAYER_CODES.contains(&got) => None,
        (layer, parsed) => {
            Some(format!("{name}: the JSON layer gives {layer:?}, vpcheck::parse {parsed:?}"))
        }
    }
}

#[test]
fn json_test_suite() {
    let started = Instant::now();
    let names = files();
    let (mut complaints, mut counts, mut passed) = (Vec::new(), [0usize; 3], [0usize; 2]);
    let mut codes = std::collections::BTreeMap::<&str, usize>::new();
    for name in &names {
        let bytes = read(name);
        let got = outcome(&bytes);
        if let Some(slot) = ["y_", "n_", "i_"].iter().position(|p| name.starts_with(p)) {
            counts[slot] += 1;
            if conforms(name, got) == Some(true) {
                passed[slot] += 1;
            }
        }
        if let Rejected(code) = got {
            *codes.entry(code).or_default() += 1;
        }
        complaints.extend(judge(name, got, KNOWN_DIVERGENCES, IMPLEMENTATION_DEFINED));
        complaints.extend(parse_agrees(name, &bytes, got));
        if let Err(disagreement) = vpcheck::fuzzing::json_tiers_agree(&bytes) {
            complaints.push(format!("{name}: the JSON layer's tiers disagree: {disagreement}"));
        }
    }
    for (listed, _) in KNOWN_DIVERGENCES {
        if !names.iter().any(|n| n == listed) || listed.starts_with("i_") {
            complaints.push(format!(
                "{listed} is listed as a known divergence but is no y_ or n_ file of the suite"
            ));
        }
    }
    for (listed, _) in IMPLEMENTATION_DEFINED {
        if !names.iter().any(|n| n == listed) || !listed.starts_with("i_") {
            complaints.push(format!(
                "{listed} is in IMPLEMENTATION_DEFINED but is no i_ file of the suite"
            ));
        }
    }
    let ([y, n, i], [y_passed, n_passed]) = (counts, passed);
    eprintln!(
        "JSONTestSuite through the JSON layer: {} of {} y_/n_ cases pass (y_ accepted: {y_passed} of {y}, n_ rejected: {n_passed} of {n}), {} known divergences; {i} i_ cases decided as recorded; codes of all refusals: {codes:?}; in {:?}",
        y_passed + n_passed,
        y + n,
        KNOWN_DIVERGENCES.len(),
        started.elapsed()
    );
    for (name, why) in KNOWN_DIVERGENCES {
        eprintln!("  divergence {name}: {why}");
    }
    assert_eq!(
        (y, n, i),
        (95, 188, 35),
        "the suite's size changed: update the README's conformance line"
    );
    // The README's conformance line says what this run found.
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let line = &readme
        [readme.find("- JSONTestSuite").expect("the README's JSONTestSuite conformance line")..];
    let line = &line[..line.find("\n- ").or_else(|| line.find("\n\n")).unwrap_or(line.len())];
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    for said in [
        format!("{} of {} pass", y_passed + n_passed, y + n),
        format!("{y_passed} of {y} `y_` accepted"),
        format!("{n_passed} of {n} `n_` refused"),
        format!("the {i} `i_` cases"),
    ]
    .into_iter()
    .chain(
        KNOWN_DIVERGENCES.iter().map(|(name, _)| format!("`{}`", name.trim_end_matches(".json"))),
    ) {
        if !line.contains(&said) {
            complaints.push(format!("the README's conformance line does not say {said:?}: {line}"));
        }
    }
    assert!(complaints.is_empty(), "{}", complaints.join("\n"));
}

/// The harness fails both ways on `y_`/`n_` files, and on an `i_` decision that changed.
#[test]
fn the_harness_fails_on_unexpected_outcomes() {
    let listed = [("y_listed.json", "a reason"), ("n_listed.json", "a reason")];
    let recorded = [("i_recorded.json", Rejected("input.json_syntax"))];
    let judge = |name: &str, outcome: Outcome| judge(name, outcome, &listed, &recorded);
    assert_eq!(judge("y_other.json", Accepted), None);
    assert_eq!(judge("n_other.json", Rejected("input.json_syntax")), None);
    assert_eq!(judge("y_listed.json", Rejected("input.duplicate_member")), None);
    assert_eq!(judge("n_listed.json", Accepted), None);
    assert_eq!(judge("i_recorded.json", Rejected("input.json_syntax")), None);
    assert!(judge("y_listed.json", Accepted).unwrap().contains("remove it from the list"));
    assert!(judge("n_listed.json", Rejected("input.trailing_data"))
        .unwrap()
        .contains("remove it from the list"));
    assert!(judge("y_other.json", Rejected("input.json_syntax")).unwrap().contains("y_other.json"));
    assert!(judge("n_other.json", Accepted).unwrap().contains("n_other.json"));
    // A refusal with a code that is not the JSON layer's is no conformance.
    assert!(judge("n_other.json", Rejected("input.unknown_format"))
        .unwrap()
        .contains("n_other.json"));
    assert!(judge("i_recorded.json", Accepted).unwrap().contains("a change of behaviour"));
    assert!(judge("i_recorded.json", Rejected("input.too_deep"))
        .unwrap()
        .contains("a change of behaviour"));
    assert!(judge("i_unrecorded.json", Accepted)
        .unwrap()
        .contains("not in IMPLEMENTATION_DEFINED"));
}

/// Representative cases with the code each must have.
#[test]
fn representative_cases_have_their_codes() {
    for (name, code) in [
        // Trailing commas, in an array and in an object.
        ("n_array_extra_comma.json", "input.json_syntax"),
        ("n_object_trailing_comma.json", "input.json_syntax"),
        // Invalid UTF-8: a lone 0xFF in an array, a lone Latin-1 byte as the whole input.
        ("n_array_invalid_utf8.json", "input.invalid_utf8"),
        ("n_structure_single_eacute.json", "input.invalid_utf8"),
        // A byte order mark alone, and two of its three bytes (not UTF-8 then).
        ("n_structure_UTF8_BOM_no_data.json", "input.bom"),
        ("n_structure_incomplete_UTF8_BOM.json", "input.invalid_utf8"),
        ("i_structure_UTF-8_BOM_empty_object.json", "input.bom"),
        // Data after the value.
        ("n_object_with_trailing_garbage.json", "input.trailing_data"),
        ("n_structure_double_array.json", "input.trailing_data"),
        // Duplicate member names (the suite accepts them: a listed divergence).
        ("y_object_duplicated_key.json", "input.duplicate_member"),
        ("y_object_duplicated_key_and_value.json", "input.duplicate_member"),
        // 100 000 open arrays: refused at the depth limit, before the end of the input.
        ("n_structure_100000_opening_arrays.json", "input.too_deep"),
        // Nothing, or whitespace only.
        ("n_structure_no_data.json", "input.empty"),
        ("n_single_space.json", "input.empty"),
        // A raw tab in a string, a leading zero.
        ("n_string_unescaped_tab.json", "input.json_syntax"),
        ("n_number_with_leading_zero.json", "input.json_syntax"),
    ] {
        assert_eq!(outcome(&read(name)), Rejected(code), "{name}");
    }
    // The errors name where: the offset of the first byte that is not UTF-8, the repeated name.
    let layer =
        |name: &str| vpcheck::testing::json_layer(&read(name), &Limits::default()).unwrap_err();
    assert_eq!(
        layer("n_array_invalid_utf8.json"),
        vpcheck::Error::InvalidUtf8 { field: "(document)".into(), offset: 1 }
    );
    assert_eq!(
        layer("y_object_duplicated_key.json"),
        vpcheck::Error::DuplicateMember { field: "(document)".into(), name: "a".into() }
    );
}

/// The depth refusals are the library's limit: the 500-level `i_` case is refused at 64 levels,
/// and its 64 innermost levels (the same bytes cut) are accepted.
#[test]
fn deep_nesting_is_refused_at_the_depth_limit() {
    let deep = read("i_structure_500_nested_arrays.json");
    assert_eq!(outcome(&deep), Rejected("input.too_deep"));
    let opening = deep.iter().take_while(|b| **b == b'[').count();
    assert_eq!((opening, deep.len()), (500, 1000), "500 '[' then 500 ']'");
    let inner =
        |levels: usize| [&deep[opening - levels..opening], &deep[deep.len() - levels..]].concat();
    assert_eq!(outcome(&inner(64)), Accepted);
    assert_eq!(outcome(&inner(65)), Rejected("input.too_deep"));
}

//! The error codes are declared once (`src/error.rs`, `Error::CODES`): the README's error table
//! lists exactly those codes with their kinds, and `docs/error-codes.json`, which the vector
//! generator reads, is their export.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};

use vpcheck::{Error, ErrorKind};

fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Malformed => "malformed",
        ErrorKind::Invalid => "invalid",
        ErrorKind::Unchecked => "could not check",
    }
}

/// Code to kind; a code declared twice must have one kind.
fn declared() -> BTreeMap<&'static str, &'static str> {
    let mut codes = BTreeMap::new();
    for (code, kind) in Error::CODES {
        let previous = codes.insert(*code, kind_name(*kind));
        assert!(previous.is_none_or(|p| p == kind_name(*kind)), "{code} declared with two kinds");
    }
    codes
}

#[test]
fn readme_error_table_matches_the_code() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let in_readme: BTreeMap<&str, &str> = readme
        .lines()
        .filter(|l| l.starts_with("| `") && l.contains('.'))
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let code = l.split('`').nth(1).unwrap();
            let is_code = code.contains('.')
                && code.chars().all(|ch| {
                    ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '.' || ch == '_'
                });
            (is_code
                && cells.len() > 3
                && ["malformed", "invalid", "could not check"].contains(&cells[2]))
            .then(|| (code, cells[2]))
        })
        .collect();
    let declared = declared();
    assert!(declared.len() >= 40, "{declared:?}");
    assert_eq!(
        declared.keys().collect::<BTreeSet<_>>(),
        in_readme.keys().collect::<BTreeSet<_>>(),
        "codes"
    );
    assert_eq!(declared, in_readme, "kinds");
}

/// `docs/error-codes.json` is `Error::CODES` as JSON. Rewrite it with
/// `VPCHECK_WRITE_CODES=1 cargo test --test readme`.
#[test]
fn the_exported_code_list_is_current() {
    let path = format!("{}/docs/error-codes.json", env!("CARGO_MANIFEST_DIR"));
    let mut text = String::from("{\n");
    let declared = declared();
    for (i, (code, kind)) in declared.iter().enumerate() {
        text.push_str(&format!(
            "  \"{code}\": \"{kind}\"{}\n",
            if i + 1 < declared.len() { "," } else { "" }
        ));
    }
    text.push_str("}\n");
    if std::env::var_os("VPCHECK_WRITE_CODES").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        text,
        "docs/error-codes.json is stale: VPCHECK_WRITE_CODES=1 cargo test --test readme"
    );
}

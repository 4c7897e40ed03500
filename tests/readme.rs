//! The README's error-code table lists exactly the codes `Error::code` can return.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::collections::BTreeSet;

#[test]
fn readme_error_table_matches_the_code() {
    let root = env!("CARGO_MANIFEST_DIR");
    let source = std::fs::read_to_string(format!("{root}/src/error.rs")).unwrap();
    let code_fn = &source[source.find("pub fn code(&self)").unwrap()..source.find("pub fn kind(&self)").unwrap()];
    let in_code: BTreeSet<&str> = code_fn.split("=> \"").skip(1).map(|s| s.split('"').next().unwrap()).collect();
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let in_readme: BTreeSet<&str> = readme
        .lines()
        .filter(|l| l.starts_with("| `") && l.contains('.'))
        .map(|l| l.split('`').nth(1).unwrap())
        .filter(|c| c.contains('.') && c.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '.' || ch == '_'))
        .collect();
    assert!(in_code.len() >= 40, "{in_code:?}");
    assert_eq!(in_code, in_readme);
}

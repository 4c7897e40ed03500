//! Review 5: the text output of `vpcheck verify` after it moved to the typed claims
//! (`claims_text`). Before the move, the `provenance:` line was `serde_json::Value::to_string` of
//! the claims' JSON (serde_json without `preserve_order`: members sorted by name), so it was the
//! same as the `claims.provenance` of `--format json`. The move first serialised the struct
//! directly, in field order, which changed the line a script reads (found by an adversarial
//! review helper; mended: it goes through a JSON value again).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::process::Command;

fn vpcheck(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_vpcheck"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_text_provenance_line_is_what_it_was_before_the_move() {
    let args = [
        "--now",
        "2026-10-01T10:00:00Z",
        "--did-doc",
        "test-vectors/trinsic-bbs/issuer.did.json",
        "--trust-trinsic-issuer",
        "did:web:idv.vpcheck.example:zVpcheckTestIssuer",
        "test-vectors/trinsic-bbs/session-valid.json",
    ];
    let text = vpcheck(&[&["verify"][..], &args[..]].concat());
    let json: serde_json::Value =
        serde_json::from_str(&vpcheck(&[&["verify", "--format", "json"][..], &args[..]].concat()))
            .unwrap();
    assert!(text.starts_with("VERIFIED"), "{text}");
    // What 49b6c5ab printed: `Value::to_string` of the provenance of `serde_json::to_value(claims)`.
    let before = format!("  provenance: {}", json["claims"]["provenance"]);
    let line = text.lines().find(|l| l.starts_with("  provenance: ")).unwrap();
    assert_eq!(line, before);
}

//! Escaping for the CLI's text output. Claims, input names, error messages and check details come
//! from the input, and a terminal acts on control characters: a newline would let an item forge a
//! report line (`a\nOK b` as a file name prints an `OK` line of its own), an ESC sequence can
//! recolour, move the cursor or clear the screen, and the Unicode bidirectional overrides and
//! isolates (Unicode Standard Annex 9, section 2; the "Trojan Source" attack, CVE-2021-42574)
//! reorder what is shown. Each such character is written as a visible escape instead (`\n`,
//! `\u{1b}`), as Rust's `char::escape_debug` spells them. A backslash is left as it is: error
//! messages quote values with `{:?}` already, and escaping it again would double those escapes;
//! a literal `\n` in a name therefore reads like an escaped newline, which forges nothing. The
//! JSON and NDJSON output, escaped by serde_json, is the exact form.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal as it is: C0 and C1 controls and DEL (ECMA-48), the
/// line and paragraph separators, and the bidirectional marks, embeddings, overrides and
/// isolates.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` safe to write to a terminal: every character [`needs_escape`] names written as an escape;
/// borrowed when there is none.
pub(crate) fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn controls_and_bidi_are_escaped_and_the_rest_kept() {
        assert_eq!(text("plain: ÄÖ ✓ 名前"), "plain: ÄÖ ✓ 名前");
        assert!(matches!(text("plain"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(text("a\nOK b"), "a\\nOK b");
        assert_eq!(text("\r\t\u{0}\u{7f}\u{85}\u{9b}"), "\\r\\t\\u{0}\\u{7f}\\u{85}\\u{9b}");
        assert_eq!(text("\u{1b}[2J\u{1b}]0;title\u{7}"), "\\u{1b}[2J\\u{1b}]0;title\\u{7}");
        assert_eq!(text("x\u{202E}fdp.exe"), "x\\u{202e}fdp.exe");
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{2066}', '\u{2067}', '\u{2068}',
            '\u{2069}', '\u{200F}', '\u{2028}',
        ] {
            assert!(text(&c.to_string()).starts_with("\\u{"), "{c:?}");
        }
        // A backslash is kept: error messages quote values with `{:?}`, escaped once already.
        assert_eq!(text(r#"issuer "x\nOK""#), r#"issuer "x\nOK""#);
    }
}

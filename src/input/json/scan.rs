//! The structure pass's fast path: one scan over the bytes, without serde, that accepts only
//! documents the reference pass ([`super::walk_reference`]) accepts, with the same top-level
//! member names, and leaves every other document to it.
//!
//! The reference pass is a serde_json `deserialize_any` walk: it unescapes every string into a
//! scratch buffer, tracks the member path and calls a visitor per value, which made it half the
//! cost of a parse (README, "Benchmarks"). This scan checks the same grammar (RFC 8259 sections
//! 2 to 7, as serde_json reads it), nesting depth and duplicate member names without any of that:
//! strings are scanned eight bytes at a time and unescaped only when they are member names with
//! escapes. Its answer is final only when it is "accepted". Anything outside the subset it knows
//! serde_json to accept (any error, a number with an exponent or longer than
//! [`MAX_PLAIN_NUMBER_LEN`], a `\u` escape of a UTF-16 surrogate that is not a valid pair, nesting
//! deeper than [`MAX_SCAN_DEPTH`]) returns `None`, and the reference pass decides, so that errors,
//! their codes and the member they name stay exactly those of the reference pass.
//!
//! For the top-level object it also keeps the text of each member's value, which
//! [`super::parse_root`] reads the vendor object from.
//!
//! `src/input/json.rs`'s tests hold the two to each other on every committed vector, the fuzz corpora,
//! systematic mutations of the vectors and random token sequences.

use std::borrow::Cow;

/// Object sizes up to this are checked for duplicates by a linear scan on insert; larger ones
/// are sorted once at the end, so a hostile object with 100 000 members costs n log n, not n².
pub(super) const LINEAR_DUPLICATE_SCAN_MAX: usize = 32;
/// Member names held for duplicate detection before the stack grows.
pub(super) const KEY_STACK_CAPACITY: usize = 128;
/// Top-level member names (the reference pass) or values (the scan) recorded before the list
/// grows.
pub(super) const ROOT_KEYS_CAPACITY: usize = 64;

/// Nesting the scan follows before it leaves the document to the reference pass: below
/// serde_json's own recursion limit (128 levels), whose error only the reference pass reproduces.
pub(super) const MAX_SCAN_DEPTH: usize = 100;
/// Longest number the scan accepts. serde_json reads every number to an `i64`, `u64` or `f64`
/// and rejects one out of the `f64` range; without an exponent, a number of at most 300
/// characters is below 1e300 and always in range. Longer ones, and any with an exponent, go to
/// the reference pass.
pub(super) const MAX_PLAIN_NUMBER_LEN: usize = 300;

/// What the scan found in a document it accepts.
#[derive(Debug)]
pub(super) struct Scanned<'a> {
    /// The member names of the top-level object, in document order; empty for any other value.
    pub root_keys: Vec<Cow<'a, str>>,
    /// The text of each top-level member's value, without surrounding whitespace, in the order
    /// of `root_keys`, when asked for and the top-level value is an object.
    pub root_values: Option<Vec<&'a str>>,
    /// Whether the top-level value is an object.
    pub root_is_object: bool,
}

/// Scans `text`, nesting up to `max_depth` arrays and objects, keeping the top-level members'
/// values when `keep_root_values`. `None`: not accepted here, the reference pass decides.
pub(super) fn scan(text: &str, max_depth: usize, keep_root_values: bool) -> Option<Scanned<'_>> {
    let bytes = text.as_bytes();
    let max_depth = max_depth.min(MAX_SCAN_DEPTH);
    // The member names of every open object, innermost last, with those of the top-level object
    // at the bottom, kept to the end: sized once, as the reference pass's stack is
    // (tests/alloc_budget.rs). A short text gets a short stack: a name takes five bytes at least
    // (`"":0,`) and only the top-level names are ever copied (`close_object`), so `len / 2`
    // never grows either. A JWS header then takes a small allocation, which malloc serves from
    // its per-thread cache, rather than 3 KiB, which it does not (about 0.3 k instructions per
    // JWT, callgrind).
    let mut keys: Vec<Cow<'_, str>> = Vec::with_capacity(KEY_STACK_CAPACITY.min(text.len() / 2));
    // Per open array or object, innermost last: for an object, where its names start in `keys`;
    // for an array, `ARRAY`.
    let mut open = [0usize; MAX_SCAN_DEPTH];
    let mut depth = 0;
    let mut pos = 0;
    let root_is_object = skip_whitespace(bytes, &mut pos)? == b'{';
    let keep_root_values = keep_root_values && root_is_object;
    let mut root_values =
        if keep_root_values { Vec::with_capacity(ROOT_KEYS_CAPACITY) } else { Vec::new() };
    // Where the value of the current top-level member starts.
    let mut value_start = 0;
    'value: loop {
        // A value starts at `pos`, after whitespace.
        let first = skip_whitespace(bytes, &mut pos)?;
        if depth == 1 {
            value_start = pos;
        }
        match first {
            b'"' => pos = string(bytes, pos + 1)?.0,
            b'{' => {
                if depth >= max_depth {
                    return None;
                }
                *open.get_mut(depth)? = keys.len();
                depth += 1;
                pos += 1;
                match skip_whitespace(bytes, &mut pos)? {
                    b'"' => {
                        let start = keys.len();
                        member(text, &mut pos, &mut keys, start)?;
                        continue 'value;
                    }
                    b'}' => {
                        pos += 1;
                        depth -= 1;
                    }
                    _ => return None,
                }
            }
            b'[' => {
                if depth >= max_depth {
                    return None;
                }
                *open.get_mut(depth)? = ARRAY;
                depth += 1;
                pos += 1;
                if skip_whitespace(bytes, &mut pos)? != b']' {
                    continue 'value;
                }
                pos += 1;
                depth -= 1;
            }
            b't' => pos = literal(bytes, pos, b"true")?,
            b'f' => pos = literal(bytes, pos, b"false")?,
            b'n' => pos = literal(bytes, pos, b"null")?,
            b'-' | b'0'..=b'9' => pos = number(bytes, pos)?,
            _ => return None,
        }
        // After a value: the next member or element, or the end of one or more containers.
        loop {
            if depth == 1 && keep_root_values {
                root_values.push(text.get(value_start..pos)?);
            }
            let Some(top) = depth.checked_sub(1) else {
                if skip_whitespace(bytes, &mut pos).is_some() {
                    return None;
                }
                let root_values = keep_root_values.then_some(root_values);
                return Some(Scanned { root_keys: keys, root_values, root_is_object });
            };
            let start = *open.get(top)?;
            let next = skip_whitespace(bytes, &mut pos)?;
            if start == ARRAY {
                match next {
                    b',' => {
                        pos += 1;
                        continue 'value;
                    }
                    b']' => {}
                    _ => return None,
                }
            } else {
                match next {
                    b',' => {
                        pos += 1;
                        if skip_whitespace(bytes, &mut pos)? != b'"' {
                            return None;
                        }
                        member(text, &mut pos, &mut keys, start)?;
                        continue 'value;
                    }
                    b'}' => close_object(&mut keys, start, top == 0)?,
                    _ => return None,
                }
            }
            pos += 1;
            depth = top;
        }
    }
}

/// `open` entry of an array: no position in `keys` is this large.
const ARRAY: usize = usize::MAX;

/// A member name at `pos` (at its opening quote) and the `:` after it, checked against the names
/// before it in its object (from `start` in `keys`) while they are few, and pushed onto `keys`.
/// `pos` ends after the `:`.
#[inline(always)]
fn member<'a>(
    text: &'a str,
    pos: &mut usize,
    keys: &mut Vec<Cow<'a, str>>,
    start: usize,
) -> Option<()> {
    let bytes = text.as_bytes();
    let (end, escaped) = string(bytes, *pos + 1)?;
    let key = if escaped {
        // Unescaped by serde_json, as the reference pass reads it.
        crate::input::borrow::cow(&mut serde_json::Deserializer::from_str(text.get(*pos..end)?))
            .ok()?
    } else {
        Cow::Borrowed(text.get(*pos + 1..end - 1)?)
    };
    // Small objects: a linear scan on insert, as in the reference pass.
    let members = keys.get(start..)?;
    if members.len() < LINEAR_DUPLICATE_SCAN_MAX && members.contains(&key) {
        return None;
    }
    keys.push(key);
    *pos = end;
    if skip_whitespace(bytes, pos)? != b':' {
        return None;
    }
    *pos += 1;
    Some(())
}

/// Ends an object whose names start at `start` in `keys`: a large one is checked for duplicates
/// by sorting, n log n; the names are dropped unless it is the top-level object.
fn close_object(keys: &mut Vec<Cow<'_, str>>, start: usize, is_root: bool) -> Option<()> {
    let end = keys.len();
    if end - start > LINEAR_DUPLICATE_SCAN_MAX {
        // The top-level names stay in document order for format detection: a copy is sorted.
        let sorted_from = if is_root {
            keys.extend_from_within(start..end);
            end
        } else {
            start
        };
        let members = keys.get_mut(sorted_from..)?;
        members.sort_unstable();
        if members.windows(2).any(|pair| pair.first() == pair.get(1)) {
            return None;
        }
    }
    keys.truncate(if is_root { end } else { start });
    Some(())
}

/// Moves `pos` past JSON's four whitespace characters; the byte there, `None` at the end.
#[inline(always)]
fn skip_whitespace(bytes: &[u8], pos: &mut usize) -> Option<u8> {
    let b = *bytes.get(*pos)?;
    if b > b' ' {
        return Some(b);
    }
    skip_whitespace_run(bytes, pos)
}

/// [`skip_whitespace`] from a byte that may be whitespace: each whitespace byte, and the spaces
/// after it (the indentation of pretty-printed JSON) counted eight bytes at a time.
fn skip_whitespace_run(bytes: &[u8], pos: &mut usize) -> Option<u8> {
    loop {
        let b = *bytes.get(*pos)?;
        if !matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
            return Some(b);
        }
        *pos += 1;
        while let Some(chunk) = bytes.get(*pos..).and_then(<[u8]>::first_chunk::<8>) {
            let other = u64::from_le_bytes(*chunk) ^ (ONES * u64::from(b' '));
            // The spaces before the first other byte; trailing_zeros is at most 64.
            let spaces = usize::try_from(other.trailing_zeros() / 8).unwrap_or(0);
            *pos += spaces;
            if spaces < 8 {
                break;
            }
        }
    }
}

/// `0x0101...01`: one in each byte of a word.
const ONES: u64 = u64::MAX / 255;
/// `0x8080...80`: the high bit of each byte of a word.
const HIGHS: u64 = ONES << 7;

/// The bytes of `word` that are `"`, `\` or a control character: the high bit of each is set,
/// exact for the lowest one (bytes above it may be flagged falsely), by Mycroft's zero-byte test
/// applied to `word - 0x20`, `word ^ '"'` and `word ^ '\'`. `& !word` rejects, for all three,
/// the bytes of 0x80 and above (`"` and `\` are below 0x80, so xoring keeps the high bit).
#[inline(always)]
fn stops(word: u64) -> u64 {
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    (word.wrapping_sub(ONES * 0x20) | quote.wrapping_sub(ONES) | backslash.wrapping_sub(ONES))
        & !word
        & HIGHS
}

/// A string whose content starts at `pos` (just past its opening quote): the position past its
/// closing quote, and whether it had escapes.
#[inline(always)]
fn string(bytes: &[u8], mut pos: usize) -> Option<(usize, bool)> {
    let mut escaped = false;
    loop {
        pos = skip_unescaped(bytes, pos);
        match *bytes.get(pos)? {
            b'"' => return Some((pos + 1, escaped)),
            b'\\' => {
                escaped = true;
                pos = escape(bytes, pos)?;
            }
            // A control character (RFC 8259 section 7: they must be escaped).
            _ => return None,
        }
    }
}

/// The position of the next `"`, `\` or control character from `pos` (or the end), found
/// sixteen, then eight bytes at a time.
#[inline(always)]
fn skip_unescaped(bytes: &[u8], mut pos: usize) -> usize {
    while let Some(pair) = bytes.get(pos..).and_then(<[u8]>::first_chunk::<16>) {
        let (low, high) = pair.split_at(8);
        let (Ok(low), Ok(high)) = (<[u8; 8]>::try_from(low), <[u8; 8]>::try_from(high)) else {
            break;
        };
        let (low, high) = (stops(u64::from_le_bytes(low)), stops(u64::from_le_bytes(high)));
        if low | high != 0 {
            // The lowest flagged byte of the first word with one is the first stop.
            let (found, base) = if low != 0 { (low, pos) } else { (high, pos + 8) };
            return base + usize::try_from(found.trailing_zeros() / 8).unwrap_or(0);
        }
        pos += 16;
    }
    let rest = bytes.get(pos..).unwrap_or_default();
    let mut chunks = rest.chunks_exact(8);
    let mut at = pos;
    for chunk in chunks.by_ref() {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else { break };
        let found = stops(u64::from_le_bytes(chunk));
        if found != 0 {
            // The lowest flagged byte is the first stop; trailing_zeros is below 64.
            return at + usize::try_from(found.trailing_zeros() / 8).unwrap_or(0);
        }
        at += 8;
    }
    for &b in chunks.remainder() {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        at += 1;
    }
    at
}

/// An escape at `pos` (its backslash, RFC 8259 section 7): the position after it. A `\u` escape
/// of a UTF-16 surrogate must be a high one followed by a low one, as serde_json requires of a
/// string.
#[inline]
fn escape(bytes: &[u8], pos: usize) -> Option<usize> {
    match *bytes.get(pos + 1)? {
        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => Some(pos + 2),
        b'u' => {
            let unit = hex4(bytes, pos + 2)?;
            if (0xD800..=0xDBFF).contains(&unit) {
                if bytes.get(pos + 6..pos + 8)? != b"\\u" {
                    return None;
                }
                let low = hex4(bytes, pos + 8)?;
                (0xDC00..=0xDFFF).contains(&low).then_some(pos + 12)
            } else {
                (!(0xDC00..=0xDFFF).contains(&unit)).then_some(pos + 6)
            }
        }
        _ => None,
    }
}

/// Four hex digits at `pos`, either case.
fn hex4(bytes: &[u8], pos: usize) -> Option<u32> {
    let mut unit = 0;
    for &d in bytes.get(pos..pos + 4)? {
        unit = unit * 16 + char::from(d).to_digit(16)?;
    }
    Some(unit)
}

/// `word` at `pos`: the position after it.
fn literal(bytes: &[u8], pos: usize, word: &[u8]) -> Option<usize> {
    (bytes.get(pos..pos + word.len())? == word).then_some(pos + word.len())
}

/// A number without exponent at `pos` (RFC 8259 section 6): `-`, then `0` or a digit string not
/// starting with `0`, then optionally `.` and digits. The position after it.
fn number(bytes: &[u8], start: usize) -> Option<usize> {
    let digits = |mut pos: usize| {
        while bytes.get(pos).is_some_and(u8::is_ascii_digit) {
            pos += 1;
        }
        pos
    };
    let mut pos = start;
    if bytes.get(pos) == Some(&b'-') {
        pos += 1;
    }
    pos = match *bytes.get(pos)? {
        b'0' => pos + 1,
        b'1'..=b'9' => digits(pos + 1),
        _ => return None,
    };
    if bytes.get(pos) == Some(&b'.') {
        if !bytes.get(pos + 1).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        pos = digits(pos + 1);
    }
    // An exponent, or a digit after a leading zero (serde_json: "invalid number").
    if matches!(bytes.get(pos), Some(b'e' | b'E' | b'0'..=b'9'))
        || pos - start > MAX_PLAIN_NUMBER_LEN
    {
        return None;
    }
    Some(pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first byte of `word` (little-endian) that is `"`, `\` or below 0x20, by plain compares.
    fn first_stop(word: u64) -> Option<u32> {
        word.to_le_bytes()
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .and_then(|i| u32::try_from(i).ok())
    }

    /// The lowest byte `stops` flags is the first stop, for every byte value at every position
    /// after plain bytes, and for a million words mixing stops and plain bytes of all kinds.
    #[test]
    fn stops_finds_the_first_stop() {
        let check = |word: u64| {
            let found = stops(word);
            let lowest = (found != 0).then(|| found.trailing_zeros() / 8);
            assert_eq!(lowest, first_stop(word), "{word:#018x}");
        };
        for at in 0..8u32 {
            for byte in 0..=255u64 {
                for filler in [b'a', 0x7f, 0x80, 0xff, b' '] {
                    let mut bytes = [filler; 8];
                    bytes[usize::try_from(at).unwrap()] = u8::try_from(byte).unwrap();
                    check(u64::from_le_bytes(bytes));
                }
            }
        }
        let interesting = [
            0u8, 0x1f, 0x20, 0x21, b'"', 0x23, 0x5b, b'\\', 0x5d, 0x7f, 0x80, 0x9f, 0xa0, 0xa2,
            0xdc, 0xff,
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..1_000_000 {
            // xorshift64
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let bytes: [u8; 8] = std::array::from_fn(|i| {
                interesting[usize::try_from((state >> (i * 4)) & 15).unwrap()]
            });
            check(u64::from_le_bytes(bytes));
            check(state);
        }
    }

    #[test]
    fn whitespace_runs_stop_at_the_first_other_byte() {
        for text in
            ["", " ", "\n", "        x", "\n                 \t\r\n   ]", "         ", " \u{a0}"]
        {
            let mut pos = 0;
            let expected = text.bytes().position(|b| !matches!(b, b' ' | b'\n' | b'\t' | b'\r'));
            let found = skip_whitespace(text.as_bytes(), &mut pos);
            assert_eq!(found, expected.map(|i| text.as_bytes()[i]), "{text:?}");
            assert_eq!(pos, expected.unwrap_or(text.len()), "{text:?}");
        }
    }
}

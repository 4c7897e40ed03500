//! NDJSON input for bulk tools (`vpcheck audit`): one stored result per line (a JSON value, or
//! a JSON string holding a JWT), read with a bound so that a hostile line cannot make us hold
//! it.

use std::io::BufRead;

/// One non-blank line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NdjsonLine {
    /// Its 1-based line number.
    pub number: u64,
    /// Its bytes, without the line end (`\n` or `\r\n`). A line longer than the limit is cut
    /// one byte past it, which [`crate::parse`] reports as `input.too_large`.
    pub bytes: Vec<u8>,
}

/// The non-blank lines of `reader`, each cut at `max_line_bytes + 1` bytes (the rest of a long
/// line is read and dropped, never held).
#[derive(Debug)]
pub struct NdjsonLines<R> {
    reader: R,
    keep: usize,
    number: u64,
}

impl<R: BufRead> NdjsonLines<R> {
    /// Lines of `reader`, with [`crate::Limits::max_input_bytes`] as `max_line_bytes` in the
    /// usual case.
    pub fn new(reader: R, max_line_bytes: usize) -> Self {
        NdjsonLines { reader, keep: max_line_bytes.saturating_add(1), number: 0 }
    }
}

impl<R: BufRead> Iterator for NdjsonLines<R> {
    type Item = std::io::Result<NdjsonLine>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.number += 1;
            let mut bytes = Vec::new();
            match read_line_bounded(&mut self.reader, self.keep, &mut bytes) {
                Ok(false) => return None,
                Ok(true) => {}
                Err(e) => return Some(Err(e)),
            }
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
            if !bytes.iter().all(u8::is_ascii_whitespace) {
                return Some(Ok(NdjsonLine { number: self.number, bytes }));
            }
        }
    }
}

/// Reads up to and without the next `\n`, keeping at most `keep` bytes; false at end of input.
fn read_line_bounded(
    reader: &mut impl BufRead,
    keep: usize,
    line: &mut Vec<u8>,
) -> std::io::Result<bool> {
    let mut any = false;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buffer.is_empty() {
            return Ok(any);
        }
        any = true;
        let newline = buffer.iter().position(|b| *b == b'\n');
        let chunk = buffer.get(..newline.unwrap_or(buffer.len())).unwrap_or_default();
        let room = keep.saturating_sub(line.len());
        line.extend_from_slice(chunk.get(..room.min(chunk.len())).unwrap_or_default());
        let consumed = newline.map_or(buffer.len(), |i| i + 1);
        reader.consume(consumed);
        if newline.is_some() {
            return Ok(true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], limit: usize) -> Vec<(u64, Vec<u8>)> {
        NdjsonLines::new(input, limit).map(|l| l.map(|l| (l.number, l.bytes)).unwrap()).collect()
    }

    #[test]
    fn numbered_blank_ones_skipped_long_ones_cut() {
        let got = lines(b"{\"a\":1}\r\n\n  \n\"x\"\nlast", 100);
        assert_eq!(
            got,
            [(1, b"{\"a\":1}".to_vec()), (4, b"\"x\"".to_vec()), (5, b"last".to_vec())]
        );
        let long = [vec![b'x'; 50], b"\nnext\n".to_vec()].concat();
        let got = lines(&long, 9);
        assert_eq!(got[0].1.len(), 10, "cut one byte past the limit");
        assert_eq!(got[1], (2, b"next".to_vec()));
        assert!(lines(b"", 10).is_empty());
        assert!(lines(b"\n\n\r\n", 10).is_empty());
    }

    #[test]
    fn a_small_buffer_changes_nothing() {
        let text = b"{\"a\":1}\n{\"bb\":22}\n\n{\"ccc\":333}";
        let small = std::io::BufReader::with_capacity(3, &text[..]);
        let got: Vec<_> = NdjsonLines::new(small, 100).map(|l| l.unwrap().bytes).collect();
        assert_eq!(
            got,
            [b"{\"a\":1}".to_vec(), b"{\"bb\":22}".to_vec(), b"{\"ccc\":333}".to_vec()]
        );
    }
}

//! Detection and parsing of any input.
//! The body is `vpcheck_fuzz::parse_any` (fuzz/src/lib.rs), shared with the corpus replay test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vpcheck_fuzz::parse_any(data));

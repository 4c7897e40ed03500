//! NDJSON audit input: bounded lines, instant_at_field, parse and verify.
//! The body is `vpcheck_fuzz::audit_lines` (fuzz/src/lib.rs), shared with the corpus replay test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vpcheck_fuzz::audit_lines(data));

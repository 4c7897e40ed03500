//! Evidence names against token keys.
//! The body is `vpcheck_fuzz::evidence_names` (fuzz/src/lib.rs), shared with the corpus replay test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vpcheck_fuzz::evidence_names(data));

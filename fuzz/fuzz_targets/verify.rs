//! The full verification with a fixed policy without keys.
//! The body is `vpcheck_fuzz::verify_any` (fuzz/src/lib.rs), shared with the corpus replay test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vpcheck_fuzz::verify_any(data));

//! JWS verification (compact and JSON) against a fixed key set.
//! The body is `vpcheck_fuzz::jws_verify` (fuzz/src/lib.rs), shared with the corpus replay test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vpcheck_fuzz::jws_verify(data));

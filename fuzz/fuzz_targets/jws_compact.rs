//! Compact JWS splitting, strict base64url, header and JWT claims.
//! The body is `vpcheck_fuzz::jws_compact` (fuzz/src/lib.rs), shared with the corpus replay test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vpcheck_fuzz::jws_compact(data));

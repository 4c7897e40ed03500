//! JSON-LD proofs (BBS+, Ed25519, JWS 2020) with shipped contexts and fixed keys.
//! The body is `vpcheck_fuzz::ld_proof` (fuzz/src/lib.rs), shared with the corpus replay test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vpcheck_fuzz::ld_proof(data));

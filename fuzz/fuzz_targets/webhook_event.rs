//! A Hopae webhook body read as a verified delivery's typed event.
//! The body is `vpcheck_fuzz::webhook_event` (fuzz/src/lib.rs), shared with the corpus replay test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vpcheck_fuzz::webhook_event(data));

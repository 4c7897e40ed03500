//! Detection and parsing of any input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = vpcheck::parse(data, &vpcheck::Limits::default());
});

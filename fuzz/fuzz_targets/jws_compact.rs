//! Compact JWS splitting, strict base64url, header and JWT claims.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vpcheck::{Limits, UnverifiedJws};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let limits = Limits::default();
    if let Ok(jws) = UnverifiedJws::decode("fuzz", text, &limits) {
        let _ = jws.header();
        let _ = jws.claims("fuzz", &limits);
        if let Some(input) = jws.signing_input(0) {
            assert!(text.as_bytes().starts_with(&input));
        }
    }
});

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
        assert!(text.starts_with(jws.signing_input()));
    }
});

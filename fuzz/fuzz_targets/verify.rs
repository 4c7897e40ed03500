//! The full verification with a fixed policy. Nothing built from fuzz input may verify unless
//! it is an unsigned format; signed formats are never "verified" in this build.
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use vpcheck::{Format, Limits, Policy};

fuzz_target!(|data: &[u8]| {
    let Ok(parsed) = vpcheck::parse(data, &Limits::default()) else { return };
    let Some(now) = Utc.with_ymd_and_hms(2025, 10, 28, 6, 30, 0).single() else { return };
    let policy = Policy::at(now);
    if let Ok(verified) = parsed.verify(&policy) {
        let signed = matches!(
            parsed.format(),
            Format::TrinsicConnectSession | Format::JsonLdPresentation | Format::JsonLdDocument | Format::Jws
        );
        assert!(!signed, "a signed format verified without a signature check");
        assert!(verified.report().errors().is_empty());
    }
});

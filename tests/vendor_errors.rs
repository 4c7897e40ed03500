//! Vendors' error responses: each vector under test-vectors/vendor-errors/ is read as the vendor,
//! code, HTTP status and retry class the generator recorded (expected-reading.json), and
//! verifying one is always `vendor.error`, whatever the policy accepts.

use chrono::{TimeZone, Utc};
use vpcheck::{parse, Format, Limits, Policy, RetryClass, Verdict};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/test-vectors/");

#[test]
fn every_error_vector_reads_as_recorded() {
    let table: serde_json::Map<String, serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(format!("{DIR}vendor-errors/expected-reading.json")).unwrap(),
    )
    .unwrap();
    assert!(table.len() >= 15, "{} entries", table.len());
    // The most permissive policy still rejects: an error response is never a result.
    let policy = Policy::at(Utc.timestamp_opt(1_735_689_600, 0).unwrap())
        .allow_unsigned_formats()
        .allow_unsigned_claims();
    for (file, want) in &table {
        let bytes = std::fs::read(format!("{DIR}{file}")).unwrap();
        let u = parse(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(u.format(), Format::VendorError, "{file}");
        let e = u.vendor_error().unwrap();
        let vendor = serde_json::to_value(e.vendor).unwrap();
        assert_eq!(&vendor, &want["vendor"], "{file}");
        assert_eq!(e.code.as_deref(), want["code"].as_str(), "{file}");
        assert_eq!(e.http_status.map(u64::from), want["http_status"].as_u64(), "{file}");
        assert_eq!(e.retry.name(), want["retry"].as_str().unwrap(), "{file}");
        let rejection = u.verify(&policy).unwrap_err();
        assert_eq!(rejection.verdict(), Verdict::Rejected, "{file}");
        let codes: Vec<&str> = rejection.errors().iter().map(|e| e.code()).collect();
        assert_eq!(codes, ["vendor.error"], "{file}");
        assert!(rejection.errors()[0].to_string().contains(e.retry.name()), "{file}");
    }
}

#[test]
fn a_result_is_never_read_as_an_error_and_no_result_becomes_one() {
    let limits = Limits::default();
    // A result carrying a `title` or `status` keeps its format: the markers of a result come
    // first, so an error shape cannot hide one.
    for (json, format) in [
        (
            r#"{"session":{"id":"s","done":true,"success":false},"title":"x","status":400}"#,
            Format::TrinsicSessionResult,
        ),
        (r#"{"verificationId":"v","status":"failed","title":"x"}"#, Format::HopaeVerification),
        (
            r#"{"action":"approved","scoreStatus":"OK","detail":"x","status":1}"#,
            Format::IncodeResult,
        ),
        (r#"{"status":0,"metadata":{},"title":"x","detail":"y"}"#, Format::RegulaSession),
    ] {
        let u = parse(json.as_bytes(), &limits).unwrap();
        assert_eq!(u.format(), format, "{json}");
        assert!(u.vendor_error().is_none());
    }
    // A body with an extra member outside Incode's five is not an Incode error; nor is one
    // without a message.
    for json in [
        r#"{"timestamp":1,"status":500,"error":"x","message":"y","path":"/","extra":1}"#,
        r#"{"status":500,"error":"x"}"#,
    ] {
        let e = parse(json.as_bytes(), &limits).map(|u| u.format());
        assert_ne!(e.ok(), Some(Format::VendorError), "{json}");
    }
}

#[test]
fn retry_classes_are_what_a_backend_switches_on() {
    let class = |json: &str| {
        parse(json.as_bytes(), &Limits::default()).unwrap().vendor_error().unwrap().retry
    };
    // Hopae's own code wins over the HTTP status it sends with it.
    assert_eq!(class(r#"{"title":"x","status":503,"code":300001}"#), RetryClass::Terminal);
    assert_eq!(class(r#"{"title":"x","status":400,"code":"400005"}"#), RetryClass::RetryLater);
    // A signed or overlong numeric code is not a Hopae code: the HTTP status decides.
    assert_eq!(class(r#"{"title":"x","status":503,"code":"+300001"}"#), RetryClass::RetryLater);
    assert_eq!(class(r#"{"title":"x","status":404,"code":9300001}"#), RetryClass::CallerError);
    // An HTTP status outside 100-599 is no status.
    assert_eq!(class(r#"{"title":"x","status":99999}"#), RetryClass::Terminal);
    assert_eq!(class(r#"{"title":"x","status":-500}"#), RetryClass::Terminal);
}

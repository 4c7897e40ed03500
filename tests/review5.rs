//! Review 5 of the layer restructuring (49b6c5ab..a802c079), by an adversarial review helper:
//! caches the caller owns and the one recursion point. The first two tests demonstrated a
//! finding, now mended (the processed-context cache key was ambiguous: a policy could be served
//! a context another policy processed); the others are controls for what was checked and found
//! sound. Its module-graph probes became cases of `tests/module_graph.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use serde_json::{json, Value};
use vpcheck::{parse, CacheBounds, Caches, DidDocuments, Limits, Policy, TrustedIssuer, Verdict};

/// The tests of this file run one at a time: the thread count in section 4 must see only its own.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

// --- 1. The processed-context cache key is ambiguous ---------------------------------------------

const URL_A: &str = "https://a.example/ctx";
const URL_B: &str = "https://b.example/ctx";
const DOC_A: &str = r#"{"@context":{"a":"https://example.org/a"}}"#;
const DOC_B: &str = r#"{"@context":{"b":"https://example.org/b"}}"#;
const ISSUER: &str = "did:example:rev5";
const VM: &str = "did:example:rev5#key-1";

fn sha256_hex(text: &str) -> String {
    ring::digest::digest(&ring::digest::SHA256, text.as_bytes())
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn base(caches: &Caches) -> Policy {
    let mut dids = DidDocuments::new();
    dids.add_json(support::method_document(VM, ISSUER, 5).as_bytes()).unwrap();
    Policy::at(support::at("2025-06-01T00:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::new(ISSUER))
        .with_caches(caches.clone())
}

fn outcome(bytes: &[u8], policy: &Policy) -> (Verdict, Vec<String>) {
    match parse(bytes, &Limits::default()).unwrap().verify(policy) {
        Ok(_) => (Verdict::Verified, vec![]),
        Err(r) => (r.verdict(), r.errors().iter().map(|e| e.code().to_owned()).collect()),
    }
}

/// `Contexts::add` (src/ld/canon.rs) keys the caller's contexts as `\0url\0sha256(document)` per
/// context, concatenated, with nothing that delimits one URL from the next: one context whose URL
/// is `A\0sha256(DOC_A)\0B` (and document DOC_B) has the key of the two contexts A and B. Such a
/// URL serves nothing (it is not an IRI), yet a policy holding it gets, from a shared `Caches`,
/// the context another policy processed with A and B. The verdict of one policy then depends on
/// what another verified before: "could not check" cold, something else warm.
#[test]
fn policies_with_different_contexts_never_share_a_processed_context() {
    let _serial = serial();
    let caches = Caches::new(CacheBounds::default());
    let a = base(&caches).with_context(URL_A, DOC_A).with_context(URL_B, DOC_B);
    let b = base(&caches).with_context(format!("{URL_A}\0{}\0{URL_B}", sha256_hex(DOC_A)), DOC_B);
    assert_ne!(a.contexts(), b.contexts());

    let document = json!({"@context": [URL_A], "a": "b"});
    // Cold, the second policy cannot load URL_A.
    let cold = vpcheck::testing::canonical_nquads(&document, &b).map_err(|e| e.code());
    assert_eq!(cold, Err("context.unavailable"));
    // The first policy, which can, processes it and the cache keeps it.
    assert!(vpcheck::testing::canonical_nquads(&document, &a).is_ok());
    // Warm, the second policy must still not have URL_A.
    let warm = vpcheck::testing::canonical_nquads(&document, &b).map_err(|e| e.code());
    assert_eq!(warm, cold, "the second policy was served the first policy's context for {URL_A}");
}

/// The same through `verify`: a credential signed under URL_A's context.
#[test]
fn a_verdict_does_not_depend_on_what_another_policy_verified_before() {
    let _serial = serial();
    let caches = Caches::new(CacheBounds::default());
    let a = base(&caches).with_context(URL_A, DOC_A).with_context(URL_B, DOC_B);
    let b = base(&caches).with_context(format!("{URL_A}\0{}\0{URL_B}", sha256_hex(DOC_A)), DOC_B);
    let credential = json!({
        "@context": ["https://www.w3.org/2018/credentials/v1",
                     "https://w3id.org/security/data-integrity/v2", URL_A],
        "type": ["VerifiableCredential"],
        "issuer": ISSUER,
        "issuanceDate": "2025-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:subject", "a": "b"},
    });
    // Signed as an issuer would, under the first policy's contexts (own caches, not the shared).
    let signer = base(&Caches::new(CacheBounds::none()))
        .with_context(URL_A, DOC_A)
        .with_context(URL_B, DOC_B);
    let signed = support::sign_rdfc(&credential, VM, 5, "2025-01-01T00:00:00Z", &signer);
    let bytes = signed.to_string().into_bytes();

    let cold = outcome(&bytes, &b);
    assert_eq!(cold.0, Verdict::Unchecked, "{cold:?}");
    assert_eq!(outcome(&bytes, &a).0, Verdict::Verified);
    let warm = outcome(&bytes, &b);
    assert_eq!(warm, cold, "the same input and policy, another verdict after another policy ran");
}

// --- 2. The recursion bound: the deepest legitimate chain (control) ----------------------------

/// A JWT presentation (depth 0) carrying a JWT credential (1) whose status list (2) is checked:
/// the deepest chain the formats allow. It must be checked through, never `limit.nesting`.
/// The credential's signature does not verify (no key): the status is still judged beside it.
#[test]
fn control_the_deepest_legitimate_chain_does_not_reach_the_nesting_bound() {
    let _serial = serial();
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
    use base64::Engine as _;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/test-vectors/trinsic-bbs/");
    let read = |name: &str| std::fs::read_to_string(format!("{dir}{name}")).unwrap();
    let list_url = "https://idv.vpcheck.example/credential-status/zRevocationList1";
    let issuer = support::TRINSIC_ISSUER;
    let jwt = |header: &str, payload: Value| {
        format!(
            "{}.{}.{}",
            B64.encode(header),
            B64.encode(payload.to_string()),
            B64.encode([7u8; 64])
        )
    };
    let vc = jwt(
        r#"{"alg":"ES256","typ":"JWT"}"#,
        json!({"iss": issuer, "sub": "did:example:holder", "nbf": 1_790_000_000,
            "vc": {"@context": ["https://www.w3.org/2018/credentials/v1"],
                   "type": ["VerifiableCredential"], "issuer": issuer,
                   "credentialSubject": {"id": "did:example:holder"},
                   "credentialStatus": {"id": format!("{list_url}#x"), "type": "RevocationList2020Status",
                       "revocationListCredential": list_url, "revocationListIndex": "42"}}}),
    );
    let vp = jwt(
        r#"{"alg":"ES256","typ":"JWT"}"#,
        json!({"iss": "did:example:holder", "nbf": 1_790_000_000,
            "vp": {"@context": ["https://www.w3.org/2018/credentials/v1"],
                   "type": ["VerifiablePresentation"], "verifiableCredential": [vc]}}),
    );
    let mut dids = DidDocuments::new();
    dids.add_json(read("issuer.did.json").as_bytes()).unwrap();
    let policy = Policy::at(support::at("2026-10-01T10:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::trinsic(issuer))
        .with_status_list(vpcheck::StatusList::parse(&read("revocation-list.json")).unwrap())
        .with_caches(Caches::new(CacheBounds::none()));
    let (_, codes) = outcome(vp.as_bytes(), &policy);
    assert!(codes.iter().any(|c| c == "status.revoked"), "{codes:?}");
    assert!(!codes.iter().any(|c| c == "limit.nesting"), "{codes:?}");
}

// --- 4. The JSON-LD thread pool (control) -------------------------------------------------------

/// Threads of this process named `vpcheck-json-ld` (Linux), after the ones ending have ended.
fn json_ld_threads_alive() -> usize {
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::fs::read_dir("/proc/self/task")
        .unwrap()
        .filter_map(|t| std::fs::read_to_string(t.unwrap().path().join("comm")).ok())
        .filter(|name| name.trim() == "vpcheck-json-ld")
        .count()
}

/// With `json_ld_threads: 0` every expansion thread ends after its task, and with a bound of 2,
/// no more than 2 outlive a burst of concurrent verifications; `clear` ends them. (One test, so
/// that no other test's threads are counted: the shared caches are never used here.)
#[test]
fn control_expansion_threads_stay_within_their_bound() {
    let _serial = serial();
    let session = support::vector("trinsic-bbs/session-valid.json");
    let none = Caches::new(CacheBounds::none());
    let policy = support::trinsic_policy().with_caches(none.clone());
    std::thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| assert_eq!(outcome(&session, &policy).0, Verdict::Verified));
        }
    });
    assert_eq!(json_ld_threads_alive(), 0);
    let two = Caches::new(CacheBounds { json_ld_threads: 2, ..CacheBounds::none() });
    let policy = support::trinsic_policy().with_caches(two.clone());
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| assert_eq!(outcome(&session, &policy).0, Verdict::Verified));
        }
    });
    let alive = json_ld_threads_alive();
    assert!((1..=2).contains(&alive), "{alive}");
    two.clear();
    assert_eq!(json_ld_threads_alive(), 0);
}

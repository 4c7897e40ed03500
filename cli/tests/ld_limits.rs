//! Named bounds on the work one JSON-LD document can ask for: proofs per document
//! (`limit.proofs`) and BBS+ messages per proof (`limit.bbs_messages`), each refused before any
//! of the work it bounds, with the honest document beside it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "../../tests/support/mod.rs"]
mod support;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::{json, Value};
use support::{at, json_vector, trinsic_policy};
use vpcheck::{parse, DidDocuments, Limits, Policy, TrustedIssuer, Verdict};

fn outcome(bytes: &[u8], policy: &Policy) -> (Verdict, Vec<String>) {
    match parse(bytes, &Limits::default()).unwrap().verify(policy) {
        Ok(_) => (Verdict::Verified, Vec::new()),
        Err(r) => (r.verdict(), r.errors().iter().map(|e| e.code().to_owned()).collect()),
    }
}

fn eddsa_policy() -> Policy {
    let mut dids = DidDocuments::new();
    dids.add_json(&support::vector("dids/vc-example-issuer.json")).unwrap();
    Policy::at(at("2025-01-01T00:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::new("https://vc.example/issuers/5678"))
}

/// The vc-di-eddsa credential with its proof repeated `n` times (a proof set of one signature).
fn with_proofs(n: usize) -> Vec<u8> {
    let mut doc = json_vector("ld/vc-di-eddsa/eddsa-rdfc-2022-signed.json");
    let proof = doc["proof"].clone();
    doc["proof"] = Value::Array(vec![proof; n]);
    serde_json::to_vec(&doc).unwrap()
}

#[test]
fn a_proof_set_over_the_limit_is_refused_before_any_proof_is_checked() {
    let policy = eddsa_policy();
    assert_eq!(outcome(&with_proofs(1), &policy), (Verdict::Verified, vec![]));
    assert_eq!(
        outcome(&with_proofs(8), &policy),
        (Verdict::Verified, vec![]),
        "eight proofs: at the limit"
    );
    assert_eq!(
        outcome(&with_proofs(9), &policy),
        (Verdict::Rejected, vec!["limit.proofs".to_owned()])
    );
    assert_eq!(
        outcome(&with_proofs(1500), &policy),
        (Verdict::Rejected, vec!["limit.proofs".to_owned()])
    );
    // The limit is the caller's.
    let two = policy.with_limits(Limits { max_proofs: 2, ..Limits::default() });
    assert_eq!(outcome(&with_proofs(2), &two).0, Verdict::Verified);
    assert_eq!(
        outcome(&with_proofs(3), &two),
        (Verdict::Rejected, vec!["limit.proofs".to_owned()])
    );
}

/// The Trinsic-shaped session with its derived proof's message count (the proof value's first
/// two bytes) replaced.
fn claiming_messages(count: u16) -> Vec<u8> {
    let mut session = json_vector("trinsic-bbs/session-valid.json");
    let mut vp: Value = serde_json::from_str(session["resultVp"].as_str().unwrap()).unwrap();
    let proof = &mut vp["verifiableCredential"][0]["proof"];
    let mut bytes = STANDARD.decode(proof["proofValue"].as_str().unwrap()).unwrap();
    bytes[..2].copy_from_slice(&count.to_be_bytes());
    proof["proofValue"] = json!(STANDARD.encode(&bytes));
    session["resultVp"] = json!(vp.to_string());
    serde_json::to_vec(&session).unwrap()
}

#[test]
fn a_derived_proof_claiming_more_messages_than_the_limit_is_refused_before_the_key_is_expanded() {
    let policy = trinsic_policy();
    let honest = support::vector("trinsic-bbs/session-valid.json");
    assert_eq!(outcome(&honest, &policy), (Verdict::Verified, vec![]));
    // Any other count is a proof that does not verify; over 1024, a bound reached.
    assert_eq!(
        outcome(&claiming_messages(1024), &policy),
        (Verdict::Rejected, vec!["proof.invalid".to_owned()])
    );
    assert_eq!(
        outcome(&claiming_messages(1025), &policy),
        (Verdict::Rejected, vec!["limit.bbs_messages".to_owned()])
    );
    assert_eq!(
        outcome(&claiming_messages(u16::MAX), &policy),
        (Verdict::Rejected, vec!["limit.bbs_messages".to_owned()])
    );
}

fn codes_with(bytes: &[u8], policy: &Policy, limits: Limits) -> (Verdict, Vec<String>) {
    outcome(bytes, &policy.clone().with_limits(limits))
}

/// The smallest work budget `bytes` verifies within, by bisection.
fn work_needed(bytes: &[u8], policy: &Policy) -> u64 {
    let (mut lo, mut hi) = (0u64, vpcheck::DEFAULT_MAX_WORK);
    assert_eq!(
        codes_with(bytes, policy, Limits { max_work: hi, ..Limits::default() }).0,
        Verdict::Verified
    );
    while lo + 1 < hi {
        let mid = (lo + hi) / 2;
        match codes_with(bytes, policy, Limits { max_work: mid, ..Limits::default() }) {
            (Verdict::Verified, _) => hi = mid,
            (_, codes) => {
                assert!(codes.iter().all(|c| c == "limit.work"), "budget {mid}: {codes:?}");
                lo = mid;
            }
        }
    }
    hi
}

#[test]
fn honest_documents_spend_a_small_part_of_the_work_budget() {
    // README, "Bounded work", quotes these numbers.
    let trinsic =
        work_needed(&support::vector("trinsic-bbs/session-valid.json"), &trinsic_policy());
    let eddsa = work_needed(&with_proofs(1), &eddsa_policy());
    let eddsa8 = work_needed(&with_proofs(8), &eddsa_policy());
    eprintln!("work needed: Trinsic BBS+ session {trinsic}, eddsa-rdfc-2022 credential {eddsa}, with 8 proofs {eddsa8}");
    assert!(trinsic < vpcheck::DEFAULT_MAX_WORK / 10, "{trinsic}");
    assert!(eddsa < 5_000, "{eddsa}");
    // Every proof canonicalises the document again: the budget is per verification.
    assert!(eddsa8 > 7 * eddsa, "{eddsa8} vs {eddsa}");
}

#[test]
fn each_named_bound_is_the_callers_and_refuses_with_its_code() {
    let session = support::vector("trinsic-bbs/session-valid.json");
    let policy = trinsic_policy();
    let with = |limits: Limits| codes_with(&session, &policy, limits);
    let refused = |code: &str| (Verdict::Rejected, vec![code.to_owned()]);
    assert_eq!(
        with(Limits { max_statements: 10, ..Limits::default() }),
        refused("limit.statements")
    );
    assert_eq!(
        with(Limits { max_blank_nodes: 0, ..Limits::default() }),
        refused("limit.blank_nodes")
    );
    assert_eq!(
        with(Limits { max_term_definitions: 20, ..Limits::default() }),
        refused("limit.term_definitions")
    );
    assert_eq!(with(Limits { max_work: 1_000, ..Limits::default() }), refused("limit.work"));
    assert_eq!(with(Limits::default()), (Verdict::Verified, vec![]));
}

/// A presentation of credentials that each fit the budget but together do not is refused: one
/// budget covers the whole result.
#[test]
fn one_budget_covers_every_credential_of_a_presentation() {
    let session = support::vector("trinsic-bbs/session-valid.json");
    let policy = trinsic_policy();
    let whole = work_needed(&session, &policy);
    let mut doc = json_vector("trinsic-bbs/session-valid.json");
    let mut vp: Value = serde_json::from_str(doc["resultVp"].as_str().unwrap()).unwrap();
    let credentials = vp["verifiableCredential"].as_array().unwrap().len();
    eprintln!("{credentials} credentials, {whole} units");
    // The same presentation with its credential set doubled needs about twice as much.
    let doubled: Vec<Value> = vp["verifiableCredential"]
        .as_array()
        .unwrap()
        .iter()
        .chain(vp["verifiableCredential"].as_array().unwrap())
        .cloned()
        .collect();
    vp["verifiableCredential"] = Value::Array(doubled);
    doc["resultVp"] = json!(vp.to_string());
    let twice = serde_json::to_vec(&doc).unwrap();
    let (verdict, codes) =
        codes_with(&twice, &policy, Limits { max_work: whole, ..Limits::default() });
    assert_eq!(verdict, Verdict::Rejected);
    assert!(!codes.is_empty() && codes.iter().all(|c| c == "limit.work"), "{codes:?}");
    assert_eq!(
        codes_with(&twice, &policy, Limits { max_work: 2 * whole + 100, ..Limits::default() }).0,
        Verdict::Verified
    );
}

/// The CLI's `--max-work` sets the budget; the verdict at a given budget does not depend on what
/// the process verified before (a fresh process each time, contexts not yet cached).
#[test]
fn the_cli_takes_the_budget_and_judges_alike_in_a_fresh_process() {
    let run = |budget: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_vpcheck"));
        cmd.args([
            "verify",
            "--format",
            "json",
            "--now",
            "2025-01-01T00:00:00Z",
            "--trust-issuer",
            "https://vc.example/issuers/5678",
            "--did-doc",
        ])
        .arg(format!(
            "{}/test-vectors/dids/vc-example-issuer.json",
            concat!(env!("CARGO_MANIFEST_DIR"), "/..")
        ));
        if let Some(b) = budget {
            cmd.args(["--max-work", b]);
        }
        let out = cmd
            .arg(format!(
                "{}/test-vectors/ld/vc-di-eddsa/eddsa-rdfc-2022-signed.json",
                concat!(env!("CARGO_MANIFEST_DIR"), "/..")
            ))
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let codes: Vec<String> = report["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["code"].as_str().unwrap().to_owned())
            .collect();
        (out.status.code(), codes)
    };
    let needed = work_needed(&with_proofs(1), &eddsa_policy());
    assert_eq!(run(None), (Some(0), vec![]));
    assert_eq!(
        run(Some(&needed.to_string())),
        (Some(0), vec![]),
        "{needed} units suffice in a fresh process too"
    );
    let (exit, codes) = run(Some(&(needed - 1).to_string()));
    assert_eq!(exit, Some(1));
    assert!(!codes.is_empty() && codes.iter().all(|c| c == "limit.work"), "{codes:?}");
}

/// A signed transcript of `courses` courses, each an achievement with criteria and a result and
/// none with an `@id`, as Open Badges 3 and CLR 2 write them (a shape a review found refused by
/// an earlier blank-node limit of 1 000), and the policy that trusts its issuer.
fn transcript(courses: usize) -> (Vec<u8>, Policy) {
    let issuer = "did:web:registrar.example";
    let vm = format!("{issuer}#key-1");
    let method: Value = serde_json::from_str(&support::method_document(&vm, issuer, 41)).unwrap();
    let mut dids = DidDocuments::new();
    dids.add_json(
        json!({"id": issuer, "verificationMethod": [method], "assertionMethod": [vm]})
            .to_string()
            .as_bytes(),
    )
    .unwrap();
    let policy = Policy::at(at("2025-01-01T00:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::new(issuer));
    let courses: Vec<Value> = (0..courses)
        .map(|i| {
            let grade = ["A", "B", "C", "D", "F"][i % 5];
            let half = ["F", "S"][i % 2];
            json!({"type": "CourseResult",
                "achievement": {"type": "Achievement", "name": format!("Course {i}"), "courseCode": format!("CS{}", 1000 + i),
                    "criteria": {"narrative": format!("Completed CS{} with a passing grade.", 1000 + i)}},
                "result": {"type": "Result", "value": grade, "credits": 3},
                "term": format!("{}-{half}", 2015 + i / 40)})
        })
        .collect();
    let credential = json!({"@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential", "TranscriptCredential"], "issuer": issuer, "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:student", "type": "TranscriptSubject", "courses": courses}});
    let signed = support::sign_rdfc(&credential, &vm, 41, "2024-01-01T00:00:00Z", &policy);
    (serde_json::to_vec(&signed).unwrap(), policy)
}

#[test]
fn a_transcript_as_large_as_the_statement_limit_allows_verifies_within_the_defaults() {
    for courses in [260, 740] {
        let (bytes, policy) = transcript(courses);
        let needed = work_needed(&bytes, &policy);
        eprintln!("a transcript of {courses} courses: {} bytes, {needed} work units", bytes.len());
        assert_eq!(outcome(&bytes, &policy), (Verdict::Verified, vec![]), "{courses} courses");
    }
    // 100 courses more are past 10 000 statements (the signature no longer holds either, but
    // the bound is reached first).
    let (bytes, policy) = transcript(740);
    let mut doc: Value = serde_json::from_slice(&bytes).unwrap();
    let courses = doc["credentialSubject"]["courses"].as_array_mut().unwrap();
    let more: Vec<Value> = courses.iter().take(100).map(|c| json!({"type": "CourseResult", "achievement": c["achievement"], "result": c["result"], "term": "2099-F"})).collect();
    courses.extend(more);
    assert_eq!(
        outcome(&serde_json::to_vec(&doc).unwrap(), &policy),
        (Verdict::Rejected, vec!["limit.statements".to_owned()])
    );
}

/// Supplied contexts that name one another in a chain deeper than 16 are refused before any of
/// them is processed (a chain of 80 once processed 258 000 terms uncharged): 16 are allowed, 17 not.
#[test]
fn a_chain_of_contexts_deeper_than_the_limit_is_refused() {
    let chained = |depth: usize| {
        let mut policy = eddsa_policy();
        for i in 0..depth {
            let next = if i + 1 < depth {
                json!([format!("https://ctx.example/{}", i + 1), {"t": "urn:t"}])
            } else {
                json!({"t": "urn:t"})
            };
            policy = policy.with_context(
                format!("https://ctx.example/{i}"),
                json!({"@context": next}).to_string(),
            );
        }
        let mut doc = json_vector("ld/vc-di-eddsa/eddsa-rdfc-2022-signed.json");
        doc["@context"].as_array_mut().unwrap().push(json!("https://ctx.example/0"));
        outcome(&serde_json::to_vec(&doc).unwrap(), &policy)
    };
    // Within the limit the chain is processed; its term is used nowhere, so the signed dataset
    // is the same and the proof holds.
    assert_eq!(chained(16), (Verdict::Verified, vec![]));
    assert_eq!(chained(17), (Verdict::Rejected, vec!["limit.context_depth".to_owned()]));
}

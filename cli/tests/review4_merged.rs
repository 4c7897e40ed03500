//! Fourth adversarial review: the merge of trust roles (issuer/holder/Hopae/evidence/signer key
//! sets, trusted issuers), accepted and unsigned formats with `policy.unconsumed`, and JWK
//! validity windows (`key.outside_window`). The probes look at the seams between the three.
//! Each is an attack by someone who can hand vpcheck a result (and, where stated, holds a key
//! the caller trusts for some role, or a retired key), or a plausible configuration. A probe that
//! finds a hole fails, saying what verified.
//!
//! Failing at f171aee2 (holes): Hopae userinfo (and bare evidence) that relays no token at all
//! is a "signed" format, so `format.unsigned` never applies: `{"sub", "acr"}`, or an Incode
//! result with those two members added, is verified under the default policy, and with
//! `allow_unsigned_claims` its forged claims and level come back verified under a policy that
//! accepts only Hopae userinfo and refuses unsigned formats; a BLS12-381 `publicKeyJwk` in a DID
//! document is read apart from the JWK parser, so its `nbf`/`exp` window is ignored (a retired
//! Trinsic key still verifies, and a window with `exp` before `nbf` is not refused).
//!
//! Mended since: a Hopae result none of whose tokens verified is unsigned (`format.unsigned`,
//! unless `allow_unsigned_formats`), and a BLS `publicKeyJwk`'s window is read by the JWK parser
//! and judged at the policy instant (`key.outside_window`; a malformed one `key.invalid`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "../../tests/support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD as B64};
use base64::Engine as _;
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde_json::{json, Value};
use vpcheck::{
    parse, DidDocuments, Error, ErrorKind, Format, KeySet, Limits, Policy, TrustedIssuer, Verdict,
};

use support::{at, json_vector, vector};

// --- helpers ---------------------------------------------------------------------------------

fn keys_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join("test-vectors/keys")
}

fn pem_key(name: &str) -> Ed25519KeyPair {
    let pem = std::fs::read_to_string(keys_dir().join(name)).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = STANDARD.decode(body).unwrap();
    Ed25519KeyPair::from_seed_unchecked(&der[der.len() - 32..]).unwrap()
}

fn issuer_key() -> Ed25519KeyPair {
    pem_key("issuer-ed25519.pem")
}

fn holder_key() -> Ed25519KeyPair {
    pem_key("holder-ed25519.pem")
}

fn seed_key(seed: u8) -> Ed25519KeyPair {
    Ed25519KeyPair::from_seed_unchecked(&[seed; 32]).unwrap()
}

fn jwks(file: &str) -> KeySet {
    KeySet::from_json(&std::fs::read(keys_dir().join(file)).unwrap()).unwrap()
}

/// A JWK of `key`, with extra members (`kid`, `nbf`, `exp`).
fn jwk(key: &Ed25519KeyPair, extra: Value) -> Value {
    let mut jwk =
        json!({"kty": "OKP", "crv": "Ed25519", "x": B64.encode(key.public_key().as_ref())});
    for (k, v) in extra.as_object().unwrap() {
        jwk[k] = v.clone();
    }
    jwk
}

fn set_of(keys: &[Value]) -> KeySet {
    KeySet::from_json(json!({ "keys": keys }).to_string().as_bytes()).unwrap()
}

fn sign(key: &Ed25519KeyPair, header: &Value, payload: &Value) -> String {
    let input = format!("{}.{}", B64.encode(header.to_string()), B64.encode(payload.to_string()));
    let sig = key.sign(input.as_bytes());
    format!("{input}.{}", B64.encode(sig.as_ref()))
}

fn ed_header(kid: Option<&str>, typ: &str) -> Value {
    match kid {
        Some(kid) => json!({"alg": "EdDSA", "kid": kid, "typ": typ}),
        None => json!({"alg": "EdDSA", "typ": typ}),
    }
}

const AUD: &str = "https://verifier.example";
const NONCE: &str = "c-7f2a";

/// Verdict, error codes, given name when verified, and the errors themselves.
struct Outcome {
    verdict: Verdict,
    codes: Vec<String>,
    given: Option<String>,
    errors: Vec<Error>,
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} {:?} given={:?}", self.verdict, self.codes, self.given)
    }
}

fn outcome_with(bytes: &[u8], id_token: Option<&str>, policy: &Policy) -> Outcome {
    let parsed = match parse(bytes, policy.limits()) {
        Ok(p) => p,
        Err(e) => {
            return Outcome {
                verdict: Verdict::Rejected,
                codes: vec![format!("parse:{}", e.code())],
                given: None,
                errors: vec![e],
            }
        }
    };
    let parsed = match id_token {
        Some(t) => parsed.with_id_token(t, policy.limits()).unwrap(),
        None => parsed,
    };
    match parsed.verify(policy) {
        Ok(v) => Outcome {
            verdict: Verdict::Verified,
            codes: Vec::new(),
            given: v.claims().given_name.as_deref().map(str::to_owned),
            errors: Vec::new(),
        },
        Err(r) => Outcome {
            verdict: r.verdict(),
            codes: r.errors().iter().map(|e| e.code().to_owned()).collect(),
            given: None,
            errors: r.errors().to_vec(),
        },
    }
}

fn outcome(bytes: &[u8], policy: &Policy) -> Outcome {
    outcome_with(bytes, None, policy)
}

fn has(o: &Outcome, code: &str) -> bool {
    o.codes.iter().any(|c| c == code)
}

/// The README error table: code -> kind ("malformed", "invalid", "could not check").
fn readme_kinds() -> BTreeMap<String, String> {
    let readme = std::fs::read_to_string(
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join("README.md"),
    )
    .unwrap();
    let start = readme.find("## Error codes").unwrap();
    let end = start + readme[start..].find("## Benchmarks").unwrap();
    let mut out = BTreeMap::new();
    for line in readme[start..end].lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() >= 4 && cells[1].starts_with('`') {
            out.insert(cells[1].trim_matches('`').to_owned(), cells[2].to_owned());
        }
    }
    out
}

fn kind_name(k: ErrorKind) -> &'static str {
    match k {
        ErrorKind::Malformed => "malformed",
        ErrorKind::Invalid => "invalid",
        ErrorKind::Unchecked => "could not check",
    }
}

// === 1. Hopae userinfo that relays no signed token: an unsigned result in a signed format ========

/// Attack: anyone hands vpcheck `{"sub", "acr", "hopae_loa", "user": {...}}`: Hopae userinfo
/// (a "signed" format) carrying no evidence and no ID token, so nothing in it is signed. The
/// caller accepts only Hopae userinfo, does not accept unsigned formats, and accepts unsigned
/// claims (for the members Hopae never signs: email, phone, address). Format detection makes the
/// result "signed", so `format.unsigned` never applies; `allow_unsigned_claims` then returns the
/// forged identity as verified claims, and the forged level meets `--min-loa`.
#[test]
fn hopae_userinfo_signed_by_nothing_yields_verified_claims_under_a_signed_formats_only_policy() {
    let forged = json!({
        "sub": "attacker-chosen", "acr": "urn:hopae:loa:3", "hopae_loa": 3, "hopae_loa_label": "substantial",
        "user": {"given_name": "EVE", "family_name": "FORGED", "birthdate": "1990-01-01", "nationality": "LT"}
    });
    let bytes = serde_json::to_vec(&forged).unwrap();
    // The keys of every Hopae role are configured: the caller means to check signatures.
    let base = support::hopae_policy()
        .with_hopae_keys(support::hopae_keys())
        .accept_formats(&[Format::HopaeUserinfo]);
    // Default policy (unsigned claims withheld): what verdict does "nothing signed" get?
    let plain = outcome(&bytes, &base);
    eprintln!("signed-by-nothing userinfo, default: {plain:?}");
    let with_unsigned =
        outcome(&bytes, &base.clone().allow_unsigned_claims().require_min_assurance_level(3));
    eprintln!("signed-by-nothing userinfo, allow_unsigned_claims + min-loa 3: {with_unsigned:?}");
    // Control: the same policy refuses an Incode result (format.unsigned and not accepted).
    let incode =
        outcome(&vector("incode/finish-approved.json"), &base.clone().allow_unsigned_claims());
    eprintln!("incode under the same policy: {incode:?}");
    assert_ne!(incode.verdict, Verdict::Verified);
    assert!(
        with_unsigned.verdict != Verdict::Verified,
        "a Hopae userinfo no signature covers verified with claims given_name={:?} and level 3 under a policy that accepts only \
         Hopae userinfo and refuses unsigned formats (allow_unsigned_claims only): {with_unsigned:?}",
        with_unsigned.given
    );
}

/// Attack: an approved Incode result (an unsigned format, refused by default as
/// `format.unsigned`) with `sub` and `acr` added is detected as Hopae userinfo, a signed format:
/// under the default policy it is "verified" although nothing in it is signed.
#[test]
fn an_unsigned_incode_result_steered_into_hopae_userinfo_is_verified_by_default() {
    let mut doc = json_vector("incode/finish-approved.json");
    let policy = Policy::at(at(support::HOPAE_NOW));
    let control = outcome(&serde_json::to_vec(&doc).unwrap(), &policy);
    eprintln!("incode as sent: {control:?}");
    assert!(has(&control, "format.unsigned"), "{control:?}");
    doc["sub"] = json!("x");
    doc["acr"] = json!("urn:hopae:loa:3");
    let steered = outcome(&serde_json::to_vec(&doc).unwrap(), &policy);
    eprintln!("incode + sub + acr: {steered:?}");
    // Same with a userinfo without any token and keys configured for every Hopae role.
    let keyed = support::hopae_full_policy();
    let bare = json!({"sub": "x", "acr": "urn:hopae:loa:3"});
    let bare_o = outcome(
        &serde_json::to_vec(&bare).unwrap(),
        &Policy::at(at(support::HOPAE_NOW))
            .with_hopae_keys(support::hopae_keys())
            .with_evidence_keys(support::UPSTREAM_ISS, support::upstream_keys()),
    );
    eprintln!("bare {{sub, acr}} with every Hopae key configured: {bare_o:?}");
    let _ = keyed;
    // Bare Hopae evidence (also a "signed" format) without an id_token.
    let evidence = json!({"token": {"access_token": "x", "token_type": "Bearer"}, "names": "access_token;token_type"});
    let ev = outcome(&serde_json::to_vec(&evidence).unwrap(), &Policy::at(at(support::HOPAE_NOW)));
    eprintln!("bare evidence without id_token, default policy: {ev:?}");
    assert!(
        steered.verdict != Verdict::Verified && bare_o.verdict != Verdict::Verified,
        "an unsigned result verified by being read as Hopae userinfo: incode+sub+acr {steered:?}; bare {{sub, acr}} {bare_o:?}"
    );
}

// === 2. Key validity windows ===================================================================

/// Attack: the issuer's DID document (pinned by the caller) gives Trinsic's BLS12-381 key as a
/// `publicKeyJwk` with `exp` in the past: the caller retired it ("Keys over time": a
/// `publicKeyJwk` in a DID document is read by the same parser, so its nbf/exp bound proofs).
/// The BLS JWK is read apart from the JWK parser: is the window applied?
#[test]
fn a_retired_bls_publickeyjwk_in_a_pinned_did_document_still_verifies_bbs_proofs() {
    let session = vector("trinsic-bbs/session-valid.json");
    let doc: Value = serde_json::from_slice(&vector("trinsic-bbs/issuer.did.json")).unwrap();
    let b58 = doc["verificationMethod"][0]["publicKeyBase58"].as_str().unwrap();
    let x = B64.encode(bs58::decode(b58).into_vec().unwrap());
    let with_jwk = |window: Value| {
        let mut d = doc.clone();
        let vm = d["verificationMethod"][0].as_object_mut().unwrap();
        vm.remove("publicKeyBase58");
        vm.insert("type".into(), json!("JsonWebKey2020"));
        let mut jwk = json!({"kty": "OKP", "crv": "Bls12381G2", "x": x});
        for (k, v) in window.as_object().unwrap() {
            jwk[k] = v.clone();
        }
        vm.insert("publicKeyJwk".into(), jwk);
        let mut dids = DidDocuments::new();
        dids.add_json(d.to_string().as_bytes()).unwrap();
        Policy::at(at("2026-10-01T10:00:00Z"))
            .with_did_documents(dids)
            .trust_issuer(TrustedIssuer::trinsic(support::TRINSIC_ISSUER))
            .expect_session_id("urn:trinsic:idvsession:7d6f0c2e-5b1a-4c3e-9f7a-2b8d1e4c6a90")
    };
    let control = outcome(&session, &support::trinsic_policy());
    eprintln!("base58 key: {control:?}");
    assert_eq!(control.verdict, Verdict::Verified);
    let jwk_open = outcome(&session, &with_jwk(json!({})));
    eprintln!("BLS publicKeyJwk, no window: {jwk_open:?}");
    // Retired on 2026-01-01 (1767225600), judged at 2026-10-01.
    let retired = outcome(&session, &with_jwk(json!({"exp": 1_767_225_600})));
    eprintln!("BLS publicKeyJwk, exp 2026-01-01: {retired:?}");
    // A window that is not one (exp before nbf) refuses a JWK set when read; here?
    let mut d = doc.clone();
    d["verificationMethod"][0].as_object_mut().unwrap().remove("publicKeyBase58");
    d["verificationMethod"][0]["publicKeyJwk"] =
        json!({"kty": "OKP", "crv": "Bls12381G2", "x": x, "nbf": 10, "exp": 5});
    let mut dids = DidDocuments::new();
    eprintln!(
        "BLS publicKeyJwk with exp before nbf, add_json: {:?}",
        dids.add_json(d.to_string().as_bytes()).map_err(|e| e.code())
    );
    if jwk_open.verdict == Verdict::Verified {
        assert_ne!(
            retired.verdict,
            Verdict::Verified,
            "a BBS+ Trinsic session verified with a publicKeyJwk whose exp (2026-01-01) is before the policy instant (2026-10-01): {retired:?}"
        );
    }
}

/// Attack: the issuer's old key (window [2024-01-01, 2025-01-01)) leaked after it was retired.
/// The thief signs a credential in 2025-06 with `iat`/`nbf`/`issuanceDate` set inside the old
/// window, and stores it where the relying party audits with `--at signed`. The instant judged
/// at is read from the signed bytes, which the holder of the key chooses.
#[test]
fn audit_at_signed_accepts_a_token_backdated_into_a_retired_keys_window() {
    const T0: i64 = 1_704_067_200; // 2024-01-01
    const T1: i64 = 1_735_689_600; // 2025-01-01
    let old = seed_key(41);
    let new = seed_key(42);
    let set = json!({"keys": [jwk(&old, json!({"kid": "2024", "nbf": T0, "exp": T1})), jwk(&new, json!({"kid": "2025", "nbf": T1}))]});
    let iat = T1 - 86_400; // 2024-12-31, inside the old window
    let token = sign(
        &old,
        &ed_header(Some("2024"), "JWT"),
        &json!({"iss": "did:example:issuer", "sub": "did:example:eve", "iat": iat, "nbf": iat,
            "vc": {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"],
                   "issuer": "did:example:issuer", "issuanceDate": "2024-12-31T00:00:00Z",
                   "credentialSubject": {"id": "did:example:eve", "givenName": "EVE"}}}),
    );
    let keys = KeySet::from_json(set.to_string().as_bytes()).unwrap();
    // Judged at the real signing time (2025-06-01): the key is outside its window.
    let now = outcome(
        token.as_bytes(),
        &Policy::at(at("2025-06-01T00:00:00Z"))
            .with_issuer_keys("did:example:issuer", keys.clone()),
    );
    eprintln!("--now 2025-06-01: {now:?}");
    assert!(has(&now, "key.outside_window"), "{now:?}");
    // What --at signed would judge at.
    let (field, instant) =
        vpcheck::audit::signed_instant(token.as_bytes(), &Limits::default()).unwrap();
    eprintln!("signed instant: {field} = {instant}");
    let signed = outcome(
        token.as_bytes(),
        &Policy::at(instant).with_issuer_keys("did:example:issuer", keys),
    );
    eprintln!("at the signed instant: {signed:?}");
    // And the CLI audit.
    let file = tmp("backdated.jwt", &token);
    let keyfile = tmp("rotating.jwks.json", &set.to_string());
    let out = Command::new(env!("CARGO_BIN_EXE_vpcheck"))
        .args([
            "audit",
            "--at",
            "signed",
            "--format",
            "ndjson",
            "--issuer-jwks",
            &format!("did:example:issuer={}", keyfile.display()),
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!(
        "audit --at signed: exit {:?}\n{}",
        out.status.code(),
        stdout.lines().next().unwrap_or_default()
    );
    // Inherent: a JWS carries no trusted time, so a retired key's holder can always backdate. The
    // probe records it; it does not fail.
}

/// Two kid-less keys with overlapping windows and a token signed by a third, retired key
/// without `kid`: which code, and can the retired key's token verify?
#[test]
fn kidless_keys_with_overlapping_windows_and_a_retired_signer() {
    const T0: i64 = 1_704_067_200; // 2024-01-01
    const T1: i64 = 1_735_689_600; // 2025-01-01
    const T2: i64 = 1_767_225_600; // 2026-01-01
    let (a, b, retired) = (seed_key(51), seed_key(52), seed_key(53));
    let keys = set_of(&[
        jwk(&a, json!({"nbf": T0, "exp": T2})),
        jwk(&b, json!({"nbf": T1})),
        jwk(&retired, json!({"exp": T0})),
    ]);
    let policy =
        Policy::at(at("2025-06-01T00:00:00Z")).with_issuer_keys("https://issuer.example", keys);
    let claims = json!({"iss": "https://issuer.example", "aud": AUD, "iat": T1 + 10});
    let policy = policy.expect_audience(AUD);
    for (name, key, expect_ok) in [("a", &a, true), ("b", &b, true), ("retired", &retired, false)] {
        let t = sign(key, &ed_header(None, "JWT"), &claims);
        let o = outcome(t.as_bytes(), &policy);
        eprintln!("kid-less token by {name}: {o:?}");
        assert_eq!(o.verdict == Verdict::Verified, expect_ok, "{name}: {o:?}");
    }
    // A token by the retired key *with* a kid naming key b: the kid selects b, the signature
    // fails under b.
    let t = sign(&retired, &ed_header(Some("b"), "JWT"), &claims);
    let o = outcome(t.as_bytes(), &policy);
    eprintln!("retired key under kid b (b has no kid in the set): {o:?}");
    assert_ne!(o.verdict, Verdict::Verified);
}

/// A key outside its window in *another* role: the token of issuer A (no keys for A) signed by
/// the holder's key after the holder key was retired. The wrong-role search judges windows
/// too, so the code is not `key.wrong_role`: what is it, and is it fail-closed?
#[test]
fn wrong_role_search_and_a_key_outside_its_window_in_another_role() {
    const T1: i64 = 1_735_689_600; // 2025-01-01
    let holder = holder_key();
    let policy_with = |window: Value| {
        Policy::at(at("2025-06-01T00:00:00Z"))
            .with_holder_keys(
                "did:example:holder",
                set_of(&[jwk(&holder, {
                    let mut w = window.clone();
                    w["kid"] = json!("h1");
                    w
                })]),
            )
            .with_issuer_keys("did:example:issuer", jwks("issuer.jwks.json"))
    };
    let cred = sign(
        &holder,
        &ed_header(Some("h1"), "JWT"),
        &json!({"iss": "did:example:issuer", "sub": "did:example:holder", "iat": T1,
            "vc": {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"],
                   "issuer": "did:example:issuer", "credentialSubject": {"id": "did:example:holder", "givenName": "EVE"}}}),
    );
    let valid = outcome(cred.as_bytes(), &policy_with(json!({})));
    let retired = outcome(cred.as_bytes(), &policy_with(json!({"exp": T1})));
    eprintln!("holder key (in window) on an issuer's credential: {valid:?}");
    eprintln!("holder key (retired) on an issuer's credential: {retired:?}");
    assert!(has(&valid, "key.wrong_role"), "{valid:?}");
    assert_ne!(retired.verdict, Verdict::Verified, "{retired:?}");
}

// === 3. Expectations judged in the wrong token ==================================================

fn vc11(key: &Ed25519KeyPair, kid: &str, iss: &str, subject: &str, given: &str) -> String {
    sign(
        key,
        &ed_header(Some(kid), "JWT"),
        &json!({
            "iss": iss, "sub": subject, "nbf": 1_735_689_000, "iat": 1_735_689_000, "exp": 1_735_775_400,
            "vc": {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"],
                   "issuer": iss, "issuanceDate": "2024-12-31T23:50:00Z",
                   "credentialSubject": {"id": subject, "givenName": given}}
        }),
    )
}

fn jwt_policy() -> Policy {
    Policy::at(at("2025-01-01T00:00:00Z"))
        .with_issuer_keys("did:example:issuer", jwks("issuer.jwks.json"))
        .with_holder_keys("did:example:holder", jwks("holder.jwks.json"))
}

/// Attack: a JWT presentation without `aud`/`nonce` (made for nobody) embeds, as its
/// "credential", a presentation-shaped JWT that carries the caller's `aud` and `nonce` (captured
/// from another exchange). Are the caller's audience and nonce judged on the nested token?
#[test]
fn a_jwt_presentation_embedding_a_presentation_jwt_that_carries_the_aud_and_nonce() {
    let policy = jwt_policy().expect_audience(AUD).expect_nonce(NONCE);
    let inner = sign(
        &holder_key(),
        &ed_header(Some("did:example:holder#key-1"), "JWT"),
        &json!({"iss": "did:example:holder", "aud": AUD, "nonce": NONCE, "iat": 1_735_689_000,
            "vp": {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiablePresentation"],
                   "verifiableCredential": [vc11(&issuer_key(), "did:example:issuer#key-1", "did:example:issuer", "did:example:holder", "JANE")]}}),
    );
    let outer = sign(
        &holder_key(),
        &ed_header(Some("did:example:holder#key-1"), "JWT"),
        &json!({"iss": "did:example:holder", "iat": 1_735_689_000,
            "vp": {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiablePresentation"],
                   "verifiableCredential": [inner]}}),
    );
    let o = outcome(outer.as_bytes(), &policy);
    eprintln!("VP without aud/nonce embedding a VP with them: {o:?}");
    assert_ne!(o.verdict, Verdict::Verified, "{o:?}");
    assert!(has(&o, "jwt.audience") || has(&o, "policy.unconsumed"), "{o:?}");
}

/// `did:key` of the Ed25519 key from `seed`, and its verification method.
fn did_key(seed: u8) -> (String, String) {
    let mut bytes = vec![0xed, 0x01];
    bytes.extend_from_slice(support::key(seed).verifying_key().as_bytes());
    let mb = format!("z{}", bs58::encode(bytes).into_string());
    (format!("did:key:{mb}"), format!("did:key:{mb}#{mb}"))
}

fn v2_context() -> Value {
    json!(["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"])
}

const ISSUER: &str = "did:example:issuer";
const ISSUER_VM: &str = "did:example:issuer#key-1";

fn ld_policy() -> Policy {
    let mut dids = DidDocuments::new();
    dids.add_json(support::method_document(ISSUER_VM, ISSUER, 21).as_bytes()).unwrap();
    Policy::at(at("2025-01-01T00:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::new(ISSUER))
}

fn ld_credential_about(
    subject: &str,
    given: &str,
    policy: &Policy,
    extra: &[(&str, &str)],
) -> Value {
    let c = json!({"@context": v2_context(), "type": ["VerifiableCredential"], "issuer": ISSUER,
        "validFrom": "2024-01-01T00:00:00Z", "credentialSubject": {"id": subject, "givenName": given}});
    support::sign_rdfc_with(
        &c,
        ISSUER_VM,
        21,
        "2024-01-01T00:00:00Z",
        policy,
        "assertionMethod",
        extra,
    )
}

fn ld_presentation(
    holder: &str,
    vm: &str,
    seed: u8,
    credentials: Vec<Value>,
    policy: &Policy,
    extra: &[(&str, &str)],
) -> Value {
    let p = json!({"@context": v2_context(), "type": ["VerifiablePresentation"], "holder": holder, "verifiableCredential": credentials});
    support::sign_rdfc_with(&p, vm, seed, "2024-06-01T00:00:00Z", policy, "authentication", extra)
}

/// Attack: an unsigned JSON-LD presentation wrapper around a trusted credential whose *issuance*
/// proof carries `challenge` = the caller's nonce and `domain` = its audience (an issuer that
/// issued "for" one request). The nonce must be judged on the presentation's proof, not consumed
/// by the embedded credential's.
#[test]
fn a_nonce_consumed_by_an_embedded_credentials_proof_challenge() {
    let policy = ld_policy().expect_nonce(NONCE).expect_audience(AUD);
    let cred = ld_credential_about(
        "did:example:holder",
        "JANE",
        &policy,
        &[("challenge", NONCE), ("domain", AUD)],
    );
    let wrapper = json!({"@context": v2_context(), "type": ["VerifiablePresentation"], "verifiableCredential": [cred.clone()]});
    let o = outcome(wrapper.to_string().as_bytes(), &policy);
    eprintln!("unsigned wrapper, credential proof with challenge/domain: {o:?}");
    assert_ne!(o.verdict, Verdict::Verified, "{o:?}");
    // Signed by an attacker's did:key without challenge: the presentation's proof is judged.
    let (did, vm) = did_key(77);
    let signed = ld_presentation(&did, &vm, 77, vec![cred.clone()], &policy, &[]);
    let o = outcome(signed.to_string().as_bytes(), &policy);
    eprintln!("attacker-signed presentation without challenge: {o:?}");
    assert_ne!(o.verdict, Verdict::Verified, "{o:?}");
    // The bare credential, not in a presentation: its own proof is the bound one.
    let o = outcome(cred.to_string().as_bytes(), &policy);
    eprintln!("bare credential with challenge/domain in its issuance proof: {o:?}");
}

/// Attack: a JSON-LD presentation signed by the holder's did:key (holder needs no trust) embeds a
/// trusted JSON-LD credential about the holder and a trusted JWT credential about *someone
/// else*. With holder binding required, the JWT credential must be bound too; without it, the
/// "one person" rule of a result.
#[test]
fn a_json_ld_presentation_embedding_a_jwt_credential_of_another_subject() {
    let (did, vm) = did_key(88);
    let base = ld_policy()
        .with_issuer_keys("did:example:issuer", jwks("issuer.jwks.json"))
        .expect_nonce(NONCE);
    // VCDM 1.1 throughout (see below): a v2 credential inside a v1 presentation redefines
    // protected terms.
    let v1 = json!([
        "https://www.w3.org/2018/credentials/v1",
        "https://w3id.org/security/data-integrity/v2"
    ]);
    let ld = support::sign_rdfc(
        &json!({"@context": v1, "type": ["VerifiableCredential"], "issuer": ISSUER, "issuanceDate": "2024-01-01T00:00:00Z",
            "credentialSubject": {"id": did}}),
        ISSUER_VM,
        21,
        "2024-01-01T00:00:00Z",
        &base,
    );
    let jwt_other = vc11(
        &issuer_key(),
        "did:example:issuer#key-1",
        "did:example:issuer",
        "did:example:bob",
        "BOB",
    );
    let jwt_own =
        vc11(&issuer_key(), "did:example:issuer#key-1", "did:example:issuer", &did, "JANE");
    // The v2 context makes `verifiableCredential` a graph container, which a string cannot be
    // expanded into: the VCDM 1.1 context reads a JWT string there as an IRI.
    let present = |jwt: &str| {
        let p = json!({"@context": v1, "type": ["VerifiablePresentation"], "holder": did,
            "verifiableCredential": [ld.clone(), json!(jwt)]});
        support::sign_rdfc_with(
            &p,
            &vm,
            88,
            "2024-06-01T00:00:00Z",
            &base,
            "authentication",
            &[("challenge", NONCE)],
        )
        .to_string()
    };
    // Control: the JSON-LD credential alone, bound.
    let p = json!({"@context": v1, "type": ["VerifiablePresentation"], "holder": did, "verifiableCredential": [ld.clone()]});
    let alone = support::sign_rdfc_with(
        &p,
        &vm,
        88,
        "2024-06-01T00:00:00Z",
        &base,
        "authentication",
        &[("challenge", NONCE)],
    )
    .to_string();
    eprintln!(
        "control, LD credential alone, holder binding: {:?}",
        outcome(alone.as_bytes(), &base.clone().require_holder_binding())
    );
    let bound = base.clone().require_holder_binding();
    let other_bound = outcome(present(&jwt_other).as_bytes(), &bound);
    let own_bound = outcome(present(&jwt_own).as_bytes(), &bound);
    let other_unbound = outcome(present(&jwt_other).as_bytes(), &base);
    eprintln!("holder binding, JWT credential about bob: {other_bound:?}");
    eprintln!("holder binding, JWT credential about the holder: {own_bound:?}");
    eprintln!("no holder binding, LD about the holder + JWT about bob: {other_unbound:?}");
    assert_ne!(
        other_bound.verdict,
        Verdict::Verified,
        "holder binding passed for a JWT credential about did:example:bob in {did}'s presentation"
    );
}

/// Attack on holder spelling: the victim's credential is about `did:key:zV`; the attacker signs a
/// presentation naming `holder: did:key:zV` with a method `did:key:zV#zA` (the victim's DID, the
/// attacker's key as fragment), or names the holder as the victim's method URL.
#[test]
fn a_did_key_holder_spelled_with_another_keys_fragment() {
    let (victim, _) = did_key(90);
    let (_, attacker_vm) = did_key(91);
    let attacker_fragment = attacker_vm.split_once('#').unwrap().1.to_owned();
    let policy = ld_policy().expect_nonce(NONCE).require_holder_binding();
    let cred = ld_credential_about(&victim, "VICTIM", &policy, &[]);
    let vm = format!("{victim}#{attacker_fragment}");
    let p = ld_presentation(&victim, &vm, 91, vec![cred.clone()], &policy, &[("challenge", NONCE)]);
    let o = outcome(p.to_string().as_bytes(), &policy);
    eprintln!("holder {victim}, method {vm} (attacker's key): {o:?}");
    assert_ne!(o.verdict, Verdict::Verified, "{o:?}");
    // The victim's own key, holder written as the method URL rather than the DID.
    let (_, victim_vm) = did_key(90);
    let p =
        ld_presentation(&victim_vm, &victim_vm, 90, vec![cred], &policy, &[("challenge", NONCE)]);
    let o = outcome(p.to_string().as_bytes(), &policy);
    eprintln!("holder = the victim's method URL, signed by the victim: {o:?}");
}

// === 4. Trinsic Connect: signed resultVp and unproofed credentials ============================

/// Attack: the honest session's `resultVp` with a second credential, unproofed, about the same
/// person, adding claims (sex, nationality) and a `normalizedGovernmentIdData` copy carrying a
/// different document number where the signed credential withholds it or not.
#[test]
fn a_trinsic_result_vp_with_an_unproofed_extra_credential() {
    let policy = support::trinsic_policy();
    let mut session = json_vector("trinsic-bbs/session-valid.json");
    let mut vp: Value = serde_json::from_str(session["resultVp"].as_str().unwrap()).unwrap();
    let first = vp["verifiableCredential"][0].clone();
    let mut extra = first.clone();
    extra.as_object_mut().unwrap().remove("proof");
    extra["credentialSubject"]["sex"] = json!("F");
    vp["verifiableCredential"] = json!([first, extra]);
    session["resultVp"] = json!(vp.to_string());
    let o = outcome(&serde_json::to_vec(&session).unwrap(), &policy);
    eprintln!("resultVp + an unproofed copy: {o:?}");
    assert_ne!(o.verdict, Verdict::Verified, "{o:?}");
    // The envelope's unsigned copy with a claim the credential does not state.
    let mut session = json_vector("trinsic-bbs/session-valid.json");
    let vps = session["verifications"]
        .as_object()
        .map(|m| m.keys().cloned().collect::<Vec<_>>())
        .unwrap_or_default();
    for k in &vps {
        session["verifications"][k]["normalizedGovernmentIdData"]["idNumber"] = json!("FORGED-123");
        session["verifications"][k]["normalizedGovernmentIdData"]["givenName"] = json!("EVE");
    }
    let parsed = serde_json::to_vec(&session).unwrap();
    let o = outcome(&parsed, &policy);
    eprintln!(
        "normalizedGovernmentIdData idNumber/givenName edited ({} verifications): {o:?}",
        vps.len()
    );
}

// === 5. Format detection and acceptance ========================================================

/// Steering the other way: signed results given a member that makes them read as an unsigned
/// format, under a policy that accepts unsigned formats and unsigned claims: the signed-format
/// checks (keys, expectations) are skipped; what passes?
#[test]
fn signed_results_steered_into_unsigned_formats_with_unsigned_formats_allowed() {
    let policy = support::hopae_full_policy().allow_unsigned_formats().allow_unsigned_claims();
    let mut userinfo = json_vector("hopae-signed/userinfo-valid.json");
    userinfo["verificationId"] = json!("v-1");
    userinfo["status"] = json!("completed");
    let o = outcome(&serde_json::to_vec(&userinfo).unwrap(), &policy);
    eprintln!("userinfo + verificationId + status (hopae-verification): {o:?}");
    assert!(has(&o, "policy.unconsumed") || o.verdict != Verdict::Verified, "{o:?}");
    // With no token expectation at all, a verification object with forged claims.
    let plain = Policy::at(at(support::HOPAE_NOW))
        .with_hopae_keys(support::hopae_keys())
        .allow_unsigned_formats()
        .allow_unsigned_claims();
    let forged = json!({"verificationId": "v-1", "status": "completed", "verifiedAt": "2025-10-28T06:00:00Z",
        "verifiedAttributes": {"name": "EVE FORGED"}});
    let forged_bytes = serde_json::to_vec(&forged).unwrap();
    let parsed = parse(&forged_bytes, &Limits::default()).unwrap();
    match parsed.verify(&plain) {
        Ok(v) => eprintln!("status object, unsigned formats + claims allowed: verified, full_name {:?}, unsigned listed {}", v.claims().full_name, v.unsigned().len()),
        Err(r) => eprintln!("status object: {r}"),
    }
}

// === 6. CLI flags ==============================================================================

fn tmp(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vpcheck-review4-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn cli(args: &[&str]) -> (i32, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vpcheck")).args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Ambiguous flag values: a comma list for `--accept-format`, a key file whose path holds `=`,
/// an empty ISS, a `--trust-issuer` with surrounding blanks.
#[test]
fn cli_flag_values_that_could_be_read_two_ways() {
    let token = sign(
        &issuer_key(),
        &ed_header(Some("did:example:issuer#key-1"), "JWT"),
        &json!({"iss": "did:example:issuer", "aud": AUD}),
    );
    let file = tmp("tok.jwt", &token);
    let dir = std::env::temp_dir().join(format!("vpcheck-review4-{}", std::process::id()));
    let odd = dir.join("keys=issuer.jwks.json");
    std::fs::copy(keys_dir().join("issuer.jwks.json"), &odd).unwrap();
    let run = |extra: &[&str]| {
        let mut args =
            vec!["verify", "--format", "json", "--now", "2025-01-01T00:00:00Z", "--audience", AUD];
        args.extend_from_slice(extra);
        args.push(file.to_str().unwrap());
        cli(&args)
    };
    let keys = format!("did:example:issuer={}", keys_dir().join("issuer.jwks.json").display());
    let (code, _, _) = run(&["--issuer-jwks", &keys]);
    assert_eq!(code, 0);
    let (code, _, err) = run(&["--issuer-jwks", &keys, "--accept-format", "jws,hopae-userinfo"]);
    eprintln!("--accept-format jws,hopae-userinfo: exit {code} {}", err.trim());
    assert_eq!(code, 2);
    let (code, _, err) = run(&["--issuer-jwks", &keys, "--accept-format", "JWS"]);
    eprintln!("--accept-format JWS: exit {code} {}", err.trim());
    assert_eq!(code, 2);
    let spec = format!("did:example:issuer={}", odd.display());
    let (code, json, err) = run(&["--issuer-jwks", &spec]);
    eprintln!(
        "--issuer-jwks with '=' in the file path: exit {code} {} {}",
        json["errors"],
        err.trim()
    );
    assert_ne!(code, 0);
    let (code, _, err) =
        run(&["--issuer-jwks", &format!("={}", keys_dir().join("issuer.jwks.json").display())]);
    eprintln!("--issuer-jwks =FILE: exit {code} {}", err.trim());
    assert_eq!(code, 2);
    let (code, _, err) = run(&["--holder-jwks", "did:example:holder="]);
    eprintln!("--holder-jwks HOLDER=: exit {code} {}", err.trim());
    assert_eq!(code, 2);
    let (code, json, _) = run(&[
        "--issuer-jwks",
        &format!(" did:example:issuer={}", keys_dir().join("issuer.jwks.json").display()),
    ]);
    eprintln!("--issuer-jwks ' did:example:issuer=FILE': exit {code} {}", json["errors"]);
    assert_ne!(code, 0);
}

// === 7. New error codes: README table kinds ====================================================

/// Every new code, produced by a real result, has the kind the README table gives it.
#[test]
fn new_error_codes_have_their_readme_kinds() {
    let table = readme_kinds();
    let mut seen: Vec<Error> = Vec::new();
    // issuer.untrusted: a JWT credential of an issuer without keys.
    let cred = vc11(
        &issuer_key(),
        "did:example:issuer#key-1",
        "did:example:issuer",
        "did:example:holder",
        "JANE",
    );
    seen.extend(outcome(cred.as_bytes(), &Policy::at(at("2025-01-01T00:00:00Z"))).errors);
    // key.wrong_role: the holder's key on a credential.
    let forged = vc11(
        &holder_key(),
        "did:example:holder#key-1",
        "did:example:issuer",
        "did:example:holder",
        "JANE",
    );
    seen.extend(outcome(forged.as_bytes(), &jwt_policy()).errors);
    // format.not_accepted, format.unsigned, policy.unconsumed.
    seen.extend(
        outcome(
            &vector("incode/finish-approved.json"),
            &Policy::at(at("2025-01-01T00:00:00Z"))
                .accept_formats(&[Format::Jws])
                .expect_nonce("n"),
        )
        .errors,
    );
    // key.outside_window.
    let k = seed_key(61);
    let t = sign(&k, &ed_header(Some("old"), "JWT"), &json!({"iss": "https://i.example"}));
    seen.extend(
        outcome(
            t.as_bytes(),
            &Policy::at(at("2025-06-01T00:00:00Z")).with_issuer_keys(
                "https://i.example",
                set_of(&[jwk(&k, json!({"kid": "old", "exp": 1_735_689_600}))]),
            ),
        )
        .errors,
    );
    let mut wrong = Vec::new();
    for code in [
        "issuer.untrusted",
        "key.wrong_role",
        "format.not_accepted",
        "format.unsigned",
        "policy.unconsumed",
        "key.outside_window",
    ] {
        let e = seen.iter().find(|e| e.code() == code).unwrap_or_else(|| {
            panic!("{code} not produced: {:?}", seen.iter().map(Error::code).collect::<Vec<_>>())
        });
        let documented = table.get(code).map(String::as_str);
        eprintln!("{code}: kind {} / README {documented:?}", kind_name(e.kind()));
        if documented != Some(kind_name(e.kind())) {
            wrong.push(format!("{code}: {} vs README {documented:?}", kind_name(e.kind())));
        }
    }
    // Every code any probe here produced is in the table.
    for e in &seen {
        if !table.contains_key(e.code()) {
            wrong.push(format!("{} missing from the README table", e.code()));
        }
    }
    assert!(wrong.is_empty(), "{wrong:?}");
}

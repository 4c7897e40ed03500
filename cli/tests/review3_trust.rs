//! Third adversarial review: the trust commit (4b11dfa5). JSON-LD credentials count only from
//! issuers the policy trusts for their role; JWS keys are bound to roles (issuer by `iss`, holder,
//! Hopae, evidence by `iss`, signer of issuer-less tokens). Each probe is an attack by someone
//! holding one honestly issued result, the public keys and DID documents (and, where stated, a
//! key the caller trusts for some *other* role), or a sloppy-but-plausible configuration. A probe
//! that finds a hole fails, saying what verified.
//!
//! Failing at 4b11dfa5 (holes), mended since: a holder-signed credential payload classified as a
//! presentation (`typ: vp+jwt`, or a `vp` claim): header and payload must now agree
//! (`jwt.vc_claims`); a presentation's unauthenticated `iss` used as the holder for
//! `require_holder_binding`: holder keys are now bound to the holder they verify; a JWT payload
//! with leading whitespace checked with the signer keys and none of its claims: JSON whitespace
//! is skipped before deciding; a status list signed with a method outside the issuer's pin: the
//! pin now covers lists. Questionable then, refused now: a VCDM 2.0 `issuer` of the wrong shape.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "../../tests/support/mod.rs"]
mod support;

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD as B64};
use base64::Engine as _;
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde_json::{json, Value};
use vpcheck::{parse, DidDocuments, KeySet, Limits, Policy, StatusList, TrustedIssuer, Verdict};

use support::{at, json_vector, vector};

// --- helpers ---------------------------------------------------------------------------------

fn keys_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join("test-vectors/keys")
}

/// An Ed25519 key from a PKCS#8 v1 PEM of test-vectors/keys (its last 32 bytes are the seed).
fn pem_key(name: &str) -> Ed25519KeyPair {
    let pem = std::fs::read_to_string(keys_dir().join(name)).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = STANDARD.decode(body).unwrap();
    Ed25519KeyPair::from_seed_unchecked(&der[der.len() - 32..]).unwrap()
}

/// did:example:issuer#key-1 (public half in issuer.jwks.json).
fn issuer_key() -> Ed25519KeyPair {
    pem_key("issuer-ed25519.pem")
}

/// did:example:holder#key-1 (public half in holder.jwks.json).
fn holder_key() -> Ed25519KeyPair {
    pem_key("holder-ed25519.pem")
}

fn seed_key(seed: u8) -> Ed25519KeyPair {
    Ed25519KeyPair::from_seed_unchecked(&[seed; 32]).unwrap()
}

fn jwk_set(key: &Ed25519KeyPair, kid: &str) -> KeySet {
    let jwk = json!({"kty": "OKP", "crv": "Ed25519", "kid": kid, "x": B64.encode(key.public_key().as_ref())});
    KeySet::from_json(json!({ "keys": [jwk] }).to_string().as_bytes()).unwrap()
}

fn jwks(file: &str) -> KeySet {
    KeySet::from_json(&std::fs::read(keys_dir().join(file)).unwrap()).unwrap()
}

/// A compact JWS over the exact payload bytes `payload`.
fn sign_raw(key: &Ed25519KeyPair, header: &Value, payload: &str) -> String {
    let input = format!("{}.{}", B64.encode(header.to_string()), B64.encode(payload));
    let sig = key.sign(input.as_bytes());
    format!("{input}.{}", B64.encode(sig.as_ref()))
}

fn sign(key: &Ed25519KeyPair, header: &Value, payload: &Value) -> String {
    sign_raw(key, header, &payload.to_string())
}

fn ed_header(kid: &str, typ: &str) -> Value {
    json!({"alg": "EdDSA", "kid": kid, "typ": typ})
}

const AUD: &str = "https://verifier.example";
const NONCE: &str = "c-7f2a";

/// 2025-01-01: inside the JWT vectors' windows.
fn jwt_policy() -> Policy {
    Policy::at(at("2025-01-01T00:00:00Z"))
        .with_issuer_keys("did:example:issuer", jwks("issuer.jwks.json"))
        .with_holder_keys("did:example:holder", jwks("holder.jwks.json"))
        .expect_audience(AUD)
        .expect_nonce(NONCE)
}

/// The same keys without an audience or nonce: a credential is not addressed to the caller, so
/// those expectations would be unconsumed (`policy.unconsumed`) beside what a test looks at.
fn cred_policy() -> Policy {
    Policy::at(at("2025-01-01T00:00:00Z"))
        .with_issuer_keys("did:example:issuer", jwks("issuer.jwks.json"))
        .with_holder_keys("did:example:holder", jwks("holder.jwks.json"))
}

/// Verdict and error codes; the given name when verified.
fn outcome(bytes: &[u8], policy: &Policy) -> (Verdict, Vec<String>, Option<String>) {
    let parsed = match parse(bytes, policy.limits()) {
        Ok(p) => p,
        Err(e) => return (Verdict::Rejected, vec![format!("parse:{}", e.code())], None),
    };
    match parsed.verify(policy) {
        Ok(v) => {
            (Verdict::Verified, Vec::new(), v.claims().given_name.as_deref().map(str::to_owned))
        }
        Err(r) => (r.verdict(), r.errors().iter().map(|e| e.code().to_owned()).collect(), None),
    }
}

/// A VCDM 1.1 JWT credential by did:example:issuer about `subject`.
fn vc11_about(subject: &str, given: &str) -> String {
    sign(
        &issuer_key(),
        &ed_header("did:example:issuer#key-1", "JWT"),
        &json!({
            "iss": "did:example:issuer", "sub": subject, "nbf": 1_735_689_000, "iat": 1_735_689_000, "exp": 1_735_775_400,
            "vc": {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"],
                   "issuer": "did:example:issuer", "issuanceDate": "2024-12-31T23:50:00Z",
                   "credentialSubject": {"id": subject, "givenName": given}}
        }),
    )
}

/// A VCDM 1.1 JWT presentation signed by `key`, with `iss` and the credentials given.
fn vp11(key: &Ed25519KeyPair, kid: &str, iss: &str, credentials: &[String]) -> String {
    sign(
        key,
        &ed_header(kid, "JWT"),
        &json!({
            "iss": iss, "aud": AUD, "nonce": NONCE, "iat": 1_735_689_000, "exp": 1_735_692_600,
            "vp": {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiablePresentation"],
                   "verifiableCredential": credentials}
        }),
    )
}

// === JWS: role classification ==================================================================

/// Attack: the holder (who holds a key trusted for presentations) signs a VCDM 2.0 *credential*
/// payload naming did:example:issuer, with header `typ: vp+jwt`. `classify` trusts the header
/// first, so the token is a "presentation", checked with the holder's keys; nothing checks that
/// a vp+jwt payload is a VerifiablePresentation. A caller reading the verified JWS sees a
/// credential of did:example:issuer.
#[test]
fn a_holder_signed_credential_payload_under_typ_vp_jwt_is_not_verified() {
    let policy = jwt_policy();
    let credential = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer", "iss": "did:example:issuer", "validFrom": "2024-06-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:holder", "givenName": "EVE", "degree": "PhD"},
        "aud": AUD, "nonce": NONCE, "iat": 1_735_689_000,
    });
    // Control: the same payload under its own media type is a credential, checked with the
    // issuer's keys: the holder's signature is key.wrong_role.
    let honest_typ =
        sign(&holder_key(), &ed_header("did:example:holder#key-1", "vc+jwt"), &credential);
    let control = outcome(honest_typ.as_bytes(), &cred_policy());
    assert_eq!(
        (control.0, control.1.clone()),
        (Verdict::Rejected, vec!["key.wrong_role".to_owned()]),
        "{control:?}"
    );
    // Attack: header typ vp+jwt (with and without iss); and a `vp` claim beside a VCDM 2.0
    // credential's top-level members (classified a VCDM 1.1 presentation by the `vp` claim).
    let mut no_iss = credential.clone();
    no_iss.as_object_mut().unwrap().remove("iss");
    let mut with_vp = credential.clone();
    with_vp["vp"] = json!({"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiablePresentation"]});
    let attacks = [
        ("typ vp+jwt, iss and issuer did:example:issuer", "vp+jwt", credential.clone()),
        ("typ vp+jwt, issuer did:example:issuer, no iss", "vp+jwt", no_iss),
        ("typ JWT, a vp claim beside the credential's members", "JWT", with_vp),
    ];
    let verified: Vec<String> = attacks
        .into_iter()
        .filter_map(|(name, typ, payload)| {
            let token = sign(&holder_key(), &ed_header("did:example:holder#key-1", typ), &payload);
            let got = outcome(token.as_bytes(), &policy);
            eprintln!("{name}: {got:?}");
            (got.0 == Verdict::Verified).then(|| name.to_owned())
        })
        .collect();
    assert!(
        verified.is_empty(),
        "verified, a payload of type [VerifiableCredential] naming issuer did:example:issuer (no VerifiablePresentation type), \
         signed only by the holder's key, classified a presentation: {verified:?}"
    );
}

/// Attack: a holder key is not bound to the `iss` it signs. The holder did:example:holder holds a
/// copy of a credential issued to did:example:victim and presents it with `iss` = the victim;
/// `--require-holder-binding` compares the credential subject with that unauthenticated `iss`.
#[test]
fn a_holder_presents_anothers_credential_under_their_iss_with_holder_binding_required() {
    let policy = jwt_policy().require_holder_binding();
    let own = vc11_about("did:example:holder", "OK");
    // Control: the holder presents its own credential.
    let control = vp11(
        &holder_key(),
        "did:example:holder#key-1",
        "did:example:holder",
        std::slice::from_ref(&own),
    );
    assert_eq!(outcome(control.as_bytes(), &policy).0, Verdict::Verified);
    // Control: the victim's credential under the holder's own iss fails binding.
    let victims = vc11_about("did:example:victim", "VICTIM");
    let honest = vp11(
        &holder_key(),
        "did:example:holder#key-1",
        "did:example:holder",
        std::slice::from_ref(&victims),
    );
    assert_eq!(outcome(honest.as_bytes(), &policy).1, ["binding.holder"]);
    // Attack: the same, iss = the victim (the kid still names the holder's key).
    let attack = vp11(
        &holder_key(),
        "did:example:holder#key-1",
        "did:example:victim",
        std::slice::from_ref(&victims),
    );
    let got = outcome(attack.as_bytes(), &policy);
    assert_ne!(
        got.0,
        Verdict::Verified,
        "require_holder_binding passed: a presentation of did:example:victim's credential signed by did:example:holder's key, \
         iss set to the victim ({got:?})"
    );
}

/// A holder key on a token that names no issuer (signer role) is key.wrong_role.
#[test]
fn a_plain_token_without_iss_signed_by_the_holder_is_wrong_role() {
    let token = sign(
        &holder_key(),
        &ed_header("did:example:holder#key-1", "JWT"),
        &json!({"sub": "x", "aud": AUD, "nonce": NONCE}),
    );
    let got = outcome(token.as_bytes(), &jwt_policy());
    assert_eq!((got.0, got.1), (Verdict::Rejected, vec!["key.wrong_role".to_owned()]));
}

/// A credential-shaped payload that is not classified as one (no `@context`, no `vc`, no `iss`)
/// falls to the signer keys; with an `issuer` member it is judged by that issuer's keys.
#[test]
fn a_credential_shaped_payload_without_context_or_iss() {
    let signer = seed_key(9);
    let policy = jwt_policy().with_signer_keys(jwk_set(&signer, "signer-1"));
    let mut payload = json!({"type": ["VerifiableCredential"], "credentialSubject": {"givenName": "EVE"}, "aud": AUD, "nonce": NONCE});
    let token = sign(&signer, &ed_header("signer-1", "JWT"), &payload);
    let got = outcome(token.as_bytes(), &policy);
    // A payload typed VerifiableCredential is a credential, with or without `@context`: checked
    // with its issuer's keys (it names none), so a signer key is the wrong role.
    assert_eq!(got.0, Verdict::Rejected, "{got:?}");
    assert!(got.1.contains(&"key.wrong_role".to_owned()), "{got:?}");
    assert_eq!(got.2, None);
    payload["issuer"] = json!("did:example:issuer");
    let token = sign(&signer, &ed_header("signer-1", "JWT"), &payload);
    let got = outcome(token.as_bytes(), &policy);
    // Judged by that issuer's keys: the signer key is the wrong role (beside it, the media type
    // a VCDM 2.0 credential needs, and the audience and nonce no credential carries).
    assert_eq!(got.0, Verdict::Rejected, "{got:?}");
    assert!(got.1.contains(&"key.wrong_role".to_owned()), "{got:?}");
}

/// Attack (a party holding a key trusted only as `--signer-jwks`, e.g. some internal service):
/// a JWT payload with one leading space is not read as JWT claims (`payload().first() == '{'`),
/// so it names "no issuer" and is checked with the signer keys, and none of its claims (`exp`,
/// `aud`, `vc`) is checked. `vpcheck jws` still prints it as the JSON payload: a verified token
/// naming iss did:example:issuer and carrying its credential, expired a year ago.
#[test]
fn a_payload_with_leading_whitespace_naming_an_issuer_is_not_verified_by_signer_keys() {
    let signer = seed_key(9);
    let policy = jwt_policy().with_signer_keys(jwk_set(&signer, "signer-1"));
    let claims = json!({
        "iss": "did:example:issuer", "sub": "did:example:holder", "aud": "https://someone-else.example", "exp": 1_700_000_000,
        "vc": {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"], "issuer": "did:example:issuer",
               "credentialSubject": {"id": "did:example:holder", "givenName": "EVE"}}
    });
    // Control: without the space, the token names its issuer and the signer key is wrong_role.
    let control = sign(&signer, &ed_header("signer-1", "JWT"), &claims);
    assert_ne!(outcome(control.as_bytes(), &policy).0, Verdict::Verified);
    let verified: Vec<&str> = [" ", "\n", "\t", "\r\n "]
        .into_iter()
        .filter(|prefix| {
            let token =
                sign_raw(&signer, &ed_header("signer-1", "JWT"), &format!("{prefix}{claims}"));
            let got = outcome(token.as_bytes(), &policy);
            eprintln!("prefix {prefix:?}: {got:?}");
            got.0 == Verdict::Verified
        })
        .collect();
    assert!(
        verified.is_empty(),
        "verified: a JWT whose payload (whitespace + JSON) names iss did:example:issuer, carries a vc, names another audience \
         and expired in 2023, signed only by a signer key; prefixes {verified:?}"
    );
}

// === JWS: iss vs issuer =========================================================================

#[test]
fn vcdm2_iss_and_issuer_disagreements() {
    let policy = cred_policy();
    let base = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
        "iss": "did:example:issuer", "validFrom": "2024-06-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:holder", "givenName": "OK"},
    });
    let with_issuer = |issuer: Value| {
        let mut p = base.clone();
        p["issuer"] = issuer;
        let t = sign(&issuer_key(), &ed_header("did:example:issuer#key-1", "vc+jwt"), &p);
        outcome(t.as_bytes(), &policy)
    };
    // Control.
    assert_eq!(with_issuer(json!("did:example:issuer")).0, Verdict::Verified);
    assert_eq!(with_issuer(json!({"id": "did:example:issuer", "name": "I"})).0, Verdict::Verified);
    // The issuer object naming another issuer.
    assert_eq!(with_issuer(json!({"id": "did:example:other"})).1, ["jwt.vc_claims"]);
}

/// Questionable (the issuer itself must sign it): an `issuer` that is neither a URL nor an object
/// with an `id` is never compared with `iss`, and the credential verifies.
#[test]
fn vcdm2_issuer_of_the_wrong_shape_is_not_compared_with_iss() {
    let policy = jwt_policy();
    let verified: Vec<String> = [
        json!(["did:example:other"]),
        json!(["did:example:issuer", "did:example:other"]),
        json!(42),
        json!({"name": "Other Corp"}),
    ]
    .into_iter()
    .filter_map(|odd| {
        let p = json!({
            "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
            "iss": "did:example:issuer", "issuer": odd, "validFrom": "2024-06-01T00:00:00Z",
            "credentialSubject": {"id": "did:example:holder", "givenName": "OK"},
        });
        let t = sign(&issuer_key(), &ed_header("did:example:issuer#key-1", "vc+jwt"), &p);
        let got = outcome(t.as_bytes(), &policy);
        eprintln!("issuer {odd}: {got:?}");
        (got.0 == Verdict::Verified).then(|| odd.to_string())
    })
    .collect();
    assert!(
        verified.is_empty(),
        "verified with iss did:example:issuer and issuer {verified:?}: never compared"
    );
}

#[test]
fn vcdm11_iss_and_vc_issuer_disagree() {
    let policy = cred_policy();
    let payload = json!({
        "iss": "did:example:issuer", "sub": "did:example:holder", "iat": 1_735_689_000,
        "vc": {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"],
               "issuer": {"id": "did:example:other"}, "issuanceDate": "2024-12-31T23:50:00Z",
               "credentialSubject": {"id": "did:example:holder", "givenName": "OK"}}
    });
    let t = sign(&issuer_key(), &ed_header("did:example:issuer#key-1", "JWT"), &payload);
    assert_eq!(outcome(t.as_bytes(), &policy).1, ["jwt.vc_claims"]);
    // VCDM 1.1 without iss, a top-level issuer naming the trusted issuer: keys chosen by it, but
    // the 1.1 rule (iss required) refuses it.
    let mut no_iss = payload.clone();
    no_iss.as_object_mut().unwrap().remove("iss");
    no_iss["issuer"] = json!("did:example:issuer");
    let t = sign(&issuer_key(), &ed_header("did:example:issuer#key-1", "JWT"), &no_iss);
    let got = outcome(t.as_bytes(), &policy);
    assert_ne!(got.0, Verdict::Verified, "{got:?}");
}

#[test]
fn duplicate_iss_is_refused() {
    let payload = r#"{"iss":"did:example:other","iss":"did:example:issuer","aud":"https://verifier.example","nonce":"c-7f2a"}"#;
    let t = sign_raw(&issuer_key(), &ed_header("did:example:issuer#key-1", "JWT"), payload);
    let got = outcome(t.as_bytes(), &jwt_policy());
    assert_eq!(got.0, Verdict::Rejected, "{got:?}");
    assert!(got.1.iter().any(|c| c.contains("duplicate")), "{got:?}");
}

/// The issuer's key with `iss` spelled another way than the caller's `ISS`: never verified (it is
/// key.wrong_role, since the key is trusted for the exact spelling).
#[test]
fn iss_spelling_variants_do_not_select_the_issuers_keys() {
    let policy = Policy::at(at("2025-01-01T00:00:00Z"))
        .with_issuer_keys("https://issuer.example", jwks("issuer.jwks.json"))
        .expect_audience(AUD);
    let token = |iss: &str| {
        sign(
            &issuer_key(),
            &ed_header("did:example:issuer#key-1", "JWT"),
            &json!({"iss": iss, "aud": AUD}),
        )
    };
    assert_eq!(outcome(token("https://issuer.example").as_bytes(), &policy).0, Verdict::Verified);
    for iss in [
        "https://issuer.example/",
        "HTTPS://issuer.example",
        "https://ISSUER.example",
        "https://issuer.example ",
        "https://i\u{0455}suer.example",
        "https://issuer.example\u{200b}",
    ] {
        let got = outcome(token(iss).as_bytes(), &policy);
        eprintln!("iss {iss:?}: {got:?}");
        assert_ne!(
            got.0,
            Verdict::Verified,
            "iss {iss:?} verified with the keys of https://issuer.example"
        );
    }
}

/// The issuer's key on a presentation naming the issuer as holder: holder keys only.
#[test]
fn an_issuer_key_on_a_presentation_is_wrong_role() {
    let cred = vc11_about("did:example:issuer", "OK");
    let vp = vp11(&issuer_key(), "did:example:issuer#key-1", "did:example:issuer", &[cred]);
    let got = outcome(vp.as_bytes(), &jwt_policy());
    assert_eq!((got.0, got.1), (Verdict::Rejected, vec!["key.wrong_role".to_owned()]));
}

/// JSON serialization: one signature in each role over one payload, in either order.
#[test]
fn a_json_jws_mixing_holder_and_issuer_signatures_is_not_verified() {
    let policy = jwt_policy();
    let credential = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
        "iss": "did:example:issuer", "issuer": "did:example:issuer", "validFrom": "2024-06-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:holder", "givenName": "EVE"}, "aud": AUD, "nonce": NONCE,
    });
    let payload = B64.encode(credential.to_string());
    let sig = |key: &Ed25519KeyPair, header: &Value| {
        let protected = B64.encode(header.to_string());
        let s = key.sign(format!("{protected}.{payload}").as_bytes());
        json!({"protected": protected, "signature": B64.encode(s.as_ref())})
    };
    let holder = sig(&holder_key(), &ed_header("did:example:holder#key-1", "vp+jwt"));
    let issuer = sig(&issuer_key(), &ed_header("did:example:issuer#key-1", "vc+jwt"));
    for order in [vec![holder.clone(), issuer.clone()], vec![issuer, holder]] {
        let doc = json!({"payload": payload, "signatures": order});
        let got = outcome(doc.to_string().as_bytes(), &policy);
        eprintln!("{got:?}");
        assert_ne!(got.0, Verdict::Verified, "{got:?}");
    }
}

/// Cost of the wrong_role search: a kid-less forged RS256 token naming an issuer with no keys is
/// tried against every key of every role. With N issuers each holding the RSA key, N RSA
/// verifications per token (the previous single --jwks set held the same keys, so no new order of
/// growth); the time is printed.
#[test]
fn wrong_role_search_cost_is_linear_in_the_keys_held() {
    let rsa = {
        let all: Value =
            serde_json::from_slice(&std::fs::read(keys_dir().join("issuer.jwks.json")).unwrap())
                .unwrap();
        let mut k = all["keys"][1].clone();
        k.as_object_mut().unwrap().remove("kid");
        KeySet::from_json(json!({"keys": [k]}).to_string().as_bytes()).unwrap()
    };
    let header = B64.encode(r#"{"alg":"RS256"}"#);
    let body = B64.encode(r#"{"iss":"https://nobody.example"}"#);
    let token = format!("{header}.{body}.{}", B64.encode([7u8; 256]));
    let time = |n: usize| {
        let mut p = Policy::at(at("2025-01-01T00:00:00Z"));
        for i in 0..n {
            p = p.with_issuer_keys(format!("https://issuer{i}.example"), rsa.clone());
        }
        let parsed = parse(token.as_bytes(), &Limits::default()).unwrap();
        let start = Instant::now();
        let r = parsed.verify(&p).unwrap_err();
        (start.elapsed(), r.errors().iter().map(|e| e.code()).collect::<Vec<_>>())
    };
    let (one, codes1) = time(1);
    let (many, codes) = time(256);
    eprintln!("1 issuer set: {one:?} {codes1:?}; 256 issuer sets: {many:?} {codes:?}");
    assert_eq!(codes, ["issuer.untrusted"]);
    assert!(many.as_secs() < 10, "256 issuer sets: {many:?} for one forged token");
}

// === Hopae ======================================================================================

const IAT: i64 = 1_761_632_430;
const EXP: i64 = 1_761_636_030;

/// Evidence `id_token` with no `iss`, or with Hopae's, signed by the trusted upstream key.
#[test]
fn hopae_evidence_without_iss_or_with_hopaes_iss() {
    for iss in [None, Some("https://sandbox.connect.hopae.com")] {
        let mut claims = support::upstream_claims(IAT, EXP);
        match iss {
            None => {
                claims.as_object_mut().unwrap().remove("iss");
            }
            Some(i) => claims["iss"] = json!(i),
        }
        let doc = support::userinfo_signed(&claims);
        let bytes = serde_json::to_vec(&doc).unwrap();
        for policy in
            [support::hopae_policy(), support::hopae_policy().require_evidence_signatures()]
        {
            let got = outcome(&bytes, &policy);
            eprintln!("evidence iss {iss:?}: {got:?}");
            assert_ne!(got.0, Verdict::Verified, "evidence iss {iss:?} verified: {got:?}");
            assert!(got.1.contains(&"key.wrong_role".to_owned()), "{got:?}");
        }
    }
}

/// ES256 compact JWS by a PEM key of test-vectors/keys.
fn sign_es256(pem: &str, kid: &str, payload: &Value) -> String {
    use ring::rand::SystemRandom;
    use ring::signature::{EcdsaKeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
    let pem = std::fs::read_to_string(keys_dir().join(pem)).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = STANDARD.decode(body).unwrap();
    let rng = SystemRandom::new();
    let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &der, &rng).unwrap();
    let input = format!(
        "{}.{}",
        B64.encode(json!({"alg": "ES256", "kid": kid, "typ": "JWT"}).to_string()),
        B64.encode(payload.to_string())
    );
    let signature = key.sign(&rng, input.as_bytes()).unwrap();
    format!("{input}.{}", B64.encode(signature.as_ref()))
}

/// Evidence from an upstream provider the caller has no keys for (the attacker's own key and
/// `iss`): skipped, and the user claims it would cover are withheld, never returned.
#[test]
fn hopae_evidence_of_an_unknown_upstream_is_skipped_and_claims_withheld() {
    let mut claims = support::upstream_claims(IAT, EXP);
    claims["iss"] = json!("https://attacker-idp.example");
    let mut doc = json_vector("hopae-signed/userinfo-valid.json");
    doc["provenance"]["presentation"]["credentials"][0]["evidence"]["token"]["id_token"] =
        json!(sign_es256("upstream-es256-other.pem", "attacker-1", &claims));
    let bytes = serde_json::to_vec(&doc).unwrap();
    let policy = support::hopae_policy();
    let parsed = parse(&bytes, &Limits::default()).unwrap();
    match parsed.verify(&policy) {
        Ok(v) => {
            let c = v.claims();
            assert!(
                c.given_name.is_none() && c.family_name.is_none() && c.birth_date.is_none(),
                "verified with claims from evidence signed by an untrusted upstream: {:?} {:?} {:?}",
                c.given_name,
                c.family_name,
                c.birth_date
            );
        }
        Err(r) => eprintln!("refused: {r}"),
    }
    // Requiring evidence signatures: not verified.
    let got = outcome(&bytes, &support::hopae_policy().require_evidence_signatures());
    assert_ne!(got.0, Verdict::Verified, "{got:?}");
}

/// The vector whose evidence is signed by Hopae's key: wrong_role.
#[test]
fn hopae_evidence_signed_by_hopaes_key() {
    let bytes = vector("hopae-signed/userinfo-evidence-signed-by-hopae.json");
    let got = outcome(&bytes, &support::hopae_full_policy());
    assert_eq!(got.0, Verdict::Rejected, "{got:?}");
    assert!(got.1.contains(&"key.wrong_role".to_owned()), "{got:?}");
}

// === JSON-LD ====================================================================================

const ISSUER: &str = "did:example:issuer";
const ISSUER_VM: &str = "did:example:issuer#key-1";

fn v2_context() -> Value {
    json!(["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"])
}

fn ld_policy() -> Policy {
    let mut dids = DidDocuments::new();
    dids.add_json(support::method_document(ISSUER_VM, ISSUER, 21).as_bytes()).unwrap();
    Policy::at(at("2025-01-01T00:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::new(ISSUER))
}

fn ld_credential(issuer: Value, subject: Value) -> Value {
    json!({"@context": v2_context(), "type": ["VerifiableCredential"], "issuer": issuer,
        "validFrom": "2024-01-01T00:00:00Z", "credentialSubject": subject})
}

/// `did:key` of the Ed25519 key from `seed`, and its verification method.
fn did_key(seed: u8) -> (String, String) {
    let mut bytes = vec![0xed, 0x01];
    bytes.extend_from_slice(support::key(seed).verifying_key().as_bytes());
    let mb = format!("z{}", bs58::encode(bytes).into_string());
    (format!("did:key:{mb}"), format!("did:key:{mb}#{mb}"))
}

#[test]
fn ld_issuer_object_and_array() {
    let policy = ld_policy();
    let subject = json!({"id": "did:example:holder", "givenName": "JANE"});
    let signed = |issuer: Value| {
        support::sign_rdfc(
            &ld_credential(issuer, subject.clone()),
            ISSUER_VM,
            21,
            "2024-01-01T00:00:00Z",
            &policy,
        )
        .to_string()
    };
    assert_eq!(outcome(signed(json!(ISSUER)).as_bytes(), &policy).0, Verdict::Verified);
    assert_eq!(
        outcome(signed(json!({"id": ISSUER, "name": "Issuer"})).as_bytes(), &policy).0,
        Verdict::Verified
    );
    for odd in
        [json!([ISSUER, "did:example:other"]), json!([{"id": ISSUER}, {"id": "did:example:other"}])]
    {
        let got = outcome(signed(odd.clone()).as_bytes(), &policy);
        eprintln!("issuer {odd}: {got:?}");
        assert_ne!(got.0, Verdict::Verified, "issuer {odd} verified: {got:?}");
    }
}

/// A presentation of a trusted credential and a self-issued did:key credential about the same
/// subject that adds claims: the whole result is not verified.
#[test]
fn ld_presentation_with_one_untrusted_credential_is_not_verified() {
    let policy = ld_policy();
    let subject = json!({"id": "did:example:holder", "givenName": "JANE"});
    let trusted = support::sign_rdfc(
        &ld_credential(json!(ISSUER), subject),
        ISSUER_VM,
        21,
        "2024-01-01T00:00:00Z",
        &policy,
    );
    let (did, vm) = did_key(66);
    let extra = support::sign_rdfc(
        &ld_credential(
            json!(did),
            json!({"id": "did:example:holder", "givenName": "JANE", "familyName": "EVIL", "nationality": "FR"}),
        ),
        &vm,
        66,
        "2024-01-01T00:00:00Z",
        &policy,
    );
    let vp = json!({"@context": v2_context(), "type": ["VerifiablePresentation"], "verifiableCredential": [trusted.clone()]});
    assert_eq!(outcome(vp.to_string().as_bytes(), &policy).0, Verdict::Verified);
    let vp = json!({"@context": v2_context(), "type": ["VerifiablePresentation"], "verifiableCredential": [trusted, extra]});
    let got = outcome(vp.to_string().as_bytes(), &policy);
    assert_eq!(
        (got.0, got.1.clone()),
        (Verdict::Unchecked, vec!["issuer.untrusted".to_owned()]),
        "{got:?}"
    );
}

/// A generically trusted issuer's credential (not IdentityDocument_v0) appended inside a Trinsic
/// Connect session: Trinsic trust is required of every credential of the session.
#[test]
fn ld_generic_credential_inside_a_trinsic_envelope() {
    let session_id = "urn:trinsic:idvsession:7d6f0c2e-5b1a-4c3e-9f7a-2b8d1e4c6a90";
    let mut dids = DidDocuments::new();
    dids.add_json(&vector("trinsic-bbs/issuer.did.json")).unwrap();
    dids.add_json(support::method_document(ISSUER_VM, ISSUER, 21).as_bytes()).unwrap();
    let policy = Policy::at(at("2026-10-01T10:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::trinsic(support::TRINSIC_ISSUER))
        .trust_issuer(TrustedIssuer::new(ISSUER))
        .expect_session_id(session_id);
    let session = json_vector("trinsic-bbs/session-valid.json");
    assert_eq!(outcome(&serde_json::to_vec(&session).unwrap(), &policy).0, Verdict::Verified);
    let credential = json!({
        "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/data-integrity/v2", {"@vocab": "https://trinsic.cloud/idv/"}],
        "id": "urn:vc:generic", "type": ["VerifiableCredential"], "issuer": ISSUER, "issuanceDate": "2026-10-01T09:30:00Z",
        "credentialSubject": {"id": "urn:vc:subject:0", "givenName": "JANE", "familyName": "SMITH", "nationality": "FR", "sex": "F"},
    });
    let nonce = STANDARD.encode(session_id);
    let credential = support::sign_rdfc_with(
        &credential,
        ISSUER_VM,
        21,
        "2026-10-01T09:30:00Z",
        &policy,
        "assertionMethod",
        &[("nonce", &nonce)],
    );
    let mut edited = session.clone();
    let mut vp: Value = serde_json::from_str(edited["resultVp"].as_str().unwrap()).unwrap();
    vp["verifiableCredential"].as_array_mut().unwrap().push(credential);
    edited["resultVp"] = json!(vp.to_string());
    let got = outcome(&serde_json::to_vec(&edited).unwrap(), &policy);
    eprintln!("{got:?}");
    assert_ne!(got.0, Verdict::Verified, "{got:?}");
    assert!(got.1.contains(&"issuer.untrusted".to_owned()), "{got:?}");
}

/// A bare `resultVp` (json-ld-presentation) with Trinsic's IdentityDocument_v0 credential: the
/// issuer must be trusted as a Trinsic issuer, not merely generically.
#[test]
fn ld_bare_result_vp_needs_trinsic_trust() {
    let session = json_vector("trinsic-bbs/session-valid.json");
    let vp = session["resultVp"].as_str().unwrap().to_owned();
    let mut dids = DidDocuments::new();
    dids.add_json(&vector("trinsic-bbs/issuer.did.json")).unwrap();
    let base = Policy::at(at("2026-10-01T10:00:00Z")).with_did_documents(dids);
    let generic = outcome(
        vp.as_bytes(),
        &base.clone().trust_issuer(TrustedIssuer::new(support::TRINSIC_ISSUER)),
    );
    let trinsic = outcome(
        vp.as_bytes(),
        &base.clone().trust_issuer(TrustedIssuer::trinsic(support::TRINSIC_ISSUER)),
    );
    eprintln!("generic: {generic:?}; trinsic: {trinsic:?}");
    assert_eq!((generic.0, generic.1), (Verdict::Unchecked, vec!["issuer.untrusted".to_owned()]));
    assert_eq!(trinsic.0, Verdict::Verified, "{trinsic:?}");
}

/// Method pinning covers credentials, not the status list that can un-revoke them. The caller
/// pins the Trinsic issuer to one method (#ed25519-test). Index 42 is revoked in the issuer's
/// list. Attack: a list with the same id and every bit clear, signed by *another* method of the
/// issuer's DID document (#ed25519-other: an old, leaked, or delegated key the caller chose not
/// to trust), supplied where the caller fetches its list.
#[test]
fn a_status_list_signed_with_an_unpinned_method_unrevokes_a_pinned_issuers_credential() {
    let pinned = format!("{}#ed25519-test", support::TRINSIC_ISSUER);
    let other = format!("{}#ed25519-other", support::TRINSIC_ISSUER);
    let did_doc = String::from_utf8(vector("trinsic-bbs/issuer.did.json")).unwrap();
    let did_doc = support::with_method(&support::with_method(&did_doc, &pinned, 11), &other, 12);
    let mut dids = DidDocuments::new();
    dids.add_json(did_doc.as_bytes()).unwrap();
    // The pins: the Ed25519 method that signs the credential, and the method that signs the
    // issuer's genuine list (the pin covers lists too).
    let genuine_list: Value =
        serde_json::from_slice(&vector("trinsic-bbs/revocation-list.json")).unwrap();
    let list_vm = genuine_list["proof"]["verificationMethod"].as_str().unwrap().to_owned();
    let base = Policy::at(at("2026-10-01T10:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(
            TrustedIssuer::trinsic(support::TRINSIC_ISSUER)
                .with_method(pinned.clone())
                .with_method(list_vm),
        )
        .require_status_check();
    let list_url = "https://idv.vpcheck.example/credential-status/zRevocationList1";
    let mut credential: Value = serde_json::from_str(
        &String::from_utf8(vector("trinsic-bbs/credential-signed.json")).unwrap(),
    )
    .unwrap();
    credential["credentialStatus"] = json!({"id": format!("{list_url}#42"), "type": "RevocationList2020Status", "revocationListCredential": list_url, "revocationListIndex": "42"});
    credential["@context"]
        .as_array_mut()
        .unwrap()
        .insert(2, json!("https://w3id.org/security/data-integrity/v2"));
    let credential =
        support::sign_rdfc(&credential, &pinned, 11, "2026-10-01T09:30:00Z", &base).to_string();
    // Control: the issuer's own list says revoked.
    let genuine =
        StatusList::parse(&String::from_utf8(vector("trinsic-bbs/revocation-list.json")).unwrap())
            .unwrap();
    let got = outcome(credential.as_bytes(), &base.clone().with_status_list(genuine));
    assert_eq!(
        (got.0, got.1.clone()),
        (Verdict::Rejected, vec!["status.revoked".to_owned()]),
        "{got:?}"
    );
    // The pin holds for the credential: signed with #ed25519-other it is issuer.untrusted.
    let mut c2: Value = serde_json::from_str(&credential).unwrap();
    c2.as_object_mut().unwrap().remove("proof");
    let c2 = support::sign_rdfc(&c2, &other, 12, "2026-10-01T09:30:00Z", &base).to_string();
    let got = outcome(c2.as_bytes(), &base);
    assert!(got.1.contains(&"issuer.untrusted".to_owned()), "{got:?}");
    // Attack: the forged list.
    let mut list: Value =
        serde_json::from_slice(&vector("trinsic-bbs/revocation-list.json")).unwrap();
    list.as_object_mut().unwrap().remove("proof");
    list["@context"]
        .as_array_mut()
        .unwrap()
        .insert(2, json!("https://w3id.org/security/data-integrity/v2"));
    let zeros = {
        use std::io::Write as _;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&[0u8; 16 * 1024]).unwrap();
        B64.encode(gz.finish().unwrap())
    };
    list["credentialSubject"]["encodedList"] = json!(zeros);
    let forged = support::sign_rdfc(&list, &other, 12, "2026-10-01T09:30:00Z", &base).to_string();
    let forged = StatusList::parse(&forged).unwrap();
    let got = outcome(credential.as_bytes(), &base.clone().with_status_list(forged));
    assert_ne!(
        got.0,
        Verdict::Verified,
        "verified: a credential revoked in its issuer's list, with a same-id list signed by {other}, a method the policy does \
         not trust (issuer pinned to {pinned})"
    );
}

/// A pinned method and a proof whose method differs only in fragment encoding
/// (`key-1` / `key%2D1`, another key of the same DID): the pin is an exact match.
#[test]
fn ld_method_pin_with_another_fragment_spelling() {
    let encoded = "did:example:issuer#key%2D1";
    let mut dids = DidDocuments::new();
    dids.add_json(support::method_document(ISSUER_VM, ISSUER, 21).as_bytes()).unwrap();
    dids.add_json(support::method_document(encoded, ISSUER, 23).as_bytes()).unwrap();
    let policy = Policy::at(at("2025-01-01T00:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::new(ISSUER).with_method(ISSUER_VM));
    let c = ld_credential(json!(ISSUER), json!({"id": "did:example:holder", "givenName": "JANE"}));
    assert_eq!(
        outcome(
            support::sign_rdfc(&c, ISSUER_VM, 21, "2024-01-01T00:00:00Z", &policy)
                .to_string()
                .as_bytes(),
            &policy
        )
        .0,
        Verdict::Verified
    );
    let got = outcome(
        support::sign_rdfc(&c, encoded, 23, "2024-01-01T00:00:00Z", &policy).to_string().as_bytes(),
        &policy,
    );
    assert_eq!(
        (got.0, got.1.clone()),
        (Verdict::Unchecked, vec!["issuer.untrusted".to_owned()]),
        "{got:?}"
    );
}

/// `TrustedIssuer::new("")` (a caller's empty config value) and a signed document that names
/// no issuer, signed under did:key: its signer is the did:key, not "".
#[test]
fn ld_empty_trusted_issuer_id_trusts_nothing() {
    let policy = Policy::at(at("2025-01-01T00:00:00Z")).trust_issuer(TrustedIssuer::new(""));
    let (_, vm) = did_key(66);
    let doc = json!({"@context": v2_context(), "credentialSubject": {"id": "did:example:holder", "givenName": "EVE"}});
    let signed = support::sign_rdfc(&doc, &vm, 66, "2024-01-01T00:00:00Z", &policy).to_string();
    let got = outcome(signed.as_bytes(), &policy);
    assert_eq!(
        (got.0, got.1.clone()),
        (Verdict::Unchecked, vec!["issuer.untrusted".to_owned()]),
        "{got:?}"
    );
    // Also with the issuer member, typed a credential.
    let c = support::sign_rdfc(
        &ld_credential(json!(""), json!({"id": "did:example:holder", "givenName": "EVE"})),
        &vm,
        66,
        "2024-01-01T00:00:00Z",
        &policy,
    )
    .to_string();
    let got = outcome(c.as_bytes(), &policy);
    eprintln!("issuer \"\": {got:?}");
    assert_ne!(got.0, Verdict::Verified, "{got:?}");
}

/// A signed document without issuer (not typed a credential) signed by the trusted issuer's
/// key: trusted through its signer. Signed by did:key: untrusted.
#[test]
fn ld_issuerless_document_is_trusted_through_its_signer_only() {
    let policy = ld_policy();
    let doc = json!({"@context": v2_context(), "credentialSubject": {"id": "did:example:holder", "givenName": "JANE"}});
    let by_issuer =
        support::sign_rdfc(&doc, ISSUER_VM, 21, "2024-01-01T00:00:00Z", &policy).to_string();
    let got = outcome(by_issuer.as_bytes(), &policy);
    eprintln!("issuer-less by trusted key: {got:?}");
    let (_, vm) = did_key(66);
    let by_key = support::sign_rdfc(&doc, &vm, 66, "2024-01-01T00:00:00Z", &policy).to_string();
    let got = outcome(by_key.as_bytes(), &policy);
    assert_eq!(
        (got.0, got.1.clone()),
        (Verdict::Unchecked, vec!["issuer.untrusted".to_owned()]),
        "{got:?}"
    );
}

/// issuer.untrusted (could not check) does not hide a rejection: an untrusted credential that
/// is also expired is rejected; a tampered JWT whose iss was rewritten to an unknown issuer is
/// only "could not check" (its signature is never checked against a key of its iss).
#[test]
fn untrusted_does_not_mask_rejections() {
    let policy = Policy::at(at("2025-01-01T00:00:00Z"));
    let (did, vm) = did_key(66);
    let mut c = ld_credential(json!(did), json!({"id": "did:example:holder", "givenName": "EVE"}));
    c["validUntil"] = json!("2024-06-01T00:00:00Z");
    let signed = support::sign_rdfc(&c, &vm, 66, "2024-01-01T00:00:00Z", &policy).to_string();
    let got = outcome(signed.as_bytes(), &policy);
    assert_eq!(got.0, Verdict::Rejected, "{got:?}");
    // The honest vc11 vector with iss rewritten (signature no longer matches).
    let token = String::from_utf8(vector("jwt-signed/vc11-valid.jwt")).unwrap();
    let parts: Vec<&str> = token.trim().split('.').collect();
    let mut payload: Value = serde_json::from_slice(&B64.decode(parts[1]).unwrap()).unwrap();
    payload["iss"] = json!("did:example:unknown");
    payload["vc"]["issuer"] = json!("did:example:unknown");
    let tampered = format!("{}.{}.{}", parts[0], B64.encode(payload.to_string()), parts[2]);
    let got = outcome(tampered.as_bytes(), &jwt_policy());
    eprintln!("tampered, iss rewritten to an unknown issuer: {got:?}");
    assert_ne!(got.0, Verdict::Verified);
}

// === CLI ========================================================================================

fn tmp(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vpcheck-review3-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn cli(args: &[&str]) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_vpcheck")).args(args).output().unwrap();
    (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap_or(Value::Null))
}

/// `--trust-issuer DID#` (empty fragment) pins the method `DID#`, which nothing is signed with:
/// fails closed. `--trust-issuer #frag` trusts the issuer "" only.
#[test]
fn cli_trust_issuer_with_empty_fragment_or_empty_did() {
    let policy = ld_policy();
    let c = support::sign_rdfc(
        &ld_credential(json!(ISSUER), json!({"id": "did:example:holder", "givenName": "JANE"})),
        ISSUER_VM,
        21,
        "2024-01-01T00:00:00Z",
        &policy,
    );
    let cred = tmp("cred.json", &c.to_string());
    let doc = tmp("vm.json", &support::method_document(ISSUER_VM, ISSUER, 21));
    let run = |trust: &str| {
        cli(&[
            "verify",
            "--format",
            "json",
            "--now",
            "2025-01-01T00:00:00Z",
            "--did-doc",
            doc.to_str().unwrap(),
            "--trust-issuer",
            trust,
            cred.to_str().unwrap(),
        ])
    };
    assert_eq!(run(ISSUER).0, 0);
    assert_eq!(run(ISSUER_VM).0, 0);
    let (code, json) = run(&format!("{ISSUER}#"));
    eprintln!("--trust-issuer {ISSUER}#: exit {code}, {}", json["errors"]);
    assert_ne!(code, 0);
    let (code, json) = run("#key-1");
    eprintln!("--trust-issuer #key-1: exit {code}, {}", json["errors"]);
    assert_ne!(code, 0);
}

/// `--issuer-jwks ISS=FILE` with `=` in ISS: split at the last `=`.
#[test]
fn cli_issuer_jwks_with_equals_in_iss() {
    let iss = "https://issuer.example/tenant?id=7";
    let token = sign(
        &issuer_key(),
        &ed_header("did:example:issuer#key-1", "JWT"),
        &json!({"iss": iss, "aud": AUD}),
    );
    let file = tmp("tok.jwt", &token);
    let keys = keys_dir().join("issuer.jwks.json");
    let spec = format!("{iss}={}", keys.display());
    let (code, json) = cli(&[
        "jws",
        "--format",
        "json",
        "--now",
        "2025-01-01T00:00:00Z",
        "--audience",
        AUD,
        "--issuer-jwks",
        &spec,
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{json}");
    // The key bound to the prefix before the first `=` does not verify it.
    let spec = format!("https://issuer.example/tenant?id={}", keys.display());
    let (code, json) = cli(&[
        "jws",
        "--format",
        "json",
        "--now",
        "2025-01-01T00:00:00Z",
        "--audience",
        AUD,
        "--issuer-jwks",
        &spec,
        file.to_str().unwrap(),
    ]);
    eprintln!("ISS prefix: exit {code}, {}", json["errors"]);
    assert_ne!(code, 0);
}

//! The policy flags `verify` and `audit` share, the policy they build, and the exit codes:
//! what both commands need, in one module they both import.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use vpcheck::{Algorithm, Format, KeySet, Policy, Verdict};

/// Exit code: every check passed.
pub(crate) const EXIT_VERIFIED: u8 = 0;
/// Exit code: rejected (malformed, failed state, time, binding or signature).
pub(crate) const EXIT_REJECTED: u8 = 1;
/// Exit code: usage or I/O error.
pub(crate) const EXIT_USAGE: u8 = 2;
/// Exit code: could not check (no key or context, a suite this build does not verify).
pub(crate) const EXIT_UNCHECKED: u8 = 3;

#[derive(clap::Args)]
pub(crate) struct PolicyArgs {
    /// The verification instant (RFC 3339); default: this machine's clock.
    #[arg(long)]
    pub(crate) now: Option<String>,
    /// Clock skew tolerated at each time boundary, in seconds.
    #[arg(long, default_value_t = vpcheck::DEFAULT_LEEWAY_SECONDS)]
    pub(crate) leeway: i64,
    /// Keys (a JWK or JWK set) that verify JWT credentials and bare JWTs whose `iss` is ISS,
    /// and nothing else, as ISS=FILE (repeatable; files for one ISS are merged).
    #[arg(long, value_name = "ISS=FILE")]
    pub(crate) issuer_jwks: Vec<String>,
    /// Keys that verify a JWS naming no issuer (a payload that is not JWT claims, or claims
    /// without `iss`), and nothing else (repeatable; merged).
    #[arg(long, value_name = "FILE")]
    pub(crate) signer_jwks: Vec<PathBuf>,
    /// Keys that verify JWT presentations whose holder (`iss`, else `holder`) is HOLDER, and
    /// nothing else, as HOLDER=FILE (repeatable; files for one HOLDER are merged).
    #[arg(long, value_name = "HOLDER=FILE")]
    pub(crate) holder_jwks: Vec<String>,
    /// Keys that verify the Hopae ID token (Hopae's JWKS), and nothing else (repeatable;
    /// merged).
    #[arg(long, value_name = "FILE")]
    pub(crate) hopae_jwks: Vec<PathBuf>,
    /// Keys that verify the Incode ID token (the JWKS of your Incode authorization server), and
    /// nothing else (repeatable; merged).
    #[arg(long, value_name = "FILE")]
    pub(crate) incode_jwks: Vec<PathBuf>,
    /// Keys that verify relayed upstream evidence tokens whose `iss` is ISS (one eID provider),
    /// and nothing else, as ISS=FILE (repeatable; files for one ISS are merged).
    #[arg(long, value_name = "ISS=FILE")]
    pub(crate) evidence_jwks: Vec<String>,
    /// Accept only these JWS algorithms (repeatable; default: all).
    #[arg(long, value_name = "ALG")]
    pub(crate) alg: Vec<String>,
    /// The audience (client id) tokens addressed to you must name.
    #[arg(long)]
    pub(crate) audience: Option<String>,
    /// The issuer tokens addressed to you must name.
    #[arg(long)]
    pub(crate) issuer: Option<String>,
    /// The nonce you sent in the authentication request.
    #[arg(long)]
    pub(crate) nonce: Option<String>,
    /// The header typ a bare JWT must carry.
    #[arg(long)]
    pub(crate) typ: Option<String>,
}

/// The policy flags of `verify` and `audit`, beyond the shared ones.
#[derive(clap::Args)]
pub(crate) struct ResultPolicyArgs {
    /// Oldest acceptable verification, in seconds before --now.
    #[arg(long)]
    pub(crate) max_age: Option<i64>,
    /// The session id the caller started (envelope and proof nonce must carry it).
    #[arg(long)]
    pub(crate) session_id: Option<String>,
    /// Minimum level of assurance (1-5).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub(crate) min_loa: Option<u8>,
    /// Lowest match probability accepted in a Trinsic result's `identityData.match` (0 to 1;
    /// default 0.9): a lower one, or a `booleanValue` false, is `session.match_failed`.
    #[arg(long, value_parser = probability)]
    pub(crate) min_match_probability: Option<f64>,
    /// The caller's user id, where the vendor echoes one.
    #[arg(long)]
    pub(crate) external_user_id: Option<String>,
    /// Accept identity documents past their expiry date.
    #[arg(long)]
    pub(crate) allow_expired_documents: bool,
    /// Accept an Incode decision a manual review recorded (`MANUAL_OK`) over failed component
    /// checks (liveness, face recognition, ID validation `FAIL`); without it such a result is
    /// `session.inconsistent`.
    #[arg(long)]
    pub(crate) accept_manual_review: bool,
    /// Treat unchecked evidence signatures as "could not check" instead of skipped, and refuse
    /// Hopae results without signed evidence (`evidence.unsigned`).
    #[arg(long)]
    pub(crate) require_evidence_signatures: bool,
    /// Return claims no signature covers among the claims (they are listed under `unsigned`
    /// either way).
    #[arg(long)]
    pub(crate) allow_unsigned_claims: bool,
    /// Require JWT presentations to be signed by their credentials' subject.
    #[arg(long)]
    pub(crate) require_holder_binding: bool,
    /// A Regula session status that means success for your workflow (repeatable).
    #[arg(long)]
    pub(crate) regula_success_status: Vec<i64>,
    /// A DID document or verification-method document (repeatable). It resolves keys; it
    /// does not make its DID a trusted issuer.
    #[arg(long, value_name = "FILE")]
    pub(crate) did_doc: Vec<PathBuf>,
    /// Trust this issuer (a DID, or a DID URL to trust it only with that verification method)
    /// for JSON-LD credentials other than Trinsic identity results (repeatable).
    #[arg(long, value_name = "DID")]
    pub(crate) trust_issuer: Vec<String>,
    /// Trust this issuer (a DID, or a DID URL to trust it only with that verification method)
    /// for Trinsic Connect results and `IdentityDocument_v0` credentials (repeatable).
    #[arg(long, value_name = "DID")]
    pub(crate) trust_trinsic_issuer: Vec<String>,
    /// A JSON-LD context for the offline loader, as URL=FILE (repeatable).
    #[arg(long, value_name = "URL=FILE")]
    pub(crate) context: Vec<String>,
    /// A status list credential (RevocationList2020, StatusList2021, BitstringStatusList) to
    /// check credentials' `credentialStatus` against (repeatable).
    #[arg(long, value_name = "FILE")]
    pub(crate) status_list: Vec<PathBuf>,
    /// Treat a credential status that could not be checked as "could not check" instead of
    /// skipped.
    #[arg(long)]
    pub(crate) require_status: bool,
    /// Accept a selectively disclosed credential that withholds this member although its issuer
    /// profile always carries it (`credentialStatus`, `credentialSubject.expiryDate`, ...):
    /// reported as skipped, never as passed (repeatable).
    #[arg(long, value_name = "MEMBER")]
    pub(crate) allow_withheld: Vec<String>,
    /// Require every JSON-LD credential to disclose this member (`expirationDate`,
    /// `credentialSubject.birthDate`, ...) (repeatable).
    #[arg(long, value_name = "MEMBER")]
    pub(crate) require_disclosed: Vec<String>,
    /// Trust an embedded JSON-LD context object (a JSON file), beside Trinsic's vocabulary
    /// (repeatable).
    #[arg(long, value_name = "FILE")]
    pub(crate) trust_context: Vec<PathBuf>,
    /// Accept only results in this format (repeatable; default: every format); any other is
    /// rejected (`format.not_accepted`). Names as in the `format` output: `jws`,
    /// `hopae-userinfo`, `json-ld-presentation`, ...
    #[arg(long, value_name = "NAME", value_parser = format_name)]
    pub(crate) accept_format: Vec<Format>,
    /// Accept results of formats that carry no signature (the Trinsic sessions API, Hopae
    /// verification status objects, Incode, Regula); default: "could not check"
    /// (`format.unsigned`).
    #[arg(long)]
    pub(crate) allow_unsigned_formats: bool,
    /// The work budget of one verification, in the units of the README's "Bounded work"
    /// (`limit.work`); default: 500 000, about half a second of one core.
    #[arg(long, value_name = "UNITS")]
    pub(crate) max_work: Option<u64>,
}

/// A `--accept-format` name; an unknown one is a usage error listing the names.
pub(crate) fn format_name(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| {
        format!(
            "not a format vpcheck reads; one of: {}",
            Format::ALL.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
        )
    })
}

pub(crate) fn instant(now: Option<&String>) -> Result<DateTime<Utc>, String> {
    Ok(match now {
        Some(s) => DateTime::parse_from_rfc3339(s)
            .map_err(|e| format!("--now {s:?}: {e}"))?
            .with_timezone(&Utc),
        None => DateTime::<Utc>::from(std::time::SystemTime::now()),
    })
}

/// One key set from the files given for a role.
pub(crate) fn key_set<'p>(paths: impl IntoIterator<Item = &'p PathBuf>) -> Result<KeySet, String> {
    let mut keys = KeySet::new();
    for path in paths {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        keys.add_json(&bytes).map_err(|e| format!("{}: [{}] {e}", path.display(), e.code()))?;
    }
    Ok(keys)
}

/// `ISS=FILE` flags as one key set per issuer, in the order the issuers first appear.
pub(crate) fn named_key_sets(
    flag: &str,
    specs: &[String],
) -> Result<Vec<(String, KeySet)>, String> {
    let mut files: Vec<(String, Vec<PathBuf>)> = Vec::new();
    for spec in specs {
        // The issuer may itself contain `=` (a URL query): the file is after the last one.
        let (iss, file) =
            spec.rsplit_once('=').ok_or_else(|| format!("{flag} {spec:?}: expected ISS=FILE"))?;
        if iss.is_empty() || file.is_empty() {
            return Err(format!("{flag} {spec:?}: expected ISS=FILE"));
        }
        // An id is compared exactly; blanks around it are a typing slip, not another issuer.
        if iss.trim() != iss {
            return Err(format!("{flag} {spec:?}: blanks around {iss:?}"));
        }
        match files.iter_mut().find(|(i, _)| i == iss) {
            Some((_, list)) => list.push(PathBuf::from(file)),
            None => files.push((iss.to_owned(), vec![PathBuf::from(file)])),
        }
    }
    files.into_iter().map(|(iss, paths)| Ok((iss, key_set(&paths)?))).collect()
}

/// The policy the shared flags describe, keys read from their files.
pub(crate) fn base_policy(args: &PolicyArgs) -> Result<Policy, String> {
    let mut policy = Policy::at(instant(args.now.as_ref())?).with_leeway_seconds(args.leeway);
    for (iss, keys) in named_key_sets("--issuer-jwks", &args.issuer_jwks)? {
        policy = policy.with_issuer_keys(iss, keys);
    }
    for (iss, keys) in named_key_sets("--evidence-jwks", &args.evidence_jwks)? {
        policy = policy.with_evidence_keys(iss, keys);
    }
    if !args.signer_jwks.is_empty() {
        policy = policy.with_signer_keys(key_set(&args.signer_jwks)?);
    }
    for (holder, keys) in named_key_sets("--holder-jwks", &args.holder_jwks)? {
        policy = policy.with_holder_keys(holder, keys);
    }
    if !args.hopae_jwks.is_empty() {
        policy = policy.with_hopae_keys(key_set(&args.hopae_jwks)?);
    }
    if !args.incode_jwks.is_empty() {
        policy = policy.with_incode_keys(key_set(&args.incode_jwks)?);
    }
    if !args.alg.is_empty() {
        let algs = args
            .alg
            .iter()
            .map(|a| {
                Algorithm::from_name(a)
                    .ok_or_else(|| format!("--alg {a:?}: not a JWS algorithm vpcheck knows"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        policy = policy.allow_algorithms(&algs);
    }
    if let Some(a) = &args.audience {
        policy = policy.expect_audience(a.clone());
    }
    if let Some(i) = &args.issuer {
        policy = policy.expect_issuer(i.clone());
    }
    if let Some(n) = &args.nonce {
        policy = policy.expect_nonce(n.clone());
    }
    if let Some(t) = &args.typ {
        policy = policy.expect_token_type(t.clone());
    }
    Ok(policy)
}

pub(crate) fn exit_code(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Verified => EXIT_VERIFIED,
        Verdict::Rejected => EXIT_REJECTED,
        Verdict::Unchecked => EXIT_UNCHECKED,
    }
}

/// The policy `verify` and `audit` share: the common flags, then the result flags, files read.
pub(crate) fn result_policy(
    common: &PolicyArgs,
    args: &ResultPolicyArgs,
) -> Result<Policy, String> {
    let mut policy = base_policy(common)?;
    if let Some(max_age) = args.max_age {
        policy = policy.with_max_age_seconds(max_age);
    }
    if let Some(id) = &args.session_id {
        policy = policy.expect_session_id(id.clone());
    }
    if let Some(level) = args.min_loa {
        policy = policy.require_min_assurance_level(level);
    }
    if let Some(p) = args.min_match_probability {
        policy = policy.require_min_match_probability(p);
    }
    if let Some(id) = &args.external_user_id {
        policy = policy.expect_external_user_id(id.clone());
    }
    if args.allow_expired_documents {
        policy = policy.allow_expired_documents();
    }
    if args.accept_manual_review {
        policy = policy.accept_manual_review_over_failed_components();
    }
    if args.require_evidence_signatures {
        policy = policy.require_evidence_signatures();
    }
    if args.require_holder_binding {
        policy = policy.require_holder_binding();
    }
    if args.allow_unsigned_claims {
        policy = policy.allow_unsigned_claims();
    }
    if !args.accept_format.is_empty() {
        policy = policy.accept_formats(&args.accept_format);
    }
    if args.allow_unsigned_formats {
        policy = policy.allow_unsigned_formats();
    }
    if let Some(max_work) = args.max_work {
        let limits = vpcheck::Limits { max_work, ..*policy.limits() };
        policy = policy.with_limits(limits);
    }
    for status in &args.regula_success_status {
        policy = policy.accept_regula_status(*status);
    }
    let mut dids = vpcheck::DidDocuments::new();
    for path in &args.did_doc {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        dids.add_json(&bytes).map_err(|e| format!("{}: [{}] {e}", path.display(), e.code()))?;
    }
    policy = policy.with_did_documents(dids);
    for (specs, trinsic) in [(&args.trust_issuer, false), (&args.trust_trinsic_issuer, true)] {
        for spec in specs {
            if spec.is_empty() {
                return Err("--trust-issuer: empty issuer".into());
            }
            policy = policy.trust_issuer(vpcheck::TrustedIssuer::from_did_url(spec, trinsic));
        }
    }
    // Contexts are read and must be JSON now, so that a wrong path fails as a usage error.
    for spec in &args.context {
        let (url, file) =
            spec.split_once('=').ok_or_else(|| format!("--context {spec:?}: expected URL=FILE"))?;
        if url.is_empty() {
            return Err(format!("--context {spec:?}: empty URL"));
        }
        policy = policy.with_context(url, read_json_file(&PathBuf::from(file))?);
    }
    for path in &args.status_list {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let list = vpcheck::StatusList::parse(&text)
            .map_err(|e| format!("{}: [{}] {e}", path.display(), e.code()))?;
        policy = policy.with_status_list(list);
    }
    if args.require_status {
        policy = policy.require_status_check();
    }
    for member in &args.allow_withheld {
        policy = policy.allow_withheld(member.clone());
    }
    for member in &args.require_disclosed {
        policy = policy.require_disclosed(member.clone());
    }
    for path in &args.trust_context {
        let context: serde_json::Value = serde_json::from_str(&read_json_file(path)?)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        policy = policy.trust_embedded_context(context);
    }

    Ok(policy)
}

/// A file's text, read once and checked to be JSON.
pub(crate) fn read_json_file(path: &PathBuf) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str::<serde::de::IgnoredAny>(&text)
        .map_err(|e| format!("{}: not JSON: {e}", path.display()))?;
    Ok(text)
}

/// A probability from 0 to 1 (`--min-match-probability`).
fn probability(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!("{s:?} is not a number from 0 to 1")),
    }
}

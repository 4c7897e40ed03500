//! `vpcheck`: the command-line tool. It uses only the library's public API; reading the clock
//! (when `--now` is not given) and files happens here, never in the library.

mod audit;
mod escape;

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;
use vpcheck::{
    parse, Algorithm, CheckStatus, Format, IdentityClaims, KeySet, Policy, Report, Verdict,
};

/// Exit code: every check passed.
const EXIT_VERIFIED: u8 = 0;
/// Exit code: rejected (malformed, failed state, time, binding or signature).
const EXIT_REJECTED: u8 = 1;
/// Exit code: usage or I/O error.
const EXIT_USAGE: u8 = 2;
/// Exit code: could not check (no key or context, a suite this build does not verify).
const EXIT_UNCHECKED: u8 = 3;

#[derive(Parser)]
#[command(name = "vpcheck", version, about = "Check identity-verification results offline")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Verify one result: exit 0 verified, 1 rejected, 2 usage or I/O error, 3 could not check.
    Verify(VerifyArgs),
    /// Verify one JWS (compact or JSON): exit 0 valid, 1 invalid, 2 usage or I/O error, 3 no
    /// usable key.
    Jws(JwsArgs),
    /// Verify a Hopae webhook delivery (X-Hopae-Signature): exit 0 valid, 1 invalid, 2 usage.
    Webhook(WebhookArgs),
    /// Re-verify stored results in bulk (files, directories, NDJSON), in parallel, each as
    /// `verify` would: exit 0 all verified, 1 any rejected, 3 any could not be checked.
    Audit(audit::AuditArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

#[derive(clap::Args)]
struct PolicyArgs {
    /// The verification instant (RFC 3339); default: this machine's clock.
    #[arg(long)]
    now: Option<String>,
    /// Clock skew tolerated at each time boundary, in seconds.
    #[arg(long, default_value_t = vpcheck::DEFAULT_LEEWAY_SECONDS)]
    leeway: i64,
    /// Keys (a JWK or JWK set) that verify JWT credentials and bare JWTs whose `iss` is ISS,
    /// and nothing else, as ISS=FILE (repeatable; files for one ISS are merged).
    #[arg(long, value_name = "ISS=FILE")]
    issuer_jwks: Vec<String>,
    /// Keys that verify a JWS naming no issuer (a payload that is not JWT claims, or claims
    /// without `iss`), and nothing else (repeatable; merged).
    #[arg(long, value_name = "FILE")]
    signer_jwks: Vec<PathBuf>,
    /// Keys that verify JWT presentations whose holder (`iss`, else `holder`) is HOLDER, and
    /// nothing else, as HOLDER=FILE (repeatable; files for one HOLDER are merged).
    #[arg(long, value_name = "HOLDER=FILE")]
    holder_jwks: Vec<String>,
    /// Keys that verify the Hopae ID token (Hopae's JWKS), and nothing else (repeatable;
    /// merged).
    #[arg(long, value_name = "FILE")]
    hopae_jwks: Vec<PathBuf>,
    /// Keys that verify relayed upstream evidence tokens whose `iss` is ISS (one eID provider),
    /// and nothing else, as ISS=FILE (repeatable; files for one ISS are merged).
    #[arg(long, value_name = "ISS=FILE")]
    evidence_jwks: Vec<String>,
    /// Accept only these JWS algorithms (repeatable; default: all).
    #[arg(long, value_name = "ALG")]
    alg: Vec<String>,
    /// The audience (client id) tokens addressed to you must name.
    #[arg(long)]
    audience: Option<String>,
    /// The issuer tokens addressed to you must name.
    #[arg(long)]
    issuer: Option<String>,
    /// The nonce you sent in the authentication request.
    #[arg(long)]
    nonce: Option<String>,
    /// The header typ a bare JWT must carry.
    #[arg(long)]
    typ: Option<String>,
}

#[derive(clap::Args)]
struct VerifyArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    #[command(flatten)]
    common: PolicyArgs,
    #[command(flatten)]
    result: ResultPolicyArgs,
    /// The Hopae OIDC ID token that came with the userinfo (a file holding the compact JWT).
    #[arg(long, value_name = "FILE")]
    id_token: Option<PathBuf>,
    /// The result to verify, or - for standard input.
    input: String,
}

/// The policy flags of `verify` and `audit`, beyond the shared ones.
#[derive(clap::Args)]
pub(crate) struct ResultPolicyArgs {
    /// Oldest acceptable verification, in seconds before --now.
    #[arg(long)]
    max_age: Option<i64>,
    /// The session id the caller started (envelope and proof nonce must carry it).
    #[arg(long)]
    session_id: Option<String>,
    /// Minimum level of assurance (1-5).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    min_loa: Option<u8>,
    /// The caller's user id, where the vendor echoes one.
    #[arg(long)]
    external_user_id: Option<String>,
    /// Accept identity documents past their expiry date.
    #[arg(long)]
    allow_expired_documents: bool,
    /// Treat unchecked evidence signatures as "could not check" instead of skipped, and refuse
    /// Hopae results without signed evidence (`evidence.unsigned`).
    #[arg(long)]
    require_evidence_signatures: bool,
    /// Return claims no signature covers among the claims (they are listed under `unsigned`
    /// either way).
    #[arg(long)]
    allow_unsigned_claims: bool,
    /// Require JWT presentations to be signed by their credentials' subject.
    #[arg(long)]
    require_holder_binding: bool,
    /// A Regula session status that means success for your workflow (repeatable).
    #[arg(long)]
    regula_success_status: Vec<i64>,
    /// A DID document or verification-method document (repeatable). It resolves keys; it
    /// does not make its DID a trusted issuer.
    #[arg(long, value_name = "FILE")]
    did_doc: Vec<PathBuf>,
    /// Trust this issuer (a DID, or a DID URL to trust it only with that verification method)
    /// for JSON-LD credentials other than Trinsic identity results (repeatable).
    #[arg(long, value_name = "DID")]
    trust_issuer: Vec<String>,
    /// Trust this issuer (a DID, or a DID URL to trust it only with that verification method)
    /// for Trinsic Connect results and `IdentityDocument_v0` credentials (repeatable).
    #[arg(long, value_name = "DID")]
    trust_trinsic_issuer: Vec<String>,
    /// A JSON-LD context for the offline loader, as URL=FILE (repeatable).
    #[arg(long, value_name = "URL=FILE")]
    context: Vec<String>,
    /// A status list credential (RevocationList2020, StatusList2021, BitstringStatusList) to
    /// check credentials' `credentialStatus` against (repeatable).
    #[arg(long, value_name = "FILE")]
    status_list: Vec<PathBuf>,
    /// Treat a credential status that could not be checked as "could not check" instead of
    /// skipped.
    #[arg(long)]
    require_status: bool,
    /// Accept a selectively disclosed credential that withholds this member although its issuer
    /// profile always carries it (`credentialStatus`, `credentialSubject.expiryDate`, ...):
    /// reported as skipped, never as passed (repeatable).
    #[arg(long, value_name = "MEMBER")]
    allow_withheld: Vec<String>,
    /// Require every JSON-LD credential to disclose this member (`expirationDate`,
    /// `credentialSubject.birthDate`, ...) (repeatable).
    #[arg(long, value_name = "MEMBER")]
    require_disclosed: Vec<String>,
    /// Trust an embedded JSON-LD context object (a JSON file), beside Trinsic's vocabulary
    /// (repeatable).
    #[arg(long, value_name = "FILE")]
    trust_context: Vec<PathBuf>,
    /// Accept only results in this format (repeatable; default: every format); any other is
    /// rejected (`format.not_accepted`). Names as in the `format` output: `jws`,
    /// `hopae-userinfo`, `json-ld-presentation`, ...
    #[arg(long, value_name = "NAME", value_parser = format_name)]
    accept_format: Vec<Format>,
    /// Accept results of formats that carry no signature (the Trinsic sessions API, Hopae
    /// verification status objects, Incode, Regula); default: "could not check"
    /// (`format.unsigned`).
    #[arg(long)]
    allow_unsigned_formats: bool,
    /// The work budget of one verification, in the units of the README's "Bounded work"
    /// (`limit.work`); default: 500 000, about half a second of one core.
    #[arg(long, value_name = "UNITS")]
    max_work: Option<u64>,
}

/// A `--accept-format` name; an unknown one is a usage error listing the names.
fn format_name(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| {
        format!(
            "not a format vpcheck reads; one of: {}",
            Format::ALL.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
        )
    })
}

#[derive(clap::Args)]
struct JwsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    #[command(flatten)]
    common: PolicyArgs,
    /// The payload of a JWS sent without it (detached content, RFC 7515 appendix F).
    #[arg(long, value_name = "FILE")]
    payload: Option<PathBuf>,
    /// The JWS, or - for standard input.
    input: String,
}

#[derive(clap::Args)]
struct WebhookArgs {
    /// The X-Hopae-Signature header value, `t=<unix>,v1=<hex>`.
    #[arg(long)]
    signature: String,
    /// A file holding the webhook secret (trailing newline ignored).
    #[arg(long, value_name = "FILE")]
    secret_file: PathBuf,
    /// The verification instant (RFC 3339); default: this machine's clock.
    #[arg(long)]
    now: Option<String>,
    /// Seconds the signed timestamp may be from --now.
    #[arg(long, default_value_t = vpcheck::DEFAULT_WEBHOOK_TOLERANCE_SECONDS)]
    tolerance: i64,
    /// The raw request body, or - for standard input.
    input: String,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Verify(args) => verify(&args),
        Command::Jws(args) => jws(&args),
        Command::Webhook(args) => webhook(&args),
        Command::Audit(args) => audit::run(&args),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            // Messages name files and quote input: escaped like the text output.
            eprintln!("vpcheck: {}", escape::text(&message));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn instant(now: Option<&String>) -> Result<DateTime<Utc>, String> {
    Ok(match now {
        Some(s) => DateTime::parse_from_rfc3339(s)
            .map_err(|e| format!("--now {s:?}: {e}"))?
            .with_timezone(&Utc),
        None => DateTime::<Utc>::from(std::time::SystemTime::now()),
    })
}

/// One key set from the files given for a role.
fn key_set<'p>(paths: impl IntoIterator<Item = &'p PathBuf>) -> Result<KeySet, String> {
    let mut keys = KeySet::new();
    for path in paths {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        keys.add_json(&bytes).map_err(|e| format!("{}: [{}] {e}", path.display(), e.code()))?;
    }
    Ok(keys)
}

/// `ISS=FILE` flags as one key set per issuer, in the order the issuers first appear.
fn named_key_sets(flag: &str, specs: &[String]) -> Result<Vec<(String, KeySet)>, String> {
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
fn base_policy(args: &PolicyArgs) -> Result<Policy, String> {
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

fn exit_code(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Verified => EXIT_VERIFIED,
        Verdict::Rejected => EXIT_REJECTED,
        Verdict::Unchecked => EXIT_UNCHECKED,
    }
}

fn jws(args: &JwsArgs) -> Result<u8, String> {
    let policy = base_policy(&args.common)?;
    let bytes = read_input(&args.input, policy.limits().max_input_bytes)?;
    let detached = args
        .payload
        .as_ref()
        .map(|p| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display())))
        .transpose()?;
    let unverified = match parse(&bytes, policy.limits()) {
        Ok(u) if u.format() != Format::Jws => {
            return Err(format!("{}: not a JWS (read as {})", args.input, u.format()))
        }
        Ok(u) => match &detached {
            Some(payload) => u.with_detached_payload(payload),
            None => Ok(u),
        },
        Err(e) => Err(e),
    };
    let (report, header, payload) = match unverified {
        Err(e) => (Report::malformed(e), None, None),
        Ok(u) => {
            let vpcheck::dangerous::Parsed::Jws(token) = vpcheck::dangerous::model(&u) else {
                return Err("not a JWS".into());
            };
            let header = token.protected_header_text(0).to_owned();
            let payload = token.payload().to_vec();
            let report = match u.verify(&policy) {
                Ok(v) => v.report().clone(),
                Err(r) => r.report().clone(),
            };
            (report, Some(header), Some(payload))
        }
    };
    let header_json =
        header.as_deref().and_then(|h| serde_json::from_str::<serde_json::Value>(h).ok());
    // The payload as JSON when it is JSON, else base64url, so that a payload that is not JSON
    // (or not UTF-8) is still reported whole.
    let payload_json =
        payload.as_deref().map(|p| match serde_json::from_slice::<serde_json::Value>(p) {
            Ok(v) => json!({"json": v}),
            Err(_) => json!({"base64url": base64_url(p)}),
        });
    match args.format {
        OutputFormat::Json => {
            let mut out = json_output(&report, None);
            if let Some(obj) = out.as_object_mut() {
                obj.remove("claims");
                obj.insert("header".into(), header_json.unwrap_or(serde_json::Value::Null));
                obj.insert("payload".into(), payload_json.unwrap_or(serde_json::Value::Null));
            }
            println!("{out}");
        }
        OutputFormat::Text => {
            print!("{}", text_output(&report, None));
            if let Some(h) = header_json {
                println!("  header:     {}", escape::text(&h.to_string()));
            }
        }
    }
    Ok(exit_code(report.verdict()))
}

fn base64_url(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn webhook(args: &WebhookArgs) -> Result<u8, String> {
    let policy =
        Policy::at(instant(args.now.as_ref())?).with_webhook_tolerance_seconds(args.tolerance);
    let secret = std::fs::read(&args.secret_file)
        .map_err(|e| format!("{}: {e}", args.secret_file.display()))?;
    let secret = secret.strip_suffix(b"\n").unwrap_or(&secret);
    let secret = secret.strip_suffix(b"\r").unwrap_or(secret);
    let body = read_input(&args.input, policy.limits().max_input_bytes)?;
    match vpcheck::verify_hopae_webhook(&args.signature, &body, secret, &policy) {
        Ok(v) => {
            println!("VERIFIED (hopae webhook, signed at {})", v.signed_at);
            Ok(EXIT_VERIFIED)
        }
        Err(e) => {
            println!(
                "REJECTED (hopae webhook)\n  error [{}] {}",
                e.code(),
                escape::text(&e.to_string())
            );
            Ok(EXIT_REJECTED)
        }
    }
}

/// The policy `verify` and `audit` share: the common flags, then the result flags, files read.
fn result_policy(common: &PolicyArgs, args: &ResultPolicyArgs) -> Result<Policy, String> {
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
    if let Some(id) = &args.external_user_id {
        policy = policy.expect_external_user_id(id.clone());
    }
    if args.allow_expired_documents {
        policy = policy.allow_expired_documents();
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

fn verify(args: &VerifyArgs) -> Result<u8, String> {
    let policy = result_policy(&args.common, &args.result)?;
    let limit = policy.limits().max_input_bytes;
    let bytes = read_input(&args.input, limit)?;
    let id_token = args
        .id_token
        .as_ref()
        .map(|p| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display())))
        .transpose()?;
    let parsed = parse(&bytes, policy.limits()).and_then(|u| match &id_token {
        Some(token) => u.with_id_token(token, policy.limits()),
        None => Ok(u),
    });
    let outcome = parsed.map_err(vpcheck::Rejection::from).and_then(|u| {
        // Verified borrows from the parsed value: render inside this scope.
        u.verify(&policy).map(|v| (v.report().clone(), render_claims(v.claims())))
    });
    let (report, claims) = match outcome {
        Ok((report, claims)) => (report, Some(claims)),
        Err(rejection) => (rejection.report().clone(), None),
    };
    match args.format {
        OutputFormat::Json => println!("{}", json_output(&report, claims.as_ref())),
        OutputFormat::Text => print!("{}", text_output(&report, claims.as_ref())),
    }
    Ok(exit_code(report.verdict()))
}

fn read_input(input: &str, limit: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    // One byte over the limit is enough for the library to report `input.too_large`.
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    if input == "-" {
        std::io::stdin()
            .take(cap)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("standard input: {e}"))?;
    } else {
        let file = std::fs::File::open(input).map_err(|e| format!("{input}: {e}"))?;
        file.take(cap).read_to_end(&mut bytes).map_err(|e| format!("{input}: {e}"))?;
    }
    Ok(bytes)
}

/// A file's text, read once and checked to be JSON.
fn read_json_file(path: &PathBuf) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str::<serde::de::IgnoredAny>(&text)
        .map_err(|e| format!("{}: not JSON: {e}", path.display()))?;
    Ok(text)
}

fn render_claims(claims: &IdentityClaims<'_>) -> serde_json::Value {
    serde_json::to_value(claims).unwrap_or(serde_json::Value::Null)
}

fn verdict_name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Verified => "verified",
        Verdict::Rejected => "rejected",
        Verdict::Unchecked => "unchecked",
    }
}

fn json_output(report: &Report, claims: Option<&serde_json::Value>) -> serde_json::Value {
    json!({
        "verdict": verdict_name(report.verdict()),
        "format": report.format().map(|f| f.name()),
        "claims": claims,
        "unsigned": report.unsigned(),
        "checks": report.checks(),
        "errors": report.errors().iter().map(|e| json!({"code": e.code(), "message": e.to_string()})).collect::<Vec<_>>(),
    })
}

/// The human-readable report. Every string that comes from the input (claims, error messages,
/// check names and details) goes through [`escape::text`], so that no control or bidi character
/// reaches the terminal and no line can be forged.
fn text_output(report: &Report, claims: Option<&serde_json::Value>) -> String {
    use escape::text as esc;
    let mut out = String::new();
    let format = report.format().map_or("unrecognised input", |f| f.name());
    out.push_str(&format!("{} ({format})\n", verdict_name(report.verdict()).to_uppercase()));
    if let Some(claims) = claims {
        let field = |name: &str| claims.get(name).and_then(|v| v.as_str()).map(str::to_owned);
        let name = field("full_name").or_else(|| {
            let parts: Vec<String> =
                ["given_name", "family_name"].iter().filter_map(|n| field(n)).collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        });
        if let Some(name) = name {
            out.push_str(&format!("  name:       {}\n", esc(&name)));
        }
        if let Some(birth) = field("birth_date") {
            out.push_str(&format!("  born:       {}\n", esc(&birth)));
        }
        if let Some(doc) = claims.get("document") {
            let number = doc.get("number").and_then(|v| v.as_str()).unwrap_or("-");
            let country = doc.get("issuing_country").and_then(|v| v.as_str()).unwrap_or("-");
            out.push_str(&format!("  document:   {} ({})\n", esc(number), esc(country)));
        }
        if let Some(p) = claims.get("provenance") {
            // serde_json escapes C0 controls inside strings but writes C1 and bidi characters
            // as they are.
            out.push_str(&format!("  provenance: {}\n", esc(&p.to_string())));
        }
    }
    // Unsigned values come from the input: escaped like the claims.
    for u in report.unsigned() {
        let value = u.value.as_deref().map(|v| format!(" = {}", esc(v))).unwrap_or_default();
        let withheld = if u.withheld { ", withheld" } else { "" };
        out.push_str(&format!(
            "  unsigned:   {}{value} ({}{withheld})\n",
            esc(&u.field),
            esc(&u.reason)
        ));
    }
    let count = |s: CheckStatus| report.checks().iter().filter(|c| c.status == s).count();
    out.push_str(&format!(
        "  checks:     {} passed, {} failed, {} skipped\n",
        count(CheckStatus::Passed),
        count(CheckStatus::Failed),
        count(CheckStatus::Skipped)
    ));
    for e in report.errors() {
        out.push_str(&format!("  error [{}] {}\n", e.code(), esc(&e.to_string())));
    }
    // Skipped checks that carry no error still matter to a reader: say what was not checked.
    let error_texts: Vec<String> = report.errors().iter().map(ToString::to_string).collect();
    for check in report
        .checks()
        .iter()
        .filter(|c| c.status == CheckStatus::Skipped && !error_texts.contains(&c.detail))
    {
        out.push_str(&format!("  skipped {}: {}\n", esc(&check.name), esc(&check.detail)));
    }
    out
}

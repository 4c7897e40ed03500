//! `vpcheck`: the command-line tool. It uses only the library's public API; reading the clock
//! (when `--now` is not given) and files happens here, never in the library.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;
use vpcheck::{parse, CheckStatus, IdentityClaims, Policy, Report, Verdict};

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
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

#[derive(clap::Args)]
struct VerifyArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// The verification instant (RFC 3339); default: this machine's clock.
    #[arg(long)]
    now: Option<String>,
    /// Clock skew tolerated at each time boundary, in seconds.
    #[arg(long, default_value_t = vpcheck::DEFAULT_LEEWAY_SECONDS)]
    leeway: i64,
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
    /// Treat unchecked evidence signatures as "could not check" instead of skipped.
    #[arg(long)]
    require_evidence_signatures: bool,
    /// A Regula session status that means success for your workflow (repeatable).
    #[arg(long)]
    regula_success_status: Vec<i64>,
    /// A DID document or verification-method document (repeatable).
    #[arg(long, value_name = "FILE")]
    did_doc: Vec<PathBuf>,
    /// A JWK set (repeatable).
    #[arg(long, value_name = "FILE")]
    jwks: Vec<PathBuf>,
    /// A JSON-LD context for the offline loader, as URL=FILE (repeatable).
    #[arg(long, value_name = "URL=FILE")]
    context: Vec<String>,
    /// The result to verify, or - for standard input.
    input: String,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Verify(args) => match verify(&args) {
            Ok(code) => ExitCode::from(code),
            Err(message) => {
                eprintln!("vpcheck: {message}");
                ExitCode::from(EXIT_USAGE)
            }
        },
    }
}

fn verify(args: &VerifyArgs) -> Result<u8, String> {
    let now = match &args.now {
        Some(s) => DateTime::parse_from_rfc3339(s).map_err(|e| format!("--now {s:?}: {e}"))?.with_timezone(&Utc),
        None => DateTime::<Utc>::from(std::time::SystemTime::now()),
    };
    let mut policy = Policy::at(now).with_leeway_seconds(args.leeway);
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
    for status in &args.regula_success_status {
        policy = policy.accept_regula_status(*status);
    }
    // Key and context files are read and must be JSON now, so that a wrong path fails as a usage
    // error; this build verifies no signature, so they do not change a verdict yet.
    let mut supplied = 0;
    for path in args.did_doc.iter().chain(&args.jwks) {
        read_json_file(path)?;
        supplied += 1;
    }
    for spec in &args.context {
        let (url, file) = spec.split_once('=').ok_or_else(|| format!("--context {spec:?}: expected URL=FILE"))?;
        if url.is_empty() {
            return Err(format!("--context {spec:?}: empty URL"));
        }
        read_json_file(&PathBuf::from(file))?;
        supplied += 1;
    }

    let limit = policy.limits().max_input_bytes;
    let bytes = read_input(&args.input, limit)?;
    let outcome = parse(&bytes, policy.limits()).map_err(vpcheck::Rejection::from).and_then(|u| {
        // Verified borrows from the parsed value: render inside this scope.
        u.verify(&policy).map(|v| (v.report().clone(), render_claims(v.claims())))
    });
    let (report, claims) = match outcome {
        Ok((report, claims)) => (report, Some(claims)),
        Err(rejection) => (rejection.report().clone(), None),
    };
    match args.format {
        OutputFormat::Json => println!("{}", json_output(&report, claims.as_ref())),
        OutputFormat::Text => print!("{}", text_output(&report, claims.as_ref(), supplied)),
    }
    Ok(match report.verdict() {
        Verdict::Verified => EXIT_VERIFIED,
        Verdict::Rejected => EXIT_REJECTED,
        Verdict::Unchecked => EXIT_UNCHECKED,
    })
}

fn read_input(input: &str, limit: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    // One byte over the limit is enough for the library to report `input.too_large`.
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    if input == "-" {
        std::io::stdin().take(cap).read_to_end(&mut bytes).map_err(|e| format!("standard input: {e}"))?;
    } else {
        let file = std::fs::File::open(input).map_err(|e| format!("{input}: {e}"))?;
        file.take(cap).read_to_end(&mut bytes).map_err(|e| format!("{input}: {e}"))?;
    }
    Ok(bytes)
}

fn read_json_file(path: &PathBuf) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", path.display()))
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
        "checks": report.checks(),
        "errors": report.errors().iter().map(|e| json!({"code": e.code(), "message": e.to_string()})).collect::<Vec<_>>(),
    })
}

fn text_output(report: &Report, claims: Option<&serde_json::Value>, supplied: usize) -> String {
    let mut out = String::new();
    let format = report.format().map_or("unrecognised input", |f| f.name());
    out.push_str(&format!("{} ({format})\n", verdict_name(report.verdict()).to_uppercase()));
    if let Some(claims) = claims {
        let field = |name: &str| claims.get(name).and_then(|v| v.as_str()).map(str::to_owned);
        let name = field("full_name").or_else(|| {
            let parts: Vec<String> = ["given_name", "family_name"].iter().filter_map(|n| field(n)).collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        });
        if let Some(name) = name {
            out.push_str(&format!("  name:       {name}\n"));
        }
        if let Some(birth) = field("birth_date") {
            out.push_str(&format!("  born:       {birth}\n"));
        }
        if let Some(doc) = claims.get("document") {
            let number = doc.get("number").and_then(|v| v.as_str()).unwrap_or("-");
            let country = doc.get("issuing_country").and_then(|v| v.as_str()).unwrap_or("-");
            out.push_str(&format!("  document:   {number} ({country})\n"));
        }
        if let Some(p) = claims.get("provenance") {
            out.push_str(&format!("  provenance: {p}\n"));
        }
    }
    let count = |s: CheckStatus| report.checks().iter().filter(|c| c.status == s).count();
    out.push_str(&format!(
        "  checks:     {} passed, {} failed, {} skipped\n",
        count(CheckStatus::Passed),
        count(CheckStatus::Failed),
        count(CheckStatus::Skipped)
    ));
    for e in report.errors() {
        out.push_str(&format!("  error [{}] {e}\n", e.code()));
    }
    // Skipped checks that carry no error still matter to a reader: say what was not checked.
    let error_texts: Vec<String> = report.errors().iter().map(ToString::to_string).collect();
    for check in report.checks().iter().filter(|c| c.status == CheckStatus::Skipped && !error_texts.contains(&c.detail)) {
        out.push_str(&format!("  skipped {}: {}\n", check.name, check.detail));
    }
    if supplied > 0 && report.verdict() == Verdict::Unchecked {
        out.push_str("  note: keys and contexts were read, but this build verifies no signature yet\n");
    }
    out
}

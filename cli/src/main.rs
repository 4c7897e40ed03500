//! `vpcheck`: the command-line tool. It uses only the library's public API; reading the clock
//! (when `--now` is not given) and files happens here, never in the library.

/// Writes to standard output, or returns the write error as the command's I/O error (exit 2):
/// `println!` panics when the reader has gone (`vpcheck verify ... | head -c 100`).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)
            .map_err(|e| format!("writing the output: {e}"))?
    }};
}

/// [`out!`] with a newline.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
            .map_err(|e| format!("writing the output: {e}"))?
    }};
}

mod audit;
mod escape;
mod policy_args;

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;
use vpcheck::{parse, CheckStatus, Format, IdentityClaims, Policy, Report};

use crate::policy_args::{
    base_policy, exit_code, instant, result_policy, PolicyArgs, ResultPolicyArgs, EXIT_REJECTED,
    EXIT_USAGE, EXIT_VERIFIED,
};

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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
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
    /// The Hopae or Incode OIDC ID token that came with the userinfo (a file holding the compact
    /// JWT).
    #[arg(long, value_name = "FILE")]
    id_token: Option<PathBuf>,
    /// The result to verify, or - for standard input.
    input: String,
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
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
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
            outln!("{out}");
        }
        OutputFormat::Text => {
            out!("{}", text_output(&report, None));
            if let Some(h) = header_json {
                outln!("  header:     {}", escape::text(&h.to_string()));
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
    let outcome = vpcheck::verify_hopae_webhook(&args.signature, &body, secret, &policy);
    let code = if outcome.is_ok() { EXIT_VERIFIED } else { EXIT_REJECTED };
    match (args.format, outcome) {
        (OutputFormat::Json, Ok(v)) => {
            let e = &v.event;
            outln!(
                "{}",
                json!({
                    "verdict": "verified",
                    "signed_at": v.signed_at.to_rfc3339(),
                    "event": {
                        "type": e.kind.name(),
                        "known": e.kind.is_known(),
                        "stated": e.kind_stated,
                        "verification_id": e.verification_id,
                        "status": e.status.as_ref().map(|s| s.name()),
                        "status_known": e.status.as_ref().map(|s| s.is_known()),
                        "provider_id": e.provider_id,
                        "occurred_at": e.occurred_at.map(|t| t.to_rfc3339()),
                    },
                })
            );
        }
        (OutputFormat::Json, Err(e)) => outln!(
            "{}",
            json!({"verdict": "rejected", "errors": [{"code": e.code(), "message": e.to_string()}]})
        ),
        (OutputFormat::Text, Ok(v)) => {
            use escape::text as esc;
            let e = &v.event;
            outln!("VERIFIED (hopae webhook, signed at {})", v.signed_at);
            let how = match (e.kind.is_known(), e.kind_stated) {
                (false, _) => " (unknown to this version: kept, not to be acted on)",
                (true, false) => " (implied by the status)",
                (true, true) => "",
            };
            outln!("  event:        {}{how}", esc(&e.kind.name()));
            outln!("  verification: {}", esc(&e.verification_id));
            if let Some(status) = &e.status {
                let unknown = if status.is_known() { "" } else { " (unknown to this version)" };
                outln!("  status:       {}{unknown}", esc(&status.name()));
            }
            if let Some(provider) = &e.provider_id {
                outln!("  provider:     {}", esc(provider));
            }
            if let Some(at) = e.occurred_at {
                outln!("  occurred at:  {at}");
            }
        }
        (OutputFormat::Text, Err(e)) => outln!(
            "REJECTED (hopae webhook)\n  error [{}] {}",
            e.code(),
            escape::text(&e.to_string())
        ),
    }
    Ok(code)
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
    // A vendor's error response is no result: the JSON output also gives it typed (code,
    // status, retry class), for a backend to switch on.
    let vendor_error = parsed
        .as_ref()
        .ok()
        .and_then(|u| u.vendor_error())
        .and_then(|e| serde_json::to_value(e).ok());
    let outcome = parsed.map_err(vpcheck::Rejection::from).and_then(|u| {
        // Verified borrows from the parsed value: render inside this scope.
        u.verify(&policy).map(|v| {
            let claims = match args.format {
                OutputFormat::Json => render_claims(&v),
                OutputFormat::Text => Rendered::Text(claims_text(v.claims())),
            };
            (v.report().clone(), claims)
        })
    });
    let (report, claims) = match outcome {
        Ok((report, claims)) => (report, Some(claims)),
        Err(rejection) => (rejection.report().clone(), None),
    };
    match claims {
        Some(Rendered::Text(text)) => out!("{}", text_output(&report, Some(&text))),
        Some(Rendered::Json(json)) => outln!("{}", json_output(&report, Some(&json))),
        None if args.format == OutputFormat::Json => {
            let mut out = json_output(&report, None);
            if let (Some(e), Some(map)) = (vendor_error, out.as_object_mut()) {
                map.insert("vendor_error".into(), e);
            }
            outln!("{out}")
        }
        None => out!("{}", text_output(&report, None)),
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

/// Verified claims rendered while the value they borrow from is alive.
enum Rendered {
    Json(serde_json::Value),
    Text(String),
}

/// The claims, and beside them what a Trinsic sessions-API result's providers returned
/// (`trinsic`: `providerOutput` and `match`, typed), when the library hands them out (unsigned:
/// only under `--allow-unsigned-claims`).
fn render_claims(v: &vpcheck::Verified<'_>) -> Rendered {
    let mut claims = serde_json::to_value(v.claims()).unwrap_or(serde_json::Value::Null);
    if v.trinsic_provider_output().is_some() || v.trinsic_match().is_some() {
        if let Some(obj) = claims.as_object_mut() {
            obj.insert(
                "trinsic".into(),
                json!({
                    "providerOutput": v.trinsic_provider_output(),
                    "match": v.trinsic_match(),
                }),
            );
        }
    }
    Rendered::Json(claims)
}

/// The claims' lines of the human-readable report, read from the typed claims. Every string
/// from the input goes through [`escape::text`], so that no control or bidi character reaches
/// the terminal and no line can be forged.
fn claims_text(claims: &IdentityClaims<'_>) -> String {
    use escape::text as esc;
    let mut out = String::new();
    let name = claims.full_name.as_deref().map(str::to_owned).or_else(|| {
        let parts: Vec<&str> =
            [&claims.given_name, &claims.family_name].into_iter().flatten().map(|p| &**p).collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    });
    if let Some(name) = name {
        out.push_str(&format!("  name:       {}\n", esc(&name)));
    }
    if let Some(birth) = claims.birth_date {
        out.push_str(&format!("  born:       {birth}\n"));
    }
    if let Some(doc) = &claims.document {
        let number = doc.number.as_deref().unwrap_or("-");
        let country = doc.issuing_country.unwrap_or("-");
        out.push_str(&format!("  document:   {} ({})\n", esc(number), esc(country)));
    }
    // serde_json escapes C0 controls inside strings but writes C1 and bidi characters as they
    // are.
    // Through a JSON value, whose members are sorted by name, as the JSON output writes them.
    let provenance =
        serde_json::to_value(&claims.provenance).map(|v| v.to_string()).unwrap_or_default();
    out.push_str(&format!("  provenance: {}\n", esc(&provenance)));
    out
}

fn json_output(report: &Report, claims: Option<&serde_json::Value>) -> serde_json::Value {
    json!({
        "verdict": report.verdict().name(),
        "format": report.format().map(|f| f.name()),
        "claims": claims,
        "unsigned": report.unsigned(),
        "checks": report.checks(),
        "errors": report.errors().iter().map(|e| json!({"code": e.code(), "message": e.to_string()})).collect::<Vec<_>>(),
    })
}

/// The human-readable report, with the claims' lines ([`claims_text`]). Every string that comes
/// from the input (error messages, check names and details) goes through [`escape::text`], so that no control or bidi character
/// reaches the terminal and no line can be forged.
fn text_output(report: &Report, claims: Option<&str>) -> String {
    use escape::text as esc;
    let mut out = String::new();
    let format = report.format().map_or("unrecognised input", |f| f.name());
    out.push_str(&format!("{} ({format})\n", report.verdict().name().to_uppercase()));
    if let Some(claims) = claims {
        out.push_str(claims);
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

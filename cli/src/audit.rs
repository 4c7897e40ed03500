//! `vpcheck audit`: re-verify stored results in bulk, each exactly as `vpcheck verify` would
//! (the same policy flags, the same library calls), in parallel and streaming.
//!
//! One reader thread turns the inputs into items (a whole file, or one line of an NDJSON
//! file) and hands them out in batches, `--jobs` workers verify them, and the calling thread
//! writes the results in input order. Batches keep the threads from waking each other once per
//! item: a first version that handed out single items spent most of its system time in futex
//! calls (4 per item) and reached 1.70x with two jobs instead of 2x. Memory stays flat however
//! large the input: a batch is at most `BATCH_ITEMS` items and `BATCH_BYTES` bytes, the queue to
//! the workers is short, and a semaphore keeps the reader at most `WINDOW` batches ahead of the
//! writer, so that one slow item cannot make finished results pile up behind it. Output
//! therefore lags input by up to one batch.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal as _, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, SecondsFormat, Utc};
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;
use vpcheck::audit::{audit_item, AuditedItem, JudgeAt, NdjsonLines};
use vpcheck::{ErrorKind, Policy, Verdict};

use crate::policy_args::{
    result_policy, PolicyArgs, ResultPolicyArgs, EXIT_REJECTED, EXIT_UNCHECKED, EXIT_VERIFIED,
};

/// Batches the reader may run ahead of the writer.
const WINDOW: usize = 32;
/// A batch closes at this many items or this many bytes, whichever comes first.
const BATCH_ITEMS: usize = 32;
const BATCH_BYTES: usize = 256 * 1024;
/// Items listed as the slowest in the summary.
const SLOWEST: usize = 10;
/// Whole files taken from a directory, by extension; `.ndjson` and `.jsonl` are read by line.
const WHOLE_FILE_EXTENSIONS: [&str; 3] = ["json", "jwt", "txt"];
const LINE_EXTENSIONS: [&str; 2] = ["ndjson", "jsonl"];

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum AuditFormat {
    /// One JSON object per item, in input order, then one `{"summary": ...}` line.
    Ndjson,
    /// One JSON document: `{"items": [...], "summary": {...}}`, written as it goes.
    Json,
    /// The items that did not verify, then readable summary tables.
    Text,
}

/// Where `--at` reads each item's instant.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum AtInstant {
    /// The instant the item's own signature covers ([`vpcheck::audit::signed_instant`]).
    Signed,
}

#[derive(clap::Args)]
pub(crate) struct AuditArgs {
    /// Worker threads (default: every core).
    #[arg(long)]
    jobs: Option<usize>,
    /// Judge each item at the instant held in this member of the item itself (dot path, e.g.
    /// `updated`, `_metadata.verified_at`; for a JWT, a payload claim such as `iat`) instead of
    /// `--now`: "was it valid when we accepted it?".
    /// Unsigned: whoever can edit the stored records chooses the instant; prefer `--at signed`.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["now", "at"])]
    at_field: Option<String>,
    /// `signed`: judge each item at the instant its own signature covers (a JWT's `iat`, a
    /// JSON-LD or Trinsic Connect credential's issuance, a Hopae evidence `id_token`'s `iat`),
    /// confirmed by the verification; an item without one is "could not check".
    #[arg(long, value_enum, conflicts_with = "now")]
    at: Option<AtInstant>,
    /// Also write every item and the summary as NDJSON to this file.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value = "ndjson")]
    format: AuditFormat,
    #[command(flatten)]
    common: PolicyArgs,
    #[command(flatten)]
    result: ResultPolicyArgs,
    /// Files, directories (walked: `*.json`, `*.jwt`, `*.txt` one item each, `*.ndjson` and
    /// `*.jsonl` one item per line), or - for NDJSON on standard input.
    #[arg(required = true)]
    inputs: Vec<String>,
}

/// One stored result to verify.
struct Item {
    seq: u64,
    label: String,
    bytes: Result<Vec<u8>, String>,
}

/// What became of it.
struct Outcome {
    seq: u64,
    label: String,
    verdict: Verdict,
    format: Option<&'static str>,
    at: Option<DateTime<Utc>>,
    /// `--now`, `field` or `signed`.
    instant_source: &'static str,
    /// Whether the instant judged at is one the item's verified signature covers; `None` for
    /// `--now`, whose instant is the auditor's, not the item's.
    instant_signed: Option<bool>,
    malformed: bool,
    errors: Vec<(&'static str, String)>,
    elapsed: Duration,
    /// The item's JSON line, rendered by the worker so that the single writer only copies bytes.
    line: String,
}

pub(crate) fn run(args: &AuditArgs) -> Result<u8, String> {
    let policy = Arc::new(result_policy(&args.common, &args.result)?);
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .max(1);
    for input in args.inputs.iter().filter(|i| *i != "-") {
        std::fs::metadata(input).map_err(|e| format!("{input}: {e}"))?;
    }
    if args.inputs.iter().filter(|i| *i == "-").count() > 1 {
        return Err("standard input (-) can be read once".into());
    }
    let mut report_file = args
        .report
        .as_ref()
        .map(|p| File::create(p).map(BufWriter::new).map_err(|e| format!("{}: {e}", p.display())))
        .transpose()?;

    let progress = progress_bar(&args.inputs);
    let bytes_read = Arc::new(AtomicU64::new(0));
    let (item_tx, item_rx) = sync_channel::<(u64, Vec<Item>)>(jobs);
    let (outcome_tx, outcome_rx) = sync_channel::<(u64, Vec<Outcome>)>(WINDOW);
    let (ticket_tx, ticket_rx) = sync_channel::<()>(WINDOW);
    for _ in 0..WINDOW {
        ticket_tx.send(()).map_err(|e| e.to_string())?;
    }

    let started = Instant::now();
    let limit = policy.limits().max_input_bytes;
    let reader = {
        let inputs = args.inputs.clone();
        let bytes_read = Arc::clone(&bytes_read);
        std::thread::spawn(move || read_inputs(&inputs, limit, &item_tx, &ticket_rx, &bytes_read))
    };
    let item_rx = Arc::new(Mutex::new(item_rx));
    let workers: Vec<_> = (0..jobs)
        .map(|_| {
            let (rx, tx, policy, at_field, at) = (
                Arc::clone(&item_rx),
                outcome_tx.clone(),
                Arc::clone(&policy),
                args.at_field.clone(),
                args.at,
            );
            std::thread::spawn(move || {
                let judged = match (at, at_field.as_deref()) {
                    (Some(AtInstant::Signed), _) => JudgeAt::Signed,
                    (None, Some(path)) => JudgeAt::Field(path),
                    (None, None) => JudgeAt::PolicyNow,
                };
                work(&rx, &tx, &policy, judged);
            })
        })
        .collect();
    drop(outcome_tx);

    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let io = |e: std::io::Error| format!("output: {e}");
    if args.format == AuditFormat::Json {
        out.write_all(b"{\"items\":[").map_err(io)?;
    }
    let mut summary = Summary::default();
    let mut pending: BTreeMap<u64, Vec<Outcome>> = BTreeMap::new();
    let mut next = 0u64;
    for (batch, outcomes) in outcome_rx {
        pending.insert(batch, outcomes);
        while let Some(outcomes) = pending.remove(&next) {
            next += 1;
            for outcome in outcomes {
                let line = &outcome.line;
                match args.format {
                    AuditFormat::Ndjson => writeln!(out, "{line}").map_err(io)?,
                    AuditFormat::Json => {
                        write!(out, "{}{line}", if outcome.seq == 0 { "" } else { "," })
                            .map_err(io)?
                    }
                    AuditFormat::Text if outcome.verdict != Verdict::Verified => {
                        let mut codes: Vec<&str> = outcome.errors.iter().map(|(c, _)| *c).collect();
                        codes.sort_unstable();
                        codes.dedup();
                        // The label is a file name or `file:line`: escaped, so that a name
                        // holding a newline cannot forge a line (crate::escape).
                        let label = crate::escape::text(&outcome.label);
                        writeln!(
                            out,
                            "{:<9}  {}  {}  {}",
                            outcome.verdict.name(),
                            label,
                            outcome.format.unwrap_or("-"),
                            codes.join(", ")
                        )
                        .map_err(io)?;
                    }
                    AuditFormat::Text => {}
                }
                if let Some(f) = report_file.as_mut() {
                    writeln!(f, "{line}").map_err(|e| format!("--report: {e}"))?;
                }
                summary.add(&outcome);
            }
            progress.set_position(bytes_read.load(Ordering::Relaxed));
            progress.set_message(format!("{} items", summary.total));
            // The writer is done with one batch: the reader may read one more.
            let _ = ticket_tx.send(());
        }
    }
    drop(ticket_tx);
    for w in workers {
        w.join().map_err(|_| "a worker thread failed".to_owned())?;
    }
    reader.join().map_err(|_| "the reader thread failed".to_owned())??;
    progress.finish_and_clear();

    let elapsed = started.elapsed();
    let summary_json = summary.to_json(elapsed, jobs);
    match args.format {
        AuditFormat::Ndjson => {
            writeln!(out, "{}", json!({ "summary": summary_json })).map_err(io)?
        }
        AuditFormat::Json => writeln!(out, "],\"summary\":{summary_json}}}").map_err(io)?,
        AuditFormat::Text => write!(out, "{}", summary.to_text(elapsed, jobs)).map_err(io)?,
    }
    out.flush().map_err(io)?;
    if let Some(mut f) = report_file {
        writeln!(f, "{}", json!({ "summary": summary_json }))
            .and_then(|()| f.flush())
            .map_err(|e| format!("--report: {e}"))?;
    }
    Ok(if summary.count(Verdict::Rejected) > 0 {
        EXIT_REJECTED
    } else if summary.count(Verdict::Unchecked) > 0 {
        EXIT_UNCHECKED
    } else {
        EXIT_VERIFIED
    })
}

/// A bar by bytes read (ETA) with the item count, on a terminal only; hidden otherwise.
fn progress_bar(inputs: &[String]) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    // Standard input has no known size: then a spinner without ETA.
    let total: Option<u64> = inputs
        .iter()
        .map(|i| if i == "-" { None } else { Some(size_of_input(Path::new(i))) })
        .sum();
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    let template = if total.is_some() {
        "{msg} {per_sec:.dim} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ETA {eta}"
    } else {
        "{spinner} {msg} [{elapsed_precise}] {bytes} read"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

fn size_of_input(path: &Path) -> u64 {
    if path.is_dir() {
        walkdir::WalkDir::new(path)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum()
    } else {
        std::fs::metadata(path).map_or(0, |m| m.len())
    }
}

/// The reader: every input, in order, as batches of items. Waits for a ticket before each batch.
fn read_inputs(
    inputs: &[String],
    limit: usize,
    tx: &SyncSender<(u64, Vec<Item>)>,
    tickets: &Receiver<()>,
    bytes_read: &AtomicU64,
) -> Result<(), String> {
    let mut batcher =
        Batcher { tx, tickets, bytes_read, seq: 0, batch: 0, items: Vec::new(), bytes: 0 };
    read_all(inputs, limit, &mut |label, bytes| batcher.push(label, bytes));
    batcher.flush();
    Ok(())
}

struct Batcher<'x> {
    tx: &'x SyncSender<(u64, Vec<Item>)>,
    tickets: &'x Receiver<()>,
    bytes_read: &'x AtomicU64,
    seq: u64,
    batch: u64,
    items: Vec<Item>,
    bytes: usize,
}

impl Batcher<'_> {
    /// Adds an item; false when the run is over (the writer or the workers stopped).
    fn push(&mut self, label: String, bytes: Result<Vec<u8>, String>) -> bool {
        self.bytes += bytes.as_ref().map_or(0, Vec::len);
        self.items.push(Item { seq: self.seq, label, bytes });
        self.seq += 1;
        if self.items.len() >= BATCH_ITEMS || self.bytes >= BATCH_BYTES {
            return self.flush();
        }
        true
    }

    fn flush(&mut self) -> bool {
        if self.items.is_empty() {
            return true;
        }
        if self.tickets.recv().is_err() {
            return false;
        }
        self.bytes_read.fetch_add(u64::try_from(self.bytes).unwrap_or(u64::MAX), Ordering::Relaxed);
        let items = std::mem::take(&mut self.items);
        self.bytes = 0;
        let sent = self.tx.send((self.batch, items)).is_ok();
        self.batch += 1;
        sent
    }
}

/// Every input, in order, item by item, until `emit` says stop.
fn read_all(
    inputs: &[String],
    limit: usize,
    emit: &mut impl FnMut(String, Result<Vec<u8>, String>) -> bool,
) {
    for input in inputs {
        if input == "-" {
            if !read_lines(BufReader::new(std::io::stdin().lock()), "-", limit, emit) {
                return;
            }
            continue;
        }
        let path = Path::new(input);
        if path.is_dir() {
            // Sorted by name, so that a run is reproducible; symlinks are not followed.
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        if !emit(
                            e.path().map_or_else(|| input.clone(), |p| p.display().to_string()),
                            Err(e.to_string()),
                        ) {
                            return;
                        }
                        continue;
                    }
                };
                let extension = entry
                    .path()
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if !entry.file_type().is_file() {
                    continue;
                }
                if !(WHOLE_FILE_EXTENSIONS.contains(&extension.as_str())
                    || LINE_EXTENSIONS.contains(&extension.as_str()))
                {
                    continue;
                }
                if !read_file(entry.path(), limit, emit) {
                    return;
                }
            }
        } else if !read_file(path, limit, emit) {
            return;
        }
    }
}

/// One file: by line when its extension says NDJSON, else whole. False when the run is over.
fn read_file(
    path: &Path,
    limit: usize,
    emit: &mut impl FnMut(String, Result<Vec<u8>, String>) -> bool,
) -> bool {
    let label = path.display().to_string();
    let extension =
        path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return emit(label, Err(e.to_string())),
    };
    if LINE_EXTENSIONS.contains(&extension.as_str()) {
        return read_lines(BufReader::new(file), &label, limit, emit);
    }
    let mut bytes = Vec::new();
    // One byte over the limit is enough for the library to report `input.too_large`.
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    match file.take(cap).read_to_end(&mut bytes) {
        Ok(_) => emit(label, Ok(bytes)),
        Err(e) => emit(label, Err(e.to_string())),
    }
}

/// NDJSON: one item per non-blank line, labelled `file:line`, each cut one byte past the input
/// limit (the library then reports `input.too_large`).
fn read_lines(
    reader: impl BufRead,
    label: &str,
    limit: usize,
    emit: &mut impl FnMut(String, Result<Vec<u8>, String>) -> bool,
) -> bool {
    for line in NdjsonLines::new(reader, limit) {
        let more = match line {
            Ok(line) => emit(format!("{label}:{}", line.number), Ok(line.bytes)),
            Err(e) => {
                // A read error ends the file: report it once, go on with the next input.
                return emit(format!("{label}:?"), Err(e.to_string()));
            }
        };
        if !more {
            return false;
        }
    }
    true
}

fn work(
    batches: &Mutex<Receiver<(u64, Vec<Item>)>>,
    tx: &SyncSender<(u64, Vec<Outcome>)>,
    policy: &Policy,
    judged: JudgeAt<'_>,
) {
    loop {
        // The lock is held only while taking one batch.
        let batch = match batches.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((n, items)) = batch else { return };
        let outcomes = items.into_iter().map(|item| verify_item(item, policy, judged)).collect();
        if tx.send((n, outcomes)).is_err() {
            return;
        }
    }
}

/// One item, as `vpcheck verify` would verify it, at the instant `judged` names
/// (`vpcheck::audit::audit_item`, which says how `--at signed` is confirmed), timed.
fn verify_item(item: Item, policy: &Policy, judged: JudgeAt<'_>) -> Outcome {
    let started = Instant::now();
    let mut outcome = Outcome {
        seq: item.seq,
        label: item.label,
        verdict: Verdict::Unchecked,
        format: None,
        at: None,
        instant_source: judged.name(),
        instant_signed: None,
        malformed: false,
        errors: Vec::new(),
        elapsed: Duration::ZERO,
        line: String::new(),
    };
    let bytes = match item.bytes {
        Ok(b) => b,
        Err(e) => {
            outcome.errors.push(("audit.unreadable", e));
            outcome.elapsed = started.elapsed();
            outcome.line = item_json(&outcome).to_string();
            return outcome;
        }
    };
    let AuditedItem { report, at, instant_signed, .. } = audit_item(&bytes, policy, judged);
    outcome.at = at;
    outcome.instant_signed = instant_signed;
    outcome.verdict = report.verdict();
    outcome.format = report.format().map(|f| f.name());
    outcome.malformed = report.errors().iter().any(|e| e.kind() == ErrorKind::Malformed);
    outcome.errors = report.errors().iter().map(|e| (e.code(), e.to_string())).collect();
    outcome.elapsed = started.elapsed();
    outcome.line = item_json(&outcome).to_string();
    outcome
}

fn item_json(o: &Outcome) -> serde_json::Value {
    json!({
        "input": o.label,
        "verdict": o.verdict.name(),
        "format": o.format,
        "at": o.at.map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
        "instant_source": o.instant_source,
        "instant_signed": o.instant_signed,
        "elapsed_us": u64::try_from(o.elapsed.as_micros()).unwrap_or(u64::MAX),
        "errors": o.errors.iter().map(|(code, message)| json!({"code": code, "message": message})).collect::<Vec<_>>(),
    })
}

#[derive(Default)]
struct Summary {
    total: u64,
    by_verdict: HashMap<&'static str, u64>,
    by_format: BTreeMap<&'static str, u64>,
    by_code: BTreeMap<&'static str, u64>,
    malformed: u64,
    /// (elapsed, label, verdict), the slowest first, at most `SLOWEST`.
    slowest: Vec<(Duration, String, Verdict)>,
}

impl Summary {
    fn add(&mut self, o: &Outcome) {
        self.total += 1;
        *self.by_verdict.entry(o.verdict.name()).or_default() += 1;
        *self.by_format.entry(o.format.unwrap_or("unrecognised")).or_default() += 1;
        // Each code once per item: "how many items failed for this reason".
        let mut codes: Vec<&'static str> = o.errors.iter().map(|(c, _)| *c).collect();
        codes.sort_unstable();
        codes.dedup();
        for c in codes {
            *self.by_code.entry(c).or_default() += 1;
        }
        if o.malformed {
            self.malformed += 1;
        }
        if self.slowest.len() < SLOWEST
            || self.slowest.last().is_some_and(|(t, _, _)| o.elapsed > *t)
        {
            let at = self.slowest.partition_point(|(t, _, _)| *t >= o.elapsed);
            self.slowest.insert(at, (o.elapsed, o.label.clone(), o.verdict));
            self.slowest.truncate(SLOWEST);
        }
    }

    fn count(&self, v: Verdict) -> u64 {
        self.by_verdict.get(v.name()).copied().unwrap_or(0)
    }

    fn rate(&self, elapsed: Duration) -> f64 {
        let seconds = elapsed.as_secs_f64();
        if seconds > 0.0 {
            // Counts below 2^53 convert exactly.
            u32::try_from(self.total).map_or(f64::MAX, f64::from) / seconds
        } else {
            0.0
        }
    }

    fn to_json(&self, elapsed: Duration, jobs: usize) -> serde_json::Value {
        json!({
            "total": self.total,
            "verified": self.count(Verdict::Verified),
            "rejected": self.count(Verdict::Rejected),
            "unchecked": self.count(Verdict::Unchecked),
            "malformed": self.malformed,
            "by_format": self.by_format,
            "by_code": self.by_code,
            "slowest": self.slowest.iter().map(|(t, label, v)| json!({"input": label, "verdict": v.name(), "elapsed_us": u64::try_from(t.as_micros()).unwrap_or(u64::MAX)})).collect::<Vec<_>>(),
            "elapsed_ms": u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
            "items_per_second": self.rate(elapsed).round(),
            "jobs": jobs,
        })
    }

    fn to_text(&self, elapsed: Duration, jobs: usize) -> String {
        let mut t = String::new();
        let mut line = |s: String| {
            t.push_str(&s);
            t.push('\n');
        };
        line(String::new());
        line(format!(
            "{} items in {:.3} s ({:.0} items/s, {jobs} jobs)",
            self.total,
            elapsed.as_secs_f64(),
            self.rate(elapsed)
        ));
        line(String::new());
        line(format!("{:<28} {:>10}", "verdict", "items"));
        for v in [Verdict::Verified, Verdict::Rejected, Verdict::Unchecked] {
            line(format!("{:<28} {:>10}", v.name(), self.count(v)));
        }
        line(format!("{:<28} {:>10}", "  of which malformed", self.malformed));
        line(String::new());
        line(format!("{:<28} {:>10}", "format", "items"));
        for (f, n) in &self.by_format {
            line(format!("{f:<28} {n:>10}"));
        }
        if !self.by_code.is_empty() {
            line(String::new());
            line(format!("{:<28} {:>10}", "error code", "items"));
            for (c, n) in &self.by_code {
                line(format!("{c:<28} {n:>10}"));
            }
        }
        line(String::new());
        line(format!("{:<12} {:<10} input", "slowest", "verdict"));
        for (d, label, v) in &self.slowest {
            line(format!(
                "{:<12} {:<10} {}",
                format!("{:.3} ms", d.as_secs_f64() * 1000.0),
                v.name(),
                crate::escape::text(label)
            ));
        }
        t
    }
}

//! The native half of the `vpcheck` Python package, on the library's public API only. The Python
//! half (`vpcheck/__init__.py`) resolves paths, checks types and builds the result objects; this
//! builds the policy, verifies with the GIL released, and spreads batches over threads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

use chrono::{DateTime, SecondsFormat, Utc};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use vpcheck::audit::{audit_item, JudgeAt};
use vpcheck::{
    parse, Algorithm, DidDocuments, Format, IdentityClaims, KeySet, Limits, Report, StatusList,
    TrustedIssuer,
};

/// The most threads a batch starts (the Python half refuses more).
const MAX_JOBS: usize = 256;

/// A verification policy, built once and shared by every verification and thread.
#[pyclass(module = "vpcheck._vpcheck", frozen)]
struct Policy {
    inner: vpcheck::Policy,
}

/// A policy option that is not one: a misuse, raised as `ValueError` (the Python half wraps it
/// in `vpcheck.PolicyError`).
fn bad(option: &str, reason: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(format!("{option}: {reason}"))
}

fn key_set(option: &str, documents: &[Vec<u8>]) -> PyResult<KeySet> {
    let mut keys = KeySet::new();
    for (i, document) in documents.iter().enumerate() {
        keys.add_json(document)
            .map_err(|e| bad(&format!("{option}[{i}]"), format!("[{}] {e}", e.code())))?;
    }
    Ok(keys)
}

fn text(option: &str, bytes: &[u8]) -> PyResult<String> {
    String::from_utf8(bytes.to_vec()).map_err(|_| bad(option, "not UTF-8"))
}

#[pymethods]
impl Policy {
    /// `now` is an RFC 3339 instant; `options` are the normalised keyword options of
    /// `vpcheck.Policy` (documents as bytes).
    #[new]
    #[pyo3(signature = (now, **options))]
    fn new(now: &str, options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let now = DateTime::parse_from_rfc3339(now)
            .map_err(|e| bad("now", format!("{now:?} is not an RFC 3339 instant: {e}")))?
            .with_timezone(&Utc);
        let mut policy = vpcheck::Policy::at(now);
        let mut dids = DidDocuments::new();
        let mut limits: Limits = *policy.limits();
        let Some(options) = options else { return Ok(Policy { inner: policy }) };
        // In a fixed order, whatever order the caller gave them in.
        let mut entries: Vec<(String, Bound<'_, PyAny>)> = Vec::new();
        for (k, v) in options.iter() {
            entries.push((k.extract()?, v));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, value) in entries {
            if value.is_none() {
                continue;
            }
            let o = name.as_str();
            policy = match o {
                "leeway_seconds" => policy.with_leeway_seconds(value.extract()?),
                "issuer_jwks" | "evidence_jwks" | "holder_jwks" => {
                    let map: Vec<(String, Vec<Vec<u8>>)> = value.extract()?;
                    let mut p = policy;
                    for (who, docs) in map {
                        if who.is_empty() || who.trim() != who {
                            return Err(bad(o, format!("{who:?} is not an identifier")));
                        }
                        let keys = key_set(&format!("{o}[{who:?}]"), &docs)?;
                        p = match o {
                            "issuer_jwks" => p.with_issuer_keys(who, keys),
                            "evidence_jwks" => p.with_evidence_keys(who, keys),
                            _ => p.with_holder_keys(who, keys),
                        };
                    }
                    p
                }
                "signer_jwks" => {
                    policy.with_signer_keys(key_set(o, &value.extract::<Vec<Vec<u8>>>()?)?)
                }
                "hopae_jwks" => {
                    policy.with_hopae_keys(key_set(o, &value.extract::<Vec<Vec<u8>>>()?)?)
                }
                "incode_jwks" => {
                    policy.with_incode_keys(key_set(o, &value.extract::<Vec<Vec<u8>>>()?)?)
                }
                "algs" => {
                    let names: Vec<String> = value.extract()?;
                    let algs = names
                        .iter()
                        .map(|a| {
                            Algorithm::from_name(a).ok_or_else(|| {
                                bad(o, format!("{a:?} is not a JWS algorithm vpcheck knows"))
                            })
                        })
                        .collect::<PyResult<Vec<_>>>()?;
                    policy.allow_algorithms(&algs)
                }
                "audience" => policy.expect_audience(value.extract::<String>()?),
                "issuer" => policy.expect_issuer(value.extract::<String>()?),
                "nonce" => policy.expect_nonce(value.extract::<String>()?),
                "typ" => policy.expect_token_type(value.extract::<String>()?),
                "max_age_seconds" => policy.with_max_age_seconds(value.extract()?),
                "session_id" => policy.expect_session_id(value.extract::<String>()?),
                "min_loa" => policy.require_min_assurance_level(value.extract()?),
                "min_match_probability" => policy.require_min_match_probability(value.extract()?),
                "external_user_id" => policy.expect_external_user_id(value.extract::<String>()?),
                "accept_manual_review" => flag(
                    policy,
                    &value,
                    vpcheck::Policy::accept_manual_review_over_failed_components,
                )?,
                "allow_expired_documents" => {
                    flag(policy, &value, vpcheck::Policy::allow_expired_documents)?
                }
                "require_evidence_signatures" => {
                    flag(policy, &value, vpcheck::Policy::require_evidence_signatures)?
                }
                "require_holder_binding" => {
                    flag(policy, &value, vpcheck::Policy::require_holder_binding)?
                }
                "allow_unsigned_claims" => {
                    flag(policy, &value, vpcheck::Policy::allow_unsigned_claims)?
                }
                "allow_unsigned_formats" => {
                    flag(policy, &value, vpcheck::Policy::allow_unsigned_formats)?
                }
                "require_status" => flag(policy, &value, vpcheck::Policy::require_status_check)?,
                "accept_formats" => {
                    let names: Vec<String> = value.extract()?;
                    let formats = names
                        .iter()
                        .map(|n| {
                            Format::from_name(n).ok_or_else(|| {
                                bad(o, format!("{n:?} is not a format vpcheck reads"))
                            })
                        })
                        .collect::<PyResult<Vec<_>>>()?;
                    policy.accept_formats(&formats)
                }
                "max_work" => {
                    limits.max_work = value.extract()?;
                    policy
                }
                "regula_success_statuses" => {
                    let mut p = policy;
                    for status in value.extract::<Vec<i64>>()? {
                        p = p.accept_regula_status(status);
                    }
                    p
                }
                "did_docs" => {
                    for (i, doc) in value.extract::<Vec<Vec<u8>>>()?.iter().enumerate() {
                        dids.add_json(doc).map_err(|e| {
                            bad(&format!("{o}[{i}]"), format!("[{}] {e}", e.code()))
                        })?;
                    }
                    policy
                }
                "trust_issuers" | "trust_trinsic_issuers" => {
                    let mut p = policy;
                    for issuer in value.extract::<Vec<String>>()? {
                        if issuer.is_empty() {
                            return Err(bad(o, "an empty issuer"));
                        }
                        p = p.trust_issuer(TrustedIssuer::from_did_url(
                            &issuer,
                            o == "trust_trinsic_issuers",
                        ));
                    }
                    p
                }
                "contexts" => {
                    let mut p = policy;
                    for (url, doc) in value.extract::<Vec<(String, Vec<u8>)>>()? {
                        if url.is_empty() {
                            return Err(bad(o, "an empty URL"));
                        }
                        let doc = text(&format!("{o}[{url:?}]"), &doc)?;
                        serde_json::from_str::<serde_json::Value>(&doc)
                            .map_err(|e| bad(&format!("{o}[{url:?}]"), format!("not JSON: {e}")))?;
                        p = p.with_context(url, doc);
                    }
                    p
                }
                "status_lists" => {
                    let mut p = policy;
                    for (i, doc) in value.extract::<Vec<Vec<u8>>>()?.iter().enumerate() {
                        let field = format!("{o}[{i}]");
                        let list = StatusList::parse(&text(&field, doc)?)
                            .map_err(|e| bad(&field, format!("[{}] {e}", e.code())))?;
                        p = p.with_status_list(list);
                    }
                    p
                }
                "allow_withheld" => {
                    let mut p = policy;
                    for member in value.extract::<Vec<String>>()? {
                        p = p.allow_withheld(member);
                    }
                    p
                }
                "require_disclosed" => {
                    let mut p = policy;
                    for member in value.extract::<Vec<String>>()? {
                        p = p.require_disclosed(member);
                    }
                    p
                }
                "trust_contexts" => {
                    let mut p = policy;
                    for (i, doc) in value.extract::<Vec<Vec<u8>>>()?.iter().enumerate() {
                        let field = format!("{o}[{i}]");
                        let context: serde_json::Value = serde_json::from_slice(doc)
                            .map_err(|e| bad(&field, format!("not JSON: {e}")))?;
                        p = p.trust_embedded_context(context);
                    }
                    p
                }
                other => {
                    return Err(PyTypeError::new_err(format!("unknown policy option {other:?}")))
                }
            };
        }
        let policy = policy.with_did_documents(dids).with_limits(limits);
        Ok(Policy { inner: policy })
    }

    /// The policy's instant, RFC 3339.
    #[getter]
    fn now(&self) -> String {
        rfc3339(self.inner.now())
    }
}

fn flag(
    policy: vpcheck::Policy,
    value: &Bound<'_, PyAny>,
    set: fn(vpcheck::Policy) -> vpcheck::Policy,
) -> PyResult<vpcheck::Policy> {
    Ok(if value.extract::<bool>()? { set(policy) } else { policy })
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The result as JSON, as `vpcheck verify --format json` writes it.
fn result_json(report: &Report, claims: Option<&IdentityClaims<'_>>) -> String {
    serde_json::json!({
        "verdict": report.verdict().name(),
        "format": report.format().map(|f| f.name()),
        "claims": claims.map(|c| serde_json::to_value(c).unwrap_or(serde_json::Value::Null)),
        "unsigned": report.unsigned(),
        "checks": report.checks(),
        "errors": report.errors().iter().map(|e| serde_json::json!({"code": e.code(), "message": e.to_string()})).collect::<Vec<_>>(),
    })
    .to_string()
}

/// Verifies one result (with the GIL released) and returns it as JSON. `id_token` is bytes: one
/// that is not UTF-8 is the result's `input.invalid_utf8`, not an exception.
#[pyfunction]
#[pyo3(signature = (data, policy, id_token = None))]
fn verify(py: Python<'_>, data: &[u8], policy: &Policy, id_token: Option<&[u8]>) -> String {
    let policy = &policy.inner;
    py.allow_threads(|| {
        let token = id_token.map(|t| {
            std::str::from_utf8(t).map_err(|e| vpcheck::Error::InvalidUtf8 {
                field: "id_token".into(),
                offset: e.valid_up_to(),
            })
        });
        let parsed = parse(data, policy.limits()).and_then(|u| match token {
            Some(token) => u.with_id_token(token?, policy.limits()),
            None => Ok(u),
        });
        match parsed {
            Err(e) => result_json(&Report::malformed(e), None),
            Ok(u) => match u.verify(policy) {
                Ok(v) => result_json(v.report(), Some(v.claims())),
                Err(r) => result_json(r.report(), None),
            },
        }
    })
}

/// One audited item's columns.
struct Row {
    verdict: &'static str,
    format: Option<&'static str>,
    at: Option<String>,
    instant_signed: Option<bool>,
    elapsed_us: u64,
    codes: Vec<&'static str>,
    messages: Vec<String>,
}

fn audit_row(bytes: Option<&[u8]>, policy: &vpcheck::Policy, judge: JudgeAt<'_>) -> Row {
    let started = Instant::now();
    let Some(bytes) = bytes else {
        return Row {
            verdict: "unchecked",
            format: None,
            at: None,
            instant_signed: None,
            elapsed_us: 0,
            codes: vec!["audit.unreadable"],
            messages: vec!["a null item".into()],
        };
    };
    let item = audit_item(bytes, policy, judge);
    Row {
        verdict: item.report.verdict().name(),
        format: item.report.format().map(|f| f.name()),
        at: item.at.map(rfc3339),
        instant_signed: item.instant_signed,
        elapsed_us: u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
        codes: item.report.errors().iter().map(|e| e.code()).collect(),
        messages: item.report.errors().iter().map(ToString::to_string).collect(),
    }
}

/// Audits `items` (bytes, or `None` for a null) as `vpcheck audit` does, over `jobs` threads
/// with the GIL released, in input order. `at` is `None` (the policy's instant), `"signed"`, or
/// `"field:PATH"`. Returns the columns: verdict, format, at, instant_source, instant_signed,
/// elapsed_us, codes, errors (lists of `(code, message)`).
#[pyfunction]
#[pyo3(signature = (items, policy, at = None, jobs = None))]
fn verify_batch<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyList>,
    policy: &Policy,
    at: Option<&str>,
    jobs: Option<usize>,
) -> PyResult<Bound<'py, PyDict>> {
    let judge = match at {
        None => JudgeAt::PolicyNow,
        Some("signed") => JudgeAt::Signed,
        Some(other) => match other.strip_prefix("field:") {
            Some(path) if !path.is_empty() => JudgeAt::Field(path),
            _ => {
                return Err(PyValueError::new_err(format!(
                    "at: {other:?} is neither None, \"signed\" nor \"field:PATH\""
                )))
            }
        },
    };
    // Borrowed from the Python bytes objects, which the list keeps alive while the GIL is
    // released (bytes are immutable).
    let mut borrowed: Vec<Option<Bound<'py, PyBytes>>> = Vec::with_capacity(items.len());
    for item in items.iter() {
        if item.is_none() {
            borrowed.push(None);
        } else {
            borrowed
                .push(Some(item.downcast_into::<PyBytes>().map_err(|_| {
                    PyTypeError::new_err("items: every item must be bytes or None")
                })?));
        }
    }
    let slices: Vec<Option<&[u8]>> =
        borrowed.iter().map(|b| b.as_ref().map(|b| b.as_bytes())).collect();
    let jobs = jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .clamp(1, MAX_JOBS)
        .min(slices.len().max(1));
    let inner = &policy.inner;
    let rows: Vec<Row> = py.allow_threads(|| {
        let cells: Vec<OnceLock<Row>> = slices.iter().map(|_| OnceLock::new()).collect();
        let next = AtomicUsize::new(0);
        let work = || loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let (Some(item), Some(cell)) = (slices.get(i), cells.get(i)) else { break };
            let _ = cell.set(audit_row(*item, inner, judge));
        };
        std::thread::scope(|scope| {
            // A thread the system cannot start (a process or address-space limit) is not an
            // error: the threads started, and this one, share the items.
            for _ in 1..jobs {
                if std::thread::Builder::new().spawn_scoped(scope, work).is_err() {
                    break;
                }
            }
            work();
        });
        cells.into_iter().filter_map(OnceLock::into_inner).collect()
    });
    if rows.len() != slices.len() {
        return Err(PyValueError::new_err("a batch worker stopped before its items were done"));
    }
    let out = PyDict::new(py);
    out.set_item("verdict", rows.iter().map(|r| r.verdict).collect::<Vec<_>>())?;
    out.set_item("format", rows.iter().map(|r| r.format).collect::<Vec<_>>())?;
    out.set_item("at", rows.iter().map(|r| r.at.clone()).collect::<Vec<_>>())?;
    out.set_item("instant_source", vec![judge.name(); rows.len()])?;
    out.set_item("instant_signed", rows.iter().map(|r| r.instant_signed).collect::<Vec<_>>())?;
    out.set_item("elapsed_us", rows.iter().map(|r| r.elapsed_us).collect::<Vec<_>>())?;
    out.set_item("codes", rows.iter().map(|r| r.codes.clone()).collect::<Vec<_>>())?;
    out.set_item("messages", rows.into_iter().map(|r| r.messages).collect::<Vec<_>>())?;
    Ok(out)
}

/// Every error code the library declares and its kind (`malformed`, `invalid`, `could not
/// check`).
#[pyfunction]
fn error_codes() -> Vec<(&'static str, &'static str)> {
    vpcheck::Error::CODES.iter().map(|(code, kind)| (*code, kind.name())).collect()
}

#[pymodule]
fn _vpcheck(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Policy>()?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(verify_batch, m)?)?;
    m.add_function(wrap_pyfunction!(error_codes, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

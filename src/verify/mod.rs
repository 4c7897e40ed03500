//! The checks: one module per format, each turning a borrowed model into checks on a report
//! and the claims it would yield, all under one `Policy` ([`policy`]). What every check shares
//! is in [`ctx`]: the context a verification runs in, and the policy rules that apply to every
//! format (expected session id, maximum age, minimum assurance, external user id), run once on
//! the facts each format states. [`unverified`] is the entry point; [`nested`] is the one place
//! a document hands another it carries to be checked.
//!
//! This file only declares the modules: a child never imports its parent, so that the module
//! graph has no cycle even counting those arrows (`tests/module_graph.rs`).

pub(crate) mod bare_jws;
pub(crate) mod ctx;
pub(crate) mod evidence;
pub(crate) mod expectation;
pub(crate) mod hopae;
pub(crate) mod incode;
pub(crate) mod incode_oidc;
pub(crate) mod jsonld;
pub(crate) mod jwt_vc;
pub(crate) mod nested;
pub(crate) mod policy;
pub(crate) mod regula;
pub(crate) mod report;
pub(crate) mod status;
pub(crate) mod token;
pub(crate) mod trinsic_connect;
pub(crate) mod trinsic_provider_output;
pub(crate) mod trinsic_sessions;
pub(crate) mod trust;
pub(crate) mod unverified;
pub(crate) mod webhook;

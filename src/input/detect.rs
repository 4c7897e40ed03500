//! Which result format an input is, decided from its top-level member names, before any vendor
//! model reads it.

use crate::error::Error;
use crate::input::json::CheckedText;

/// What detection decided for a JSON object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonKind {
    TrinsicConnect,
    JsonLd,
    TrinsicSessionWrapped,
    TrinsicSessionBare,
    HopaeUserinfo,
    HopaeEvidence,
    HopaeVerification,
    Incode,
    IncodeUserinfo,
    Regula,
    JwsJson,
    /// RFC 9457 problem details (Trinsic's API, Hopae).
    ProblemDetails,
    /// Hopae's workspace API error envelope.
    ErrorEnvelope,
    /// Incode Omni's error body.
    IncodeError,
}

/// Decides the format of a JSON object from its member names. The rules go from the most to
/// the least specific marker. A camelCase name is also read in its snake_case spelling (the
/// proto field name a proto3 JSON parser must accept), as the models read it. The member names are those of the vendors' public API docs; an
/// example of each format is under `test-vectors/vendors/`, and the README table "What it reads
/// and what this build checks" lists the formats.
pub(crate) fn detect(checked: &CheckedText<'_>) -> Result<JsonKind, Error> {
    let has = |name: &str| checked.root_keys.iter().any(|k| k == name);
    let any = |names: &[&str]| names.iter().any(|n| has(n));
    let kind = if is_json_serialization(checked.root_keys.iter().map(|k| k.as_ref())) {
        JsonKind::JwsJson
    } else if has("@context") {
        JsonKind::JsonLd
    } else if any(&[
        "resultVp",
        "result_vp",
        "clientToken",
        "client_token",
        "verifications",
        "failCode",
        "fail_code",
    ]) {
        JsonKind::TrinsicConnect
    } else if has("session") {
        JsonKind::TrinsicSessionWrapped
    } else if has("done") && has("success") {
        JsonKind::TrinsicSessionBare
    } else if (has("verificationId") || has("verification_id")) && has("status") {
        JsonKind::HopaeVerification
    } else if any(&["provenance", "hopae_provenance", "hopae_loa"]) || (has("sub") && has("acr")) {
        JsonKind::HopaeUserinfo
    } else if !checked.root_keys.is_empty()
        && checked.root_keys.iter().all(|k| k == "token" || k == "names")
    {
        JsonKind::HopaeEvidence
    } else if any(&[
        "action",
        "scoreStatus",
        "score_status",
        "overall",
        "idValidation",
        "id_validation",
        "liveness",
        "faceRecognition",
        "face_recognition",
        "interviewId",
        "interview_id",
        "onboardingStatus",
        "onboarding_status",
    ]) {
        JsonKind::Incode
    } else if has("status") && any(&["metadata", "properties", "files"]) {
        JsonKind::Regula
    } else if !checked.root_keys.is_empty()
        && has("error")
        && checked
            .root_keys
            .iter()
            .all(|k| matches!(k.as_ref(), "error" | "request_id" | "requestId"))
    {
        JsonKind::ErrorEnvelope
    } else if has("status")
        && has("error")
        && has("message")
        && checked
            .root_keys
            .iter()
            .all(|k| matches!(k.as_ref(), "timestamp" | "status" | "error" | "message" | "path"))
    {
        JsonKind::IncodeError
    } else if any(&["title", "detail"]) && any(&["status", "type", "instance", "code"]) {
        // RFC 9457 section 3: problem details, with any extension members. Error shapes come
        // after every result's markers, so that a result carrying a `title` stays a result.
        JsonKind::ProblemDetails
    } else if is_oidc_userinfo(&has) {
        JsonKind::IncodeUserinfo
    } else if has("proof") {
        JsonKind::JsonLd
    } else if has("state") && has("id") && any(&["created", "updated"]) {
        JsonKind::TrinsicConnect
    } else {
        let members = checked.root_keys.iter().map(|k| k.as_ref()).collect::<Vec<_>>().join(", ");
        return Err(Error::UnknownFormat {
            members: if members.is_empty() { "none".to_owned() } else { members },
        });
    };
    Ok(kind)
}

/// The OIDC standard claims (OpenID Connect Core 1.0 section 5.1) and the document members an
/// Incode userinfo response carries at its top level.
const USERINFO_CLAIMS: [&str; 13] = [
    "name",
    "given_name",
    "family_name",
    "middle_name",
    "birthdate",
    "gender",
    "email",
    "phone_number",
    "address",
    "nationality",
    "document_number",
    "document_type",
    "auth_overall_status",
];

/// An OIDC userinfo response that is not Hopae's: `sub` beside at least one standard claim at the
/// top level. Checked after every vendor rule, so that a Hopae userinfo (its claims under `user`,
/// or `acr`, `provenance`, `hopae_loa`) and an Incode result keep their formats; and an object
/// carrying what a userinfo response never does (a decoded token's `exp`, `nbf`, `vc`, `vp`; a
/// `proof`; Hopae's own members) is not taken for one. A userinfo verifies only bound to a
/// verified ID token, so a false positive fails closed.
fn is_oidc_userinfo(has: &impl Fn(&str) -> bool) -> bool {
    const NEVER: [&str; 11] = [
        "exp",
        "nbf",
        "vc",
        "vp",
        "proof",
        "user",
        "provider_id",
        "verification_model",
        "missing_claims",
        "match",
        "hopae_loa_label",
    ];
    has("sub") && USERINFO_CLAIMS.iter().any(|n| has(n)) && !NEVER.iter().any(|n| has(n))
}

/// Whether a JSON object's top-level members make it a JWS JSON serialization.
pub(crate) fn is_json_serialization<'k>(mut keys: impl Iterator<Item = &'k str> + Clone) -> bool {
    keys.clone().any(|k| k == "signature" || k == "signatures")
        && keys
            .all(|k| matches!(k, "payload" | "protected" | "header" | "signature" | "signatures"))
}

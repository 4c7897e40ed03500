//! The one error type: every rejection has a stable dotted code and typed context.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

use crate::format::Format;

/// The one declaration of every error: each variant with its stable code and its kind, from
/// which `Error`, [`Error::code`], [`Error::kind`] (exhaustive: a new variant must say what it
/// is) and [`Error::CODES`] are generated. The README's error table and the vector generator
/// are held to `Error::CODES` (`tests/readme.rs`, `docs/error-codes.json`).
macro_rules! errors {
    (
        $(#[$enum_meta:meta])*
        pub enum Error {
            $(
                $(#[$meta:meta])*
                $variant:ident $({ $($fields:tt)* })? => $code:literal, $kind:ident;
            )*
        }
    ) => {
        $(#[$enum_meta])*
        pub enum Error {
            $(
                $(#[$meta])*
                $variant $({ $($fields)* })?,
            )*
        }

        impl Error {
            /// Every code, with its kind, in declaration order (a code may be listed more than once).
            pub const CODES: &'static [(&'static str, ErrorKind)] = &[$(($code, ErrorKind::$kind)),*];

            /// The stable dotted code of this rejection, as listed in the README.
            pub fn code(&self) -> &'static str {
                match self {
                    $(Error::$variant { .. } => $code,)*
                }
            }

            /// Whether this is a malformed input, a failed check, or a check that could not be done.
            pub fn kind(&self) -> ErrorKind {
                match self {
                    $(Error::$variant { .. } => ErrorKind::$kind,)*
                }
            }
        }
    };
}

/// What kind of outcome an [`Error`] stands for.
///
/// Kept apart on purpose, each rejection with a stable code: a backend treats "malformed" and
/// "invalid" as a rejection, but "could not check" as a result it must not accept *or* reject on
/// its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The input is not what it claims to be: syntax, structure, a limit, a missing member.
    Malformed,
    /// The input parsed, and a check failed: state, time, binding, evidence, proof type.
    Invalid,
    /// A check could not be carried out: no key supplied, or a suite this build cannot check.
    Unchecked,
}

impl ErrorKind {
    /// `malformed`, `invalid` or `could not check`: how the README's error table and
    /// `docs/error-codes.json` name the kind.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Malformed => "malformed",
            ErrorKind::Invalid => "invalid",
            ErrorKind::Unchecked => "could not check",
        }
    }
}

/// Which instant a time check was judged at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JudgedAt {
    /// The policy's verification instant ([`crate::Policy::now`]).
    PolicyNow,
    /// The instant the vendor says it verified the person (Hopae `verified_at`): evidence is
    /// judged at that moment, not at the policy instant, so that audits months later agree.
    VerifiedAt,
    /// The instant a Trinsic sessions-API session was created (`session.created`).
    SessionCreated,
    /// The instant a Trinsic sessions-API session was last updated (`session.updated`).
    SessionUpdated,
}

impl fmt::Display for JudgedAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            JudgedAt::PolicyNow => "the policy instant",
            JudgedAt::VerifiedAt => "verified_at",
            JudgedAt::SessionCreated => "session.created",
            JudgedAt::SessionUpdated => "session.updated",
        })
    }
}

/// When a key may verify signatures: the `nbf`..`exp` window of a JWK in a [`crate::KeySet`]
/// (vpcheck's key-store extension; see [`crate::KeySet`]). Half-open: the key is valid at `t` iff
/// `not_before <= t < not_after`, so that adjacent windows `[t0, t1)` and `[t1, t2)` never
/// overlap. A missing side is open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct KeyWindow {
    /// `nbf`: the first instant the key is valid at; `None` when the key has no start.
    pub not_before: Option<DateTime<Utc>>,
    /// `exp`: the first instant the key is no longer valid at; `None` when the key has no end.
    pub not_after: Option<DateTime<Utc>>,
}

impl KeyWindow {
    /// Whether the key is valid at `at`: `not_before <= at < not_after`.
    ///
    /// No leeway: the window is the caller's own configuration of its trusted keys, not an
    /// instant another party's clock wrote, so there is no clock skew to absorb.
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.not_before.is_none_or(|nbf| nbf <= at) && self.not_after.is_none_or(|exp| at < exp)
    }
}

impl fmt::Display for KeyWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.not_before, self.not_after) {
            (Some(nbf), Some(exp)) => write!(f, "from {nbf} (nbf) until {exp} (exp, exclusive)"),
            (Some(nbf), None) => write!(f, "from {nbf} (nbf), without exp"),
            (None, Some(exp)) => write!(f, "until {exp} (exp, exclusive), without nbf"),
            (None, None) => f.write_str("at all times"),
        }
    }
}

/// Whether asking the vendor again can help, for a vendor's error response
/// (`vendor.error`): what a backend switches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RetryClass {
    /// A transient failure (rate limit, timeout, server error, a provider down for a while):
    /// the same request may succeed later.
    RetryLater,
    /// The request was wrong (credentials, parameters, an unknown resource): fix it first.
    CallerError,
    /// The verification ended (expired, already completed, the person's attempt failed) or the
    /// answer is one nobody documented: asking again repeats it.
    Terminal,
}

impl RetryClass {
    /// `retry_later`, `caller_error` or `terminal`.
    pub fn name(self) -> &'static str {
        match self {
            RetryClass::RetryLater => "retry_later",
            RetryClass::CallerError => "caller_error",
            RetryClass::Terminal => "terminal",
        }
    }
}

impl fmt::Display for RetryClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The vendor a result comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Vendor {
    /// Trinsic Connect (`IDVSession` with a JSON-LD `result_vp`).
    TrinsicConnect,
    /// Trinsic's sessions API (`{session, identityData}`).
    TrinsicSessions,
    /// Hopae Connect (userinfo, provenance, evidence).
    Hopae,
    /// Incode Omni (finish status, scores).
    Incode,
    /// Regula IDV (session).
    Regula,
    /// No vendor: a generic signed presentation or credential.
    Generic,
}

impl fmt::Display for Vendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Vendor::TrinsicConnect => "Trinsic Connect",
            Vendor::TrinsicSessions => "Trinsic sessions API",
            Vendor::Hopae => "Hopae",
            Vendor::Incode => "Incode",
            Vendor::Regula => "Regula",
            Vendor::Generic => "generic",
        })
    }
}

errors! {
    /// Every way vpcheck rejects an input, or declines to judge it.
    ///
    /// Each variant has a stable dotted [`code`](Error::code) (documented in the README's error
    /// table) and a [`kind`](Error::kind). Messages name the member (`field`) they are about, as a
    /// JSON path such as `provenance.presentation.credentials[0].evidence.names`.
    #[non_exhaustive]
    #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
    pub enum Error {
        /// `input.empty`: no bytes, or only whitespace.
        #[error("input is empty")]
        InputEmpty => "input.empty", Malformed;
        /// `input.too_large`: over [`crate::Limits::max_input_bytes`].
        #[error("input is {size} bytes, over the limit of {limit} bytes")]
        InputTooLarge {
            /// Bytes received.
            size: usize,
            /// The limit in force.
            limit: usize,
        } => "input.too_large", Malformed;
        /// `input.too_deep`: JSON nesting over [`crate::Limits::max_depth`].
        #[error("{field}: JSON nesting deeper than the limit of {limit}")]
        InputTooDeep {
            /// Where the limit was reached.
            field: String,
            /// The limit in force.
            limit: usize,
        } => "input.too_deep", Malformed;
        /// `input.invalid_utf8`: JSON text must be UTF-8 (RFC 8259 section 8.1).
        #[error("{field}: not valid UTF-8 (first bad byte at offset {offset})")]
        InvalidUtf8 {
            /// The document.
            field: String,
            /// Byte offset of the first invalid sequence.
            offset: usize,
        } => "input.invalid_utf8", Malformed;
        /// `input.bom`: a byte order mark (RFC 8259 section 8.1: implementations MUST NOT add one;
        /// we do not guess what a sender that added one meant).
        #[error("{field}: starts with a byte order mark")]
        ByteOrderMark {
            /// The document.
            field: String,
        } => "input.bom", Malformed;
        /// `input.json_syntax`: not JSON.
        #[error("{field}: JSON syntax error at line {line} column {column}: {message}")]
        JsonSyntax {
            /// The document.
            field: String,
            /// 1-based line.
            line: usize,
            /// 1-based column.
            column: usize,
            /// The parser's description.
            message: String,
        } => "input.json_syntax", Malformed;
        /// `input.trailing_data`: bytes after the JSON value or the JWS (leftover input is an
        /// error, never ignored).
        #[error("{field}: trailing data after the value")]
        TrailingData {
            /// The document.
            field: String,
        } => "input.trailing_data", Malformed;
        /// `input.duplicate_member`: a member name appears twice in one object. RFC 8259 section 4
        /// leaves the outcome to the parser; serde_json keeps the last one silently, which lets a
        /// signed and a displayed value differ, so we reject.
        #[error("{field}: member {name:?} appears more than once")]
        DuplicateMember {
            /// The object holding the duplicate.
            field: String,
            /// The repeated name.
            name: String,
        } => "input.duplicate_member", Malformed;
        /// `input.unknown_format`: JSON that is none of the formats vpcheck reads.
        #[error("not a result format vpcheck reads (top-level members: {members})")]
        UnknownFormat {
            /// The top-level member names seen, comma separated.
            members: String,
        } => "input.unknown_format", Malformed;
        /// `vendor.error`: the input is a vendor's error response (problem details, an error
        /// envelope), not a result: nothing to verify. The vendor's code and the retry class
        /// say what happened and whether asking again can help.
        #[error("{vendor} error response: code {code}, HTTP status {status}, {retry}: {message}")]
        VendorErrorResponse {
            /// The vendor ([`Vendor::Generic`] for problem details with no vendor's marks).
            vendor: Vendor,
            /// The vendor's code, or `none`.
            code: String,
            /// The HTTP status the body states, or `none`.
            status: String,
            /// Whether asking again can help.
            retry: RetryClass,
            /// The vendor's title and detail.
            message: String,
        } => "vendor.error", Invalid;
        /// `field.missing`: a required member is absent.
        #[error("{field}: required member is missing")]
        MissingField {
            /// The missing member.
            field: String,
        } => "field.missing", Malformed;
        /// `field.invalid`: a member has the wrong type or an unusable value.
        #[error("{field}: {reason}")]
        InvalidField {
            /// The member.
            field: String,
            /// What is wrong with it.
            reason: String,
        } => "field.invalid", Malformed;
        /// `limit.credentials`: more credentials than [`crate::Limits::max_credentials`].
        #[error("{field}: {count} credentials, over the limit of {limit}")]
        TooManyCredentials {
            /// The array.
            field: String,
            /// How many it holds.
            count: usize,
            /// The limit in force.
            limit: usize,
        } => "limit.credentials", Malformed;
        /// `limit.evidence_names`: more evidence names than [`crate::Limits::max_evidence_names`].
        #[error("{field}: {count} evidence names or token keys, over the limit of {limit}")]
        TooManyEvidenceNames {
            /// The `names` or `token` member.
            field: String,
            /// How many (at least).
            count: usize,
            /// The limit in force.
            limit: usize,
        } => "limit.evidence_names", Malformed;
        /// `session.incomplete`: the vendor has not finished (created, pending, in progress...).
        #[error("{vendor}: {field} is {state}: the session is not finished")]
        SessionIncomplete {
            /// The vendor.
            vendor: Vendor,
            /// The state member.
            field: String,
            /// The state as the vendor names it.
            state: String,
        } => "session.incomplete", Invalid;
        /// `session.failed`: the vendor finished and did not verify the person.
        #[error("{vendor}: {field} is {state}, fail code {fail_code}")]
        SessionFailed {
            /// The vendor.
            vendor: Vendor,
            /// The state member.
            field: String,
            /// The state as the vendor names it.
            state: String,
            /// The vendor's own fail code (`SESSION_FAIL_USER_CANCELED`, `UserAbandoned`, ...), or
            /// `none given`.
            fail_code: String,
        } => "session.failed", Invalid;
        /// `session.unknown_state`: a state value this library does not know (enums are open:
        /// parsed and kept, but never taken for success).
        #[error("{vendor}: {field} is {state:?}, a value this library does not know")]
        SessionUnknownState {
            /// The vendor.
            vendor: Vendor,
            /// The state member.
            field: String,
            /// The value as sent.
            state: String,
        } => "session.unknown_state", Invalid;
        /// `session.result_missing`: a successful session without its result.
        #[error("{vendor}: the session succeeded but {field} is missing")]
        SessionResultMissing {
            /// The vendor.
            vendor: Vendor,
            /// The missing result member.
            field: String,
        } => "session.result_missing", Invalid;
        /// `session.inconsistent`: members that contradict each other.
        #[error("{vendor}: {field}: {reason}")]
        SessionInconsistent {
            /// The vendor.
            vendor: Vendor,
            /// The member.
            field: String,
            /// The contradiction.
            reason: String,
        } => "session.inconsistent", Invalid;
        /// `session.match_failed`: a match result the vendor reports (Trinsic `identityData.match`:
        /// data or biometrics compared with a register) failed: `booleanValue` false, or a
        /// `probabilityValue` below the policy's minimum ([`crate::Policy::require_min_match_probability`]).
        #[error("{vendor}: {field} is {result}: {reason}")]
        MatchFailed {
            /// The vendor.
            vendor: Vendor,
            /// The match result member.
            field: String,
            /// The result as sent.
            result: String,
            /// Why it is a failed match.
            reason: String,
        } => "session.match_failed", Invalid;
        /// `verification.failed`: one verification of a session is not successful.
        #[error("{field} is {state}, fail code {fail_code}")]
        VerificationFailed {
            /// The verification's state member.
            field: String,
            /// Its state.
            state: String,
            /// Its fail code (`VERIFICATION_FAIL_INAUTHENTIC`, ...), or `none given`.
            fail_code: String,
        } => "verification.failed", Invalid;
        /// `evidence.missing_key`: `names` lists a key that `token` lacks.
        #[error("{field}: names lists {name:?}, which token does not hold")]
        EvidenceMissingKey {
            /// The `names` member.
            field: String,
            /// The listed name.
            name: String,
        } => "evidence.missing_key", Invalid;
        /// `evidence.undeclared_key`: `token` holds a key that `names` does not list.
        #[error("{field}: token holds {key:?}, which names does not list")]
        EvidenceUndeclaredKey {
            /// The `token` member.
            field: String,
            /// The unlisted key.
            key: String,
        } => "evidence.undeclared_key", Invalid;
        /// `evidence.duplicate_name`: `names` lists a key twice.
        #[error("{field}: {name:?} is listed more than once")]
        EvidenceDuplicateName {
            /// The `names` member.
            field: String,
            /// The repeated name.
            name: String,
        } => "evidence.duplicate_name", Invalid;
        /// `evidence.empty_name`: `names` has an empty entry (other than one trailing `;`).
        #[error("{field}: entry {index} is empty")]
        EvidenceEmptyName {
            /// The `names` member.
            field: String,
            /// 0-based index of the empty entry.
            index: usize,
        } => "evidence.empty_name", Invalid;
        /// `jws.malformed`: a JWS that is not three strict base64url parts with a JSON object header.
        #[error("{field}: malformed JWS: {reason}")]
        JwsMalformed {
            /// The member holding the JWS.
            field: String,
            /// What is wrong.
            reason: String,
        } => "jws.malformed", Malformed;
        /// `jws.alg_none`: an unsecured JWS (RFC 7518 section 3.6); never accepted.
        #[error("{field}: alg \"none\" is never accepted")]
        JwsAlgNone {
            /// The member holding the JWS.
            field: String,
        } => "jws.alg_none", Invalid;
        /// `jws.unsupported_alg`: an `alg` outside the JOSE algorithms vpcheck knows (RFC 7518
        /// section 3.1 and RFC 8037); the verifier chooses algorithms, never the token.
        #[error("{field}: alg {alg:?} is not an algorithm vpcheck accepts")]
        JwsUnsupportedAlg {
            /// The member holding the JWS.
            field: String,
            /// The `alg` as sent.
            alg: String,
        } => "jws.unsupported_alg", Invalid;
        /// `jws.crit_unsupported`: `crit` (RFC 7515 section 4.1.11) names extensions vpcheck does not
        /// implement, or is not a non-empty array of strings; such a JWS is invalid.
        #[error("{field}: crit {crit} names extensions vpcheck does not understand")]
        JwsCritUnsupported {
            /// The member holding the JWS.
            field: String,
            /// The `crit` value as sent.
            crit: String,
        } => "jws.crit_unsupported", Invalid;
        /// `key.invalid`: a JWK that cannot be a key: no `kty`, an unknown `kty` or curve, bad
        /// coordinates or modulus (RFC 7517, RFC 7518 section 6, RFC 8037 section 2); a
        /// verification method that publishes private key material: a `publicKeyJwk` with
        /// private members or a symmetric key (DID Core section 5.2.1), `secretKeyMultibase`,
        /// `privateKey*`.
        #[error("{field}: {reason}")]
        KeyInvalid {
            /// The JWK member at fault.
            field: String,
            /// What is wrong.
            reason: String,
        } => "key.invalid", Malformed;
        /// `key.unusable`: a key not meant for verifying signatures (`use` other than `sig`,
        /// `key_ops` without `verify`; RFC 7517 sections 4.2 and 4.3).
        #[error("key {kid:?}: {reason}")]
        KeyUnusable {
            /// The key id.
            kid: String,
            /// Why it may not verify.
            reason: String,
        } => "key.unusable", Invalid;
        /// `key.weak`: an RSA key under 2048 bits or with exponent 1, or an HMAC key shorter than its
        /// hash (RFC 7518 sections 3.2 and 3.3).
        #[error("key {kid:?} is too weak: {reason}")]
        KeyWeak {
            /// The key id.
            kid: String,
            /// What makes it weak.
            reason: String,
        } => "key.weak", Invalid;
        /// `key.ambiguous`: a key set with two keys of one `kid`, or private and public keys together.
        #[error("ambiguous key set: {reason}")]
        KeySetAmbiguous {
            /// What is ambiguous.
            reason: String,
        } => "key.ambiguous", Malformed;
        /// `key.not_found`: no trusted key applies to a signature (none with its `kid`, or none
        /// that fits its algorithm): the signature could not be checked.
        #[error("{field}: no trusted key for kid {kid} and alg {alg}")]
        KeyNotFound {
            /// The signed member.
            field: String,
            /// The `kid` of the header, or `(none)`.
            kid: String,
            /// The header's `alg`.
            alg: String,
        } => "key.not_found", Unchecked;
        /// `key.alg_mismatch`: the key selected cannot serve the header's algorithm (key type,
        /// curve, or the JWK's own `alg`; RFC 7517 section 4.4). This is how an `HS256` token made
        /// with an RSA public key as its secret is refused.
        #[error("{field}: alg {alg} does not fit key {kid:?}: {reason}")]
        KeyAlgMismatch {
            /// The signed member.
            field: String,
            /// The header's `alg`.
            alg: String,
            /// The key id.
            kid: String,
            /// The mismatch.
            reason: String,
        } => "key.alg_mismatch", Invalid;
        /// `limit.keys`: a key set over [`crate::MAX_KEYS`] keys.
        #[error("key set over the limit of {limit} keys")]
        TooManyKeys {
            /// The limit in force.
            limit: usize,
        } => "limit.keys", Malformed;
        /// `limit.signatures`: a JWS with more signatures than [`crate::Limits::max_jws_signatures`].
        #[error("{field}: {count} signatures, over the limit of {limit}")]
        TooManySignatures {
            /// The `signatures` member.
            field: String,
            /// How many.
            count: usize,
            /// The limit in force.
            limit: usize,
        } => "limit.signatures", Malformed;
        /// `jws.alg_not_allowed`: an algorithm outside the policy's allowlist.
        #[error("{field}: alg {alg} is not allowed by the policy")]
        JwsAlgNotAllowed {
            /// The signed member.
            field: String,
            /// The `alg`.
            alg: String,
        } => "jws.alg_not_allowed", Invalid;
        /// `jws.b64_unsupported`: an unencoded payload (`b64: false`, RFC 7797) used in a way
        /// vpcheck does not accept: attached in the compact serialization, not listed in `crit`,
        /// or not the same for every signature.
        #[error("{field}: {reason}")]
        JwsB64Unsupported {
            /// The JWS.
            field: String,
            /// What is wrong.
            reason: String,
        } => "jws.b64_unsupported", Invalid;
        /// `signature.invalid`: the signature does not verify under the trusted key.
        #[error("{field}: {alg} signature does not verify (kid {kid})")]
        SignatureInvalid {
            /// The signed member.
            field: String,
            /// The algorithm.
            alg: String,
            /// The header's `kid`, or `(none)`.
            kid: String,
        } => "signature.invalid", Invalid;
        /// `jwt.audience`: `aud` (RFC 7519 section 4.1.3) does not name the expected audience, or
        /// names one when the policy expects none.
        #[error("{field}: audience {found} does not match the expected {expected}")]
        JwtAudience {
            /// The `aud` claim.
            field: String,
            /// The expected audience, or `none`.
            expected: String,
            /// The audience found, or `none`.
            found: String,
        } => "jwt.audience", Invalid;
        /// `jwt.issuer`: `iss` is not the expected issuer.
        #[error("{field}: issuer {found:?} is not the expected {expected:?}")]
        JwtIssuer {
            /// The `iss` claim.
            field: String,
            /// The expected issuer.
            expected: String,
            /// The issuer found, empty when absent.
            found: String,
        } => "jwt.issuer", Invalid;
        /// `jwt.nonce`: `nonce` is not the one the caller sent (OpenID Connect Core section 3.1.3.7).
        #[error("{field}: nonce {found:?} is not the expected {expected:?}")]
        JwtNonce {
            /// The `nonce` claim.
            field: String,
            /// The expected nonce.
            expected: String,
            /// The nonce found, empty when absent.
            found: String,
        } => "jwt.nonce", Invalid;
        /// `jwt.type`: the header `typ` is not the expected media type (RFC 7515 section 4.1.9).
        #[error("{field}: typ {found:?} is not {expected:?}")]
        JwtType {
            /// The `typ` member.
            field: String,
            /// The expected type.
            expected: String,
            /// The type found, empty when absent.
            found: String,
        } => "jwt.type", Invalid;
        /// `jwt.vc_claims`: a JWT credential or presentation whose registered claims contradict
        /// the credential (VC Data Model 1.1 section 6.3.1: `iss`, `sub`, `jti`, `nbf`), or a VCDM 2.0
        /// token carrying `vc`/`vp` claims (VC-JOSE-COSE section 3.1.1).
        #[error("{field}: {reason}")]
        VcJwtClaims {
            /// The claim at fault.
            field: String,
            /// The contradiction.
            reason: String,
        } => "jwt.vc_claims", Invalid;
        /// `binding.subject`: two artefacts name different subjects (Hopae ID token `sub` and
        /// userinfo `sub`; evidence `id_token` claims and the credential's `claims`).
        #[error("{field}: {found:?} does not match {expected:?}")]
        SubjectMismatch {
            /// The member.
            field: String,
            /// The value it should have.
            expected: String,
            /// The value it has.
            found: String,
        } => "binding.subject", Invalid;
        /// `binding.holder`: the presentation's signer is not the credential's subject.
        #[error("{field}: presentation signed by {holder:?}, credential subject is {subject:?}")]
        HolderMismatch {
            /// The credential.
            field: String,
            /// The presentation's signer (`iss` or `holder`).
            holder: String,
            /// The credential subject id, empty when absent.
            subject: String,
        } => "binding.holder", Invalid;
        /// `webhook.malformed`: an `X-Hopae-Signature` value that is not `t=<unix>,v1=<hex>`.
        #[error("webhook signature header: {reason}")]
        WebhookMalformed {
            /// What is wrong.
            reason: String,
        } => "webhook.malformed", Malformed;
        /// `webhook.signature`: no `v1` tag is the HMAC-SHA256 of `"<t>.<body>"` under the secret.
        #[error("webhook signature does not verify: {reason}")]
        WebhookSignature {
            /// Detail.
            reason: String,
        } => "webhook.signature", Invalid;
        /// `webhook.timestamp`: the signed timestamp is outside the tolerance around the policy
        /// instant (a replayed or delayed delivery).
        #[error("webhook timestamp {t} is more than {tolerance_seconds} s from {at}")]
        WebhookTimestamp {
            /// The signed timestamp.
            t: DateTime<Utc>,
            /// The policy instant.
            at: DateTime<Utc>,
            /// The tolerance in force.
            tolerance_seconds: i64,
        } => "webhook.timestamp", Invalid;
        /// `time.order`: two timestamps in the wrong order (e.g. `updated` before `created`).
        #[error("{later_field} ({later}) is before {earlier_field} ({earlier})")]
        TimeOrder {
            /// The member that must come first.
            earlier_field: String,
            /// Its value.
            earlier: DateTime<Utc>,
            /// The member that must come second.
            later_field: String,
            /// Its value.
            later: DateTime<Utc>,
        } => "time.order", Invalid;
        /// `time.expired`: judged at `at`, the validity ended at `not_after` (leeway included).
        #[error("{field}: expired at {not_after}, judged at {judged} = {at}")]
        Expired {
            /// The member holding the end of validity.
            field: String,
            /// The end of validity.
            not_after: DateTime<Utc>,
            /// The instant judged at.
            at: DateTime<Utc>,
            /// Which instant that is.
            judged: JudgedAt,
        } => "time.expired", Invalid;
        /// `time.not_yet_valid`: judged at `at`, the validity starts at `not_before`.
        #[error("{field}: not valid before {not_before}, judged at {judged} = {at}")]
        NotYetValid {
            /// The member holding the start of validity.
            field: String,
            /// The start of validity.
            not_before: DateTime<Utc>,
            /// The instant judged at.
            at: DateTime<Utc>,
            /// Which instant that is.
            judged: JudgedAt,
        } => "time.not_yet_valid", Invalid;
        /// `time.future`: an event (creation, verification, issuance) dated after the judging instant.
        #[error("{field}: {time} is in the future of {judged} = {at}")]
        InFuture {
            /// The member.
            field: String,
            /// Its value.
            time: DateTime<Utc>,
            /// The instant judged at.
            at: DateTime<Utc>,
            /// Which instant that is.
            judged: JudgedAt,
        } => "time.future", Invalid;
        /// `time.too_old`: the verification is older than the policy's maximum age.
        #[error("{field}: {time} is more than {max_age_seconds} s before {at}")]
        TooOld {
            /// The member.
            field: String,
            /// Its value.
            time: DateTime<Utc>,
            /// The policy instant.
            at: DateTime<Utc>,
            /// The policy's maximum age.
            max_age_seconds: i64,
        } => "time.too_old", Invalid;
        /// `time.missing`: the policy sets a maximum age and the result carries no verification time.
        #[error("the policy sets a maximum age but the result has no verification time ({field})")]
        TimeMissing {
            /// The member that would carry it.
            field: String,
        } => "time.missing", Invalid;
        /// `time.document_expired`: the identity document expired before the policy instant.
        #[error("{field}: identity document expired on {expiry}, judged at {at}")]
        DocumentExpired {
            /// The expiry member.
            field: String,
            /// The last day of validity.
            expiry: NaiveDate,
            /// The policy instant.
            at: DateTime<Utc>,
        } => "time.document_expired", Invalid;
        /// `binding.session_id`: a session id that does not match the expected one or the envelope.
        #[error("{field}: session id {found:?} does not match {expected:?}")]
        SessionIdMismatch {
            /// The member carrying the id.
            field: String,
            /// The id it should carry.
            expected: String,
            /// The id it carries.
            found: String,
        } => "binding.session_id", Invalid;
        /// `binding.issuer`: a credential's issuer is not the controller of its verification method.
        #[error("{field}: issuer {issuer:?} does not control verification method {verification_method:?}")]
        IssuerMismatch {
            /// The credential's `issuer` member.
            field: String,
            /// The issuer.
            issuer: String,
            /// The proof's verification method.
            verification_method: String,
        } => "binding.issuer", Invalid;
        /// `binding.assurance_level`: `acr`, `hopae_loa` and its label disagree.
        #[error("{field}: {reason}")]
        AssuranceMismatch {
            /// The member.
            field: String,
            /// The disagreement.
            reason: String,
        } => "binding.assurance_level", Invalid;
        /// `binding.external_user_id`: the vendor echoes another user id than the policy expects.
        #[error("{field}: external user id {found:?} does not match {expected:?}")]
        ExternalUserIdMismatch {
            /// The member.
            field: String,
            /// The expected id.
            expected: String,
            /// The id found, empty when absent.
            found: String,
        } => "binding.external_user_id", Invalid;
        /// `binding.claims`: the unsigned copy of claims disagrees with the signed one.
        #[error("{field}: unsigned copy {unsigned:?} differs from signed value {signed:?}")]
        ClaimsMismatch {
            /// The unsigned member.
            field: String,
            /// The signed value.
            signed: String,
            /// The unsigned value.
            unsigned: String,
        } => "binding.claims", Invalid;
        /// `assurance.too_low`: below the policy's minimum level of assurance.
        #[error("{field}: level of assurance {found} is below the required {required}")]
        AssuranceTooLow {
            /// The member.
            field: String,
            /// The policy minimum.
            required: u8,
            /// The level found.
            found: u8,
        } => "assurance.too_low", Invalid;
        /// `assurance.unknown`: the policy requires a level and the result states none.
        #[error("the policy requires level of assurance {required} and the result states none")]
        AssuranceUnknown {
            /// The policy minimum.
            required: u8,
        } => "assurance.unknown", Invalid;
        /// `proof.missing`: a JSON-LD credential or document without a proof.
        #[error("{field}: no proof")]
        ProofMissing {
            /// Where the proof should be.
            field: String,
        } => "proof.missing", Invalid;
        /// `proof.unsupported_type`: a proof type vpcheck does not know (fail closed).
        #[error("{field}: proof type {proof_type:?} is not one vpcheck accepts")]
        ProofUnsupportedType {
            /// The proof's `type` member.
            field: String,
            /// The type.
            proof_type: String,
        } => "proof.unsupported_type", Invalid;
        /// `proof.not_checked`: a known proof suite this build cannot check yet (a suite whose
        /// feature is off, a bbs-2023 feature variant), or a proof chain (`previousProof`).
        #[error("{field}: {proof_type} proof not checked: {reason}")]
        ProofNotChecked {
            /// The proof.
            field: String,
            /// Its suite.
            proof_type: String,
            /// Why not.
            reason: String,
        } => "proof.not_checked", Unchecked;
        /// `proof.purpose`: a proof whose `proofPurpose` is not the one its use needs, or whose
        /// verification method its controller does not list under that purpose (VC Data
        /// Integrity section 4.3), or names a controller other than the DID whose document
        /// defines it (Controlled Identifiers 1.0 section 3.3).
        #[error("{field}: {reason}")]
        ProofPurpose {
            /// The proof.
            field: String,
            /// What does not match.
            reason: String,
        } => "proof.purpose", Invalid;
        /// `proof.challenge`: a proof `challenge` other than the one the caller issued, or one
        /// when the caller issued none (VC Data Integrity section 4.3); for a `bbs-2023` derived
        /// proof stating none, a presentation header that is not the caller's nonce.
        #[error("{field}: challenge {found:?} is not the expected {expected:?}")]
        ProofChallenge {
            /// The `challenge` member.
            field: String,
            /// The expected challenge, or `none`.
            expected: String,
            /// The challenge found, or `none` (with what a derived proof's presentation header
            /// is, when it has one).
            found: String,
        } => "proof.challenge", Invalid;
        /// `proof.domain`: a proof `domain` other than the caller's, or one when none is expected.
        #[error("{field}: domain {found:?} is not the expected {expected:?}")]
        ProofDomain {
            /// The `domain` member.
            field: String,
            /// The expected domain, or `none`.
            expected: String,
            /// The domain found, or `none`.
            found: String,
        } => "proof.domain", Invalid;
        /// `context.unavailable`: a JSON-LD context that is neither shipped with the crate nor
        /// supplied by the caller; vpcheck never fetches one, so the proof could not be checked.
        #[error("{field}: JSON-LD context {url} is not available offline (supply it with Policy::with_context or --context)")]
        ContextUnavailable {
            /// The document.
            field: String,
            /// The context URL.
            url: String,
        } => "context.unavailable", Unchecked;
        /// `proof.invalid`: the proof value does not verify over the canonical document and proof
        /// options.
        #[error("{field}: {proof_type} proof does not verify: {reason}")]
        ProofInvalid {
            /// The proof.
            field: String,
            /// Its suite.
            proof_type: String,
            /// Detail.
            reason: String,
        } => "proof.invalid", Invalid;
        /// `signature.not_checked`: a JWS this build cannot check yet.
        #[error("{field}: {alg} signature not checked: {reason}")]
        SignatureNotChecked {
            /// The JWS.
            field: String,
            /// Its `alg`.
            alg: String,
            /// Why not.
            reason: String,
        } => "signature.not_checked", Unchecked;
        /// `state.not_checkable`: a state whose meaning the vendor does not document (Regula's
        /// integer `status`), and the policy names no accepted value.
        #[error("{vendor}: {field} is {state}; name the accepted values in the policy to judge it")]
        StateNotCheckable {
            /// The vendor.
            vendor: Vendor,
            /// The state member.
            field: String,
            /// The value.
            state: String,
        } => "state.not_checkable", Unchecked;
        /// `audit.instant_unavailable` (could not check): an audit asked to judge a stored result at
        /// the instant in one of its members (`--at-field`), and that member is absent or holds no
        /// instant.
        #[error("{field}: no instant to judge at: {reason}")]
        InstantUnavailable {
            /// The path asked for.
            field: String,
            /// Why.
            reason: String,
        } => "audit.instant_unavailable", Unchecked;
        /// `status.revoked`: the credential's bit is set in its revocation list.
        #[error("{field}: revoked: index {index} is set in {list}")]
        StatusRevoked {
            /// The `credentialStatus` entry.
            field: String,
            /// The status list credential.
            list: String,
            /// The credential's index in it.
            index: u64,
        } => "status.revoked", Invalid;
        /// `status.suspended`: the credential's bit is set in its suspension list.
        #[error("{field}: suspended: index {index} is set in {list}")]
        StatusSuspended {
            /// The `credentialStatus` entry.
            field: String,
            /// The status list credential.
            list: String,
            /// The credential's index in it.
            index: u64,
        } => "status.suspended", Invalid;
        /// `status.invalid`: a status entry or status list that cannot be used as it stands: an
        /// index that is not a decimal integer or is past the list, a list of another type, purpose
        /// or issuer, a list whose bits do not decode.
        #[error("{field}: {reason}")]
        StatusInvalid {
            /// The member.
            field: String,
            /// What is wrong.
            reason: String,
        } => "status.invalid", Invalid;
        /// `status.not_checked` (could not check): the policy requires the credential status and it
        /// could not be checked (no status list supplied for it, or a status type or purpose this
        /// library does not know).
        #[error("{field}: credential status not checked: {reason}")]
        StatusNotChecked {
            /// The `credentialStatus` entry.
            field: String,
            /// Why.
            reason: String,
        } => "status.not_checked", Unchecked;
        /// `ld.context_untrusted`: a signed JSON-LD document carries an embedded context the policy
        /// does not trust (or a `null` context): it could re-map the terms a reader sees.
        #[error("{field}: {reason}")]
        LdContextUntrusted {
            /// The `@context` member.
            field: String,
            /// What is wrong with it.
            reason: String,
        } => "ld.context_untrusted", Invalid;
        /// `ld.iri_key`: a member name that is an absolute or compact IRI (or empty), bypassing the
        /// terms of the trusted contexts.
        #[error("{field}: member name {key:?} is an IRI, not a term of the trusted contexts")]
        LdIriKey {
            /// The member.
            field: String,
            /// Its name.
            key: String,
        } => "ld.iri_key", Invalid;
        /// `ld.keyword`: a JSON-LD keyword other than `@context`, `@id` and `@type` (`@index`,
        /// `@nest`, `@value`, ...): it yields no statement, or moves a member to another node.
        #[error("{field}: the keyword {keyword} is not allowed in a signed document")]
        LdKeyword {
            /// The member.
            field: String,
            /// The keyword.
            keyword: String,
        } => "ld.keyword", Invalid;
        /// `ld.empty_value`: a `null` or `[]` value, which yields no statement.
        #[error("{field}: {value} yields no statement")]
        LdEmptyValue {
            /// The member.
            field: String,
            /// `null` or `[]`.
            value: &'static str,
        } => "ld.empty_value", Invalid;
        /// `ld.unsigned_member`: a member whose value is in no statement the proof verified.
        #[error("{field}: {value:?} is in no statement the proof verified")]
        LdUnsignedMember {
            /// The member.
            field: String,
            /// Its value, cut to 80 characters.
            value: String,
        } => "ld.unsigned_member", Invalid;
        /// `ld.withheld`: a selectively disclosed credential withholds a member its issuer profile or
        /// the policy requires (a check that needs it cannot be made).
        #[error("{field}: not disclosed: {reason}")]
        LdWithheld {
            /// The member.
            field: String,
            /// Why it is needed.
            reason: String,
        } => "ld.withheld", Unchecked;
        /// `ld.statement`: the verified dataset states a claim, date or member with several
        /// different values, or in a form that is not the expected one.
        #[error("{field}: {reason}")]
        LdStatement {
            /// The claim or member.
            field: String,
            /// What the dataset states.
            reason: String,
        } => "ld.statement", Invalid;
        /// `binding.time`: an unsigned instant (an envelope timestamp, Hopae `verified_at`)
        /// disagrees with the signed ones beyond the policy leeway, so it cannot stand for them.
        #[error("{field} = {time} is {relation} {signed_field} = {signed} beyond the leeway: an unsigned instant disagrees with the signed ones")]
        TimeBinding {
            /// The unsigned member.
            field: String,
            /// Its instant.
            time: DateTime<Utc>,
            /// How it disagrees: `before`, `after`, `apart from`.
            relation: &'static str,
            /// The signed member it is held to.
            signed_field: String,
            /// The signed instant.
            signed: DateTime<Utc>,
        } => "binding.time", Invalid;
        /// `evidence.unsigned`: the policy requires signed evidence
        /// ([`crate::Policy::require_evidence_signatures`]) and the result carries none to check:
        /// no evidence, or no `id_token` in it (or in its `names`).
        #[error("{field}: no signed evidence: {reason}")]
        EvidenceUnsigned {
            /// Where the evidence should be.
            field: String,
            /// What is missing.
            reason: String,
        } => "evidence.unsigned", Invalid;
        /// `audit.instant_unsigned` (could not check): an audit judged a stored result at an instant
        /// read from it as signed (`--at signed`), and the verified result does not confirm that
        /// instant as the one its signature covers.
        #[error("{field}: the instant {at} is not confirmed as signed: {reason}")]
        InstantUnsigned {
            /// Where the instant was read.
            field: String,
            /// The instant judged at.
            at: DateTime<Utc>,
            /// Why it is not confirmed.
            reason: String,
        } => "audit.instant_unsigned", Unchecked;
        /// `policy.unsigned`: a policy rule (expected session id, minimum level of assurance, maximum
        /// age, external user id) would be judged on a value no signature covers: it cannot make the
        /// result pass, unless the policy accepts unsigned values (`Policy::allow_unsigned_claims`).
        #[error("{field} is unsigned: the policy's {rule} cannot be judged on it")]
        PolicyUnsigned {
            /// The unsigned member.
            field: String,
            /// The rule.
            rule: &'static str,
        } => "policy.unsigned", Unchecked;
        /// `issuer.untrusted` (could not check): a credential's proof verified and its issuer
        /// controls the key, but the policy does not trust that issuer for this kind of result (or
        /// not with that key); for a JWT, no keys are trusted for the issuer it names. A valid
        /// signature by a signer the caller does not trust vouches for nothing.
        #[error("{field} = {issuer} is not trusted: {reason}")]
        IssuerUntrusted {
            /// The issuer member.
            field: String,
            /// The issuer.
            issuer: String,
            /// Why: which role or key the trust lacks.
            reason: String,
        } => "issuer.untrusted", Unchecked;
        /// `key.wrong_role`: a signature verifies, or its `kid` names a key, only among keys the
        /// caller trusts for another role (a holder's key on a credential, Hopae's key on upstream
        /// evidence, one issuer's key on another issuer's token).
        #[error("{field}: signed by key {kid}, trusted for {found}, not for {needed}")]
        KeyWrongRole {
            /// The signed member.
            field: String,
            /// The key's `kid`, or `(none)`.
            kid: String,
            /// The role the signature needed.
            needed: String,
            /// The role the key is trusted for.
            found: String,
        } => "key.wrong_role", Invalid;
        /// `format.not_accepted`: the result is in a format the policy does not accept
        /// ([`crate::Policy::accept_formats`]).
        #[error("the result's format, {format}, is not among those the policy accepts ({})", crate::format::list(.accepted))]
        FormatNotAccepted {
            /// The format detected.
            format: Format,
            /// The formats the policy accepts.
            accepted: Vec<Format>,
        } => "format.not_accepted", Invalid;
        /// `format.unsigned` (could not check): the result is in a format that carries no signature
        /// ([`Format::carries_signature`]), or a Hopae result none of whose relayed tokens verified,
        /// and the policy does not accept unsigned results
        /// ([`crate::Policy::allow_unsigned_formats`]): vpcheck can check its consistency, not its
        /// origin.
        #[error("the {format} result {reason}: its consistency can be checked, not its origin (unsigned results are accepted only by Policy::allow_unsigned_formats, --allow-unsigned-formats)")]
        FormatUnsigned {
            /// The format detected.
            format: Format,
            /// Why it is unsigned.
            reason: &'static str,
        } => "format.unsigned", Unchecked;
        /// `policy.unconsumed` (could not check): the policy sets an expectation (an audience, a
        /// nonce, an issuer, a token type, holder binding, signed evidence, a checked status, a
        /// session id, an external user id, a minimum level, a maximum age) that no check of the
        /// detected format judged: the result cannot pass on a rule that was never applied to it.
        #[error("the policy expects {expectation} ({setting}) and no check of the format {format} judged it: it is judged on {judged_by}")]
        PolicyUnconsumed {
            /// The expectation.
            expectation: &'static str,
            /// How it was set: the policy method and the CLI flag.
            setting: &'static str,
            /// The format detected.
            format: Format,
            /// What judges it, in the formats that carry it.
            judged_by: &'static str,
        } => "policy.unconsumed", Unchecked;
        /// `key.outside_window`: the key a signature is attributed to (by its `kid`, or, without
        /// one, the only keys that fit its algorithm) was not valid at the instant the signature is
        /// judged at: the instant lies outside the key's `nbf`..`exp` window ([`crate::KeySet`]).
        #[error("{field}: key {kid:?} is valid {window}, not at {at}")]
        KeyOutsideWindow {
            /// The header's `kid` member, or the header when it has no `kid`.
            field: String,
            /// The key's id, or `(no kid)`.
            kid: String,
            /// The instant judged at (the policy instant).
            at: DateTime<Utc>,
            /// The key's window.
            window: KeyWindow,
        } => "key.outside_window", Invalid;
        /// `limit.proofs`: a JSON-LD document with more proofs than [`crate::Limits::max_proofs`];
        /// none of them is checked.
        #[error("{field}: {count} proofs, over the limit of {limit}")]
        TooManyProofs {
            /// The proof member.
            field: String,
            /// How many it holds.
            count: usize,
            /// The limit in force.
            limit: usize,
        } => "limit.proofs", Malformed;
        /// `limit.nesting`: a document carried more levels deep than the checks follow (a
        /// presentation's credential's status list is the deepest the formats allow).
        #[error("{field}: a document nested deeper than {limit} levels is not checked")]
        NestingTooDeep {
            /// The member holding the document.
            field: String,
            /// The depth bound.
            limit: u8,
        } => "limit.nesting", Malformed;
        /// `limit.bbs_messages`: a BBS+ proof over more messages (statements) than 1024, or a
        /// derived proof claiming more: each message costs a
        /// hash-to-curve of the issuer key's expansion, so it is refused before any.
        #[error("{field}: {count} messages, over the limit of {limit}")]
        TooManyBbsMessages {
            /// The proof.
            field: String,
            /// How many the proof has or claims.
            count: usize,
            /// The limit in force.
            limit: usize,
        } => "limit.bbs_messages", Malformed;
        /// `limit.statements`: a JSON-LD document that expands to more RDF statements than
        /// [`crate::Limits::max_statements`]; refused before it is canonicalised.
        #[error("{field}: more than {limit} RDF statements")]
        TooManyStatements {
            /// The document.
            field: String,
            /// The limit in force.
            limit: usize,
        } => "limit.statements", Malformed;
        /// `limit.blank_nodes`: an RDF dataset to canonicalise with more blank nodes than
        /// [`crate::Limits::max_blank_nodes`].
        #[error("{field}: {count} blank nodes, over the limit of {limit}")]
        TooManyBlankNodes {
            /// The document.
            field: String,
            /// How many it has.
            count: usize,
            /// The limit in force.
            limit: usize,
        } => "limit.blank_nodes", Malformed;
        /// `limit.term_definitions`: a JSON-LD context (a URL's document or an embedded object)
        /// defining more terms than [`crate::Limits::max_term_definitions`], its scoped contexts
        /// counted; refused before it is processed.
        #[error("{field}: context {context} defines {count} terms, over the limit of {limit}")]
        TooManyTermDefinitions {
            /// The document using the context.
            field: String,
            /// The context's URL, or `(embedded)`.
            context: String,
            /// How many terms it defines.
            count: usize,
            /// The limit in force.
            limit: usize,
        } => "limit.term_definitions", Malformed;
        /// `limit.work`: the verification's work budget ([`crate::Limits::max_work`]) would be
        /// exceeded by the next step, named in `step`: the result is refused before that step runs.
        #[error("{field}: {step} needs {needed} work units, {remaining} of the {limit} remain")]
        WorkBudget {
            /// The document or proof.
            field: String,
            /// The step refused (context processing, expansion, canonicalisation, ...).
            step: &'static str,
            /// What the step was estimated to need (a lower bound where it could not be known).
            needed: u64,
            /// What remained of the budget.
            remaining: u64,
            /// The budget in force.
            limit: u64,
        } => "limit.work", Malformed;
        /// `limit.context_depth`: JSON-LD contexts nested deeper than 16 (a context naming
        /// another by URL or `@import`, a scoped context inside a scoped context): what lies
        /// deeper cannot be priced, so the document is refused before any of it is processed.
        #[error("{field}: context {context} is nested deeper than the limit of {limit}")]
        ContextTooDeep {
            /// The document using the context.
            field: String,
            /// The context reached past the limit (a URL, or `(embedded)`).
            context: String,
            /// The limit in force.
            limit: usize,
        } => "limit.context_depth", Malformed;
}
}

impl Error {
    pub(crate) fn missing(field: impl Into<String>) -> Self {
        Error::MissingField { field: field.into() }
    }

    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidField { field: field.into(), reason: reason.into() }
    }
}

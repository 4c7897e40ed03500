//! The result formats vpcheck reads, by name: the vocabulary the policy, the errors and the
//! report share. Which format an input is, is decided in the input layer (`input::detect`).

use std::fmt;

use serde::Serialize;

/// The result formats vpcheck reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Format {
    /// A Trinsic Connect `IDVSession` (with its `resultVp`).
    TrinsicConnectSession,
    /// A JSON-LD verifiable presentation (Trinsic's bare `result_vp`, or any VP).
    JsonLdPresentation,
    /// A JSON-LD credential, or any JSON-LD document carrying a `proof`.
    JsonLdDocument,
    /// A Trinsic sessions-API result `{session, identityData}` or bare `Session`.
    TrinsicSessionResult,
    /// Hopae userinfo with `provenance`.
    HopaeUserinfo,
    /// Hopae bare evidence `{token, names}`.
    HopaeEvidence,
    /// A Hopae verification status object.
    HopaeVerification,
    /// An Incode finish status or scores object, or an onboarding-status webhook body.
    IncodeResult,
    /// Incode OIDC userinfo, bound to the Incode ID token that came with it.
    IncodeUserinfo,
    /// A Regula IDV session.
    RegulaSession,
    /// A compact JWS or JWT.
    Jws,
    /// A vendor's error response (problem details, an error envelope): never a result.
    VendorError,
}

impl Format {
    /// Every format vpcheck reads, in the order of [`Format`]'s variants: the default of
    /// [`crate::Policy::accept_formats`].
    pub const ALL: &'static [Format] = &[
        Format::TrinsicConnectSession,
        Format::JsonLdPresentation,
        Format::JsonLdDocument,
        Format::TrinsicSessionResult,
        Format::HopaeUserinfo,
        Format::HopaeEvidence,
        Format::HopaeVerification,
        Format::IncodeResult,
        Format::IncodeUserinfo,
        Format::RegulaSession,
        Format::Jws,
        Format::VendorError,
    ];

    /// Whether results of this format carry a signature vpcheck checks. The Trinsic sessions
    /// API, Hopae verification status objects, Incode and Regula results carry none: they are as
    /// trustworthy as the channel they came over, so vpcheck can check their consistency but not
    /// their origin. Their claims are withheld unless [`crate::Policy::allow_unsigned_claims`],
    /// and the results themselves are "could not check" (`format.unsigned`) unless
    /// [`crate::Policy::allow_unsigned_formats`]. Hopae userinfo and bare evidence count as
    /// signed: they relay signed tokens, and what no verified token covers is withheld. Incode
    /// userinfo counts as signed through the Incode ID token it is bound to, and never verifies
    /// without one that verified under the caller's keys.
    pub fn carries_signature(self) -> bool {
        match self {
            Format::TrinsicConnectSession
            | Format::JsonLdPresentation
            | Format::JsonLdDocument
            | Format::HopaeUserinfo
            | Format::HopaeEvidence
            | Format::IncodeUserinfo
            | Format::Jws => true,
            Format::TrinsicSessionResult
            | Format::HopaeVerification
            | Format::IncodeResult
            | Format::RegulaSession
            | Format::VendorError => false,
        }
    }

    /// The format with this [`Format::name`], if any.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The stable name used in reports (`trinsic-connect-session`, `hopae-userinfo`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Format::TrinsicConnectSession => "trinsic-connect-session",
            Format::JsonLdPresentation => "json-ld-presentation",
            Format::JsonLdDocument => "json-ld-document",
            Format::TrinsicSessionResult => "trinsic-session-result",
            Format::HopaeUserinfo => "hopae-userinfo",
            Format::HopaeEvidence => "hopae-evidence",
            Format::HopaeVerification => "hopae-verification",
            Format::IncodeResult => "incode-result",
            Format::IncodeUserinfo => "incode-userinfo",
            Format::RegulaSession => "regula-session",
            Format::Jws => "jws",
            Format::VendorError => "vendor-error",
        }
    }
}

/// The names of `formats` as `a, b, c`, or `none`.
pub(crate) fn list(formats: &[Format]) -> String {
    if formats.is_empty() {
        return "none".to_owned();
    }
    formats.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_is_listed_once_and_found_by_its_name() {
        for (i, f) in Format::ALL.iter().enumerate() {
            assert_eq!(Format::from_name(f.name()), Some(*f));
            assert!(!Format::ALL[..i].contains(f), "{f} listed twice");
        }
        assert_eq!(Format::from_name("Jws"), None);
        let unsigned: Vec<&str> =
            Format::ALL.iter().filter(|f| !f.carries_signature()).map(|f| f.name()).collect();
        assert_eq!(
            unsigned,
            [
                "trinsic-session-result",
                "hopae-verification",
                "incode-result",
                "regula-session",
                "vendor-error"
            ]
        );
        assert_eq!(list(&[]), "none");
        assert_eq!(list(&[Format::Jws, Format::HopaeUserinfo]), "jws, hopae-userinfo");
    }
}

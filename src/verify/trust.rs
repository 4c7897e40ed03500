//! Who the caller trusts, and for what. A valid signature says only that some key signed; it
//! vouches for a result only when the caller trusts that key for the role it signed in:
//! JSON-LD credentials by the issuers the policy names ([`TrustedIssuer`]), JWTs by key sets
//! bound to a role (an issuer's `iss`, the holder, Hopae, an upstream evidence provider).
//! `did:key` is a key encoding, not a trust anchor: it resolves a key, never trust.

use std::fmt;

use crate::error::Error;
use crate::jose::key_set::KeySet;

/// An issuer the caller trusts to issue JSON-LD credentials, by its DID (or the URL a
/// controller document names), optionally only with some of its verification methods.
///
/// Trust is per role: a generic issuer does not issue Trinsic Connect identity results, and a
/// Trinsic issuer trusted for those does not issue other credentials.
///
/// ```
/// use vpcheck::TrustedIssuer;
/// let anyone_of_acme = TrustedIssuer::new("did:web:issuer.example");
/// let pinned = TrustedIssuer::trinsic("did:web:trinsic.example").with_method("did:web:trinsic.example#key-1");
/// assert_eq!(pinned.id(), "did:web:trinsic.example");
/// # let _ = anyone_of_acme;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedIssuer {
    id: String,
    methods: Vec<String>,
    trinsic: bool,
}

impl TrustedIssuer {
    /// Trusted to issue JSON-LD credentials (any but Trinsic identity results), signed with any
    /// verification method the issuer controls.
    pub fn new(id: impl Into<String>) -> Self {
        TrustedIssuer { id: id.into(), methods: Vec::new(), trinsic: false }
    }

    /// Trusted to issue Trinsic Connect identity results: the credentials of a session's
    /// `resultVp`, and any `IdentityDocument_v0` credential.
    pub fn trinsic(id: impl Into<String>) -> Self {
        TrustedIssuer { trinsic: true, ..TrustedIssuer::new(id) }
    }

    /// From a DID, trusted with every method it controls, or a DID URL (`DID#fragment`), trusted
    /// with that method only: the form `--trust-issuer` and `--trust-trinsic-issuer` take.
    /// `trinsic` chooses the role ([`TrustedIssuer::trinsic`], else [`TrustedIssuer::new`]).
    pub fn from_did_url(spec: &str, trinsic: bool) -> Self {
        let did = spec.split_once('#').map_or(spec, |(did, _)| did);
        let issuer = if trinsic { TrustedIssuer::trinsic(did) } else { TrustedIssuer::new(did) };
        if did.len() < spec.len() {
            issuer.with_method(spec)
        } else {
            issuer
        }
    }

    /// Trusted only with this verification method (its full id, a DID URL); repeatable. Without
    /// any, every method the issuer controls.
    pub fn with_method(mut self, method: impl Into<String>) -> Self {
        self.methods.push(method.into());
        self
    }

    /// The issuer's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The verification methods it is trusted with (empty: any it controls).
    pub fn methods(&self) -> &[String] {
        &self.methods
    }

    /// Whether it is trusted for Trinsic identity results (else for other credentials).
    pub fn is_trinsic(&self) -> bool {
        self.trinsic
    }
}

/// The role a JWS signature is checked in, and the key set that serves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyRole<'a> {
    /// A JWT credential or a bare JWT, by its `iss` (none when the token names none).
    Issuer(Option<&'a str>),
    /// A JWS that names no issuer and carries no credential: a payload that is not JWT claims,
    /// or claims without `iss`.
    Signer,
    /// A JWT presentation, by its holder (`iss`, else `holder`).
    Holder(Option<&'a str>),
    /// The Hopae OIDC ID token.
    Hopae,
    /// The Incode OIDC ID token.
    Incode,
    /// A relayed upstream evidence token, by its `iss`.
    Evidence(Option<&'a str>),
}

impl fmt::Display for KeyRole<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyRole::Issuer(Some(iss)) => write!(f, "issuer {iss} (--issuer-jwks)"),
            KeyRole::Issuer(None) => f.write_str("an issuer (the token names no iss)"),
            KeyRole::Signer => f.write_str("tokens that name no issuer (--signer-jwks)"),
            KeyRole::Holder(Some(holder)) => write!(f, "holder {holder} (--holder-jwks)"),
            KeyRole::Holder(None) => f.write_str("a holder (the presentation names none)"),
            KeyRole::Hopae => f.write_str("Hopae (--hopae-jwks)"),
            KeyRole::Incode => f.write_str("Incode (--incode-jwks)"),
            KeyRole::Evidence(Some(iss)) => write!(f, "evidence provider {iss} (--evidence-jwks)"),
            KeyRole::Evidence(None) => f.write_str("an evidence provider (the token names no iss)"),
        }
    }
}

/// The caller's JWS keys, one set per role.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RoleKeys {
    issuers: Vec<(String, KeySet)>,
    signer: KeySet,
    holders: Vec<(String, KeySet)>,
    hopae: KeySet,
    incode: KeySet,
    evidence: Vec<(String, KeySet)>,
}

impl RoleKeys {
    pub(crate) fn set_issuer(&mut self, iss: String, keys: KeySet) {
        set_named(&mut self.issuers, iss, keys);
    }

    pub(crate) fn set_evidence(&mut self, iss: String, keys: KeySet) {
        set_named(&mut self.evidence, iss, keys);
    }

    pub(crate) fn set_signer(&mut self, keys: KeySet) {
        self.signer = keys;
    }

    pub(crate) fn set_holder(&mut self, holder: String, keys: KeySet) {
        set_named(&mut self.holders, holder, keys);
    }

    pub(crate) fn set_hopae(&mut self, keys: KeySet) {
        self.hopae = keys;
    }

    pub(crate) fn set_incode(&mut self, keys: KeySet) {
        self.incode = keys;
    }

    /// The keys trusted for `role`: empty when none are.
    pub(crate) fn get(&self, role: KeyRole<'_>) -> Option<&KeySet> {
        let set = match role {
            KeyRole::Issuer(iss) => named(&self.issuers, iss?)?,
            KeyRole::Evidence(iss) => named(&self.evidence, iss?)?,
            KeyRole::Signer => &self.signer,
            KeyRole::Holder(holder) => named(&self.holders, holder?)?,
            KeyRole::Hopae => &self.hopae,
            KeyRole::Incode => &self.incode,
        };
        (!set.is_empty()).then_some(set)
    }

    /// Every set with its role, for finding the role a key belongs to when it signed outside it.
    pub(crate) fn all(&self) -> impl Iterator<Item = (KeyRole<'_>, &KeySet)> {
        self.issuers
            .iter()
            .map(|(n, k)| (KeyRole::Issuer(Some(n.as_str())), k))
            .chain(self.holders.iter().map(|(n, k)| (KeyRole::Holder(Some(n.as_str())), k)))
            .chain([
                (KeyRole::Signer, &self.signer),
                (KeyRole::Hopae, &self.hopae),
                (KeyRole::Incode, &self.incode),
            ])
            .chain(self.evidence.iter().map(|(n, k)| (KeyRole::Evidence(Some(n.as_str())), k)))
            .filter(|(_, k)| !k.is_empty())
    }
}

fn named<'k>(all: &'k [(String, KeySet)], name: &str) -> Option<&'k KeySet> {
    all.iter().find(|(n, _)| n == name).map(|(_, k)| k)
}

/// One set per name: a second set for a name replaces the first (the CLI merges the files given
/// for one name before it builds the policy).
fn set_named(all: &mut Vec<(String, KeySet)>, name: String, keys: KeySet) {
    match all.iter_mut().find(|(n, _)| *n == name) {
        Some(entry) => entry.1 = keys,
        None => all.push((name, keys)),
    }
}

/// Whether `issuer`, which controls `method` (checked before), is trusted for the role:
/// Trinsic identity results (`trinsic`) or other credentials.
///
/// # Errors
/// `issuer.untrusted` naming why: not a trusted issuer, trusted for the other role, or not with
/// this method.
pub(crate) fn issuer_trusted(
    trusted: &[TrustedIssuer],
    field: &str,
    issuer: &str,
    method: &str,
    trinsic: bool,
) -> Result<String, Error> {
    let role = if trinsic {
        "Trinsic identity results (--trust-trinsic-issuer)"
    } else {
        "credentials (--trust-issuer)"
    };
    let untrusted = |reason: String| Error::IssuerUntrusted {
        field: field.to_owned(),
        issuer: issuer.to_owned(),
        reason,
    };
    let mut entries = trusted.iter().filter(|t| t.id == issuer).peekable();
    if entries.peek().is_none() {
        return Err(untrusted(format!("the policy trusts no issuer {issuer} for {role}")));
    }
    let for_role: Vec<&TrustedIssuer> = entries.filter(|t| t.trinsic == trinsic).collect();
    if for_role.is_empty() {
        let other = if trinsic { "other credentials" } else { "Trinsic identity results only" };
        return Err(untrusted(format!("{issuer} is trusted for {other}, not for {role}")));
    }
    if for_role.iter().any(|t| t.methods.is_empty() || t.methods.iter().any(|m| m == method)) {
        return Ok(format!("{field} = {issuer}, trusted for {role}, signed with {method}"));
    }
    Err(untrusted(format!(
        "{issuer} is trusted for {role} only with {}, not with {method}",
        for_role.iter().flat_map(|t| &t.methods).cloned().collect::<Vec<_>>().join(", ")
    )))
}

/// A status list credential is trusted through its issuer being the credential's (checked where
/// the entry is matched to the list), so it is judged in no role; but where the caller pinned
/// that issuer to some of its methods, the list must be signed with one of them too, else
/// another key of the issuer's document could clear a revocation.
///
/// # Errors
/// `issuer.untrusted` when every trust entry for `issuer` is pinned and none to `method`.
pub(crate) fn status_list_method(
    trusted: &[TrustedIssuer],
    field: &str,
    issuer: &str,
    method: &str,
) -> Result<String, Error> {
    let entries: Vec<&TrustedIssuer> = trusted.iter().filter(|t| t.id == issuer).collect();
    if entries.is_empty()
        || entries.iter().any(|t| t.methods.is_empty() || t.methods.iter().any(|m| m == method))
    {
        return Ok(format!("{field} = {issuer}, signed with {method}: a status list counts only for its credential's issuer"));
    }
    Err(Error::IssuerUntrusted {
        field: field.to_owned(),
        issuer: issuer.to_owned(),
        reason: format!(
            "the status list is signed with {method}, and {issuer} is trusted only with {}",
            entries.iter().flat_map(|t| &t.methods).cloned().collect::<Vec<_>>().join(", ")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuers_are_trusted_per_role_and_method() {
        let trusted = [
            TrustedIssuer::new("did:web:a.example"),
            TrustedIssuer::trinsic("did:web:t.example").with_method("did:web:t.example#k1"),
        ];
        let code = |issuer: &str, method: &str, trinsic: bool| {
            issuer_trusted(&trusted, "issuer", issuer, method, trinsic)
                .err()
                .map_or("ok", |e| e.code())
        };
        assert_eq!(code("did:web:a.example", "did:web:a.example#any", false), "ok");
        assert_eq!(code("did:web:a.example", "did:web:a.example#any", true), "issuer.untrusted");
        assert_eq!(code("did:web:t.example", "did:web:t.example#k1", true), "ok");
        assert_eq!(code("did:web:t.example", "did:web:t.example#k2", true), "issuer.untrusted");
        assert_eq!(code("did:web:t.example", "did:web:t.example#k1", false), "issuer.untrusted");
        assert_eq!(code("did:web:b.example", "did:web:b.example#k1", false), "issuer.untrusted");
        // Exact ids: a prefix or another case is another issuer.
        assert_eq!(code("did:web:a.exampl", "did:web:a.exampl#k", false), "issuer.untrusted");
        assert_eq!(code("DID:web:a.example", "DID:web:a.example#k", false), "issuer.untrusted");
    }

    #[test]
    fn a_did_trusts_every_method_and_a_did_url_one() {
        assert_eq!(
            TrustedIssuer::from_did_url("did:web:a.example", false),
            TrustedIssuer::new("did:web:a.example")
        );
        assert_eq!(
            TrustedIssuer::from_did_url("did:web:a.example#k1", true),
            TrustedIssuer::trinsic("did:web:a.example").with_method("did:web:a.example#k1")
        );
    }

    #[test]
    fn status_lists_keep_to_the_pinned_methods() {
        let trusted = [
            TrustedIssuer::trinsic("did:web:t.example").with_method("did:web:t.example#k1"),
            TrustedIssuer::new("did:web:a.example"),
        ];
        let code = |issuer: &str, method: &str| {
            status_list_method(&trusted, "issuer", issuer, method).err().map_or("ok", |e| e.code())
        };
        assert_eq!(code("did:web:t.example", "did:web:t.example#k1"), "ok");
        assert_eq!(code("did:web:t.example", "did:web:t.example#k2"), "issuer.untrusted");
        assert_eq!(code("did:web:a.example", "did:web:a.example#any"), "ok");
        // Not a trusted issuer at all: its list can match no trusted credential's issuer.
        assert_eq!(code("did:web:b.example", "did:web:b.example#k"), "ok");
    }

    #[test]
    fn keys_are_found_by_role() {
        let one = KeySet::from_json(br#"{"kty":"OKP","crv":"Ed25519","kid":"k","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#).unwrap();
        let mut keys = RoleKeys::default();
        assert_eq!(keys.all().count(), 0);
        keys.set_issuer("https://a.example".into(), one.clone());
        keys.set_evidence("https://idp.example".into(), one.clone());
        assert!(keys.get(KeyRole::Issuer(Some("https://a.example"))).is_some());
        assert!(keys.get(KeyRole::Issuer(Some("https://b.example"))).is_none());
        assert!(keys.get(KeyRole::Issuer(None)).is_none());
        assert!(keys.get(KeyRole::Evidence(Some("https://a.example"))).is_none());
        assert!(keys.get(KeyRole::Holder(Some("https://a.example"))).is_none());
        assert!(keys.get(KeyRole::Hopae).is_none());
        keys.set_hopae(one.clone());
        assert_eq!(keys.all().count(), 3);
        // Hopae's keys are not Incode's: one vendor's ID token never verifies as the other's.
        assert!(keys.get(KeyRole::Incode).is_none());
        keys.set_incode(one);
        assert!(keys.get(KeyRole::Incode).is_some());
        assert_eq!(keys.all().count(), 4);
    }
}

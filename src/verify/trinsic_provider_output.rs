//! Consistency checks on Trinsic's `identityData.providerOutput` and `identityData.match`
//! (`docs/formats.md`, section 2). The sessions API signs nothing: these checks hold the
//! provider's own output to the normalised person and document and to the session, so that a
//! backend is not handed a result whose parts contradict each other; they cannot say who wrote
//! it.

use chrono::{DateTime, Utc};
use serde_json::value::RawValue;
use serde_json::Value;

use super::ctx::Ctx;
use crate::claims::IdentityClaims;
use crate::error::{Error, JudgedAt, Vendor};
use crate::model::trinsic_provider_output::{
    MatchData, MatchResult, MdlField, MdlFieldType, MdlOutput, MdlOutputCertificateData, Provider,
    ProviderEntry, ProviderOutput, SmartIdCertificateLevel, SmartIdOutput,
};
use crate::model::trinsic_sessions::IdentityData;
use crate::time::{parse_date, parse_instant, plus};

const VENDOR: Vendor = Vendor::TrinsicSessions;
const OUTPUT: &str = "identityData.providerOutput";
const MATCH: &str = "identityData.match";

/// The mDL document types accepted from a wallet: ISO/IEC 18013-5:2021 section 7.2.1 names the
/// mDL's `docType` `org.iso.18013.5.1.mDL`; Trinsic's OpenAPI (`MdlOutput.documentType`) adds
/// Google Wallet's ID pass, `com.google.wallet.idcard.1`, an mdoc issued under the same rules.
pub(crate) const MDL_DOC_TYPES: [&str; 2] = ["org.iso.18013.5.1.mDL", "com.google.wallet.idcard.1"];

/// The ISO/IEC 18013-5 namespace whose data elements (section 7.2.1, table 5) are compared
/// with the normalised person and document.
const MDL_NAMESPACE: &str = "org.iso.18013.5.1";

/// What the provider output and match yielded: the typed values, and the level of assurance a
/// provider states (its member and the level, 1 to 5 as `hopae_loa`).
#[derive(Default)]
pub(crate) struct Outcome<'s> {
    pub provider_output: Option<ProviderOutput<'s>>,
    pub match_data: Option<MatchData<'s>>,
    pub assurance_level: Option<(String, u8)>,
}

/// Reads and checks `identityData.providerOutput` and `identityData.match` against `claims`
/// (read from the same `identityData`'s person and document) and the session's instants.
pub(crate) fn run<'s>(
    ctx: &mut Ctx<'_>,
    data: &IdentityData<'s>,
    claims: &IdentityClaims<'_>,
    session: [(&'static str, Option<DateTime<Utc>>); 2],
) -> Outcome<'s> {
    let mut outcome = Outcome::default();
    if let Some(raw) = data.provider_output {
        match ProviderOutput::parse(OUTPUT, raw) {
            Ok(output) => {
                for entry in &output.entries {
                    if let Some(level) = check_entry(ctx, entry, claims, session) {
                        // Two providers stating a level: the lower one stands.
                        if outcome.assurance_level.as_ref().is_none_or(|(_, l)| level.1 < *l) {
                            outcome.assurance_level = Some(level);
                        }
                    }
                }
                outcome.provider_output = Some(output);
            }
            Err(e) => ctx.fail("provider_output.parse", e),
        }
    }
    if let Some(raw) = data.match_data {
        match MatchData::parse(MATCH, raw) {
            Ok(m) => {
                check_match(ctx, &m, raw);
                outcome.match_data = Some(m);
            }
            Err(e) => ctx.fail("match.parse", e),
        }
    }
    outcome
}

/// One provider's output: agreement with the person and document, then what its kind implies.
fn check_entry(
    ctx: &mut Ctx<'_>,
    entry: &ProviderEntry<'_>,
    claims: &IdentityClaims<'_>,
    session: [(&'static str, Option<DateTime<Utc>>); 2],
) -> Option<(String, u8)> {
    let id = entry.id.as_ref();
    let base = format!("{OUTPUT}.{id}");
    if let Provider::Unknown(_) = entry.output {
        ctx.skip(
            format!("provider_output.{id}"),
            format!(
                "{base}: provider {id:?} is not one Trinsic's OpenAPI describes: kept as sent, not \
                 checked"
            ),
        );
        return None;
    }
    if !entry.unknown_members.is_empty() {
        let names: Vec<&str> = entry.unknown_members.iter().map(|m| m.path.as_str()).collect();
        ctx.skip(
            format!("provider_output.{id}.unknown_members"),
            format!(
                "{base}: members Trinsic's OpenAPI does not describe, kept as sent and not \
                 checked: {}",
                names.join(", ")
            ),
        );
    }
    let mut stated = Stated::default();
    let mut level = None;
    match &entry.output {
        Provider::AppleWallet(w) | Provider::GoogleWallet(w) | Provider::SamsungWallet(w) => {
            match &w.raw_mdl_output {
                Some(mdl) => mdl_checks(ctx, id, &base, mdl, session, &mut stated),
                None => ctx.fail(
                    format!("provider_output.{id}.rawMdlOutput"),
                    Error::missing(format!("{base}.rawMdlOutput")),
                ),
            }
        }
        Provider::SmartId(s) => {
            stated.names(s.given_name.as_deref(), s.family_name.as_deref(), None);
            stated.birth(s.date_of_birth.as_deref());
            level = smart_id_level(ctx, &base, s);
        }
        Provider::MobileId(m) => {
            stated.names(m.given_name.as_deref(), m.family_name.as_deref(), None);
            stated.birth(m.date_of_birth.as_deref());
            // Mobile-ID's output carries no certificate level (the OpenAPI's
            // `MobileIdProviderOutput`): the level is unknown, and a required minimum fails
            // closed (`assurance.unknown`).
        }
        Provider::MitId(m) => {
            stated.names(None, None, m.full_name.as_deref());
            stated.birth(m.date_of_birth.as_deref());
            level = mitid_level(ctx, &base, m.level_of_assurance.as_deref());
        }
        Provider::SwedenBankId(b) => {
            stated.names(b.given_name.as_deref(), b.family_name.as_deref(), b.full_name.as_deref());
            stated.birth(b.date_of_birth.as_deref());
        }
        Provider::Yoti(y) | Provider::PostOfficeEasyId(y) | Provider::LloydsSmartId(y) => {
            stated.names(y.given_name.as_deref(), y.family_name.as_deref(), y.full_name.as_deref());
            stated.birth(y.date_of_birth.as_deref());
            if let Some(d) = &y.document_details {
                stated.document(
                    ("documentDetails.documentNumber", d.document_number.as_deref()),
                    ("documentDetails.expirationDate", d.expiration_date.as_deref()),
                );
            }
        }
        Provider::Spid(s) => {
            stated.names(s.given_name.as_deref(), s.family_name.as_deref(), None);
            stated.birth(s.date_of_birth.as_deref());
        }
        Provider::PeruDni(p) => {
            stated.names(p.first_name.as_deref(), p.last_name.as_deref(), p.full_name.as_deref());
            stated.birth(p.date_of_birth.as_deref());
            stated.document(
                ("documentNumber", p.document_number.as_deref()),
                ("expirationDate", p.expiration_date.as_deref()),
            );
        }
        Provider::LaWallet(l) => {
            stated.first_last(l.first_name.as_deref(), l.last_name.as_deref());
            stated.birth(l.date_of_birth.as_deref());
            stated.document(
                ("driversLicenseNumber", l.drivers_license_number.as_deref()),
                ("expirationDate", l.expiration_date.as_deref()),
            );
        }
        Provider::FranceIdentiteNumerique(f) => {
            let given = f.given_name.as_ref();
            stated.given = given
                .and_then(|g| g.full_given_name.as_deref())
                .map(|v| ("givenName.fullGivenName", v))
                .or_else(|| {
                    given.and_then(|g| g.first_name.as_deref()).map(|v| ("givenName.firstName", v))
                });
            stated.family = f.family_name.as_deref().map(|v| ("familyName", v));
            stated.birth = f.birthdate.as_deref().map(|v| ("birthdate", v));
            stated.document(
                ("identityDocumentNumber", f.identity_document_number.as_deref()),
                ("identityDocumentExpirationDate", f.identity_document_expiration_date.as_deref()),
            );
        }
        Provider::AustriaHandySignatur(o) => {
            stated.first_last(o.first_name.as_deref(), o.last_name.as_deref())
        }
        Provider::BelgiumIdCard(o) => {
            stated.first_last(o.first_name.as_deref(), o.last_name.as_deref());
            stated.birth(o.date_of_birth.as_deref());
        }
        Provider::PolandEdoApp(o) => {
            stated.first_last(o.first_name.as_deref(), o.last_name.as_deref());
            stated.birth(o.date_of_birth.as_deref());
        }
        Provider::EstoniaIdCard(o) => {
            stated.first_last(o.first_name.as_deref(), o.last_name.as_deref());
            stated.birth(o.date_of_birth.as_deref());
        }
        Provider::FinlandIdCard(o) => {
            stated.first_last(o.first_name.as_deref(), o.last_name.as_deref());
            stated.birth(o.date_of_birth.as_deref());
        }
        Provider::Freja(o) => stated.first_last(o.first_name.as_deref(), o.last_name.as_deref()),
        Provider::Itsme(o) => {
            stated.first_last(o.first_name.as_deref(), o.last_name.as_deref());
            stated.birth(o.date_of_birth.as_deref());
        }
        Provider::LithuaniaIdCard(o) => {
            stated.first_last(o.first_name.as_deref(), o.last_name.as_deref());
            stated.birth(o.date_of_birth.as_deref());
        }
        Provider::LatviaEparaksts(o) => {
            stated.first_last(o.first_name.as_deref(), o.last_name.as_deref())
        }
        Provider::LatviaEparakstsMobile(o) => {
            stated.first_last(o.first_name.as_deref(), o.last_name.as_deref())
        }
        Provider::CzechiaMojeId(o) => {
            stated.first_last(o.first_name.as_deref(), o.last_name.as_deref());
            stated.birth(o.date_of_birth.as_deref());
        }
        Provider::PolandMojeId(o) => {
            stated.first_last(o.first_name.as_deref(), o.last_name.as_deref())
        }
        Provider::PortugalIdCard(o) => {
            stated.first_last(o.first_name.as_deref(), o.last_name.as_deref());
            stated.birth(o.date_of_birth.as_deref());
        }
        Provider::SerbiaIdCard(o) => {
            stated.first_last(o.first_name.as_deref(), o.last_name.as_deref());
            stated.birth(o.date_of_birth.as_deref());
        }
        // No name, birth date or document of the person: identifiers and statuses only.
        Provider::Fayda(_)
        | Provider::MexicoCurp(_)
        | Provider::PhilippinesDigitalNid(_)
        | Provider::PhilippinesPhysicalNid(_)
        | Provider::Unknown(_) => {}
    }
    agree(ctx, id, &base, &stated, claims);
    level
}

/// What a provider states of the person and document, each with its member below the output.
#[derive(Default)]
struct Stated<'x> {
    given: Option<(&'static str, &'x str)>,
    family: Option<(&'static str, &'x str)>,
    full: Option<(&'static str, &'x str)>,
    birth: Option<(&'static str, &'x str)>,
    number: Option<(&'static str, &'x str)>,
    expiry: Option<(&'static str, &'x str)>,
}

impl<'x> Stated<'x> {
    fn names(&mut self, given: Option<&'x str>, family: Option<&'x str>, full: Option<&'x str>) {
        self.given = given.map(|v| ("givenName", v));
        self.family = family.map(|v| ("familyName", v));
        self.full = full.map(|v| ("fullName", v));
    }
    fn first_last(&mut self, first: Option<&'x str>, last: Option<&'x str>) {
        self.given = first.map(|v| ("firstName", v));
        self.family = last.map(|v| ("lastName", v));
    }
    fn birth(&mut self, birth: Option<&'x str>) {
        self.birth = birth.map(|v| ("dateOfBirth", v));
    }
    fn document(
        &mut self,
        number: (&'static str, Option<&'x str>),
        expiry: (&'static str, Option<&'x str>),
    ) {
        self.number = number.1.map(|v| (number.0, v));
        self.expiry = expiry.1.map(|v| (expiry.0, v));
    }
}

/// Names ignore case and runs of white space (providers write `TAMM` where the normalised
/// person has `Tamm`); dates compare as dates; document numbers compare exactly, surrounding
/// white space aside. An empty value states nothing (Trinsic's placeholder).
fn agree(
    ctx: &mut Ctx<'_>,
    id: &str,
    base: &str,
    stated: &Stated<'_>,
    claims: &IdentityClaims<'_>,
) {
    let document = claims.document.as_ref();
    let texts = [
        (stated.given, "identityData.person.givenName", claims.given_name.as_deref(), true),
        (stated.family, "identityData.person.familyName", claims.family_name.as_deref(), true),
        (stated.full, "identityData.person.fullName", claims.full_name.as_deref(), true),
        (
            stated.number,
            "identityData.document.number",
            document.and_then(|d| d.number.as_deref()),
            false,
        ),
    ];
    for (provider, person_field, person, is_name) in texts {
        let (Some((member, value)), Some(person)) = (provider, person) else { continue };
        if value.trim().is_empty() {
            continue;
        }
        let same = if is_name {
            name_key(value) == name_key(person)
        } else {
            value.trim() == person.trim()
        };
        let result = if same {
            Ok(format!("{value:?} agrees with {person_field}"))
        } else {
            Err(Error::SessionInconsistent {
                vendor: VENDOR,
                field: format!("{base}.{member}"),
                reason: format!("{value:?} differs from {person_field} = {person:?}"),
            })
        };
        ctx.check(format!("provider_output.{id}.{member}"), result);
    }
    let dates = [
        (stated.birth, "identityData.person.dateOfBirth", claims.birth_date),
        (
            stated.expiry,
            "identityData.document.expirationDate",
            document.and_then(|d| d.expiry_date),
        ),
    ];
    for (provider, person_field, person) in dates {
        let Some((member, value)) = provider else { continue };
        if value.trim().is_empty() {
            continue;
        }
        let field = format!("{base}.{member}");
        let result = parse_date(&field, value).and_then(|date| match person {
            Some(p) if p == date => Ok(format!("{date} agrees with {person_field}")),
            Some(p) => Err(Error::SessionInconsistent {
                vendor: VENDOR,
                field: field.clone(),
                reason: format!("{date} differs from {person_field} = {p}"),
            }),
            None => Ok(format!("{date} ({person_field} absent: nothing to compare)")),
        });
        ctx.check(format!("provider_output.{id}.{member}"), result);
    }
}

fn name_key(name: &str) -> String {
    name.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

/// An mDL relayed by a wallet (ISO/IEC 18013-5): its document type, its certificates' validity
/// at the session's instants, and its elements, omitted ones apart.
fn mdl_checks<'x>(
    ctx: &mut Ctx<'_>,
    id: &str,
    base: &str,
    mdl: &'x MdlOutput<'_>,
    session: [(&'static str, Option<DateTime<Utc>>); 2],
    stated: &mut Stated<'x>,
) {
    let base = format!("{base}.rawMdlOutput");
    let doc_type = match mdl.document_type.as_deref() {
        None => Err(Error::missing(format!("{base}.documentType"))),
        Some(t) if MDL_DOC_TYPES.contains(&t) => Ok(format!("{t} is an mDL document type")),
        Some(t) => Err(Error::SessionInconsistent {
            vendor: VENDOR,
            field: format!("{base}.documentType"),
            reason: format!(
                "{t:?} is not an mDL document type (accepted: {})",
                MDL_DOC_TYPES.join(", ")
            ),
        }),
    };
    ctx.check(format!("provider_output.{id}.documentType"), doc_type);

    for (member, cert) in [
        ("documentSignerCertificate", &mdl.document_signer_certificate),
        ("iacaRootCertificate", &mdl.iaca_root_certificate),
    ] {
        let field = format!("{base}.{member}");
        let result = match cert {
            Some(cert) => covers(ctx, &field, cert, session),
            None => Err(Error::missing(field)),
        };
        ctx.check(format!("provider_output.{id}.{member}.validity"), result);
    }

    let Some(elements) = mdl.name_spaces.as_ref().and_then(|n| n.get(MDL_NAMESPACE)) else {
        return;
    };
    let mut omitted = Vec::new();
    let value_of = |name: &'static str| -> Option<&'x str> {
        let field: &'x MdlField<'_> = elements.get(name)?;
        if field.kind == MdlFieldType::IntentionallyOmitted {
            // Present in the mDL, its value left out by Trinsic: neither a claim nor agreement.
            return None;
        }
        field.value.as_deref()
    };
    macro_rules! element {
        ($name:literal) => {
            value_of($name)
                .map(|v| (concat!("rawMdlOutput.nameSpaces.org.iso.18013.5.1.", $name), v))
        };
    }
    stated.given = element!("given_name");
    stated.family = element!("family_name");
    stated.birth = element!("birth_date");
    stated.number = element!("document_number");
    stated.expiry = element!("expiry_date");

    // An omitted element must not carry a value: which of the two would be true?
    for (name, field) in elements.iter() {
        if field.kind != MdlFieldType::IntentionallyOmitted {
            continue;
        }
        let path = format!("{base}.nameSpaces.{MDL_NAMESPACE}.{name}");
        match field.value.as_deref().filter(|v| !v.is_empty()) {
            None => omitted.push(name),
            Some(v) => ctx.fail(
                format!("provider_output.{id}.omitted.{name}"),
                Error::SessionInconsistent {
                    vendor: VENDOR,
                    field: path,
                    reason: format!(
                        "typed IntentionallyOmitted but carries a value ({} bytes)",
                        v.len()
                    ),
                },
            ),
        }
    }
    if !omitted.is_empty() {
        ctx.check(
            format!("provider_output.{id}.omitted"),
            Ok(format!(
                "{} left out by Trinsic (IntentionallyOmitted): neither compared nor reported",
                omitted.join(", ")
            )),
        );
    }
}

/// A certificate's `notBefore..notAfter` covers each session instant: RFC 5280 section
/// 4.1.2.5 makes both ends inclusive; the policy's leeway absorbs clock skew as elsewhere.
fn covers(
    ctx: &Ctx<'_>,
    field: &str,
    cert: &MdlOutputCertificateData<'_>,
    session: [(&'static str, Option<DateTime<Utc>>); 2],
) -> Result<String, Error> {
    let instant = |member: &str, value: Option<&str>| {
        let field = format!("{field}.{member}");
        match value {
            Some(v) => parse_instant(&field, v),
            None => Err(Error::missing(field)),
        }
    };
    let not_before = instant("notBefore", cert.not_before.as_deref())?;
    let not_after = instant("notAfter", cert.not_after.as_deref())?;
    let leeway = ctx.policy.leeway();
    for (name, at) in session {
        let at = at.ok_or_else(|| Error::missing(name))?;
        let judged = if name == "session.created" {
            JudgedAt::SessionCreated
        } else {
            JudgedAt::SessionUpdated
        };
        if plus(at, leeway) < not_before {
            return Err(Error::NotYetValid {
                field: format!("{field}.notBefore"),
                not_before,
                at,
                judged,
            });
        }
        if at > plus(not_after, leeway) {
            return Err(Error::Expired {
                field: format!("{field}.notAfter"),
                not_after,
                at,
                judged,
            });
        }
    }
    Ok(format!("{not_before} .. {not_after} covers session.created and session.updated"))
}

/// Smart-ID's certificate level as a level of assurance (1 none, 2 low, 3 substantial, 4 high,
/// 5 qualified, as Hopae's `hopae_loa`). Trinsic's OpenAPI (`SmartIdProviderOutput`):
/// `QUALIFIED` is a qualified certificate (eIDAS QES), so 5; `ADVANCED` an advanced,
/// non-qualified one (eIDAS AdES, "Smart-ID Basic", test accounts only) with no stated level of
/// identity proofing, so 2, the lowest level an authenticated certificate holder meets. Any
/// other value is unknown: no level, and a required minimum fails closed (`assurance.unknown`).
/// The level must agree with the qualification the `documentNumber` ends with (`-Q` qualified,
/// `-NQ` not).
fn smart_id_level(ctx: &mut Ctx<'_>, base: &str, s: &SmartIdOutput<'_>) -> Option<(String, u8)> {
    let field = format!("{base}.certificateLevel");
    let level = match s.certificate_level.as_ref()? {
        SmartIdCertificateLevel::Qualified => 5,
        SmartIdCertificateLevel::Advanced => 2,
        other => {
            ctx.skip(
                "provider_output.smart-id.certificateLevel",
                format!("{field}: {other:?} is not a level this library knows: no level stated"),
            );
            return None;
        }
    };
    if let Some(number) = s.document_number.as_deref() {
        let qualified = match number.rsplit('-').next() {
            Some("Q") => Some(true),
            Some("NQ") => Some(false),
            _ => None,
        };
        if let Some(qualified) = qualified {
            let result = if qualified == (level == 5) {
                Ok(format!("{number} agrees with {field}"))
            } else {
                Err(Error::SessionInconsistent {
                    vendor: VENDOR,
                    field: format!("{base}.documentNumber"),
                    reason: format!(
                        "{number:?} says {} but certificateLevel is {}",
                        if qualified { "qualified" } else { "not qualified" },
                        s.certificate_level.as_ref().map(|l| l.name()).unwrap_or_default()
                    ),
                })
            };
            ctx.check("provider_output.smart-id.documentNumber", result);
        }
    }
    // `serialNumber` is `{identityType}{country}-{personalCode}` (the OpenAPI's description).
    if let (Some(serial), Some(kind), Some(country), Some(code)) = (
        s.serial_number.as_deref(),
        s.identity_type.as_deref(),
        s.country.as_deref(),
        s.personal_code.as_deref(),
    ) {
        let expected = format!("{kind}{country}-{code}");
        let result = if serial == expected {
            Ok(format!("{serial} agrees with identityType, country and personalCode"))
        } else {
            Err(Error::SessionInconsistent {
                vendor: VENDOR,
                field: format!("{base}.serialNumber"),
                reason: format!(
                    "{serial:?} differs from identityType, country and personalCode ({expected:?})"
                ),
            })
        };
        ctx.check("provider_output.smart-id.serialNumber", result);
    }
    Some((field, level))
}

/// MitID's `levelOfAssurance`, an NSIS level (Denmark's implementation of the eIDAS levels;
/// the OpenAPI's `MitIdProviderOutput`): `.../Low` 2, `.../Substantial` 3, `.../High` 4. Any
/// other value is no level (a required minimum fails closed).
fn mitid_level(ctx: &mut Ctx<'_>, base: &str, value: Option<&str>) -> Option<(String, u8)> {
    let value = value?;
    let field = format!("{base}.levelOfAssurance");
    let level = match value.rsplit('/').next().map(str::to_ascii_lowercase).as_deref() {
        Some("low") => 2,
        Some("substantial") => 3,
        Some("high") => 4,
        _ => {
            ctx.skip(
                "provider_output.denmark-mitid.levelOfAssurance",
                format!("{field}: {value:?} is not an NSIS level: no level stated"),
            );
            return None;
        }
    };
    Some((field, level))
}

/// Each match result: `booleanValue: false` fails; a `probabilityValue` must be a number from 0
/// to 1 and at least the policy's minimum. Anything else in `match` (a member the OpenAPI does
/// not describe, an array, an object nested in a result) is searched at every depth, and each
/// object holding a result's members is judged the same way or, when it does not read as a
/// result, refused (fail closed: a failed match is never skipped for where or how it is sent).
fn check_match(ctx: &mut Ctx<'_>, data: &MatchData<'_>, raw: &RawValue) {
    for (name, result) in data.results() {
        judge_match(ctx, name, result);
    }
    let known: Vec<&str> = data.results().map(|(name, _)| name).collect();
    let value = match serde_json::from_str::<Value>(raw.get()) {
        Ok(v) => v,
        Err(e) => return ctx.fail("match.parse", Error::invalid(MATCH, e.to_string())),
    };
    let Value::Object(members) = &value else { return };
    for (name, inner) in members {
        // A described member was judged from its typed reading: only what nests in it is left.
        let judged = known.iter().any(|k| k == name || snake(k) == *name);
        if !search_match(ctx, name, inner, judged) && !judged {
            ctx.skip(
                format!("match.{name}"),
                format!(
                    "{MATCH}.{name}: a member Trinsic's OpenAPI does not describe, kept as sent"
                ),
            );
        }
    }
}

/// `faceMatch` as `face_match`, the other spelling the model reads.
fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Judges every result in `value` (see [`check_match`]); `judged` when `value` itself was judged
/// already. Whether it held any result. The input's depth limit bounds the recursion.
fn search_match(ctx: &mut Ctx<'_>, path: &str, value: &Value, judged: bool) -> bool {
    const RESULT_MEMBERS: [&str; 4] =
        ["booleanValue", "probabilityValue", "boolean_value", "probability_value"];
    match value {
        Value::Array(items) => {
            let mut any = false;
            for (i, item) in items.iter().enumerate() {
                any |= search_match(ctx, &format!("{path}[{i}]"), item, false);
            }
            any
        }
        Value::Object(members) => {
            let is_result = members.keys().any(|k| RESULT_MEMBERS.contains(&k.as_str()));
            if is_result && !judged {
                match serde_json::from_value::<MatchResult>(value.clone()) {
                    Ok(result) => judge_match(ctx, path, &result),
                    Err(e) => ctx.fail(
                        format!("match.{path}"),
                        Error::invalid(format!("{MATCH}.{path}"), e.to_string()),
                    ),
                }
            }
            let mut any = is_result;
            for (name, inner) in members {
                if !RESULT_MEMBERS.contains(&name.as_str()) {
                    any |= search_match(ctx, &format!("{path}.{name}"), inner, false);
                }
            }
            any
        }
        _ => false,
    }
}

fn judge_match(ctx: &mut Ctx<'_>, name: &str, result: &MatchResult) {
    let min = ctx.policy.min_match_probability();
    let check = format!("match.{name}");
    let mut judged = false;
    if let Some(b) = result.boolean_value {
        judged = true;
        let outcome = if b {
            Ok(format!("{MATCH}.{name}.booleanValue = true"))
        } else {
            Err(Error::MatchFailed {
                vendor: VENDOR,
                field: format!("{MATCH}.{name}.booleanValue"),
                result: "false".into(),
                reason: "the provider reports no match".into(),
            })
        };
        ctx.check(check.clone(), outcome);
    }
    if let Some(p) = result.probability_value {
        judged = true;
        let field = format!("{MATCH}.{name}.probabilityValue");
        let outcome = if !(0.0..=1.0).contains(&p) {
            Err(Error::invalid(field, format!("{p} is not a probability from 0 to 1")))
        } else if p >= min {
            Ok(format!("{field} = {p} >= {min}"))
        } else {
            Err(Error::MatchFailed {
                vendor: VENDOR,
                field,
                result: p.to_string(),
                reason: format!("below the policy's minimum match probability {min}"),
            })
        };
        ctx.check(check.clone(), outcome);
    }
    if !judged {
        ctx.skip(check, format!("{MATCH}.{name}: no result stated"));
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::model::trinsic_provider_output::{MobileIdOutput, WalletOutput};
    use crate::verify::nested::NESTING;
    use crate::verify::report::Report;
    use crate::Policy;

    fn t(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 8, 1, h, m, s).unwrap()
    }

    /// The probe reads the member names (aliases included) from the derived impl itself.
    #[test]
    fn known_members_come_from_the_struct() {
        let fields = crate::model::trinsic_provider_output::fields_of_for_tests::<MobileIdOutput>();
        assert!(fields.contains(&"givenName") && fields.contains(&"given_name"));
        assert!(!fields.contains(&"certificateLevel"));
        let wallet = crate::model::trinsic_provider_output::fields_of_for_tests::<WalletOutput>();
        assert_eq!(wallet, ["rawMdlOutput", "raw_mdl_output"]);
    }

    /// Both ends of a certificate's validity are inclusive, with the policy's leeway: one
    /// second either side of each boundary.
    #[test]
    fn certificate_validity_boundaries() {
        let policy = Policy::at(t(16, 0, 0)).with_leeway_seconds(0);
        let ctx = Ctx::new(&policy, Report::new(None), NESTING);
        let cert = |nb: &'static str, na: &'static str| MdlOutputCertificateData {
            not_before: Some(nb.into()),
            not_after: Some(na.into()),
            ..MdlOutputCertificateData::default()
        };
        let session = |a, b| [("session.created", Some(a)), ("session.updated", Some(b))];
        let c = cert("2024-08-01T15:00:00Z", "2024-08-01T15:10:00Z");
        assert!(covers(&ctx, "c", &c, session(t(15, 0, 0), t(15, 10, 0))).is_ok());
        let early = covers(&ctx, "c", &c, session(t(14, 59, 59), t(15, 10, 0))).unwrap_err();
        assert_eq!(early.code(), "time.not_yet_valid");
        assert!(early.to_string().contains("session.created"));
        let late = covers(&ctx, "c", &c, session(t(15, 0, 0), t(15, 10, 1))).unwrap_err();
        assert_eq!(late.code(), "time.expired");
        assert!(late.to_string().contains("session.updated"));
        // The leeway absorbs skew on both sides.
        let lenient = Policy::at(t(16, 0, 0)).with_leeway_seconds(1);
        let ctx = Ctx::new(&lenient, Report::new(None), NESTING);
        assert!(covers(&ctx, "c", &c, session(t(14, 59, 59), t(15, 10, 1))).is_ok());
        assert!(covers(&ctx, "c", &c, session(t(14, 59, 58), t(15, 10, 0))).is_err());
        // No session instant: nothing to judge against, fail closed.
        let none = [("session.created", None), ("session.updated", Some(t(15, 5, 0)))];
        assert_eq!(covers(&ctx, "c", &c, none).unwrap_err().code(), "field.missing");
    }

    /// A probability at the minimum passes, a hair below fails, outside 0..1 is malformed, and
    /// a NaN minimum rejects every probability.
    #[test]
    fn match_probability_boundaries() {
        let judge = |min: f64, p: f64| {
            let policy = Policy::at(t(16, 0, 0)).require_min_match_probability(min);
            let mut ctx = Ctx::new(&policy, Report::new(None), NESTING);
            let result = MatchResult { boolean_value: None, probability_value: Some(p) };
            judge_match(&mut ctx, "faceMatch", &result);
            ctx.report.errors().first().map(|e| e.code())
        };
        assert_eq!(judge(0.9, 0.9), None);
        assert_eq!(judge(0.9, 0.899_999), Some("session.match_failed"));
        assert_eq!(judge(0.9, 1.000_001), Some("field.invalid"));
        assert_eq!(judge(0.9, -0.1), Some("field.invalid"));
        assert_eq!(judge(f64::NAN, 1.0), Some("session.match_failed"));
        assert_eq!(judge(0.0, 0.0), None);
    }

    #[test]
    fn names_ignore_case_and_spacing_only() {
        assert_eq!(name_key("  Jane   Q  DOE "), name_key("jane q doe"));
        assert_ne!(name_key("Jane"), name_key("Jana"));
    }
}

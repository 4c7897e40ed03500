//! Trinsic's sessions API (its public OpenAPI description, API v1): `identityData.providerOutput`,
//! what each identity provider returned beyond the normalised person and document, and
//! `identityData.match`, the match results of providers that compare data or biometrics with a
//! register. Typed for every provider the OpenAPI describes (the `ProviderOutput` schema, 32
//! providers); unsigned like the rest of the result. Open: a provider id or a member the
//! OpenAPI does not describe is kept as sent ([`Provider::Unknown`], [`UnknownMember`]) for the
//! checks to report, never a parse error. The fields: `docs/formats.md`, section 2.

use std::borrow::Cow;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::error::Error;
use crate::input::borrow::{opt_cow, Members, OneOrMany};
use crate::input::json::parse_typed;
use crate::model::open_enum::open_enum;

open_enum! {
    /// `MdlOutputFieldDataType`: how an mDL element's `value` is encoded.
    pub enum MdlFieldType {
        /// `String`: a raw string.
        String => ["String"],
        /// `Boolean`: `"true"` or `"false"`.
        Boolean => ["Boolean"],
        /// `Number`: a decimal number as text.
        Number => ["Number"],
        /// `Base64Url`: binary data (an image), base64url.
        Base64Url => ["Base64Url"],
        /// `EncodedCbor`: a CBOR item, base64url.
        EncodedCbor => ["EncodedCbor"],
        /// `IntentionallyOmitted`: the wallet returned the element and Trinsic left its value out
        /// (large values such as `portrait`, served by the Attachments API): present, value
        /// unknown.
        IntentionallyOmitted => ["IntentionallyOmitted"],
    }
}

open_enum! {
    /// `SmartIdProviderOutput.certificateLevel`.
    pub enum SmartIdCertificateLevel {
        /// `QUALIFIED`: a qualified certificate (eIDAS QES), the production level.
        Qualified => ["QUALIFIED"],
        /// `ADVANCED`: an advanced, non-qualified certificate (eIDAS AdES, "Smart-ID Basic"), for
        /// test accounts only.
        Advanced => ["ADVANCED"],
    }
}

/// Open enums serialise as the name sent (an unknown value as sent).
macro_rules! serialize_by_name {
    ($($name:ident),*) => {$(
        impl Serialize for $name<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.name())
            }
        }
    )*};
}
serialize_by_name!(MdlFieldType, SmartIdCertificateLevel);

/// A member the OpenAPI does not describe, kept as sent: its path below the object it was found
/// in (`rawMdlOutput.extra`), and its value.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct UnknownMember<'a> {
    /// The member's path below the provider's output (or below `match`).
    pub path: String,
    /// Its value, as sent.
    pub value: &'a RawValue,
}

/// Unknown members serialise as one object, path to value.
fn serialize_unknown<S: Serializer>(
    members: &[UnknownMember<'_>],
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(members.len()))?;
    for m in members {
        map.serialize_entry(&m.path, m.value)?;
    }
    map.end()
}

/// `identityData.providerOutput`: one entry per provider member, in document order (`null`
/// members, which state nothing, left out).
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ProviderOutput<'a> {
    /// The providers' outputs.
    pub entries: Vec<ProviderEntry<'a>>,
}

/// One provider's output.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ProviderEntry<'a> {
    /// The provider id, the member name (`smart-id`, `apple-wallet`, ...).
    #[serde(skip)]
    pub id: Cow<'a, str>,
    /// The output, typed when the OpenAPI describes the provider.
    pub output: Provider<'a>,
    /// Members the OpenAPI does not describe, in the output and in the objects it nests.
    #[serde(serialize_with = "serialize_unknown", skip_serializing_if = "Vec::is_empty")]
    pub unknown_members: Vec<UnknownMember<'a>>,
}

impl Serialize for ProviderOutput<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.entries.len()))?;
        for e in &self.entries {
            map.serialize_entry(e.id.as_ref(), e)?;
        }
        map.end()
    }
}

impl<'a> ProviderOutput<'a> {
    /// Reads `identityData.providerOutput` (`field` names it in errors): each member a provider
    /// id the OpenAPI describes is read as that provider's output, any other is kept as sent.
    ///
    /// # Errors
    /// `field.invalid` when it is not an object, or a described member of a known provider has
    /// the wrong type; `input.duplicate_member` for one member in two spellings.
    pub fn parse(field: &str, raw: &'a RawValue) -> Result<Self, Error> {
        let members: Members<'a, &'a RawValue> = parse_typed(field, raw.get())?;
        let mut entries = Vec::with_capacity(members.len());
        for (id, value) in members.0 {
            if value.get() == "null" {
                continue;
            }
            let path = format!("{field}.{id}");
            let mut unknown_members = Vec::new();
            let output = Provider::read(&path, &id, value, &mut unknown_members)?;
            entries.push(ProviderEntry { id, output, unknown_members });
        }
        Ok(ProviderOutput { entries })
    }
}

/// Reads `raw` as `T`, and adds the members of `raw` that `T` does not read to `unknown`, their
/// paths prefixed with `prefix`.
fn read<'a, T: Deserialize<'a>>(
    field: &str,
    prefix: &str,
    raw: &'a RawValue,
    unknown: &mut Vec<UnknownMember<'a>>,
) -> Result<T, Error> {
    let value = parse_typed(field, raw.get())?;
    unknown_members::<T>(prefix, raw, unknown);
    Ok(value)
}

/// The members of the object `raw` that a derived `T` does not read.
fn unknown_members<'a, T: Deserialize<'a>>(
    prefix: &str,
    raw: &'a RawValue,
    unknown: &mut Vec<UnknownMember<'a>>,
) {
    let known = fields_of::<T>();
    if let Ok(members) = serde_json::from_str::<Members<'a, &'a RawValue>>(raw.get()) {
        for (name, value) in members.0 {
            if !known.contains(&name.as_ref()) {
                unknown.push(UnknownMember { path: format!("{prefix}{name}"), value });
            }
        }
    }
}

/// The member names (aliases included) a `#[derive(Deserialize)]` struct reads: serde hands
/// them to `Deserializer::deserialize_struct`, which this probe records instead of reading
/// anything. Declared once, in the struct, so that the list of known members cannot drift.
fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Probe<'f>(&'f mut &'static [&'static str]);
    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("probed"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

/// [`fields_of`], for the tests of the checks.
#[cfg(test)]
pub(crate) fn fields_of_for_tests<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    fields_of::<T>()
}

/// Declares the providers once: their ids, variants and output types, from which
/// [`Provider`], [`Provider::read`], [`Provider::id`] and [`PROVIDER_IDS`] are generated.
macro_rules! providers {
    ($( $(#[$meta:meta])* $id:literal => $variant:ident($ty:ident) ),* $(,)?) => {
        /// A provider's output, typed by the provider id (the `ProviderOutput` schema's members).
        #[derive(Debug, Clone, Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum Provider<'a> {
            $( $(#[$meta])* $variant($ty<'a>), )*
            /// A provider id the OpenAPI does not describe: kept as sent, not read.
            Unknown(&'a RawValue),
        }

        /// Every provider id the OpenAPI describes, in its order.
        pub const PROVIDER_IDS: &[&str] = &[$($id),*];

        impl<'a> Provider<'a> {
            /// The provider id this output is typed for; `None` for [`Provider::Unknown`].
            pub fn id(&self) -> Option<&'static str> {
                match self {
                    $( Provider::$variant(_) => Some($id), )*
                    Provider::Unknown(_) => None,
                }
            }

            fn read(
                field: &str,
                id: &str,
                raw: &'a RawValue,
                unknown: &mut Vec<UnknownMember<'a>>,
            ) -> Result<Self, Error> {
                Ok(match id {
                    $( $id => Provider::$variant(<$ty<'a>>::read_from(field, raw, unknown)?), )*
                    _ => Provider::Unknown(raw),
                })
            }
        }
    };
}

/// How one provider's output is read, unknown members collected.
trait ReadOutput<'a>: Sized {
    fn read_from(
        field: &str,
        raw: &'a RawValue,
        unknown: &mut Vec<UnknownMember<'a>>,
    ) -> Result<Self, Error>;
}

/// The flat outputs: their own members only.
macro_rules! flat_outputs {
    ($($ty:ident),* $(,)?) => {$(
        impl<'a> ReadOutput<'a> for $ty<'a> {
            fn read_from(
                field: &str,
                raw: &'a RawValue,
                unknown: &mut Vec<UnknownMember<'a>>,
            ) -> Result<Self, Error> {
                read(field, "", raw, unknown)
            }
        }
    )*};
}

providers! {
    /// `a-at-handy-signatur-login`.
    "a-at-handy-signatur-login" => AustriaHandySignatur(AustriaHandySignaturOutput),
    /// `a-be-id-login`.
    "a-be-id-login" => BelgiumIdCard(BelgiumIdCardOutput),
    /// `a-edoapp-eid-login`.
    "a-edoapp-eid-login" => PolandEdoApp(PolandEdoAppOutput),
    /// `a-ee-web-eid-login`.
    "a-ee-web-eid-login" => EstoniaIdCard(EstoniaIdCardOutput),
    /// `a-fi-id-login`.
    "a-fi-id-login" => FinlandIdCard(FinlandIdCardOutput),
    /// `a-freja-eid-login`.
    "a-freja-eid-login" => Freja(FrejaOutput),
    /// `a-itsme-login`.
    "a-itsme-login" => Itsme(ItsmeOutput),
    /// `a-lt-id-login`.
    "a-lt-id-login" => LithuaniaIdCard(LithuaniaIdCardOutput),
    /// `a-lv-eparaksts-id-login`.
    "a-lv-eparaksts-id-login" => LatviaEparaksts(LatviaEparakstsOutput),
    /// `a-lv-eparaksts-mobile-login`.
    "a-lv-eparaksts-mobile-login" => LatviaEparakstsMobile(LatviaEparakstsMobileOutput),
    /// `a-mojeid`.
    "a-mojeid" => CzechiaMojeId(CzechiaMojeIdOutput),
    /// `a-pl-mojeid-login`.
    "a-pl-mojeid-login" => PolandMojeId(PolandMojeIdOutput),
    /// `a-pt-id-login`.
    "a-pt-id-login" => PortugalIdCard(PortugalIdCardOutput),
    /// `a-rs-id-login`.
    "a-rs-id-login" => SerbiaIdCard(SerbiaIdCardOutput),
    /// `apple-wallet`: an mDL from Apple Wallet.
    "apple-wallet" => AppleWallet(WalletOutput),
    /// `denmark-mitid`.
    "denmark-mitid" => MitId(MitIdOutput),
    /// `ethiopia-fayda`.
    "ethiopia-fayda" => Fayda(FaydaOutput),
    /// `france-identite-numerique`.
    "france-identite-numerique" => FranceIdentiteNumerique(FrenchNumeriqueOutput),
    /// `google-wallet`: an mDL or ID pass from Google Wallet.
    "google-wallet" => GoogleWallet(WalletOutput),
    /// `italy-spid`.
    "italy-spid" => Spid(SpidOutput),
    /// `lloyds-smart-id` (Yoti's output).
    "lloyds-smart-id" => LloydsSmartId(YotiOutput),
    /// `mexico-curp-lookup`.
    "mexico-curp-lookup" => MexicoCurp(MexicoCurpOutput),
    /// `mobile-id`.
    "mobile-id" => MobileId(MobileIdOutput),
    /// `peru-dni-lookup`.
    "peru-dni-lookup" => PeruDni(PeruDniOutput),
    /// `philippines-digital-national-id-qr`.
    "philippines-digital-national-id-qr" => PhilippinesDigitalNid(PhilippinesDigitalNidOutput),
    /// `philippines-physical-national-id-qr`.
    "philippines-physical-national-id-qr" => PhilippinesPhysicalNid(PhilippinesPhysicalNidOutput),
    /// `post-office-easyid` (Yoti's output).
    "post-office-easyid" => PostOfficeEasyId(YotiOutput),
    /// `samsung-wallet`: an mDL from Samsung Wallet.
    "samsung-wallet" => SamsungWallet(WalletOutput),
    /// `smart-id`.
    "smart-id" => SmartId(SmartIdOutput),
    /// `sweden-bankid`.
    "sweden-bankid" => SwedenBankId(SwedenBankIdOutput),
    /// `usa-louisiana-wallet`: LA Wallet's driver's licence fields (not an mDL exchange).
    "usa-louisiana-wallet" => LaWallet(LaWalletOutput),
    /// `yoti`.
    "yoti" => Yoti(YotiOutput),
}

flat_outputs!(
    AustriaHandySignaturOutput,
    BelgiumIdCardOutput,
    PolandEdoAppOutput,
    EstoniaIdCardOutput,
    FinlandIdCardOutput,
    FrejaOutput,
    ItsmeOutput,
    LithuaniaIdCardOutput,
    LatviaEparakstsOutput,
    LatviaEparakstsMobileOutput,
    CzechiaMojeIdOutput,
    PolandMojeIdOutput,
    PortugalIdCardOutput,
    SerbiaIdCardOutput,
    MitIdOutput,
    FaydaOutput,
    MexicoCurpOutput,
    MobileIdOutput,
    PhilippinesDigitalNidOutput,
    PhilippinesPhysicalNidOutput,
    SmartIdOutput,
    SwedenBankIdOutput,
    LaWalletOutput,
);

/// Outputs with nested objects: the nested objects' unknown members are collected too.
macro_rules! nested_outputs {
    ($($ty:ident { $($member:literal => $nested:ident),* }),* $(,)?) => {$(
        impl<'a> ReadOutput<'a> for $ty<'a> {
            fn read_from(
                field: &str,
                raw: &'a RawValue,
                unknown: &mut Vec<UnknownMember<'a>>,
            ) -> Result<Self, Error> {
                let output = read(field, "", raw, unknown)?;
                if let Ok(members) = serde_json::from_str::<Members<'a, &'a RawValue>>(raw.get()) {
                    for (name, value) in &members.0 {
                        $(
                            if name.as_ref() == $member && value.get() != "null" {
                                <$nested<'a>>::collect_unknown(&format!("{name}."), *value, unknown);
                            }
                        )*
                    }
                }
                Ok(output)
            }
        }
    )*};
}

nested_outputs!(
    WalletOutput { "rawMdlOutput" => MdlOutput },
    FrenchNumeriqueOutput {
        "givenName" => FrenchNumeriqueGivenName,
        "nationality" => FrenchNumeriqueNationality,
        "phoneNumber" => FrenchNumeriquePhone
    },
    SpidOutput { "billingInformation" => SpidBillingInformation },
    YotiOutput {
        "structuredPostalAddress" => YotiStructuredPostalAddress,
        "documentDetails" => YotiDocumentDetails
    },
    PeruDniOutput { "address" => PeruDniAddress },
);

/// A nested object's unknown members (and, for `rawMdlOutput`, its certificates').
trait CollectUnknown<'a> {
    fn collect_unknown(prefix: &str, raw: &'a RawValue, unknown: &mut Vec<UnknownMember<'a>>);
}

macro_rules! leaf_objects {
    ($($ty:ident),* $(,)?) => {$(
        impl<'a> CollectUnknown<'a> for $ty<'a> {
            fn collect_unknown(
                prefix: &str,
                raw: &'a RawValue,
                unknown: &mut Vec<UnknownMember<'a>>,
            ) {
                unknown_members::<$ty<'a>>(prefix, raw, unknown);
            }
        }
    )*};
}

leaf_objects!(
    FrenchNumeriqueGivenName,
    FrenchNumeriqueNationality,
    FrenchNumeriquePhone,
    SpidBillingInformation,
    YotiStructuredPostalAddress,
    YotiDocumentDetails,
    PeruDniAddress,
);

impl<'a> CollectUnknown<'a> for MdlOutput<'a> {
    fn collect_unknown(prefix: &str, raw: &'a RawValue, unknown: &mut Vec<UnknownMember<'a>>) {
        unknown_members::<MdlOutput<'a>>(prefix, raw, unknown);
        if let Ok(members) = serde_json::from_str::<Members<'a, &'a RawValue>>(raw.get()) {
            for (name, value) in &members.0 {
                let certificate = ["documentSignerCertificate", "iacaRootCertificate"];
                if certificate.contains(&name.as_ref()) && value.get() != "null" {
                    unknown_members::<MdlOutputCertificateData<'a>>(
                        &format!("{prefix}{name}."),
                        value,
                        unknown,
                    );
                }
            }
        }
    }
}

/// `MdlOutputFieldData`: one element of an mDL namespace.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct MdlField<'a> {
    /// `type`: how `value` is encoded.
    #[serde(rename = "type")]
    pub kind: MdlFieldType<'a>,
    /// `value`: the element's value as text; meaningless when `kind` is
    /// [`MdlFieldType::IntentionallyOmitted`].
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub value: Option<Cow<'a, str>>,
}

/// `identityData.match` (`MatchData`): the results of providers that match data or biometrics
/// with what a register holds.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct MatchData<'a> {
    /// `dateOfBirth`.
    #[serde(alias = "date_of_birth", default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<MatchResult>,
    /// `faceMatch`: the selfie against the biometrics on file.
    #[serde(alias = "face_match", default, skip_serializing_if = "Option::is_none")]
    pub face_match: Option<MatchResult>,
    /// `familyName`.
    #[serde(alias = "family_name", default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<MatchResult>,
    /// `fullName`.
    #[serde(alias = "full_name", default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<MatchResult>,
    /// `givenName`.
    #[serde(alias = "given_name", default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<MatchResult>,
    /// `imageAuthenticity`: confidence that the selfie was not manipulated.
    #[serde(alias = "image_authenticity", default, skip_serializing_if = "Option::is_none")]
    pub image_authenticity: Option<MatchResult>,
    /// `liveness`: confidence that the selfie is of a live person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub liveness: Option<MatchResult>,
    /// `middleName`.
    #[serde(alias = "middle_name", default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<MatchResult>,
    /// `nationalIdNumber`.
    #[serde(alias = "national_id_number", default, skip_serializing_if = "Option::is_none")]
    pub national_id_number: Option<MatchResult>,
    /// `phoneNumber`.
    #[serde(alias = "phone_number", default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<MatchResult>,
    /// `sex`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<MatchResult>,
    /// Members `MatchData` does not describe, kept as sent.
    #[serde(
        skip_deserializing,
        rename = "unknownMembers",
        serialize_with = "serialize_unknown",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub unknown_members: Vec<UnknownMember<'a>>,
}

/// `Match`: a boolean result, a probability, or (in principle) both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MatchResult {
    /// `booleanValue`: `true` a match, `false` none.
    #[serde(alias = "boolean_value", default, skip_serializing_if = "Option::is_none")]
    pub boolean_value: Option<bool>,
    /// `probabilityValue`: from 0 (no match) to 1 (a perfect match).
    #[serde(alias = "probability_value", default, skip_serializing_if = "Option::is_none")]
    pub probability_value: Option<f64>,
}

impl<'a> MatchData<'a> {
    /// Reads `identityData.match` (`field` names it in errors), members it does not describe
    /// kept in [`MatchData::unknown_members`].
    ///
    /// # Errors
    /// `field.invalid` for a described member of the wrong type; `input.duplicate_member` for
    /// one member in two spellings.
    pub fn parse(field: &str, raw: &'a RawValue) -> Result<Self, Error> {
        let mut unknown = Vec::new();
        let mut data: MatchData<'a> = read(field, "", raw, &mut unknown)?;
        data.unknown_members = unknown;
        Ok(data)
    }

    /// The results stated, with their member names, in the OpenAPI's order.
    pub fn results(&self) -> impl Iterator<Item = (&'static str, &MatchResult)> {
        [
            ("dateOfBirth", &self.date_of_birth),
            ("faceMatch", &self.face_match),
            ("familyName", &self.family_name),
            ("fullName", &self.full_name),
            ("givenName", &self.given_name),
            ("imageAuthenticity", &self.image_authenticity),
            ("liveness", &self.liveness),
            ("middleName", &self.middle_name),
            ("nationalIdNumber", &self.national_id_number),
            ("phoneNumber", &self.phone_number),
            ("sex", &self.sex),
        ]
        .into_iter()
        .filter_map(|(name, r)| r.as_ref().map(|r| (name, r)))
    }
}

// The outputs as the OpenAPI describes them (`components.schemas.*ProviderOutput` and the
// objects they nest), every member optional: a missing member is for the checks to judge.

/// `AustriaHandySignaturProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct AustriaHandySignaturOutput<'a> {
    /// `firstName`: The first name of the verified individual.
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `lastName`: The last name of the verified individual.
    #[serde(
        alias = "last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Cow<'a, str>>,
}

/// `BelgiumIdCardProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct BelgiumIdCardOutput<'a> {
    /// `firstName`: The first name of the verified individual.
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `lastName`: The last name of the verified individual.
    #[serde(
        alias = "last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): The date of birth of the verified individual.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `nationalRegisterNumber`: The Belgian National Register Number ("Rijksregisternummer") of the verified individual.
    #[serde(
        alias = "national_register_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub national_register_number: Option<Cow<'a, str>>,
}

/// `PolandEdoAppProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct PolandEdoAppOutput<'a> {
    /// `firstName`: The first name of the verified individual.
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `lastName`: The last name of the verified individual.
    #[serde(
        alias = "last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): The date of birth of the verified individual.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `nationalIdentificationNumber`: The 11-digit Polish national identification number (PESEL) of the verified individual.
    #[serde(
        alias = "national_identification_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub national_identification_number: Option<Cow<'a, str>>,
}

/// `EstoniaIdCardProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct EstoniaIdCardOutput<'a> {
    /// `firstName`: The first name of the verified individual.
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `lastName`: The last name of the verified individual.
    #[serde(
        alias = "last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): The date of birth of the verified individual.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `personalIdentificationCode`: The 11-digit Estonian personal identification code ("isikukood") of the verified individual.
    #[serde(
        alias = "personal_identification_code",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub personal_identification_code: Option<Cow<'a, str>>,
}

/// `FinlandIdCardProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct FinlandIdCardOutput<'a> {
    /// `firstName`: The first name of the verified individual.
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `lastName`: The last name of the verified individual.
    #[serde(
        alias = "last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): The date of birth of the verified individual.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `personalIdentificationCode`: The 11-digit Finnish Personal Identification Code (Henkilötunnus) of the verified individual.
    #[serde(
        alias = "personal_identification_code",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub personal_identification_code: Option<Cow<'a, str>>,
}

/// `FrejaProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct FrejaOutput<'a> {
    /// `firstName`: The first name of the verified individual.
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `lastName`: The last name of the verified individual.
    #[serde(
        alias = "last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Cow<'a, str>>,
    /// `personalNumber`: The value returned by Freja in the "ssn" field.
    #[serde(
        alias = "personal_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub personal_number: Option<Cow<'a, str>>,
    /// `personalNumberCountry`: The 2-digit ISO country code of the country which issued the personal number.
    #[serde(
        alias = "personal_number_country",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub personal_number_country: Option<Cow<'a, str>>,
}

/// `ItsmeProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct ItsmeOutput<'a> {
    /// `firstName`: The first name of the verified individual.
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `lastName`: The last name of the verified individual.
    #[serde(
        alias = "last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): The date of birth of the verified individual.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `hashedNationalRegisterNumber`: The hashed version of the Belgian National Register Number of the verified individual.
    #[serde(
        alias = "hashed_national_register_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub hashed_national_register_number: Option<Cow<'a, str>>,
    /// `nationalRegisterNumber`: The raw (not hashed) Belgian National Register Number ("Rijksregisternummer") of the verified individual.
    #[serde(
        alias = "national_register_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub national_register_number: Option<Cow<'a, str>>,
}

/// `LithuaniaIdCardProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct LithuaniaIdCardOutput<'a> {
    /// `firstName`: The first name of the verified individual.
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `lastName`: The last name of the verified individual.
    #[serde(
        alias = "last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): The date of birth of the verified individual.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `personalCode`: The 11-digit Lithuanian Personal Code (asmens kodas) of the verified individual.
    #[serde(
        alias = "personal_code",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub personal_code: Option<Cow<'a, str>>,
}

/// `LatviaEparakstsProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct LatviaEparakstsOutput<'a> {
    /// `firstName`: The first name of the verified individual.
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `lastName`: The last name of the verified individual.
    #[serde(
        alias = "last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Cow<'a, str>>,
    /// `personalCode`: The 11-digit Latvian personal code ("personas kods") of the verified individual.
    #[serde(
        alias = "personal_code",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub personal_code: Option<Cow<'a, str>>,
}

/// `LatviaEparakstsMobileProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct LatviaEparakstsMobileOutput<'a> {
    /// `firstName`: The first name of the verified individual.
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `lastName`: The last name of the verified individual.
    #[serde(
        alias = "last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Cow<'a, str>>,
    /// `personalCode`: The 11-digit Latvian personal code ("personas kods") of the verified individual.
    #[serde(
        alias = "personal_code",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub personal_code: Option<Cow<'a, str>>,
}

/// `CzechiaMojeIdProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct CzechiaMojeIdOutput<'a> {
    /// `firstName`: The first name of the verified individual.
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `lastName`: The last name of the verified individual.
    #[serde(
        alias = "last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): The date of birth of the verified individual.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `openId2Identifier`: The OpenID 2.0 Identifier ("openid2_id") of the verified individual's MojeID account.
    #[serde(
        alias = "open_id2_identifier",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub open_id2_identifier: Option<Cow<'a, str>>,
}

/// `PolandMojeIdProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct PolandMojeIdOutput<'a> {
    /// `firstName`: The first name of the verified individual.
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `lastName`: The last name of the verified individual.
    #[serde(
        alias = "last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Cow<'a, str>>,
    /// `nationalIdentificationNumber`: The 11-digit Polish national identification number (PESEL) of the verified individual.
    #[serde(
        alias = "national_identification_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub national_identification_number: Option<Cow<'a, str>>,
}

/// `PortugalIdCardProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct PortugalIdCardOutput<'a> {
    /// `firstName`: The first name of the verified individual.
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `lastName`: The last name of the verified individual.
    #[serde(
        alias = "last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): The date of birth of the verified individual.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `civilIdentificationNumber`: The 8-digit Portuguese Civil Identification Number (número de identificação civil) of the verified individual.
    #[serde(
        alias = "civil_identification_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub civil_identification_number: Option<Cow<'a, str>>,
}

/// `SerbiaIdCardProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct SerbiaIdCardOutput<'a> {
    /// `firstName`: The first name of the verified individual.
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `lastName`: The last name of the verified individual.
    #[serde(
        alias = "last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): The date of birth of the verified individual.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `uniqueMasterCitizenNumber`: The 13-digit Serbian Unique Master Citizen Number ("JMBG" / "Jedinstveni Matični Broj Građana") of the verified individual.
    #[serde(
        alias = "unique_master_citizen_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub unique_master_citizen_number: Option<Cow<'a, str>>,
}

/// `AppleWalletProviderOutput`, `GoogleWalletProviderOutput` and `SamsungWalletProviderOutput`
/// (the same one member).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct WalletOutput<'a> {
    /// `rawMdlOutput`: The raw output of the mDL exchange performed through Apple Wallet.
    #[serde(alias = "raw_mdl_output", default, skip_serializing_if = "Option::is_none")]
    pub raw_mdl_output: Option<MdlOutput<'a>>,
}

/// `MdlOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct MdlOutput<'a> {
    /// `iacaRootCertificate`: Information about the IACA Root Certificate which signed (directly or indirectly) the Document Signer Certificate for this mDL.
    #[serde(alias = "iaca_root_certificate", default, skip_serializing_if = "Option::is_none")]
    pub iaca_root_certificate: Option<MdlOutputCertificateData<'a>>,
    /// `documentSignerCertificate`: Information about the Document Signer Certificate which signed the mDL presented by the user.
    #[serde(
        alias = "document_signer_certificate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub document_signer_certificate: Option<MdlOutputCertificateData<'a>>,
    /// `documentType`: The document type of the mDL presented by the user.
    #[serde(
        alias = "document_type",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_type: Option<Cow<'a, str>>,
    /// `nameSpaces`: The namespaces, and fields within those namespaces, which were present in the processed mDL.
    #[serde(alias = "name_spaces", default, skip_serializing_if = "Option::is_none")]
    pub name_spaces: Option<Members<'a, Members<'a, MdlField<'a>>>>,
}

/// `MdlOutputCertificateData`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct MdlOutputCertificateData<'a> {
    /// `serialNumber`: The serial number of the certificate.
    #[serde(
        alias = "serial_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub serial_number: Option<Cow<'a, str>>,
    /// `commonName`: The common name (CN) of the certificate.
    #[serde(
        alias = "common_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub common_name: Option<Cow<'a, str>>,
    /// `stateOrProvinceName`: The stateOrProvinceName field from the signing certificate.
    #[serde(
        alias = "state_or_province_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub state_or_province_name: Option<Cow<'a, str>>,
    /// `notBefore` (date-time): The date before which this certificate is not valid.
    #[serde(
        alias = "not_before",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub not_before: Option<Cow<'a, str>>,
    /// `notAfter` (date-time): The date after which this certificate is not valid.
    #[serde(
        alias = "not_after",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub not_after: Option<Cow<'a, str>>,
}

/// `MitIdProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct MitIdOutput<'a> {
    /// `fullName`: The full name of the individual.
    #[serde(
        alias = "full_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub full_name: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): The date of birth of the individual.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `uniqueIdentifier` (uuid): A stable unique identifier representing the user in MitID's system.
    #[serde(
        alias = "unique_identifier",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub unique_identifier: Option<Cow<'a, str>>,
    /// `authenticationAssuranceLevel`: The authentication assurance level (AAL) for the verification.
    #[serde(
        alias = "authentication_assurance_level",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub authentication_assurance_level: Option<Cow<'a, str>>,
    /// `identityAuthenticationLevel`: The identity assurance level (IAL) for the verification.
    #[serde(
        alias = "identity_authentication_level",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub identity_authentication_level: Option<Cow<'a, str>>,
    /// `levelOfAssurance`: The level of assurance (LOA) for the verification. This is an older retired model that is a combination of Identity Assurance Level and Authentication Assurance Level.
    #[serde(
        alias = "level_of_assurance",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub level_of_assurance: Option<Cow<'a, str>>,
    /// `identificationSource`: The source of the identification for the verification.
    #[serde(
        alias = "identification_source",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub identification_source: Option<Cow<'a, str>>,
    /// `civilRegistrationNumber`: The civil registration number (CPR number) of the individual for the verification.
    #[serde(
        alias = "civil_registration_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub civil_registration_number: Option<Cow<'a, str>>,
    /// `organizationName`: The name of the organization for the verification.
    #[serde(
        alias = "organization_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub organization_name: Option<Cow<'a, str>>,
    /// `organizationNumber`: The organization number (CVR number). This is an 8-digit unique identifier for the organization. This will be prefixed with "DK" for VAT numbers.
    #[serde(
        alias = "organization_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub organization_number: Option<Cow<'a, str>>,
    /// `authorizedRepresentativeNumber`: The organization number (CVR number) of the organization the user is authorized to represent.
    #[serde(
        alias = "authorized_representative_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub authorized_representative_number: Option<Cow<'a, str>>,
}

/// `FaydaProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct FaydaOutput<'a> {
    /// `sub`: A unique eKYC identifying token used to match the original eKYC token received from the provider when the user was initially registered.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub sub: Option<Cow<'a, str>>,
}

/// `FrenchNumeriqueProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct FrenchNumeriqueOutput<'a> {
    /// `givenName`: Given name information including the full given name and its structured components.
    #[serde(alias = "given_name", default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<FrenchNumeriqueGivenName<'a>>,
    /// `familyName`: Birth name (nom de naissance) as recorded on the user's French identity document.
    #[serde(
        alias = "family_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub family_name: Option<Cow<'a, str>>,
    /// `preferredSurname`: Usage surname ("nom d'usage") - according to French law, this is the surname used in.
    #[serde(
        alias = "preferred_surname",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub preferred_surname: Option<Cow<'a, str>>,
    /// `birthdate`: Date of birth in YYYY-MM-DD format,.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub birthdate: Option<Cow<'a, str>>,
    /// `nationality`: Nationality information with ISO 3166 alpha-3 code and French label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<FrenchNumeriqueNationality<'a>>,
    /// `sex`: Sex - "Male" or "Female".
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub sex: Option<Cow<'a, str>>,
    /// `majority`: Majority status (majorité) indicating whether the user has reached the.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub majority: Option<bool>,
    /// `phoneNumber`: Phone number information including the full phone number and its structured components.
    #[serde(alias = "phone_number", default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<FrenchNumeriquePhone<'a>>,
    /// `phoneNumberVerified`: Whether the phone number has been verified by the provider.
    #[serde(alias = "phone_number_verified", default, skip_serializing_if = "Option::is_none")]
    pub phone_number_verified: Option<bool>,
    /// `email`: Email address registered in the user's digital identity account.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub email: Option<Cow<'a, str>>,
    /// `emailVerified`: Whether the email address has been verified by the provider.
    #[serde(alias = "email_verified", default, skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
    /// `birthplace`: National Institute of Statistics and Economic Studies (INSEE) official geographic code (COG).
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub birthplace: Option<Cow<'a, str>>,
    /// `birthplaceLabel`: Name of the birthplace commune (municipality). If applicable, this includes the full name of.
    #[serde(
        alias = "birthplace_label",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub birthplace_label: Option<Cow<'a, str>>,
    /// `birthCountry`: National Institute of Statistics and Economic Studies (INSEE) official geographic code (COG).
    #[serde(
        alias = "birth_country",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub birth_country: Option<Cow<'a, str>>,
    /// `birthCountryIso`: Birth country as an ISO 3166 alpha-3 code.
    #[serde(
        alias = "birth_country_iso",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub birth_country_iso: Option<Cow<'a, str>>,
    /// `birthCountryLabel`: Label of the birth country, in English.
    #[serde(
        alias = "birth_country_label",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub birth_country_label: Option<Cow<'a, str>>,
    /// `birthDepartment`: Number of the department of birth (e.g., "75" for Paris, "2A" for Corse-du-Sud).
    #[serde(
        alias = "birth_department",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub birth_department: Option<Cow<'a, str>>,
    /// `digitalIdentityCreationDate` (date): Date when the user's digital identity was created.
    #[serde(
        alias = "digital_identity_creation_date",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub digital_identity_creation_date: Option<Cow<'a, str>>,
    /// `digitalIdentityExpirationDate` (date): Date when the digital identity expires. It is valid for 5 years from the date of identity verification.
    #[serde(
        alias = "digital_identity_expiration_date",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub digital_identity_expiration_date: Option<Cow<'a, str>>,
    /// `identityDocumentType`: Type of identity document used for verification.
    #[serde(
        alias = "identity_document_type",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub identity_document_type: Option<Cow<'a, str>>,
    /// `identityDocumentNumber`: Identity document number as it appears on the ID Card, Passport or Residence Permit.
    #[serde(
        alias = "identity_document_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub identity_document_number: Option<Cow<'a, str>>,
    /// `identityDocumentEmittingDate` (date): Date when the identity document was issued.
    #[serde(
        alias = "identity_document_emitting_date",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub identity_document_emitting_date: Option<Cow<'a, str>>,
    /// `identityDocumentExpirationDate` (date): Date when the identity document expires.
    #[serde(
        alias = "identity_document_expiration_date",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub identity_document_expiration_date: Option<Cow<'a, str>>,
    /// `identityDocumentEmittingCountry`: Country that issued the identity document (ISO 3166 alpha-3 code).
    #[serde(
        alias = "identity_document_emitting_country",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub identity_document_emitting_country: Option<Cow<'a, str>>,
    /// `identityDocumentMrz`: Machine Readable Zone (MRZ) data from the ID Card, Passport or Residence Permit.
    #[serde(
        alias = "identity_document_mrz",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub identity_document_mrz: Option<Cow<'a, str>>,
}

/// `FrenchNumeriqueGivenName`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct FrenchNumeriqueGivenName<'a> {
    /// `fullGivenName`: Full given name(s) as recorded on the user's French identity document.
    #[serde(
        alias = "full_given_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub full_given_name: Option<Cow<'a, str>>,
    /// `firstName`: First/primary given name (premier prénom).
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `middleName`: Middle name(s) (prénoms secondaires), separated by spaces if multiple.
    #[serde(
        alias = "middle_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub middle_name: Option<Cow<'a, str>>,
}

/// `FrenchNumeriqueNationality`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct FrenchNumeriqueNationality<'a> {
    /// `code`: ISO 3166 alpha-3 country code.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub code: Option<Cow<'a, str>>,
    /// `label`: Nationality label in French.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub label: Option<Cow<'a, str>>,
}

/// `FrenchNumeriquePhone`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct FrenchNumeriquePhone<'a> {
    /// `fullPhoneNumber`: Full phone number including country prefix.
    #[serde(
        alias = "full_phone_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub full_phone_number: Option<Cow<'a, str>>,
    /// `countryPrefix`: International country calling code including the plus sign.
    #[serde(
        alias = "country_prefix",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub country_prefix: Option<Cow<'a, str>>,
    /// `nationalNumber`: National phone number without the country prefix.
    #[serde(
        alias = "national_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub national_number: Option<Cow<'a, str>>,
}

/// `SpidProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct SpidOutput<'a> {
    /// `billingInformation`: Information about the billable status of this SPID Verification.
    #[serde(alias = "billing_information", default, skip_serializing_if = "Option::is_none")]
    pub billing_information: Option<SpidBillingInformation<'a>>,
    /// `identityProviderEntityId`: The SPID Entity ID of the Identity Provider which issued the SPID identity.
    #[serde(
        alias = "identity_provider_entity_id",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub identity_provider_entity_id: Option<Cow<'a, str>>,
    /// `spidCode`: The identifier of the SPID credential, uniquely identifying it within the SPID federation.
    #[serde(
        alias = "spid_code",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub spid_code: Option<Cow<'a, str>>,
    /// `spidCredentialExpirationDate` (date): Expiration date of the SPID credential.
    #[serde(
        alias = "spid_credential_expiration_date",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub spid_credential_expiration_date: Option<Cow<'a, str>>,
    /// `rawIdCard`: The raw, space-separated string value for the "IdCard" field from the SPID credential.
    #[serde(
        alias = "raw_id_card",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub raw_id_card: Option<Cow<'a, str>>,
    /// `givenName`: The individual's first / given name(s).
    #[serde(
        alias = "given_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub given_name: Option<Cow<'a, str>>,
    /// `familyName`: The individual's last / family name(s).
    #[serde(
        alias = "family_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub family_name: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): The date of birth of the individual.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `gender`: The gender of the individual.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub gender: Option<Cow<'a, str>>,
    /// `placeOfBirth`: The individual's place of birth.
    #[serde(
        alias = "place_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub place_of_birth: Option<Cow<'a, str>>,
    /// `countyOfBirth`: The individual's county (province) of birth, abbreviated.
    #[serde(
        alias = "county_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub county_of_birth: Option<Cow<'a, str>>,
    /// `domicileStreetAddress`: The street address of the individual's residence.
    #[serde(
        alias = "domicile_street_address",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub domicile_street_address: Option<Cow<'a, str>>,
    /// `domicilePostalCode`: The postal code of the individual's residence.
    #[serde(
        alias = "domicile_postal_code",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub domicile_postal_code: Option<Cow<'a, str>>,
    /// `domicileMunicipality`: The municipality of the individual's residence.
    #[serde(
        alias = "domicile_municipality",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub domicile_municipality: Option<Cow<'a, str>>,
    /// `domicileProvince`: The province of the individual's residence.
    #[serde(
        alias = "domicile_province",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub domicile_province: Option<Cow<'a, str>>,
    /// `domicileNation`: The 2-digit country code of the individual's residence.
    #[serde(
        alias = "domicile_nation",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub domicile_nation: Option<Cow<'a, str>>,
    /// `email`: The email address of the individual.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub email: Option<Cow<'a, str>>,
    /// `mobilePhone`: The mobile phone number of the individual, in Italian format.
    #[serde(
        alias = "mobile_phone",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub mobile_phone: Option<Cow<'a, str>>,
    /// `digitalAddress`: The PEC (Italian Certified Email) address of the individual or organization.
    #[serde(
        alias = "digital_address",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub digital_address: Option<Cow<'a, str>>,
    /// `fiscalNumber`: Fiscal tax number for the individual.
    #[serde(
        alias = "fiscal_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub fiscal_number: Option<Cow<'a, str>>,
    /// `ivaCode`: The VAT number of the organization which was verified, or of the organization which the verified individual is associated with.
    #[serde(
        alias = "iva_code",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub iva_code: Option<Cow<'a, str>>,
    /// `companyName`: The name of the organization which was verified, or of the organization which the verified individual is associated with.
    #[serde(
        alias = "company_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub company_name: Option<Cow<'a, str>>,
    /// `companyFiscalNumber`: The fiscal tax number of the organization which was verified, or of the organization which the verified individual is associated with.
    #[serde(
        alias = "company_fiscal_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub company_fiscal_number: Option<Cow<'a, str>>,
    /// `registeredOffice`: The registered office address of the organization which was verified, or of the organization which the verified individual is associated with.
    #[serde(
        alias = "registered_office",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub registered_office: Option<Cow<'a, str>>,
}

/// `SpidBillingInformation`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct SpidBillingInformation<'a> {
    /// `isBillable`: Whether this SPID verification has resulted in a billable event.
    #[serde(alias = "is_billable", default, skip_serializing_if = "Option::is_none")]
    pub is_billable: Option<bool>,
    /// `verificationType`: The billable verification type for this SPID verification.
    #[serde(
        alias = "verification_type",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub verification_type: Option<Cow<'a, str>>,
    /// `verificationLevel` (int32): The billable verification level for this SPID verification.
    #[serde(alias = "verification_level", default, skip_serializing_if = "Option::is_none")]
    pub verification_level: Option<i64>,
}

/// `YotiProviderOutput`, `PostOfficeEasyIdProviderOutput` and `LloydsSmartIdProviderOutput` (the
/// same members: both are Yoti products).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct YotiOutput<'a> {
    /// `rememberMeId` (uuid): The unique id for your service of the individual. This is not shared between different services so if the user logs into a different service, the user will have a new id for the other service.
    #[serde(
        alias = "remember_me_id",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub remember_me_id: Option<Cow<'a, str>>,
    /// `email`: The email address of the individual.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub email: Option<Cow<'a, str>>,
    /// `givenName`: The given name of the individual. This can correspond to first and middle names in English.
    #[serde(
        alias = "given_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub given_name: Option<Cow<'a, str>>,
    /// `familyName`: The family name of the individual.
    #[serde(
        alias = "family_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub family_name: Option<Cow<'a, str>>,
    /// `fullName`: Full name of the individual which is composed of the given and family name.
    #[serde(
        alias = "full_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub full_name: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): The date of birth of the individual.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `gender`: The gender of the individual. Depending on the source or country, gender may not be verified. This is a setting that can be configured while setting up scopes.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub gender: Option<Cow<'a, str>>,
    /// `nationality`: The nationality of the individual as a ISO alpha-3 code.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub nationality: Option<Cow<'a, str>>,
    /// `mobileNumber`: The mobile phone number of the individual. This number was verified with a one time password (OTP) during the user's registration with Yoti. In some cases, Yoti may do additional checks against its sources to confirm the user's identity.
    #[serde(
        alias = "mobile_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub mobile_number: Option<Cow<'a, str>>,
    /// `structuredPostalAddress`: A structured postal address for the individual that comes from the underlying document or can be manually added. In the case of being manually added, the address is considered "unverified".
    #[serde(alias = "structured_postal_address", default, skip_serializing_if = "Option::is_none")]
    pub structured_postal_address: Option<YotiStructuredPostalAddress<'a>>,
    /// `postalAddress`: The whole address for the individual that comes from the underlying document or can be manually added. In the case of being manually added, the address is considered "unverified". The format of this will be different for each country.
    #[serde(
        alias = "postal_address",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub postal_address: Option<Cow<'a, str>>,
    /// `documentDetails`: The details of the underlying document used to help create the Yoti credential.
    #[serde(alias = "document_details", default, skip_serializing_if = "Option::is_none")]
    pub document_details: Option<YotiDocumentDetails<'a>>,
}

/// `YotiStructuredPostalAddress`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct YotiStructuredPostalAddress<'a> {
    /// `country`: The address's country. This field does not have a specified format, but is recommended to use for the country field.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub country: Option<Cow<'a, str>>,
    /// `countryIso`: The address's ISO alpha-3 country code.
    #[serde(
        alias = "country_iso",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub country_iso: Option<Cow<'a, str>>,
    /// `formattedAddress`: The whole address in proper order and formatted with line breaks.
    #[serde(
        alias = "formatted_address",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub formatted_address: Option<Cow<'a, str>>,
    /// `line1`: The first line of the address.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub line1: Option<Cow<'a, str>>,
    /// `line2`: The second line of the address.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub line2: Option<Cow<'a, str>>,
    /// `line3`: The third line of the address.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub line3: Option<Cow<'a, str>>,
    /// `line4`: The fourth line of the address.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub line4: Option<Cow<'a, str>>,
    /// `townCity`: The address's town or city.
    #[serde(
        alias = "town_city",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub town_city: Option<Cow<'a, str>>,
    /// `state`: The address's state. This is an optional field that may only appear for US addresses.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub state: Option<Cow<'a, str>>,
    /// `postalCode`: The address's postal code.
    #[serde(
        alias = "postal_code",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub postal_code: Option<Cow<'a, str>>,
    /// `buildingNumber`: The address's building number.
    #[serde(
        alias = "building_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub building_number: Option<Cow<'a, str>>,
    /// `building`: The address's building name.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub building: Option<Cow<'a, str>>,
    /// `subBuilding`: The address's sub building or specific part of the building.
    #[serde(
        alias = "sub_building",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub sub_building: Option<Cow<'a, str>>,
    /// `locality`: The address'ss locality can be an area, a village, a region, or a known neighborhood.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub locality: Option<Cow<'a, str>>,
    /// `deliveryPointReferenceNumber`: The unique delivery point reference number. This is an 8-digit code used in the UK for identifying delivery addresses.
    #[serde(
        alias = "delivery_point_reference_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub delivery_point_reference_number: Option<Cow<'a, str>>,
    /// `landmark`: The address's landmark. A landmark is a recognizable feature or place that helps locate the address. This optional field may appear only for Indian addresses.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub landmark: Option<Cow<'a, str>>,
    /// `subdistrict`: The address's subdistrict. This optional field may appear only for Indian addresses.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub subdistrict: Option<Cow<'a, str>>,
    /// `district`: The address's district. This optional field may appear only for Indian addresses.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub district: Option<Cow<'a, str>>,
    /// `postOffice`: The address's post office. This optional field may appear only for Indian addresses.
    #[serde(
        alias = "post_office",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub post_office: Option<Cow<'a, str>>,
    /// `careOf`: The address's care-of field. This indicates that mail should be delivered to an individual through another person or entity who is a known resident at the address.
    #[serde(
        alias = "care_of",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub care_of: Option<Cow<'a, str>>,
}

/// `YotiDocumentDetails`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct YotiDocumentDetails<'a> {
    /// `type`: The type of document used to create the Yoti credential.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub kind: Option<Cow<'a, str>>,
    /// `issuingCountry`: The issuing country's ISO alpha-3 code.
    #[serde(
        alias = "issuing_country",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub issuing_country: Option<Cow<'a, str>>,
    /// `documentNumber`: The arbitrary document number for the provided document type.
    #[serde(
        alias = "document_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_number: Option<Cow<'a, str>>,
    /// `expirationDate` (date): The document's expiration date in YYYY-MM-DD format.
    #[serde(
        alias = "expiration_date",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiration_date: Option<Cow<'a, str>>,
    /// `issuingAuthority`: The document's issuing authority. This can either be a country code as a specified ISO alpha-3 or the name of the issuing authority.
    #[serde(
        alias = "issuing_authority",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub issuing_authority: Option<Cow<'a, str>>,
}

/// `MexicoCurpProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct MexicoCurpOutput<'a> {
    /// `curpStatus`: Curp status for the subject.
    #[serde(
        alias = "curp_status",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub curp_status: Option<Cow<'a, str>>,
}

/// `MobileIdProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct MobileIdOutput<'a> {
    /// `givenName`: The given name of the individual, extracted from the Mobile ID authentication.
    #[serde(
        alias = "given_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub given_name: Option<Cow<'a, str>>,
    /// `familyName`: The family name (surname) of the individual, extracted from the Mobile ID.
    #[serde(
        alias = "family_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub family_name: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): The individual's date of birth, derived from the personal code.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `sex`: The individual's sex, derived from the first digit of the personal code.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub sex: Option<Cow<'a, str>>,
    /// `country`: The ISO 3166-1 alpha-2 country code extracted from the Mobile ID authentication.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub country: Option<Cow<'a, str>>,
    /// `identityType`: The identity document type, extracted from the first 3 characters of the.
    #[serde(
        alias = "identity_type",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub identity_type: Option<Cow<'a, str>>,
    /// `personalCode`: The personal code (Estonian: isikukood, Lithuanian: asmens kodas) of the individual,.
    #[serde(
        alias = "personal_code",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub personal_code: Option<Cow<'a, str>>,
    /// `serialNumber`: The SERIALNUMBER attribute from the Mobile ID authentication certificate's Subject.
    #[serde(
        alias = "serial_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub serial_number: Option<Cow<'a, str>>,
    /// `certificateSubject`: The full Subject Distinguished Name (Subject DN) from the Mobile ID.
    #[serde(
        alias = "certificate_subject",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub certificate_subject: Option<Cow<'a, str>>,
}

/// `PeruDniProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct PeruDniOutput<'a> {
    /// `address`: Information about the general area in which the DNI holder resides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<PeruDniAddress<'a>>,
    /// `arrayName`: All names that appear on DNI, as an array of strings.
    #[serde(alias = "array_name", default, skip_serializing_if = "Option::is_none")]
    pub array_name: Option<OneOrMany<'a>>,
    /// `civilStatus`: Marital status as it appears on the DNI.
    #[serde(
        alias = "civil_status",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub civil_status: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): Date of birth as it appears on the DNI.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `documentNumber`: The user's National Identity Document number (Documento Nacional de Identidad or DNI).
    #[serde(
        alias = "document_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_number: Option<Cow<'a, str>>,
    /// `documentType`: Should always be "DNI".
    #[serde(
        alias = "document_type",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_type: Option<Cow<'a, str>>,
    /// `expeditionDate` (date): Date that the DNI was issued.
    #[serde(
        alias = "expedition_date",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub expedition_date: Option<Cow<'a, str>>,
    /// `expirationDate` (date): Date that the DNI will expire. DNI expires every 8 years, unless the citizen is >= 60 years old, in which case.
    #[serde(
        alias = "expiration_date",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiration_date: Option<Cow<'a, str>>,
    /// `firstName`: Given names as they appear on DNI.
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `fullName`: All names as they appear on DNI.
    #[serde(
        alias = "full_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub full_name: Option<Cow<'a, str>>,
    /// `lastName`: Family names as they appear on DNI.
    #[serde(
        alias = "last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Cow<'a, str>>,
    /// `maternalLastName`: Maternal last name as it appears on DNI.
    #[serde(
        alias = "maternal_last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub maternal_last_name: Option<Cow<'a, str>>,
    /// `paternalLastName`: Paternal last name as it appears on DNI.
    #[serde(
        alias = "paternal_last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub paternal_last_name: Option<Cow<'a, str>>,
    /// `sex`: Sex as it appears on DNI.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub sex: Option<Cow<'a, str>>,
    /// `ubigeoReniec`: In Peru, geographical locations have an official geographical code called UBIGEO, from the spanish "UBIcación.
    #[serde(
        alias = "ubigeo_reniec",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub ubigeo_reniec: Option<Cow<'a, str>>,
    /// `verificationDigit`: The final (ninth) digit of the DNI, which serves as a checksum over the first eight digits.
    #[serde(
        alias = "verification_digit",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub verification_digit: Option<Cow<'a, str>>,
}

/// `PeruDniAddress`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct PeruDniAddress<'a> {
    /// `region`: Region in Peru (also known as department). This is the first level subdivision in the country.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub region: Option<Cow<'a, str>>,
    /// `province`: Province within the region. This is the second level subdivision in the country.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub province: Option<Cow<'a, str>>,
    /// `district`: District within the province. This is the third level subdivision in the country.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub district: Option<Cow<'a, str>>,
}

/// `PhilippinesDigitalNidProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct PhilippinesDigitalNidOutput<'a> {
    /// `philsysCardNumber`: The PhilSys Card Number (PCN). Every citizen or resident alien registered in PhilSys has a PhilSys Number (PSN). This number is tokenized into a card number to protect the PSN.
    #[serde(
        alias = "philsys_card_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub philsys_card_number: Option<Cow<'a, str>>,
}

/// `PhilippinesPhysicalNidProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct PhilippinesPhysicalNidOutput<'a> {
    /// `philsysCardNumber`: The PhilSys Card Number (PCN). Every citizen or resident alien registered in PhilSys has a PhilSys Number (PSN). This number is tokenized into a card number to protect the PSN.
    #[serde(
        alias = "philsys_card_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub philsys_card_number: Option<Cow<'a, str>>,
}

/// `SmartIdProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct SmartIdOutput<'a> {
    /// `givenName`: The given name (first name) of the individual, extracted from the Smart ID.
    #[serde(
        alias = "given_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub given_name: Option<Cow<'a, str>>,
    /// `familyName`: The family name (surname) of the individual, extracted from the Smart ID.
    #[serde(
        alias = "family_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub family_name: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): The individual's date of birth, derived from the personal code.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `sex`: The individual's sex, derived from the first digit of the personal code.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub sex: Option<Cow<'a, str>>,
    /// `country`: The ISO 3166-1 alpha-2 country code extracted from the Smart ID authentication.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub country: Option<Cow<'a, str>>,
    /// `identityType`: The identity document type, extracted from the first 3 characters of the.
    #[serde(
        alias = "identity_type",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub identity_type: Option<Cow<'a, str>>,
    /// `personalCode`: The personal code (Estonian: isikukood, Lithuanian: asmens kodas, Latvian: personas kods).
    #[serde(
        alias = "personal_code",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub personal_code: Option<Cow<'a, str>>,
    /// `serialNumber`: The SERIALNUMBER attribute from the Smart ID authentication certificate's Subject.
    #[serde(
        alias = "serial_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub serial_number: Option<Cow<'a, str>>,
    /// `certificateSubject`: The full Subject Distinguished Name (Subject DN) from the Smart ID.
    #[serde(
        alias = "certificate_subject",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub certificate_subject: Option<Cow<'a, str>>,
    /// `certificateLevel`: The certificate level indicating the authentication assurance level.
    #[serde(alias = "certificate_level", default, skip_serializing_if = "Option::is_none")]
    pub certificate_level: Option<SmartIdCertificateLevel<'a>>,
    /// `documentNumber`: A unique identifier for the Smart ID account/document used for this authentication.
    #[serde(
        alias = "document_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_number: Option<Cow<'a, str>>,
    /// `interactionFlowUsed`: Indicates which interaction flow was used during the Smart ID authentication process.
    #[serde(
        alias = "interaction_flow_used",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub interaction_flow_used: Option<Cow<'a, str>>,
    /// `deviceIpAddress`: The IP address of the device where the Smart ID app was used for authentication.
    #[serde(
        alias = "device_ip_address",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub device_ip_address: Option<Cow<'a, str>>,
}

/// `SwedenBankIdProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct SwedenBankIdOutput<'a> {
    /// `fullName`: The full name of the individual.
    #[serde(
        alias = "full_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub full_name: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): The date of birth of the individual.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `personalIdentityNumber`: The Swedish personal number (personnummer) associated with the verified individual. The value is typically a 12-digit number.
    #[serde(
        alias = "personal_identity_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub personal_identity_number: Option<Cow<'a, str>>,
    /// `givenName`: The given name of the individual.
    #[serde(
        alias = "given_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub given_name: Option<Cow<'a, str>>,
    /// `familyName`: The family name of the individual.
    #[serde(
        alias = "family_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub family_name: Option<Cow<'a, str>>,
    /// `country`: The end user's country on the verified certificate. This is ISO 2-character code of the country.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub country: Option<Cow<'a, str>>,
    /// `certificatePolicy`: The object identifier policy of the individual's verified certificate.
    #[serde(
        alias = "certificate_policy",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub certificate_policy: Option<Cow<'a, str>>,
    /// `commonName`: The common name of the end user's verified certificate.
    #[serde(
        alias = "common_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub common_name: Option<Cow<'a, str>>,
    /// `distinguishedName`: The distinguished name of the end user's verified certificate.
    #[serde(
        alias = "distinguished_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub distinguished_name: Option<Cow<'a, str>>,
    /// `personalIdentityNumberIssuingCountry`: The country that issued the Swedish personal number. This is an ISO 2-character code of the country and is extracted from the certificate. This will always be `SE`.
    #[serde(
        alias = "personal_identity_number_issuing_country",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub personal_identity_number_issuing_country: Option<Cow<'a, str>>,
    /// `authenticationDeviceIp`: The IP address of the device used for authentication.
    #[serde(
        alias = "authentication_device_ip",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub authentication_device_ip: Option<Cow<'a, str>>,
    /// `notBefore` (date-time): The certificate validity start date (not before) in UTC.
    #[serde(
        alias = "not_before",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub not_before: Option<Cow<'a, str>>,
    /// `notAfter` (date-time): The certificate validity end date (not after) in UTC.
    #[serde(
        alias = "not_after",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub not_after: Option<Cow<'a, str>>,
}

/// `LaWalletProviderOutput`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
#[non_exhaustive]
pub struct LaWalletOutput<'a> {
    /// `driversLicenseNumber`: The number of the driver's license used to create the LA Wallet credential.
    #[serde(
        alias = "drivers_license_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub drivers_license_number: Option<Cow<'a, str>>,
    /// `issueDate` (date): The issue date of the driver's license used to create the LA Wallet credential.
    #[serde(
        alias = "issue_date",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub issue_date: Option<Cow<'a, str>>,
    /// `expirationDate` (date): The expiration date of the driver's license used to create the LA Wallet credential.
    #[serde(
        alias = "expiration_date",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiration_date: Option<Cow<'a, str>>,
    /// `auditNumber`: The 4-digit audit number of the driver's license used to create the LA Wallet credential.
    #[serde(
        alias = "audit_number",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub audit_number: Option<Cow<'a, str>>,
    /// `licenseStatus`: The license status from the LA Wallet credential.
    #[serde(
        alias = "license_status",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub license_status: Option<Cow<'a, str>>,
    /// `licenseClass`: The license class from the LA Wallet credential.
    #[serde(
        alias = "license_class",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub license_class: Option<Cow<'a, str>>,
    /// `firstName`: The first name from the LA Wallet credential.
    #[serde(
        alias = "first_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Cow<'a, str>>,
    /// `middleName`: The middle name from the LA Wallet credential.
    #[serde(
        alias = "middle_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub middle_name: Option<Cow<'a, str>>,
    /// `lastName`: The last name from the LA Wallet credential.
    #[serde(
        alias = "last_name",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Cow<'a, str>>,
    /// `dateOfBirth` (date): The date of birth from the LA Wallet credential.
    #[serde(
        alias = "date_of_birth",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<Cow<'a, str>>,
    /// `sex`: The sex from the LA Wallet credential.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub sex: Option<Cow<'a, str>>,
    /// `addressLine1`: The address' line 1 from the LA Wallet credential.
    #[serde(
        alias = "address_line1",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub address_line1: Option<Cow<'a, str>>,
    /// `addressLine2`: The address' line 2 from the LA Wallet credential.
    #[serde(
        alias = "address_line2",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub address_line2: Option<Cow<'a, str>>,
    /// `addressCity`: The address' city from the LA Wallet credential.
    #[serde(
        alias = "address_city",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub address_city: Option<Cow<'a, str>>,
    /// `addressState`: The address' state from the LA Wallet credential.
    #[serde(
        alias = "address_state",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub address_state: Option<Cow<'a, str>>,
    /// `addressZip`: The address' ZIP from the LA Wallet credential.
    #[serde(
        alias = "address_zip",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub address_zip: Option<Cow<'a, str>>,
    /// `county`: The county ("parish") code from the LA Wallet credential.
    #[serde(default, deserialize_with = "opt_cow", skip_serializing_if = "Option::is_none")]
    pub county: Option<Cow<'a, str>>,
    /// `coarseAge`: The coarse age returned by LA Wallet for this credential.
    #[serde(
        alias = "coarse_age",
        default,
        deserialize_with = "opt_cow",
        skip_serializing_if = "Option::is_none"
    )]
    pub coarse_age: Option<Cow<'a, str>>,
}

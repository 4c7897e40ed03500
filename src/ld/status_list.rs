//! Credential status lists the caller supplies: W3C CCG Revocation List 2020, StatusList2021 and
//! W3C Bitstring Status List v1.0. The library never fetches a list: the caller hands in the
//! status list credential it holds ([`StatusList::parse`], [`crate::Policy::with_status_list`]),
//! its bits are decoded once, and its own proofs are verified with every credential that points
//! at it.
//!
//! All three encode the list the same way: a GZIP-compressed bitstring, base64url without
//! padding (Bitstring Status List section 2.1 adds the multibase prefix `u`); index 0 is the
//! left-most bit, i.e. the most significant bit of the first byte (Revocation List 2020
//! section 2.1, StatusList2021 section 2.1, Bitstring Status List section 3.1).

use std::io::Read as _;

use base64::alphabet::URL_SAFE;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::Error;
use crate::input::borrow::{opt_cow, OneOrMany};
use crate::input::json::{check_document, join_path, parse_typed};
use crate::limits::Limits;
use crate::model::jsonld::UnverifiedLdDocument;

/// Largest decompressed bitstring accepted: 16 MiB, 134 million entries. The specifications'
/// minimum is 16 KiB; this bounds what a hostile list can make us allocate (a GZIP stream of a
/// few kilobytes can expand to gigabytes).
pub const MAX_STATUS_LIST_BYTES: u64 = 16 * 1024 * 1024;

/// base64url, with padding tolerated: the specifications say "no padding", and a padded list
/// carries the same bits.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The three status list families, each with its entry type, list credential type and subject
/// type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListKind {
    RevocationList2020,
    StatusList2021,
    Bitstring,
}

impl ListKind {
    fn credential_type(self) -> &'static str {
        match self {
            ListKind::RevocationList2020 => "RevocationList2020Credential",
            ListKind::StatusList2021 => "StatusList2021Credential",
            ListKind::Bitstring => "BitstringStatusListCredential",
        }
    }

    fn subject_type(self) -> &'static str {
        match self {
            ListKind::RevocationList2020 => "RevocationList2020",
            ListKind::StatusList2021 => "StatusList2021",
            ListKind::Bitstring => "BitstringStatusList",
        }
    }

    pub(crate) fn entry_type(self) -> &'static str {
        match self {
            ListKind::RevocationList2020 => "RevocationList2020Status",
            ListKind::StatusList2021 => "StatusList2021Entry",
            ListKind::Bitstring => "BitstringStatusListEntry",
        }
    }

    pub(crate) fn from_entry_type(name: &str) -> Option<Self> {
        [ListKind::RevocationList2020, ListKind::StatusList2021, ListKind::Bitstring]
            .into_iter()
            .find(|k| k.entry_type() == name)
    }
}

/// A status list credential supplied by the caller, its bits decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList {
    id: String,
    kind: ListKind,
    purpose: Option<String>,
    issuer: String,
    bits: Vec<u8>,
    document: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "'de: 'a"))]
struct ListSubject<'a> {
    #[serde(rename = "type", default)]
    types: OneOrMany<'a>,
    #[serde(default, deserialize_with = "opt_cow")]
    encoded_list: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, deserialize_with = "opt_cow")]
    status_purpose: Option<std::borrow::Cow<'a, str>>,
}

impl StatusList {
    /// Reads a status list credential (JSON-LD) and decodes its bitstring. Its proofs are not
    /// verified here: they are verified, with the policy's keys and contexts, each time a
    /// credential's status is checked against it.
    ///
    /// # Errors
    /// The structure pass's errors, `field.missing` / `field.invalid` for a list without `id`,
    /// `issuer` or a known type, and `status.invalid` for an `encodedList` that does not decode
    /// or is larger than [`MAX_STATUS_LIST_BYTES`].
    pub fn parse(text: &str) -> Result<StatusList, Error> {
        const FIELD: &str = "statusList";
        let checked = check_document(FIELD, text.as_bytes(), &Limits::default())?;
        let doc = UnverifiedLdDocument::parse(FIELD, checked.text)?;
        let kind = [ListKind::RevocationList2020, ListKind::StatusList2021, ListKind::Bitstring]
            .into_iter()
            .find(|k| doc.types.contains(k.credential_type()))
            .ok_or_else(|| {
                Error::invalid(
                    join_path(FIELD, "type"),
                    "not a RevocationList2020Credential, StatusList2021Credential or BitstringStatusListCredential",
                )
            })?;
        let id = doc
            .id
            .as_deref()
            .filter(|id| !id.is_empty())
            .ok_or_else(|| Error::missing(join_path(FIELD, "id")))?;
        let issuer = doc
            .issuer
            .as_ref()
            .and_then(|i| i.id.as_deref())
            .filter(|i| !i.is_empty())
            .ok_or_else(|| Error::missing(join_path(FIELD, "issuer")))?;
        let subject_field = join_path(FIELD, "credentialSubject");
        let subject_raw: &RawValue =
            doc.credential_subject.ok_or_else(|| Error::missing(&subject_field))?;
        let subject: ListSubject<'_> = parse_typed(&subject_field, subject_raw.get())?;
        if !subject.types.contains(kind.subject_type()) {
            return Err(Error::invalid(
                join_path(&subject_field, "type"),
                format!("a {} holds a {}", kind.credential_type(), kind.subject_type()),
            ));
        }
        let purpose = match kind {
            ListKind::RevocationList2020 => None,
            ListKind::StatusList2021 | ListKind::Bitstring => Some(
                subject
                    .status_purpose
                    .as_deref()
                    .filter(|p| !p.is_empty())
                    .ok_or_else(|| Error::missing(join_path(&subject_field, "statusPurpose")))?
                    .to_owned(),
            ),
        };
        let encoded_field = join_path(&subject_field, "encodedList");
        let encoded =
            subject.encoded_list.as_deref().ok_or_else(|| Error::missing(&encoded_field))?;
        let bits = decode_bits(&encoded_field, encoded, kind)?;
        Ok(StatusList {
            id: id.to_owned(),
            kind,
            purpose,
            issuer: issuer.to_owned(),
            bits,
            document: text.to_owned(),
        })
    }

    /// The list credential's `id`: the URL credentials name in their status entries.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Its `issuer`.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// How many entries (bits) it holds.
    pub fn len(&self) -> u64 {
        u64::try_from(self.bits.len()).unwrap_or(u64::MAX).saturating_mul(8)
    }

    /// Whether it holds no entry.
    pub fn is_empty(&self) -> bool {
        self.bits.is_empty()
    }

    /// Whether entry `index` is set; `None` past the end.
    pub fn is_set(&self, index: u64) -> Option<bool> {
        let byte = self.bits.get(usize::try_from(index / 8).ok()?)?;
        Some(byte >> (7 - index % 8) & 1 == 1)
    }

    pub(crate) fn kind(&self) -> ListKind {
        self.kind
    }

    pub(crate) fn purpose(&self) -> Option<&str> {
        self.purpose.as_deref()
    }

    /// The credential as supplied, for verifying its proofs.
    pub(crate) fn document(&self) -> &str {
        &self.document
    }
}

fn decode_bits(field: &str, encoded: &str, kind: ListKind) -> Result<Vec<u8>, Error> {
    let invalid = |reason: String| Error::StatusInvalid { field: field.to_owned(), reason };
    let encoded = match kind {
        ListKind::Bitstring => encoded
            .strip_prefix('u')
            .ok_or_else(|| invalid("not multibase base64url (no `u` prefix)".into()))?,
        ListKind::RevocationList2020 | ListKind::StatusList2021 => encoded,
    };
    let compressed =
        BASE64URL.decode(encoded).map_err(|e| invalid(format!("not base64url: {e}")))?;
    let mut bits = Vec::new();
    // RFC 1952 section 2.2: a GZIP file is a series of members, and the bitstring is all of them
    // decompressed and concatenated. `GzDecoder` stops after the first member and ignores what
    // follows, so a list whose later members set bits would be read as a shorter list, with
    // those credentials unrevoked; `MultiGzDecoder` reads every member. Bytes after the last
    // member are read as the header of another, so trailing garbage fails as a bad header
    // instead of being ignored. The size bound applies to the whole: one byte past the limit
    // tells an oversize list from one exactly at it.
    let read = flate2::read::MultiGzDecoder::new(compressed.as_slice())
        .take(MAX_STATUS_LIST_BYTES + 1)
        .read_to_end(&mut bits);
    match read {
        Err(e) => Err(invalid(format!("not a GZIP stream, or bytes after its last member: {e}"))),
        Ok(n) if u64::try_from(n).unwrap_or(u64::MAX) > MAX_STATUS_LIST_BYTES => {
            Err(invalid(format!("decompresses to more than {MAX_STATUS_LIST_BYTES} bytes")))
        }
        Ok(0) => Err(invalid("an empty list".into())),
        Ok(_) => Ok(bits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    fn encode(bits: &[u8]) -> String {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(bits).unwrap();
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(gz.finish().unwrap())
    }

    fn list(kind: &str, subject_type: &str, encoded: &str) -> String {
        format!(
            r#"{{"@context":["https://www.w3.org/2018/credentials/v1"],"id":"https://issuer.example/status/1","type":["VerifiableCredential","{kind}"],
            "issuer":"did:example:issuer","issuanceDate":"2024-01-01T00:00:00Z",
            "credentialSubject":{{"id":"https://issuer.example/status/1#list","type":"{subject_type}","statusPurpose":"revocation","encodedList":"{encoded}"}}}}"#
        )
    }

    #[test]
    fn left_most_bit_is_index_zero() {
        let text = list(
            "StatusList2021Credential",
            "StatusList2021",
            &encode(&[0b1000_0001, 0, 0b0100_0000]),
        );
        let l = StatusList::parse(&text).unwrap();
        assert_eq!(
            (l.id(), l.len(), l.purpose()),
            ("https://issuer.example/status/1", 24, Some("revocation"))
        );
        let set: Vec<u64> = (0..24).filter(|i| l.is_set(*i) == Some(true)).collect();
        assert_eq!(set, [0, 7, 17]);
        assert_eq!(l.is_set(24), None);
        assert_eq!(l.is_set(u64::MAX), None);
    }

    #[test]
    fn bitstring_lists_need_the_multibase_prefix() {
        let encoded = encode(&[0; 16]);
        let err = StatusList::parse(&list(
            "BitstringStatusListCredential",
            "BitstringStatusList",
            &encoded,
        ))
        .unwrap_err();
        assert_eq!(err.code(), "status.invalid");
        let ok = StatusList::parse(&list(
            "BitstringStatusListCredential",
            "BitstringStatusList",
            &format!("u{encoded}"),
        ))
        .unwrap();
        assert_eq!(ok.len(), 128);
    }

    #[test]
    fn bad_lists_are_named() {
        let code = |text: &str| StatusList::parse(text).unwrap_err().code();
        assert_eq!(
            code(&list("StatusList2021Credential", "StatusList2021", "%%%")),
            "status.invalid"
        );
        assert_eq!(
            code(&list("StatusList2021Credential", "StatusList2021", "AAAA")),
            "status.invalid"
        );
        assert_eq!(
            code(&list("StatusList2021Credential", "StatusList2021", &encode(&[]))),
            "status.invalid"
        );
        assert_eq!(
            code(&list("StatusList2021Credential", "RevocationList2020", &encode(&[0]))),
            "field.invalid"
        );
        assert_eq!(code(&list("SomeList", "StatusList2021", &encode(&[0]))), "field.invalid");
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    }

    fn b64url(bytes: &[u8]) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    }

    /// RFC 1952 section 2.2: a list sent as two GZIP members is the two decompressed and
    /// concatenated. The revoked entry (index 8204) is in the second member: a decoder that
    /// stopped after the first would read a 1 024-byte list and call the entry out of range, or,
    /// with a first member as long as the list, clear.
    #[test]
    fn every_gzip_member_is_decoded() {
        let mut second = vec![0u8; 1024];
        second[1] = 0b0000_1000; // byte 1 025 of the list, bit 4: index 8 204
        let two = [gzip(&[0u8; 1024]), gzip(&second)].concat();
        let l =
            StatusList::parse(&list("StatusList2021Credential", "StatusList2021", &b64url(&two)))
                .unwrap();
        assert_eq!(l.len(), 2048 * 8);
        assert_eq!(l.is_set(8204), Some(true));
        assert_eq!((0..l.len()).filter(|i| l.is_set(*i) == Some(true)).count(), 1);
        // The control: the same list as one member reads the same.
        let one = [[0u8; 1024].as_slice(), &second].concat();
        let l1 = StatusList::parse(&list(
            "StatusList2021Credential",
            "StatusList2021",
            &b64url(&gzip(&one)),
        ))
        .unwrap();
        assert_eq!(
            (l1.len(), l1.is_set(8204), l1.is_set(8203)),
            (2048 * 8, Some(true), Some(false))
        );
        // Revocation List 2020 and Bitstring lists are read the same way.
        let rl = StatusList::parse(&list(
            "RevocationList2020Credential",
            "RevocationList2020",
            &b64url(&two),
        ))
        .unwrap();
        assert_eq!(rl.is_set(8204), Some(true));
        let bs = StatusList::parse(&list(
            "BitstringStatusListCredential",
            "BitstringStatusList",
            &format!("u{}", b64url(&two)),
        ))
        .unwrap();
        assert_eq!(bs.is_set(8204), Some(true));
    }

    /// Bytes after the last member are refused, not ignored: garbage, a truncated member, a
    /// member with a bad checksum.
    #[test]
    fn bytes_after_the_last_member_are_refused() {
        let one = gzip(&[0u8; 16]);
        let code = |bytes: &[u8]| {
            StatusList::parse(&list("StatusList2021Credential", "StatusList2021", &b64url(bytes)))
                .map(|l| l.len())
                .map_err(|e| e.code())
        };
        assert_eq!(code(&one), Ok(128));
        assert_eq!(code(&[one.as_slice(), b"x"].concat()), Err("status.invalid"));
        assert_eq!(code(&[one.as_slice(), &[0, 0, 0, 0]].concat()), Err("status.invalid"));
        let second = gzip(&[0xFFu8; 16]);
        assert_eq!(
            code(&[one.as_slice(), &second[..second.len() - 1]].concat()),
            Err("status.invalid")
        );
        let mut bad_crc = second.clone();
        let at = bad_crc.len() - 8;
        bad_crc[at] ^= 1;
        assert_eq!(code(&[one.as_slice(), &bad_crc].concat()), Err("status.invalid"));
        assert_eq!(code(&[one.as_slice(), &second].concat()), Ok(256));
    }

    /// The size bound is on the whole list: two members of 9 MiB each are over 16 MiB together.
    #[test]
    fn the_size_limit_applies_to_all_members_together() {
        let nine = gzip(&vec![0u8; 9 * 1024 * 1024]);
        let err = StatusList::parse(&list(
            "StatusList2021Credential",
            "StatusList2021",
            &b64url(&[nine.as_slice(), &nine].concat()),
        ))
        .unwrap_err();
        assert_eq!(err.code(), "status.invalid");
        assert!(err.to_string().contains("more than"), "{err}");
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_limit() {
        // 17 MiB of zeros compress to about 17 KB.
        let zeros = vec![0u8; 17 * 1024 * 1024];
        let err =
            StatusList::parse(&list("StatusList2021Credential", "StatusList2021", &encode(&zeros)))
                .unwrap_err();
        assert_eq!(err.code(), "status.invalid");
        assert!(err.to_string().contains("more than"), "{err}");
    }
}

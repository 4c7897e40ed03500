//! The IETF BBS signature fixtures (draft-irtf-cfrg-bbs-signatures, ciphersuite
//! BLS12-381-SHA-256, `BBS_BLS12381G1_XMD:SHA-256_SSWU_RO_H2G_HM2S_`), as an exam of the BBS
//! core bbs-2023 rests on (`vpcheck::testing::bbs_core_verify` and `bbs_core_proof_verify`).
//! Copied in `test-vectors/external/cfrg-bbs-fixtures/` (source, commit and licence in its
//! README.md). The SHAKE-256 ciphersuite is out of scope: bbs-2023 uses SHA-256 only.
//!
//! One harness over every signature and proof fixture: a valid one must verify, an invalid one
//! must be refused; a case that does otherwise must be listed in [`KNOWN_DIVERGENCES`] with why,
//! and every listed case must still diverge. Then the hostile inputs the fixtures do not hold
//! (lengths, scalars 0 or not below r, identity points, points outside the subgroup, index lists
//! out of range, unsorted or repeated), each refused with its error, and single edits of valid
//! fixtures, each of which must defeat verification.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use serde_json::Value;
use vpcheck::testing::{bbs_core_proof_verify, bbs_core_verify, BbsCoreError};

/// Cases whose verdict differs from the fixture's `result.valid`, with why. Empty: every
/// fixture is judged as the draft says.
const KNOWN_DIVERGENCES: &[(&str, &str)] = &[];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "test-vectors/external/cfrg-bbs-fixtures/tooling/fixtures/fixture_data/bls12-381-sha-256",
    )
}

fn hex(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().unwrap()).unwrap()
}

fn cases(kind: &str) -> Vec<(String, Value)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir().join(kind))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = format!("{kind}/{}", p.file_name().unwrap().to_string_lossy());
            (name, serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap())
        })
        .collect()
}

/// A signature fixture: key, signature, header, messages.
struct SignatureCase {
    pk: Vec<u8>,
    signature: Vec<u8>,
    header: Vec<u8>,
    messages: Vec<Vec<u8>>,
}

impl SignatureCase {
    fn from(case: &Value) -> Self {
        SignatureCase {
            pk: hex(&case["signerKeyPair"]["publicKey"]),
            signature: hex(&case["signature"]),
            header: hex(&case["header"]),
            messages: case["messages"].as_array().unwrap().iter().map(hex).collect(),
        }
    }

    fn verify(&self) -> Result<(), BbsCoreError> {
        let messages: Vec<&[u8]> = self.messages.iter().map(Vec::as_slice).collect();
        bbs_core_verify(&self.pk, &self.signature, &self.header, &messages)
    }
}

/// A proof fixture: the messages are all the signed ones; the disclosed are those at
/// `disclosedIndexes`, in the order listed.
struct ProofCase {
    pk: Vec<u8>,
    proof: Vec<u8>,
    header: Vec<u8>,
    ph: Vec<u8>,
    disclosed: Vec<(usize, Vec<u8>)>,
}

impl ProofCase {
    fn from(case: &Value) -> Option<Self> {
        let messages: Vec<Vec<u8>> = case["messages"].as_array().unwrap().iter().map(hex).collect();
        let disclosed = case["disclosedIndexes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let i = usize::try_from(i.as_u64().unwrap()).unwrap();
                messages.get(i).map(|m| (i, m.clone()))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(ProofCase {
            pk: hex(&case["signerPublicKey"]),
            proof: hex(&case["proof"]),
            header: hex(&case["header"]),
            ph: hex(&case["presentationHeader"]),
            disclosed,
        })
    }

    fn verify(&self) -> Result<(), BbsCoreError> {
        let disclosed: Vec<(usize, &[u8])> =
            self.disclosed.iter().map(|(i, m)| (*i, m.as_slice())).collect();
        bbs_core_proof_verify(&self.pk, &self.proof, &self.header, &self.ph, &disclosed)
    }
}

#[test]
fn every_fixture_as_the_draft_says() {
    let mut complaints = Vec::new();
    let mut diverging = Vec::new();
    let mut counts = [0usize; 2];
    for kind in ["signature", "proof"] {
        for (name, case) in cases(kind) {
            let valid = case["result"]["valid"].as_bool().unwrap();
            let verdict = match kind {
                "signature" => SignatureCase::from(&case).verify(),
                // An index past the fixture's messages: nothing to disclose, so refused.
                _ => ProofCase::from(&case)
                    .map_or(Err(BbsCoreError::Indexes("an index past the messages")), |c| {
                        c.verify()
                    }),
            };
            counts[usize::from(valid)] += 1;
            let listed = KNOWN_DIVERGENCES.iter().any(|(n, _)| *n == name);
            if verdict.is_ok() != valid {
                diverging.push(name.clone());
                if !listed {
                    complaints.push(format!(
                        "{name} ({}): expected {}, got {verdict:?}",
                        case["caseName"],
                        if valid { "valid" } else { "invalid" }
                    ));
                }
            } else if listed {
                complaints.push(format!("{name} is listed as a known divergence but passes"));
            }
        }
    }
    for (listed, _) in KNOWN_DIVERGENCES {
        if !diverging.iter().any(|n| n == listed) && !complaints.iter().any(|c| c.contains(listed))
        {
            complaints.push(format!("{listed} is listed as a known divergence but is no fixture"));
        }
    }
    eprintln!(
        "cfrg-bbs-fixtures (BLS12-381-SHA-256): {} valid, {} invalid cases; {} known divergences",
        counts[1],
        counts[0],
        KNOWN_DIVERGENCES.len()
    );
    assert_eq!(counts, [17, 8], "the fixture set changed");
    // The generators were kept in the shared caches (the fixtures sign up to 11 messages).
    assert!(vpcheck::Caches::shared().stats().bbs2023_generators >= 11);
    assert!(complaints.is_empty(), "{}", complaints.join("\n"));
}

fn signature_case(n: &str) -> SignatureCase {
    let path = dir().join(format!("signature/signature{n}.json"));
    SignatureCase::from(&serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap())
}

fn proof_case(n: &str) -> ProofCase {
    let path = dir().join(format!("proof/proof{n}.json"));
    ProofCase::from(&serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()).unwrap()
}

/// The group order r, big-endian.
const R: [u8; 32] = [
    0x73, 0xed, 0xa7, 0x53, 0x29, 0x9d, 0x7d, 0x48, 0x33, 0x39, 0xd8, 0x08, 0x09, 0xa1, 0xd8, 0x05,
    0x53, 0xbd, 0xa4, 0x02, 0xff, 0xfe, 0x5b, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01,
];

/// The compressed identity of G1 (48 bytes) or G2 (96).
fn identity(len: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
    bytes[0] = 0xc0;
    bytes
}

/// A compressed point of the curve E1 outside G1's prime-order subgroup.
fn g1_outside_subgroup() -> Vec<u8> {
    for k in 1u8..=255 {
        let mut bytes = [0u8; 48];
        bytes[0] = 0x80;
        bytes[47] = k;
        let on_curve = bool::from(blstrs::G1Affine::from_compressed_unchecked(&bytes).is_some());
        let in_group = bool::from(blstrs::G1Affine::from_compressed(&bytes).is_some());
        if on_curve && !in_group {
            return bytes.to_vec();
        }
    }
    panic!("no small x gives a point of E1 outside G1");
}

/// A compressed point of the curve E2 outside G2's prime-order subgroup.
fn g2_outside_subgroup() -> Vec<u8> {
    for k in 1u8..=255 {
        let mut bytes = [0u8; 96];
        bytes[0] = 0x80;
        bytes[95] = k;
        let on_curve = bool::from(blstrs::G2Affine::from_compressed_unchecked(&bytes).is_some());
        let in_group = bool::from(blstrs::G2Affine::from_compressed(&bytes).is_some());
        if on_curve && !in_group {
            return bytes.to_vec();
        }
    }
    panic!("no small x gives a point of E2 outside G2");
}

#[test]
fn malformed_public_keys_are_refused() {
    let mut case = signature_case("004");
    assert_eq!(case.verify(), Ok(()));
    let good = case.pk.clone();
    for (what, pk) in [
        ("empty", Vec::new()),
        ("95 bytes", good[..95].to_vec()),
        ("97 bytes", [good.as_slice(), &[0]].concat()),
        ("the identity", identity(96)),
        ("outside G2's subgroup", g2_outside_subgroup()),
        ("uncompressed flag", {
            let mut pk = good.clone();
            pk[0] &= 0x7f;
            pk
        }),
        ("x not on the curve", {
            let mut pk = good.clone();
            pk[95] ^= 1;
            pk
        }),
    ] {
        case.pk = pk.clone();
        assert!(matches!(case.verify(), Err(BbsCoreError::PublicKey(_))), "signature, key {what}");
        let mut proof = proof_case("003");
        proof.pk = pk;
        assert!(matches!(proof.verify(), Err(BbsCoreError::PublicKey(_))), "proof, key {what}");
    }
}

#[test]
fn malformed_signatures_are_refused() {
    let mut case = signature_case("004");
    let good = case.signature.clone();
    let (a, e) = good.split_at(48);
    for (what, signature) in [
        ("empty", Vec::new()),
        ("79 bytes", good[..79].to_vec()),
        ("81 bytes", [good.as_slice(), &[0]].concat()),
        ("A the identity", [identity(48).as_slice(), e].concat()),
        ("A outside G1's subgroup", [g1_outside_subgroup().as_slice(), e].concat()),
        ("e = 0", [a, &[0u8; 32]].concat()),
        ("e = r", [a, &R].concat()),
        ("e = 2^256 - 1", [a, &[0xff; 32]].concat()),
        ("e + r (e's non-canonical twin, when it fits)", {
            let mut sum = [0u8; 32];
            let mut carry = 0u16;
            for i in (0..32).rev() {
                let s = u16::from(e[i]) + u16::from(R[i]) + carry;
                sum[i] = s.to_be_bytes()[1];
                carry = s >> 8;
            }
            if carry == 0 {
                [a, &sum].concat()
            } else {
                [a, &R].concat()
            }
        }),
    ] {
        case.signature = signature;
        assert!(
            matches!(case.verify(), Err(BbsCoreError::Signature(_))),
            "signature {what}: {:?}",
            case.verify()
        );
    }
}

/// Each single edit of a valid signature's inputs defeats it.
#[test]
fn edits_of_a_valid_signature_defeat_it() {
    let good = signature_case("004");
    assert_eq!(good.verify(), Ok(()));
    let invalid = |case: &SignatureCase, what: &str| {
        assert!(
            matches!(case.verify(), Err(BbsCoreError::Invalid(_) | BbsCoreError::Signature(_))),
            "{what}: {:?}",
            case.verify()
        );
    };
    let mut case = signature_case("004");
    case.signature[79] ^= 1;
    invalid(&case, "e's last bit flipped");
    let mut case = signature_case("004");
    case.header.push(0);
    invalid(&case, "a byte appended to the header");
    let mut case = signature_case("004");
    case.header.clear();
    invalid(&case, "the header dropped");
    for i in 0..good.messages.len() {
        let mut case = signature_case("004");
        case.messages[i].push(0);
        invalid(&case, &format!("message {i} lengthened"));
    }
    let mut case = signature_case("004");
    case.messages.swap(0, 1);
    invalid(&case, "messages 0 and 1 swapped");
    let mut case = signature_case("004");
    case.messages.pop();
    invalid(&case, "the last message dropped");
    let mut case = signature_case("004");
    case.messages.push(Vec::new());
    invalid(&case, "an empty message appended");
    // Every other signature fixture's key.
    let mut case = signature_case("004");
    case.pk = hex(&serde_json::from_slice::<Value>(
        &std::fs::read(dir().join("signature/signature007.json")).unwrap(),
    )
    .unwrap()["signerKeyPair"]["publicKey"]);
    invalid(&case, "another key");
}

#[test]
fn malformed_proofs_are_refused() {
    let good = proof_case("003");
    assert_eq!(good.verify(), Ok(()));
    let proof = good.proof.clone();
    let points = 3 * 48;
    let scalar_at = |i: usize, value: &[u8]| {
        let mut p = proof.clone();
        p[points + 32 * i..points + 32 * (i + 1)].copy_from_slice(value);
        p
    };
    let scalars = (proof.len() - points) / 32;
    let mut cases: Vec<(String, Vec<u8>)> = vec![
        ("empty".into(), Vec::new()),
        ("271 bytes".into(), proof[..271].to_vec()),
        ("one byte short".into(), proof[..proof.len() - 1].to_vec()),
        ("one byte long".into(), [proof.as_slice(), &[0]].concat()),
    ];
    for (p, name) in ["Abar", "Bbar", "D"].iter().enumerate() {
        for (what, point) in
            [("the identity", identity(48)), ("outside G1's subgroup", g1_outside_subgroup())]
        {
            let mut bytes = proof.clone();
            bytes[48 * p..48 * (p + 1)].copy_from_slice(&point);
            cases.push((format!("{name} {what}"), bytes));
        }
    }
    for i in 0..scalars {
        cases.push((format!("scalar {i} = 0"), scalar_at(i, &[0; 32])));
        cases.push((format!("scalar {i} = r"), scalar_at(i, &R)));
        cases.push((format!("scalar {i} = 2^256 - 1"), scalar_at(i, &[0xff; 32])));
    }
    for (what, bytes) in cases {
        let mut case = proof_case("003");
        case.proof = bytes;
        assert!(
            matches!(case.verify(), Err(BbsCoreError::Proof(_))),
            "proof {what}: {:?}",
            case.verify()
        );
    }
}

#[test]
fn malformed_disclosed_indexes_are_refused() {
    // proof003: 10 messages, indexes 0, 2, 4, 6 disclosed, 6 undisclosed in the proof.
    let good = proof_case("003");
    let m = |i: usize| good.disclosed.iter().find(|(j, _)| *j == i).unwrap().1.clone();
    for (what, disclosed) in [
        ("unsorted", vec![(2, m(2)), (0, m(0)), (4, m(4)), (6, m(6))]),
        ("repeated", vec![(0, m(0)), (2, m(2)), (2, m(2)), (6, m(6))]),
        ("past the 10 signed messages", vec![(0, m(0)), (2, m(2)), (4, m(4)), (10, m(6))]),
        ("far past", vec![(0, m(0)), (2, m(2)), (4, m(4)), (usize::MAX, m(6))]),
    ] {
        let mut case = proof_case("003");
        case.disclosed = disclosed;
        assert!(
            matches!(case.verify(), Err(BbsCoreError::Indexes(_))),
            "indexes {what}: {:?}",
            case.verify()
        );
    }
}

#[test]
fn too_many_messages_are_refused_before_any_work() {
    // A proof whose length claims 2000 undisclosed messages.
    let mut case = proof_case("001");
    case.proof = [case.proof.as_slice(), &vec![1u8; 32 * 2000]].concat();
    assert!(matches!(case.verify(), Err(BbsCoreError::TooManyMessages { .. })));
    let case = signature_case("004");
    let messages: Vec<&[u8]> = vec![b"m".as_slice(); 1025];
    assert!(matches!(
        bbs_core_verify(&case.pk, &case.signature, &case.header, &messages),
        Err(BbsCoreError::TooManyMessages { count: 1025 })
    ));
}

/// Each single edit of a valid proof's inputs defeats it.
#[test]
fn edits_of_a_valid_proof_defeat_it() {
    for n in ["001", "002", "003", "014", "015"] {
        let good = proof_case(n);
        assert_eq!(good.verify(), Ok(()), "proof{n}");
        let invalid = |case: &ProofCase, what: &str| {
            assert!(
                matches!(case.verify(), Err(BbsCoreError::Invalid(_))),
                "proof{n}, {what}: {:?}",
                case.verify()
            );
        };
        let scalars = (good.proof.len() - 144) / 32;
        for i in 0..scalars {
            let mut case = proof_case(n);
            // The scalar's low bit: stays in 1..r for these fixtures' values (asserted below).
            let at = 144 + 32 * i + 31;
            case.proof[at] ^= 1;
            if matches!(case.verify(), Err(BbsCoreError::Proof(_))) {
                continue;
            }
            invalid(&case, &format!("scalar {i}'s low bit flipped"));
        }
        for p in 0..3 {
            // Another subgroup point in place of Abar, Bbar or D: the proof's own Abar or Bbar.
            let mut case = proof_case(n);
            let other = good.proof[48 * ((p + 1) % 3)..48 * ((p + 1) % 3 + 1)].to_vec();
            case.proof[48 * p..48 * (p + 1)].copy_from_slice(&other);
            invalid(&case, &format!("point {p} replaced"));
        }
        let mut case = proof_case(n);
        case.ph.push(0);
        invalid(&case, "presentation header lengthened");
        let mut case = proof_case(n);
        case.header = b"other".to_vec();
        invalid(&case, "header changed");
        for k in 0..good.disclosed.len() {
            let mut case = proof_case(n);
            case.disclosed[k].1.push(0);
            invalid(&case, &format!("disclosed message {k} changed"));
        }
        if good.disclosed.len() > 1 {
            let mut case = proof_case(n);
            case.disclosed.pop();
            invalid(&case, "a disclosed message withheld");
        }
        // A disclosed index moved to an undisclosed position (same count).
        let mut case = proof_case(n);
        if let Some(last) = case.disclosed.last_mut() {
            last.0 += 1;
            let verdict = case.verify();
            assert!(
                matches!(verdict, Err(BbsCoreError::Invalid(_) | BbsCoreError::Indexes(_))),
                "proof{n}, last index moved: {verdict:?}"
            );
        }
        // One more undisclosed message: a copy of the challenge appended as a commitment.
        let mut case = proof_case(n);
        let c = case.proof[case.proof.len() - 32..].to_vec();
        case.proof.extend_from_slice(&c);
        invalid(&case, "an extra commitment");
    }
}

/// Every single-bit flip of a valid signature, and one bit of every byte of a valid proof (each
/// bit position in turn), is refused: never verified, never a panic.
#[test]
fn bit_flips_never_verify() {
    let good = signature_case("004");
    for byte in 0..good.signature.len() {
        for bit in 0..8 {
            let mut case = signature_case("004");
            case.signature[byte] ^= 1 << bit;
            assert!(case.verify().is_err(), "signature byte {byte} bit {bit}");
        }
    }
    let good = proof_case("003");
    for byte in 0..good.proof.len() {
        let mut case = proof_case("003");
        case.proof[byte] ^= 1 << (byte % 8);
        assert!(case.verify().is_err(), "proof byte {byte}");
    }
}

/// Pseudo-random bytes of every length up to past a proof's, as key, signature and proof:
/// refused, never a panic (a fixed xorshift sequence, so a failure replays).
#[test]
fn garbage_is_refused() {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut bytes = |len: usize| -> Vec<u8> {
        (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state.to_be_bytes()[0]
            })
            .collect()
    };
    let sig = signature_case("004");
    let proof = proof_case("003");
    let messages: Vec<&[u8]> = sig.messages.iter().map(Vec::as_slice).collect();
    let disclosed: Vec<(usize, &[u8])> =
        proof.disclosed.iter().map(|(i, m)| (*i, m.as_slice())).collect();
    for len in (0..100).chain([144, 271, 272, 273, 304, 400, 464, 465, 496]) {
        let garbage = bytes(len);
        assert!(bbs_core_verify(&garbage, &sig.signature, &sig.header, &messages).is_err());
        assert!(bbs_core_verify(&sig.pk, &garbage, &sig.header, &messages).is_err());
        assert!(bbs_core_proof_verify(
            &garbage,
            &proof.proof,
            &proof.header,
            &proof.ph,
            &disclosed
        )
        .is_err());
        assert!(bbs_core_proof_verify(&proof.pk, &garbage, &proof.header, &proof.ph, &disclosed)
            .is_err());
        // Garbage with valid-looking points: the fixture's three, then random scalars.
        if len >= 128 {
            let spliced = [&proof.proof[..144], &garbage[..len - len % 32]].concat();
            assert!(
                bbs_core_proof_verify(&proof.pk, &spliced, &proof.header, &proof.ph, &disclosed)
                    .is_err(),
                "spliced, {len}"
            );
        }
    }
}

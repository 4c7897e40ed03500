//! The BBS+ verification equations of ldp-bbs2020, computed on BLS12-381 from blst (through
//! `blstrs`) instead of the `bbs` 0.4 crate's `pairing-plus` backend, which is about ten times
//! slower (README, "BBS+"). What is checked, and every byte hashed into a challenge, is what
//! `bbs` 0.4 checks and hashes (the reference implementation, mattrglobal/jsonld-signatures-bbs,
//! is built on it); `tests/bbs_backends.rs` holds the two to the same verdict on every shared and
//! generated vector and on thousands of mutations of them.
//!
//! The one part left to `bbs` 0.4 is the issuer key's expansion into message generators: it
//! hashes to G1 with an early hash-to-curve draft (its `sgn0` is the sign of the centre-lifted
//! value, RFC 9380's is the parity), so no RFC 9380 implementation reproduces the points.
//! Expansion costs one hash-to-curve per message, so the expanded keys are kept, per key and
//! message count, in the caller's bounded cache ([`KeyCache`], part of `crate::Caches`).
//!
//! Notation follows the BBS+ scheme of Au, Susilo and Mu (and Camenisch, Drijvers and Lehmann,
//! section 4.5, for the proof of knowledge): `w` the issuer's G2 key, `h0` and `h[i]` the message
//! generators, `g1`/`g2` the group generators.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use blake2::digest::consts::U48;
use blake2::digest::Digest;
use blstrs::{Bls12, G1Affine, G1Projective, G2Affine, G2Prepared, G2Projective, Gt, Scalar};
use group::ff::Field;
use group::prime::PrimeCurveAffine;
use group::{Curve, Group};
use pairing::{MillerLoopResult, MultiMillerLoop};

use crate::ld::bbs2020::fixed_base::{FixedBase, FixedBaseSum};

/// Compressed G1 point.
const G1_BYTES: usize = 48;
/// Compressed G2 point (the issuer key).
const G2_BYTES: usize = 96;
/// A scalar, big-endian.
const SCALAR_BYTES: usize = 32;
/// A signature: `A`, `e`, `s`.
pub(crate) const SIGNATURE_BYTES: usize = G1_BYTES + 2 * SCALAR_BYTES;
/// Most messages a key is expanded for that still gets fixed-base tables (6 MiB). A proof may
/// claim up to `MAX_BBS_MESSAGES` (1024): a hostile one must not make the
/// verifier build 48 MiB of tables for it. Past this the generators are multiplied with
/// Pippenger's method.
const MAX_TABULATED_MESSAGES: usize = 128;

/// An issuer key expanded for a message count: `w` and the generators, decoded and checked once.
pub(crate) struct ExpandedKey {
    w: G2Affine,
    w_prepared: G2Prepared,
    h0: G1Projective,
    h0_uncompressed: [u8; 96],
    h: Vec<G1Projective>,
    h_uncompressed: Vec<[u8; 96]>,
    /// How many checks have used the key.
    uses: AtomicUsize,
    /// Fixed-base tables of `h0` and `h`, built by the key's second check: they make every later
    /// check cheaper but cost several checks to build (BENCHMARKS.md, "Measurements the design
    /// rests on"), which a key checked once (`vpcheck verify` on one file, most fuzz inputs)
    /// would never recoup.
    tables: OnceLock<GeneratorTables>,
}

/// The fixed-base tables of a key's generators.
struct GeneratorTables {
    h0: FixedBase,
    h: Vec<FixedBase>,
}

impl ExpandedKey {
    /// The number of messages the key was expanded for.
    pub(crate) fn message_count(&self) -> usize {
        self.h.len()
    }

    /// Makes the next check the key's first again, which multiplies without the tables.
    #[cfg(test)]
    pub(crate) fn forget_uses(&self) {
        self.uses.store(0, Ordering::Relaxed);
    }

    /// The generators' tables from the key's second check on: called once per check.
    fn tables(&self) -> Option<&GeneratorTables> {
        if self.h.len() > MAX_TABULATED_MESSAGES || self.uses.fetch_add(1, Ordering::Relaxed) == 0 {
            return None;
        }
        Some(self.tables.get_or_init(|| GeneratorTables {
            h0: FixedBase::new(&self.h0),
            h: self.h.iter().map(FixedBase::new).collect(),
        }))
    }
}

/// Which of a key's generators a term multiplies.
#[derive(Clone, Copy)]
enum Generator {
    /// `g1`, the group's.
    G1,
    /// `h0`, the blinding generator.
    H0,
    /// `h[i]`, message `i`'s.
    H(usize),
}

/// `Σ scalar · generator` over a key's generators, plus terms of other points: the generators
/// from their fixed-base tables when the key has them, the rest in one multi-exponentiation.
struct Products<'k> {
    key: &'k ExpandedKey,
    tables: Option<&'k GeneratorTables>,
    fixed: FixedBaseSum,
    bases: Vec<G1Projective>,
    scalars: Vec<Scalar>,
}

impl<'k> Products<'k> {
    /// Room for `terms` terms, with the key's tables when the check has them.
    fn new(
        key: &'k ExpandedKey,
        tables: Option<&'k GeneratorTables>,
        terms: usize,
    ) -> Products<'k> {
        let fixed = FixedBaseSum::with_capacity(if tables.is_some() { terms } else { 0 });
        Products {
            key,
            tables,
            fixed,
            bases: Vec::with_capacity(terms),
            scalars: Vec::with_capacity(terms),
        }
    }

    /// Adds `scalar · generator`.
    fn generator(&mut self, generator: Generator, scalar: Scalar) -> Result<(), String> {
        let past_the_key = || format!("a message index past the key's {}", self.key.h.len());
        if let Some(tables) = self.tables {
            let table = match generator {
                Generator::G1 => g1_table(),
                Generator::H0 => &tables.h0,
                Generator::H(i) => tables.h.get(i).ok_or_else(past_the_key)?,
            };
            self.fixed.add(table, &scalar);
        } else {
            let point = match generator {
                Generator::G1 => G1Projective::generator(),
                Generator::H0 => self.key.h0,
                Generator::H(i) => *self.key.h.get(i).ok_or_else(past_the_key)?,
            };
            self.point(point, scalar);
        }
        Ok(())
    }

    /// Adds `scalar · point`.
    fn point(&mut self, point: G1Projective, scalar: Scalar) {
        self.bases.push(point);
        self.scalars.push(scalar);
    }

    /// The sum.
    fn sum(&self) -> G1Projective {
        self.fixed.sum() + multi_exp(&self.bases, &self.scalars)
    }
}

/// Why an issuer key could not be used.
#[derive(Debug)]
pub(crate) enum KeyError {
    /// Not a 96-byte compressed G2 point of the prime-order subgroup, or the identity.
    NotAPoint(String),
    /// The expansion failed (a message count of zero) or yielded the identity.
    Expansion(String),
}

/// Expanded issuer keys by key and message count: the BBS+ half of [`crate::Caches`], bounded
/// by the generators it holds (48 KiB of fixed-base tables each once a key is in use,
/// `fixed_base`); past the bound it starts over, and with a bound of 0 nothing is kept.
pub(crate) struct KeyCache {
    entries: Mutex<KeyEntries>,
    max_generators: usize,
}

/// Expanded keys by key bytes and message count, and the generators they hold.
type KeyEntries = (HashMap<(Vec<u8>, usize), Arc<ExpandedKey>>, usize);

impl KeyCache {
    pub(crate) fn new(max_generators: usize) -> Self {
        KeyCache { entries: Mutex::new((HashMap::new(), 0)), max_generators }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, KeyEntries> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many expanded keys, and how many generators they hold.
    pub(crate) fn counts(&self) -> (usize, usize) {
        let guard = self.lock();
        (guard.0.len(), guard.1)
    }

    /// Drops every expanded key.
    pub(crate) fn clear(&self) {
        let mut guard = self.lock();
        guard.0.clear();
        guard.1 = 0;
    }

    /// `public_key` expanded for `count` messages, from the cache when it was expanded before.
    pub(crate) fn expanded_key(
        &self,
        public_key: &[u8],
        count: usize,
    ) -> Result<Arc<ExpandedKey>, KeyError> {
        let cache_key = (public_key.to_vec(), count);
        if let Some(hit) = self.lock().0.get(&cache_key) {
            return Ok(Arc::clone(hit));
        }
        let expanded = Arc::new(expand(public_key, count)?);
        if count > self.max_generators {
            return Ok(expanded);
        }
        let mut guard = self.lock();
        let (entries, generators) = &mut *guard;
        if *generators + count > self.max_generators {
            entries.clear();
            *generators = 0;
        }
        if entries.insert(cache_key, Arc::clone(&expanded)).is_none() {
            *generators += count;
        }
        Ok(expanded)
    }
}

/// bbs 0.4's `DeterministicPublicKey::to_public_key`: `h0 = H(w || 0^4 || 0 || count^4)`,
/// `h[i] = H(w || (i+1)^4 || 0 || count^4)` with its hash to G1, converted to blst points.
fn expand(public_key: &[u8], count: usize) -> Result<ExpandedKey, KeyError> {
    use bbs::prelude::DeterministicPublicKey;
    let bytes: &[u8; G2_BYTES] = public_key.try_into().map_err(|_| {
        KeyError::NotAPoint(format!(
            "{} bytes, not a {G2_BYTES}-byte compressed G2 point",
            public_key.len()
        ))
    })?;
    let w = Option::<G2Affine>::from(G2Affine::from_compressed(bytes))
        .filter(|w| !bool::from(w.is_identity()))
        .ok_or_else(|| {
            KeyError::NotAPoint("not a point of BLS12-381 G2's prime-order subgroup".into())
        })?;
    let deterministic = DeterministicPublicKey::try_from(public_key)
        .map_err(|e| KeyError::NotAPoint(e.to_string()))?;
    // `pairing-plus` returns errors for what it refuses, but its panic must not reach the caller.
    let expanded =
        std::panic::catch_unwind(|| deterministic.to_public_key(count).map_err(|e| e.to_string()))
            .unwrap_or_else(|_| Err("the BBS+ library failed to expand the key".into()))
            .map_err(KeyError::Expansion)?;
    let generator = |g: &bbs::prelude::GeneratorG1| {
        let uncompressed = g.to_bytes_uncompressed_form();
        Option::<G1Affine>::from(G1Affine::from_uncompressed(&uncompressed))
            .filter(|p| !bool::from(p.is_identity()))
            .map(|p| (G1Projective::from(p), uncompressed))
            .ok_or_else(|| {
                KeyError::Expansion(
                    "a generator is not a point of G1 other than the identity".into(),
                )
            })
    };
    let (h0, h0_uncompressed) = generator(&expanded.h0)?;
    let (h, h_uncompressed) =
        expanded.h.iter().map(generator).collect::<Result<(Vec<_>, Vec<_>), _>>()?;
    Ok(ExpandedKey {
        w,
        w_prepared: G2Prepared::from(w),
        h0,
        h0_uncompressed,
        h,
        h_uncompressed,
        uses: AtomicUsize::new(0),
        tables: OnceLock::new(),
    })
}

/// bbs 0.4's `SignatureMessage::hash` (and `ProofNonce::hash`, `ProofChallenge::hash`): BLAKE2b
/// with a 48-byte output, read as a big-endian integer and reduced modulo the group order.
pub(crate) fn hash_to_scalar(data: &[u8]) -> Scalar {
    let okm = blake2::Blake2b::<U48>::digest(data);
    // Horner over big-endian 64-bit limbs: exact modulo r, and infallible.
    let two_64 = Scalar::from(1u64 << 32).square();
    okm.chunks_exact(8).fold(Scalar::ZERO, |acc, limb| {
        let limb = limb.iter().fold(0u64, |v, b| v << 8 | u64::from(*b));
        acc * two_64 + Scalar::from(limb)
    })
}

/// `Σ bases[i] · scalars[i]` (blst: small windows below 32 points, Pippenger's method above).
/// Splitting a BBS+ key's 32 to 64 points into slices under 32 costs more instructions, not
/// fewer (measured with callgrind: 14 M against 11 M for 33 points).
fn multi_exp(bases: &[G1Projective], scalars: &[Scalar]) -> G1Projective {
    match (bases, scalars) {
        // blst indexes the first point.
        ([], _) | (_, []) => return G1Projective::identity(),
        // One point: blst's single multiplication, not a one-point Pippenger.
        ([base], [scalar]) => return base * scalar,
        _ => {}
    }
    G1Projective::multi_exp(bases, scalars)
}

/// `e(a, b) · e(c, d) == 1`, with `b` and `d` prepared.
fn pairing_product_is_one(a: &G1Affine, b: &G2Prepared, c: &G1Affine, d: &G2Prepared) -> bool {
    Bls12::multi_miller_loop(&[(a, b), (c, d)]).final_exponentiation() == Gt::identity()
}

/// The table of G1's generator.
fn g1_table() -> &'static FixedBase {
    static G1: OnceLock<FixedBase> = OnceLock::new();
    G1.get_or_init(|| FixedBase::new(&G1Projective::generator()))
}

fn g2_generator_prepared() -> &'static G2Prepared {
    static G2: OnceLock<G2Prepared> = OnceLock::new();
    G2.get_or_init(|| G2Prepared::from(G2Affine::generator()))
}

/// A byte reader over a proof value, each read naming what it reads.
struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], String> {
        if self.rest.len() < n {
            return Err(format!("{what}: needs {n} bytes, {} remain", self.rest.len()));
        }
        let (taken, rest) = self.rest.split_at(n);
        self.rest = rest;
        Ok(taken)
    }

    /// A compressed G1 point, checked to be on the curve and in the prime-order subgroup.
    fn point(&mut self, what: &str) -> Result<G1Affine, String> {
        let bytes: &[u8; G1_BYTES] = self
            .take(G1_BYTES, what)?
            .try_into()
            .map_err(|_| format!("{what}: not {G1_BYTES} bytes"))?;
        Option::<G1Affine>::from(G1Affine::from_compressed(bytes))
            .ok_or_else(|| format!("{what} is not a point of G1's prime-order subgroup"))
    }

    /// A sub-proof's commitment: a compressed point of the curve, not checked for the subgroup.
    /// It is only compared with a point computed from subgroup points (and hashed as encoded),
    /// so one outside the subgroup fails that comparison; the check would cost a tenth of the
    /// verification.
    fn commitment(&mut self, what: &str) -> Result<G1Affine, String> {
        let bytes: &[u8; G1_BYTES] = self
            .take(G1_BYTES, what)?
            .try_into()
            .map_err(|_| format!("{what}: not {G1_BYTES} bytes"))?;
        Option::<G1Affine>::from(G1Affine::from_compressed_unchecked(bytes))
            .ok_or_else(|| format!("{what} is not a point of the curve"))
    }

    /// A big-endian scalar, refused unless below the group order (as `pairing-plus` does).
    fn scalar(&mut self, what: &str) -> Result<Scalar, String> {
        let bytes: &[u8; SCALAR_BYTES] = self
            .take(SCALAR_BYTES, what)?
            .try_into()
            .map_err(|_| format!("{what}: not {SCALAR_BYTES} bytes"))?;
        Option::<Scalar>::from(Scalar::from_bytes_be(bytes))
            .ok_or_else(|| format!("{what} is not below the group order"))
    }

    fn u32(&mut self, what: &str) -> Result<usize, String> {
        let bytes: [u8; 4] =
            self.take(4, what)?.try_into().map_err(|_| format!("{what}: not 4 bytes"))?;
        usize::try_from(u32::from_be_bytes(bytes))
            .map_err(|_| format!("{what} is past the address space"))
    }
}

/// `BbsBlsSignature2020`: the signature `(A, e, s)` over `messages` (as many as the key was
/// expanded for) verifies when `e(A, w · g2^e) == e(g1 · h0^s · Π h[i]^m[i], g2)`.
pub(crate) fn verify_signature(
    key: &ExpandedKey,
    messages: &[Scalar],
    signature: &[u8],
) -> Result<(), String> {
    if signature.len() != SIGNATURE_BYTES {
        return Err(format!("a signature is {SIGNATURE_BYTES} bytes, not {}", signature.len()));
    }
    if messages.len() != key.message_count() {
        return Err(format!(
            "{} messages for a key expanded for {}",
            messages.len(),
            key.message_count()
        ));
    }
    let mut reader = Reader { rest: signature };
    let malformed = |e: String| format!("malformed signature: {e}");
    let a = reader.point("A").map_err(malformed)?;
    let e = reader.scalar("e").map_err(malformed)?;
    let s = reader.scalar("s").map_err(malformed)?;
    if bool::from(a.is_identity()) {
        return Err("malformed signature: A is the identity".into());
    }
    let mut b = Products::new(key, key.tables(), messages.len() + 2);
    b.generator(Generator::G1, Scalar::ONE)?;
    b.generator(Generator::H0, s)?;
    for (i, m) in messages.iter().enumerate() {
        b.generator(Generator::H(i), *m)?;
    }
    let b = b.sum();
    let w_e = (G2Projective::generator() * e + key.w).to_affine();
    if pairing_product_is_one(
        &a,
        &G2Prepared::from(w_e),
        &(-b).to_affine(),
        g2_generator_prepared(),
    ) {
        Ok(())
    } else {
        Err("the signature does not verify over the canonical statements".into())
    }
}

/// A proof of knowledge of discrete logarithms: its commitment and responses.
struct SubProof {
    commitment: G1Affine,
    responses: Vec<Scalar>,
}

impl SubProof {
    /// A compressed sub-proof that is exactly `bytes`: commitment, `u32` response count, the
    /// responses. `bbs` 0.4 ignores bytes after the responses; a proof that carries any is
    /// refused here (no prover writes them).
    fn read(bytes: &[u8], what: &str, responses: usize) -> Result<SubProof, String> {
        let mut reader = Reader { rest: bytes };
        let commitment = reader.commitment(&format!("{what} commitment"))?;
        let count = reader.u32(&format!("{what} response count"))?;
        if count != responses {
            return Err(format!("{what} has {count} responses, the statement needs {responses}"));
        }
        let responses = (0..count)
            .map(|i| reader.scalar(&format!("{what} response {i}")))
            .collect::<Result<Vec<_>, _>>()?;
        if !reader.rest.is_empty() {
            return Err(format!("{} bytes after {what}'s responses", reader.rest.len()));
        }
        Ok(SubProof { commitment, responses })
    }
}

/// `BbsBlsSignatureProof2020`: the compressed proof of knowledge `pok` of a signature on
/// `key.message_count()` messages, of which `revealed` (index, message, in ascending index order)
/// are disclosed, under the proof nonce `nonce` (the hash of the proof's decoded `nonce`).
///
/// As bbs 0.4's `PoKOfSignatureProof::verify`: `A' ≠ 1`; `e(A', w) == e(Ā, g2)`; the first
/// sub-proof shows `Ā / d = A'^-e · h0^r2`, the second `g1 · Π_revealed h[i]^m[i] =
/// d^r3 · h0^-s' · Π_hidden h[j]^-m[j]`, both under the challenge that hashes the points and
/// commitments with the nonce.
pub(crate) fn verify_proof(
    key: &ExpandedKey,
    revealed: &[(usize, Scalar)],
    pok: &[u8],
    nonce: Scalar,
) -> Result<(), String> {
    let count = key.message_count();
    if revealed.windows(2).any(|pair| matches!(pair, [(a, _), (b, _)] if a >= b))
        || revealed.last().is_some_and(|(i, _)| *i >= count)
    {
        return Err(format!(
            "revealed indices must ascend and stay below the {count} signed messages"
        ));
    }
    let hidden: Vec<usize> = {
        let mut revealed_indices = revealed.iter().map(|(i, _)| *i).peekable();
        (0..count).filter(|i| revealed_indices.next_if_eq(i).is_none()).collect()
    };

    let parsed = || -> Result<_, String> {
        let mut reader = Reader { rest: pok };
        let a_prime = reader.point("A'")?;
        let a_bar = reader.point("Ā")?;
        let d = reader.point("d")?;
        let first_len = reader.u32("the first sub-proof's length")?;
        let first = SubProof::read(
            reader.take(first_len, "the first sub-proof")?,
            "the first sub-proof",
            2,
        )?;
        let second = SubProof::read(reader.rest, "the second sub-proof", 2 + hidden.len())?;
        Ok((a_prime, a_bar, d, first, second))
    };
    let (a_prime, a_bar, d, first, second) =
        parsed().map_err(|e| format!("malformed proof of knowledge: {e}"))?;

    if bool::from(a_prime.is_identity()) {
        return Err("A' is the identity".into());
    }
    // The challenge (bbs 0.4 `get_bytes_for_challenge`, then the nonce): points uncompressed.
    let mut transcript = Vec::with_capacity((7 + hidden.len()) * 96 + SCALAR_BYTES);
    for point in [&a_bar, &a_prime] {
        transcript.extend_from_slice(&point.to_uncompressed());
    }
    transcript.extend_from_slice(&key.h0_uncompressed);
    transcript.extend_from_slice(&first.commitment.to_uncompressed());
    transcript.extend_from_slice(&d.to_uncompressed());
    transcript.extend_from_slice(&key.h0_uncompressed);
    for j in &hidden {
        transcript
            .extend_from_slice(key.h_uncompressed.get(*j).ok_or("a hidden index past the key")?);
    }
    transcript.extend_from_slice(&second.commitment.to_uncompressed());
    transcript.extend_from_slice(&nonce.to_bytes_be());
    let c = hash_to_scalar(&transcript);

    if !pairing_product_is_one(&a_prime, &key.w_prepared, &-a_bar, g2_generator_prepared()) {
        return Err(
            "the proof of knowledge does not verify: A' and Ā are not paired by the issuer key"
                .into(),
        );
    }
    let (a_prime, a_bar, d) =
        (G1Projective::from(a_prime), G1Projective::from(a_bar), G1Projective::from(d));

    // First sub-proof: A'^r1 · h0^r2 · (Ā / d)^c == T1.
    let [r1, r2] = <[Scalar; 2]>::try_from(first.responses)
        .map_err(|_| "the first sub-proof needs 2 responses")?;
    let tables = key.tables();
    let mut lhs = Products::new(key, tables, 3);
    lhs.point(a_prime, r1);
    lhs.generator(Generator::H0, r2)?;
    lhs.point(a_bar - d, c);
    if lhs.sum() != G1Projective::from(first.commitment) {
        return Err(
            "the proof of knowledge does not verify: the first sub-proof (A', Ā, d) fails".into()
        );
    }

    // Second sub-proof: d^r3 · h0^r4 · Π_hidden h[j]^r[j] · (g1 · Π_revealed h[i]^m[i])^-c == T2.
    let mut lhs = Products::new(key, tables, count + 3);
    let mut responses = second.responses.into_iter();
    let (Some(r3), Some(r4)) = (responses.next(), responses.next()) else {
        return Err("the second sub-proof is missing a response".into());
    };
    lhs.point(d, r3);
    lhs.generator(Generator::H0, r4)?;
    for (j, r) in hidden.iter().zip(responses) {
        lhs.generator(Generator::H(*j), r)?;
    }
    lhs.generator(Generator::G1, -c)?;
    for (i, m) in revealed {
        lhs.generator(Generator::H(*i), -(c * m))?;
    }
    if lhs.sum() != G1Projective::from(second.commitment) {
        return Err("the proof of knowledge does not verify: the disclosed messages are not the signed ones".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use bbs::prelude::{DeterministicPublicKey, KeyGenOption};

    /// A key is tabulated from its second check on, and never when expanded for more messages
    /// than `MAX_TABULATED_MESSAGES`, whatever the proof claims.
    #[test]
    fn tables_from_the_second_check_and_only_for_small_keys() {
        let (key, _) =
            DeterministicPublicKey::new(Some(KeyGenOption::UseSeed(b"vpcheck tables".to_vec())));
        let key = key.to_bytes_compressed_form();
        let small = expand(&key, 3).unwrap();
        assert!(small.tables().is_none(), "the first check");
        assert!(small.tables().is_some(), "the second check");
        let large = expand(&key, MAX_TABULATED_MESSAGES + 1).unwrap();
        for _ in 0..3 {
            assert!(large.tables().is_none());
        }
    }
}

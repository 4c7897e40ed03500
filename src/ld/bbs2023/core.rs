//! The BBS signature scheme of draft-irtf-cfrg-bbs-signatures (the version of its test vectors:
//! -06 and every later draft, whose vectors are unchanged), verification only, for the
//! ciphersuite `BBS_BLS12381G1_XMD:SHA-256_SSWU_RO_` with the interface `H2G_HM2S_` that the
//! W3C bbs-2023 cryptosuite (vc-di-bbs) uses: `Verify` (section 3.5.2) and `ProofVerify`
//! (section 3.5.4), with what they call on (sections 3.6, 3.7 and 4). Section numbers are
//! those of the 2025 editors' draft the fixtures were copied from (README.md of
//! test-vectors/external/cfrg-bbs-fixtures).
//!
//! The curve is blst through `blstrs`, as for BBS+ 2020 (`crate::ld::bbs2020::blst`); RFC 9380's
//! `expand_message_xmd` is the RustCrypto `elliptic-curve` one, and `hash_to_curve_g1` blst's
//! (`BLS12381G1_XMD:SHA-256_SSWU_RO_` is RFC 9380's suite, unlike the early draft BBS+ 2020
//! hashed with).
//!
//! Every input is untrusted: each length, encoding, subgroup membership, identity point,
//! scalar range and index list is checked before any arithmetic, and refused with a
//! [`CoreError`] naming what is wrong; nothing here panics on any bytes.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use blstrs::{Bls12, G1Affine, G1Projective, G2Affine, G2Prepared, Gt, Scalar};
use elliptic_curve::hash2curve::{ExpandMsg, ExpandMsgXmd, Expander};
use group::ff::Field;
use group::prime::PrimeCurveAffine;
use group::{Curve, Group};
use pairing::{MillerLoopResult, MultiMillerLoop};
use sha2::Sha256;

/// The interface identifier `api_id`: `ciphersuite_id || "H2G_HM2S_"` (section 3.5).
macro_rules! api_id {
    () => {
        "BBS_BLS12381G1_XMD:SHA-256_SSWU_RO_H2G_HM2S_"
    };
}

/// `api_id` (section 3.5), hashed into every domain (section 4.2.3).
const API_ID: &[u8] = api_id!().as_bytes();
/// `hash_to_scalar_dst` of the domain and the challenge (sections 4.2.3, 3.7.4).
pub(crate) const H2S_DST: &[u8] = concat!(api_id!(), "H2S_").as_bytes();
/// `map_dst` of `messages_to_scalars` (section 4.1.2).
pub(crate) const MAP_DST: &[u8] = concat!(api_id!(), "MAP_MSG_TO_SCALAR_AS_HASH_").as_bytes();
/// `seed_dst` of `create_generators` (section 4.1.1), also P1's (section 7.2).
const SEED_DST: &[u8] = concat!(api_id!(), "SIG_GENERATOR_SEED_").as_bytes();
/// `generator_dst` of `create_generators` (section 4.1.1), also P1's (section 7.2).
const GENERATOR_DST: &[u8] = concat!(api_id!(), "SIG_GENERATOR_DST_").as_bytes();
/// `generator_seed` of the message generators (section 4.1.1).
const MESSAGE_GENERATOR_SEED: &[u8] = concat!(api_id!(), "MESSAGE_GENERATOR_SEED").as_bytes();
/// `generator_seed` of the ciphersuite's fixed point P1 (section 7.2: `ciphersuite_id ||
/// "H2G_HM2S_BP_MESSAGE_GENERATOR_SEED"`).
const P1_GENERATOR_SEED: &[u8] = concat!(api_id!(), "BP_MESSAGE_GENERATOR_SEED").as_bytes();

/// `octet_point_length` (section 7.2.2): a compressed G1 point.
const POINT_BYTES: usize = 48;
/// A compressed G2 point: the public key.
const PUBLIC_KEY_BYTES: usize = 96;
/// `octet_scalar_length` (section 7.2.2).
const SCALAR_BYTES: usize = 32;
/// `expand_len` (section 7.2.2).
const EXPAND_LEN: usize = 48;
/// A signature: `A`, `e` (section 4.2.4.3).
pub(crate) const SIGNATURE_BYTES: usize = POINT_BYTES + SCALAR_BYTES;
/// `proof_len_floor` (section 4.2.4.5): `Abar, Bbar, D`, then `e^, r1^, r3^` and `c`.
pub(crate) const PROOF_MIN_BYTES: usize = 3 * POINT_BYTES + 4 * SCALAR_BYTES;
/// Most signed messages a signature or proof may cover: the bound BBS+ 2020 proofs have
/// (`limit.bbs_messages`). A proof states its message count only through its length, so a
/// hostile one must not make the verifier hash a generator per 32 bytes it sends.
pub(crate) const MAX_MESSAGES: usize = 1024;

/// Why a BBS signature or proof was refused. The suite reports the malformed-input variants as
/// `field.invalid` and [`CoreError::Invalid`] as `proof.invalid`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CoreError {
    /// The public key is not 96 bytes encoding a point of G2's prime-order subgroup other than
    /// the identity (`octets_to_pubkey`, section 4.2.4.6).
    PublicKey(&'static str),
    /// The signature is not 80 bytes encoding `A` (a G1 subgroup point, not the identity) and
    /// `e` (a scalar in 1..r) (`octets_to_signature`, section 4.2.4.3).
    Signature(&'static str),
    /// The proof is not `octets_to_proof`'s encoding (section 4.2.4.5): its length, a point not
    /// in G1's subgroup or the identity, a scalar 0 or not below r.
    Proof(&'static str),
    /// The disclosed indexes do not ascend strictly below the signed message count
    /// (`ProofVerifyInit`, section 3.7.3).
    Indexes(&'static str),
    /// More signed messages than [`MAX_MESSAGES`].
    TooManyMessages {
        /// The messages the signature or proof covers.
        count: usize,
    },
    /// Well formed, but the signature or proof does not verify: the pairing check, or the
    /// challenge, fails.
    Invalid(&'static str),
}

impl std::fmt::Display for CoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CoreError::PublicKey(why) => write!(f, "malformed BBS public key: {why}"),
            CoreError::Signature(why) => write!(f, "malformed BBS signature: {why}"),
            CoreError::Proof(why) => write!(f, "malformed BBS proof: {why}"),
            CoreError::Indexes(why) => write!(f, "disclosed indexes: {why}"),
            CoreError::TooManyMessages { count } => {
                write!(f, "{count} signed messages, more than the {MAX_MESSAGES} allowed")
            }
            CoreError::Invalid(why) => write!(f, "{why}"),
        }
    }
}

/// `expand_message_xmd` with SHA-256 (RFC 9380 section 5.3.1) of the concatenation of `parts`,
/// `EXPAND_LEN` bytes.
fn expand_message(parts: &[&[u8]], dst: &[u8]) -> [u8; EXPAND_LEN] {
    let mut out = [0u8; EXPAND_LEN];
    // It fails only for a DST over 255 bytes or an output length past 255 blocks: every DST
    // here is one of the constants above, under 100 bytes (the unit test `every_dst_expands`
    // expands each), and the length is 48. The zero fallback is never reached.
    if let Ok(mut expander) = ExpandMsgXmd::<Sha256>::expand_message(parts, &[dst], EXPAND_LEN) {
        expander.fill_bytes(&mut out);
    }
    out
}

/// `hash_to_scalar` (section 4.2.2): `OS2IP(expand_message(msg, dst, 48)) mod r`.
pub(crate) fn hash_to_scalar(parts: &[&[u8]], dst: &[u8]) -> Scalar {
    let uniform = expand_message(parts, dst);
    // Horner over big-endian 64-bit limbs: exact modulo r, and infallible.
    let two_64 = Scalar::from(1u64 << 32).square();
    uniform.chunks_exact(8).fold(Scalar::ZERO, |acc, limb| {
        let limb = limb.iter().fold(0u64, |v, b| v << 8 | u64::from(*b));
        acc * two_64 + Scalar::from(limb)
    })
}

/// `messages_to_scalars` for one message (section 4.1.2, `MapMessageToScalarAsHash`).
pub(crate) fn message_to_scalar(message: &[u8]) -> Scalar {
    hash_to_scalar(&[message], MAP_DST)
}

/// `I2OSP(n, 8)` of a count or index.
fn u64_bytes(n: usize) -> [u8; 8] {
    u64::try_from(n).unwrap_or(u64::MAX).to_be_bytes()
}

/// One generator: the point, and its compressed encoding, which the domain hashes.
#[derive(Clone)]
struct Generator {
    point: G1Projective,
    compressed: [u8; POINT_BYTES],
}

/// `create_generators` state (section 4.1.1): the last `v` and the generators so far. Each
/// generator depends only on those before it, so the first `count` of a longer list are the
/// list for `count`; the section allows caching them.
struct GeneratorList {
    v: [u8; EXPAND_LEN],
    points: Vec<Generator>,
}

impl GeneratorList {
    /// The state before the first generator: `v = expand_message(generator_seed, seed_dst)`.
    fn new(generator_seed: &[u8]) -> Self {
        GeneratorList { v: expand_message(&[generator_seed], SEED_DST), points: Vec::new() }
    }

    /// Extends the list to `count` generators (steps 2 to 4 of the procedure).
    fn extend_to(&mut self, count: usize) {
        while self.points.len() < count {
            let i = self.points.len() + 1;
            self.v = expand_message(&[&self.v, &u64_bytes(i)], SEED_DST);
            let point = G1Projective::hash_to_curve(&self.v, GENERATOR_DST, &[]);
            self.points.push(Generator { compressed: point.to_compressed(), point });
        }
    }
}

/// The message generators kept between verifications, in the caller's [`crate::Caches`]:
/// hashing the eleven generators of a ten-message check would make it half again as slow
/// (BENCHMARKS.md, "Measurements the design rests on"), and the list is the same for every key,
/// so one list grows to the largest count asked (section 4.1.1 allows the cache). At most
/// `max` generators are kept (192 bytes each); a longer list is created for each check that
/// needs it, and with a bound of 0 nothing is kept.
pub(crate) struct GeneratorCache {
    list: Mutex<(GeneratorList, Arc<[Generator]>)>,
    max: usize,
}

impl GeneratorCache {
    /// An empty cache keeping at most `max` generators.
    pub(crate) fn new(max: usize) -> Self {
        GeneratorCache {
            list: Mutex::new((GeneratorList::new(MESSAGE_GENERATOR_SEED), Arc::from(Vec::new()))),
            max,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (GeneratorList, Arc<[Generator]>)> {
        self.list.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many generators are kept.
    pub(crate) fn count(&self) -> usize {
        self.lock().1.len()
    }

    /// Drops the generators kept.
    pub(crate) fn clear(&self) {
        *self.lock() = (GeneratorList::new(MESSAGE_GENERATOR_SEED), Arc::from(Vec::new()));
    }

    /// `create_generators(count, api_id)`: the first `count` of the returned list (it may be
    /// longer).
    fn get(&self, count: usize) -> Arc<[Generator]> {
        if count > self.max {
            let mut fresh = GeneratorList::new(MESSAGE_GENERATOR_SEED);
            fresh.extend_to(count);
            return Arc::from(fresh.points);
        }
        let mut guard = self.lock();
        let (state, shared) = &mut *guard;
        if shared.len() < count {
            state.extend_to(count);
            *shared = Arc::from(state.points.clone());
        }
        Arc::clone(shared)
    }
}

/// `create_generators(count, api_id)` of the ciphersuite, compressed: for the generator test
/// vectors.
#[cfg(test)]
pub(crate) fn create_generators(count: usize) -> Vec<[u8; POINT_BYTES]> {
    GeneratorCache::new(0).get(count).iter().take(count).map(|g| g.compressed).collect()
}

/// The ciphersuite's fixed point `P1` (section 7.2): `create_generators(1)` under the `P1`
/// seed.
fn p1() -> &'static Generator {
    static P1: OnceLock<Generator> = OnceLock::new();
    P1.get_or_init(|| {
        let seed = expand_message(&[P1_GENERATOR_SEED], SEED_DST);
        let v = expand_message(&[&seed, &u64_bytes(1)], SEED_DST);
        let point = G1Projective::hash_to_curve(&v, GENERATOR_DST, &[]);
        Generator { compressed: point.to_compressed(), point }
    })
}

/// `P1`, compressed: for the generator test vector.
#[cfg(test)]
pub(crate) fn p1_compressed() -> [u8; POINT_BYTES] {
    p1().compressed
}

/// `BP2`, G2's base point, prepared for the Miller loop.
fn bp2_prepared() -> &'static G2Prepared {
    static BP2: OnceLock<G2Prepared> = OnceLock::new();
    BP2.get_or_init(|| G2Prepared::from(G2Affine::generator()))
}

/// `-BP2`, prepared.
fn minus_bp2_prepared() -> &'static G2Prepared {
    static BP2: OnceLock<G2Prepared> = OnceLock::new();
    BP2.get_or_init(|| G2Prepared::from(-G2Affine::generator()))
}

/// `octets_to_pubkey` (section 4.2.4.6): a compressed G2 point (blst checks the encoding and
/// the subgroup), not the identity.
fn octets_to_pubkey(pk: &[u8]) -> Result<G2Affine, CoreError> {
    let bytes: &[u8; PUBLIC_KEY_BYTES] =
        pk.try_into().map_err(|_| CoreError::PublicKey("not 96 bytes"))?;
    let w = Option::<G2Affine>::from(G2Affine::from_compressed(bytes))
        .ok_or(CoreError::PublicKey("not a point of G2's prime-order subgroup"))?;
    if bool::from(w.is_identity()) {
        return Err(CoreError::PublicKey("the identity"));
    }
    Ok(w)
}

/// A compressed G1 point of the prime-order subgroup other than the identity
/// (`octets_to_point_E1` and `subgroup_check_G1`, sections 4.2.4.3 and 4.2.4.5).
fn octets_to_g1(bytes: &[u8]) -> Option<G1Affine> {
    let bytes: &[u8; POINT_BYTES] = bytes.try_into().ok()?;
    Option::<G1Affine>::from(G1Affine::from_compressed(bytes))
        .filter(|p| !bool::from(p.is_identity()))
}

/// A big-endian scalar in 1..r (sections 4.2.4.3 and 4.2.4.5 refuse 0 and values from r on).
fn octets_to_scalar(bytes: &[u8]) -> Option<Scalar> {
    let bytes: &[u8; SCALAR_BYTES] = bytes.try_into().ok()?;
    Option::<Scalar>::from(Scalar::from_bytes_be(bytes)).filter(|s| !bool::from(s.is_zero()))
}

/// `calculate_domain` (section 4.2.3): `hash_to_scalar(PK || I2OSP(L, 8) || Q_1 || H_1 ..
/// H_L || api_id || I2OSP(length(header), 8) || header)`.
fn calculate_domain(pk: &[u8], generators: &[Generator], header: &[u8]) -> Scalar {
    let count = generators.len().saturating_sub(1);
    let mut input = Vec::with_capacity(
        pk.len() + 8 + generators.len() * POINT_BYTES + API_ID.len() + 8 + header.len(),
    );
    input.extend_from_slice(pk);
    input.extend_from_slice(&u64_bytes(count));
    for g in generators {
        input.extend_from_slice(&g.compressed);
    }
    input.extend_from_slice(API_ID);
    input.extend_from_slice(&u64_bytes(header.len()));
    input.extend_from_slice(header);
    hash_to_scalar(&[&input], H2S_DST)
}

/// `Σ bases[i] · scalars[i]`: blst's Pippenger (small windows for few points).
fn multi_exp(bases: &[G1Projective], scalars: &[Scalar]) -> G1Projective {
    if bases.is_empty() || scalars.is_empty() {
        // blst reads the first point.
        return G1Projective::identity();
    }
    G1Projective::multi_exp(bases, scalars)
}

/// `h(a, b) · h(c, d) == Identity_GT`: one two-term Miller loop and one final exponentiation.
fn pairing_product_is_one(a: &G1Affine, b: &G2Prepared, c: &G1Affine, d: &G2Prepared) -> bool {
    Bls12::multi_miller_loop(&[(a, b), (c, d)]).final_exponentiation() == Gt::identity()
}

/// `Verify(PK, signature, header, messages)` (section 3.5.2) with `CoreVerify` (section
/// 3.6.2): the messages are hashed to scalars, the generators created for them, and
/// `h(A, W) · h(A·e - B, BP2) == 1` with `B = P1 + Q_1·domain + Σ H_i·msg_i`.
///
/// # Errors
/// A [`CoreError`] naming the malformed input, or [`CoreError::Invalid`].
pub(crate) fn verify(
    cache: &GeneratorCache,
    pk: &[u8],
    signature: &[u8],
    header: &[u8],
    messages: &[&[u8]],
) -> Result<(), CoreError> {
    if messages.len() > MAX_MESSAGES {
        return Err(CoreError::TooManyMessages { count: messages.len() });
    }
    // octets_to_signature (section 4.2.4.3).
    if signature.len() != SIGNATURE_BYTES {
        return Err(CoreError::Signature("not 80 bytes"));
    }
    let (a, e) = signature.split_at(POINT_BYTES);
    let a = octets_to_g1(a)
        .ok_or(CoreError::Signature("A is not a point of G1's subgroup other than the identity"))?;
    let e = octets_to_scalar(e).ok_or(CoreError::Signature("e is 0 or not below r"))?;
    let w = octets_to_pubkey(pk)?;

    let generators = cache.get(messages.len() + 1);
    let generators = generators.get(..=messages.len()).ok_or(CoreError::Invalid("generators"))?;
    let domain = calculate_domain(pk, generators, header);

    // A·e - B = A·e - P1 - Q_1·domain - Σ H_i·msg_i, as one multi-exponentiation.
    let mut bases = Vec::with_capacity(messages.len() + 3);
    let mut scalars = Vec::with_capacity(messages.len() + 3);
    bases.push(G1Projective::from(a));
    scalars.push(e);
    bases.push(p1().point);
    scalars.push(-Scalar::ONE);
    let mut generators = generators.iter();
    if let Some(q1) = generators.next() {
        bases.push(q1.point);
        scalars.push(-domain);
    }
    for (h, message) in generators.zip(messages) {
        bases.push(h.point);
        scalars.push(-message_to_scalar(message));
    }
    let a_e_minus_b = multi_exp(&bases, &scalars).to_affine();
    if pairing_product_is_one(&a, &G2Prepared::from(w), &a_e_minus_b, bp2_prepared()) {
        Ok(())
    } else {
        Err(CoreError::Invalid("the BBS signature does not verify"))
    }
}

/// `ProofChallengeCalculate` (section 3.7.4): `hash_to_scalar(serialize(R, i1, msg_i1, ..,
/// iR, msg_iR, Abar, Bbar, D, T1, T2, domain) || I2OSP(length(ph), 8) || ph)`.
fn challenge(
    disclosed: impl ExactSizeIterator<Item = (usize, Scalar)>,
    points: [G1Affine; 5],
    domain: Scalar,
    presentation_header: &[u8],
) -> Scalar {
    let mut input = Vec::with_capacity(
        8 + disclosed.len() * 40 + 5 * POINT_BYTES + SCALAR_BYTES + 8 + presentation_header.len(),
    );
    input.extend_from_slice(&u64_bytes(disclosed.len()));
    for (index, message) in disclosed {
        input.extend_from_slice(&u64_bytes(index));
        input.extend_from_slice(&message.to_bytes_be());
    }
    for point in points {
        input.extend_from_slice(&point.to_compressed());
    }
    input.extend_from_slice(&domain.to_bytes_be());
    input.extend_from_slice(&u64_bytes(presentation_header.len()));
    input.extend_from_slice(presentation_header);
    hash_to_scalar(&[&input], H2S_DST)
}

/// `octets_to_proof` (section 4.2.4.5): `Abar, Bbar, D`, then the scalars `e^, r1^, r3^`, the
/// `m^_j` of the undisclosed messages and `c`.
struct Proof {
    a_bar: G1Affine,
    b_bar: G1Affine,
    d: G1Affine,
    e_hat: Scalar,
    r1_hat: Scalar,
    r3_hat: Scalar,
    m_hat: Vec<Scalar>,
    c: Scalar,
}

impl Proof {
    fn read(bytes: &[u8]) -> Result<Proof, CoreError> {
        if bytes.len() < PROOF_MIN_BYTES {
            return Err(CoreError::Proof("shorter than 272 bytes"));
        }
        let (points, scalars) = bytes.split_at(3 * POINT_BYTES);
        if scalars.len() % SCALAR_BYTES != 0 {
            return Err(CoreError::Proof("not whole 32-byte scalars after the points"));
        }
        let mut points = points.chunks_exact(POINT_BYTES).map(octets_to_g1);
        let not_a_point = CoreError::Proof("a point is not in G1's subgroup or is the identity");
        let (Some(Some(a_bar)), Some(Some(b_bar)), Some(Some(d))) =
            (points.next(), points.next(), points.next())
        else {
            return Err(not_a_point);
        };
        let mut scalars = scalars
            .chunks_exact(SCALAR_BYTES)
            .map(|s| octets_to_scalar(s).ok_or(CoreError::Proof("a scalar is 0 or not below r")))
            .collect::<Result<Vec<_>, _>>()?;
        let c = scalars.pop().ok_or(CoreError::Proof("no challenge"))?;
        let mut scalars = scalars.into_iter();
        let (Some(e_hat), Some(r1_hat), Some(r3_hat)) =
            (scalars.next(), scalars.next(), scalars.next())
        else {
            return Err(CoreError::Proof("fewer than 4 scalars"));
        };
        Ok(Proof { a_bar, b_bar, d, e_hat, r1_hat, r3_hat, m_hat: scalars.collect(), c })
    }
}

/// The number of undisclosed messages a proof of `proof_len` bytes carries (`U` of
/// `ProofVerify`'s deserialization, section 3.5.4), or `None` below the minimum length.
pub(crate) fn undisclosed_count(proof_len: usize) -> Option<usize> {
    proof_len.checked_sub(PROOF_MIN_BYTES).map(|extra| extra / SCALAR_BYTES)
}

/// `ProofVerify(PK, proof, header, ph, disclosed_messages, disclosed_indexes)` (section 3.5.4)
/// with `CoreProofVerify` (3.6.4), `ProofVerifyInit` (3.7.3) and `ProofChallengeCalculate`
/// (3.7.4). `disclosed` holds each disclosed message with its index among the signed messages,
/// indexes strictly ascending; the signed message count is `U + R`, `U` from the proof's length.
///
/// # Errors
/// A [`CoreError`] naming the malformed input, or [`CoreError::Invalid`].
pub(crate) fn proof_verify(
    cache: &GeneratorCache,
    pk: &[u8],
    proof: &[u8],
    header: &[u8],
    presentation_header: &[u8],
    disclosed: &[(usize, &[u8])],
) -> Result<(), CoreError> {
    let undisclosed =
        undisclosed_count(proof.len()).ok_or(CoreError::Proof("shorter than 272 bytes"))?;
    let count = undisclosed.saturating_add(disclosed.len());
    if count > MAX_MESSAGES {
        return Err(CoreError::TooManyMessages { count });
    }
    // ProofVerifyInit, deserialization step 6, and the input's "ascending order" (section
    // 3.5.4): a repeated or unsorted index would pair a disclosed message with another's
    // generator or count a message twice.
    if disclosed.windows(2).any(|pair| matches!(pair, [(a, _), (b, _)] if a >= b)) {
        return Err(CoreError::Indexes("not strictly ascending"));
    }
    if disclosed.last().is_some_and(|(i, _)| *i >= count) {
        return Err(CoreError::Indexes("an index past the signed messages"));
    }
    let proof = Proof::read(proof)?;
    let w = octets_to_pubkey(pk)?;

    let generators = cache.get(count + 1);
    let generators = generators.get(..=count).ok_or(CoreError::Invalid("generators"))?;
    let (q1, h) = generators.split_first().ok_or(CoreError::Invalid("generators"))?;
    let domain = calculate_domain(pk, generators, header);
    let disclosed_scalars: Vec<Scalar> =
        disclosed.iter().map(|(_, message)| message_to_scalar(message)).collect();

    // T1 = Bbar·c + Abar·e^ + D·r1^.
    let (a_bar, b_bar, d) =
        (G1Projective::from(proof.a_bar), G1Projective::from(proof.b_bar), proof.d);
    let t1 =
        multi_exp(&[b_bar, a_bar, G1Projective::from(d)], &[proof.c, proof.e_hat, proof.r1_hat]);
    // T2 = Bv·c + D·r3^ + Σ H_j·m^_j with Bv = P1 + Q_1·domain + Σ H_i·msg_i, expanded into one
    // multi-exponentiation: P1·c + Q_1·(domain·c) + Σ H_i·(msg_i·c) + D·r3^ + Σ H_j·m^_j.
    let mut bases = Vec::with_capacity(count + 3);
    let mut scalars = Vec::with_capacity(count + 3);
    bases.push(p1().point);
    scalars.push(proof.c);
    bases.push(q1.point);
    scalars.push(domain * proof.c);
    bases.push(G1Projective::from(d));
    scalars.push(proof.r3_hat);
    let mut disclosed_iter = disclosed.iter().zip(&disclosed_scalars).peekable();
    let mut m_hat = proof.m_hat.iter();
    for (index, generator) in h.iter().enumerate() {
        bases.push(generator.point);
        if let Some((_, message)) = disclosed_iter.next_if(|((i, _), _)| *i == index) {
            scalars.push(*message * proof.c);
        } else {
            // The undisclosed indexes, in order, take the m^_j in order; there are exactly U.
            scalars.push(*m_hat.next().ok_or(CoreError::Invalid("too few commitments"))?);
        }
    }
    let t2 = multi_exp(&bases, &scalars);

    let points = [proof.a_bar, proof.b_bar, d, t1.to_affine(), t2.to_affine()];
    let indexes = disclosed.iter().map(|(i, _)| *i);
    let challenge = challenge(indexes.zip(disclosed_scalars), points, domain, presentation_header);
    if challenge != proof.c {
        return Err(CoreError::Invalid("the BBS proof's challenge does not match"));
    }
    // h(Abar, W) · h(Bbar, -BP2) == 1.
    if pairing_product_is_one(
        &proof.a_bar,
        &G2Prepared::from(w),
        &proof.b_bar,
        minus_bp2_prepared(),
    ) {
        Ok(())
    } else {
        Err(CoreError::Invalid(
            "the BBS proof does not verify: Abar and Bbar are not paired by the key",
        ))
    }
}

/// `ProofGen`'s algebra (section 3.7.1 and 3.7.2), for tests: a proof of `(a, e)` over
/// `messages` disclosing `disclosed`, with fixed "random" scalars. With the signature's own
/// `(A, e)` it is a valid proof; with any other `A` every check but the pairing passes.
#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
pub(crate) fn prove(
    pk: &[u8],
    (a, e): (G1Projective, Scalar),
    header: &[u8],
    ph: &[u8],
    messages: &[Vec<u8>],
    disclosed: &[usize],
) -> Vec<u8> {
    let count = messages.len();
    let generators = GeneratorCache::new(0).get(count + 1);
    let generators = &generators[..=count];
    let domain = calculate_domain(pk, generators, header);
    let scalars: Vec<Scalar> = messages.iter().map(|m| message_to_scalar(m)).collect();
    let mut b = p1().point + generators[0].point * domain;
    for (h, m) in generators[1..].iter().zip(&scalars) {
        b += h.point * m;
    }
    let random = |k: u64| Scalar::from(1000 + k).square() + Scalar::from(k);
    let (r1, r2, e_tilde, r1_tilde, r3_tilde) =
        (random(1), random(2), random(3), random(4), random(5));
    let r3 = r2.invert().unwrap();
    let d = b * r2;
    let a_bar = a * (r1 * r2);
    let b_bar = d * r1 - a_bar * e;
    let undisclosed: Vec<usize> = (0..count).filter(|i| !disclosed.contains(i)).collect();
    let m_tilde: Vec<Scalar> = (10..).take(undisclosed.len()).map(random).collect();
    let t1 = a_bar * e_tilde + d * r1_tilde;
    let mut t2 = d * r3_tilde;
    for (j, m) in undisclosed.iter().zip(&m_tilde) {
        t2 += generators[j + 1].point * m;
    }
    let points = [a_bar, b_bar, d, t1, t2].map(|p| p.to_affine());
    let c = challenge(disclosed.iter().map(|i| (*i, scalars[*i])), points, domain, ph);
    let mut proof = Vec::new();
    for p in &points[..3] {
        proof.extend_from_slice(&p.to_compressed());
    }
    for s in [e_tilde + e * c, r1_tilde - r1 * c, r3_tilde - r3 * c] {
        proof.extend_from_slice(&s.to_bytes_be());
    }
    for (j, m) in undisclosed.iter().zip(&m_tilde) {
        proof.extend_from_slice(&(m + scalars[*j] * c).to_bytes_be());
    }
    proof.extend_from_slice(&c.to_bytes_be());
    proof
}

/// [`prove`] with the signature `A || e` as `Sign` outputs it (octets, section 3.6.1): what a
/// holder derives from an honestly issued signature.
#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
pub(crate) fn prove_from_signature(
    pk: &[u8],
    signature: &[u8],
    header: &[u8],
    ph: &[u8],
    messages: &[Vec<u8>],
    disclosed: &[usize],
) -> Vec<u8> {
    let a = G1Projective::from(octets_to_g1(&signature[..POINT_BYTES]).unwrap());
    let e = octets_to_scalar(&signature[POINT_BYTES..]).unwrap();
    prove(pk, (a, e), header, ph, messages, disclosed)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use serde_json::Value;

    /// A fixture of the draft's BLS12-381-SHA-256 test vectors
    /// (test-vectors/external/cfrg-bbs-fixtures).
    fn fixture(name: &str) -> Value {
        let path = format!(
            "{}/test-vectors/external/cfrg-bbs-fixtures/tooling/fixtures/fixture_data/bls12-381-sha-256/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
    }

    fn hex(v: &Value) -> Vec<u8> {
        hex::decode(v.as_str().unwrap()).unwrap()
    }

    /// `create_generators` and `P1` (sections 4.1.1, 7.2), byte for byte (generators.json):
    /// `Q_1` then the message generators, from one call as the interface makes it.
    #[test]
    fn generators_match_the_draft() {
        let expected = fixture("generators.json");
        assert_eq!(p1_compressed().to_vec(), hex(&expected["P1"]));
        let messages = expected["MsgGenerators"].as_array().unwrap();
        let generated = create_generators(messages.len() + 1);
        assert_eq!(generated[0].to_vec(), hex(&expected["Q1"]));
        for (i, h) in messages.iter().enumerate() {
            assert_eq!(generated[i + 1].to_vec(), hex(h), "H_{}", i + 1);
        }
        // A cache keeps one list, grown to the largest count asked, up to its bound; past the
        // bound, or with a bound of 0, the same points are created for each check.
        let cache = GeneratorCache::new(11);
        let long = cache.get(11);
        assert_eq!(cache.count(), 11);
        let short = cache.get(3);
        assert!(Arc::ptr_eq(&long, &short), "the kept list is handed out again");
        let beyond = cache.get(12);
        assert_eq!(cache.count(), 11, "a count past the bound is not kept");
        let none = GeneratorCache::new(0);
        let uncached = none.get(11);
        assert_eq!(none.count(), 0);
        for list in [&short, &beyond, &uncached] {
            let compressed: Vec<_> = list.iter().take(11).map(|g| g.compressed).collect();
            assert_eq!(compressed, generated);
        }
        cache.clear();
        assert_eq!(cache.count(), 0);
        assert_eq!(cache.get(2)[1].compressed, generated[1]);
    }

    /// `hash_to_scalar` (section 4.2.2), byte for byte (h2s.json), and its DST is the one the
    /// domain and challenge use.
    #[test]
    fn hash_to_scalar_matches_the_draft() {
        let expected = fixture("h2s.json");
        let dst = hex(&expected["dst"]);
        assert_eq!(dst, H2S_DST);
        let scalar = hash_to_scalar(&[&hex(&expected["message"])], &dst);
        assert_eq!(scalar.to_bytes_be().to_vec(), hex(&expected["scalar"]));
        // Split input hashes as its concatenation.
        let message = hex(&expected["message"]);
        let (a, b) = message.split_at(7);
        assert_eq!(hash_to_scalar(&[a, b], &dst), scalar);
    }

    /// `messages_to_scalars` (section 4.1.2, MapMessageToScalarAsHash), byte for byte
    /// (MapMessageToScalarAsHash.json), the empty message included.
    #[test]
    fn map_message_to_scalar_matches_the_draft() {
        let expected = fixture("MapMessageToScalarAsHash.json");
        assert_eq!(hex(&expected["dst"]), MAP_DST);
        let cases = expected["cases"].as_array().unwrap();
        assert_eq!(cases.len(), 10);
        for case in cases {
            let scalar = message_to_scalar(&hex(&case["message"]));
            assert_eq!(scalar.to_bytes_be().to_vec(), hex(&case["scalar"]), "{case}");
        }
    }

    /// `calculate_domain` (section 4.2.3) against the fixtures' traces, for one and ten
    /// messages and an empty header.
    #[test]
    fn domain_matches_the_fixture_traces() {
        for name in [
            "signature/signature001.json",
            "signature/signature004.json",
            "signature/signature010.json",
        ] {
            let case = fixture(name);
            let count = case["messages"].as_array().unwrap().len();
            let domain = calculate_domain(
                &hex(&case["signerKeyPair"]["publicKey"]),
                &GeneratorCache::new(0).get(count + 1)[..=count],
                &hex(&case["header"]),
            );
            assert_eq!(domain.to_bytes_be().to_vec(), hex(&case["trace"]["domain"]), "{name}");
        }
    }

    /// `undisclosed_count`: `U` from the proof length, none below the floor.
    #[test]
    fn undisclosed_count_from_the_length() {
        assert_eq!(undisclosed_count(PROOF_MIN_BYTES - 1), None);
        assert_eq!(undisclosed_count(PROOF_MIN_BYTES), Some(0));
        assert_eq!(undisclosed_count(PROOF_MIN_BYTES + 31), Some(0));
        assert_eq!(undisclosed_count(PROOF_MIN_BYTES + 64), Some(2));
    }

    /// The pairing check of `CoreProofVerify` (step 6) is what refuses a proof built from a
    /// point that is not the signature's `A`: such a proof passes the challenge.
    #[test]
    fn the_pairing_check_refuses_a_proof_of_a_forged_signature() {
        let case = fixture("proof/proof003.json");
        let pk = hex(&case["signerPublicKey"]);
        let signature = hex(&case["signature"]);
        let a = G1Projective::from(octets_to_g1(&signature[..POINT_BYTES]).unwrap());
        let e = octets_to_scalar(&signature[POINT_BYTES..]).unwrap();
        let (header, ph) = (hex(&case["header"]), hex(&case["presentationHeader"]));
        let messages: Vec<Vec<u8>> = case["messages"].as_array().unwrap().iter().map(hex).collect();
        let indexes = [0, 2, 4, 6];
        let disclosed: Vec<(usize, &[u8])> =
            indexes.iter().map(|i| (*i, messages[*i].as_slice())).collect();

        let honest = prove(&pk, (a, e), &header, &ph, &messages, &indexes);
        assert_eq!(
            proof_verify(&GeneratorCache::new(0), &pk, &honest, &header, &ph, &disclosed),
            Ok(())
        );

        let forged = prove(&pk, (a + p1().point, e), &header, &ph, &messages, &indexes);
        assert_eq!(
            proof_verify(&GeneratorCache::new(0), &pk, &forged, &header, &ph, &disclosed),
            Err(CoreError::Invalid(
                "the BBS proof does not verify: Abar and Bbar are not paired by the key"
            ))
        );
    }

    /// `expand_message` cannot fail for any DST used here (it would for one over 255 bytes),
    /// so its zero fallback is never reached.
    #[test]
    fn every_dst_expands() {
        for dst in [H2S_DST, MAP_DST, SEED_DST, GENERATOR_DST] {
            assert!(ExpandMsgXmd::<Sha256>::expand_message(&[b"x"], &[dst], EXPAND_LEN).is_ok());
            assert_ne!(expand_message(&[b"x"], dst), [0u8; EXPAND_LEN]);
        }
    }

    /// The DSTs, spelled out once (section 3.5's `api_id` and the suffixes of sections 4.1.1,
    /// 4.1.2, 4.2.3 and 7.2).
    #[test]
    fn domain_separation_tags() {
        assert_eq!(API_ID, b"BBS_BLS12381G1_XMD:SHA-256_SSWU_RO_H2G_HM2S_");
        assert_eq!(SEED_DST, b"BBS_BLS12381G1_XMD:SHA-256_SSWU_RO_H2G_HM2S_SIG_GENERATOR_SEED_");
        assert_eq!(
            P1_GENERATOR_SEED,
            b"BBS_BLS12381G1_XMD:SHA-256_SSWU_RO_H2G_HM2S_BP_MESSAGE_GENERATOR_SEED"
        );
    }
}

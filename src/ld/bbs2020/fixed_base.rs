//! Multiplication of fixed G1 points (an issuer key's message generators, `g1`) by additions
//! only, from tables computed once per point.
//!
//! A BBS+ check multiplies the same ~30 generators of an issuer key by new scalars every time.
//! blst's Pippenger method spends most of its time on doublings and bucket sums that a
//! precomputed table makes unnecessary; blst has such tables (`blst_p1s_mult_wbits`) but
//! exposes them only through its `unsafe` C interface, which this crate forbids. What blst does
//! expose safely is the batched addition of affine points (`MultiPoint::add`, Montgomery's
//! simultaneous inversion: about 5M+1S per point), so a fixed-base product is written here as a
//! sum of table entries and handed to it. It takes about a third off a check of the
//! Trinsic-shaped credential (BENCHMARKS.md, "Measurements the design rests on").
//!
//! The method is fixed-base windowing (Brickell, Gordon, McCurley and Wilson, "Fast
//! exponentiation with precomputation", EUROCRYPT '92), with signed digits: a scalar is recoded
//! into 64 signed 4-bit digits `d[j]` in `[-8, 8]` (Booth recoding), and `k · P = Σ d[j] ·
//! 16^j · P`, each term a table entry or its negation. Nothing here is secret (a verifier's
//! scalars are public), so the table lookups need not be constant-time.

use blst::{blst_p1, blst_p1_affine, p1_affines, MultiPoint as _};
use blstrs::{G1Affine, G1Projective, Scalar};
use group::prime::PrimeCurveAffine as _;
use group::Group;

/// Bits per signed digit.
const DIGIT_BITS: usize = 4;
/// Digits per scalar, covering 256 bits. A scalar is below the group order `r < 2^255`, so the
/// top digit is below `2^(DIGIT_BITS - 1)` before the carry and at most that after it: the
/// recoding never carries out of the last digit.
const DIGITS: usize = 256usize.div_ceil(DIGIT_BITS);
/// Table entries per digit position: the multiples `1..=2^(DIGIT_BITS - 1)` (a negative digit
/// negates an entry).
const MULTIPLES: usize = 1 << (DIGIT_BITS - 1);

/// `P`'s table: `multiples[j * 8 + k - 1] = k · 16^j · P` for `j < 64`, `1 <= k <= 8`, affine.
/// 512 points, 48 KiB.
pub(crate) struct FixedBase {
    multiples: Vec<G1Affine>,
}

impl FixedBase {
    /// The table of `point`: 256 doublings, 448 mixed additions and two batched
    /// normalisations, about as much as a sixth of a check, so it is built only for a key seen
    /// before (`blst`).
    pub(crate) fn new(point: &G1Projective) -> FixedBase {
        // The 64 positions' bases 16^j · P, by doublings, made affine together so that their
        // multiples can be taken with the cheaper mixed addition.
        let mut bases = Vec::with_capacity(DIGITS);
        let mut base = *point;
        for _ in 0..DIGITS {
            bases.push(base);
            for _ in 0..DIGIT_BITS {
                base = base.double();
            }
        }
        let mut multiples = Vec::with_capacity(DIGITS * MULTIPLES);
        for base in to_affine(&bases) {
            let mut multiple = G1Projective::from(base);
            multiples.push(multiple);
            for _ in 1..MULTIPLES {
                multiple += base;
                multiples.push(multiple);
            }
        }
        FixedBase { multiples: to_affine(&multiples) }
    }
}

/// A sum `Σ scalar_i · base_i` over fixed bases, gathered as table entries and added at once.
pub(crate) struct FixedBaseSum {
    terms: Vec<blst_p1_affine>,
}

impl FixedBaseSum {
    /// Room for `bases` products (at most 64 entries each).
    pub(crate) fn with_capacity(bases: usize) -> FixedBaseSum {
        FixedBaseSum { terms: Vec::with_capacity(bases * DIGITS) }
    }

    /// Adds `scalar · base`.
    pub(crate) fn add(&mut self, base: &FixedBase, scalar: &Scalar) {
        let digits = signed_digits(scalar);
        for (digit, row) in digits.iter().zip(base.multiples.chunks_exact(MULTIPLES)) {
            let Some(entry) =
                usize::from(digit.unsigned_abs()).checked_sub(1).and_then(|k| row.get(k))
            else {
                continue; // a zero digit adds nothing
            };
            let entry = if *digit < 0 { -*entry } else { *entry };
            self.terms.push(*entry.as_ref());
        }
    }

    /// The sum: blst's batched affine addition (`blst_p1s_add`), which handles equal and
    /// opposite terms.
    pub(crate) fn sum(&self) -> G1Projective {
        let mut sum = G1Projective::identity();
        // blst reads the first term unconditionally; an empty sum is the identity.
        if !self.terms.is_empty() {
            *sum.as_mut() = self.terms.as_slice().add();
        }
        sum
    }
}

/// `points` made affine with one inversion for all (blst's `p1_affines::from`, Montgomery's
/// trick); blstrs's `batch_normalize` inverts once per point, 20 times the cost here.
fn to_affine(points: &[G1Projective]) -> Vec<G1Affine> {
    if points.is_empty() {
        return Vec::new(); // blst reads the first point unconditionally
    }
    let raw: Vec<blst_p1> = points.iter().map(|p| *p.as_ref()).collect();
    p1_affines::from(&raw)
        .as_slice()
        .iter()
        .map(|a| {
            let mut point = G1Affine::identity();
            *point.as_mut() = *a;
            point
        })
        .collect()
}

/// `scalar` as signed digits in `[-2^(DIGIT_BITS - 1), 2^(DIGIT_BITS - 1)]`, least significant
/// first: `Σ d[j] · 2^(DIGIT_BITS · j)`.
fn signed_digits(scalar: &Scalar) -> [i16; DIGITS] {
    let bytes = scalar.to_bytes_le();
    let bit = |i: usize| bytes.get(i / 8).map_or(0, |b| u16::from(b >> (i % 8) & 1));
    let mut digits = [0i16; DIGITS];
    let mut carry = 0u16;
    for (j, digit) in digits.iter_mut().enumerate() {
        let window = (0..DIGIT_BITS).fold(0u16, |v, k| v | bit(j * DIGIT_BITS + k) << k);
        // window + carry is at most 2^DIGIT_BITS; above half of it, it becomes a negative
        // digit and a carry into the next.
        let value = window + carry;
        carry = u16::from(usize::from(value) > MULTIPLES);
        *digit =
            i16::try_from(value).unwrap_or(0) - i16::try_from(carry << DIGIT_BITS).unwrap_or(0);
    }
    digits
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use group::ff::Field;

    fn product(base: &G1Projective, scalar: &Scalar) -> G1Projective {
        let table = FixedBase::new(base);
        let mut sum = FixedBaseSum::with_capacity(1);
        sum.add(&table, scalar);
        sum.sum()
    }

    #[test]
    fn digits_recompose_the_scalar() {
        let radix = Scalar::from(1u64 << DIGIT_BITS);
        for scalar in [
            Scalar::ZERO,
            Scalar::ONE,
            -Scalar::ONE,
            Scalar::from(8u64),
            Scalar::from(9u64),
            Scalar::from(0x8888_8888u64),
            -Scalar::from(9u64),
        ] {
            let digits = signed_digits(&scalar);
            assert!(digits.iter().all(|d| d.unsigned_abs() <= 1 << (DIGIT_BITS - 1)));
            let back = digits.iter().rev().fold(Scalar::ZERO, |acc, d| {
                acc * radix
                    + if *d < 0 {
                        -Scalar::from(u64::from(d.unsigned_abs()))
                    } else {
                        Scalar::from(u64::from(d.unsigned_abs()))
                    }
            });
            assert_eq!(back, scalar);
        }
    }

    #[test]
    fn products_match_scalar_multiplication() {
        let bases: Vec<G1Projective> =
            (0..4u8).map(|i| G1Projective::generator() * scalar(&[b'p', i])).collect();
        let mut scalars: Vec<Scalar> = (0..40u8).map(|i| scalar(&[b's', i])).collect();
        // Edge scalars: zero, one, the largest, digits all 8 (carries), all -8 after recoding.
        scalars.extend([
            Scalar::ZERO,
            Scalar::ONE,
            -Scalar::ONE,
            Scalar::from(0x8888_8888_8888_8888u64),
            -Scalar::from(0x8888_8888_8888_8888u64),
        ]);
        for base in &bases {
            for scalar in &scalars {
                assert_eq!(product(base, scalar), base * scalar);
            }
        }
    }

    #[test]
    fn sums_match_multi_exponentiation_with_equal_and_opposite_terms() {
        let p = G1Projective::generator() * scalar(b"p");
        let q = G1Projective::generator() * scalar(b"q");
        let tables = [FixedBase::new(&p), FixedBase::new(&q), FixedBase::new(&p)];
        let cases = [
            [Scalar::from(5u64), Scalar::from(7u64), -Scalar::from(5u64)], // cancels to 7q
            [Scalar::from(3u64), Scalar::ZERO, Scalar::from(3u64)],        // equal terms: doubling
            [Scalar::ONE, Scalar::ZERO, -Scalar::ONE],                     // the identity
            [Scalar::ZERO; 3],                                             // an empty sum
        ];
        for scalars in cases {
            let mut sum = FixedBaseSum::with_capacity(3);
            for (table, scalar) in tables.iter().zip(&scalars) {
                sum.add(table, scalar);
            }
            let expected = p * scalars[0] + q * scalars[1] + p * scalars[2];
            assert_eq!(sum.sum(), expected);
        }
    }

    /// A scalar spread over the whole range, the same on every run.
    fn scalar(seed: &[u8]) -> Scalar {
        crate::ld::bbs2020::blst::hash_to_scalar(seed)
    }
}

//! The W3C bbs-2023 cryptosuite (vc-di-bbs): its BBS signature core, the IETF BBS signature
//! scheme (draft-irtf-cfrg-bbs-signatures, ciphersuite BLS12-381-SHA-256), in [`core`].

pub(crate) mod core;

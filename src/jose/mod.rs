//! JOSE: JWS in both serializations, JWK and JWK Sets, the algorithm allowlist, signature
//! backends, and JWT claim rules.

pub(crate) mod alg;
pub(crate) mod backend;
pub(crate) mod jwk;
pub(crate) mod jws;
pub(crate) mod jwt;
pub(crate) mod key_set;
pub(crate) mod verify;

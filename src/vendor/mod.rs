//! Borrowed models of each vendor's result: pure data with open enums, no checks, no crypto.

pub mod hopae;
pub mod incode;
pub mod ld;
pub mod regula;
pub mod trinsic_connect;
pub mod trinsic_sessions;

//! Borrowed models of each vendor's result: pure data with open enums, no checks, no crypto.

pub mod hopae;
pub mod incode;
pub mod jsonld;
pub mod regula;
pub mod trinsic_connect;
pub mod trinsic_provider_output;
pub mod trinsic_sessions;
pub mod vendor_error;

pub(crate) mod open_enum;

use std::fmt;

use serde::Deserialize;

use crate::input::json::{parse_root, parse_typed, scan_agrees, CheckedText};
use crate::limits::Limits;

/// The structure pass's two tiers held to each other on one text
/// ([`crate::input::json::scan_agrees`]), then every vendor model read from the scan's
/// top-level members held to serde_json's parse of the whole text (or both fail). For the
/// `json_scan` fuzz target and the tests; `Err` says where they disagree.
pub(crate) fn tiers_agree(text: &str, limits: &Limits) -> Result<(), String> {
    fn same_model<'a, T: Deserialize<'a> + fmt::Debug>(
        name: &str,
        checked: &CheckedText<'a>,
    ) -> Result<(), String> {
        let from_members =
            parse_root::<T>("", checked).map(|v| format!("{v:?}")).map_err(|e| e.to_string());
        let whole =
            parse_typed::<T>("", checked.text).map(|v| format!("{v:?}")).map_err(|e| e.to_string());
        if from_members == whole {
            Ok(())
        } else {
            Err(format!(
                "{name}: read from the members {from_members:?}, from the whole text {whole:?}"
            ))
        }
    }

    let Some(checked) = scan_agrees(text, limits)? else { return Ok(()) };
    same_model::<trinsic_connect::UnverifiedConnectSession<'_>>("Trinsic Connect", &checked)?;
    same_model::<trinsic_sessions::UnverifiedSessionResult<'_>>("Trinsic sessions", &checked)?;
    same_model::<trinsic_sessions::Session<'_>>("Trinsic session", &checked)?;
    same_model::<hopae::UnverifiedUserinfo<'_>>("Hopae userinfo", &checked)?;
    same_model::<hopae::UnverifiedEvidence<'_>>("Hopae evidence", &checked)?;
    same_model::<hopae::UnverifiedVerification<'_>>("Hopae verification", &checked)?;
    same_model::<incode::UnverifiedIncodeResult<'_>>("Incode", &checked)?;
    same_model::<incode::UnverifiedIncodeUserinfo<'_>>("Incode userinfo", &checked)?;
    same_model::<regula::UnverifiedRegulaSession<'_>>("Regula", &checked)
}

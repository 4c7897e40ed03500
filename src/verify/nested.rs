//! The one recursion in the checks: a document that carries another hands it here to be checked
//! in turn. Two hand-overs exist: a presentation's credential given as a compact JWT (from a
//! JSON-LD or a JWT presentation), and the status list credential a credential's status entry
//! points at (from a JSON-LD or a JWT credential). The checks reach them through
//! [`Ctx::nested_jwt_credential`] and [`Ctx::nested_status_list`], which count the depth.
//!
//! The depth is bounded by [`MAX_NESTING`](super::ctx::MAX_NESTING): a presentation (0) carries credentials (1) whose
//! status lists (2) are checked without following their own status; an embedded credential is
//! never a presentation. The deepest chain the formats allow is therefore 2; the bound makes it
//! a checked fact rather than a consequence of those rules, so a change to them cannot turn a
//! crafted input into unbounded recursion.

use super::ctx::{Ctx, Nesting};
use super::{jsonld, jwt_vc};
use crate::error::Vendor;
use crate::model::jsonld::UnverifiedLdDocument;

/// The hand-overs, installed in every [`Ctx`].
pub(crate) const NESTING: Nesting = Nesting { jwt_credential, status_list };

fn jwt_credential(ctx: &mut Ctx<'_>, field: &str, compact: &str, holder: Option<&str>) {
    jwt_vc::embedded_credential(ctx, field, compact, holder);
}

/// The list credential is itself a credential: its proofs and validity period are checked like
/// any other's (Bitstring Status List section 3.2 step 4), with the checks named after the
/// list; its own status is not followed.
fn status_list(ctx: &mut Ctx<'_>, field: &str, document: &str) {
    match UnverifiedLdDocument::parse(field, document) {
        Ok(doc) => jsonld::run_status_list(&doc, field, ctx, Vendor::Generic),
        Err(e) => ctx.fail(format!("parse.{field}"), e),
    }
}

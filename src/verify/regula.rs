//! Regula IDV sessions: the status is judged only against statuses the policy names, because
//! Regula does not document what its integers mean.

use std::borrow::Cow;

use super::ctx::{apply_policy, Ctx, Facts};
use crate::claims::IdentityClaims;
use crate::error::{Error, Vendor};
use crate::input::borrow::TextOrNumber;
use crate::model::regula::UnverifiedRegulaSession;

const VENDOR: Vendor = Vendor::Regula;

pub(crate) fn run<'s>(
    session: &'s UnverifiedRegulaSession<'_>,
    ctx: &mut Ctx<'_>,
) -> IdentityClaims<'s> {
    let accepted = ctx.policy.regula_success_statuses();
    let r = match session.status {
        None => Err(Error::missing("status")),
        Some(s) if accepted.is_empty() => Err(Error::StateNotCheckable {
            vendor: VENDOR,
            field: "status".into(),
            state: s.to_string(),
        }),
        Some(s) if accepted.contains(&s) => Ok(format!("status = {s}, accepted by the policy")),
        Some(s) => Err(Error::SessionFailed {
            vendor: VENDOR,
            field: "status".into(),
            state: s.to_string(),
            fail_code: format!("status {s} is not among the accepted {accepted:?}"),
        }),
    };
    ctx.check("session.status", r);
    let id = match &session.id {
        Some(TextOrNumber::Text(t)) if !t.is_empty() => Some(Cow::Borrowed(t.as_ref())),
        Some(TextOrNumber::Number(n)) => Some(Cow::Owned(n.to_string())),
        _ => None,
    };
    if id.is_none() {
        ctx.fail("session.id", Error::missing("id"));
    }
    let external = session.metadata.as_ref().and_then(|m| m.external_user_id.as_deref());
    apply_policy(
        ctx,
        &Facts {
            session_id: id.as_deref().map(|id| ("id".to_owned(), id)),
            session_field: "id",
            verified_at_field: "(Regula sessions carry no verification time)",
            external_user_id: Some(("metadata.externalUserId", external)),
            ..Facts::default()
        },
    );
    let mut claims = IdentityClaims::new(VENDOR);
    claims.raw = session.properties;
    claims.provenance.session_id = id.map(|c| Cow::Owned(c.into_owned()));
    claims
}

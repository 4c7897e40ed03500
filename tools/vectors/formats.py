"""Existing vectors judged under other policies: unsigned formats without the opt-in, formats
outside `accept_formats`, and expectations the detected format never judges."""

from __future__ import annotations

from .common import (GEN, HOPAE_KEYS, NOW_HOPAE, NOW_OTHER, NOW_TRINSIC_SESSIONS, UPSTREAM_KEYS,
                     expect)
from .hopae import HOPAE_CLIENT, HOPAE_NONCE


def formats_and_expectations() -> None:
    """The policy names the formats it accepts; formats that carry no signature are accepted only
    with `allow_unsigned_formats`; an expectation no check of the detected format judged is
    `policy.unconsumed`. Existing files, judged under other policies."""
    def fx(file, now, codes, exercises, policy):
        expect(file, now, codes, source=GEN + " (an existing vector under another policy)",
               exercises=exercises, policy=policy)

    # Unsigned formats without the opt-in: could not check, whatever their own checks say.
    fx("trinsic-sessions/result-success.json", NOW_TRINSIC_SESSIONS, ["format.unsigned"],
       "sessions API result, done & success: unsigned, and the policy does not accept unsigned formats", {})
    fx("trinsic-sessions/result-success.json", NOW_TRINSIC_SESSIONS, ["format.unsigned"],
       "the policy names trinsic-session-result among the formats it accepts, but not unsigned formats",
       {"accept_formats": ["trinsic-session-result"]})
    fx("incode/finish-approved.json", NOW_OTHER, ["format.unsigned"],
       "Incode approved / OK: unsigned, and the policy does not accept unsigned formats", {})
    fx("vendors/hopae-verification-completed.json", NOW_HOPAE, ["format.unsigned"],
       "Hopae verification status `completed`: unsigned, and the policy does not accept unsigned formats", {})
    fx("regula/session.json", NOW_OTHER, ["format.unsigned", "state.not_checkable"],
       "Regula session: unsigned, and its status cannot be judged either", {})
    # The downgrade: a policy built for a signed token, handed an unsigned vendor status.
    signed_token = {"issuer_jwks": {"did:example:issuer": ["keys/issuer.jwks.json"]}, "audience": "https://verifier.example",
                    "nonce": "c-7f2a", "issuer": "did:example:issuer", "typ": "JWT",
                    "require_holder_binding": True, "require_evidence_signatures": True,
                    "require_status": True}
    fx("incode/finish-approved.json", NOW_OTHER, ["format.unsigned", "policy.unconsumed"],
       "a signed-token policy (keys, audience, nonce, issuer, typ, holder binding, evidence "
       "signatures, status) given an unsigned Incode result: none of it judged", signed_token)
    fx("incode/finish-approved.json", NOW_OTHER, ["policy.unconsumed"],
       "the same, unsigned formats accepted: the expectations are still judged by nothing",
       dict(signed_token, allow_unsigned_formats=True))
    fx("trinsic-sessions/result-success.json", NOW_TRINSIC_SESSIONS, ["format.unsigned", "policy.unconsumed"],
       "a signed-token policy given an unsigned Trinsic sessions result", signed_token)
    # Formats outside the accepted ones.
    jwt_policy = {"issuer_jwks": {"did:example:issuer": ["keys/issuer.jwks.json"]}, "audience": "https://verifier.example", "nonce": "c-7f2a"}
    fx("jwt-signed/eddsa-valid.jwt", NOW_OTHER, [],
       "the policy accepts jws only, and the result is one", dict(jwt_policy, accept_formats=["jws"]))
    fx("jwt-signed/eddsa-valid.jwt", NOW_OTHER, ["format.not_accepted"],
       "a valid JWT, but the policy accepts JSON-LD presentations only",
       dict(jwt_policy, accept_formats=["json-ld-presentation"]))
    # Expectations the detected format never judges.
    fx("jwt-signed/eddsa-valid.jwt", NOW_OTHER, [],
       "typ JWT expected, and the bare JWT's protected header carries it", dict(jwt_policy, typ="JWT"))
    fx("jwt-signed/eddsa-valid.jwt", NOW_OTHER, ["policy.unconsumed"],
       "holder binding required of a plain JWT: only a presentation binds a holder",
       dict(jwt_policy, require_holder_binding=True))
    fx("hopae-signed/userinfo-valid.json", NOW_HOPAE, ["policy.unconsumed"],
       "audience and nonce expected of Hopae userinfo without its ID token: only the ID token carries them",
       {**HOPAE_KEYS, **UPSTREAM_KEYS, "audience": HOPAE_CLIENT, "nonce": HOPAE_NONCE})
    fx("ld/vc-di-eddsa/eddsa-jcs-2022-signed.json", NOW_OTHER, ["policy.unconsumed"],
       "an expected issuer and holder binding of a bare JSON-LD credential: its issuer is bound to "
       "its proof's key, not compared with the issuer tokens addressed to the caller carry, and "
       "nothing binds a holder", {"did_docs": ["dids/vc-example-issuer.json"],
                                  "issuer": "https://vc.example/issuers/5678", "require_holder_binding": True})

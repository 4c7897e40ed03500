"""vendor-errors/: vendors' error responses, which are never results: each is `vendor.error`
(rejected) with the vendor's code and a retry class. The bodies follow the examples of the
vendors' public error references (Hopae's error-code and workspace-error pages, Incode Omni's API
introduction, Trinsic's OpenAPI `ProblemDetails` as ASP.NET Core serves it); the retry class each
must get is written to vendor-errors/expected-reading.json, which tests/vendor_errors.rs holds
the library to."""

from __future__ import annotations

import json

from .common import GEN, NOW_OTHER, aux_text, expect, write_json

# file -> (vendor, code, http status, retry class), as the library must read it.
RETRY: dict[str, tuple[str, str | None, int | None, str]] = {}


def vendor_errors() -> None:
    d = "vendor-errors/"

    def ve(name, obj, exercises, vendor, code, status, retry):
        write_json(d + name, obj)
        RETRY[d + name] = (vendor, code, status, retry)
        expect(d + name, NOW_OTHER, ["vendor.error"], source=GEN, exercises=exercises)

    # Hopae, numeric codes (RFC 9457 problem details with `code`, `type` urn:org:hopae:...).
    def hopae_numeric(code, title, status, detail):
        return {
            "type": f"urn:org:hopae:problem-type:client/{code}",
            "title": title, "status": status, "detail": detail,
            "instance": "/api/verifications/7b1e677254124c7e81db916847aded7b",
            "code": code, "timestamp": "2025-10-28T06:20:37.000Z",
        }

    ve("hopae-300001-session-expired.json",
       hopae_numeric(300001, "SESSION.EXPIRED", 410, "The verification session has expired"),
       "Hopae 300001 session expired: terminal", "hopae", "300001", 410, "terminal")
    ve("hopae-300003-already-completed.json",
       hopae_numeric(300003, "SESSION.ALREADY_COMPLETED", 409, "Verification already completed"),
       "Hopae 300003 already completed: terminal, though HTTP 409 alone reads as a caller error",
       "hopae", "300003", 409, "terminal")
    ve("hopae-400005-provider-unavailable.json",
       hopae_numeric(400005, "PROVIDER.TEMPORARILY_UNAVAILABLE", 503,
                     "The identity provider is temporarily unavailable"),
       "Hopae 400005 provider temporarily unavailable: retry later", "hopae", "400005", 503,
       "retry_later")
    ve("hopae-400002-provider-not-available.json",
       hopae_numeric(400002, "PROVIDER.NOT_AVAILABLE", 400, "Provider is not available"),
       "Hopae 400002 provider not available: terminal (the twin of 400005)", "hopae", "400002",
       400, "terminal")
    ve("hopae-100001-invalid-credentials.json",
       hopae_numeric(100001, "AUTH.INVALID_CREDENTIALS", 401, "Invalid client credentials provided"),
       "Hopae 100001 invalid credentials: caller error", "hopae", "100001", 401, "caller_error")
    ve("hopae-500001-internal.json",
       hopae_numeric(500001, "SYSTEM.INTERNAL_ERROR", 500, "Internal server error"),
       "Hopae 500001 internal error: retry later", "hopae", "500001", 500, "retry_later")
    # Hopae, named codes (the newer revision of its error reference).
    ve("hopae-auth-invalid-credentials-named.json",
       {"title": "AUTH_INVALID_CREDENTIALS", "status": 401,
        "detail": "Invalid client credentials provided", "instance": "/token",
        "timestamp": "2024-01-20T10:30:00.000Z", "context": {"client_id": "example_client"},
        "doc_url": "https://docs.hopae.com/api-reference/error-codes#invalid-credentials"},
       "Hopae named code AUTH_INVALID_CREDENTIALS: caller error", "hopae",
       "AUTH_INVALID_CREDENTIALS", 401, "caller_error")
    ve("hopae-session-expired-named.json",
       {"title": "SESSION_EXPIRED", "status": 410, "detail": "Session has expired",
        "instance": "/verifications/abc", "timestamp": "2024-01-20T10:30:00.000Z"},
       "Hopae named code SESSION_EXPIRED: terminal", "hopae", "SESSION_EXPIRED", 410, "terminal")
    # Hopae's workspace API envelope.
    ve("hopae-workspace-envelope.json",
       {"error": {"code": "VALIDATION_MISSING_PARAMETER",
                  "message": "Required parameter 'contactEmail' is missing",
                  "details": {"parameter": "contactEmail"}},
        "request_id": "228aaefb-3ce2-4dd0-a73b-b96f71c5779f"},
       "Hopae workspace error envelope: caller error", "hopae", "VALIDATION_MISSING_PARAMETER",
       None, "caller_error")
    ve("hopae-workspace-in-progress.json",
       {"error": {"code": "IDEMPOTENCY_REQUEST_IN_PROGRESS",
                  "message": "An earlier request with the same Idempotency-Key is in progress"},
        "request_id": "228aaefb-3ce2-4dd0-a73b-b96f71c5779f"},
       "Hopae IDEMPOTENCY_REQUEST_IN_PROGRESS: retry later (the twin of the conflict)", "hopae",
       "IDEMPOTENCY_REQUEST_IN_PROGRESS", None, "retry_later")
    # Trinsic: RFC 9457 problem details as ASP.NET Core serves them.
    ve("trinsic-problem-404.json",
       {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.5", "title": "Not Found",
        "status": 404, "traceId": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"},
       "Trinsic problem details 404: caller error", "trinsic-sessions", "404", 404,
       "caller_error")
    ve("trinsic-problem-validation.json",
       {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        "title": "One or more validation errors occurred.", "status": 400,
        "errors": {"redirectUrl": ["The redirectUrl field is required."]},
        "traceId": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"},
       "Trinsic validation problem: caller error", "trinsic-sessions", "400", 400,
       "caller_error")
    ve("trinsic-problem-503.json",
       {"type": "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        "title": "Service Unavailable", "status": 503,
        "traceId": "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-00"},
       "Trinsic problem details 503: retry later", "trinsic-sessions", "503", 503,
       "retry_later")
    ve("problem-generic-no-status.json",
       {"type": "https://example.com/probs/out-of-credit", "title": "You do not have enough credit.",
        "detail": "Your current balance is 30, but that costs 50.",
        "instance": "/account/12345/msgs/abc"},
       "RFC 9457's own example, no vendor's marks and no status: generic, terminal", "generic",
       None, None, "terminal")
    # Incode Omni.
    ve("incode-spoof-405.json",
       {"timestamp": 1584639032757, "status": 405, "error": "Spoof attempt detected",
        "message": "BadRequestException: Spoof attempt detected.", "path": "/omni/add/face"},
       "Incode's documented example, custom status 405 spoof attempt: terminal", "incode",
       "405", 405, "terminal")
    ve("incode-401.json",
       {"timestamp": 1584639032757, "status": 401, "error": "Unauthorized",
        "message": "Invalid token", "path": "/omni/get/score"},
       "Incode 401: caller error", "incode", "401", 401, "caller_error")
    ve("incode-429.json",
       {"timestamp": 1584639032757, "status": 429, "error": "Too Many Requests",
        "message": "Rate limit exceeded", "path": "/omni/get/score"},
       "Incode 429: retry later", "incode", "429", 429, "retry_later")

    # What the library must read from each (tests/vendor_errors.rs).
    table = {f: {"vendor": v, "code": c, "http_status": s, "retry": r}
             for f, (v, c, s, r) in sorted(RETRY.items())}
    aux_text(d + "expected-reading.json", json.dumps(table, indent=2, sort_keys=True) + "\n")

    # Failing twins: an error body of the wrong member types is malformed, not read as an error
    # of some class; a result that happens to carry a `title` is still read as the result.
    def bad(name, obj, codes, exercises):
        write_json(d + name, obj)
        expect(d + name, NOW_OTHER, codes, source=GEN, exercises=exercises)

    bad("problem-status-string.json",
        {"title": "SESSION_EXPIRED", "status": "410", "detail": "Session has expired"},
        ["field.invalid"], "problem details whose status is a string: malformed")
    bad("envelope-code-number.json", {"error": {"code": 300001}, "request_id": "x"},
        ["field.invalid"], "an error envelope whose code is a number: malformed")
    bad("incode-error-no-status.json",
        {"error": "Bad Request", "message": "x", "status": None},
        ["field.missing"], "an Incode error body with a null status: malformed")

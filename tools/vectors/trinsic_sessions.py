"""trinsic-sessions/: results of Trinsic's sessions API (a format that carries no signature)."""

from __future__ import annotations

from .common import GEN, NOW_TRINSIC_SESSIONS, UNSIGNED_OK, expect, write_json


def ts_base() -> dict:
    return {
        "session": {
            "id": "678c1ff6-2178-49e7-81d2-548afb6f85ec",
            "done": True,
            "success": True,
            "created": 1722526411,
            "updated": 1722526722,
        },
        "identityData": {
            "originatingProviderId": "clear",
            "person": {
                "givenName": "Jane",
                "familyName": "Doe",
                "middleName": "Q",
                "fullName": "Jane Q Doe",
                "nationality": "US",
                "sex": "Female",
                "dateOfBirth": "1990-04-01",
                "address": {
                    "line1": "1 Main St",
                    "city": "Springfield",
                    "subdivision": "IL",
                    "postalCode": "62701",
                    "country": "US",
                    "fullAddress": "1 Main St, Springfield, IL 62701, US",
                },
            },
            "document": {
                "type": "DriversLicense",
                "number": "D1234567",
                "issueDate": "2020-01-15",
                "expirationDate": "2030-01-15",
                "issuingCountry": "US",
                "issuingSubdivision": "IL",
                "issuingAuthority": "Illinois SOS",
            },
            "match": {"givenName": {"booleanValue": True}},
            "attachments": [],
            "providerOutput": {"clear": {"raw": True}},
        },
    }


def ts_session(done: bool, success: bool, error_code: str | None) -> dict:
    s = {"id": "678c1ff6-2178-49e7-81d2-548afb6f85ec", "done": done, "success": success}
    if error_code is not None:
        s["errorCode"] = error_code
    s["created"] = 1722526411
    s["updated"] = 1722526722
    return s


def trinsic_sessions() -> None:
    d = "trinsic-sessions/"

    def ts(name, obj, codes, exercises, unsure=None):
        write_json(d + name, obj)
        expect(d + name, NOW_TRINSIC_SESSIONS, codes, source=GEN, exercises=exercises,
               policy=UNSIGNED_OK, unsure=unsure)

    ts("result-success.json", ts_base(), [], "done & success with identityData")

    r = ts_base()
    r["identityData"]["document"]["issuingCountry"] = "USA"
    r["identityData"]["person"]["nationality"] = "USA"
    ts("result-alpha3-country.json", r, [],
       "issuingCountry / nationality as alpha-3 `USA` (documented as alpha-2)",
       unsure="assumed accepted and normalised (Trinsic Connect itself uses alpha-3); "
              "a strict alpha-2 reading gives field.invalid")

    r = ts_base()
    r["identityData"]["person"]["middleName"] = ""
    r["identityData"]["person"]["phoneNumber"] = ""
    ts("result-empty-strings.json", r, [], "empty-string optional fields treated as absent")

    ts("result-user-abandoned.json", {"session": ts_session(True, False, "UserAbandoned")},
       ["session.failed"], "done, not success, errorCode UserAbandoned, no identityData")

    ts("result-inauthentic.json", {"session": ts_session(True, False, "Inauthentic")},
       ["session.failed"], "done, not success, errorCode Inauthentic, no identityData",
       unsure="an Inauthentic document could be reported as verification.failed")

    # The proto field name (snake_case), which a proto3 JSON parser must accept: the failure is
    # read, not missed because of its spelling.
    snake = ts_session(True, False, None)
    snake["error_code"] = "UserAbandoned"
    ts("result-error-code-snake-case.json", {"session": snake}, ["session.failed"],
       "done, not success, `error_code` UserAbandoned spelled in snake_case")

    ts("result-not-done.json", {"session": ts_session(False, False, None)},
       ["session.incomplete"], "done false, success false, no identityData")

    r = ts_base()
    r["session"] = ts_session(True, True, "Other")
    ts("result-success-with-error.json", r, ["session.inconsistent"],
       "done & success but errorCode Other")

    r = ts_base()
    r["identityData"]["document"]["expirationDate"] = "2024-01-01"
    ts("result-document-expired.json", r, ["time.document_expired"],
       "document expirationDate 2024-01-01 before `now`")

    r = ts_base()
    r["identityData"]["person"]["dateOfBirth"] = "1990-13-45"
    ts("result-bad-birthdate.json", r, ["field.invalid"], "dateOfBirth 1990-13-45")

    r = ts_base()
    r["identityData"]["document"]["issuingCountry"] = "ZZ"
    ts("result-bad-country.json", r, ["field.invalid"],
       "issuingCountry `ZZ` (not an assigned ISO 3166 code)")

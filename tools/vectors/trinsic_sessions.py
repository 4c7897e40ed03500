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


# identityData.providerOutput and identityData.match (Trinsic's OpenAPI: `ProviderOutput`,
# `MdlOutput`, `SmartIdProviderOutput`, `MobileIdProviderOutput`, `YotiProviderOutput`,
# `MatchData`). The session ran 2024-08-01 15:33:31Z .. 15:38:42Z; `now` is 16:00:00Z.

def mdl_output() -> dict:
    return {
        "documentType": "org.iso.18013.5.1.mDL",
        "documentSignerCertificate": {
            "serialNumber": "306801082360131207284784033026769989720690200468",
            "commonName": "Illinois SOS IACA mdoc Signer",
            "stateOrProvinceName": "US-IL",
            "notBefore": "2024-01-13T17:26:32+00:00",
            "notAfter": "2025-04-13T17:26:32+00:00",
        },
        "iacaRootCertificate": {
            "serialNumber": "535868140170056787981774412188464491855209169584",
            "commonName": "Illinois SOS IACA Root",
            "stateOrProvinceName": "US-IL",
            "notBefore": "2023-03-01T17:17:39+00:00",
            "notAfter": "2033-01-07T17:17:39+00:00",
        },
        "nameSpaces": {
            "org.iso.18013.5.1": {
                "given_name": {"type": "String", "value": "JANE"},
                "family_name": {"type": "String", "value": "DOE"},
                "birth_date": {"type": "String", "value": "1990-04-01"},
                "document_number": {"type": "String", "value": "D1234567"},
                "expiry_date": {"type": "String", "value": "2030-01-15"},
                "age_over_21": {"type": "Boolean", "value": "true"},
                "portrait": {"type": "IntentionallyOmitted", "value": ""},
            },
        },
    }


def with_provider(provider_id: str, output: dict, match: dict | None = None) -> dict:
    r = ts_base()
    r["identityData"]["originatingProviderId"] = provider_id
    r["identityData"]["providerOutput"] = {provider_id: output}
    if match is None:
        r["identityData"].pop("match")
    else:
        r["identityData"]["match"] = match
    return r


def smart_id(level: str = "QUALIFIED", qualification: str = "Q") -> dict:
    return {
        "givenName": "JANE",
        "familyName": "DOE",
        "dateOfBirth": "1990-04-01",
        "sex": "Female",
        "country": "EE",
        "identityType": "PNO",
        "personalCode": "49004010000",
        "serialNumber": "PNOEE-49004010000",
        "certificateSubject": 'SERIALNUMBER=PNOEE-49004010000, G=JANE, SN=DOE, CN="DOE,JANE,49004010000", C=EE',
        "certificateLevel": level,
        "documentNumber": f"PNOEE-49004010000-Z1B2-{qualification}",
        "interactionFlowUsed": "displayTextAndPIN",
    }


def mobile_id() -> dict:
    return {
        "givenName": "JANE",
        "familyName": "DOE",
        "dateOfBirth": "1990-04-01",
        "sex": "Female",
        "country": "EE",
        "identityType": "PNO",
        "personalCode": "49004010000",
        "serialNumber": "PNOEE-49004010000",
    }


def yoti() -> dict:
    return {
        "rememberMeId": "8ba191ec-64b1-41c1-b622-4b8c14c34428",
        "givenName": "Jane",
        "familyName": "Doe",
        "fullName": "Jane Q Doe",
        "dateOfBirth": "1990-04-01",
        "documentDetails": {
            "type": "DRIVING_LICENCE",
            "issuingCountry": "USA",
            "documentNumber": "D1234567",
            "expirationDate": "2030-01-15",
        },
    }


def trinsic_provider_output() -> None:
    d = "trinsic-sessions/"

    def ts(name, obj, codes, exercises, **policy):
        write_json(d + name, obj)
        expect(d + name, NOW_TRINSIC_SESSIONS, codes, source=GEN, exercises=exercises,
               policy={**UNSIGNED_OK, **policy})

    # A wallet's mDL (apple-wallet's `rawMdlOutput`).
    ts("provider-mdl.json", with_provider("apple-wallet", {"rawMdlOutput": mdl_output()}), [],
       "apple-wallet mDL: documentType org.iso.18013.5.1.mDL, signer and IACA certificates "
       "valid over the session, elements agree with person/document, portrait IntentionallyOmitted")
    r = with_provider("apple-wallet", {"rawMdlOutput": mdl_output()})
    r["identityData"]["providerOutput"]["apple-wallet"]["rawMdlOutput"]["nameSpaces"]["org.iso.18013.5.1"][
        "family_name"]["value"] = "ROE"
    ts("provider-mdl-name-differs.json", r, ["session.inconsistent"],
       "mDL family_name ROE differs from identityData.person.familyName Doe")
    r = with_provider("apple-wallet", {"rawMdlOutput": mdl_output()})
    r["identityData"]["providerOutput"]["apple-wallet"]["rawMdlOutput"]["documentSignerCertificate"][
        "notAfter"] = "2024-08-01T15:35:00+00:00"
    ts("provider-mdl-signer-expired.json", r, ["time.expired"],
       "document signer certificate notAfter 15:35:00Z, between session.created and session.updated")
    r = with_provider("apple-wallet", {"rawMdlOutput": mdl_output()})
    r["identityData"]["providerOutput"]["apple-wallet"]["rawMdlOutput"]["documentSignerCertificate"][
        "notBefore"] = "2024-08-02T00:00:00+00:00"
    ts("provider-mdl-signer-not-yet-valid.json", r, ["time.not_yet_valid"],
       "document signer certificate notBefore 2024-08-02, after the session")
    r = with_provider("google-wallet", {"rawMdlOutput": mdl_output()})
    r["identityData"]["providerOutput"]["google-wallet"]["rawMdlOutput"]["nameSpaces"]["org.iso.18013.5.1"][
        "family_name"] = {"type": "IntentionallyOmitted", "value": ""}
    ts("provider-mdl-omitted-name.json", r, [],
       "google-wallet mDL with family_name IntentionallyOmitted: not compared, not reported")
    r = with_provider("samsung-wallet", {"rawMdlOutput": mdl_output()})
    r["identityData"]["providerOutput"]["samsung-wallet"]["rawMdlOutput"]["nameSpaces"]["org.iso.18013.5.1"][
        "portrait"]["value"] = "_9j_4AAQSkZJRg"
    ts("provider-mdl-omitted-with-value.json", r, ["session.inconsistent"],
       "samsung-wallet mDL portrait typed IntentionallyOmitted but carrying a value")
    r = with_provider("apple-wallet", {"rawMdlOutput": mdl_output()})
    r["identityData"]["providerOutput"]["apple-wallet"]["rawMdlOutput"]["documentType"] = "org.iso.23220.photoid.1"
    ts("provider-mdl-document-type.json", r, ["session.inconsistent"],
       "mDL documentType org.iso.23220.photoid.1, not an mDL type")

    # Smart-ID: certificate level QUALIFIED is level 5, ADVANCED level 2.
    ts("provider-smart-id.json", with_provider("smart-id", smart_id()), [],
       "smart-id QUALIFIED (level 5) under a minimum of 5; names and birth date agree", min_loa=5)
    ts("provider-smart-id-advanced.json", with_provider("smart-id", smart_id("ADVANCED", "NQ")),
       ["assurance.too_low"], "smart-id ADVANCED (level 2) under a minimum of 3", min_loa=3)
    ts("provider-smart-id-qualification.json", with_provider("smart-id", smart_id("QUALIFIED", "NQ")),
       ["session.inconsistent"], "smart-id certificateLevel QUALIFIED but documentNumber ends -NQ")
    r = with_provider("smart-id", smart_id())
    r["identityData"]["providerOutput"]["smart-id"]["givenName"] = 42
    ts("provider-smart-id-bad-type.json", r, ["field.invalid"],
       "smart-id givenName is a number: a described member of a known provider has its type")

    # Mobile-ID states no certificate level: a required minimum fails closed.
    ts("provider-mobile-id.json", with_provider("mobile-id", mobile_id()), [],
       "mobile-id: names and birth date agree, no minimum level")
    ts("provider-mobile-id-min-loa.json", with_provider("mobile-id", mobile_id()),
       ["assurance.unknown"], "mobile-id states no certificate level; the policy requires 2", min_loa=2)
    r = with_provider("mobile-id", mobile_id())
    r["identityData"]["providerOutput"]["mobile-id"]["dateOfBirth"] = "1990-04-02"
    ts("provider-mobile-id-birth-differs.json", r, ["session.inconsistent"],
       "mobile-id dateOfBirth 1990-04-02 differs from identityData.person.dateOfBirth")

    # Another provider: Yoti, with document details.
    ts("provider-yoti.json", with_provider("yoti", yoti()), [],
       "yoti: names, birth date, document number and expiry agree")
    r = with_provider("yoti", yoti())
    r["identityData"]["providerOutput"]["yoti"]["documentDetails"]["expirationDate"] = "2031-01-15"
    ts("provider-yoti-expiry-differs.json", r, ["session.inconsistent"],
       "yoti documentDetails.expirationDate differs from identityData.document.expirationDate")

    # An unknown provider and an unknown member: kept and reported (skipped checks), not errors.
    r = with_provider("smart-id", smart_id())
    r["identityData"]["providerOutput"]["smart-id"]["signingCertificateChain"] = ["MIIB"]
    r["identityData"]["providerOutput"]["acme-eid"] = {"subject": "Jane Doe", "level": 9}
    ts("provider-unknown.json", r, [],
       "an unknown provider id (acme-eid) and an unknown smart-id member: reported, not errors")
    r = with_provider("smart-id", smart_id())
    r["identityData"]["providerOutput"]["acme-eid"] = {"subject": "Jane Doe"}
    r["identityData"]["match"] = {"acmeScore": {"booleanValue": False}}
    ts("provider-unknown-match-failed.json", r, ["session.match_failed"],
       "an unknown match member with booleanValue false is judged all the same")
    r = with_provider("smart-id", smart_id())
    r["identityData"]["match"] = {"acmeChecks": {"faceMatch": {"booleanValue": False}}}
    ts("match-unknown-nested-failed.json", r, ["session.match_failed"],
       "a failed result nested under an unknown match member is judged, not skipped")
    r = with_provider("smart-id", smart_id())
    r["identityData"]["match"] = {"acmeScore": {"booleanValue": "false"}}
    ts("match-unknown-mistyped.json", r, ["field.invalid"],
       "an unknown match member with a result's names but a string boolean: refused, as a known one")
    r = with_provider("smart-id", smart_id())
    r["identityData"]["match"] = {"documentMatch": [{"booleanValue": False}]}
    ts("match-array-failed.json", r, ["session.match_failed"],
       "a failed result inside an array under an unknown match member is judged")

    # Match results.
    good = {"faceMatch": {"probabilityValue": 0.9646}, "liveness": {"probabilityValue": 0.9501},
            "nationalIdNumber": {"booleanValue": True}}
    ts("match-passed.json", with_provider("yoti", yoti(), good), [],
       "match: faceMatch 0.9646, liveness 0.9501 (default minimum 0.9), nationalIdNumber true")
    ts("match-boolean-false.json",
       with_provider("yoti", yoti(), {**good, "sex": {"booleanValue": False}}),
       ["session.match_failed"], "match: sex booleanValue false")
    ts("match-probability-low.json",
       with_provider("yoti", yoti(), {**good, "faceMatch": {"probabilityValue": 0.42}}),
       ["session.match_failed"], "match: faceMatch 0.42, below the default minimum 0.9")
    ts("match-probability-policy.json", with_provider("yoti", yoti(), good),
       ["session.match_failed"], "match: liveness 0.9501 below a policy minimum of 0.99",
       min_match_probability=0.99)

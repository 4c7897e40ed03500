"""incode/ and regula/: Incode and Regula results (formats that carry no signature)."""

from __future__ import annotations

from .common import GEN, NOW_OTHER, UNSIGNED_OK, expect, write_json


def incode_regula() -> None:
    d = "incode/"

    def ic(name, obj, codes, exercises, unsure=None):
        write_json(d + name, obj)
        expect(d + name, NOW_OTHER, codes, source=GEN, exercises=exercises, policy=UNSIGNED_OK,
               unsure=unsure)

    ic("finish-approved.json",
       {"action": "approved", "scoreStatus": "OK", "redirectionUrl": "https://example.com/done"},
       [], "finish status approved / OK")
    ic("finish-rejected.json",
       {"action": "rejected", "scoreStatus": "FAIL",
        "redirectionUrl": "https://example.com/done"},
       ["session.failed"], "finish status rejected / FAIL",
       unsure="could be verification.failed")
    ic("finish-approved-warn.json",
       {"action": "approved", "scoreStatus": "WARN",
        "redirectionUrl": "https://example.com/done"},
       ["session.failed"], "approved, but scoreStatus WARN: only OK and MANUAL_OK are accepted",
       unsure="the library rejects it: both the action and the score must pass")

    def scores(overall="OK", face="OK"):
        return {
            "idValidation": {"overall": {"value": "100.0", "status": "OK"}},
            "liveness": {"overall": {"value": "100.0", "status": "OK"}},
            "faceRecognition": {"overall": {"value": "95.5", "status": face}},
            "idOcrConfidence": {"overallConfidence": {"value": "99.0", "status": "OK"}},
            "overall": {"value": "100.0", "status": overall},
        }

    ic("scores-ok.json", scores(), [], "scores, overall OK")
    ic("scores-fail.json", scores("FAIL", "FAIL"), ["session.failed"],
       "scores, overall FAIL and faceRecognition FAIL",
       unsure="the failed faceRecognition item may add verification.failed")
    ic("scores-unknown-status.json", scores("SOMETHING_NEW"), ["session.unknown_state"],
       "scores, overall status `SOMETHING_NEW` (open enum, rejected by verify)")

    name = "regula/session.json"
    write_json(name, {"id": 4021, "status": 2, "metadata": {"externalUserId": "user-42"},
                      "properties": {}, "files": []})
    expect(name, NOW_OTHER, ["state.not_checkable"], source=GEN,
           policy=dict(UNSIGNED_OK, external_user_id="user-42"),
           exercises="integer status with undocumented meaning; externalUserId matches policy")

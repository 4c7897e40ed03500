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

    # A positive decision must not contradict a component check the result reports.
    ic("scores-ok-face-fail.json", scores("OK", "FAIL"), ["session.inconsistent"],
       "overall OK while faceRecognition FAIL: the decision contradicts a failed component")
    approved_liveness_fail = {
        "action": "approved", "scoreStatus": "OK",
        "liveness": {"overall": {"value": "10.0", "status": "FAIL"}},
    }
    ic("approved-liveness-fail.json", approved_liveness_fail, ["session.inconsistent"],
       "action approved / OK beside liveness FAIL")
    manual = {
        "action": "approved", "scoreStatus": "MANUAL_OK",
        "liveness": {"overall": {"value": "10.0", "status": "FAIL"}},
    }
    ic("manual-ok-liveness-fail.json", manual, ["session.inconsistent"],
       "a reviewer's MANUAL_OK beside liveness FAIL, without the policy accepting the review")
    expect(d + "manual-ok-liveness-fail.json", NOW_OTHER, [], source=GEN,
           policy=dict(UNSIGNED_OK, accept_manual_review=True),
           exercises="the same, the policy accepting a recorded manual review over failed components")
    expect(d + "approved-liveness-fail.json", NOW_OTHER, ["session.inconsistent"], source=GEN,
           policy=dict(UNSIGNED_OK, accept_manual_review=True),
           exercises="accept_manual_review does not cover an automatic OK: no review is recorded")
    # proto3 JSON and REST clients may send the field names in snake_case: read alike.
    snake = {"score_status": "FAIL", "action": "approved", "interview_id": "int-1"}
    ic("finish-snake-case-fail.json", snake, ["session.failed"],
       "snake_case `score_status` FAIL: a failure is not missed because of its spelling")
    ic("scores-snake-case-ok.json",
       {"id_validation": {"overall": {"value": "100.0", "status": "OK"}},
        "face_recognition": {"overall": {"value": "95.5", "status": "OK"}},
        "overall": {"value": "100.0", "status": "OK"}},
       [], "scores in snake_case, every check OK")
    ic("finish-both-spellings.json",
       {"action": "approved", "scoreStatus": "OK", "score_status": "FAIL"},
       ["input.duplicate_member"],
       "`scoreStatus` OK beside `score_status` FAIL: one member spelled twice, refused")

    name = "regula/session.json"
    write_json(name, {"id": 4021, "status": 2, "metadata": {"externalUserId": "user-42"},
                      "properties": {}, "files": []})
    expect(name, NOW_OTHER, ["state.not_checkable"], source=GEN,
           policy=dict(UNSIGNED_OK, external_user_id="user-42"),
           exercises="integer status with undocumented meaning; externalUserId matches policy")

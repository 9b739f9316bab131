"""Statements as xAPI 1.0.3 JSON: what the forwarder sends and `xapi_export` writes."""

from django.conf import settings

from .verbs import iri_base, verb_display

PLATFORM = "IOM Compass"
LANGUAGE = "en-GB"


def _iso(moment) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _number(value):
    return int(value) if value == value.to_integral_value() else float(value)


def statement_json(statement) -> dict:
    """One statement, as an LRS accepts it (no `stored`, `authority` or `version`:
    the LRS sets those)."""
    data = {
        "id": str(statement.statement_id),
        "actor": {
            "objectType": "Agent",
            "account": {
                "homePage": settings.XAPI_ACCOUNT_HOMEPAGE,
                "name": str(statement.actor_name),
            },
        },
        "verb": {"id": statement.verb, "display": {LANGUAGE: verb_display(statement.verb)}},
        "object": {"objectType": "Activity", "id": statement.object_iri},
        "timestamp": _iso(statement.timestamp),
    }
    definition = {}
    if statement.object_type:
        definition["type"] = statement.object_type
    if statement.object_name:
        definition["name"] = {LANGUAGE: statement.object_name}
    if definition:
        data["object"]["definition"] = definition
    result = {}
    if statement.result_score_raw is not None:
        result["score"] = {
            "scaled": float(statement.result_score_scaled),
            "raw": _number(statement.result_score_raw),
            "min": _number(statement.result_score_min),
            "max": _number(statement.result_score_max),
        }
    if statement.result_success is not None:
        result["success"] = statement.result_success
    if statement.result_completion is not None:
        result["completion"] = statement.result_completion
    if statement.result_duration_seconds is not None:
        result["duration"] = f"PT{statement.result_duration_seconds}S"
    if result:
        data["result"] = result
    context = {"platform": PLATFORM, "language": LANGUAGE}
    if statement.registration:
        context["registration"] = str(statement.registration)
    if statement.context_parents:
        context["contextActivities"] = {
            "parent": [
                {"objectType": "Activity", "id": p["id"], "definition": {"type": p["type"]}}
                for p in statement.context_parents
            ]
        }
    extensions = dict(statement.context_extensions or {})
    instructor = extensions.pop("instructor", None)
    if instructor:
        context["instructor"] = {
            "objectType": "Agent",
            "account": {"homePage": settings.XAPI_ACCOUNT_HOMEPAGE, "name": instructor},
        }
    if extensions:
        context["extensions"] = {
            f"{iri_base()}/xapi/extensions/{key}": value for key, value in extensions.items()
        }
    data["context"] = context
    return data

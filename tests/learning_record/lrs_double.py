"""
A learning record store on loopback for tests: POST /statements (a JSON array)
with xAPI 1.0.3 checks on every statement, and switches to refuse (400/500),
to time out (after storing, as a store whose reply is lost), and to come back.
"""

import base64
import json
import re
import threading
import time
import uuid
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

TOP_LEVEL = {
    "id", "actor", "verb", "object", "result", "context", "timestamp", "stored",
    "authority", "version", "attachments",
}  # fmt: skip
RESULT = {"score", "success", "completion", "response", "duration", "extensions"}
CONTEXT = {
    "registration", "instructor", "team", "contextActivities", "revision", "platform",
    "language", "statement", "extensions",
}  # fmt: skip
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
DURATION = re.compile(
    r"^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


def _iri(value) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlparse(value)
    return bool(parts.scheme) and bool(parts.netloc or parts.path) and " " not in value


def _uuid(value) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def _iso_timestamp(value) -> bool:
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except (TypeError, ValueError):
        return False


def _language_map(value) -> bool:
    return isinstance(value, dict) and all(
        LANGUAGE_TAG.match(k) and isinstance(v, str) for k, v in value.items()
    )


def _agent_errors(agent, where) -> list[str]:
    if not isinstance(agent, dict):
        return [f"{where} is not an object"]
    errors = []
    if agent.get("objectType", "Agent") != "Agent":
        errors.append(f"{where}.objectType must be Agent")
    found = [key for key in IFIS if key in agent]
    if len(found) != 1:
        errors.append(f"{where} must have exactly one IFI, has {found}")
    account = agent.get("account")
    if account is not None:
        if not _iri(account.get("homePage")):
            errors.append(f"{where}.account.homePage is not an IRL")
        if not isinstance(account.get("name"), str) or not account["name"]:
            errors.append(f"{where}.account.name is missing")
        if "@" in account.get("name", ""):
            errors.append(f"{where}.account.name looks like an email address")
    return errors


def _activity_errors(activity, where) -> list[str]:
    errors = []
    if activity.get("objectType", "Activity") != "Activity":
        errors.append(f"{where}.objectType must be Activity")
    if not _iri(activity.get("id")):
        errors.append(f"{where}.id is not an IRI")
    definition = activity.get("definition", {})
    if "type" in definition and not _iri(definition["type"]):
        errors.append(f"{where}.definition.type is not an IRI")
    if "name" in definition and not _language_map(definition["name"]):
        errors.append(f"{where}.definition.name is not a language map")
    return errors


def statement_errors(statement) -> list[str]:
    """Every xAPI 1.0.3 rule this store checks that the statement breaks."""
    if not isinstance(statement, dict):
        return ["not an object"]
    errors = [f"unknown property {key}" for key in statement if key not in TOP_LEVEL]
    if not _uuid(statement.get("id")):
        errors.append("id is not a UUID")
    errors += _agent_errors(statement.get("actor"), "actor")
    verb = statement.get("verb") or {}
    if not _iri(verb.get("id")):
        errors.append("verb.id is not an IRI")
    if not _language_map(verb.get("display")) or not verb.get("display"):
        errors.append("verb.display is not a language map")
    errors += _activity_errors(statement.get("object") or {}, "object")
    result = statement.get("result")
    if result is not None:
        errors += [f"unknown result.{key}" for key in result if key not in RESULT]
        score = result.get("score")
        if score is not None:
            scaled = score.get("scaled")
            if scaled is not None and not -1 <= scaled <= 1:
                errors.append("result.score.scaled is outside [-1, 1]")
            low, raw, high = score.get("min"), score.get("raw"), score.get("max")
            if None not in (low, high) and low > high:
                errors.append("result.score.min > max")
            if raw is not None and (
                (low is not None and raw < low) or (high is not None and raw > high)
            ):
                errors.append("result.score.raw is outside [min, max]")
        for key in ("success", "completion"):
            if key in result and not isinstance(result[key], bool):
                errors.append(f"result.{key} is not a boolean")
        if "duration" in result and not DURATION.match(str(result["duration"])):
            errors.append("result.duration is not ISO 8601")
    context = statement.get("context")
    if context is not None:
        errors += [f"unknown context.{key}" for key in context if key not in CONTEXT]
        if "registration" in context and not _uuid(context["registration"]):
            errors.append("context.registration is not a UUID")
        if "instructor" in context:
            errors += _agent_errors(context["instructor"], "context.instructor")
        for kind, activities in context.get("contextActivities", {}).items():
            if kind not in {"parent", "grouping", "category", "other"}:
                errors.append(f"unknown contextActivities.{kind}")
            if not isinstance(activities, list):
                errors.append(f"contextActivities.{kind} is not a list")
                continue
            for n, activity in enumerate(activities):
                errors += _activity_errors(activity, f"contextActivities.{kind}[{n}]")
        for key in context.get("extensions", {}):
            if not _iri(key):
                errors.append(f"context extension {key} is not an IRI")
    for key in ("timestamp", "stored"):
        if key in statement and not _iso_timestamp(statement[key]):
            errors.append(f"{key} is not an ISO 8601 timestamp with a time zone")
    return errors


class LrsDouble:
    def __init__(self, *, username="lrs-user", password="lrs-secret"):
        self.username, self.password = username, password
        self.mode = "ok"  # "ok", 400, 500, "timeout"
        self.delay = 0.0
        self.slow = 0.0  # seconds before answering any batch (to overlap two senders)
        self.stored: dict[str, dict] = {}
        self.posts: list[list[str]] = []  # the ids of every batch received
        self.invalid: list[tuple[str, list[str]]] = []
        self.lock = threading.Lock()
        double = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                double._handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/xapi/"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def _reply(self, handler, status, body=None):
        data = json.dumps(body).encode() if body is not None else b""
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def _handle(self, handler):
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length)
        if urlparse(handler.path).path != "/xapi/statements":
            return self._reply(handler, 404, {"error": "not found"})
        if handler.headers.get("X-Experience-API-Version") != "1.0.3":
            return self._reply(handler, 400, {"error": "X-Experience-API-Version missing"})
        token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        if handler.headers.get("Authorization") != f"Basic {token}":
            return self._reply(handler, 401, {"error": "unauthorised"})
        if self.mode in (400, 500):
            return self._reply(handler, self.mode, {"error": "refused"})
        try:
            statements = json.loads(body)
        except ValueError:
            return self._reply(handler, 400, {"error": "not JSON"})
        if not isinstance(statements, list):
            statements = [statements]
        with self.lock:
            self.posts.append([s.get("id") for s in statements])
            bad = [(s.get("id"), statement_errors(s)) for s in statements]
            bad = [(sid, errs) for sid, errs in bad if errs]
            if bad:
                self.invalid += bad
                return self._reply(handler, 400, {"error": bad})
            conflict = [
                s["id"] for s in statements if s["id"] in self.stored and self.stored[s["id"]] != s
            ]
            if conflict:
                return self._reply(handler, 409, {"error": conflict})
            for s in statements:
                self.stored.setdefault(s["id"], s)
        time.sleep(self.slow)
        if self.mode == "timeout":  # stored, but the reply comes too late
            time.sleep(self.delay)
        self._reply(handler, 200, [s["id"] for s in statements])

import json
import logging
import re
from urllib.parse import urlsplit

from django.db import connection
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .ratelimits import rate_limit


@never_cache
def healthcheck(request):
    """For load balancers: the app answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def rate_limited(request, exception):
    """The answer to a request past its rate limit (iomsite/ratelimits.py)."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response


CSP_REPORT_MAX_BYTES = 10 * 1024
CSP_REPORT_TYPES = ("application/csp-report", "application/reports+json", "application/json")
csp_logger = logging.getLogger("iomsite.csp")
_DIRECTIVE = re.compile(r"^[a-z][a-z-]{0,39}$")
_KEYWORDS = {"inline", "eval", "wasm-eval", "data", "blob", "self", "trusted-types-policy"}


def _origin_only(value) -> str:
    """The origin of a blocked URL, or its keyword ("inline", "eval"); never a path."""
    if not isinstance(value, str) or not value:
        return "-"
    if value in _KEYWORDS:
        return value
    parts = urlsplit(value[:2048])
    if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname:
        host = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
        return f"{parts.scheme}://{host}"
    return parts.scheme + ":" if re.fullmatch(r"[a-z][a-z0-9+.-]{0,19}", parts.scheme) else "-"


def _path_only(value) -> str:
    if not isinstance(value, str) or not value:
        return "-"
    path = urlsplit(value[:2048]).path or "/"
    return re.sub(r"[^\w/.~-]", "_", path)[:200]


def _directive(value) -> str:
    value = value.split(" ", 1)[0] if isinstance(value, str) else ""
    return value if _DIRECTIVE.match(value) else "-"


def _violations(payload) -> list[tuple[str, str, str]]:
    """(directive, blocked origin, document path) per report; ValueError if not a report."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        report = payload["csp-report"]
        directive = report.get("effective-directive") or report.get("violated-directive")
        return [
            (
                _directive(directive),
                _origin_only(report.get("blocked-uri")),
                _path_only(report.get("document-uri")),
            )
        ]
    if isinstance(payload, list) and payload and len(payload) <= 50:
        found = []
        for item in payload:
            if not isinstance(item, dict) or not isinstance(item.get("body"), dict):
                raise ValueError("not a report")
            if item.get("type") != "csp-violation":
                continue
            body = item["body"]
            found.append(
                (
                    _directive(body.get("effectiveDirective")),
                    _origin_only(body.get("blockedURL")),
                    _path_only(body.get("documentURL") or item.get("url")),
                )
            )
        return found
    raise ValueError("not a report")


@csrf_exempt
@require_POST
@rate_limit("csp_report")
def csp_report(request):
    """Browsers post Content-Security-Policy violations here (report-uri and
    report-to). Logs the directive, the blocked origin and the page's path only."""
    content_type = request.content_type or ""
    if content_type not in CSP_REPORT_TYPES:
        return HttpResponseBadRequest("Not a CSP report.", content_type="text/plain")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > CSP_REPORT_MAX_BYTES:
        return HttpResponseBadRequest("Report too large.", content_type="text/plain")
    raw = request.read(CSP_REPORT_MAX_BYTES + 1)
    if len(raw) > CSP_REPORT_MAX_BYTES:
        return HttpResponseBadRequest("Report too large.", content_type="text/plain")
    try:
        violations = _violations(json.loads(raw.decode("utf-8")))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return HttpResponseBadRequest("Not a CSP report.", content_type="text/plain")
    for directive, blocked, document in violations:
        csp_logger.warning(
            "CSP violation: directive=%s blocked=%s document=%s", directive, blocked, document
        )
    return HttpResponse(status=204)

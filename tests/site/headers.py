"""Shared by the browser-defence tests: the CSP a response carries, and posting a
violation report."""

import json

from django.urls import reverse

LEGACY_REPORT = {
    "csp-report": {
        "document-uri": "https://compass.example/journal/entries/12/?q=my+secret+words",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'",
        "blocked-uri": "https://evil.example/steal.js?token=abc",
        "status-code": 200,
    }
}


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def post_csp_report(client, body, content_type="application/csp-report"):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post(reverse("csp_report"), data=data, content_type=content_type)

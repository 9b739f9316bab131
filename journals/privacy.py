"""
What looks like identifiable case data, checked before an entry is shared.

Every pattern runs in linear time on an entry of the maximum size (no two
unbounded runs that can match the same characters side by side), which
tests/journals/test_render_cost.py checks.

A warning, not a block: practitioners write about real work, and the patterns
are deliberately broad. The learner sees each match in context and can edit the
entry or confirm that it is fine to share.
"""

import re
from dataclasses import dataclass

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)

PATTERNS = [
    (
        "a name after a title",
        re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?\s+[A-Z][a-zA-Z'’-]+"),
    ),
    (
        "a date of birth",
        re.compile(
            # `\s*(?::\s*)?`, not `\s*:?\s*`: two runs of spaces side by side
            # backtrack quadratically on a long run of spaces (2 s for 20,000).
            r"\b(?:DOB|D\.O\.B\.?|date of birth|born(?: on)?)\s*(?::\s*)?\S+(?:\s+\S+){0,2}",
            re.IGNORECASE,
        ),
    ),
    ("a date", re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}\b")),
    ("a date", re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\s+(?:19|20)\d{{2}}\b")),
    (
        "a Police National Computer number",
        re.compile(r"\b(?:\d{2}|(?:19|20)\d{2})/\d{1,7}[A-Z]\b", re.IGNORECASE),
    ),
    ("a case reference number", re.compile(r"\b[A-Z]\d{6}\b")),
    ("a Criminal Records Office number", re.compile(r"\b\d{1,6}/\d{2}[A-Z]\b")),
]


@dataclass(frozen=True)
class Finding:
    kind: str
    excerpt: str


def identifiable_data_findings(text: str) -> list[Finding]:
    """Each distinct match, with a little context, in the order found."""
    findings, seen = [], set()
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            key = (kind, match.group(0))
            if key in seen:
                continue
            seen.add(key)
            start, end = max(0, match.start() - 30), min(len(text), match.end() + 30)
            excerpt = (
                ("…" if start else "")
                + text[start:end].replace("\n", " ")
                + ("…" if end < len(text) else "")
            )
            findings.append(Finding(kind=kind, excerpt=excerpt))
    return findings

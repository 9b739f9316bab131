"""
The verb vocabulary. Code names a verb by its short key (`Verb.READ`); a
statement stores and sends the verb's IRI with its display name.

IRIs are the ADL vocabulary's where ADL has the verb
(http://adlnet.gov/expapi/verbs/...). "read" is the xAPI vocabulary's
https://w3id.org/xapi/adb/verbs/read. No registry has a verb for writing a
reflection, so "reflected" is this platform's own IRI under XAPI_IRI_BASE
(`reflected_iri`), a verb LRS reports show by its display name.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models

ADL = "http://adlnet.gov/expapi/verbs/"


class Verb(models.TextChoices):
    """What code passes to `statement_report`."""

    STARTED = "started", "started"
    VIEWED = "viewed", "viewed"
    READ = "read", "read"
    ANSWERED = "answered", "answered"
    COMPLETED = "completed", "completed"
    PASSED = "passed", "passed"
    FAILED = "failed", "failed"
    REFLECTED = "reflected", "reflected"


@dataclass(frozen=True)
class VerbDefinition:
    key: str
    iri: str
    display: str  # en-GB


def iri_base() -> str:
    """Where this platform's activity and verb IRIs live (never changes once set)."""
    return (getattr(settings, "XAPI_IRI_BASE", "") or "http://localhost").rstrip("/")


def reflected_iri() -> str:
    return f"{iri_base()}/xapi/verbs/reflected"


def verb_definition(key: str) -> VerbDefinition:
    fixed = {
        Verb.STARTED: (ADL + "attempted", "attempted"),
        Verb.VIEWED: (ADL + "experienced", "experienced"),
        Verb.READ: ("https://w3id.org/xapi/adb/verbs/read", "read"),
        Verb.ANSWERED: (ADL + "answered", "answered"),
        Verb.COMPLETED: (ADL + "completed", "completed"),
        Verb.PASSED: (ADL + "passed", "passed"),
        Verb.FAILED: (ADL + "failed", "failed"),
        Verb.REFLECTED: (reflected_iri(), "reflected"),
    }
    if key not in fixed:
        raise ValueError(f"Unknown verb {key!r}")
    iri, display = fixed[key]
    return VerbDefinition(str(key), iri, display)


def verb_display(iri: str) -> str:
    """The display name for a stored verb IRI (the last path segment for any other)."""
    for key in Verb.values:
        definition = verb_definition(key)
        if definition.iri == iri:
            return definition.display
    return iri.rstrip("/").rsplit("/", 1)[-1]

"""
Who hears of each statement, inside the transaction that writes it.

An app that keeps summaries (courses) registers one subscriber in its
AppConfig.ready(). `statement_report` asks every subscriber, before it writes,
what context it adds (`context`: parent activities such as the course and
module, whether the verb completes something there, extensions), then hands
each the written statement (`received`), still in the same transaction, so a
summary never lags the record. `learning_record` imports no app that
subscribes.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from .activities import Activity


@dataclass
class Report:
    """What an activity reported, as subscribers see it."""

    user: Any
    verb: str  # Verb key
    activity: Activity
    page: Any = None  # the page the object is, or (for a quiz item) is part of
    step: Any = None
    question_id: int | None = None
    score: Decimal | None = None  # percent, 0-100
    duration_seconds: int | None = None
    at: datetime | None = None


@dataclass
class Contribution:
    parents: list[Activity] = field(default_factory=list)
    course_id: int | None = None  # when exactly one course
    module_id: int | None = None
    completion: bool | None = None
    extensions: dict = field(default_factory=dict)
    state: Any = None  # kept for `received`


class Subscriber(Protocol):
    name: str

    def context(self, report: Report) -> Contribution | None: ...

    def received(self, report: Report, statement, contribution: Contribution | None) -> Any: ...


_registry: dict[str, Subscriber] = {}


def subscribe(subscriber: Subscriber) -> None:
    """Register (once, by name) a subscriber to every statement."""
    _registry[subscriber.name] = subscriber


def subscribers() -> list[Subscriber]:
    return list(_registry.values())

"""
What a learner's status is called, everywhere: one wording table, by value.

Stored summaries carry a forward-only `Status` (not started → in progress →
completed). What a page shows adds two facts the summary does not know: a
lock (the module waits for the previous one, or the step for the earlier
steps of its module) and a due date. `shown_for` is the single precedence:

    Completed  >  Overdue  >  Cannot start yet  >  In progress  >  Not started

Completed is forward-only: a module or course stays Completed after a step is
added (its certificate is never taken back); its step counts stay honest
(e.g. 4 of 5) and the new step shows Not started. Overdue beats a lock because
the learner is late either way; a lock beats a stored "in progress" (a piece
read before its module opened) so no page shows a locked module as started.
Templates and the CSV compare `Shown` by value and print its label.
"""

import functools
from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ..models import Status


class Shown(models.IntegerChoices):
    """A status as shown; the first three equal the stored `Status` values."""

    NOT_STARTED = Status.NOT_STARTED, _("Not started")
    IN_PROGRESS = Status.IN_PROGRESS, _("In progress")
    COMPLETED = Status.COMPLETED, _("Completed")
    LOCKED = 3, _("Cannot start yet")
    OVERDUE = 4, _("Overdue")
    DUE = 5, _("Due")

    @property
    def colour(self) -> str:
        """The GOV.UK tag colour (govuk-tag--<colour>)."""
        return _COLOURS[self.value]

    @property
    def text(self) -> str:
        """The label in the active language, looked up once per language: a
        table of 3,000 rows × 8 modules asks for it 24,000 times."""
        return _label_text(self.value, translation.get_language())

    @property
    def is_completed(self) -> bool:
        return self.value == Status.COMPLETED

    @property
    def is_overdue(self) -> bool:
        return self.value == Shown.OVERDUE.value

    @property
    def is_due(self) -> bool:
        return self.value == Shown.DUE.value


_COLOURS = {
    Shown.NOT_STARTED.value: "blue",
    Shown.IN_PROGRESS.value: "light-blue",
    Shown.COMPLETED.value: "green",
    Shown.LOCKED.value: "grey",
    Shown.OVERDUE.value: "red",
    Shown.DUE.value: "yellow",
}


@functools.lru_cache(maxsize=64)
def _label_text(value: int, language: str | None) -> str:
    return str(Shown(value).label)


def is_overdue(*, due_date: date | None, status: int, today: date | None = None) -> bool:
    """Past its due date and not completed. The only definition of overdue."""
    if due_date is None or status == Status.COMPLETED:
        return False
    return due_date < (today or timezone.localdate())


def shown_for(*, status: int, locked: bool = False, overdue: bool = False) -> Shown:
    """A step's or module's status as every page shows it (see the precedence above)."""
    if status == Status.COMPLETED:
        return Shown.COMPLETED
    if overdue:
        return Shown.OVERDUE
    if locked:
        return Shown.LOCKED
    return Shown(status)


def course_shown(*, status: int, due_date: date | None, today: date | None = None) -> Shown:
    """A whole course for one learner: Completed, Overdue, Due (assigned with a date)
    or its stored status. Courses are never locked."""
    if status == Status.COMPLETED:
        return Shown.COMPLETED
    if is_overdue(due_date=due_date, status=status, today=today):
        return Shown.OVERDUE
    if due_date is not None:
        return Shown.DUE
    return Shown(status)


@dataclass
class StatusView:
    """A summary's status as a learner or lead sees it, with its lock and lateness."""

    status: int
    overdue: bool
    locked: bool = field(default=False, kw_only=True)

    @property
    def shown(self) -> Shown:
        return shown_for(status=self.status, locked=self.locked, overdue=self.overdue)

    @property
    def status_label(self) -> str:
        return self.shown.text

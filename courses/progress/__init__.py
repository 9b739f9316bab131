"""
Progress rules for courses, in one place:

- `status`: the wording table (`Shown`), overdue, and the one precedence
  every page uses to show a step, module or course;
- `availability`: locks (a module after the previous one; a step after the
  earlier steps of its module), as a rule over loaded rows for the bulk pages
  and as per-learner checks;
- `completion`: the cascade that moves one learner's summaries forward after
  a report, and the bulk recount when a module's steps change.

My learning, the course and module pages, team progress, the team CSV and the
course report read their statuses through here; nothing else decides them.
"""

from .availability import (
    first_lock_message,
    lock_message,
    module_is_available,
    modules_open,
    previous_module,
    step_is_available,
    steps_open,
)
from .completion import (
    COMPLETING_VERBS,
    _completion_recheck,
    _course_refresh,
    _course_totals_refresh,
    _module_refresh,
    _step_advance,
    completes,
)
from .status import Shown, StatusView, course_shown, is_overdue, shown_for

__all__ = [
    "COMPLETING_VERBS",
    "Shown",
    "StatusView",
    "_completion_recheck",
    "_course_refresh",
    "_course_totals_refresh",
    "_module_refresh",
    "_step_advance",
    "completes",
    "course_shown",
    "is_overdue",
    "first_lock_message",
    "lock_message",
    "module_is_available",
    "modules_open",
    "previous_module",
    "shown_for",
    "step_is_available",
    "steps_open",
]

"""
Team progress at any size. The team's learners on one course are one annotated
query: their course summary and live assignment joined (FilteredRelation),
overdue worked out in SQL, then filtered, sorted and paged in the database.
Only the page shown gets module cells; the summary strip is one aggregate; the
CSV reads the same query in chunks, so a cohort of 30,000 costs what 30 do per
row and never sits in memory whole.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    FloatField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iomsite.accounts.models import Agency

from .models import CoursePage, Enrolment, ModulePage, ModuleProgress, Status
from .models.progress import percent_of
from .progress import Shown, StatusView, course_shown, is_overdue, modules_open

PER_PAGE = 25
CSV_CHUNK = 500
QUERY_MAX = 100


class StatusFilter(models.TextChoices):
    """A partition: every learner is in exactly one of the four."""

    ALL = "", _("Everyone")
    OVERDUE = "overdue", _("Overdue")
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class Sort(models.TextChoices):
    ATTENTION = "attention", _("Overdue first")
    NAME = "name", _("Name")
    PROGRESS = "progress", _("Least progress first")
    DUE = "due", _("Due date, soonest first")


@dataclass(frozen=True)
class TableFilters:
    agency: str = ""
    status: str = ""
    query: str = ""
    sort: str = Sort.ATTENTION


@dataclass
class Cell(StatusView):
    percent: int


AGENCY_LABELS = dict(Agency.choices)


@dataclass(frozen=True)
class Person:
    """A learner as the table and the CSV show them, read as values (a row of
    3,000 is a tuple, not a model object)."""

    pk: int
    display_name: str
    email: str
    agency: str

    def get_agency_display(self) -> str:
        return AGENCY_LABELS.get(self.agency, self.agency)


@dataclass
class LearnerRow:
    user: Person
    course_status: int
    percent: int
    due_date: date | None
    completed_at: object
    overdue: bool
    cells: list[Cell] = field(default_factory=list)

    @property
    def shown(self) -> Shown:
        return course_shown(status=self.course_status, due_date=self.due_date)

    @property
    def state(self) -> str:
        return self.shown.text


def members_on_course(*, team, course: CoursePage, agency: str = ""):
    """The team's members with an active enrolment on the course (users)."""
    enrolled = Enrolment.objects.filter(user_id=OuterRef("pk"), course=course, active=True)
    users = get_user_model().objects.filter(team_memberships__team=team).filter(Exists(enrolled))
    return users.filter(agency=agency) if agency else users


def learners(*, team, course: CoursePage, agency: str = "", today: date | None = None):
    """`members_on_course` with `course_status`, `steps_done`, `steps_all`,
    `progress_ratio`, `done_at`, `due_date` and `overdue` from SQL."""
    today = today or timezone.localdate()
    return (
        members_on_course(team=team, course=course, agency=agency)
        .alias(
            summary=FilteredRelation(
                "course_progress", condition=Q(course_progress__course=course)
            ),
            assignment=FilteredRelation(
                "assignments",
                condition=Q(assignments__course=course, assignments__removed_at=None),
            ),
        )
        .annotate(
            course_status=Coalesce(F("summary__status"), Value(Status.NOT_STARTED)),
            steps_done=Coalesce(F("summary__steps_completed"), Value(0)),
            steps_all=Coalesce(F("summary__steps_total"), Value(0)),
            done_at=F("summary__completed_at"),
            due_date=F("assignment__due_date"),
        )
        .annotate(
            overdue=Case(
                When(Q(due_date__lt=today) & ~Q(course_status=Status.COMPLETED), then=True),
                default=False,
                output_field=BooleanField(),
            ),
            progress_ratio=Case(
                When(steps_all=0, then=Value(0.0)),
                default=Cast("steps_done", FloatField()) / Cast("steps_all", FloatField()),
                output_field=FloatField(),
            ),
        )
    )


STATUS_Q = {
    StatusFilter.OVERDUE: Q(overdue=True),
    StatusFilter.COMPLETED: Q(course_status=Status.COMPLETED),
    StatusFilter.IN_PROGRESS: Q(course_status=Status.IN_PROGRESS, overdue=False),
    StatusFilter.NOT_STARTED: Q(course_status=Status.NOT_STARTED, overdue=False),
}

ORDERINGS = {
    Sort.ATTENTION: (
        F("overdue").desc(),
        Case(When(course_status=Status.COMPLETED, then=1), default=0),
        "display_name",
        "pk",
    ),
    Sort.NAME: ("display_name", "pk"),
    Sort.PROGRESS: ("progress_ratio", "display_name", "pk"),
    Sort.DUE: (F("due_date").asc(nulls_last=True), "display_name", "pk"),
}


def learners_shown(*, team, course: CoursePage, filters: TableFilters):
    """The table's rows, filtered and in order (not yet paged)."""
    rows = learners(team=team, course=course, agency=filters.agency)
    if filters.status in STATUS_Q:
        rows = rows.filter(STATUS_Q[filters.status])
    if filters.query:
        rows = rows.filter(
            Q(display_name__icontains=filters.query) | Q(email__icontains=filters.query)
        )
    return rows.order_by(*ORDERINGS.get(filters.sort, ORDERINGS[Sort.ATTENTION]))


def summary(*, team, course: CoursePage, agency: str = "") -> dict[str, int]:
    """The strip above the table: how many learners, and how many in each status
    (one GROUP BY of at most six rows)."""
    counts = dict.fromkeys(["total", *(str(key) for key in STATUS_Q)], 0)
    groups = (
        learners(team=team, course=course, agency=agency)
        .values("course_status", "overdue")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for group in groups:
        status, overdue, n = group["course_status"], group["overdue"], group["n"]
        counts["total"] += n
        if overdue:
            counts[str(StatusFilter.OVERDUE)] += n
        else:
            counts[STATUS_KEYS[status]] += n
    return counts


STATUS_KEYS = {
    Status.NOT_STARTED: str(StatusFilter.NOT_STARTED),
    Status.IN_PROGRESS: str(StatusFilter.IN_PROGRESS),
    Status.COMPLETED: str(StatusFilter.COMPLETED),
}


def course_modules(course: CoursePage) -> list[ModulePage]:
    return list(
        ModulePage.objects.live()
        .child_of(course)
        .order_by("path")
        .only("id", "title", "requires_previous")
    )


def _module_statuses(*, user_ids: list[int], course: CoursePage) -> dict:
    return {
        (user_id, module_id): (status, percent_of(done, total))
        for user_id, module_id, status, done, total in ModuleProgress.objects.filter(
            user_id__in=user_ids, course=course
        ).values_list("user_id", "module_id", "status", "steps_completed", "steps_total")
    }


def _cells(*, user_id: int, modules, statuses: dict, due_date, today) -> list[Cell]:
    completed = {
        module.pk
        for module in modules
        if statuses.get((user_id, module.pk), (None,))[0] == Status.COMPLETED
    }
    open_ = modules_open(modules, completed)
    cells = []
    for module in modules:
        status, percent = statuses.get((user_id, module.pk), (Status.NOT_STARTED, 0))
        cells.append(
            Cell(
                status=status,
                percent=percent,
                overdue=is_overdue(due_date=due_date, status=status, today=today),
                locked=not open_[module.pk],
            )
        )
    return cells


# What a row reads of `learners_shown`, in this order.
ROW_VALUES = (
    "id",
    "display_name",
    "email",
    "agency",
    "course_status",
    "steps_done",
    "steps_all",
    "due_date",
    "done_at",
    "overdue",
)


def rows_with_cells(values, *, course: CoursePage, modules) -> list[LearnerRow]:
    """LearnerRows for ROW_VALUES tuples (a page's worth), module cells in one query."""
    values = list(values)
    statuses = _module_statuses(user_ids=[v[0] for v in values], course=course)
    today = timezone.localdate()
    rows = []
    for pk, name, email, agency, status, done, total, due_date, done_at, overdue in values:
        rows.append(
            LearnerRow(
                user=Person(pk=pk, display_name=name, email=email, agency=agency),
                course_status=status,
                percent=percent_of(done, total),
                due_date=due_date,
                completed_at=done_at,
                overdue=overdue,
                cells=_cells(
                    user_id=pk,
                    modules=modules,
                    statuses=statuses,
                    due_date=due_date,
                    today=today,
                ),
            )
        )
    return rows


def table_page(*, team, course: CoursePage, filters: TableFilters, page_number, modules):
    """One page of the table: (page, rows)."""
    shown = learners_shown(team=team, course=course, filters=filters).values_list(*ROW_VALUES)
    page = Paginator(shown, PER_PAGE).get_page(page_number)
    return page, rows_with_cells(page.object_list, course=course, modules=modules)


def csv_chunks(*, team, course: CoursePage, filters: TableFilters, modules) -> Iterator[list]:
    """The whole filtered table in chunks of CSV_CHUNK LearnerRows (with cells);
    the database is read with a cursor, never all at once."""
    users = (
        learners_shown(team=team, course=course, filters=filters)
        .values_list(*ROW_VALUES)
        .iterator(chunk_size=CSV_CHUNK)
    )
    while chunk := list(islice(users, CSV_CHUNK)):
        yield rows_with_cells(chunk, course=course, modules=modules)

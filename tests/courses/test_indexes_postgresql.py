"""Each read index on the learner-data tables serves at least one query the
project runs (PostgreSQL only: the plans are PostgreSQL's). Sequential scans
are switched off so that a near-empty test table still shows which index the
planner can use; an index no query can use would not appear.

Indexes not listed are kept for writes, not reads: primary keys, unique
constraints that only guard integrity, and foreign-key indexes kept so that
deleting a user, page or revision does not scan the table (see
docs/PERFORMANCE.md, "After issue 15" → "Indexes")."""

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import (
    AccessLog,
    Assignment,
    CoursePage,
    CourseProgress,
    Enrolment,
    ModuleProgress,
    StepProgress,
)
from courses.report_selectors import course_figures
from journals.models import JournalEntry
from learning_record.models import ActivityState, Statement
from quizzes.models import QuizAnswer, QuizAttempt

pytestmark = pytest.mark.django_db


def _indexes_used(sql: str, params=()) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    found, stack = set(), [plan[0]["Plan"]]
    while stack:
        node = stack.pop()
        if "Index Name" in node:
            found.add(node["Index Name"])
        stack.extend(node.get("Plans", []))
    return found


def _of(queryset) -> set[str]:
    return _indexes_used(*queryset.query.sql_with_params())


def _index_name(table: str, columns: str) -> str:
    """The name of an index Django named itself, by its table and key columns."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            [table, f"%({columns})%"],
        )
        return cursor.fetchone()[0]


def test_every_kept_read_index_serves_a_query_the_project_runs():
    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's; SQLite plans differ")
    user_id, course_id, step_ids, quiz_id = 1, 2, [3, 4], 5
    course = CoursePage(pk=course_id)
    with CaptureQueriesContext(connection) as report:
        course_figures(course=course)  # the course report
    report_indexes = set().union(*(_indexes_used(q["sql"]) for q in report))
    used = {
        # The course report reads its figures from covering indexes alone.
        "courses_enrolment_active": report_indexes,
        # (On an empty table the report's plan may prefer the unique key; at scale it
        # reads this one, see docs/PERFORMANCE.md. The bulk recount after a sync too.)
        "courses_courseprogress_status": report_indexes
        | _of(CourseProgress.objects.filter(course_id=course_id)),
        "courses_moduleprogress_course": report_indexes,
        "courses_stepprogress_course": report_indexes
        # team progress: a course's rows for the team's members
        | _of(StepProgress.objects.filter(course_id=course_id, user_id__in=[1, 2])),
        # A learner's own pages: my learning, the course and module pages, progress rules.
        "courses_one_step_summary": _of(
            StepProgress.objects.filter(user_id=user_id, step_id__in=step_ids)
        ),
        "courses_one_module_summary": _of(
            ModuleProgress.objects.filter(user_id=user_id, module_id__in=step_ids)
        ),
        "courses_moduleprogress_module_id_914d41e7": _of(
            ModuleProgress.objects.filter(module_id=course_id)  # recount after a module sync
        ),
        "courses_one_course_summary": _of(
            CourseProgress.objects.filter(user_id=user_id, course_id__in=[course_id])
        ),
        "courses_one_enrolment": _of(Enrolment.objects.filter(user_id=user_id, active=True)),
        "courses_one_live_assignment": _of(
            Assignment.objects.filter(user_id=user_id, course_id=course_id, removed_at=None)
        ),
        _index_name("courses_assignment", "team_id, course_id"): _of(
            Assignment.objects.filter(team_id=1, course_id=course_id)
        ),
        # The access log: a learner's own list, and the nightly prune.
        _index_name("courses_accesslog", "learner_id, last_at DESC"): _of(
            AccessLog.objects.filter(learner_id=user_id).order_by("-last_at")
        ),
        _index_name("courses_accesslog", "day"): _of(
            AccessLog.objects.filter(day__lt=date(2026, 1, 1))
        ),
        # The learning record: a learner's statements (export, erasure), the forwarder.
        _index_name("learning_record_statement", 'actor_id, "timestamp"'): _of(
            Statement.objects.filter(actor_id=user_id).order_by("timestamp", "id")
        ),
        # The forwarder's next batch, and the rows of its waiting count (on a table the
        # planner has seen full, the batch may walk the primary key instead).
        "lr_statement_waiting": _of(
            Statement.objects.filter(forwarded_at__isnull=True).order_by("id")[:100]
        )
        | _indexes_used(
            *Statement.objects.filter(forwarded_at__isnull=True)
            .values("id")
            .query.sql_with_params()
        ),
        "lr_statement_forwarded": _of(Statement.objects.filter(forwarded_at__isnull=False)),
        "lr_one_activity_state": _of(
            ActivityState.objects.filter(user_id=user_id, activity="https://x", verb="read")
        ),
        # Quizzes: a learner's attempts, the statistics and the dilemma spreads.
        "quiz_attempt_number": _of(QuizAttempt.objects.filter(user_id=user_id, quiz_id=quiz_id)),
        _index_name("quizzes_quizattempt", "quiz_id, status"): _of(
            QuizAttempt.objects.filter(quiz_id=quiz_id, status="submitted")
        ),
        "quiz_answer_per_item": _of(QuizAnswer.objects.filter(attempt_id=1)),
        _index_name("quizzes_quizanswer", "quiz_id, item_id, latest"): _of(
            QuizAnswer.objects.filter(quiz_id=quiz_id, latest=True).values("item_id")
        )
        | _of(QuizAnswer.objects.filter(quiz_id=quiz_id, item_id="q1", latest=True))
        | _of(QuizAnswer.objects.filter(quiz_id=quiz_id)),  # deleting a quiz
        "quiz_answer_one_latest": _of(
            QuizAnswer.objects.filter(user_id=user_id, quiz_id=quiz_id, latest=True)
        ),
        # Journals: the list, newest first, and the entries on one question.
        _index_name("journals_journalentry", "author_id, updated_at DESC"): _of(
            JournalEntry.objects.filter(author_id=user_id).order_by("-updated_at")
        ),
        _index_name("journals_journalentry", "author_id, question_id, created_at"): _of(
            JournalEntry.objects.filter(author_id=user_id, question_id=1).order_by("created_at")
        ),
    }
    unused = sorted(name for name, plans in used.items() if name not in plans)
    assert not unused, f"no query uses {unused}"


def test_the_dropped_indexes_are_gone():
    if connection.vendor != "postgresql":
        pytest.skip("index names are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename IN "
            "('courses_stepprogress', 'learning_record_statement', 'courses_enrolment')"
        )
        definitions = {row[0].split(" USING btree ")[1] for row in cursor.fetchall()}
    for gone in ["(module_id, status)", '("timestamp")', "(object_kind, object_ref)", "(actor_id)"]:
        assert gone not in definitions

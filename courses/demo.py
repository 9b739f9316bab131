"""The demo's "IOM induction" course, assigned to two teams with learners
part-way through (part of `load_demo`).

The course's activity steps point at pages another app makes (the demo
quizzes): they arrive by name in the loaders' shared `state`
("activity_pages"), and taking one goes through `state["activity_takers"]`
(by page type label), so this module imports no activity app."""

import json
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from iomsite.demo import child_page
from learning_record.services import statement_report
from learning_record.verbs import Verb
from thoughtpieces.models import ThoughtPiecePage

from . import services as course_services
from .models import Assignment, CourseIndexPage, CoursePage, ModulePage, Step


def _step(kind: str, minutes: int, **value) -> tuple[str, dict]:
    return (kind, {"minutes": minutes, "locked": value.pop("locked", False), **value})


def _induction_modules(pieces: dict[str, ThoughtPiecePage], quizzes: dict) -> list[dict]:
    origins, compliance = pieces["IC/TP/1"], pieces["IC/TP/2"]
    origins_q = origins.questions.order_by("sort_order").first()
    compliance_q = compliance.questions.order_by("sort_order")[1]
    return [
        {
            "title": "Where IOM came from",
            "summary": "The programmes IOM grew out of, and how your team fits the picture.",
            "requires_previous": False,
            "steps": [
                _step("read", 20, piece=origins.pk),
                _step(
                    "external",
                    30,
                    title="Meet the lead professional for two of your team’s cases",
                    description="Ask what each agency brings to the case.",
                    marked_done_by="learner",
                ),
                _step("reflect", 15, question=origins_q.pk),
            ],
        },
        {
            "title": "Compliance in practice",
            "summary": "Four reasons people comply, and the rights questions IOM raises.",
            "requires_previous": True,
            "steps": [
                _step("read", 25, piece=compliance.pk),
                _step("activity", 20, activity=quizzes["four-types-of-compliance"].pk),
                _step("activity", 15, activity=quizzes["formal-or-substantive"].pk),
                _step("activity", 20, activity=quizzes["crime-control-or-due-process"].pk),
                _step("reflect", 15, question=compliance_q.pk, locked=True),
            ],
        },
        {
            "title": "Working in the partnership",
            "summary": "See the partnership at work, then visit a partner agency.",
            "requires_previous": True,
            "steps": [
                _step("activity", 25, activity=quizzes["missed-appointments"].pk),
                _step(
                    "external",
                    120,
                    title="Shadow an IOM panel meeting",
                    description="Your team lead confirms you attended.",
                    marked_done_by="team_lead",
                ),
                _step(
                    "external",
                    180,
                    title="Spend a session with a housing or drug service partner",
                    marked_done_by="either",
                ),
            ],
        },
    ]


def course_load(state: dict) -> dict[str, int]:
    """The course index and the course page (its modules follow the activities)."""
    index, _ = child_page(
        state["home"],
        CourseIndexPage,
        slug="courses",
        title="Courses",
        introduction="Induction and development courses for IOM teams.",
    )
    state["new_course"] = None
    if CoursePage.objects.filter(slug="iom-induction").exists():
        return {}
    pieces = {p.reference: p for p in ThoughtPiecePage.objects.filter(reference__startswith="IC/")}
    if len(pieces) < 2:
        return {}
    course, _ = child_page(
        index,
        CoursePage,
        slug="iom-induction",
        title="IOM induction",
        summary="Your first weeks in an Integrated Offender Management team: where IOM came "
        "from, how compliance works, and the partnership in practice.",
        open_for_self_enrolment=False,
    )
    state["new_course"] = (course, pieces)
    return {"pages": 1}


def course_modules_load(state: dict) -> dict[str, int]:
    """The new course's modules, once the activities they point at exist."""
    if not state.get("new_course"):
        return {}
    course, pieces = state["new_course"]
    for spec in _induction_modules(pieces, state["activity_pages"]):
        child_page(
            course,
            ModulePage,
            slug=slugify(spec["title"]),
            title=spec["title"],
            summary=spec["summary"],
            requires_previous=spec["requires_previous"],
            steps=json.dumps([{"type": k, "value": v} for k, v in spec["steps"]]),
        )
    return {}


def course_progress_load(state: dict) -> dict[str, int]:
    """Assign the induction to Northmoor (due in a month) and Riverside (overdue), and
    move some learners forward through the real services."""
    teams = state["teams"]
    course = CoursePage.objects.filter(slug="iom-induction").first()
    if course is None or Assignment.objects.filter(course=course).exists():
        return {}
    User = get_user_model()
    today = timezone.localdate()
    for team_name, lead_email, due in [
        ("Northmoor IOM", "teamlead@example.org", today + timedelta(days=30)),
        ("Riverside IOM", "r.iqbal@example.org", today),
    ]:
        lead = User.objects.filter(email=lead_email).first()
        if lead is not None:
            course_services.assignment_create(
                actor=lead, course=course, team=teams[team_name], due_date=due
            )
    Assignment.objects.filter(team=teams["Riverside IOM"]).update(
        due_date=today - timedelta(days=7)
    )
    steps = list(
        Step.objects.filter(course=course, retired=False).order_by("module__path", "position")
    )
    verbs = {"read": Verb.READ, "reflect": Verb.REFLECTED, "external": Verb.COMPLETED}
    lead = User.objects.get(email="teamlead@example.org")
    for email, count in [
        ("practitioner@example.org", 2),
        ("dc.hughes@example.org", 5),
        ("j.clarke@example.org", len(steps)),
        ("s.brennan@example.org", 1),
    ]:
        learner = User.objects.filter(email=email).first()
        if learner is None:
            continue
        for step in steps[:count]:
            if step.kind == "activity":
                page = step.target_page.specific
                state["activity_takers"][page._meta.label](user=learner, page=page)
            elif step.kind == "external":
                course_services.step_mark_done(
                    actor=lead if step.marked_done_by == "team_lead" else learner,
                    learner=learner,
                    step=step,
                )
            else:
                statement_report(
                    user=learner,
                    verb=verbs[step.kind],
                    page=step.target_page if step.kind == "read" else None,
                    question_id=step.target_question_id,
                )
    return {}

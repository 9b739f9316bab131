"""courses/progress: the one status (wording, overdue, locks) every page shows for
the same learner, and completion (per learner, and recounted in bulk when a
module's steps are retired or added)."""

import csv
import io
import json
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from courses import services
from courses.factories import make_course, step
from courses.models import (
    Assignment,
    Certificate,
    CourseProgress,
    ModulePage,
    ModuleProgress,
    Status,
    Step,
    StepProgress,
)
from courses.progress import Shown, course_shown, is_overdue, modules_open, shown_for, steps_open
from iomsite.teams.factories import TeamMembershipFactory
from learning_record.models import Statement
from learning_record.services import statement_report
from learning_record.verbs import Verb, verb_definition

pytestmark = pytest.mark.django_db


# The rules, on their own ---------------------------------------------------


def test_the_precedence_is_completed_overdue_locked_then_the_stored_status():
    assert shown_for(status=Status.COMPLETED, locked=True, overdue=True) == Shown.COMPLETED
    assert shown_for(status=Status.IN_PROGRESS, locked=True, overdue=True) == Shown.OVERDUE
    assert shown_for(status=Status.IN_PROGRESS, locked=True) == Shown.LOCKED
    assert shown_for(status=Status.NOT_STARTED, locked=True) == Shown.LOCKED
    assert shown_for(status=Status.IN_PROGRESS) == Shown.IN_PROGRESS
    assert shown_for(status=Status.NOT_STARTED) == Shown.NOT_STARTED
    assert [str(s.label) for s in Shown] == [
        "Not started",
        "In progress",
        "Completed",
        "Cannot start yet",
        "Overdue",
        "Due",
    ]
    assert len({s.colour for s in Shown}) == len(Shown)


def test_overdue_is_after_the_due_date_and_never_once_completed():
    today = date(2026, 12, 2)
    assert not is_overdue(due_date=None, status=Status.NOT_STARTED, today=today)
    assert not is_overdue(due_date=today, status=Status.NOT_STARTED, today=today)
    assert is_overdue(due_date=today - timedelta(days=1), status=Status.IN_PROGRESS, today=today)
    assert not is_overdue(due_date=date(2020, 1, 1), status=Status.COMPLETED, today=today)
    late = today - timedelta(days=1)
    assert course_shown(status=Status.IN_PROGRESS, due_date=late, today=today) == Shown.OVERDUE
    assert course_shown(status=Status.NOT_STARTED, due_date=today, today=today) == Shown.DUE
    assert course_shown(status=Status.COMPLETED, due_date=late, today=today) == Shown.COMPLETED
    assert course_shown(status=Status.IN_PROGRESS, due_date=None) == Shown.IN_PROGRESS


class _Row:
    def __init__(self, pk, requires_previous=False, locked=False):
        self.pk, self.requires_previous, self.locked = pk, requires_previous, locked


def test_modules_wait_for_the_previous_one_and_steps_for_the_earlier_ones():
    a, b, c = _Row(1), _Row(2, requires_previous=True), _Row(3, requires_previous=True)
    assert modules_open([a, b, c], set()) == {1: True, 2: False, 3: False}
    assert modules_open([a, b, c], {1}) == {1: True, 2: True, 3: False}
    assert modules_open([b], set()) == {2: True}  # nothing before it
    s1, s2, s3 = _Row(10), _Row(11, locked=True), _Row(12)
    assert steps_open([s1, s2, s3], set()) == {10: True, 11: False, 12: True}
    assert steps_open([s1, s2, s3], {10}) == {10: True, 11: True, 12: True}
    assert steps_open([s1, s2], {10}, module_open=False) == {10: False, 11: False}


# Locks in use ----------------------------------------------------------------


def test_a_locked_read_step_cannot_be_completed_out_of_order(client, enrolled, site_tree, piece):
    locked = make_course(
        title="Locked",
        modules=[
            {
                "title": "L",
                "steps": [
                    step("external", title="First"),
                    step("read", piece=piece.pk, locked=True),
                ],
            }
        ],
    )
    services.assignment_create(
        actor=enrolled.teams.first().memberships.filter(is_lead=True).first().user,
        course=locked,
        team=enrolled.teams.first(),
        users=[enrolled],
    )
    client.force_login(enrolled)
    client.post(f"/learning/read/{piece.pk}/")
    read = Step.objects.get(course=locked, kind="read")
    assert StepProgress.objects.get(user=enrolled, step=read).status == Status.IN_PROGRESS
    first = Step.objects.get(course=locked, title="First")
    services.step_mark_done(actor=enrolled, learner=enrolled, step=first)
    client.post(f"/learning/read/{piece.pk}/")
    assert StepProgress.objects.get(user=enrolled, step=read).status == Status.COMPLETED


def test_retiring_the_last_missing_steps_completes_the_course(course, enrolled, team_lead, piece):
    read, meet, reflect, visit, shadow = Step.objects.filter(course=course).order_by(
        "module__path", "position"
    )
    services.thought_piece_mark_read(user=enrolled, page=piece)
    services.step_mark_done(actor=enrolled, learner=enrolled, step=meet)
    statement_report(user=enrolled, verb=Verb.REFLECTED, question_id=reflect.target_question_id)
    second = ModulePage.objects.get(pk=visit.module_id)
    second.unpublish()
    progress = CourseProgress.objects.get(user=enrolled, course=course)
    assert progress.status == Status.COMPLETED
    assert Certificate.objects.filter(user=enrolled, course=course).exists()


@pytest.fixture
def gated(site_tree, piece, team, team_lead):
    """First: one offline step. Second (requires First): reading the piece, then an
    offline step locked until the reading is done."""
    return make_course(
        title="Gated",
        modules=[
            {"title": "First", "steps": [step("external", title="Meet", marked_done_by="either")]},
            {
                "title": "Second",
                "requires_previous": True,
                "steps": [
                    step("read", piece=piece.pk),
                    step("external", title="Visit", marked_done_by="either", locked=True),
                ],
            },
        ],
    )


def _learner(team, team_lead, course, name):
    from iomsite.accounts.factories import UserFactory

    user = TeamMembershipFactory(team=team, user=UserFactory(display_name=name)).user
    services.assignment_create(actor=team_lead, course=course, team=team, users=[user])
    return user


def test_reading_a_piece_in_a_locked_module_says_it_is_locked_and_never_marked_read(
    client, gated, piece, team, team_lead
):
    learner = _learner(team, team_lead, gated, "Lee Locked")
    client.force_login(learner)
    response = client.post(f"/learning/read/{piece.pk}/", {"next": piece.url}, follow=True)
    page = response.content.decode()
    assert "Marked as read" not in page
    assert (
        "This piece is part of Second, which you cannot start until you finish First. "
        "Your reading has not been counted for it yet." in page
    )
    read = Step.objects.get(course=gated, kind="read")
    # The statement is true (they read it) but the step does not complete out of order.
    assert Statement.objects.filter(actor=learner, verb=verb_definition(Verb.READ).iri).count() == 1
    assert StepProgress.objects.get(user=learner, step=read).status == Status.IN_PROGRESS
    assert "I have read this piece" in page  # it can be marked once the module opens


def test_the_piece_says_before_the_click_that_reading_will_not_count_yet(
    client, gated, piece, team, team_lead
):
    learner = _learner(team, team_lead, gated, "Lee Ahead")
    client.force_login(learner)
    warning = (
        "This piece is part of Second, which you cannot start until you finish First. "
        "You can read it now, but it will not count for the course yet."
    )
    assert warning in client.get(piece.url).content.decode()
    first = Step.objects.get(course=gated, title="Meet")
    services.step_mark_done(actor=learner, learner=learner, step=first)  # Second opens
    page = client.get(piece.url).content.decode()
    assert "will not count for the course yet" not in page
    assert "I have read this piece" in page
    client.force_login(_learner(team, team_lead, site_tree_free_course(piece), "Sam Free"))
    assert "will not count" not in client.get(piece.url).content.decode()


def site_tree_free_course(piece):
    """A course with no locks that also asks for the piece."""
    return make_course(
        title="Open", modules=[{"title": "Only", "steps": [step("read", piece=piece.pk)]}]
    )


def test_marking_done_in_a_locked_module_names_the_module_it_waits_for(gated, team, team_lead):
    from django.core.exceptions import ValidationError

    learner = _learner(team, team_lead, gated, "Lee Locked")
    visit = Step.objects.get(course=gated, title="Visit")
    with pytest.raises(ValidationError) as error:
        services.step_mark_done(actor=learner, learner=learner, step=visit)
    assert "which you cannot start until you finish First" in str(error.value)
    assert "Complete the earlier steps first." in str(error.value)


def _strip(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _status_by_id(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}">(.*?)</div>', html, re.S)
    return _strip(found.group(1))


def _what_every_view_says(client, *, learner, lead, team, course):
    """{view: [status of each module]} and {view: [status of each step]}."""
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    steps = list(
        Step.objects.filter(course=course, retired=False).order_by("module__path", "position")
    )
    client.force_login(learner)
    mine = client.get("/learning/").content.decode()
    course_page = client.get(course.url).content.decode()
    module_pages = {m.pk: client.get(m.url).content.decode() for m in modules}
    client.force_login(lead)
    team_page = client.get(f"/learning/team/{team.pk}/", {"course": course.pk}).content.decode()
    row = re.search(
        rf"<tr[^>]*>\s*<th[^>]*><a[^>]*>{re.escape(escape(learner.display_name))}</a></th>(.*?)</tr>",
        team_page,
        re.S,
    ).group(1)
    cells = [_strip(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)][-len(modules) :]
    response = client.get(f"/learning/team/{team.pk}/export.csv", {"course": course.pk})
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    line = next(r for r in table[1:] if r[0] == learner.display_name)
    member = client.get(
        f"/learning/team/{team.pk}/members/{learner.pk}/courses/{course.pk}/"
    ).content.decode()
    member_rows = {}
    for tr in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", member, re.S):
        tds = [_strip(t) for t in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        if tds:
            member_rows[tds[0]] = tds[1]
    module_views = {
        "my learning": [_status_by_id(mine, f"module-{m.pk}-status") for m in modules],
        "course page": [_status_by_id(course_page, f"module-{m.pk}-status") for m in modules],
        "team progress": cells,
        "team csv": line[-len(modules) :],
    }
    step_views = {
        "module page": [
            _status_by_id(module_pages[s.module_id], f"step-{s.pk}-status") for s in steps
        ],
        "member progress": [member_rows[s.title] for s in steps],
    }
    return module_views, step_views


def test_every_view_shows_one_status_for_the_same_learner(client, gated, piece, team, team_lead):
    meet, read, visit = Step.objects.filter(course=gated).order_by("module__path", "position")
    locked_out = _learner(team, team_lead, gated, "Ada Locked")
    services.thought_piece_mark_read(user=locked_out, page=piece)  # Second is not open yet
    moving = _learner(team, team_lead, gated, "Bo Moving")
    services.thought_piece_mark_read(user=moving, page=piece)  # read early...
    services.step_mark_done(actor=moving, learner=moving, step=meet)  # ...then First done
    late = _learner(team, team_lead, gated, "Cy Late")
    Assignment.objects.filter(user=late).update(due_date=timezone.localdate() - timedelta(days=1))
    finished = _learner(team, team_lead, gated, "Di Done")
    services.step_mark_done(actor=finished, learner=finished, step=meet)
    services.thought_piece_mark_read(user=finished, page=piece)
    services.step_mark_done(actor=finished, learner=finished, step=visit)
    wait = "Cannot start yet"
    expected = {
        locked_out: (["Not started", wait], ["Not started", wait, wait]),
        moving: (["Completed", "In progress"], ["Completed", "In progress", wait]),
        late: (["Overdue", "Overdue"], ["Not started", wait, wait]),
        finished: (["Completed", "Completed"], ["Completed"] * 3),
    }
    for learner, (module_statuses, step_statuses) in expected.items():
        modules, steps = _what_every_view_says(
            client, learner=learner, lead=team_lead, team=team, course=gated
        )
        for view, said in modules.items():
            assert said == module_statuses, (learner.display_name, view, modules)
        for view, said in steps.items():
            assert said == step_statuses, (learner.display_name, view, steps)


def test_the_team_rows_and_my_learning_card_use_the_same_course_wording(
    client, gated, team, team_lead
):
    late = _learner(team, team_lead, gated, "Cy Late")
    Assignment.objects.filter(user=late).update(due_date=timezone.localdate() - timedelta(days=1))
    client.force_login(team_lead)
    page = client.get(f"/learning/team/{team.pk}/", {"course": gated.pk}).content.decode()
    assert re.search(r'<strong class="govuk-tag govuk-tag--red">Overdue</strong>\s+0%', page)
    client.force_login(late)
    mine = client.get("/learning/").content.decode()
    assert re.search(r'<strong class="govuk-tag govuk-tag--red">Overdue</strong>\s+Was due', mine)


# Completion when a module's steps change ------------------------------------


@pytest.fixture
def two_steps(site_tree, team, team_lead):
    return make_course(
        title="Two steps",
        modules=[
            {
                "title": "Only",
                "steps": [
                    step("external", title="A", marked_done_by="either"),
                    step("external", title="B", marked_done_by="either"),
                ],
            }
        ],
    )


def _republish(course, *, keep=None, add=None):
    module = ModulePage.objects.child_of(course).get().specific
    blocks = [b for b in module.steps.raw_data if keep is None or b["value"].get("title") in keep]
    module.steps = json.dumps([*blocks, *(add or [])])
    module.save_revision().publish()


def _counts(user, course):
    module = ModuleProgress.objects.get(user=user, course=course)
    whole = CourseProgress.objects.get(user=user, course=course)
    return (
        (module.status, module.steps_completed, module.steps_total, module.percent),
        (whole.status, whole.steps_completed, whole.steps_total, whole.percent),
    )


def _do(user, course, *titles):
    for title in titles:
        each = Step.objects.get(course=course, title=title, retired=False)
        services.step_mark_done(actor=user, learner=user, step=each)


def test_a_learner_at_100_percent_whose_step_is_retired_stays_at_100(two_steps, team, team_lead):
    learner = _learner(team, team_lead, two_steps, "Full Marks")
    _do(learner, two_steps, "A", "B")
    _republish(two_steps, keep={"A"})
    done = Status.COMPLETED
    assert _counts(learner, two_steps) == ((done, 1, 1, 100), (done, 1, 1, 100))


def test_a_completed_step_that_is_retired_stops_counting_for_everyone(two_steps, team, team_lead):
    did_a = _learner(team, team_lead, two_steps, "Did A")
    did_b = _learner(team, team_lead, two_steps, "Did B")
    _do(did_a, two_steps, "A")
    _do(did_b, two_steps, "B")
    _republish(two_steps, keep={"B"})
    going = Status.IN_PROGRESS
    # Their A no longer counts: 0 of 1, still in progress (forward only), never 100%.
    assert _counts(did_a, two_steps) == ((going, 0, 1, 0), (going, 0, 1, 0))
    # Everything left is done: complete, with a certificate.
    done = Status.COMPLETED
    assert _counts(did_b, two_steps) == ((done, 1, 1, 100), (done, 1, 1, 100))
    assert Certificate.objects.filter(user=did_b, course=two_steps).exists()
    assert not Certificate.objects.filter(user=did_a, course=two_steps).exists()


def test_a_step_added_after_completion_is_outstanding_but_the_completion_stands(
    client, two_steps, team, team_lead
):
    learner = _learner(team, team_lead, two_steps, "Early Bird")
    _do(learner, two_steps, "A", "B")
    certificate = Certificate.objects.get(user=learner, course=two_steps)
    _republish(two_steps, add=[step("external", title="C", marked_done_by="either")])
    done = Status.COMPLETED
    # Forward only: still Completed and certified; the counts are honest (2 of 3).
    assert _counts(learner, two_steps) == ((done, 2, 3, 67), (done, 2, 3, 67))
    assert Certificate.objects.get(user=learner, course=two_steps) == certificate
    added = Step.objects.get(course=two_steps, title="C")
    client.force_login(learner)
    module_page = client.get(ModulePage.objects.child_of(two_steps).get().url).content.decode()
    assert _status_by_id(module_page, f"step-{added.pk}-status") == "Not started"
    assert "Mark done" in module_page
    _do(learner, two_steps, "C")
    assert _counts(learner, two_steps) == ((done, 3, 3, 100), (done, 3, 3, 100))
    assert Certificate.objects.filter(user=learner, course=two_steps).count() == 1


def test_the_course_report_counts_statuses_in_the_same_words(
    client, two_steps, team, team_lead, trainer
):
    done, going = (_learner(team, team_lead, two_steps, name) for name in ("Done", "Going"))
    _learner(team, team_lead, two_steps, "Idle")
    _do(done, two_steps, "A", "B")
    _do(going, two_steps, "A")
    client.force_login(trainer)
    page = _strip(client.get(f"/learning/reports/{two_steps.pk}/").content.decode())
    assert "Completed 1 (33%) In progress 1 Not started 1" in page

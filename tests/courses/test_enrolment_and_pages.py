"""Enrolment, assignments with due dates, and the learner's pages."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from courses import services
from courses.factories import make_course, step
from courses.models import Assignment, Enrolment, ModulePage
from courses.selectors import my_learning
from iomsite.accounts.factories import UserFactory
from iomsite.teams.factories import TeamMembershipFactory
from learning_record.models import Statement

pytestmark = pytest.mark.django_db


def test_self_enrolment_only_on_open_courses(client, practitioner, course, piece):
    client.force_login(practitioner)
    response = client.post(f"/learning/enrol/{course.pk}/", follow=True)
    assert "This course is by assignment only" in response.content.decode()
    assert not Enrolment.objects.exists()
    open_course = make_course(
        title="Open course",
        open_=True,
        modules=[{"title": "Only", "steps": [step("read", piece=piece.pk)]}],
    )
    client.post(f"/learning/enrol/{open_course.pk}/")
    client.post(f"/learning/enrol/{open_course.pk}/")  # a second click changes nothing
    assert Enrolment.objects.filter(user=practitioner, course=open_course).count() == 1


@freeze_time("2026-11-23 10:00")
def test_assignment_states_due_overdue_complete(course, team, team_lead, practitioner, piece):
    TeamMembershipFactory(team=team, user=practitioner)
    services.assignment_create(
        actor=team_lead, course=course, team=team, users=[practitioner], due_date=date(2026, 11, 30)
    )
    card = my_learning(user=practitioner)["cards"][0]
    assert (card.state, card.due_date) == ("due", date(2026, 11, 30))
    with freeze_time("2026-12-01"):
        card = my_learning(user=practitioner)["cards"][0]
        assert card.state == "overdue"
        assert [m.status_label for m in card.modules] == ["Overdue", "Overdue"]
    with pytest.raises(ValidationError, match="today or in the future"):
        services.assignment_create(
            actor=team_lead, course=course, team=team, due_date=date(2026, 11, 1)
        )


def test_assigning_to_a_whole_team_enrols_every_member(course, team, team_lead):
    members = [TeamMembershipFactory(team=team).user for _ in range(3)]
    services.assignment_create(actor=team_lead, course=course, team=team)
    for member in [*members, team_lead]:
        assert Enrolment.objects.get(user=member, course=course).active


def test_a_lead_cannot_assign_to_another_team_or_outsiders(course, team, other_team, team_lead):
    with pytest.raises(PermissionDenied):
        services.assignment_create(actor=team_lead, course=course, team=other_team)
    with pytest.raises(ValidationError, match="Choose people from this team"):
        services.assignment_create(actor=team_lead, course=course, team=team, users=[UserFactory()])


def test_unassigning_keeps_the_learners_records(course, enrolled, team_lead, piece):
    services.thought_piece_mark_read(user=enrolled, page=piece)
    services.assignment_remove(actor=team_lead, assignment=Assignment.objects.get(user=enrolled))
    assert not Enrolment.objects.get(user=enrolled).active
    assert Statement.objects.filter(actor=enrolled).exists()
    assert my_learning(user=enrolled)["cards"] == []
    services.assignment_create(
        actor=team_lead, course=course, team=enrolled.teams.first(), users=[enrolled]
    )
    card = my_learning(user=enrolled)["cards"][0]
    assert card.progress.steps_completed == 1  # progress picks up where it left off


def test_my_learning_shows_a_task_list_with_statuses(client, course, enrolled, piece):
    services.thought_piece_mark_read(user=enrolled, page=piece)
    client.force_login(enrolled)
    content = client.get("/learning/").content.decode()
    assert "Induction" in content
    assert "First module" in content and "33% complete" in content
    # The second module requires the first: it says so rather than "Not started"
    # (the one status every page shows, see courses/progress/status.py).
    assert "In progress" in content and "Cannot start yet" in content
    assert "CPD this year" in content


def test_the_module_page_shows_steps_locks_and_mark_done(client, course, enrolled):
    client.force_login(enrolled)
    first, second = ModulePage.objects.child_of(course).order_by("path")
    first_page = client.get(first.url).content.decode()
    assert "Mark done" in first_page
    second_page = client.get(second.url).content.decode()
    assert "before starting this module" in second_page
    assert "Cannot start yet" in second_page
    assert "Mark done" not in second_page


def test_my_learning_queries_do_not_grow_with_courses_or_records(
    client, course, enrolled, piece, team, team_lead
):
    client.force_login(enrolled)
    client.get("/learning/")
    with CaptureQueriesContext(connection) as few:
        client.get("/learning/")
    for n in range(4):
        extra = make_course(
            title=f"Extra {n}",
            modules=[
                {
                    "title": f"Extra module {n}",
                    "steps": [step("read", piece=piece.pk), step("external", title="Do a thing")],
                },
            ],
        )
        services.assignment_create(actor=team_lead, course=extra, team=team, users=[enrolled])
    services.thought_piece_mark_read(user=enrolled, page=piece)
    client.get("/learning/")  # publishing the courses emptied the site-chrome cache
    with CaptureQueriesContext(connection) as many:
        content = client.get("/learning/").content.decode()
    assert "Extra 3" in content
    assert len(many) == len(few)


def test_trainers_open_the_module_editor_and_the_question_chooser(client, trainer, course):
    from django.urls import reverse

    client.force_login(trainer)
    module = ModulePage.objects.child_of(course).first()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[module.pk])).status_code == 200
    add = reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk])
    assert client.get(add).status_code == 200
    chooser = client.get(reverse("question_chooser:choose"))
    assert chooser.status_code == 200
    assert "Where do you draw the line?" in chooser.content.decode()


def test_an_activity_step_refuses_a_page_that_is_not_an_activity(piece):
    from django.core.exceptions import ValidationError

    from courses.blocks import ActivityStepBlock

    block = ActivityStepBlock()
    value = block.to_python({"minutes": 10, "locked": False, "activity": piece.pk})
    with pytest.raises(ValidationError):
        block.clean(value)

"""Issue 15: the learner pages that keep what they read under the learner's
record stamp show every change at once, whoever made it and however: the
learner's own POST, a team lead's bulk assignment, a publish, a bulk update."""

import pytest

from courses.models import StepProgress
from courses.services import assignment_create, step_mark_done

from .test_learning_record import steps

pytestmark = pytest.mark.django_db


def test_my_learning_shows_a_course_a_team_lead_assigns_after_it_was_kept(
    client, course, team, team_lead, practitioner
):
    from iomsite.teams.factories import TeamMembershipFactory

    TeamMembershipFactory(team=team, user=practitioner)
    client.force_login(practitioner)
    assert course.title not in client.get("/learning/").content.decode()
    assert course.title not in client.get("/learning/").content.decode()  # kept
    assignment_create(actor=team_lead, course=course, team=team, users=[practitioner])
    assert course.title in client.get("/learning/").content.decode()


def test_the_course_and_module_pages_show_progress_the_learner_just_made(client, course, enrolled):
    _read, meet, *_ = steps(course)
    client.force_login(enrolled)
    mark_done = 'Mark done<span class="govuk-visually-hidden">: Meet a partner'
    assert "<strong>0 of 5</strong>" in client.get(course.url).content.decode()  # kept
    assert mark_done in client.get(meet.module.url).content.decode()  # kept
    step_mark_done(actor=enrolled, learner=enrolled, step=meet)
    assert "<strong>1 of 5</strong>" in client.get(course.url).content.decode()
    assert mark_done not in client.get(meet.module.url).content.decode()


def test_a_bulk_delete_behind_the_services_back_is_shown_too(client, course, enrolled):
    _read, meet, *_ = steps(course)
    step_mark_done(actor=enrolled, learner=enrolled, step=meet)
    client.force_login(enrolled)
    mark_done = 'Mark done<span class="govuk-visually-hidden">: Meet a partner'
    assert mark_done not in client.get(meet.module.url).content.decode()  # kept
    StepProgress.objects.filter(user=enrolled).delete()  # say, an administrator's script
    assert mark_done in client.get(meet.module.url).content.decode()


def test_a_publish_is_shown_at_once(client, course, enrolled):
    client.force_login(enrolled)
    assert "First module" in client.get(course.url).content.decode()
    module = course.get_children().live().first().specific
    module.title = "Renamed module"
    module.save_revision().publish()
    page = client.get(course.url).content.decode()
    assert "Renamed module" in page and "First module" not in page

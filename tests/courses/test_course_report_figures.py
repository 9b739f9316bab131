"""The course report's figures: one pass per table, cached for an hour under a
key that changes when the course or one of its modules is published."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import services
from courses.models import Enrolment, Step, StepProgress
from courses.report_selectors import course_figures, course_report
from iomsite.teams.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db


def _learners(course, team, team_lead, count):
    learners = [TeamMembershipFactory(team=team).user for _ in range(count)]
    services.assignment_create(actor=team_lead, course=course, team=team, users=learners)
    return learners


def test_the_figures_count_only_active_enrolments_and_add_up_the_time(
    course, team, team_lead, piece
):
    first, second, gone = _learners(course, team, team_lead, 3)
    for learner in (first, second, gone):
        services.thought_piece_mark_read(user=learner, page=piece)
    meet = Step.objects.get(course=course, title="Meet a partner")
    services.step_mark_done(actor=first, learner=first, step=meet)
    StepProgress.objects.filter(user=first, step=meet).update(time_spent_seconds=600)
    StepProgress.objects.filter(user=gone, course=course).update(time_spent_seconds=9000)
    Enrolment.objects.filter(user=gone, course=course).update(active=False)

    figures = course_figures(course=course)
    assert (figures["enrolled"], figures["completed"], figures["in_progress"]) == (2, 0, 2)
    assert figures["seconds"] == 600  # the unenrolled learner's time is not counted
    report = course_report(course=course, figures=figures)
    by_title = {item.step.title: item for item in report["steps"]}
    assert by_title["Meet a partner"].completed == 1
    assert by_title["Meet a partner"].average_minutes == 10.0
    assert by_title["Meet a partner"].drop == 1
    assert by_title["Visit housing"].reached == 0
    assert [m["completed"] for m in report["modules"]] == [0, 0]
    assert report["hours_recorded"] == round(600 / 3600, 1)
    assert [count for _, count in report["by_status"]] == [0, 2, 0]


def test_the_report_is_worked_out_once_an_hour_and_again_when_the_course_is_published(
    client, course, team, team_lead, trainer, piece
):
    cache.clear()
    learner = _learners(course, team, team_lead, 1)[0]
    client.force_login(trainer)
    url = f"/learning/reports/{course.pk}/"
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    services.thought_piece_mark_read(user=learner, page=piece)
    with CaptureQueriesContext(connection) as cached:
        content = client.get(url).content.decode()
    summaries = ("courses_stepprogress", "courses_moduleprogress", "courses_enrolment")
    assert any(name in q["sql"] for q in first for name in summaries)
    assert not any(name in q["sql"] for q in cached for name in summaries)
    assert "Figures as of" in content
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' not in content
    course.save_revision().publish()
    content = client.get(url).content.decode()
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in content


def test_working_the_figures_out_costs_the_same_queries_for_more_learners(
    client, course, team, team_lead, trainer, piece
):
    client.force_login(trainer)
    url = f"/learning/reports/{course.pk}/"
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for learner in _learners(course, team, team_lead, 15):
        services.thought_piece_mark_read(user=learner, page=piece)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_publishing_a_module_works_the_figures_out_again(
    client, course, team, team_lead, trainer, piece, django_capture_on_commit_callbacks
):
    cache.clear()
    learner = _learners(course, team, team_lead, 1)[0]
    client.force_login(trainer)
    url = f"/learning/reports/{course.pk}/"
    client.get(url)
    services.thought_piece_mark_read(user=learner, page=piece)
    marked = '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>'
    assert marked not in client.get(url).content.decode()  # still the cached figures
    module = Step.objects.filter(course=course).order_by("module__path")[0].module.specific
    with django_capture_on_commit_callbacks(execute=True):
        module.save_revision().publish()
    assert marked in client.get(url).content.decode()

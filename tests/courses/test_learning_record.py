"""The learning record: one service, append-only, summaries that only move forward."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from courses import services
from courses.models import (
    Certificate,
    CoursePage,
    CourseProgress,
    ModuleProgress,
    Status,
    Step,
    StepProgress,
)
from learning_record.models import Statement
from learning_record.services import statement_report
from learning_record.verbs import Verb, verb_definition

from .test_viewing import work

pytestmark = pytest.mark.django_db


def steps(course):
    return list(
        Step.objects.filter(course=course, retired=False).order_by("module__path", "position")
    )


def test_publishing_modules_copies_their_steps_and_cpd_minutes(course):
    rows = steps(course)
    assert [s.kind for s in rows] == ["read", "external", "reflect", "external", "external"]
    assert rows[0].title == "Read ‘Proportionality in practice’"
    assert CoursePage.objects.get(pk=course.pk).total_minutes == 240
    assert CoursePage.objects.get(pk=course.pk).cpd_hours == 4.0


def test_removing_a_step_retires_it_and_keeps_learners_records(course, enrolled):
    first, second, *_ = steps(course)
    services.step_mark_done(actor=enrolled, learner=enrolled, step=second)
    module = second.module.specific
    module.steps = json.dumps([i for i in module.steps.raw_data if i["id"] != str(second.key)])
    module.save_revision().publish()
    second.refresh_from_db()
    assert second.retired
    assert StepProgress.objects.filter(step=second, user=enrolled).exists()
    assert Step.objects.filter(module=module, retired=False).count() == 2


def test_opening_a_piece_records_viewed_only(client, course, enrolled, piece):
    """Viewing queues a "viewed" statement; the worker writes it; no progress moves."""
    client.force_login(enrolled)
    client.get(piece.url)
    assert not Statement.objects.filter(actor=enrolled).exists()  # queued, not written
    work()
    record = Statement.objects.get(actor=enrolled)
    assert record.verb == verb_definition(Verb.VIEWED).iri
    assert not StepProgress.objects.filter(user=enrolled, step=steps(course)[0]).exists()


def test_marking_a_piece_read_completes_the_step_once(client, course, enrolled, piece):
    client.force_login(enrolled)
    page = client.get(piece.url).content.decode()
    assert "I have read this piece" in page
    for _ in range(2):
        client.post(f"/learning/read/{piece.pk}/", {"next": piece.url})
    assert (
        Statement.objects.filter(actor=enrolled, verb=verb_definition(Verb.READ).iri).count() == 1
    )
    assert StepProgress.objects.get(user=enrolled, step=steps(course)[0]).status == (
        Status.COMPLETED
    )
    assert "You have marked this piece as read." in client.get(piece.url).content.decode()


def test_completion_cascades_to_module_course_and_certificate(course, enrolled, team_lead, piece):
    read, meet, reflect, visit, shadow = steps(course)
    services.thought_piece_mark_read(user=enrolled, page=piece)
    services.step_mark_done(actor=enrolled, learner=enrolled, step=meet)
    assert ModuleProgress.objects.get(user=enrolled, module=read.module).status == (
        Status.IN_PROGRESS
    )
    statement_report(user=enrolled, verb=Verb.REFLECTED, question_id=reflect.target_question_id)
    first_module = ModuleProgress.objects.get(user=enrolled, module=read.module)
    assert first_module.status == Status.COMPLETED and first_module.completed_at
    assert CourseProgress.objects.get(user=enrolled, course=course).percent == 60
    services.step_mark_done(actor=enrolled, learner=enrolled, step=visit)
    outcome = services.step_mark_done(actor=team_lead, learner=enrolled, step=shadow)
    assert outcome.courses_completed == [course]
    progress = CourseProgress.objects.get(user=enrolled, course=course)
    assert progress.status == Status.COMPLETED and progress.completed_at
    certificate = Certificate.objects.get(user=enrolled, course=course)
    assert certificate.cpd_hours == 4
    assert certificate.learner_name == enrolled.display_name


def test_summaries_only_move_forward(course, enrolled, piece):
    read = steps(course)[0]
    services.thought_piece_mark_read(user=enrolled, page=piece)
    statement_report(user=enrolled, verb=Verb.VIEWED, page=piece)
    statement_report(user=enrolled, verb=Verb.FAILED, page=piece, score=10)
    progress = StepProgress.objects.get(user=enrolled, step=read)
    assert progress.status == Status.COMPLETED
    statement_report(user=enrolled, verb=Verb.ANSWERED, page=piece, score=80)
    statement_report(user=enrolled, verb=Verb.ANSWERED, page=piece, score=40)
    progress.refresh_from_db()
    assert (progress.best_score, progress.latest_score) == (80, 40)


def test_the_record_is_append_only(course, enrolled, piece):
    record = statement_report(user=enrolled, verb=Verb.VIEWED, page=piece).statement
    record.verb = Verb.READ
    with pytest.raises(ValueError, match="append-only"):
        record.save()


def test_a_locked_step_waits_for_the_earlier_steps(course, enrolled, team_lead):
    *first_module, visit, shadow = steps(course)
    with pytest.raises(ValidationError, match="earlier steps"):
        services.step_mark_done(actor=enrolled, learner=enrolled, step=visit)  # module locked


def test_a_module_that_requires_the_previous_one_waits(course, enrolled, team_lead, piece):
    read, meet, reflect, visit, shadow = steps(course)
    services.thought_piece_mark_read(user=enrolled, page=piece)
    services.step_mark_done(actor=enrolled, learner=enrolled, step=meet)
    statement_report(user=enrolled, verb=Verb.REFLECTED, question_id=reflect.target_question_id)
    with pytest.raises(ValidationError, match="earlier steps"):
        services.step_mark_done(actor=team_lead, learner=enrolled, step=shadow)  # step locked
    services.step_mark_done(actor=enrolled, learner=enrolled, step=visit)
    services.step_mark_done(actor=team_lead, learner=enrolled, step=shadow)


def test_marking_done_twice_is_a_harmless_no_op(course, enrolled):
    meet = steps(course)[1]
    services.step_mark_done(actor=enrolled, learner=enrolled, step=meet)
    again = services.step_mark_done(actor=enrolled, learner=enrolled, step=meet)
    assert again.record is None
    assert Statement.objects.filter(object_ref=str(meet.key)).count() == 1


def test_who_may_mark_an_offline_step_done(course, enrolled, team_lead, practitioner):
    from iomsite.accounts.factories import UserFactory

    meet, visit, shadow = steps(course)[1], steps(course)[3], steps(course)[4]
    with pytest.raises(PermissionDenied):
        services.step_mark_done(actor=team_lead, learner=enrolled, step=meet)  # learner's own
    with pytest.raises(PermissionDenied):
        services.step_mark_done(actor=enrolled, learner=enrolled, step=shadow)  # lead's only
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        services.step_mark_done(actor=stranger, learner=enrolled, step=visit)
    with pytest.raises(ValidationError, match="not enrolled"):
        services.step_mark_done(actor=stranger, learner=stranger, step=meet)


def test_marking_done_after_unassignment_is_refused(course, enrolled, team_lead):
    from courses.models import Assignment

    services.assignment_remove(actor=team_lead, assignment=Assignment.objects.get(user=enrolled))
    with pytest.raises(ValidationError, match="not enrolled"):
        services.step_mark_done(actor=enrolled, learner=enrolled, step=steps(course)[1])


def test_the_step_done_view_refuses_clearly_and_never_500s(client, course, enrolled):
    client.force_login(enrolled)
    shadow = steps(course)[4]
    response = client.post(f"/learning/steps/{shadow.pk}/done/", follow=True)
    assert response.status_code == 200
    assert "Your team lead marks this activity done." in response.content.decode()
    assert client.post("/learning/steps/999999/done/").status_code == 404
    assert client.get(f"/learning/steps/{shadow.pk}/done/").status_code == 405

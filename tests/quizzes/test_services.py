"""Attempts: resume, save as given, submit once, time limits, revision pinning, spreads,
and what reaches the learning record."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses.factories import make_course, step
from courses.models import Status, StepProgress
from courses.services import enrolment_self_enrol
from iomsite.accounts.factories import UserFactory
from iomsite.teams.factories import TeamMembershipFactory
from learning_record.models import Statement
from learning_record.verbs import verb_definition
from quizzes import services
from quizzes.engine import AnswerRejected
from quizzes.factories import continuum, dilemma, make_quiz, single_choice
from quizzes.models import QuizAnswer, QuizAttempt
from quizzes.selectors import item_spreads, quiz_compiled

from .conftest import compiled_for

pytestmark = pytest.mark.django_db


def answer_right(attempt, user, number):
    item = compiled_for(attempt).item(attempt.item_order[number - 1])
    correct = next(o.id for o in item.options if o.correct)
    return services.answer_save(
        attempt_id=attempt.pk, user=user, item_id=item.id, data={"option": correct}
    )


def test_starting_again_resumes_the_open_attempt_with_its_answers(quiz, practitioner):
    attempt = services.attempt_start(user=practitioner, quiz=quiz)
    answer_right(attempt, practitioner, 1)
    again = services.attempt_start(user=practitioner, quiz=quiz)
    assert again.pk == attempt.pk
    assert QuizAnswer.objects.filter(attempt=again).count() == 1


def test_submitting_twice_gives_one_attempt_one_score_and_one_record(quiz, practitioner):
    attempt = services.attempt_start(user=practitioner, quiz=quiz)
    answer_right(attempt, practitioner, 1)
    first = services.attempt_submit(attempt_id=attempt.pk, user=practitioner)
    second = services.attempt_submit(attempt_id=attempt.pk, user=practitioner)
    assert first.newly_submitted and not second.newly_submitted
    assert second.attempt.score == first.attempt.score
    assert first.attempt.score == Decimal("33.33")
    finishing = Statement.objects.filter(
        actor=practitioner, verb__in=[verb_definition(v).iri for v in ("passed", "failed")]
    )
    assert finishing.count() == 1


def test_an_answer_after_submission_is_refused_and_changes_nothing(quiz, practitioner):
    attempt = services.attempt_start(user=practitioner, quiz=quiz)
    services.attempt_submit(attempt_id=attempt.pk, user=practitioner)
    with pytest.raises(services.AttemptClosed):
        answer_right(attempt, practitioner, 1)
    assert not QuizAnswer.objects.exists()


def test_the_time_limit_is_the_servers_and_late_answers_are_refused(site_tree, practitioner):
    timed = make_quiz(title="Timed", items=[single_choice()], time_limit_minutes=10)
    start = timezone.now()
    attempt = services.attempt_start(user=practitioner, quiz=timed, now=start)
    assert attempt.deadline == start + timedelta(minutes=10)
    item = compiled_for(attempt).items[0]
    with pytest.raises(services.AttemptClosed):
        services.answer_save(
            attempt_id=attempt.pk,
            user=practitioner,
            item_id=item.id,
            data={"option": item.options[0].id},
            now=start + timedelta(minutes=10, seconds=1),
        )
    assert not QuizAnswer.objects.exists()
    assert services.attempt_close_if_time_is_up(
        attempt=attempt, user=practitioner, now=start + timedelta(minutes=11)
    )
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.submitted_at == attempt.deadline


def test_attempts_allowed_is_enforced(site_tree, practitioner):
    once = make_quiz(title="Once", items=[single_choice()], attempts_allowed=1)
    attempt = services.attempt_start(user=practitioner, quiz=once)
    services.attempt_submit(attempt_id=attempt.pk, user=practitioner)
    with pytest.raises(ValidationError, match="used all 1 attempts"):
        services.attempt_start(user=practitioner, quiz=once)


def test_an_item_outside_the_attempt_is_rejected(quiz, practitioner, site_tree):
    other = make_quiz(title="Other", items=[single_choice()])
    attempt = services.attempt_start(user=practitioner, quiz=quiz)
    foreign = quiz_compiled(revision_id=other.live_revision_id).items[0]
    with pytest.raises(AnswerRejected):
        services.answer_save(
            attempt_id=attempt.pk,
            user=practitioner,
            item_id=foreign.id,
            data={"option": foreign.options[0].id},
        )


def test_editing_a_published_quiz_never_changes_past_scores_or_open_attempts(quiz, practitioner):
    attempt = services.attempt_start(user=practitioner, quiz=quiz)
    answer_right(attempt, practitioner, 1)
    # A trainer makes the second option the right one and publishes.
    items = quiz.items.raw_data
    first_options = items[0]["value"]["options"]
    first_options[0]["value"]["correct"], first_options[1]["value"]["correct"] = False, True
    quiz.items = items
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    assert quiz.live_revision_id != attempt.revision_id
    outcome = services.attempt_submit(attempt_id=attempt.pk, user=practitioner)
    assert outcome.attempt.score == Decimal("33.33")  # marked as taken
    new = services.attempt_start(user=practitioner, quiz=quiz)
    assert new.revision_id == quiz.live_revision_id
    assert compiled_for(new).items[0].options[1].correct


def test_a_passed_quiz_completes_its_course_step_and_a_failed_one_does_not(site_tree):
    quiz = make_quiz(title="Gate", items=[single_choice()], pass_mark=100)
    course = make_course(
        title="With a quiz",
        modules=[{"title": "M", "steps": [step("activity", activity=quiz.pk)]}],
        open_=True,
    )
    learner = UserFactory()
    enrolment_self_enrol(user=learner, course=course)
    failed = services.attempt_start(user=learner, quiz=quiz)
    item = compiled_for(failed).items[0]
    services.answer_save(
        attempt_id=failed.pk, user=learner, item_id=item.id, data={"option": item.options[1].id}
    )
    services.attempt_submit(attempt_id=failed.pk, user=learner)
    progress = StepProgress.objects.get(user=learner)
    assert progress.status == Status.IN_PROGRESS
    passed = services.attempt_start(user=learner, quiz=quiz)
    answer_right(passed, learner, 1)
    services.attempt_submit(attempt_id=passed.pk, user=learner)
    progress.refresh_from_db()
    assert progress.status == Status.COMPLETED and progress.best_score == 100
    verbs = list(
        Statement.objects.filter(actor=learner, object_ref=str(quiz.pk)).values_list(
            "verb", flat=True
        )
    )
    assert verbs == [verb_definition(v).iri for v in ["started", "failed", "started", "passed"]]


def test_a_quiz_that_does_not_count_completes_its_step_on_submission(site_tree):
    quiz = make_quiz(
        title="Practice", items=[single_choice()], pass_mark=100, counts_towards_completion=False
    )
    course = make_course(
        title="Practice course",
        modules=[{"title": "M", "steps": [step("activity", activity=quiz.pk)]}],
        open_=True,
    )
    learner = UserFactory()
    enrolment_self_enrol(user=learner, course=course)
    attempt = services.attempt_start(user=learner, quiz=quiz)
    services.attempt_submit(attempt_id=attempt.pk, user=learner)
    assert StepProgress.objects.get(user=learner).status == Status.COMPLETED
    record = Statement.objects.get(actor=learner, verb=verb_definition("completed").iri)
    assert record.result_success is False


def _commit_dilemma(quiz, user, option_index):
    attempt = services.attempt_start(user=user, quiz=quiz)
    item = compiled_for(attempt).items[0]
    services.answer_save(
        attempt_id=attempt.pk,
        user=user,
        item_id=item.id,
        data={"option": item.options[option_index].id, "confidence": "3", "rationale": "Why."},
    )
    services.attempt_submit(attempt_id=attempt.pk, user=user)
    return item


def test_spreads_are_hidden_below_the_minimum_group_size(site_tree, team, settings):
    assert settings.QUIZ_MIN_GROUP_SIZE == 5
    quiz = make_quiz(title="Dilemmas", items=[dilemma()], pass_mark=0)
    members = [TeamMembershipFactory(team=team).user for _ in range(4)]
    for n, member in enumerate(members):
        item = _commit_dilemma(quiz, member, n % 2)
    me = members[0]
    team_spread, rest = item_spreads(quiz=quiz, item=item, user=me, mine=item.options[0].id)
    assert team_spread.hidden and rest.hidden and rest.bars == []
    assert team_spread.total == 0 and rest.name == "Everyone else"
    fifth = TeamMembershipFactory(team=team).user
    _commit_dilemma(quiz, fifth, 2)
    team_spread, _ = item_spreads(quiz=quiz, item=item, user=me, mine=item.options[0].id)
    assert not team_spread.hidden and team_spread.total == 5
    # 3, 1 and 1: every cell is below five, so none is shown.
    assert [(bar.count, bar.withheld, bar.mine) for bar in team_spread.bars] == [
        (None, "fewer", True),
        (None, "fewer", False),
        (None, "fewer", False),
    ]
    settings.QUIZ_MIN_GROUP_SIZE = 6
    assert all(s.hidden for s in item_spreads(quiz=quiz, item=item, user=me, mine=""))


def test_spreads_count_each_persons_latest_answer_once(site_tree, practitioner, settings):
    settings.QUIZ_MIN_GROUP_SIZE = 1
    quiz = make_quiz(title="Dilemmas", items=[dilemma()], pass_mark=0)
    _commit_dilemma(quiz, practitioner, 0)
    item = _commit_dilemma(quiz, practitioner, 2)  # changed their mind next time
    (everyone,) = item_spreads(quiz=quiz, item=item, user=practitioner, mine="")
    assert everyone.total == 1
    assert [bar.count for bar in everyone.bars] == [None, None, 1]
    assert QuizAnswer.objects.filter(user=practitioner).count() == 2


def test_continuum_positions_over_time_are_kept(site_tree, practitioner):
    from quizzes.selectors import continuum_history

    quiz = make_quiz(title="Where I stand", items=[continuum()], pass_mark=0)
    for position in ("2", "5"):
        attempt = services.attempt_start(user=practitioner, quiz=quiz)
        item = compiled_for(attempt).items[0]
        services.answer_save(
            attempt_id=attempt.pk, user=practitioner, item_id=item.id, data={"position": position}
        )
        services.attempt_submit(attempt_id=attempt.pk, user=practitioner)
    history = continuum_history(user=practitioner, quiz=quiz, item_id=item.id)
    assert [answer.position for answer in history] == [2, 5]
    assert QuizAttempt.objects.filter(user=practitioner).count() == 2


def test_a_quiz_passed_before_its_step_opened_counts_when_the_learner_returns(client, site_tree):
    quiz = make_quiz(title="Practised early", items=[single_choice()], attempts_allowed=1)
    course = make_course(
        title="Later course",
        modules=[{"title": "M", "steps": [step("activity", activity=quiz.pk)]}],
        open_=True,
    )
    learner = UserFactory()
    attempt = services.attempt_start(user=learner, quiz=quiz)
    item = compiled_for(attempt).items[0]
    services.answer_save(
        attempt_id=attempt.pk, user=learner, item_id=item.id, data={"option": item.options[0].id}
    )
    services.attempt_submit(attempt_id=attempt.pk, user=learner)
    enrolment_self_enrol(user=learner, course=course)  # enrolled only afterwards
    assert not StepProgress.objects.filter(user=learner, status=Status.COMPLETED).exists()
    client.force_login(learner)
    page = client.get(quiz.url).content.decode()
    assert "Your earlier result now counts" in page
    assert StepProgress.objects.get(user=learner).status == Status.COMPLETED
    assert services.quiz_result_carry_forward(user=learner, quiz=quiz) is False  # once

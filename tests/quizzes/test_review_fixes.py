"""Regression tests for what the review of the first cut of quizzes found."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from courses.factories import make_course, step
from courses.models import Status, StepProgress
from courses.services import enrolment_self_enrol
from iomsite.accounts.factories import UserFactory
from iomsite.teams.factories import TeamMembershipFactory
from quizzes import services
from quizzes.exchange import QuizFileError, quiz_export, quiz_file_parse, quiz_import
from quizzes.factories import branching, continuum, dilemma, make_quiz, quiz_index, single_choice
from quizzes.forms import publishing
from quizzes.models import QuizAnswer, QuizPage
from quizzes.selectors import item_spreads
from quizzes.wagtail_hooks import check_bulk_quiz_actions

from .conftest import compiled_for
from .conftest import start_attempt as start

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("field", "value"), [("confidence", "²"), ("position", "³")])
def test_unicode_digits_are_refused_not_a_500(client, practitioner, site_tree, field, value):
    quiz = make_quiz(title="Opinions", items=[dilemma() if field == "confidence" else continuum()])
    client.force_login(practitioner)
    attempt, url = start(client, quiz)
    item = compiled_for(attempt).items[0]
    data = {field: value}
    if field == "confidence":
        data |= {"option": item.options[0].id, "rationale": "Because."}
    assert client.post(url, data).status_code == 400
    assert not QuizAnswer.objects.exists()


def _broken_scenario_published(site_tree):
    quiz = make_quiz(title="Fragile", items=[branching()])
    items = quiz.items.raw_data
    nodes = items[0]["value"]["nodes"]
    nodes[0]["value"]["choices"][0]["value"]["goes_to"] = "nowhere"
    quiz.items = items
    quiz.save_revision().publish()  # what bulk publish and workflow approval do
    return QuizPage.objects.get(pk=quiz.pk)


def test_a_broken_scenario_published_around_the_editor_cannot_be_started(
    client, practitioner, site_tree
):
    quiz = _broken_scenario_published(site_tree)
    with pytest.raises(ValidationError, match="scenario is incomplete"):
        services.attempt_start(user=practitioner, quiz=quiz)
    client.force_login(practitioner)
    page = client.post(quiz.url, follow=True).content.decode()
    assert "cannot be taken at the moment" in page


def test_approving_after_editing_and_bulk_publishing_run_the_scenario_checks(
    rf, site_tree, administrator
):
    assert publishing({"action-workflow-action": "", "workflow-action-name": "approve"})
    assert not publishing({"action-workflow-action": "", "workflow-action-name": "reject"})
    quiz = make_quiz(title="Draft to break", items=[branching()])
    items = quiz.items.raw_data
    items[0]["value"]["nodes"][0]["value"]["choices"][0]["value"]["goes_to"] = "nowhere"
    quiz.items = items
    quiz.save_revision()  # a broken draft, not published
    request = rf.post("/admin/bulk/", HTTP_REFERER="/admin/pages/")
    request.user = administrator
    request._messages = type("M", (), {"add": lambda *a, **k: None})()
    response = check_bulk_quiz_actions(request, "publish", [quiz.page_ptr], None)
    assert response is not None and response.status_code == 302
    ok = make_quiz(title="Sound", items=[branching()])
    assert check_bulk_quiz_actions(request, "publish", [ok.page_ptr], None) is None


def test_htmx_never_gets_a_whole_page_inside_the_question_box(client, practitioner, site_tree):
    quiz = make_quiz(
        title="Later", items=[single_choice(), single_choice("Two?")], feedback="after_submission"
    )
    client.force_login(practitioner)
    attempt, url = start(client, quiz)
    items = compiled_for(attempt).items
    last = url.replace("/questions/1/", "/questions/2/")
    response = client.post(last, {"option": items[1].options[0].id}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"].endswith(f"/attempts/{attempt.pk}/submit/")
    client.post(f"{quiz.url}attempts/{attempt.pk}/submit/")
    late = client.post(url, {"option": items[0].options[0].id}, HTTP_HX_REQUEST="true")
    assert late["HX-Redirect"].endswith("/review/")
    assert client.get(url, HTTP_HX_REQUEST="true")["HX-Redirect"].endswith("/review/")
    restore = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert restore.status_code == 302  # submitted: the review, as a full page
    attempt2, url2 = start(client, quiz)
    restored = client.get(url2, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<footer" in restored.content.decode()


def test_hidden_answers_hide_the_chosen_options_feedback_too(client, practitioner, site_tree):
    quiz = make_quiz(
        title="Strict",
        items=[single_choice()],
        attempts_allowed=2,
        feedback="after_submission",
        reveal_answers="after_last_attempt",
    )
    client.force_login(practitioner)
    attempt, url = start(client, quiz)
    single = compiled_for(attempt).items[0]
    client.post(url, {"option": single.options[1].id})
    client.post(f"{quiz.url}attempts/{attempt.pk}/submit/")
    review = client.get(f"{quiz.url}attempts/{attempt.pk}/review/").content.decode()
    assert single.options[1].feedback not in review
    assert "Curfews constrain." not in review  # the overall feedback


def test_immediate_feedback_cannot_be_combined_with_hiding_answers(site_tree):
    text = quiz_export(make_quiz(title="Source", items=[single_choice()])).replace(
        "reveal_answers: after_each_attempt", "reveal_answers: after_last_attempt"
    )
    with pytest.raises(QuizFileError) as error:
        quiz_file_parse(text)
    assert any("shown straight away" in p for p in error.value.problems)


def _commit(quiz, user, option_index):
    attempt = services.attempt_start(user=user, quiz=quiz)
    item = compiled_for(attempt).items[0]
    services.answer_save(
        attempt_id=attempt.pk,
        user=user,
        item_id=item.id,
        data={"option": item.options[option_index].id, "confidence": "3", "rationale": "Why."},
    )
    return item


def test_the_team_is_never_shown_next_to_a_figure_that_contains_it(site_tree, team):
    """Team and "everyone else" are disjoint, so no subtraction isolates anyone."""
    quiz = make_quiz(title="Differencing", items=[dilemma()], pass_mark=0)
    members = [TeamMembershipFactory(team=team).user for _ in range(5)]
    for member in members:
        item = _commit(quiz, member, 0)
    _commit(quiz, UserFactory(), 2)  # one outsider
    team_spread, rest = item_spreads(quiz=quiz, item=item, user=members[0], mine="")
    assert not team_spread.hidden and team_spread.total == 5
    assert rest.name == "Everyone else" and rest.hidden  # one outsider: not shown
    for _ in range(4):
        _commit(quiz, UserFactory(), 1)
    _, rest = item_spreads(quiz=quiz, item=item, user=members[0], mine="")
    assert not rest.hidden and rest.total == 5  # outsiders only


def test_deleting_a_page_above_a_taken_quiz_is_refused(client, site_tree, administrator):
    quiz = make_quiz(title="Taken", items=[single_choice()])
    services.attempt_start(user=UserFactory(), quiz=quiz)
    client.force_login(administrator)
    index = quiz_index()
    response = client.post(f"/admin/pages/{index.pk}/delete/")
    assert response.status_code == 302
    assert QuizPage.objects.filter(pk=quiz.pk).exists()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda t: t.replace("title: Source", "title: Source\n1: x"), "unknown key ‘1’"),
        (lambda t: t.replace("- type: single_choice", "- type: [a]"), "‘type’ must be one of"),
        (lambda t: t.replace("title: Source", "title: " + "x" * 300), "title"),
        (lambda t: t.replace("title: Source", "title: ''"), "the file needs ‘title’"),
        (lambda t: t.replace("title: Source", "title: [a, b]"), "‘title’ must be text"),
    ],
    ids=["number-key", "list-type", "long-title", "blank-title", "list-title"],
)
def test_odd_files_get_problems_not_crashes(site_tree, change, expected):
    text = change(quiz_export(make_quiz(title="Source", items=[single_choice()])))
    before = QuizPage.objects.count()
    with pytest.raises(QuizFileError) as error:
        quiz_import(text=text, parent=quiz_index())
    assert any(expected in p for p in error.value.problems), error.value.problems
    assert QuizPage.objects.count() == before


def test_a_blank_category_is_refused(site_tree):
    from quizzes.factories import classification

    quiz = make_quiz(title="Sorting", items=[classification()])
    text = quiz_export(quiz).replace("- Normative", "- ~")
    with pytest.raises(QuizFileError, match="must be a list of text"):
        quiz_file_parse(text)


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


def test_a_repeated_scenario_choice_is_the_same_request_not_an_error(
    client, practitioner, site_tree
):
    quiz = make_quiz(title="Case", items=[branching()])
    client.force_login(practitioner)
    attempt, url = start(client, quiz)
    item = compiled_for(attempt).items[0]
    choice = item.node("start").choices[0].id
    assert client.post(url, {"choice": choice, "at": "start"}).status_code == 302
    again = client.post(url, {"choice": choice, "at": "start"})  # double click or Back
    assert again.status_code == 302
    assert QuizAnswer.objects.get().response["at"] == "call"
    assert len(QuizAnswer.objects.get().response["path"]) == 1


def test_a_cached_quiz_from_another_page_is_not_used(site_tree):
    from django.core.cache import cache

    from quizzes.selectors import quiz_compiled

    first = make_quiz(title="First", items=[single_choice()])
    stale = quiz_compiled(revision_id=first.live_revision_id, page_id=first.pk)
    second = make_quiz(title="Second", items=[single_choice("Other?")])
    cache.set(f"quizzes:compiled:v3:{second.live_revision_id}", stale)  # as after a restore
    fresh = quiz_compiled(revision_id=second.live_revision_id, page_id=second.pk)
    assert fresh.page_id == second.pk and fresh.items[0].prompt == "Other?"


def test_anonymous_visitors_see_the_quiz_without_a_carry_forward(rf, site_tree):
    quiz = make_quiz(title="Public", items=[single_choice()])
    request = rf.get(quiz.url)
    request.user = AnonymousUser()
    assert quiz.serve(request).status_code == 200

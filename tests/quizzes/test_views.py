"""Taking a quiz over HTTP: full pages and htmx fragments, tampering, privacy, query counts."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iomsite.accounts.factories import UserFactory
from quizzes import services
from quizzes.factories import branching, continuum, dilemma, make_quiz, single_choice
from quizzes.models import QuizAnswer, QuizAttempt

from .conftest import compiled_for
from .conftest import start_attempt as start

pytestmark = pytest.mark.django_db


def q_url(quiz, attempt, number):
    return f"{quiz.url}attempts/{attempt.pk}/questions/{number}/"


def snapshot(attempt):
    attempt.refresh_from_db()
    answers = list(QuizAnswer.objects.filter(attempt=attempt).values("item_id", "response"))
    return attempt.status, attempt.score, answers


def test_the_start_page_asks_anonymous_people_to_sign_in(client, quiz):
    response = client.get(quiz.url)
    assert response.status_code == 200
    assert "Sign in</a> to take this quiz" in response.content.decode()
    assert client.post(quiz.url).status_code == 302
    assert not QuizAttempt.objects.exists()


def test_a_whole_quiz_by_plain_form_posts(client, practitioner, quiz):
    client.force_login(practitioner)
    attempt, location = start(client, quiz)
    assert location == q_url(quiz, attempt, 1)
    page = client.get(location).content.decode()
    assert "Question 1 of 3" in page
    compiled = compiled_for(attempt)
    single, multi, sort = compiled.items
    response = client.post(location, {"option": single.options[0].id})
    assert response["Location"] == location  # immediate feedback on the same screen
    feedback = client.get(location).content.decode()
    assert "Correct" in feedback and single.options[0].feedback in feedback
    right = [o.id for o in multi.options if o.correct]
    client.post(q_url(quiz, attempt, 2), {"option": right})
    data = {f"vignette-{v.id}": v.answer for v in sort.vignettes}
    client.post(q_url(quiz, attempt, 3), data)
    check = client.get(f"{quiz.url}attempts/{attempt.pk}/submit/").content.decode()
    assert "Check your answers" in check
    response = client.post(f"{quiz.url}attempts/{attempt.pk}/submit/")
    review = client.get(response["Location"]).content.decode()
    assert "You passed" in review and "100%" in review


def test_htmx_gets_the_question_fragment_and_the_same_flow(client, practitioner, quiz):
    client.force_login(practitioner)
    attempt, location = start(client, quiz)
    fragment = client.get(location, HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert fragment.status_code == 200
    assert html.lstrip().startswith("<title>Question 1 of 3 – Compliance check – IOM Compass")
    assert '<div id="quiz-question"' in html
    assert "<footer" not in html
    assert fragment["HX-Push-Url"] == location
    single = compiled_for(attempt).items[0]
    missing = client.post(location, {}, HTTP_HX_REQUEST="true")
    assert missing.status_code == 200 and "Choose an answer" in missing.content.decode()
    assert "<footer" not in missing.content.decode()
    client.post(location, {"option": single.options[1].id}, HTTP_HX_REQUEST="true")
    assert QuizAnswer.objects.get(attempt=attempt).score == 0.0


def test_correct_answers_are_not_in_the_page_before_answering(client, practitioner, quiz):
    client.force_login(practitioner)
    attempt, location = start(client, quiz)
    compiled = compiled_for(attempt)
    for number, item in enumerate(compiled.items, start=1):
        html = client.get(q_url(quiz, attempt, number)).content.decode()
        if hasattr(item, "options"):
            for option in item.options:
                assert option.feedback not in html
        for vignette in getattr(item, "vignettes", ()):
            assert vignette.explanation not in html
            assert not vignette.common_mistake or vignette.common_mistake not in html
        assert "Correct" not in html and "correct" not in html.lower().replace("incorrect", "")


def test_another_learners_attempt_is_a_404_everywhere(client, practitioner, quiz):
    client.force_login(practitioner)
    attempt, location = start(client, quiz)
    client.force_login(UserFactory())
    for url in [
        location,
        f"{quiz.url}attempts/{attempt.pk}/submit/",
        f"{quiz.url}attempts/{attempt.pk}/review/",
    ]:
        assert client.get(url).status_code == 404
        assert client.post(url, {"option": "x"}).status_code == 404
    assert not QuizAnswer.objects.exists()
    assert QuizAttempt.objects.get().status == "in_progress"


@pytest.mark.parametrize(
    "tamper",
    [
        "option-from-another-question",
        "option-from-another-quiz",
        "two-answers-to-single-choice",
        "non-integer",
        "huge-id",
        "question-number-out-of-range",
    ],
)
def test_tampered_answers_are_refused_and_change_nothing(
    client, practitioner, quiz, site_tree, tamper
):
    other = make_quiz(title="Another quiz", items=[single_choice()])
    foreign = compiled_for(type("A", (), {"revision_id": other.live_revision_id})).items[0]
    client.force_login(practitioner)
    attempt, location = start(client, quiz)
    single, multi, _ = compiled_for(attempt).items
    client.post(q_url(quiz, attempt, 2), {"option": [multi.options[0].id]})
    before = snapshot(attempt)
    url, data = location, None
    if tamper == "option-from-another-question":
        data = {"option": multi.options[0].id}
    elif tamper == "option-from-another-quiz":
        data = {"option": foreign.options[0].id}
    elif tamper == "two-answers-to-single-choice":
        data = {"option": [single.options[0].id, single.options[1].id]}
    elif tamper == "non-integer":
        url = location.replace("/questions/1/", "/questions/one/")
        data = {"option": single.options[0].id}
    elif tamper == "huge-id":
        url = f"{quiz.url}attempts/99999999999999999999/questions/1/"
        data = {"option": single.options[0].id}
    else:
        url = q_url(quiz, attempt, 4)
        data = {"option": single.options[0].id}
    response = client.post(url, data)
    assert response.status_code in {400, 404}
    if response.status_code == 400:
        assert "Nothing in your attempt has changed" in response.content.decode()
    assert snapshot(attempt) == before


def test_a_score_or_correct_flag_from_the_browser_is_ignored(client, practitioner, quiz):
    client.force_login(practitioner)
    attempt, location = start(client, quiz)
    single = compiled_for(attempt).items[0]
    client.post(
        location, {"option": single.options[1].id, "score": "1", "correct": "true", "passed": "1"}
    )
    assert QuizAnswer.objects.get().score == 0.0
    client.post(f"{quiz.url}attempts/{attempt.pk}/submit/", {"score": "100", "passed": "true"})
    attempt.refresh_from_db()
    assert attempt.score == 0 and attempt.passed is False


def test_answers_after_submission_get_a_clear_400(client, practitioner, quiz):
    client.force_login(practitioner)
    attempt, location = start(client, quiz)
    client.post(f"{quiz.url}attempts/{attempt.pk}/submit/")
    single = compiled_for(attempt).items[0]
    response = client.post(location, {"option": single.options[0].id})
    assert response.status_code == 400
    assert "already been submitted" in response.content.decode()
    assert not QuizAnswer.objects.exists()
    assert client.get(location)["Location"].endswith("/review/")


def test_answers_after_the_time_limit_get_a_clear_400(client, practitioner, site_tree):
    from datetime import timedelta

    from django.utils import timezone

    timed = make_quiz(
        title="Timed", items=[single_choice(), single_choice("Two?")], time_limit_minutes=5
    )
    client.force_login(practitioner)
    attempt, location = start(client, timed)
    QuizAttempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    single = compiled_for(attempt).items[0]
    response = client.post(location, {"option": single.options[0].id})
    assert response.status_code == 400
    assert "Time ran out" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.is_submitted and not QuizAnswer.objects.exists()


def test_leaving_and_coming_back_resumes_where_the_learner_was(client, practitioner, quiz):
    client.force_login(practitioner)
    attempt, _ = start(client, quiz)
    single = compiled_for(attempt).items[0]
    client.post(q_url(quiz, attempt, 1), {"option": single.options[0].id})
    client.logout()
    client.force_login(practitioner)
    assert "Continue where you left off" in client.get(quiz.url).content.decode()
    response = client.post(quiz.url)
    assert response["Location"] == q_url(quiz, attempt, 2)


def test_a_dilemma_reveals_perspectives_and_spread_only_after_committing(
    client, practitioner, site_tree, settings
):
    settings.QUIZ_MIN_GROUP_SIZE = 1
    quiz = make_quiz(title="Rights", items=[dilemma(), continuum()], pass_mark=0)
    client.force_login(practitioner)
    attempt, location = start(client, quiz)
    item = compiled_for(attempt).items[0]
    before = client.get(location).content.decode()
    assert "A due process reading" not in before and "How others answered" not in before
    too_long = client.post(
        location, {"option": item.options[1].id, "confidence": "4", "rationale": "x" * 201}
    )
    assert "200 characters or fewer" in too_long.content.decode()
    assert "x" * 201 in too_long.content.decode()  # the text is kept, not lost
    client.post(location, {"option": item.options[1].id, "confidence": "4", "rationale": "Ask."})
    after = client.get(location).content.decode()
    assert "A due process reading" in after and "How others answered" in after
    assert "Your answer" in after
    changed = client.post(
        location, {"option": item.options[0].id, "confidence": "1", "rationale": "Changed."}
    )
    assert changed.status_code == 302  # final already: shown again, unchanged
    assert QuizAnswer.objects.get().response["rationale"] == "Ask."


def test_a_branching_scenario_walks_node_by_node_to_a_debrief(client, practitioner, site_tree):
    quiz = make_quiz(title="Case", items=[branching()], pass_mark=50)
    client.force_login(practitioner)
    attempt, location = start(client, quiz)
    item = compiled_for(attempt).items[0]
    first = client.get(location).content.decode()
    assert "First miss" in first and "Care and structure." not in first
    client.post(location, {"choice": item.node("start").choices[0].id})
    page = client.get(location).content.decode()
    assert "After Phone him." in page and "He answers" in page
    client.post(location, {"choice": item.node("call").choices[0].id})
    page = client.get(location).content.decode()
    assert "Care and structure." in page and "Positive ending" in page
    client.post(f"{quiz.url}attempts/{attempt.pk}/submit/")
    attempt.refresh_from_db()
    assert attempt.score == 100
    review = client.get(f"{quiz.url}attempts/{attempt.pk}/review/").content.decode()
    assert "Your route" in review and "Phone him" in review


def test_review_hides_right_answers_until_the_last_attempt_when_set(
    client, practitioner, site_tree
):
    quiz = make_quiz(
        title="Strict",
        items=[single_choice()],
        attempts_allowed=2,
        feedback="after_submission",
        reveal_answers="after_last_attempt",
    )
    single = None
    client.force_login(practitioner)
    for attempt_number in (1, 2):
        attempt, location = start(client, quiz)
        single = compiled_for(attempt).items[0]
        client.post(location, {"option": single.options[1].id})
        client.post(f"{quiz.url}attempts/{attempt.pk}/submit/")
        review = client.get(f"{quiz.url}attempts/{attempt.pk}/review/").content.decode()
        hidden = "shown once you pass or have used all your attempts" in review
        assert hidden == (attempt_number == 1)
        assert (single.options[0].feedback in review) == (attempt_number == 2)


def _numbers_of_queries(client, quiz, user):
    client.force_login(user)
    attempt, location = start(client, quiz)
    item = compiled_for(attempt).items[0]
    client.get(location)  # warm the compiled-quiz cache, as any earlier request would
    with CaptureQueriesContext(connection) as page:
        client.get(location)
    with CaptureQueriesContext(connection) as answer:
        client.post(location, {"option": item.options[0].id})
    for item_id in attempt.item_order[1:]:  # the rest answered, so submission has work to do
        option = compiled_for(attempt).item(item_id).options[0].id
        services.answer_save(
            attempt_id=attempt.pk, user=user, item_id=item_id, data={"option": option}
        )
    with CaptureQueriesContext(connection) as check:
        client.get(f"{quiz.url}attempts/{attempt.pk}/submit/")
    with CaptureQueriesContext(connection) as submit:
        client.post(f"{quiz.url}attempts/{attempt.pk}/submit/")
    with CaptureQueriesContext(connection) as review:
        client.get(f"{quiz.url}attempts/{attempt.pk}/review/")
    return [len(c.captured_queries) for c in (page, answer, check, submit, review)]


@pytest.mark.parametrize("feedback", ["immediate", "after_submission"])
def test_query_counts_are_the_same_for_5_and_50_questions(client, site_tree, feedback):
    def answered_quiz(size):
        quiz = make_quiz(
            title=f"Quiz of {size}",
            items=[single_choice(f"Q{n}?") for n in range(size)],
            feedback=feedback,
        )
        learner = UserFactory()
        earlier = services.attempt_start(user=learner, quiz=quiz)  # every answer saved …
        for item_id in earlier.item_order:
            option = compiled_for(earlier).item(item_id).options[0].id
            services.answer_save(
                attempt_id=earlier.pk, user=learner, item_id=item_id, data={"option": option}
            )
        services.attempt_submit(attempt_id=earlier.pk, user=learner)  # … and submitted
        return quiz, learner

    five = _numbers_of_queries(client, *answered_quiz(5))
    fifty = _numbers_of_queries(client, *answered_quiz(50))
    print("queries: page, answer, check, submit, review =", five)
    assert five == fifty, (five, fifty)
    assert max(five) <= 40


def test_an_unscored_quiz_shows_the_learner_no_score_or_pass(client, practitioner, site_tree):
    quiz = make_quiz(title="Opinions only", items=[dilemma(), continuum()])
    client.force_login(practitioner)
    attempt, location = start(client, quiz)
    first, second = compiled_for(attempt).items
    client.post(location, {"option": first.options[0].id, "confidence": "2", "rationale": "R"})
    client.post(q_url(quiz, attempt, 2), {"position": "3"})
    review = client.get(client.post(f"{quiz.url}attempts/{attempt.pk}/submit/")["Location"])
    html = review.content.decode()
    assert "Answers submitted" in html
    assert "You passed" not in html and "did not pass" not in html and "Pass mark" not in html
    attempt.refresh_from_db()
    assert attempt.score is None and attempt.passed is None
    start_page = client.get(quiz.url).content.decode()
    assert "Completed" in start_page and "Passed" not in start_page and "0%" not in start_page


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


def test_anonymous_visitors_see_the_quiz_without_a_carry_forward(rf, site_tree):
    quiz = make_quiz(title="Public", items=[single_choice()])
    request = rf.get(quiz.url)
    request.user = AnonymousUser()
    assert quiz.serve(request).status_code == 200

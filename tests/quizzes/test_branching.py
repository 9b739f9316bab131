"""Publish-time checks of branching scenarios: in the function, in the editor, in files."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import nested_form_data, streamfield

from quizzes import services
from quizzes.factories import branching, make_quiz, quiz_index
from quizzes.items.branching_graph import branching_graph_problems
from quizzes.models import QuizAnswer, QuizPage

from .conftest import compiled_for
from .conftest import start_attempt as start

pytestmark = pytest.mark.django_db


def node(key, *targets, ending=False):
    return {
        "key": key,
        "ending": ending,
        "choices": [{"goes_to": target} for target in targets],
    }


def test_a_sound_scenario_with_a_loop_that_has_an_exit_passes():
    nodes = [
        node("start", "a", "b"),
        node("a", "start", "end"),  # a loop back to the start, with a way out
        node("b", "end2"),
        node("end", ending=True),
        node("end2", ending=True),
    ]
    assert branching_graph_problems(nodes) == []


@pytest.mark.parametrize(
    ("nodes", "expected"),
    [
        (
            [node("start", "end"), node("end", ending=True), node("island", "end")],
            "‘island’ cannot be reached from the start.",
        ),
        (
            [node("start", "stuck", "end"), node("stuck"), node("end", ending=True)],
            "‘stuck’ is a dead end: give it a choice or make it an ending.",
        ),
        (
            [node("start", "a", "end"), node("a", "b"), node("b", "a"), node("end", ending=True)],
            "From ‘a’, ‘b’ no ending can be reached: a loop with no way out.",
        ),
        (
            [node("start", "nowhere"), node("end", ending=True)],
            "A choice in ‘start’ leads to ‘nowhere’, which is not a node.",
        ),
        ([node("start", "a"), node("a", "start")], "The scenario has no ending."),
    ],
    ids=["unreachable", "dead-end", "cycle-without-exit", "broken-link", "no-ending"],
)
def test_each_kind_of_broken_scenario_is_named(nodes, expected):
    assert expected in branching_graph_problems(nodes)


def _listblock(values):
    data = {"count": str(len(values))}
    for index, value in enumerate(values):
        data.update(
            {
                f"{index}-value": value,
                f"{index}-deleted": "",
                f"{index}-order": str(index),
                f"{index}-id": str(uuid.uuid4()),
            }
        )
    return data


def _editor_post(nodes, action):
    def form_node(key, title, targets, ending=False):
        return {
            "key": key,
            "title": title,
            "text": f"{title}.",
            "choices": _listblock(
                [{"text": f"Go to {t}", "goes_to": t, "feedback": "Then."} for t in targets]
            ),
            **(
                {"ending": "on", "outcome": "positive", "debrief": "Well done."}
                if ending
                else {"outcome": ""}
            ),
            "score": "",
        }

    return nested_form_data(
        {
            "title": "Scenario under test",
            "slug": "scenario-under-test",
            "introduction": "",
            "items": streamfield(
                [
                    (
                        "branching",
                        {
                            "title": "A case",
                            "introduction": "It begins.",
                            "nodes": _listblock([form_node(*n) for n in nodes]),
                        },
                    )
                ]
            ),
            "pass_mark": "70",
            "attempts_allowed": "0",
            "feedback_timing": "immediate",
            "reveal_answers": "after_each_attempt",
            "time_limit_minutes": "",
            "counts_towards_completion": "on",
            **action,
        }
    )


LOOP_WITHOUT_EXIT = [
    ("start", "Start", ["a", "end"]),
    ("a", "A", ["b"]),
    ("b", "B", ["a"]),
    ("end", "End", [], True),
]


def test_the_editor_saves_a_broken_draft_but_refuses_to_publish_it(client, site_tree, trainer):
    client.force_login(trainer)
    parent = quiz_index()
    url = f"/admin/pages/add/quizzes/quizpage/{parent.pk}/"

    refused = client.post(url, _editor_post(LOOP_WITHOUT_EXIT, {"action-publish": "publish"}))
    assert refused.status_code == 200
    assert "no ending can be reached" in refused.content.decode()
    assert not QuizPage.objects.exists()

    refused = client.post(url, _editor_post(LOOP_WITHOUT_EXIT, {"action-submit": "submit"}))
    assert "no ending can be reached" in refused.content.decode()
    assert not QuizPage.objects.exists()

    saved = client.post(url, _editor_post(LOOP_WITHOUT_EXIT, {}))
    assert saved.status_code == 302
    draft = QuizPage.objects.get()
    assert not draft.live


def test_the_editor_publishes_a_sound_scenario(client, site_tree, administrator):
    client.force_login(administrator)
    parent = quiz_index()
    sound = [("start", "Start", ["end"]), ("end", "End", [], True)]
    response = client.post(
        f"/admin/pages/add/quizzes/quizpage/{parent.pk}/",
        _editor_post(sound, {"action-publish": "publish"}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert QuizPage.objects.get().live


ONE_NODE = [node("start", ending=True)]


def test_a_start_that_is_its_own_ending_is_a_sound_scenario():
    assert branching_graph_problems(ONE_NODE) == []


def _one_node_post(action, *, score=""):
    data = _editor_post([("start", "Start", [], True)], action)
    data["items-0-value-nodes-0-value-score"] = score
    return data


def test_the_editor_publishes_a_one_node_scenario_and_a_learner_takes_it(
    client, site_tree, administrator, practitioner
):
    client.force_login(administrator)
    parent = quiz_index()
    response = client.post(
        f"/admin/pages/add/quizzes/quizpage/{parent.pk}/",
        _one_node_post({"action-publish": "publish"}, score="80"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    quiz = QuizPage.objects.get()
    assert quiz.live
    (item,) = quiz.items
    assert len(item.value["nodes"]) == 1

    client.force_login(practitioner)
    started = client.post(quiz.url)
    question = started["Location"]
    page = client.get(question).content.decode()
    # The learner reads the start, which is the ending, and carries on.
    assert "Start" in page and "Positive ending" in page and "Well done." in page
    assert 'name="choice"' not in page and "Continue" in page
    assert client.post(question, {"at": "start"})["Location"] == question
    page = client.get(question).content.decode()
    assert "Check your answers" in page and "Continue</button>" not in page
    submit = question.replace("questions/1/", "submit/")
    assert "Ended at ‘Start’" in client.get(submit).content.decode()
    review = client.post(submit)["Location"]
    attempt = quiz.attempts.get()
    assert attempt.score == 80 and attempt.passed
    html = client.get(review).content.decode()
    assert "Positive ending" in html and "did not reach an ending" not in html


def test_a_repeated_continue_on_a_one_node_scenario_changes_nothing(
    client, site_tree, administrator, practitioner
):
    client.force_login(administrator)
    client.post(
        f"/admin/pages/add/quizzes/quizpage/{quiz_index().pk}/",
        _one_node_post({"action-publish": "publish"}),
    )
    quiz = QuizPage.objects.get()
    client.force_login(practitioner)
    question = client.post(quiz.url)["Location"]
    client.post(question, {"at": "start"})
    answer = quiz.attempts.get().answers.get()
    assert answer.final and answer.response == {"path": [], "at": "start", "ending": "start"}
    assert client.post(question, {"at": "start"}).status_code == 302
    assert quiz.attempts.get().answers.get().answered_at == answer.answered_at


def test_a_one_node_scenario_imports_and_exports(site_tree):
    from quizzes.exchange import quiz_export
    from quizzes.factories import make_quiz

    single = {
        "type": "branching",
        "title": "A case to read",
        "introduction": "No decision here.",
        "nodes": [
            {
                "key": "start",
                "title": "The visit",
                "text": "What happened.",
                "ending": True,
                "outcome": "mixed",
                "debrief": "What to notice.",
            }
        ],
    }
    quiz = make_quiz(title="Read only", items=[single])
    assert quiz.live
    text = quiz_export(quiz)
    assert "key: start" in text and "ending: true" in text
    copy = make_quiz(title="Copy", items=[single])
    assert quiz_export(copy).replace("Copy", "Read only") == text


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

"""Publish-time checks of branching scenarios: in the function, in the editor, in files."""

import uuid

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from quizzes.blocks import branching_graph_problems
from quizzes.factories import quiz_index
from quizzes.models import QuizPage

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

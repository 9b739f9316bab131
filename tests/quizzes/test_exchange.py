"""Quiz files: export then import is lossless; malformed files say where and create nothing."""

from pathlib import Path

import pytest
import yaml
from wagtail.models import Page

from quizzes.demo import DEMO_QUIZZES, QUIZ_FILES
from quizzes.engine import quiz_compile
from quizzes.exchange import QuizFileError, quiz_export, quiz_file_parse, quiz_import
from quizzes.factories import (
    branching,
    classification,
    continuum,
    dilemma,
    make_quiz,
    multiple_response,
    quiz_index,
    single_choice,
)
from quizzes.models import QuizPage
from thoughtpieces.factories import make_thought_piece

pytestmark = pytest.mark.django_db


def _shape(compiled):
    """Everything about the content except the generated ids."""

    def strip(value):
        if isinstance(value, tuple | list):
            return [strip(v) for v in value]
        if hasattr(value, "__dataclass_fields__"):
            return {
                k: strip(getattr(value, k))
                for k in value.__dataclass_fields__
                if k not in {"id", "answer"}
            }
        return value

    return strip(list(compiled.items)), compiled.settings


def test_export_then_import_is_lossless(site_tree):
    piece = make_thought_piece()
    question = piece.questions.order_by("sort_order")[1]
    link = {"piece": piece.reference, "number": 2}
    quiz = make_quiz(
        title="Everything",
        items=[
            single_choice(scenario="Line one.\n\nLine two."),
            multiple_response(),
            classification(),
            dilemma(discussion_question=link),
            continuum(),
            branching(),
        ],
        pass_mark=55,
        attempts_allowed=3,
        feedback="after_submission",
        reveal_answers="after_last_attempt",
        shuffle=True,
        time_limit_minutes=25,
        counts_towards_completion=False,
    )
    text = quiz_export(quiz)
    copy = quiz_import(text=text, parent=quiz_index())
    assert not copy.live and copy.pk != quiz.pk
    assert quiz_export(copy) == text
    original, imported = quiz_compile(quiz), quiz_compile(copy)
    assert _shape(original) == _shape(imported)
    assert imported.items[3].question.id == question.pk
    sort = imported.items[2]
    assert [sort.category_label(v.answer) for v in sort.vignettes] == [
        "Constraint-based",
        "Instrumental",
        "Habit or routine",
    ]
    assert "time_limit_minutes: 25" in text and "scenario: |" in text


@pytest.mark.parametrize("name", DEMO_QUIZZES)
def test_the_demo_files_import_and_round_trip(site_tree, name):
    make_thought_piece(reference="IC/TP/2", questions=["One?", "Two?", "Three?", "Four?"])
    text = (QUIZ_FILES / f"{name}.yaml").read_text(encoding="utf-8")
    quiz = quiz_import(text=text, parent=quiz_index(), publish=True)
    assert quiz.live
    again = quiz_import(text=quiz_export(quiz), parent=quiz_index())
    assert quiz_export(again) == quiz_export(quiz)


BROKEN = """\
format: iom-compass-quiz/1
title: Broken
settings:
  pass_mark: 150
  shuffle: maybe
items:
  - type: single_choice
    prompt: Which?
    options:
      - text: A
        correct: true
        feedback: Yes.
      - text: B
        correct: true
        feedback: Also yes?
  - type: classification
    prompt: Sort these
    categories: [One, Two]
    vignettes:
      - text: A case
        answer: Three
        explanation: Because.
  - type: riddle
    prompt: What?
  - type: dilemma
    scenario: S
    prompt: P
    colour: blue
    options:
      - text: X
      - text: Y
    perspectives:
      - title: Only one
        text: T
"""


def _problems(text):
    with pytest.raises(QuizFileError) as error:
        quiz_file_parse(text)
    return error.value.problems


def test_a_malformed_file_lists_each_problem_with_its_line_and_creates_nothing(site_tree):
    before = Page.objects.count()
    with pytest.raises(QuizFileError):
        quiz_import(text=BROKEN, parent=quiz_index())
    problems = _problems(BROKEN)
    assert "line 5: ‘shuffle’ must be true or false" in problems
    assert any(p.startswith("line 23: ‘type’ must be one of") for p in problems)
    assert any(p.startswith("line 28: unknown key ‘colour’") for p in problems)
    assert not QuizPage.objects.exists()
    assert Page.objects.count() == before + 1  # only the quiz index the test asked for


def test_block_rules_and_settings_are_reported_with_lines(site_tree):
    text = (
        BROKEN.replace("  - type: riddle\n    prompt: What?\n", "")
        .replace("    colour: blue\n", "")
        .replace("  shuffle: maybe\n", "")
    )
    problems = _problems(text)
    assert any(
        p.startswith("line 6:") and "Mark exactly one option as correct" in p for p in problems
    )
    assert any(
        p.startswith("line 15:") and "Use one of the categories above" in p for p in problems
    )
    assert any(p.startswith("line 22:") and "perspectives" in p for p in problems)
    assert any("pass_mark" in p and "100" in p for p in problems)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: [unclosed", "line 1: not valid YAML"),
        ("- just\n- a list\n", "line 1: the file must be a set of ‘key: value’ lines"),
        ("format: iom-compass-quiz/1\ntitle: T\nitems: []\n", "line 1: the file needs ‘items’"),
        ("format: other/9\ntitle: T\nitems: [{type: continuum}]\n", "line 1: ‘format’ must be"),
        ("a: \x00", "NUL byte"),
    ],
)
def test_unreadable_files_say_why(text, expected, site_tree):
    assert any(expected in p for p in _problems(text))


def test_a_broken_scenario_graph_in_a_file_is_refused(site_tree):
    data = yaml.safe_load(Path(QUIZ_FILES / "missed-appointments.yaml").read_text())
    data["items"][0]["nodes"].append(
        {
            "key": "island",
            "title": "Nobody gets here",
            "text": "Alone.",
            "ending": True,
            "outcome": "mixed",
            "score": 10,
        }
    )
    problems = _problems(yaml.safe_dump(data))
    assert any("‘island’ cannot be reached from the start." in p for p in problems)


def test_a_link_to_a_missing_discussion_question_is_named(site_tree):
    text = quiz_export(make_quiz(title="Plain", items=[dilemma()])).replace(
        "items:\n", "items:\n", 1
    )
    data = yaml.safe_load(text)
    data["items"][0]["discussion_question"] = {"piece": "NO/SUCH", "number": 1}
    problems = _problems(yaml.safe_dump(data, sort_keys=False))
    assert any("no question 1 in a Thought Piece with reference ‘NO/SUCH’" in p for p in problems)


def test_immediate_feedback_cannot_be_combined_with_hiding_answers(site_tree):
    text = quiz_export(make_quiz(title="Source", items=[single_choice()])).replace(
        "reveal_answers: after_each_attempt", "reveal_answers: after_last_attempt"
    )
    with pytest.raises(QuizFileError) as error:
        quiz_file_parse(text)
    assert any("shown straight away" in p for p in error.value.problems)


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

"""Each item type's checking, scoring and feedback, on compiled items (no HTTP)."""

import pytest
from django.http import QueryDict

from quizzes.engine import AnswerError, AnswerRejected, quiz_compile
from quizzes.factories import (
    branching,
    classification,
    continuum,
    dilemma,
    make_quiz,
    multiple_response,
    single_choice,
)
from quizzes.models import QuizAnswer

from .conftest import compiled_for
from .conftest import start_attempt as start

pytestmark = pytest.mark.django_db


def post(**fields) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in fields.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return data


@pytest.fixture
def items(site_tree):
    quiz = make_quiz(
        items=[
            single_choice(),
            multiple_response(),
            classification(),
            dilemma(),
            continuum(),
            branching(),
        ]
    )
    return quiz_compile(quiz).items


def test_single_choice_scores_the_right_option_and_refuses_two(items):
    single = items[0]
    right, wrong = single.options[0], single.options[1]
    assert single.score(single.parse(post(option=right.id))) == 1.0
    assert single.score(single.parse(post(option=wrong.id))) == 0.0
    with pytest.raises(AnswerRejected):
        single.parse(post(option=[right.id, wrong.id]))
    with pytest.raises(AnswerError) as error:
        single.parse(post())
    assert error.value.errors == {"option": "Choose an answer"}


def test_multiple_response_gives_partial_credit_and_takes_off_for_wrong_picks(items):
    multi = items[1]
    care, heard, tag, _recall = multi.options
    assert multi.score(multi.parse(post(option=[care.id, heard.id]))) == 1.0
    assert multi.score(multi.parse(post(option=[care.id]))) == 0.5
    assert multi.score(multi.parse(post(option=[care.id, tag.id]))) == 0.0
    assert multi.score(multi.parse(post(option=[o.id for o in multi.options]))) == 0.0


def test_classification_scores_each_vignette_and_names_missing_ones(items):
    sort = items[2]
    ids = {c.label: c.id for c in sort.categories}
    answers = {
        f"vignette-{sort.vignettes[0].id}": ids["Constraint-based"],
        f"vignette-{sort.vignettes[1].id}": ids["Normative"],  # the common mistake
        f"vignette-{sort.vignettes[2].id}": ids["Habit or routine"],
    }
    assert sort.score(sort.parse(post(**answers))) == pytest.approx(2 / 3)
    del answers[f"vignette-{sort.vignettes[2].id}"]
    with pytest.raises(AnswerError) as error:
        sort.parse(post(**answers))
    assert list(error.value.errors.values()) == ["Choose a category for case 3"]
    assert sort.vignettes[1].common_mistake.startswith("Normative")


def test_classification_refuses_a_category_from_another_question(items):
    sort, single = items[2], items[0]
    data = {f"vignette-{v.id}": sort.categories[0].id for v in sort.vignettes}
    data[f"vignette-{sort.vignettes[0].id}"] = single.options[0].id
    with pytest.raises(AnswerRejected):
        sort.parse(post(**data))


def test_dilemma_needs_choice_confidence_and_reasons_within_the_cap(items):
    item = items[3]
    assert item.score is not None and not item.scored
    with pytest.raises(AnswerError) as error:
        item.parse(post(rationale="  "))
    assert set(error.value.errors) == {"option", "confidence", "rationale"}
    with pytest.raises(AnswerError) as error:
        item.parse(post(option=item.options[0].id, confidence="3", rationale="x" * 201))
    assert "200 characters or fewer" in error.value.errors["rationale"]
    for bad in ["6", "0", "three", "99999999999999999999", "-1"]:
        with pytest.raises(AnswerRejected):
            item.parse(post(option=item.options[0].id, confidence=bad, rationale="Because."))
    response = item.parse(
        post(option=item.options[1].id, confidence="4", rationale="Consent\x00 first.\r\n")
    )
    assert response == {
        "option": item.options[1].id,
        "confidence": 4,
        "rationale": "Consent first.",
    }


def test_continuum_takes_a_point_on_its_own_scale(items):
    item = items[4]
    assert item.parse(post(position="7")) == {"position": 7}
    for bad in ["8", "0", "1.5", "x", "1" * 30]:
        with pytest.raises(AnswerRejected):
            item.parse(post(position=bad))


def test_branching_moves_along_choices_and_scores_its_ending(items):
    item = items[5]
    start = item.nodes[0]
    phone = start.choices[0]
    state = item.parse(post(choice=phone.id))
    assert state["at"] == "call" and state["ending"] is None
    call = item.node("call")
    with pytest.raises(AnswerRejected):  # a choice from another node
        item.parse(post(choice=start.choices[1].id), state=state)
    state = item.parse(post(choice=call.choices[1].id), state=state)  # loop back to start
    state = item.parse(post(choice=start.choices[0].id), state=state)
    state = item.parse(post(choice=call.choices[0].id), state=state)
    assert state["ending"] == "good"
    assert [step["node"] for step in state["path"]] == ["start", "call", "start", "call"]
    assert item.score(state) == 1.0
    with pytest.raises(AnswerRejected):
        item.parse(post(choice=call.choices[0].id), state=state)


def test_the_mark_counts_scored_items_only_and_unanswered_as_nothing(items):
    quiz = make_quiz(title="Mixed", items=[single_choice(), dilemma(), classification()])
    compiled = quiz_compile(quiz)
    first, _, third = compiled.items
    assert compiled.mark({first.id: 1.0, third.id: 0.5}) == 75.0
    assert compiled.mark({first.id: 1.0}) == 50.0
    unscored = quiz_compile(make_quiz(title="Opinions", items=[dilemma(), continuum()]))
    assert unscored.mark({}) is None


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

"""The item-type registry (quizzes/items): a type registered here, in the test
suite alone, works end to end with no change to quizzes/ code; and nothing
outside the item modules names a type."""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from django.conf import settings as django_settings

from iomsite.accounts.data_rights import account_erase
from iomsite.accounts.factories import UserFactory
from quizzes import items, services
from quizzes.blocks import QuizItemsBlock
from quizzes.exchange import QuizFileError, quiz_export, quiz_file_parse, quiz_import
from quizzes.factories import make_quiz, quiz_index, single_choice
from quizzes.items.base import AnswerError, AnswerRejected, Item, ItemType, posted_one
from quizzes.models import QuizAnswer, QuizAttempt, QuizPage
from quizzes.selectors import quiz_compiled
from quizzes.statistics import quiz_statistics

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

# A small extra type, as a project plug-in would write it -----------------


def _true_false_block():
    from wagtail import blocks

    class TrueFalseBlock(blocks.StructBlock):
        statement = blocks.CharBlock(max_length=300)
        answer = blocks.BooleanBlock(required=False)
        explanation = blocks.TextBlock(required=False)

        def text_for_search(self, value):
            return [value.get("statement", "")]

    return TrueFalseBlock


@dataclass(frozen=True)
class TrueFalse(Item):
    answer: bool = False
    explanation: str = ""
    type = "true_false"
    label = "True or false"
    template_dir = "test_items/true_false"
    submit_label = "Decide"
    scored = True

    @property
    def radio_choices(self):
        return [("true", "True"), ("false", "False")]

    def parse(self, data) -> dict:
        chosen = posted_one(data, "answer")
        if chosen is None:
            raise AnswerError({"answer": "Say whether the statement is true"})
        if chosen not in {"true", "false"}:
            raise AnswerRejected("That is neither true nor false.")
        return {"answer": chosen, "note": (posted_one(data, "note") or "").strip()}

    def score(self, response):
        return 1.0 if (response["answer"] == "true") == self.answer else 0.0

    def summary(self, response):
        return response["answer"]

    def columns(self, response):
        return {"choice": response["answer"]}


class TrueFalseType(ItemType):
    name = "true_false"
    block_class = _true_false_block()
    item_class = TrueFalse
    yaml_keys = {"statement": True, "answer": True, "explanation": False}
    answer_fields = ("answer", "note")
    personal_fields = ("note",)

    def compile(self, block):
        value = block.value
        return TrueFalse(
            id=block.id,
            prompt=value["statement"],
            answer=bool(value["answer"]),
            explanation=value["explanation"],
        )

    def from_yaml(self, reader, entry):
        return {
            "statement": reader.text(entry, "statement"),
            "answer": reader.boolean(entry, "answer", False),
            "explanation": reader.text(entry, "explanation"),
        }

    def to_yaml(self, value):
        return {
            "statement": value["statement"],
            "answer": bool(value["answer"]),
            "explanation": value["explanation"],
        }

    def posted(self, data):
        return {"answer": data.get("answer"), "note": data.get("note", "")}

    def statistics(self, stats, item, figures):
        counts = figures["counts"]
        stats.detail["said_true"] = counts.get("true", 0)
        stats.detail["said_false"] = counts.get("false", 0)


TRUE_FALSE = TrueFalseType()


@pytest.fixture
def true_false(settings):
    """Registered for one test, and added to the live QuizPage.items block: no
    migration, since StreamField data is JSON and the migration state is not
    consulted at run time (a shipped type would add a no-op AlterField)."""
    items.register(TRUE_FALSE)
    stream_block = QuizPage._meta.get_field("items").stream_block
    child = TRUE_FALSE.block()
    child.set_name(TRUE_FALSE.name)
    stream_block.child_blocks[TRUE_FALSE.name] = child
    templates = [dict(engine) for engine in django_settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], Path(__file__).parent / "templates"]
    settings.TEMPLATES = templates
    yield TRUE_FALSE
    del stream_block.child_blocks[TRUE_FALSE.name]
    items.unregister(TRUE_FALSE.name)


def statement(**extra) -> dict:
    return {
        "type": "true_false",
        "statement": "A curfew is a constraint.",
        "answer": True,
        "explanation": "It limits what someone can do.",
        **extra,
    }


def test_an_extra_type_compiles_answers_and_scores(true_false, site_tree):
    quiz = make_quiz(items=[statement(), single_choice()])
    compiled = quiz_compiled(revision_id=quiz.live_revision_id, page_id=quiz.pk)
    item = compiled.items[0]
    assert isinstance(item, TrueFalse) and item.answer and item.prompt.startswith("A curfew")
    learner = UserFactory()
    attempt = services.attempt_start(user=learner, quiz=quiz)
    with pytest.raises(AnswerError):
        services.answer_save(attempt_id=attempt.pk, user=learner, item_id=item.id, data={})
    with pytest.raises(AnswerRejected):
        services.answer_save(
            attempt_id=attempt.pk, user=learner, item_id=item.id, data={"answer": "maybe"}
        )
    answer = services.answer_save(
        attempt_id=attempt.pk, user=learner, item_id=item.id, data={"answer": "false"}
    )
    assert answer.item_type == "true_false" and answer.score == 0.0 and answer.choice == "false"
    right = compiled.items[1].correct_ids.pop()
    services.answer_save(
        attempt_id=attempt.pk, user=learner, item_id=compiled.items[1].id, data={"option": right}
    )
    result = services.attempt_submit(attempt_id=attempt.pk, user=learner).attempt
    assert result.score == 50.0  # one of two scored items right


def test_an_extra_type_renders_its_question_feedback_review_and_preview(
    true_false, site_tree, client, rf, trainer
):
    quiz = make_quiz(items=[statement()], feedback="immediate")
    learner = UserFactory()
    client.force_login(learner)
    url = client.post(quiz.url)["Location"]
    page = client.get(url).content.decode()
    assert "A curfew is a constraint." in page and 'name="answer"' in page and "Decide" in page
    error = client.post(url, {"answer": "", "note": "kept"}).content.decode()
    assert "Say whether the statement is true" in error and 'value="kept"' in error
    assert client.post(url, {"answer": "sideways"}).status_code == 400
    assert client.post(url, {"answer": "true", "note": "mine"}).status_code == 302
    feedback = client.get(url).content.decode()
    assert "The statement is true. It limits what someone can do." in feedback
    attempt = QuizAttempt.objects.get(user=learner)
    review = client.post(quiz.url + quiz.reverse_subpage("submit_route", args=[attempt.pk]))
    review = client.get(review["Location"]).content.decode()
    assert 'data-test="true-false-feedback"' in review and "Your note: mine" in review
    request = rf.get("/")
    request.user = trainer
    plain = quiz.make_preview_request(original_request=request, preview_mode="items")
    plain = plain.content.decode()
    assert 'name="answer"' in plain and "It limits what someone can do." not in plain
    key = quiz.make_preview_request(original_request=request, preview_mode="answers")
    assert "The statement is true. It limits what someone can do." in key.content.decode()


def test_an_extra_type_round_trips_through_a_quiz_file(true_false, site_tree):
    quiz = make_quiz(items=[statement(answer=False, explanation="")])
    text = quiz_export(quiz)
    exported = yaml.safe_load(text)["items"][0]
    assert exported == {
        "type": "true_false",
        "statement": "A curfew is a constraint.",
        "answer": False,
    }
    again = quiz_import(text=text, parent=quiz_index())
    assert quiz_export(QuizPage.objects.get(pk=again.pk)) == text


def test_an_extra_type_reports_file_problems_with_lines(true_false, site_tree):
    text = yaml.safe_dump(
        {
            "format": "iom-compass-quiz/1",
            "title": "Broken",
            "items": [{"type": "true_false", "answer": "yes", "colour": "red"}],
        },
        sort_keys=False,
    )
    with pytest.raises(QuizFileError) as error:
        quiz_file_parse(text)
    problems = "\n".join(error.value.problems)
    assert "a true_false item needs ‘statement’" in problems
    assert "unknown key ‘colour’" in problems and "‘answer’ must be true or false" in problems


def test_an_extra_type_has_statistics(true_false, site_tree, client, trainer, settings):
    settings.QUIZ_MIN_GROUP_SIZE = 2
    quiz = make_quiz(items=[statement()])
    for said in ["true", "true", "false"]:
        learner = UserFactory()
        attempt = services.attempt_start(user=learner, quiz=quiz)
        item_id = attempt.item_order[0]
        services.answer_save(
            attempt_id=attempt.pk, user=learner, item_id=item_id, data={"answer": said}
        )
        services.attempt_submit(attempt_id=attempt.pk, user=learner)
    (row,) = quiz_statistics(quiz=quiz).items
    assert row.answered == 3 and row.facility == pytest.approx(66.7)
    assert row.detail == {"said_true": 2, "said_false": 1}
    client.force_login(trainer)
    html = client.get(f"/admin/quizzes/{quiz.pk}/statistics/").content.decode()
    assert "Said true: 2 · said false: 1" in html


def test_an_extra_type_declares_its_personal_fields(true_false, site_tree, administrator):
    quiz = make_quiz(items=[statement()])
    learner = UserFactory()
    attempt = services.attempt_start(user=learner, quiz=quiz)
    services.answer_save(
        attempt_id=attempt.pk,
        user=learner,
        item_id=attempt.item_order[0],
        data={"answer": "true", "note": "About my cousin"},
    )
    answer = QuizAnswer.objects.get(user=learner)
    assert items.answer_export(answer) == {"answer": "true", "note": "About my cousin"}
    assert "true_false" in items.personal_answer_types()
    account_erase(user=learner, actor=administrator)
    answer.refresh_from_db()
    assert answer.response == {"answer": "true", "note": ""} and answer.score == 1.0


def test_registration_is_by_block_name_and_leaves_no_trace(true_false):
    assert items.item_type("true_false") is true_false
    assert "true_false" in QuizItemsBlock().child_blocks
    with pytest.raises(ValueError):
        items.register(TrueFalseType())  # a second type under the same name


def test_an_unknown_type_is_refused_not_a_500():
    assert "true_false" not in QuizItemsBlock().child_blocks
    with pytest.raises(AnswerRejected):
        items.item_type("true_false")
    assert not items.is_stepwise("true_false")


# The built-in types ---------------------------------------------------------


def test_the_built_in_types_are_registered_in_the_editors_order():
    assert [kind.name for kind in items.item_types()] == [
        "single_choice",
        "multiple_response",
        "classification",
        "dilemma",
        "continuum",
        "branching",
    ]
    assert list(QuizItemsBlock().child_blocks) == [kind.name for kind in items.item_types()]


def test_only_dilemma_reasons_are_personal():
    assert items.personal_answer_types() == ["dilemma"]
    dilemma = items.item_type("dilemma")
    response = {"option": "a", "confidence": 3, "rationale": "Because of her son"}
    assert dilemma.answer_erase(response) == {"option": "a", "confidence": 3, "rationale": ""}
    assert dilemma.answer_export(response) == response


# Nothing outside the item modules names a type ----------------------------

# Files that build content by type name by design: test and demo data, and the
# benchmark's synthetic answers.
NAMING_ALLOWED = {"quizzes/factories.py", "quizzes/management/commands/bench_quizzes.py"}


def test_no_type_is_named_outside_its_module():
    names = [kind.name for kind in items.item_types()]
    pattern = re.compile(r"""["'](""" + "|".join(names) + r""")["']""")
    dispatch = re.compile(
        r"isinstance\([^)]*\b(SingleChoice|MultipleResponse|Classification|"
        r"Dilemma|Continuum|Branching)\b|\.type\s*==|block_type\s*=="
    )
    offenders = []
    files = [*(ROOT / "quizzes").rglob("*.py"), *(ROOT / "templates/quizzes").rglob("*.html")]
    files.append(ROOT / "site/accounts/data_rights.py")
    for path in files:
        relative = path.relative_to(ROOT).as_posix()
        if "/items/" in relative or "/migrations/" in relative or relative in NAMING_ALLOWED:
            continue
        text = path.read_text()
        for match in [*pattern.finditer(text), *dispatch.finditer(text)]:
            offenders.append(f"{relative}: {match.group(0)}")
    assert offenders == []

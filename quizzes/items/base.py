"""
What every quiz item type shares: the compiled `Item` a learner answers, the
`ItemType` plug-in that owns a type end to end, and the refusals and form
helpers answer checking uses.

Two kinds of refusal:
- `AnswerError`: the learner can fix it (nothing chosen, rationale too long);
  the question is shown again with a GOV.UK error message.
- `AnswerRejected`: the request cannot come from our form (an option from
  another question, two answers to a single-choice item, a non-number); the
  view answers 400 and the attempt is unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ITEMS_TEMPLATES = "quizzes/items"


class AnswerError(Exception):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class AnswerRejected(Exception):
    pass


def clean_text(value: str) -> str:
    # PostgreSQL cannot store NUL; strip it rather than fail.
    return value.replace("\x00", "").replace("\r\n", "\n").strip()


def posted_values(data, name: str) -> list[str]:
    """Every non-empty value posted under `name` (a QueryDict, or a dict in tests)."""
    values = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
    if isinstance(values, str):
        values = [values]
    return [v for v in values if v != ""]


def posted_one(data, name: str) -> str | None:
    values = posted_values(data, name)
    if len(values) > 1:
        raise AnswerRejected(f"More than one answer was sent for ‘{name}’.")
    return values[0] if values else None


SMALL_NUMBER = re.compile(r"[0-9]{1,3}")


def small_int(raw: str, allowed) -> int:
    # ASCII digits only: "²".isdigit() is true but int("²") fails.
    if not SMALL_NUMBER.fullmatch(raw) or int(raw) not in allowed:
        raise AnswerRejected("That value is not on the scale.")
    return int(raw)


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class LinkedQuestion:
    id: int
    text: str
    piece_title: str
    url: str


def linked_question(question) -> LinkedQuestion | None:
    """A discussion question chosen in a block, as a compiled item carries it."""
    if question is None or not question.page_id:
        return None
    page = question.page
    url = page.url or ""
    return LinkedQuestion(
        id=question.pk,
        text=question.text,
        piece_title=page.title,
        url=f"{url}#question-{question.pk}" if url else "",
    )


def child_ids(list_value) -> list[tuple[str, object]]:
    """A ListBlock value's children with their stable ids."""
    return [(child.id, child.value) for child in list_value.bound_blocks]


@dataclass(frozen=True)
class Item:
    """An item compiled from its block: plain, immutable and cached per revision.
    Each type subclasses it with its content and answer checking."""

    id: str
    prompt: str
    #: The block name the type is registered under.
    type = ""
    label = ""
    #: templates/<template_dir>/form.html, feedback.html and stats.html
    template_dir = ""
    #: The question screen around the form; a type may draw its own.
    question_template = f"{ITEMS_TEMPLATES}/question.html"
    #: One row of the review page after submission.
    review_template = f"{ITEMS_TEMPLATES}/review.html"
    #: The trainer's preview, with or without the answers.
    preview_template = f"{ITEMS_TEMPLATES}/preview.html"
    #: The submit button's words; "" for "Check answer" / "Save and continue".
    submit_label = ""
    #: Scored items count towards the mark and pass mark.
    scored = False
    #: Dilemmas, continua and scenarios reveal something once answered, so the
    #: answer is final at once, whatever the quiz's feedback timing.
    final_when_answered = False

    def parse(self, data) -> dict:
        """The posted form as the response to store; raises AnswerError/AnswerRejected."""
        raise NotImplementedError

    def score(self, response: dict) -> float | None:
        return None

    @property
    def form_template(self) -> str:
        return f"{self.template_dir}/form.html"

    @property
    def feedback_template(self) -> str:
        return f"{self.template_dir}/feedback.html"

    @property
    def stats_template(self) -> str:
        return f"{self.template_dir}/stats.html"

    def summary(self, response: dict) -> str:
        """The learner's answer in words, for the check-your-answers list."""
        raise NotImplementedError

    def columns(self, response: dict) -> dict:
        """Fields copied out of the response into QuizAnswer's indexed columns
        (`choice`, `confidence`, `position`) for aggregates."""
        return {}

    def problems(self) -> list[str]:
        """What stops this item being taken (publish-time checks a path skipped)."""
        return []


class ItemType:
    """One quiz item type, end to end: registered by its block name in
    `quizzes.items`, and the only code that knows the type's shape.

    Subclasses set `name`, `block_class` and `item_class` and implement
    `compile`, `from_yaml` and `to_yaml`; everything else has a default that
    suits a type with a one-screen answer and nothing to aggregate."""

    name = ""
    block_class: type = None  # a wagtail StructBlock with `text_for_search`
    item_class: type[Item] = Item
    #: The item's keys in a quiz file, in order, with whether each is required.
    yaml_keys: dict[str, bool] = {}
    #: The keys of the stored response (QuizAnswer.response), for the learner's
    #: data export, with which of them hold the learner's own words: those are
    #: blanked when an account is erased.
    answer_fields: tuple[str, ...] = ()
    personal_fields: tuple[str, ...] = ()
    #: Answered over several requests (a scenario): done only once final, and
    #: its columns are copied only then.
    stepwise = False
    #: The QuizAnswer column a learner's spread of answers counts ("" for none).
    spread_column = ""
    #: Statistics need each latest answer's response, not only the columns.
    stats_reads_responses = False

    def block(self):
        return self.block_class()

    # Content -------------------------------------------------------------

    def compile(self, block) -> Item:
        """A bound StreamField child (block.id, block.value) as a plain item."""
        raise NotImplementedError

    #: The block field that `publish_problems` messages are shown against.
    problems_field = ""

    def publish_problems(self, value) -> list[str]:
        """Checks run when a quiz is published or imported, not on a draft."""
        return []

    # Quiz files ----------------------------------------------------------

    def from_yaml(self, reader, entry) -> dict:
        """A quiz file's item (a mapping with line numbers) as the block's raw
        value; problems go to `reader.problem`."""
        raise NotImplementedError

    def to_yaml(self, value) -> dict:
        """The block's value as the quiz file's keys (empty optionals dropped later)."""
        raise NotImplementedError

    # Answering -----------------------------------------------------------

    def respond(self, item, answer, data) -> dict | None:
        """The response to store for a post, given the answer stored so far (a
        stepwise type continues it); None if the post is stale (a step already
        taken). Raises AnswerError or AnswerRejected."""
        return item.parse(data)

    def is_final(self, item, response, *, feedback_immediate: bool) -> bool:
        return item.final_when_answered or feedback_immediate

    def posted(self, data) -> dict:
        """What the learner sent, in the response's shape, to show again beside errors."""
        return {}

    def question_context(self, *, request, quiz, item, answer, final: bool) -> dict:
        """Extra context for the question screen."""
        return {}

    def review_context(self, *, item, answer) -> dict:
        """Extra context for the item's row on the review page."""
        return {}

    def sample_answers(self, item, pick) -> list[dict]:
        """Demo data: the posts a plausible learner makes (`pick(n, salt)` gives
        a stable number below n)."""
        return []

    # Statistics ----------------------------------------------------------

    def count_response(self, figures: dict, response: dict) -> None:
        """Add one latest answer's response to `figures["counts"]`/`["cells"]`."""

    def statistics(self, stats, item, figures: dict) -> None:
        """Fill `stats.detail` for the item's stats template from published figures."""

    # Learner data --------------------------------------------------------

    def answer_export(self, response: dict) -> dict:
        return {key: response[key] for key in self.answer_fields if key in response}

    def answer_erase(self, response: dict) -> dict:
        """The response with the learner's own words blanked."""
        return {**response, **{key: "" for key in self.personal_fields if key in response}}


def spreads_context(*, request, quiz, item, mine: str) -> dict:
    """How the learner's teams and everyone else answered (for types with a
    `spread_column`), once the learner's own answer is final."""
    from ..selectors import item_spreads

    return {"spreads": item_spreads(quiz=quiz, item=item, user=request.user, mine=mine)}

"""Dilemma: no right answer. Learners choose, rate their confidence and give a
rationale; then they see how others chose and the trainer's perspectives."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail import blocks

from thoughtpieces.choosers import QuestionChooserBlock

from ..blocks import text_block
from ..quizfile import listed, question_link
from .base import (
    AnswerError,
    AnswerRejected,
    Item,
    ItemType,
    LinkedQuestion,
    Option,
    child_ids,
    clean_text,
    linked_question,
    posted_one,
    small_int,
    spreads_context,
)

CONFIDENCE_SCALE = (1, 2, 3, 4, 5)
CONFIDENCE_LABELS = {
    1: "1 – not at all confident",
    2: "2",
    3: "3",
    4: "4",
    5: "5 – very confident",
}
PERSPECTIVE_KEYS = {"title": True, "text": True}


class PerspectiveBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, help_text="e.g. ‘A due process reading’.")
    text = text_block(max_length=4000, rows=4)

    class Meta:
        icon = "openquote"
        label = "Perspective"


class DilemmaOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=500)

    class Meta:
        icon = "arrow-right"
        label = "Course of action"


class DilemmaBlock(blocks.StructBlock):
    scenario = text_block(max_length=4000, rows=4)
    prompt = blocks.CharBlock(max_length=500, label="Question", default="What would you do?")
    options = blocks.ListBlock(DilemmaOptionBlock(), min_num=2, max_num=5)
    rationale_max_length = blocks.IntegerBlock(
        min_value=100, max_value=2000, default=800, help_text="Characters."
    )
    perspectives = blocks.ListBlock(PerspectiveBlock(), min_num=2, max_num=4)
    discussion_question = QuestionChooserBlock(
        required=False,
        help_text="Optional: after committing, learners are shown a link to this question.",
    )

    item_type = "dilemma"

    def text_for_search(self, value) -> list[str]:
        """The scenario and the question; never the courses of action or perspectives."""
        return [value.get("scenario", ""), value.get("prompt", "")]

    class Meta:
        icon = "help"
        label = "Dilemma (no right answer)"
        help_text = (
            "Learners choose, rate their confidence and give a rationale; then they see how "
            "others chose and your perspectives."
        )


@dataclass(frozen=True)
class Perspective:
    title: str
    text: str


@dataclass(frozen=True)
class Dilemma(Item):
    scenario: str = ""
    options: tuple[Option, ...] = ()
    rationale_max_length: int = 800
    perspectives: tuple[Perspective, ...] = ()
    question: LinkedQuestion | None = None
    type = "dilemma"
    template_dir = "quizzes/items/dilemma"
    preview_template = "quizzes/items/dilemma/preview.html"
    review_template = "quizzes/items/dilemma/review.html"
    label = "Dilemma"
    submit_label = "Commit my answer"
    final_when_answered = True

    @property
    def radio_choices(self) -> list[tuple[str, str]]:
        return [(option.id, option.text) for option in self.options]

    @property
    def confidence_choices(self):
        return CONFIDENCE_LABELS.items()

    def parse(self, data) -> dict:
        errors = {}
        chosen = posted_one(data, "option")
        if chosen is None:
            errors["option"] = "Choose what you would do"
        elif chosen not in {o.id for o in self.options}:
            raise AnswerRejected("That option is not part of this question.")
        confidence = posted_one(data, "confidence")
        if confidence is None:
            errors["confidence"] = "Say how confident you are"
        else:
            confidence = small_int(confidence, CONFIDENCE_SCALE)
        rationale = clean_text(posted_one(data, "rationale") or "")
        if not rationale:
            errors["rationale"] = "Give your reasons"
        elif len(rationale) > self.rationale_max_length:
            errors["rationale"] = (
                f"Your reasons must be {self.rationale_max_length:,} characters or fewer "
                f"(you have {len(rationale):,})"
            )
        if errors:
            raise AnswerError(errors)
        return {"option": chosen, "confidence": confidence, "rationale": rationale}

    def summary(self, response: dict) -> str:
        option = next((o.text for o in self.options if o.id == response["option"]), "")
        return f"{option} (confidence {response['confidence']} of 5)"

    def columns(self, response: dict) -> dict:
        return {"choice": response["option"], "confidence": response["confidence"]}


class DilemmaType(ItemType):
    name = "dilemma"
    block_class = DilemmaBlock
    item_class = Dilemma
    yaml_keys = {
        "scenario": True,
        "prompt": True,
        "options": True,
        "rationale_max_length": False,
        "perspectives": True,
        "discussion_question": False,
    }
    answer_fields = ("option", "confidence", "rationale")
    #: The learner's reasons, in their own words: blanked on erasure.
    personal_fields = ("rationale",)
    spread_column = "choice"

    def compile(self, block) -> Dilemma:
        value = block.value
        return Dilemma(
            id=block.id,
            prompt=value["prompt"],
            scenario=value["scenario"],
            options=tuple(Option(id=oid, text=o["text"]) for oid, o in child_ids(value["options"])),
            rationale_max_length=value["rationale_max_length"],
            perspectives=tuple(
                Perspective(title=p["title"], text=p["text"]) for p in value["perspectives"]
            ),
            question=linked_question(value["discussion_question"]),
        )

    def from_yaml(self, reader, entry) -> dict:
        t = reader.text
        options = reader.items(entry, "options", "an option", {"text": True})
        perspectives = reader.items(entry, "perspectives", "a perspective", PERSPECTIVE_KEYS)
        return {
            "scenario": t(entry, "scenario"),
            "prompt": t(entry, "prompt"),
            "options": listed({"text": t(o, "text")} for o in options),
            "rationale_max_length": reader.integer(entry, "rationale_max_length", 800),
            "perspectives": listed(
                {"title": t(p, "title"), "text": t(p, "text")} for p in perspectives
            ),
            "discussion_question": reader.question(entry),
        }

    def to_yaml(self, value) -> dict:
        return {
            "scenario": value["scenario"],
            "prompt": value["prompt"],
            "options": [{"text": o["text"]} for o in value["options"]],
            "rationale_max_length": value["rationale_max_length"],
            "perspectives": [
                {"title": p["title"], "text": p["text"]} for p in value["perspectives"]
            ],
            "discussion_question": question_link(value["discussion_question"]),
        }

    def posted(self, data) -> dict:
        return {
            "option": data.get("option"),
            "confidence": data.get("confidence"),
            "rationale": data.get("rationale", ""),
        }

    def question_context(self, *, request, quiz, item, answer, final: bool) -> dict:
        if not final:
            return {}
        return spreads_context(request=request, quiz=quiz, item=item, mine=str(answer.choice))

    def sample_answers(self, item, pick) -> list[dict]:
        option = item.options[pick(len(item.options), "")]
        return [
            {
                "option": option.id,
                "confidence": str(2 + pick(4, "c")),
                "rationale": "Demo answer: weighing the risk to the public against the "
                "intrusion on the person and their family.",
            }
        ]

    def statistics(self, stats, item, figures: dict) -> None:
        from ..figures import protected_cells

        options = protected_cells(figures["counts"], item.radio_choices)
        shown = {cell.key for cell in options if not cell.withheld}
        stats.detail["options"] = options
        stats.detail["confidence"] = {
            key: value for key, value in figures["confidence"].items() if key in shown
        }


DILEMMA = DilemmaType()

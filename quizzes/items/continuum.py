"""Continuum: unscored; learners place themselves between two poles."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from thoughtpieces.choosers import QuestionChooserBlock

from ..quizfile import listed, question_link
from .base import (
    AnswerError,
    Item,
    ItemType,
    LinkedQuestion,
    linked_question,
    posted_one,
    small_int,
    spreads_context,
)

CONTINUUM_POINTS = (5, 7)


class ContinuumBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(max_length=500, label="Question")
    left = blocks.CharBlock(max_length=60, default="Crime Control", label="Left pole")
    right = blocks.CharBlock(max_length=60, default="Due Process", label="Right pole")
    labels = blocks.ListBlock(
        blocks.CharBlock(max_length=80, label="Point"),
        min_num=5,
        max_num=7,
        help_text="One label per point, left pole first: five or seven points.",
    )
    discussion_question = QuestionChooserBlock(required=False)

    item_type = "continuum"

    def text_for_search(self, value) -> list[str]:
        return [value.get("prompt", "")]

    class Meta:
        icon = "resubmit"
        label = "Continuum"
        help_text = "Unscored: learners place themselves between two poles."

    def clean(self, value):
        value = super().clean(value)
        if len(value["labels"]) not in CONTINUUM_POINTS:
            raise StructBlockValidationError(
                block_errors={"labels": ValidationError("Give five or seven points.")}
            )
        return value


@dataclass(frozen=True)
class Continuum(Item):
    left: str = ""
    right: str = ""
    labels: tuple[str, ...] = ()
    question: LinkedQuestion | None = None
    type = "continuum"
    template_dir = "quizzes/items/continuum"
    preview_template = "quizzes/items/continuum/preview.html"
    review_template = "quizzes/items/dilemma/review.html"  # the same: no reveal, no spreads
    label = "Continuum"
    submit_label = "Save my position"
    final_when_answered = True

    @property
    def radio_choices(self) -> list[tuple[str, str]]:
        return [(str(n), label) for n, label in enumerate(self.labels, start=1)]

    def parse(self, data) -> dict:
        raw = posted_one(data, "position")
        if raw is None:
            raise AnswerError({"position": "Choose a point on the scale"})
        return {"position": small_int(raw, range(1, len(self.labels) + 1))}

    def summary(self, response: dict) -> str:
        return (
            f"{response['position']} of {len(self.labels)}: {self.labels[response['position'] - 1]}"
        )

    def columns(self, response: dict) -> dict:
        return {"position": response["position"]}


class ContinuumType(ItemType):
    name = "continuum"
    block_class = ContinuumBlock
    item_class = Continuum
    yaml_keys = {
        "prompt": True,
        "left": True,
        "right": True,
        "labels": True,
        "discussion_question": False,
    }
    answer_fields = ("position",)
    spread_column = "position"

    def compile(self, block) -> Continuum:
        value = block.value
        return Continuum(
            id=block.id,
            prompt=value["prompt"],
            left=value["left"],
            right=value["right"],
            labels=tuple(value["labels"]),
            question=linked_question(value["discussion_question"]),
        )

    def from_yaml(self, reader, entry) -> dict:
        t = reader.text
        return {
            "prompt": t(entry, "prompt"),
            "left": t(entry, "left"),
            "right": t(entry, "right"),
            "labels": listed(reader.strings(entry, "labels")),
            "discussion_question": reader.question(entry),
        }

    def to_yaml(self, value) -> dict:
        return {
            "prompt": value["prompt"],
            "left": value["left"],
            "right": value["right"],
            "labels": list(value["labels"]),
            "discussion_question": question_link(value["discussion_question"]),
        }

    def posted(self, data) -> dict:
        return {"position": data.get("position")}

    def question_context(self, *, request, quiz, item, answer, final: bool) -> dict:
        if not final:
            return {}
        from ..selectors import continuum_history

        return {
            **spreads_context(request=request, quiz=quiz, item=item, mine=str(answer.position)),
            "history": continuum_history(user=request.user, quiz=quiz, item_id=item.id),
        }

    def sample_answers(self, item, pick) -> list[dict]:
        return [{"position": str(2 + pick(len(item.labels) - 2, ""))}]

    def statistics(self, stats, item, figures: dict) -> None:
        from ..figures import protected_cells

        stats.detail["options"] = protected_cells(figures["counts"], item.radio_choices)


CONTINUUM = ContinuumType()

"""Single choice: one right answer among two to eight options."""

from __future__ import annotations

from dataclasses import dataclass

from .base import AnswerError, posted_one
from .choice import ChoiceItem, ChoiceItemBlock, ChoiceType


class SingleChoiceBlock(ChoiceItemBlock):
    item_type = "single_choice"

    class Meta:
        icon = "radio-full"
        label = "Single choice"
        help_text = "One right answer among two to eight options, with feedback per option."

    def correct_count_problem(self, correct: int) -> str:
        return "" if correct == 1 else "Mark exactly one option as correct."


@dataclass(frozen=True)
class SingleChoice(ChoiceItem):
    type = "single_choice"
    label = "Single choice"

    def parse(self, data) -> dict:
        chosen = posted_one(data, "option")
        if chosen is None:
            raise AnswerError({"option": "Choose an answer"})
        return {"option": self.option(chosen).id}

    def score(self, response: dict) -> float:
        return 1.0 if self.option(response["option"]).correct else 0.0

    def columns(self, response: dict) -> dict:
        return {"choice": response["option"]}


class SingleChoiceType(ChoiceType):
    name = "single_choice"
    block_class = SingleChoiceBlock
    item_class = SingleChoice
    answer_fields = ("option",)

    def posted(self, data) -> dict:
        return {"option": data.get("option")}

    def sample_answers(self, item, pick) -> list[dict]:
        return [{"option": next(o.id for o in item.options if o.correct)}]


SINGLE_CHOICE = SingleChoiceType()

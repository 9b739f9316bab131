"""Multiple response: one or more right answers; learners select all that apply."""

from __future__ import annotations

from dataclasses import dataclass

from .base import AnswerError, posted_values
from .choice import ChoiceItem, ChoiceItemBlock, ChoiceType


class MultipleResponseBlock(ChoiceItemBlock):
    item_type = "multiple_response"

    class Meta:
        icon = "tick"
        label = "Multiple response"
        help_text = "One or more right answers; learners select all that apply."

    def correct_count_problem(self, correct: int) -> str:
        return "" if correct >= 1 else "Mark at least one option as correct."


@dataclass(frozen=True)
class MultipleResponse(ChoiceItem):
    type = "multiple_response"
    label = "Multiple response"
    multiple = True

    def parse(self, data) -> dict:
        chosen = posted_values(data, "option")
        if not chosen:
            raise AnswerError({"option": "Select at least one answer"})
        ids = {self.option(option_id).id for option_id in chosen}
        return {"options": [o.id for o in self.options if o.id in ids]}

    def score(self, response: dict) -> float:
        """Right selections less wrong ones, over the number right; never below 0."""
        chosen = set(response["options"])
        right = sum(1 for o in self.options if o.correct and o.id in chosen)
        wrong = sum(1 for o in self.options if not o.correct and o.id in chosen)
        total = sum(1 for o in self.options if o.correct)
        return max(0.0, (right - wrong) / total)


class MultipleResponseType(ChoiceType):
    name = "multiple_response"
    block_class = MultipleResponseBlock
    item_class = MultipleResponse
    answer_fields = ("options",)
    stats_reads_responses = True
    share_of_people = True

    def posted(self, data) -> dict:
        return {"options": data.getlist("option")}

    def sample_answers(self, item, pick) -> list[dict]:
        return [{"option": [o.id for o in item.options if o.correct]}]

    def count_response(self, figures: dict, response: dict) -> None:
        figures["counts"].update(response.get("options", []))


MULTIPLE_RESPONSE = MultipleResponseType()

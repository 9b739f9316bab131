"""What single-choice and multiple-response items share: options with
feedback, one or more of them correct (see single_choice.py and
multiple_response.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from ..blocks import text_block
from ..quizfile import drop_empty, listed
from .base import AnswerRejected, Item, ItemType, Option

TEMPLATES = "quizzes/items/choice"
OPTION_KEYS = {"text": True, "correct": False, "feedback": False}


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=500)
    correct = blocks.BooleanBlock(required=False)
    feedback = text_block(
        help_text="Shown once the learner has answered: why this is or is not right."
    )

    class Meta:
        icon = "radio-full"
        label = "Option"


class ChoiceItemBlock(blocks.StructBlock):
    scenario = text_block(required=False, help_text="Optional case text shown above the question.")
    prompt = blocks.CharBlock(max_length=500, label="Question")
    options = blocks.ListBlock(ChoiceOptionBlock(), min_num=2, max_num=8)
    feedback = text_block(required=False, label="Overall feedback")

    item_type = ""

    def text_for_search(self, value) -> list[str]:
        """The case and the question; never the options, their marking or feedback."""
        return [value.get("scenario", ""), value.get("prompt", "")]

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["correct"])
        problem = self.correct_count_problem(correct)
        if problem:
            raise StructBlockValidationError(block_errors={"options": ValidationError(problem)})
        return value

    def correct_count_problem(self, correct: int) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class ChoiceItem(Item):
    scenario: str = ""
    options: tuple[Option, ...] = ()
    feedback: str = ""
    scored = True
    template_dir = TEMPLATES
    #: Checkboxes (several answers) rather than radios.
    multiple = False

    @property
    def radio_choices(self) -> list[tuple[str, str]]:
        return [(option.id, option.text) for option in self.options]

    @property
    def correct_ids(self) -> set[str]:
        return {option.id for option in self.options if option.correct}

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise AnswerRejected("That option is not part of this question.")

    def summary(self, response: dict) -> str:
        chosen = response.get("options") or [response.get("option")]
        return "; ".join(o.text for o in self.options if o.id in chosen)


class ChoiceType(ItemType):
    yaml_keys = {"prompt": True, "scenario": False, "options": True, "feedback": False}
    #: Statistics count each option among all who answered (several per person).
    share_of_people = False

    def compile(self, block) -> ChoiceItem:
        value = block.value
        return self.item_class(
            id=block.id,
            prompt=value["prompt"],
            scenario=value["scenario"],
            feedback=value["feedback"],
            options=tuple(
                Option(id=oid, text=o["text"], correct=bool(o["correct"]), feedback=o["feedback"])
                for oid, o in ((child.id, child.value) for child in value["options"].bound_blocks)
            ),
        )

    def from_yaml(self, reader, entry) -> dict:
        t = reader.text
        options = reader.items(entry, "options", "an option", OPTION_KEYS)
        return {
            "scenario": t(entry, "scenario"),
            "prompt": t(entry, "prompt"),
            "options": listed(
                {
                    "text": t(o, "text"),
                    "correct": reader.boolean(o, "correct", False),
                    "feedback": t(o, "feedback"),
                }
                for o in options
            ),
            "feedback": t(entry, "feedback"),
        }

    def to_yaml(self, value) -> dict:
        return {
            "prompt": value["prompt"],
            "scenario": value["scenario"],
            "options": [
                drop_empty(
                    {"text": o["text"], "correct": bool(o["correct"]), "feedback": o["feedback"]},
                    {"feedback"},
                )
                for o in value["options"]
            ],
            "feedback": value["feedback"],
        }

    def statistics(self, stats, item, figures: dict) -> None:
        from ..figures import protected_cells

        total = stats.answered if self.share_of_people else None
        stats.detail["options"] = protected_cells(
            figures["counts"], item.radio_choices, total=total
        )

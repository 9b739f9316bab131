"""Classification: short case vignettes, each to be put in one of the categories."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from ..blocks import list_items, text_block
from ..quizfile import drop_empty, listed
from .base import AnswerError, AnswerRejected, Item, ItemType, child_ids, posted_one

VIGNETTE_KEYS = {"text": True, "answer": True, "explanation": True, "common_mistake": False}


class VignetteBlock(blocks.StructBlock):
    text = text_block(label="Case vignette", max_length=1000)
    answer = blocks.CharBlock(
        max_length=100, help_text="The right category, exactly as written in the categories."
    )
    explanation = text_block(help_text="Why this is the right category.")
    common_mistake = text_block(
        required=False,
        help_text="The category people often choose instead, and why that reading is weaker.",
    )

    class Meta:
        icon = "doc-full"
        label = "Vignette"


class ClassificationBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(max_length=500, label="Question")
    categories = blocks.ListBlock(
        blocks.CharBlock(max_length=100, label="Category"), min_num=2, max_num=6
    )
    vignettes = blocks.ListBlock(VignetteBlock(), min_num=1, max_num=12)
    feedback = text_block(required=False, label="Overall feedback")

    item_type = "classification"

    def text_for_search(self, value) -> list[str]:
        """The question and the cases; never the answers, explanations or categories."""
        return [
            value.get("prompt", ""),
            *(vignette.get("text", "") for vignette in list_items(value.get("vignettes"))),
        ]

    class Meta:
        icon = "list-ul"
        label = "Classification"
        help_text = "Short case vignettes, each to be put in one of the categories."

    def clean(self, value):
        value = super().clean(value)
        labels = [label.strip().casefold() for label in value.get("categories", "")]
        if len(set(labels)) != len(labels):
            raise StructBlockValidationError(
                block_errors={"categories": ValidationError("Each category must be different.")}
            )
        errors = {
            index: StructBlockValidationError(
                block_errors={"answer": ValidationError("Use one of the categories above.")}
            )
            for index, vignette in enumerate(value["vignettes"])
            if vignette["answer"].strip().casefold() not in labels
        }
        if errors:
            raise StructBlockValidationError(
                block_errors={"vignettes": ListBlockValidationError(block_errors=errors)}
            )
        return value


@dataclass(frozen=True)
class Category:
    id: str
    label: str


@dataclass(frozen=True)
class Vignette:
    id: str
    text: str
    answer: str  # a Category id
    explanation: str
    common_mistake: str = ""


@dataclass(frozen=True)
class Classification(Item):
    categories: tuple[Category, ...] = ()
    vignettes: tuple[Vignette, ...] = ()
    feedback: str = ""
    type = "classification"
    template_dir = "quizzes/items/classification"
    label = "Classification"
    scored = True

    def parse(self, data) -> dict:
        category_ids = {c.id for c in self.categories}
        choices, errors = {}, {}
        for number, vignette in enumerate(self.vignettes, start=1):
            chosen = posted_one(data, f"vignette-{vignette.id}")
            if chosen is None:
                errors[f"vignette-{vignette.id}"] = f"Choose a category for case {number}"
            elif chosen not in category_ids:
                raise AnswerRejected("That category is not part of this question.")
            else:
                choices[vignette.id] = chosen
        if errors:
            raise AnswerError(errors)
        return {"choices": choices}

    def score(self, response: dict) -> float:
        choices = response["choices"]
        right = sum(1 for v in self.vignettes if choices.get(v.id) == v.answer)
        return right / len(self.vignettes)

    @property
    def category_choices(self) -> list[tuple[str, str]]:
        return [(category.id, category.label) for category in self.categories]

    def category_label(self, category_id: str) -> str:
        return next((c.label for c in self.categories if c.id == category_id), "")

    def summary(self, response: dict) -> str:
        choices = response["choices"]
        return "; ".join(
            f"case {n}: {self.category_label(choices.get(v.id, ''))}"
            for n, v in enumerate(self.vignettes, start=1)
        )


class ClassificationType(ItemType):
    name = "classification"
    block_class = ClassificationBlock
    item_class = Classification
    yaml_keys = {"prompt": True, "categories": True, "vignettes": True, "feedback": False}
    answer_fields = ("choices",)
    stats_reads_responses = True

    def compile(self, block) -> Classification:
        value = block.value
        categories = tuple(
            Category(id=cid, label=label) for cid, label in child_ids(value["categories"])
        )
        by_label = {c.label.strip().casefold(): c.id for c in categories}
        return Classification(
            id=block.id,
            prompt=value["prompt"],
            feedback=value["feedback"],
            categories=categories,
            vignettes=tuple(
                Vignette(
                    id=vid,
                    text=v["text"],
                    answer=by_label.get(v["answer"].strip().casefold(), ""),
                    explanation=v["explanation"],
                    common_mistake=v["common_mistake"],
                )
                for vid, v in child_ids(value["vignettes"])
            ),
        )

    def from_yaml(self, reader, entry) -> dict:
        t = reader.text
        vignettes = reader.items(entry, "vignettes", "a vignette", VIGNETTE_KEYS)
        return {
            "prompt": t(entry, "prompt"),
            "categories": listed(reader.strings(entry, "categories")),
            "vignettes": listed({key: t(v, key) for key in VIGNETTE_KEYS} for v in vignettes),
            "feedback": t(entry, "feedback"),
        }

    def to_yaml(self, value) -> dict:
        return {
            "prompt": value["prompt"],
            "categories": list(value["categories"]),
            "vignettes": [
                drop_empty({k: x[k] for k in VIGNETTE_KEYS}, {"common_mistake"})
                for x in value["vignettes"]
            ],
            "feedback": value["feedback"],
        }

    def posted(self, data) -> dict:
        return {
            "choices": {
                key.removeprefix("vignette-"): value
                for key, value in data.items()
                if key.startswith("vignette-")
            }
        }

    def sample_answers(self, item, pick) -> list[dict]:
        return [{f"vignette-{v.id}": v.answer for v in item.vignettes}]

    def count_response(self, figures: dict, response: dict) -> None:
        choices = response.get("choices", {})
        figures["cells"].update(f"{vignette}|{category}" for vignette, category in choices.items())

    def statistics(self, stats, item, figures: dict) -> None:
        stats.detail["vignettes"] = misclassification(item, figures["cells"])


def misclassification(item: Classification, counts: dict) -> list[dict]:
    """Per vignette: how many put it in each category, and the commonest mistake,
    with cells of fewer than the minimum group withheld."""
    from ..figures import protected_cells

    rows = []
    for number, vignette in enumerate(item.vignettes, start=1):
        choices = [(c.id, c.label) for c in item.categories]
        raw = {c.id: counts.get(f"{vignette.id}|{c.id}", 0) for c in item.categories}
        cells = protected_cells(raw, choices)
        right = next(cell for cell in cells if cell.key == vignette.answer)
        wrong = [cell for cell in cells if cell.key != vignette.answer and not cell.withheld]
        top_wrong = max(wrong, key=lambda cell: cell.count, default=None)
        rows.append(
            {
                "number": number,
                "vignette": vignette,
                "answer": item.category_label(vignette.answer),
                "cells": [cell.count for cell in cells],
                "total": sum(raw.values()),
                "right_percent": right.percent,
                "common_mistake": top_wrong.label if top_wrong and top_wrong.count else "",
            }
        )
    return rows


CLASSIFICATION = ClassificationType()

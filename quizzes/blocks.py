"""
Quiz items as trainers author them. Each item is a StreamField block; its block
id is the item's stable key, and each option, vignette, category and choice is a
ListBlock child whose id is equally stable. Learners' answers refer to these ids.

All learner-facing text is plain text (blank line = new paragraph), so a quiz
exports to YAML and back without loss (see quizzes/exchange.py).

Blocks validate what can be checked on a draft. The branching-scenario graph
checks (`branching_graph_problems`) run when a quiz is published or submitted
for review, so a trainer can save a half-built scenario.
"""

import re
from collections import deque

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from thoughtpieces.choosers import QuestionChooserBlock

NODE_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CONTINUUM_POINTS = (5, 7)


def _text(label="", *, required=True, max_length=2000, help_text="", rows=None):
    return blocks.TextBlock(
        label=label or None,
        required=required,
        max_length=max_length,
        help_text=help_text,
        rows=rows or 2,
    )


# Each item block's `text_for_search(value)` takes the item as stored (JSON) and
# returns what site search may index: the question, never answers or feedback.


def _list_items(raw) -> list:
    """A ListBlock's stored items, in either of the forms Wagtail stores them."""
    return [
        item["value"] if isinstance(item, dict) and item.get("type") == "item" else item
        for item in raw or []
    ]


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=500)
    correct = blocks.BooleanBlock(required=False)
    feedback = _text(help_text="Shown once the learner has answered: why this is or is not right.")

    class Meta:
        icon = "radio-full"
        label = "Option"


class ChoiceItemBlock(blocks.StructBlock):
    scenario = _text(required=False, help_text="Optional case text shown above the question.")
    prompt = blocks.CharBlock(max_length=500, label="Question")
    options = blocks.ListBlock(ChoiceOptionBlock(), min_num=2, max_num=8)
    feedback = _text(required=False, label="Overall feedback")

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


class SingleChoiceBlock(ChoiceItemBlock):
    item_type = "single_choice"

    class Meta:
        icon = "radio-full"
        label = "Single choice"
        help_text = "One right answer among two to eight options, with feedback per option."

    def correct_count_problem(self, correct: int) -> str:
        return "" if correct == 1 else "Mark exactly one option as correct."


class MultipleResponseBlock(ChoiceItemBlock):
    item_type = "multiple_response"

    class Meta:
        icon = "tick"
        label = "Multiple response"
        help_text = "One or more right answers; learners select all that apply."

    def correct_count_problem(self, correct: int) -> str:
        return "" if correct >= 1 else "Mark at least one option as correct."


class VignetteBlock(blocks.StructBlock):
    text = _text(label="Case vignette", max_length=1000)
    answer = blocks.CharBlock(
        max_length=100, help_text="The right category, exactly as written in the categories."
    )
    explanation = _text(help_text="Why this is the right category.")
    common_mistake = _text(
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
    feedback = _text(required=False, label="Overall feedback")

    item_type = "classification"

    def text_for_search(self, value) -> list[str]:
        """The question and the cases; never the answers, explanations or categories."""
        return [
            value.get("prompt", ""),
            *(vignette.get("text", "") for vignette in _list_items(value.get("vignettes"))),
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


class PerspectiveBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, help_text="e.g. ‘A due process reading’.")
    text = _text(max_length=4000, rows=4)

    class Meta:
        icon = "openquote"
        label = "Perspective"


class DilemmaOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=500)

    class Meta:
        icon = "arrow-right"
        label = "Course of action"


class DilemmaBlock(blocks.StructBlock):
    scenario = _text(max_length=4000, rows=4)
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


class BranchChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)
    goes_to = blocks.CharBlock(max_length=40, help_text="The key of the node this choice leads to.")
    feedback = _text(help_text="The consequence the learner sees after choosing.")

    class Meta:
        icon = "arrow-right"
        label = "Choice"


class BranchNodeBlock(blocks.StructBlock):
    key = blocks.CharBlock(
        max_length=40, help_text="Lowercase letters, digits and hyphens, e.g. ‘home-visit’."
    )
    title = blocks.CharBlock(max_length=200)
    text = _text(max_length=4000, rows=4, label="Narrative")
    choices = blocks.ListBlock(BranchChoiceBlock(), min_num=0, max_num=4)
    ending = blocks.BooleanBlock(required=False, help_text="The scenario ends here.")
    outcome = blocks.ChoiceBlock(
        choices=[("positive", "Positive"), ("mixed", "Mixed"), ("negative", "Negative")],
        required=False,
        help_text="Endings only.",
    )
    score = blocks.IntegerBlock(
        min_value=0,
        max_value=100,
        required=False,
        help_text="Endings only, optional: give every ending a score to make the scenario count.",
    )
    debrief = _text(required=False, max_length=4000, rows=4, help_text="Endings only.")

    class Meta:
        icon = "site"
        label = "Node"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if not NODE_KEY.match(value["key"]):
            errors["key"] = ValidationError("Use lowercase letters, digits and hyphens.")
        if value["ending"] and value["choices"]:
            errors["choices"] = ValidationError("An ending has no choices.")
        if value["ending"] and not value["outcome"]:
            errors["outcome"] = ValidationError("Choose the outcome of this ending.")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class BranchingBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    introduction = _text(max_length=4000, rows=4)
    # One node is a valid scenario: a start that is its own ending (a case to read
    # and a debrief, with no decision to make).
    nodes = blocks.ListBlock(
        BranchNodeBlock(), min_num=1, help_text="The first node is where the case starts."
    )

    item_type = "branching"

    def text_for_search(self, value) -> list[str]:
        """The title and introduction; never the nodes, whose text is what choices lead to."""
        return [value.get("title", ""), value.get("introduction", "")]

    class Meta:
        icon = "resubmit"
        label = "Branching scenario"
        help_text = "A case as nodes and choices, with several endings and a debrief."

    def clean(self, value):
        value = super().clean(value)
        keys = [node["key"] for node in value.get("nodes", "")]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise StructBlockValidationError(
                block_errors={
                    "nodes": ValidationError(f"Node keys must be unique: {', '.join(duplicates)}.")
                }
            )
        scores = [node["score"] is not None for node in value["nodes"] if node["ending"]]
        if any(scores) and not all(scores):
            raise StructBlockValidationError(
                block_errors={
                    "nodes": ValidationError("Give every ending a score, or none of them.")
                }
            )
        return value


def branching_graph_problems(nodes) -> list[str]:
    """What stops a scenario being published: broken links, unreachable nodes,
    dead ends that are not endings, and loops with no way out. `nodes` is a list
    of dicts with key, ending and choices (each with goes_to); the first starts."""
    keys = [node["key"] for node in nodes]
    known = set(keys)
    edges = {node["key"]: [c["goes_to"] for c in node["choices"]] for node in nodes}
    problems = []
    for node in nodes:
        for choice in node["choices"]:
            if choice["goes_to"] not in known:
                problems.append(
                    f"A choice in ‘{node['key']}’ leads to ‘{choice['goes_to']}’, "
                    "which is not a node."
                )
        if not node["ending"] and not node["choices"]:
            problems.append(
                f"‘{node['key']}’ is a dead end: give it a choice or make it an ending."
            )
    if not any(node["ending"] for node in nodes):
        problems.append("The scenario has no ending.")
    if not keys:
        return problems
    reachable = _walk([keys[0]], edges)
    for key in keys:
        if key not in reachable:
            problems.append(f"‘{key}’ cannot be reached from the start.")
    reverse: dict[str, list[str]] = {key: [] for key in keys}
    for source, targets in edges.items():
        for target in targets:
            if target in reverse:
                reverse[target].append(source)
    can_finish = _walk([n["key"] for n in nodes if n["ending"]], reverse)
    trapped = [
        key
        for key in keys
        if key in reachable and key not in can_finish and edges[key]  # dead ends reported above
    ]
    if trapped:
        names = ", ".join(f"‘{key}’" for key in trapped)
        problems.append(f"From {names} no ending can be reached: a loop with no way out.")
    return problems


def _walk(starts, edges) -> set[str]:
    seen, queue = set(starts), deque(starts)
    while queue:
        for target in edges.get(queue.popleft(), ()):
            if target in edges and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


class QuizItemsBlock(blocks.StreamBlock):
    single_choice = SingleChoiceBlock()
    multiple_response = MultipleResponseBlock()
    classification = ClassificationBlock()
    dilemma = DilemmaBlock()
    continuum = ContinuumBlock()
    branching = BranchingBlock()

    class Meta:
        min_num = 1
        max_num = 100

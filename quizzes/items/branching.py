"""Branching scenario: a case as nodes and choices, with several endings and a
debrief. Answered a step at a time; done once it reaches an ending."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from ..blocks import text_block
from ..quizfile import drop_empty, listed
from .base import AnswerError, AnswerRejected, Item, ItemType, child_ids, posted_one
from .branching_graph import best_route, branching_graph_problems

NODE_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SCENARIO_STEPS = 100
ROUTE = " > "
NODE_KEYS = {
    "key": True,
    "title": True,
    "text": True,
    "choices": False,
    "ending": False,
    "outcome": False,
    "score": False,
    "debrief": False,
}
CHOICE_KEYS = {"text": True, "goes_to": True, "feedback": True}


class BranchChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)
    goes_to = blocks.CharBlock(max_length=40, help_text="The key of the node this choice leads to.")
    feedback = text_block(help_text="The consequence the learner sees after choosing.")

    class Meta:
        icon = "arrow-right"
        label = "Choice"


class BranchNodeBlock(blocks.StructBlock):
    key = blocks.CharBlock(
        max_length=40, help_text="Lowercase letters, digits and hyphens, e.g. ‘home-visit’."
    )
    title = blocks.CharBlock(max_length=200)
    text = text_block(max_length=4000, rows=4, label="Narrative")
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
    debrief = text_block(required=False, max_length=4000, rows=4, help_text="Endings only.")

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
    introduction = text_block(max_length=4000, rows=4)
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


@dataclass(frozen=True)
class BranchChoice:
    id: str
    text: str
    goes_to: str
    feedback: str


@dataclass(frozen=True)
class Node:
    key: str
    title: str
    text: str
    choices: tuple[BranchChoice, ...] = ()
    ending: bool = False
    outcome: str = ""
    score: int | None = None
    debrief: str = ""

    @property
    def radio_choices(self) -> list[tuple[str, str]]:
        return [(choice.id, choice.text) for choice in self.choices]


@dataclass(frozen=True)
class Branching(Item):
    introduction: str = ""
    nodes: tuple[Node, ...] = ()
    type = "branching"
    template_dir = "quizzes/items/branching"
    question_template = "quizzes/items/branching/question.html"
    review_template = "quizzes/items/branching/review.html"
    preview_template = "quizzes/items/branching/preview.html"
    label = "Branching scenario"
    final_when_answered = True

    @property
    def scored(self) -> bool:  # type: ignore[override]
        return any(n.ending and n.score is not None for n in self.nodes)

    def node(self, key: str) -> Node:
        for node in self.nodes:
            if node.key == key:
                return node
        raise AnswerRejected("This scenario has changed shape; ask your trainer to check it.")

    def start(self) -> dict:
        return {"path": [], "at": self.nodes[0].key, "ending": None}

    def current(self, state: dict | None) -> Node:
        return self.node((state or self.start())["at"])

    def parse(self, data, state: dict | None = None) -> dict:
        """One step: the choice made at the current node. Returns the new state."""
        state = state or self.start()
        if state["ending"]:
            raise AnswerRejected("This scenario has already ended.")
        node = self.node(state["at"])
        if node.ending:
            # Only the start can be an ending not yet recorded (every choice that leads
            # to an ending records it): the learner has read it, and the scenario ends.
            return {"path": state["path"], "at": node.key, "ending": node.key}
        if len(state["path"]) >= MAX_SCENARIO_STEPS:
            raise AnswerRejected("This scenario has gone round too many times to record.")
        chosen = posted_one(data, "choice")
        if chosen is None:
            raise AnswerError({"choice": "Choose what you do next"})
        choice = next((c for c in node.choices if c.id == chosen), None)
        if choice is None:
            raise AnswerRejected("That choice is not open at this point of the scenario.")
        target = self.node(choice.goes_to)
        return {
            "path": [*state["path"], {"node": node.key, "choice": choice.id}],
            "at": target.key,
            "ending": target.key if target.ending else None,
        }

    def score(self, response: dict) -> float | None:
        if not self.scored or not response.get("ending"):
            return None
        return self.node(response["ending"]).score / 100

    def steps(self, response: dict) -> list[tuple[Node, BranchChoice]]:
        """The path walked so far: each node with the choice made there."""
        walked = []
        for step in response.get("path", []):
            node = self.node(step["node"])
            choice = next(c for c in node.choices if c.id == step["choice"])
            walked.append((node, choice))
        return walked

    def summary(self, response: dict) -> str:
        ending = response.get("ending")
        return f"Ended at ‘{self.node(ending).title}’" if ending else "Not finished"

    def columns(self, response: dict) -> dict:
        return {"choice": response.get("ending") or ""}

    def problems(self) -> list[str]:
        return branching_graph_problems(
            [
                {
                    "key": n.key,
                    "ending": n.ending,
                    "choices": [{"goes_to": c.goes_to} for c in n.choices],
                }
                for n in self.nodes
            ]
        )


class BranchingType(ItemType):
    name = "branching"
    block_class = BranchingBlock
    item_class = Branching
    yaml_keys = {"title": True, "introduction": True, "nodes": True}
    answer_fields = ("path", "at", "ending")
    stepwise = True
    stats_reads_responses = True
    problems_field = "nodes"

    def compile(self, block) -> Branching:
        value = block.value
        return Branching(
            id=block.id,
            prompt=value["title"],
            introduction=value["introduction"],
            nodes=tuple(
                Node(
                    key=n["key"],
                    title=n["title"],
                    text=n["text"],
                    choices=tuple(
                        BranchChoice(
                            id=cid, text=c["text"], goes_to=c["goes_to"], feedback=c["feedback"]
                        )
                        for cid, c in child_ids(n["choices"])
                    ),
                    ending=bool(n["ending"]),
                    outcome=n["outcome"] or "",
                    score=n["score"],
                    debrief=n["debrief"],
                )
                for n in value["nodes"]
            ),
        )

    def publish_problems(self, value) -> list[str]:
        return branching_graph_problems(value["nodes"])

    def from_yaml(self, reader, entry) -> dict:
        t = reader.text
        nodes = reader.items(entry, "nodes", "a node", NODE_KEYS)
        return {
            "title": t(entry, "title"),
            "introduction": t(entry, "introduction"),
            "nodes": listed(
                {
                    "key": t(n, "key"),
                    "title": t(n, "title"),
                    "text": t(n, "text"),
                    "choices": listed(
                        {key: t(c, key) for key in CHOICE_KEYS}
                        for c in reader.items(n, "choices", "a choice", CHOICE_KEYS)
                    ),
                    "ending": reader.boolean(n, "ending", False),
                    "outcome": t(n, "outcome"),
                    "score": reader.integer(n, "score", None),
                    "debrief": t(n, "debrief"),
                }
                for n in nodes
            ),
        }

    def to_yaml(self, value) -> dict:
        return {
            "title": value["title"],
            "introduction": value["introduction"],
            "nodes": [
                drop_empty(
                    {
                        "key": n["key"],
                        "title": n["title"],
                        "text": n["text"],
                        "choices": [
                            {"text": c["text"], "goes_to": c["goes_to"], "feedback": c["feedback"]}
                            for c in n["choices"]
                        ],
                        "ending": bool(n["ending"]),
                        "outcome": n["outcome"] or "",
                        "score": n["score"],
                        "debrief": n["debrief"],
                    },
                    {"choices", "ending", "outcome", "score", "debrief"},
                )
                for n in value["nodes"]
            ],
        }

    def respond(self, item, answer, data):
        state = answer.response if answer else item.start()
        posted_at = data.get("at") if hasattr(data, "get") else None
        if posted_at and posted_at != state["at"]:
            # A double click, a second tab or the Back button: that step is past.
            return None
        return item.parse(data, state=state)

    def is_final(self, item, response, *, feedback_immediate: bool) -> bool:
        return response["ending"] is not None

    def question_context(self, *, request, quiz, item, answer, final: bool) -> dict:
        state = answer.response if answer else item.start()
        walked = item.steps(state)
        return {
            "node": item.current(state),
            "walked": walked,
            "last_step": walked[-1] if walked else None,
        }

    def review_context(self, *, item, answer) -> dict:
        if not answer:
            return {}
        ending = answer.response.get("ending")
        return {
            "walked": item.steps(answer.response),
            "ending": item.node(ending) if ending else None,
        }

    def sample_answers(self, item, pick) -> list[dict]:
        return [{"choice": choice_id} for choice_id in best_route(item)]

    def count_response(self, figures: dict, response: dict) -> None:
        if response.get("ending"):
            route = [step["node"] for step in response["path"]] + [response["ending"]]
            figures["cells"][ROUTE.join(route)] += 1

    def statistics(self, stats, item, figures: dict) -> None:
        from ..figures import protected_cells

        minimum = settings.QUIZ_MIN_GROUP_SIZE
        titles = {node.key: node.title for node in item.nodes}
        endings, paths, other = Counter(), [], 0
        for route, n in sorted(figures["cells"].items(), key=lambda pair: (-pair[1], pair[0])):
            keys = route.split(ROUTE)
            endings[keys[-1]] += n
            if n >= minimum:
                paths.append((" → ".join(titles.get(key, key) for key in keys), n))
            else:
                other += n
        stats.detail["paths"] = paths
        stats.detail["other_paths"] = other
        stats.detail["endings"] = protected_cells(
            endings, [(n.key, n.title) for n in item.nodes if n.ending]
        )


BRANCHING = BranchingType()

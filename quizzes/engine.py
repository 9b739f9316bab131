"""
The quiz engine: authored blocks compiled into plain, immutable items that
check a learner's answer against the question and score it.

Nothing here touches the database. `quiz_compile` turns a quiz page (live, or
as it was at a revision) into a `CompiledQuiz`; services cache one per revision
so a page of a 50-question quiz costs no more queries than one of 5.

Two kinds of refusal:
- `AnswerError`: the learner can fix it (nothing chosen, rationale too long);
  the question is shown again with a GOV.UK error message.
- `AnswerRejected`: the request cannot come from our form (an option from
  another question, two answers to a single-choice item, a non-number); the
  view answers 400 and the attempt is unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

CONFIDENCE_SCALE = (1, 2, 3, 4, 5)
MAX_SCENARIO_STEPS = 100
CONFIDENCE_LABELS = {
    1: "1 – not at all confident",
    2: "2",
    3: "3",
    4: "4",
    5: "5 – very confident",
}


class AnswerError(Exception):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class AnswerRejected(Exception):
    pass


def _clean_text(value: str) -> str:
    # PostgreSQL cannot store NUL; strip it rather than fail.
    return value.replace("\x00", "").replace("\r\n", "\n").strip()


def _values(data, name: str) -> list[str]:
    """Every non-empty value posted under `name` (a QueryDict, or a dict in tests)."""
    values = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
    if isinstance(values, str):
        values = [values]
    return [v for v in values if v != ""]


def _one(data, name: str) -> str | None:
    values = _values(data, name)
    if len(values) > 1:
        raise AnswerRejected(f"More than one answer was sent for ‘{name}’.")
    return values[0] if values else None


SMALL_NUMBER = re.compile(r"[0-9]{1,3}")


def _small_int(raw: str, allowed) -> int:
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


@dataclass(frozen=True)
class Item:
    id: str
    prompt: str
    type = ""
    label = ""
    #: templates/quizzes/items/<template>_form.html and _feedback.html
    template = ""
    #: Scored items count towards the mark and pass mark.
    scored = False
    #: Dilemmas, continua and scenarios reveal something once answered, so the
    #: answer is final at once, whatever the quiz's feedback timing.
    final_when_answered = False

    def parse(self, data) -> dict:
        raise NotImplementedError

    def score(self, response: dict) -> float | None:
        return None

    @property
    def form_template(self) -> str:
        return f"quizzes/items/{self.template}_form.html"

    @property
    def feedback_template(self) -> str:
        return f"quizzes/items/{self.template}_feedback.html"

    def summary(self, response: dict) -> str:
        """The learner's answer in words, for the check-your-answers list."""
        raise NotImplementedError

    def columns(self, response: dict) -> dict:
        """Fields copied out of the response into indexed columns for aggregates."""
        return {}


@dataclass(frozen=True)
class ChoiceItem(Item):
    scenario: str = ""
    options: tuple[Option, ...] = ()
    feedback: str = ""
    scored = True

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


@dataclass(frozen=True)
class SingleChoice(ChoiceItem):
    type = "single_choice"
    template = "choice"
    label = "Single choice"

    def parse(self, data) -> dict:
        chosen = _one(data, "option")
        if chosen is None:
            raise AnswerError({"option": "Choose an answer"})
        return {"option": self.option(chosen).id}

    def score(self, response: dict) -> float:
        return 1.0 if self.option(response["option"]).correct else 0.0

    def columns(self, response: dict) -> dict:
        return {"choice": response["option"]}


@dataclass(frozen=True)
class MultipleResponse(ChoiceItem):
    type = "multiple_response"
    template = "choice"
    label = "Multiple response"

    def parse(self, data) -> dict:
        chosen = _values(data, "option")
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
    template = "classification"
    label = "Classification"
    scored = True

    def parse(self, data) -> dict:
        category_ids = {c.id for c in self.categories}
        choices, errors = {}, {}
        for number, vignette in enumerate(self.vignettes, start=1):
            chosen = _one(data, f"vignette-{vignette.id}")
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
    template = "dilemma"
    label = "Dilemma"
    final_when_answered = True

    @property
    def radio_choices(self) -> list[tuple[str, str]]:
        return [(option.id, option.text) for option in self.options]

    def parse(self, data) -> dict:
        errors = {}
        chosen = _one(data, "option")
        if chosen is None:
            errors["option"] = "Choose what you would do"
        elif chosen not in {o.id for o in self.options}:
            raise AnswerRejected("That option is not part of this question.")
        confidence = _one(data, "confidence")
        if confidence is None:
            errors["confidence"] = "Say how confident you are"
        else:
            confidence = _small_int(confidence, CONFIDENCE_SCALE)
        rationale = _clean_text(_one(data, "rationale") or "")
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


@dataclass(frozen=True)
class Continuum(Item):
    left: str = ""
    right: str = ""
    labels: tuple[str, ...] = ()
    question: LinkedQuestion | None = None
    type = "continuum"
    template = "continuum"
    label = "Continuum"
    final_when_answered = True

    @property
    def radio_choices(self) -> list[tuple[str, str]]:
        return [(str(n), label) for n, label in enumerate(self.labels, start=1)]

    def parse(self, data) -> dict:
        raw = _one(data, "position")
        if raw is None:
            raise AnswerError({"position": "Choose a point on the scale"})
        return {"position": _small_int(raw, range(1, len(self.labels) + 1))}

    def summary(self, response: dict) -> str:
        return (
            f"{response['position']} of {len(self.labels)}: {self.labels[response['position'] - 1]}"
        )

    def columns(self, response: dict) -> dict:
        return {"position": response["position"]}


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
    template = "branching"
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
        chosen = _one(data, "choice")
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


@dataclass(frozen=True)
class QuizSettings:
    pass_mark: int = 70
    attempts_allowed: int = 0
    feedback_immediate: bool = True
    shuffle: bool = False
    time_limit_minutes: int | None = None
    counts_towards_completion: bool = True
    reveal_after_last_attempt: bool = False


@dataclass(frozen=True)
class CompiledQuiz:
    page_id: int
    revision_id: int | None
    title: str
    settings: QuizSettings
    items: tuple[Item, ...] = field(default=())

    @cached_property
    def _by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items}

    def item(self, item_id: str) -> Item:
        try:
            return self._by_id[item_id]
        except (KeyError, TypeError):
            raise AnswerRejected("That question is not part of this quiz.") from None

    @property
    def problems(self) -> list[str]:
        """What stops the quiz being taken (a scenario published by a path that
        skipped the editor's checks)."""
        from .blocks import branching_graph_problems

        found = []
        for item in self.items:
            if isinstance(item, Branching):
                nodes = [
                    {
                        "key": n.key,
                        "ending": n.ending,
                        "choices": [{"goes_to": c.goes_to} for c in n.choices],
                    }
                    for n in item.nodes
                ]
                found.extend(branching_graph_problems(nodes))
        return found

    @property
    def scored_items(self) -> list[Item]:
        return [item for item in self.items if item.scored]

    def mark(self, scores: dict[str, float | None]) -> float | None:
        """Percent across scored items (unanswered count as 0); None if nothing is scored."""
        scored = self.scored_items
        if not scored:
            return None
        return round(100 * sum(scores.get(i.id) or 0.0 for i in scored) / len(scored), 2)


def _linked_question(question) -> LinkedQuestion | None:
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


def _ids(list_value) -> list[tuple[str, object]]:
    return [(child.id, child.value) for child in list_value.bound_blocks]


def _compile_item(block) -> Item:
    value, kind = block.value, block.block_type
    if kind in {"single_choice", "multiple_response"}:
        cls = SingleChoice if kind == "single_choice" else MultipleResponse
        return cls(
            id=block.id,
            prompt=value["prompt"],
            scenario=value["scenario"],
            feedback=value["feedback"],
            options=tuple(
                Option(id=oid, text=o["text"], correct=bool(o["correct"]), feedback=o["feedback"])
                for oid, o in _ids(value["options"])
            ),
        )
    if kind == "classification":
        categories = tuple(
            Category(id=cid, label=label) for cid, label in _ids(value["categories"])
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
                for vid, v in _ids(value["vignettes"])
            ),
        )
    if kind == "dilemma":
        return Dilemma(
            id=block.id,
            prompt=value["prompt"],
            scenario=value["scenario"],
            options=tuple(Option(id=oid, text=o["text"]) for oid, o in _ids(value["options"])),
            rationale_max_length=value["rationale_max_length"],
            perspectives=tuple(
                Perspective(title=p["title"], text=p["text"]) for p in value["perspectives"]
            ),
            question=_linked_question(value["discussion_question"]),
        )
    if kind == "continuum":
        return Continuum(
            id=block.id,
            prompt=value["prompt"],
            left=value["left"],
            right=value["right"],
            labels=tuple(value["labels"]),
            question=_linked_question(value["discussion_question"]),
        )
    if kind == "branching":
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
                        for cid, c in _ids(n["choices"])
                    ),
                    ending=bool(n["ending"]),
                    outcome=n["outcome"] or "",
                    score=n["score"],
                    debrief=n["debrief"],
                )
                for n in value["nodes"]
            ),
        )
    raise ValueError(f"Unknown quiz item type {kind!r}")


def quiz_compile(page, *, revision_id: int | None = None) -> CompiledQuiz:
    """A quiz page (or a revision's copy of it) as plain items and settings."""
    return CompiledQuiz(
        page_id=page.pk,
        revision_id=revision_id,
        title=page.title,
        settings=QuizSettings(
            pass_mark=page.pass_mark,
            attempts_allowed=page.attempts_allowed,
            feedback_immediate=page.feedback_timing == "immediate",
            shuffle=page.shuffle,
            time_limit_minutes=page.time_limit_minutes,
            counts_towards_completion=page.counts_towards_completion,
            reveal_after_last_attempt=page.reveal_answers == "after_last_attempt",
        ),
        items=tuple(_compile_item(block) for block in page.items),
    )

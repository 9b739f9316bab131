"""
Quizzes as plain-text YAML files, so areas can review and swap scenario banks.

The format is described in docs/AUTHORING.md ("Quiz files"). `quiz_export`
writes one; `quiz_import` reads one into a new draft. Export then import is
lossless: the same text, settings and structure (ids are not in the file, so an
import gets fresh ones). A malformed file raises `QuizFileError` with every
problem found and its line number, and nothing is created.
"""

import uuid
from dataclasses import dataclass

import yaml
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from thoughtpieces.models import DiscussionQuestion

from .blocks import QuizItemsBlock, branching_graph_problems
from .models import FeedbackTiming, QuizIndexPage, QuizPage

FORMAT = "iom-compass-quiz/1"

SETTINGS = {
    "pass_mark": ("pass_mark", 70),
    "attempts_allowed": ("attempts_allowed", 0),
    "feedback": ("feedback_timing", FeedbackTiming.IMMEDIATE.value),
    "reveal_answers": ("reveal_answers", "after_each_attempt"),
    "shuffle": ("shuffle", False),
    "time_limit_minutes": ("time_limit_minutes", None),
    "counts_towards_completion": ("counts_towards_completion", True),
}

# Per item type: the file's keys, in order, with whether each is required.
ITEM_KEYS = {
    "single_choice": {"prompt": True, "scenario": False, "options": True, "feedback": False},
    "multiple_response": {"prompt": True, "scenario": False, "options": True, "feedback": False},
    "classification": {"prompt": True, "categories": True, "vignettes": True, "feedback": False},
    "dilemma": {
        "scenario": True,
        "prompt": True,
        "options": True,
        "rationale_max_length": False,
        "perspectives": True,
        "discussion_question": False,
    },
    "continuum": {
        "prompt": True,
        "left": True,
        "right": True,
        "labels": True,
        "discussion_question": False,
    },
    "branching": {"title": True, "introduction": True, "nodes": True},
}
OPTION_KEYS = {"text": True, "correct": False, "feedback": False}
VIGNETTE_KEYS = {"text": True, "answer": True, "explanation": True, "common_mistake": False}
PERSPECTIVE_KEYS = {"title": True, "text": True}
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


class QuizFileError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


# Reading YAML with line numbers ------------------------------------------


class _Mapping(dict):
    line = 0
    key_lines: dict


# libyaml when PyYAML was built with it (the wheels are); the same results either way.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 20


class _LineLoader(_SafeLoader):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    mapping = _Mapping(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _Reader:
    """Turns the parsed file into Wagtail's raw StreamField data, collecting problems."""

    def __init__(self):
        self.problems: list[str] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(f"line {line}: {message}")

    def mapping(self, value, line: int, what: str, keys: dict[str, bool]) -> _Mapping | None:
        if not isinstance(value, dict):
            self.problem(line, f"{what} must be a set of ‘key: value’ lines")
            return None
        for key in value:
            if key not in keys:
                known = ", ".join(keys)
                line = value.key_lines.get(str(key), value.line)
                self.problem(line, f"unknown key ‘{key}’ in {what} ({known})")
        for key, required in keys.items():
            if required and value.get(key) in (None, "", []):
                self.problem(value.line, f"{what} needs ‘{key}’")
        return value

    def text(self, mapping, key: str, default: str = "") -> str:
        value = mapping.get(key)
        if value is None:
            return default
        if isinstance(value, dict | list):
            self.problem(mapping.key_lines.get(key, mapping.line), f"‘{key}’ must be text")
            return default
        return str(value).strip()

    def integer(self, mapping, key: str, default):
        value = mapping.get(key, default)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        self.problem(mapping.key_lines.get(key, mapping.line), f"‘{key}’ must be a whole number")
        return default

    def boolean(self, mapping, key: str, default: bool) -> bool:
        value = mapping.get(key, default)
        if isinstance(value, bool):
            return value
        self.problem(mapping.key_lines.get(key, mapping.line), f"‘{key}’ must be true or false")
        return default

    def items(self, mapping, key: str, what: str, keys: dict[str, bool]) -> list[_Mapping]:
        value = mapping.get(key) or []
        if not isinstance(value, list):
            self.problem(mapping.key_lines.get(key, mapping.line), f"‘{key}’ must be a list")
            return []
        line = mapping.key_lines.get(key, mapping.line)
        return [
            entry
            for entry in (self.mapping(v, getattr(v, "line", line), what, keys) for v in value)
            if entry is not None
        ]

    def strings(self, mapping, key: str) -> list[str]:
        value = mapping.get(key) or []
        if not isinstance(value, list) or any(
            v is None or isinstance(v, dict | list) for v in value
        ):
            self.problem(
                mapping.key_lines.get(key, mapping.line), f"‘{key}’ must be a list of text"
            )
            return []
        return [str(v).strip() for v in value]

    def question(self, mapping) -> int | None:
        value = mapping.get("discussion_question")
        if value is None:
            return None
        line = mapping.key_lines["discussion_question"]
        link = self.mapping(value, line, "discussion_question", {"piece": True, "number": True})
        if link is None or link.get("piece") is None:
            return None
        number = link.get("number")
        questions = DiscussionQuestion.objects.filter(page__reference=str(link.get("piece")))
        question = None
        if isinstance(number, int) and number >= 1:
            question = questions.order_by("sort_order")[number - 1 : number].first()
        if question is None:
            self.problem(
                line,
                f"no question {number} in a Thought Piece with reference ‘{link.get('piece')}’",
            )
            return None
        return question.pk


def _listed(values) -> list[dict]:
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def _item_value(reader: _Reader, kind: str, entry: _Mapping) -> dict:
    t = reader.text
    if kind in {"single_choice", "multiple_response"}:
        options = reader.items(entry, "options", "an option", OPTION_KEYS)
        return {
            "scenario": t(entry, "scenario"),
            "prompt": t(entry, "prompt"),
            "options": _listed(
                {
                    "text": t(o, "text"),
                    "correct": reader.boolean(o, "correct", False),
                    "feedback": t(o, "feedback"),
                }
                for o in options
            ),
            "feedback": t(entry, "feedback"),
        }
    if kind == "classification":
        vignettes = reader.items(entry, "vignettes", "a vignette", VIGNETTE_KEYS)
        return {
            "prompt": t(entry, "prompt"),
            "categories": _listed(reader.strings(entry, "categories")),
            "vignettes": _listed({key: t(v, key) for key in VIGNETTE_KEYS} for v in vignettes),
            "feedback": t(entry, "feedback"),
        }
    if kind == "dilemma":
        options = reader.items(entry, "options", "an option", {"text": True})
        perspectives = reader.items(entry, "perspectives", "a perspective", PERSPECTIVE_KEYS)
        return {
            "scenario": t(entry, "scenario"),
            "prompt": t(entry, "prompt"),
            "options": _listed({"text": t(o, "text")} for o in options),
            "rationale_max_length": reader.integer(entry, "rationale_max_length", 800),
            "perspectives": _listed(
                {"title": t(p, "title"), "text": t(p, "text")} for p in perspectives
            ),
            "discussion_question": reader.question(entry),
        }
    if kind == "continuum":
        return {
            "prompt": t(entry, "prompt"),
            "left": t(entry, "left"),
            "right": t(entry, "right"),
            "labels": _listed(reader.strings(entry, "labels")),
            "discussion_question": reader.question(entry),
        }
    nodes = reader.items(entry, "nodes", "a node", NODE_KEYS)
    return {
        "title": t(entry, "title"),
        "introduction": t(entry, "introduction"),
        "nodes": _listed(
            {
                "key": t(n, "key"),
                "title": t(n, "title"),
                "text": t(n, "text"),
                "choices": _listed(
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


def _block_messages(error, prefix: str = "") -> list[str]:
    """Flatten Wagtail's nested block validation errors into readable lines."""
    where = prefix.removesuffix(" › ")
    if isinstance(error, str):
        return [f"{where}: {error}" if where else error]
    messages = []
    for inner in getattr(error, "non_block_errors", None) or []:
        messages.extend(_block_messages(inner, prefix))
    block_errors = getattr(error, "block_errors", None)
    if block_errors:
        pairs = block_errors.items() if isinstance(block_errors, dict) else enumerate(block_errors)
        for key, inner in pairs:
            if inner is not None:
                label = key + 1 if isinstance(key, int) else key
                messages.extend(_block_messages(inner, f"{prefix}{label} › "))
    elif not messages:
        messages.extend(f"{where}: {m}" if where else m for m in error.messages)
    return messages


@dataclass
class ParsedQuiz:
    title: str
    introduction: str
    settings: dict
    items: list[dict]  # raw StreamField data


def max_bytes() -> int:
    return django_settings.QUIZ_IMPORT_MAX_BYTES


def max_items() -> int:
    return django_settings.QUIZ_IMPORT_MAX_ITEMS


def size_problem(text: str) -> str | None:
    """Past the size cap: where, as a line-numbered problem."""
    encoded = text.encode("utf-8", errors="replace")
    limit = max_bytes()
    if len(encoded) <= limit:
        return None
    line = encoded[:limit].count(b"\n") + 1
    return (
        f"line {line:,}: the file passes the {limit // 1000:,} KB limit for a quiz file here "
        f"(it is {len(encoded) // 1000:,} KB); split it into smaller quizzes"
    )


def _structure_problems(text: str) -> list[str]:
    """Anchors, aliases and deep nesting, found from libyaml's events before anything
    is built (so an alias bomb is never expanded)."""
    problems, depth = [], 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        line = event.start_mark.line + 1
        refused = "are not allowed in a quiz file"
        if isinstance(event, yaml.AliasEvent):
            problems.append(f"line {line}: aliases (*{event.anchor}) {refused}")
        elif getattr(event, "anchor", None):
            problems.append(f"line {line}: anchors (&{event.anchor}) {refused}")
        if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                problems.append(f"line {line}: nested more than {MAX_DEPTH} levels deep")
                break
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            depth -= 1
        if len(problems) >= 20:
            break
    return problems


def quiz_file_parse(text: str) -> ParsedQuiz:
    """Read and check a quiz file. Raises QuizFileError listing every problem."""
    if "\x00" in text:
        raise QuizFileError(["line 1: the file contains a NUL byte; save it as UTF-8 text"])
    too_big = size_problem(text)
    if too_big:
        raise QuizFileError([too_big])
    try:
        structure = _structure_problems(text)
        if structure:
            raise QuizFileError(structure)
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        # libyaml can point one line past the end of a file without a final newline.
        line = min(mark.line + 1, text.count("\n") + 1) if mark else 1
        raise QuizFileError(
            [f"line {line}: not valid YAML ({getattr(error, 'problem', error)})"]
        ) from None
    reader = _Reader()
    top = reader.mapping(
        data,
        1,
        "the file",
        {"format": True, "title": True, "introduction": False, "settings": False, "items": True},
    )
    if top is None:
        raise QuizFileError(reader.problems)
    if top.get("format") not in (None, FORMAT):
        reader.problem(top.key_lines["format"], f"‘format’ must be {FORMAT}")
    settings = {}
    raw_settings = top.get("settings") or _Mapping()
    line = top.key_lines.get("settings", 1)
    if reader.mapping(raw_settings, line, "settings", dict.fromkeys(SETTINGS, False)) is not None:
        for key, (field, default) in SETTINGS.items():
            if key in {"shuffle", "counts_towards_completion"}:
                settings[field] = reader.boolean(raw_settings, key, default)
            elif key in {"feedback", "reveal_answers"}:
                settings[field] = reader.text(raw_settings, key, default)
            else:
                settings[field] = reader.integer(raw_settings, key, default)
    items, lines = [], []
    raw_items = top.get("items") or []
    if not isinstance(raw_items, list):
        reader.problem(top.key_lines.get("items", 1), "‘items’ must be a list")
        raw_items = []
    if len(raw_items) > max_items():
        extra = raw_items[max_items()]
        line = getattr(extra, "line", top.key_lines.get("items", 1))
        raise QuizFileError(
            [
                f"line {line:,}: a quiz can have at most {max_items():,} items and this file has "
                f"{len(raw_items):,} (item {max_items() + 1:,} starts here); "
                "split it into smaller quizzes"
            ]
        )
    for entry in raw_items:
        line = getattr(entry, "line", top.key_lines.get("items", 1))
        kind = entry.get("type") if isinstance(entry, dict) else None
        if not isinstance(kind, str) or kind not in ITEM_KEYS:
            reader.problem(line, f"‘type’ must be one of {', '.join(ITEM_KEYS)}")
            continue
        if reader.mapping(entry, line, f"a {kind} item", {"type": True, **ITEM_KEYS[kind]}):
            items.append(
                {"type": kind, "value": _item_value(reader, kind, entry), "id": str(uuid.uuid4())}
            )
            lines.append(line)
    title, introduction = reader.text(top, "title"), reader.text(top, "introduction")
    if reader.problems:
        raise QuizFileError(reader.problems)
    _check_blocks(items, lines, settings, title=title, introduction=introduction)
    return ParsedQuiz(title=title, introduction=introduction, settings=settings, items=items)


def _check_blocks(
    items: list[dict], lines: list[int], settings: dict, *, title: str, introduction: str
) -> None:
    """Run the editor's own validation, and the publish-time scenario checks."""
    problems = []
    block = QuizItemsBlock()
    value = block.to_python(items)
    try:
        block.clean(value)
    except ValidationError as error:
        for index, item_error in (getattr(error, "block_errors", None) or {}).items():
            for message in _block_messages(item_error):
                problems.append(f"line {lines[index]}: {message}")
        for message in getattr(error, "non_block_errors", None) or []:
            # Wagtail gives plain strings here (e.g. "at most 100 items"), or errors.
            text = message if isinstance(message, str) else " ".join(message.messages)
            problems.append(f"line 1: {text}")
    for index, child in enumerate(value):
        if child.block_type == "branching":
            for message in branching_graph_problems(child.value["nodes"]):
                problems.append(f"line {lines[index]}: {message}")
    probe = QuizPage(title=title, slug="probe", introduction=introduction, items=items, **settings)
    for check in (
        lambda: probe.clean_fields(exclude=["items", "slug", "path", "depth", "url_path"]),
        lambda: QuizPage.clean(probe),
    ):
        try:
            check()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                where = "line 1: title" if field == "title" else f"settings: {field}"
                problems.extend(f"{where}: {m}" for m in messages)
    if problems:
        raise QuizFileError(problems)


@transaction.atomic
def quiz_import(*, text: str, parent: QuizIndexPage, user=None, publish: bool = False) -> QuizPage:
    """A new draft quiz (or a published one, for demo content) from a quiz file."""
    parsed = quiz_file_parse(text)
    slug = slugify(parsed.title)[:200] or "quiz"
    siblings = set(parent.get_children().values_list("slug", flat=True))
    base, n = slug, 2
    while slug in siblings:
        slug, n = f"{base}-{n}", n + 1
    page = QuizPage(
        title=parsed.title,
        slug=slug,
        introduction=parsed.introduction,
        items=parsed.items,
        live=False,
        **parsed.settings,
    )
    try:
        parent.add_child(instance=page)
    except ValidationError as error:  # anything the checks above did not foresee
        raise QuizFileError([f"line 1: {m}" for m in error.messages]) from None
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    return page


# Writing -------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    pass


def _represent_text(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def _question_link(question) -> dict | None:
    if question is None:
        return None
    number = list(question.page.questions.order_by("sort_order").values_list("pk", flat=True))
    return {"piece": question.page.reference, "number": number.index(question.pk) + 1}


def _drop_empty(mapping: dict, optional: set[str]) -> dict:
    def empty(value) -> bool:
        return value is None or value is False or value == "" or value == []

    return {k: v for k, v in mapping.items() if not (k in optional and empty(v))}


def quiz_to_data(page: QuizPage) -> dict:
    items = []
    for block in page.items:
        v, kind = block.value, block.block_type
        if kind in {"single_choice", "multiple_response"}:
            item = {
                "prompt": v["prompt"],
                "scenario": v["scenario"],
                "options": [
                    _drop_empty(
                        {
                            "text": o["text"],
                            "correct": bool(o["correct"]),
                            "feedback": o["feedback"],
                        },
                        {"feedback"},
                    )
                    for o in v["options"]
                ],
                "feedback": v["feedback"],
            }
        elif kind == "classification":
            item = {
                "prompt": v["prompt"],
                "categories": list(v["categories"]),
                "vignettes": [
                    _drop_empty({k: x[k] for k in VIGNETTE_KEYS}, {"common_mistake"})
                    for x in v["vignettes"]
                ],
                "feedback": v["feedback"],
            }
        elif kind == "dilemma":
            item = {
                "scenario": v["scenario"],
                "prompt": v["prompt"],
                "options": [{"text": o["text"]} for o in v["options"]],
                "rationale_max_length": v["rationale_max_length"],
                "perspectives": [
                    {"title": p["title"], "text": p["text"]} for p in v["perspectives"]
                ],
                "discussion_question": _question_link(v["discussion_question"]),
            }
        elif kind == "continuum":
            item = {
                "prompt": v["prompt"],
                "left": v["left"],
                "right": v["right"],
                "labels": list(v["labels"]),
                "discussion_question": _question_link(v["discussion_question"]),
            }
        else:
            item = {
                "title": v["title"],
                "introduction": v["introduction"],
                "nodes": [
                    _drop_empty(
                        {
                            "key": n["key"],
                            "title": n["title"],
                            "text": n["text"],
                            "choices": [
                                {
                                    "text": c["text"],
                                    "goes_to": c["goes_to"],
                                    "feedback": c["feedback"],
                                }
                                for c in n["choices"]
                            ],
                            "ending": bool(n["ending"]),
                            "outcome": n["outcome"] or "",
                            "score": n["score"],
                            "debrief": n["debrief"],
                        },
                        {"choices", "ending", "outcome", "score", "debrief"},
                    )
                    for n in v["nodes"]
                ],
            }
        optional = {k for k, required in ITEM_KEYS[kind].items() if not required}
        item = _drop_empty(item, optional)
        items.append({"type": kind, **item})
    return {
        "format": FORMAT,
        "title": page.title,
        "introduction": page.introduction,
        "settings": {key: getattr(page, field) for key, (field, _) in SETTINGS.items()},
        "items": items,
    }


def quiz_export(page: QuizPage) -> str:
    """The quiz as it is now (latest draft included) as a quiz file."""
    return yaml.dump(
        quiz_to_data(page),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )

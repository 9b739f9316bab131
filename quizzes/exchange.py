"""
Quizzes as plain-text YAML files, so areas can review and swap scenario banks.

The format is described in docs/AUTHORING.md ("Quiz files"). `quiz_export`
writes one; `quiz_import` reads one into a new draft. Export then import is
lossless: the same text, settings and structure (ids are not in the file, so an
import gets fresh ones). A malformed file raises `QuizFileError` with every
problem found and its line number, and nothing is created.

Each item's keys are its type's (`ItemType.yaml_keys`, `from_yaml`, `to_yaml`
in quizzes/items); the YAML reading with line numbers is in quizzes/quizfile.py.
"""

import uuid
from dataclasses import dataclass

import yaml
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from .blocks import QuizItemsBlock
from .items import item_type, item_types
from .models import FeedbackTiming, QuizIndexPage, QuizPage
from .quizfile import MAX_DEPTH, LineLoader, Mapping, Reader, SafeLoader, drop_empty

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


class QuizFileError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


# Reading -------------------------------------------------------------------


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
    for event in yaml.parse(text, Loader=SafeLoader):
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
        data = yaml.load(text, Loader=LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        # libyaml can point one line past the end of a file without a final newline.
        line = min(mark.line + 1, text.count("\n") + 1) if mark else 1
        raise QuizFileError(
            [f"line {line}: not valid YAML ({getattr(error, 'problem', error)})"]
        ) from None
    reader = Reader()
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
    raw_settings = top.get("settings") or Mapping()
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
    known = {t.name: t for t in item_types()}
    for entry in raw_items:
        line = getattr(entry, "line", top.key_lines.get("items", 1))
        kind = entry.get("type") if isinstance(entry, dict) else None
        if not isinstance(kind, str) or kind not in known:
            reader.problem(line, f"‘type’ must be one of {', '.join(known)}")
            continue
        keys = {"type": True, **known[kind].yaml_keys}
        if reader.mapping(entry, line, f"a {kind} item", keys):
            value = known[kind].from_yaml(reader, entry)
            items.append({"type": kind, "value": value, "id": str(uuid.uuid4())})
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
        for message in item_type(child.block_type).publish_problems(child.value):
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


def quiz_to_data(page: QuizPage) -> dict:
    items = []
    for block in page.items:
        kind = item_type(block.block_type)
        optional = {key for key, required in kind.yaml_keys.items() if not required}
        items.append({"type": kind.name, **drop_empty(kind.to_yaml(block.value), optional)})
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

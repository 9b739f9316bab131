"""
Reading and writing the YAML of quiz files, with line numbers for problems.

`Reader` is what each item type's `from_yaml` is given: typed getters that note
a problem (with its line) instead of failing, so a file's every problem is
listed at once. The helpers at the end are what `to_yaml` uses.
"""

import uuid

import yaml

from thoughtpieces.models import DiscussionQuestion


class Mapping(dict):
    line = 0
    key_lines: dict


# libyaml when PyYAML was built with it (the wheels are); the same results either way.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 20


class LineLoader(SafeLoader):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    mapping = Mapping(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class Reader:
    """Turns the parsed file into Wagtail's raw StreamField data, collecting problems."""

    def __init__(self):
        self.problems: list[str] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(f"line {line}: {message}")

    def mapping(self, value, line: int, what: str, keys: dict[str, bool]) -> Mapping | None:
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

    def items(self, mapping, key: str, what: str, keys: dict[str, bool]) -> list[Mapping]:
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


def listed(values) -> list[dict]:
    """Values as a ListBlock's raw data, each with a fresh id."""
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def drop_empty(mapping: dict, optional: set[str]) -> dict:
    def empty(value) -> bool:
        return value is None or value is False or value == "" or value == []

    return {k: v for k, v in mapping.items() if not (k in optional and empty(v))}


def question_link(question) -> dict | None:
    """A linked discussion question as the file names it: piece reference and number."""
    if question is None:
        return None
    number = list(question.page.questions.order_by("sort_order").values_list("pk", flat=True))
    return {"piece": question.page.reference, "number": number.index(question.pk) + 1}

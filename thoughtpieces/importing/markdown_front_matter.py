"""
The YAML front matter of a Markdown Thought Piece.

Front matter (between "---" lines at the very top; optional):

    title: The Legal Framework
    reference: KR/TP/8/1.0      # a trailing /1.0 is split off as the version
    version: "1.0"              # overrides the version in `reference`
    authors:                    # a string, a list of strings, or a list of mappings
      - name: Anne Robinson
        role: Senior Lecturer
        affiliation: University of Nottingham
    date: 2011-03-14            # a full day, YYYY-MM-DD
    topics: [compliance, IOM]   # or "compliance, IOM"
    abstract: One or more paragraphs of plain text.

Unknown keys are reported in `unplaced` ("colour: teal"). Front matter that is
not YAML or not a mapping, or an opening "---" with no closing one, is an ImportFailure.
"""

import re
from datetime import date, datetime
from typing import Any

import yaml
from markdown_it.tree import SyntaxTreeNode

from thoughtpieces.importing.document import (
    ImportFailure,
    ParsedAuthor,
    ParsedPiece,
)
from thoughtpieces.importing.text import (
    clean,
    parse_authors,
    parse_day,
    split_reference_version,
)


def load_front_matter(text: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise ImportFailure(f"front matter is not valid YAML: {problem}{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__}"
        raise ImportFailure(
            f"front matter is not valid YAML: expected key: value pairs, got {kind}"
        )
    return {str(key).strip().lower(): value for key, value in data.items()}


def text_value(value: Any) -> str:
    return "" if value is None else clean(str(value))


def _authors(value: Any) -> list[ParsedAuthor]:
    if value is None:
        return []
    if isinstance(value, str):
        return parse_authors(value)
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise ImportFailure("front matter authors must be a name or a list of names")
    authors: list[ParsedAuthor] = []
    for item in value:
        if isinstance(item, dict):
            name = text_value(item.get("name"))
            if not name:
                raise ImportFailure("front matter author has no name")
            authors.append(
                ParsedAuthor(
                    name=name,
                    role=text_value(item.get("role")),
                    affiliation=text_value(item.get("affiliation")),
                )
            )
        elif item is not None:
            authors.extend(parse_authors(str(item)))
    return authors


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    day = parse_day(str(value))
    if day is None:
        raise ImportFailure(f"front matter date is not a day (YYYY-MM-DD): {text_value(value)!r}")
    return day


def _topics(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    return [topic for topic in (text_value(item) for item in items) if topic]


def _abstract(value: Any) -> str:
    paragraphs = re.split(r"\n\s*\n", str(value or ""))
    return "\n\n".join(text for text in map(clean, paragraphs) if text)


def apply_front_matter(piece: ParsedPiece, data: dict[str, Any]) -> None:
    piece.title = text_value(data.get("title"))
    reference, version = split_reference_version(text_value(data.get("reference")))
    piece.reference = reference
    piece.version = text_value(data.get("version")) or version
    piece.authors = _authors(data.get("authors", data.get("author")))
    piece.publication_date = _date(data.get("date"))
    piece.topics = _topics(data.get("topics"))
    piece.abstract = _abstract(data.get("abstract"))
    for key, value in data.items():
        if key not in _FRONT_MATTER_KEYS:
            piece.unplaced.append(f"{key}: {text_value(value)}")


_FRONT_MATTER_KEYS = {"title", "reference", "version", "authors", "author", "date", "topics"}
_FRONT_MATTER_KEYS |= {"abstract"}


def split_front_matter(tokens_root: SyntaxTreeNode) -> tuple[str | None, list[SyntaxTreeNode]]:
    nodes = list(tokens_root.children)
    if nodes and nodes[0].type == "front_matter":
        return nodes[0].content, nodes[1:]
    return None, nodes

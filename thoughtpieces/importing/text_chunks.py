"""
Reading pasted plain text as chunks, and the shapes a chunk or line can have
(list items, table rows, headings).

The text is read as *chunks*: runs of non-blank lines. Lines holding only
spaces or non-breaking spaces are blank, and so are lines of site chrome and
breadcrumbs (`text.is_chrome`, `text.is_breadcrumb`: "Print this page",
"Share this page", "‹ Previous Next ›", "Back to top", "Skip to main content",
cookie buttons, "Last updated …", "© …", a lone weekday date, "Home > … > …",
"Home / … / …", "Home » …"), which are dropped wherever they appear. A chunk
that is a cookie banner ("We use cookies … Accept all cookies") is dropped too.
A metadata line is always a chunk of its own (a bare "Authors:" keeps the name
lines under it). Tabs count as layout gaps (two spaces); CRLF, Unicode line
separators and zero-width characters are handled by `text.split_lines`.

Single-newline copies (div-based pages, Word, some email clients) put every
block on its own line with (almost) no blank lines (`_single_newline`: fewer
than one blank gap per eight lines, and not hard-wrapped prose, whose long lines
mostly stop mid-sentence). There each line is a chunk of its own, except that
consecutive items of one list, consecutive table rows, a line continuing the
previous one's sentence (it opens in lower case after no closing punctuation)
and names under a bare "Authors:" stay together. With blank lines, a paragraph
wrapped over several lines stays one chunk, as before. A list whose items are
separated by blank lines (a loose list) is one list block. A heading (or the
title) sitting directly over its paragraph is split off it when the paragraph's
lines are clearly longer (`heading_over_text`).
"""

import re
from dataclasses import dataclass
from functools import cached_property

from thoughtpieces.importing.text import (
    MetaLine,
    clean,
    is_breadcrumb,
    is_chrome,
    is_cookie_banner,
    plain_spaces,
    read_authors,
    read_byline,
    read_meta_line,
    split_lines,
)

FIGURE = re.compile(r"^fig(?:ure)?\.?\s*(?P<number>\d+[a-z]?)\s*[:.\-–—]\s*(?P<text>\S.*)$", re.I)
_BULLET = re.compile(r"^(?:[•●▪◦‣·○➢]\s*|[*\-–]\s+)(?P<text>\S.*)$")
NUMBERED = re.compile(
    r"^(?:Q(?:uestion)?\s*)?\(?(?P<number>\d{1,2})[.):]\s+(?P<text>\S.*)$", re.IGNORECASE
)
_CELL_GAP = re.compile(r" {2,}")
_CELL_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z ]{1,30}):\s+(?P<rest>\S.*)$")
QUOTATION = re.compile(
    r"^[‘“'\"](?P<quote>.+)[’”'\"][.,]?\s*\((?P<source>[^()]{1,100})\)\.?$", re.DOTALL
)
_SENTENCE_ENDS = ".?!:;”’\"')"
_MAX_HEADING_WORDS = 14
_MAX_HEADING_CHARS = 100


@dataclass
class Chunk:
    """A run of non-blank lines: `raw` keeps layout gaps (2+ spaces), `lines` are cleaned."""

    raw: list[str]

    @cached_property
    def lines(self) -> list[str]:
        return [clean(line) for line in self.raw]

    @cached_property
    def text(self) -> str:
        return " ".join(self.lines)

    @cached_property
    def meta(self) -> MetaLine | None:
        return read_meta_line(self.lines[0])


def chunk_meta(chunk: Chunk) -> MetaLine | None:
    return chunk.meta


def _lines(source: str) -> list[str]:
    """The lines, Unicode spaces made plain (a tab counts as a layout gap), ends stripped."""
    return [plain_spaces(line.replace("\t", "  ")).strip() for line in split_lines(source)]


def _single_newline(lines: list[str]) -> bool:
    """True when blocks are separated by single newlines, not blank lines (a copy of a
    div-based page, or from Word or an email client): fewer than one blank gap per
    eight lines. Hard-wrapped text (an email, Markdown source) is not: there most
    long lines stop mid-sentence, and the blank lines are what separate paragraphs."""
    text_lines = [line for line in lines if line]
    if len(text_lines) < 4:
        return False
    gaps = sum(1 for before, line in zip(lines, lines[1:], strict=False) if before and not line)
    long_lines = [line for line in text_lines if len(line) >= 40 and _prose(clean(line))]
    open_ended = [line for line in long_lines if line[-1] not in _SENTENCE_ENDS]
    wrapped = len(open_ended) * 2 > len(long_lines)
    return gaps * 8 < len(text_lines) and not wrapped


def _prose(text: str) -> bool:
    """Not a list item, chrome, a breadcrumb, a metadata line or a byline."""
    return not (
        list_item(text)
        or is_chrome(text)
        or is_breadcrumb(text)
        or read_meta_line(text)
        or read_byline(text) is not None
    )


def _continues(previous: str, line: str) -> bool:
    """In a single-newline copy, `line` carries on the sentence of `previous` (a hard
    wrap): the previous line does not end a sentence and this one opens in lower case."""
    return bool(
        previous
        and line[0].islower()
        and previous[-1] not in _SENTENCE_ENDS
        and not list_item(line)
    )


def _line_kind(line: str) -> str:
    """'bullet' or 'numbered' for a list item, 'cells' for a table row, else ''."""
    item = list_item(clean(line))
    if item:
        return item[0]
    return "cells" if row_cells(line) else ""


def read_chunks(source: str) -> list[Chunk]:
    """Runs of non-blank lines; chrome and breadcrumb lines end a run and are dropped,
    a metadata line ('Version: …', 'Authors:') is a run of its own (a bare 'Authors:'
    keeps the name lines under it), and cookie banners are dropped.

    In a single-newline copy (`_single_newline`) each line is a run of its own, except
    that consecutive items of one list, consecutive table rows, a hard-wrapped line's
    continuation and the names under a bare 'Authors:' stay together."""
    lines = _lines(source)
    single = _single_newline(lines)
    chunks: list[Chunk] = []
    current: list[str] = []
    names_follow = False

    def finish() -> None:
        nonlocal current
        if current:
            chunks.append(Chunk(current))
        current = []

    for line in lines:
        text = clean(line)
        if not line or is_chrome(text) or is_breadcrumb(text):
            finish()
            names_follow = False
            continue
        meta = read_meta_line(text)
        if meta is not None:
            finish()
            current = [line]
            names_follow = meta.kind == "authors" and not meta.authors
            if not names_follow:
                finish()
            continue
        if single and names_follow and not read_authors([text], strict=True)[0]:
            finish()  # no blank line ends the names under 'Authors:': a non-name does
            names_follow = False
        if single and current and not names_follow:
            kind = _line_kind(line)
            together = (kind and kind == _line_kind(current[-1])) or _continues(
                clean(current[-1]), text
            )
            if not together:
                finish()
        current.append(line)
    finish()
    return [chunk for chunk in chunks if not is_cookie_banner(chunk.text)]


def list_item(line: str) -> tuple[str, str] | None:
    """("bullet" | "numbered", text) when the line is a list item."""
    if match := _BULLET.match(line):
        return "bullet", match["text"]
    if match := NUMBERED.match(line):
        return "numbered", match["text"]
    return None


# Body headings that documents often write with a colon ('Introduction:').
_KNOWN_HEADINGS = frozenset(
    """introduction background context conclusion conclusions discussion findings method
    methods methodology recommendations implications acknowledgements""".split()
    + ["key points", "next steps", "further information", "practice implications"]
)


def heading_text(text: str) -> str:
    """The heading a line states: itself, or a known heading name without its colon."""
    stripped = text.rstrip(" :：–—-")
    return stripped if stripped != text and stripped.lower() in _KNOWN_HEADINGS else text


def is_heading_text(text: str) -> bool:
    text = heading_text(text)
    if not text or len(text) > _MAX_HEADING_CHARS or len(text.split()) > _MAX_HEADING_WORDS:
        return False
    if text[-1] in ".,;:" or not (text[0].isupper() or text[0].isdigit()):
        return False
    return not (list_item(text) or FIGURE.match(text) or QUOTATION.match(text))


def is_heading(chunk: Chunk) -> bool:
    return len(chunk.raw) == 1 and is_heading_text(chunk.lines[0])


def heading_over_text(chunk: Chunk) -> bool:
    """A heading with its paragraph directly under it, no blank line between
    ('Introduction' then 'Housing is often…'): the first line is heading-like, the
    next opens in upper case, and the first is well short of the lines below (the
    first line of a hard-wrapped paragraph is about as long as the rest)."""
    lines = chunk.lines
    if len(lines) < 2 or not is_heading_text(lines[0]) or not lines[1][:1].isupper():
        return False
    return len(lines[0]) * 5 < max(len(line) for line in lines[1:]) * 3


def list_items(lines: list[str]) -> tuple[str, list[str]] | None:
    """The kind and items of a list chunk; lines that are not items continue the one before."""
    first = list_item(lines[0])
    if not first:
        return None
    kind, items = first[0], [first[1]]
    for line in lines[1:]:
        item = list_item(line)
        if item and item[0] == kind:
            items.append(item[1])
        elif item:
            return None
        else:
            items[-1] = f"{items[-1]} {line}"
    return kind, items


def row_cells(raw_line: str) -> list[str] | None:
    """The two cells of a flattened table row, or None."""
    if list_item(clean(raw_line)):
        return None
    fragments = [clean(part) for part in _CELL_GAP.split(raw_line.strip()) if clean(part)]
    if len(fragments) > 2:
        merged: list[str] = []
        for fragment in fragments:
            if merged and (fragment[0].islower() or merged[-1].endswith(",")):
                merged[-1] = f"{merged[-1]} {fragment}"
            else:
                merged.append(fragment)
        fragments = merged
    return fragments if len(fragments) == 2 else None


def _column_label(column: list[str]) -> str:
    labels = {match["label"] for cell in column if (match := _CELL_LABEL.match(cell))}
    if len(labels) == 1 and all(_CELL_LABEL.match(cell) for cell in column):
        return labels.pop()
    return ""


def _lead_in_noun(lead_in: str) -> str:
    """'...shared across different strands of the programme:' -> 'Strand'."""
    match = re.search(r"\b(?P<noun>[a-z]{3,})s\b(?: of [\w ]+)?:\s*$", lead_in)
    return match["noun"].capitalize() if match else "Item"


def table_value(rows: list[list[str]], lead_in: str) -> dict[str, object]:
    labels = [_column_label([row[column] for row in rows]) for column in range(2)]
    if any(labels):
        header = [label or _lead_in_noun(lead_in) for label in labels]
        body = [
            [_CELL_LABEL.match(cell)["rest"] if labels[i] else cell for i, cell in enumerate(row)]
            for row in rows
        ]
        return {"caption": "", "header": header, "rows": body}
    return {"caption": "", "header": rows[0], "rows": rows[1:]}

"""
Parse a Thought Piece pasted as plain text (as copied from a web page).

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
lines are clearly longer (`_heading_over_text`).

Conventions, in the order they are tried:

* Metadata lines, anywhere (`text.read_meta_line`): reference and version in
  any usual shape ("Version: KR/TP/8/1.0", "Reference: KR/TP/8" then
  "Version 1.0", "KR/TP/8 v1.0", "Version 1.2 (KR/TP/5)"); "Author:" /
  "Authors:" / "Contributors:" with names on the line or one a line under it,
  comma-, "and"- or ";"-separated, with roles and bodies ("Jane Smith, Senior
  Lecturer, University of X", "Jane Smith (Probation Officer)"); "Date:",
  "Published:", "Posted on …" (a full day only); "Tags:"/"Topics:". A value
  that fills a field already filled differently, or cannot be used
  ("Date: spring"), is reported in `unplaced`.
* A byline before the first heading: "Written by …", "An article by: Dr Emily
  Evans, University of Nottingham, UK. <more text>", "By …": the first sentence
  gives the authors (it must name a person), the rest becomes a paragraph.
* Title: the first heading-like chunk (one line, at most 14 words, no final
  full stop, comma, colon or semicolon). When a run of such lines is followed by
  metadata, the title is the last of the run and the lines above it (a site's
  name, a section name) are reported in `unplaced`. Paragraphs before the title
  (a standfirst) go to the abstract. No title -> ImportFailure.
* Section names (`text.SECTION_NAMES`: a chunk whose first line is one of them,
  case-insensitive, optional final colon) switch mode until the next heading:
  "Abstract" (paragraphs -> `abstract`), "Summary" (paragraphs -> one summary
  block), "Questions to consider" / "Questions for discussion" / "Discussion
  questions" / "Points for reflection" … (list items, lines ending "?", or
  paragraphs that are questions or prompts -> `questions`; a lead-in ending ":"
  before the list is unplaced), "References"/"Bibliography" (every line -> a
  reference, bullets and numbering removed; only another section name ends it),
  "Related articles" … (navigation: every line unplaced, until a section name).
* With no Abstract section and no standfirst, the paragraphs between the title
  and the first heading are the abstract (when a heading follows them).
* "Fig N: caption" -> figure; a next line repeating the caption text without
  the "Fig N:" prefix is the missing image's alt text and is consumed.
* "ARTICLE 8  ECHR" (or "Section 3 ...") followed by numbered lines -> statute
  block ("Article 8", citation with "ECHR" spelled out, clauses unnumbered).
* Lines starting "•" (or "-", "–", "*", "▪") -> bullet_list; "1." / "1)" / "Q1." ->
  numbered_list. Non-item lines inside a list continue the previous item.
* Two or more consecutive lines that each split into exactly two cells at runs
  of 2+ spaces -> table. A third fragment starting in lower case continues the
  cell before it. If every cell of a column starts with the same "Label: ",
  that label is the column's header and is stripped from the cells; the other
  column's header comes from the lead-in sentence ("...strands of the
  programme:" -> "Strand", otherwise "Item"). Otherwise the first row is the header.
* ‘Quoted text’ (Source) as a whole chunk -> quotation with attribution "Source".
* "Introduction:", "Conclusion:" and other common heading names with a colon
  (`_KNOWN_HEADINGS`) -> heading without the colon.
* Any other heading-like chunk -> heading level 2; everything else -> paragraph
  (consecutive paragraphs share one paragraph block, one <p> each).
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

from thoughtpieces.importing.document import ImportFailure, ParsedBlock, ParsedPiece
from thoughtpieces.importing.text import (
    MetaLine,
    apply_meta,
    clean,
    is_breadcrumb,
    is_chrome,
    is_cookie_banner,
    is_question,
    paragraphs_html,
    plain_spaces,
    read_authors,
    read_byline,
    read_meta_line,
    reject_binary,
    section_name,
    split_lines,
    split_reference,
    split_statute_heading,
)

# The end of the byline's first sentence: a full stop not closing an initial ("J.").
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])\.\s+(?=[A-Z‘“(])")
_FIGURE = re.compile(r"^fig(?:ure)?\.?\s*(?P<number>\d+[a-z]?)\s*[:.\-–—]\s*(?P<text>\S.*)$", re.I)
_BULLET = re.compile(r"^(?:[•●▪◦‣·○➢]\s*|[*\-–]\s+)(?P<text>\S.*)$")
_NUMBERED = re.compile(
    r"^(?:Q(?:uestion)?\s*)?\(?(?P<number>\d{1,2})[.):]\s+(?P<text>\S.*)$", re.IGNORECASE
)
_CELL_GAP = re.compile(r" {2,}")
_CELL_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z ]{1,30}):\s+(?P<rest>\S.*)$")
_QUOTATION = re.compile(
    r"^[‘“'\"](?P<quote>.+)[’”'\"][.,]?\s*\((?P<source>[^()]{1,100})\)\.?$", re.DOTALL
)
_SENTENCE_ENDS = ".?!:;”’\"')"
_MAX_HEADING_WORDS = 14
_MAX_HEADING_CHARS = 100


@dataclass
class _Chunk:
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


def _meta(chunk: _Chunk) -> MetaLine | None:
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
        _list_item(text)
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
        and not _list_item(line)
    )


def _line_kind(line: str) -> str:
    """'bullet' or 'numbered' for a list item, 'cells' for a table row, else ''."""
    item = _list_item(clean(line))
    if item:
        return item[0]
    return "cells" if _cells(line) else ""


def _chunks(source: str) -> list[_Chunk]:
    """Runs of non-blank lines; chrome and breadcrumb lines end a run and are dropped,
    a metadata line ('Version: …', 'Authors:') is a run of its own (a bare 'Authors:'
    keeps the name lines under it), and cookie banners are dropped.

    In a single-newline copy (`_single_newline`) each line is a run of its own, except
    that consecutive items of one list, consecutive table rows, a hard-wrapped line's
    continuation and the names under a bare 'Authors:' stay together."""
    lines = _lines(source)
    single = _single_newline(lines)
    chunks: list[_Chunk] = []
    current: list[str] = []
    names_follow = False

    def finish() -> None:
        nonlocal current
        if current:
            chunks.append(_Chunk(current))
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


def _list_item(line: str) -> tuple[str, str] | None:
    """("bullet" | "numbered", text) when the line is a list item."""
    if match := _BULLET.match(line):
        return "bullet", match["text"]
    if match := _NUMBERED.match(line):
        return "numbered", match["text"]
    return None


# Body headings that documents often write with a colon ('Introduction:').
_KNOWN_HEADINGS = frozenset(
    """introduction background context conclusion conclusions discussion findings method
    methods methodology recommendations implications acknowledgements""".split()
    + ["key points", "next steps", "further information", "practice implications"]
)


def _heading_text(text: str) -> str:
    """The heading a line states: itself, or a known heading name without its colon."""
    stripped = text.rstrip(" :：–—-")
    return stripped if stripped != text and stripped.lower() in _KNOWN_HEADINGS else text


def _is_heading_text(text: str) -> bool:
    text = _heading_text(text)
    if not text or len(text) > _MAX_HEADING_CHARS or len(text.split()) > _MAX_HEADING_WORDS:
        return False
    if text[-1] in ".,;:" or not (text[0].isupper() or text[0].isdigit()):
        return False
    return not (_list_item(text) or _FIGURE.match(text) or _QUOTATION.match(text))


def _is_heading(chunk: _Chunk) -> bool:
    return len(chunk.raw) == 1 and _is_heading_text(chunk.lines[0])


def _heading_over_text(chunk: _Chunk) -> bool:
    """A heading with its paragraph directly under it, no blank line between
    ('Introduction' then 'Housing is often…'): the first line is heading-like, the
    next opens in upper case, and the first is well short of the lines below (the
    first line of a hard-wrapped paragraph is about as long as the rest)."""
    lines = chunk.lines
    if len(lines) < 2 or not _is_heading_text(lines[0]) or not lines[1][:1].isupper():
        return False
    return len(lines[0]) * 5 < max(len(line) for line in lines[1:]) * 3


def _list_items(lines: list[str]) -> tuple[str, list[str]] | None:
    """The kind and items of a list chunk; lines that are not items continue the one before."""
    first = _list_item(lines[0])
    if not first:
        return None
    kind, items = first[0], [first[1]]
    for line in lines[1:]:
        item = _list_item(line)
        if item and item[0] == kind:
            items.append(item[1])
        elif item:
            return None
        else:
            items[-1] = f"{items[-1]} {line}"
    return kind, items


def _cells(raw_line: str) -> list[str] | None:
    """The two cells of a flattened table row, or None."""
    if _list_item(clean(raw_line)):
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


def _table(rows: list[list[str]], lead_in: str) -> dict[str, object]:
    labels = [_column_label([row[column] for row in rows]) for column in range(2)]
    if any(labels):
        header = [label or _lead_in_noun(lead_in) for label in labels]
        body = [
            [_CELL_LABEL.match(cell)["rest"] if labels[i] else cell for i, cell in enumerate(row)]
            for row in rows
        ]
        return {"caption": "", "header": header, "rows": body}
    return {"caption": "", "header": rows[0], "rows": rows[1:]}


@dataclass
class _Builder:
    chunks: list[_Chunk]
    piece: ParsedPiece = field(default_factory=lambda: ParsedPiece(title=""))
    position: int = 0
    mode: str = "body"
    seen_body: bool = False
    seen_heading: bool = False  # a body heading or a section: bylines end here
    saw_abstract: bool = False
    intro: list[tuple[int, list[str]]] = field(default_factory=list)  # (block index, texts)
    paragraphs: list[str] = field(default_factory=list)  # body paragraphs not yet emitted
    summary: list[str] = field(default_factory=list)
    abstract: list[str] = field(default_factory=list)
    unplaced_seen: set[str] = field(default_factory=set)

    # --- output -----------------------------------------------------------

    def flush(self) -> None:
        if self.paragraphs:
            if self.piece.title and not self.seen_heading:
                self.intro.append((len(self.piece.blocks), list(self.paragraphs)))
            self.piece.blocks.append(ParsedBlock("paragraph", paragraphs_html(self.paragraphs)))
            self.paragraphs = []

    def flush_summary(self) -> None:
        if self.summary:
            self.flush()
            self.piece.blocks.append(
                ParsedBlock("summary", {"text": paragraphs_html(self.summary)})
            )
            self.summary = []

    def emit(self, block_type: str, value: object) -> None:
        self.flush()
        if self.mode in ("summary", "abstract"):
            self.set_mode("body")
        blocks = self.piece.blocks
        if block_type.endswith("_list") and blocks and blocks[-1].type == block_type:
            blocks[-1].value.extend(value)  # a loose list: blank lines between its items
            return
        blocks.append(ParsedBlock(block_type, value))
        self.seen_body = True
        if block_type == "heading":
            self.seen_heading = True

    def set_mode(self, mode: str) -> None:
        if self.mode == "summary" and mode != "summary":
            self.flush_summary()
        self.mode = mode

    def next_chunk(self) -> _Chunk | None:
        following = self.position + 1
        return self.chunks[following] if following < len(self.chunks) else None

    def unplaced(self, text: str) -> None:
        if text and text not in self.unplaced_seen:
            self.unplaced_seen.add(text)
            self.piece.unplaced.append(text)

    # --- reading ----------------------------------------------------------

    def run(self) -> ParsedPiece:
        while self.position < len(self.chunks):
            self.take(self.chunks[self.position])
            self.position += 1
        self.set_mode("body")
        self.flush()
        self.abstract_from_introduction()
        self.piece.abstract = "\n\n".join(self.abstract)
        if not self.piece.title:
            raise ImportFailure("no title found (expected a short line before the first paragraph)")
        return self.piece

    def abstract_from_introduction(self) -> None:
        """No Abstract heading and no standfirst: the paragraphs between the title and
        the first heading are the piece's introduction, and so its abstract."""
        if self.abstract or self.saw_abstract or not self.intro:
            return
        indexes = {index for index, _ in self.intro}
        last = max(indexes)
        later = self.piece.blocks[last + 1 :]
        if not any(block.type == "heading" for block in later):
            return
        if any(block.type != "paragraph" for block in self.piece.blocks[:last]):
            return
        for _, texts in self.intro:
            self.abstract.extend(clean(text) for text in texts)
        self.piece.blocks = [b for i, b in enumerate(self.piece.blocks) if i not in indexes]

    def take(self, chunk: _Chunk) -> None:
        meta = _meta(chunk)
        if meta is not None:
            self.take_meta(meta, chunk)
            return
        if not self.seen_heading and self.take_byline(chunk):
            return
        section = section_name(chunk.lines[0])
        if section:
            self.flush()
            self.set_mode(section)
            self.seen_body = self.seen_heading = True
            self.saw_abstract = self.saw_abstract or section == "abstract"
            if len(chunk.raw) > 1:
                self.take(_Chunk(chunk.raw[1:]))
            return
        if self.mode == "references":
            self.take_references(chunk)
            return
        if self.mode == "related":
            for line in chunk.lines:
                self.unplaced(line)
            return
        if not self.piece.title:
            self.take_before_title(chunk)
            return
        if self.mode == "questions":
            if self.take_questions(chunk):
                return
            self.set_mode("body")  # anything else ends the questions
        self.take_body(chunk)

    def take_meta(self, meta: MetaLine, chunk: _Chunk) -> None:
        names = chunk.lines[1:]
        if meta.kind == "authors" and not meta.authors and not names:
            following = self.next_chunk()  # 'Authors:', a blank line, then one name a line
            if following and _meta(following) is None:
                if all(read_authors([text], strict=True)[0] for text in following.lines):
                    names = following.lines
                    self.position += 1
        for text in apply_meta(self.piece, meta, chunk.lines[0], names):
            self.unplaced(text)

    def take_byline(self, chunk: _Chunk) -> bool:
        """'An article by: Dr Emily Evans, University of Nottingham, UK. <more text>':
        the first sentence names the authors, the rest is a paragraph."""
        rest = read_byline(chunk.lines[0])
        if rest is None:
            return False
        text = " ".join([rest, *chunk.lines[1:]])
        end = _SENTENCE_END.search(text)
        who, more = (text[: end.start()], text[end.end() :]) if end else (text, "")
        authors, leftovers = read_authors([who], strict=True)
        if not authors:
            return False
        self.piece.authors.extend(authors)
        for leftover in leftovers:
            self.unplaced(leftover)
        if more:
            self.paragraphs.append(more)
            self.flush()
        return True

    def take_before_title(self, chunk: _Chunk) -> None:
        if _heading_over_text(chunk):  # the title with its standfirst under it
            self.piece.title = chunk.lines[0]
            self.take(_Chunk(chunk.raw[1:]))
            return
        if not _is_heading(chunk):
            self.abstract.append(chunk.text)
            return
        # A run of short lines before the title: when metadata (a Version or Author
        # line) follows the run, the title is the last line of it and the lines
        # above (a site's name, a section name) are reported; otherwise the first.
        end = self.position
        while end + 1 < len(self.chunks) and self._title_like(self.chunks[end + 1]):
            end += 1
        following = self.chunks[end + 1] if end + 1 < len(self.chunks) else None
        if end > self.position and following is not None and self._states_metadata(following):
            for skipped in self.chunks[self.position : end]:
                self.unplaced(skipped.text)
            self.position = end
            chunk = self.chunks[end]
        self.piece.title = chunk.lines[0]
        self.flush()

    @staticmethod
    def _title_like(chunk: _Chunk) -> bool:
        return (
            _is_heading(chunk)
            and not _Builder._states_metadata(chunk)
            and not section_name(chunk.lines[0])
        )

    @staticmethod
    def _states_metadata(chunk: _Chunk) -> bool:
        if _meta(chunk) is not None:
            return True
        rest = read_byline(chunk.lines[0])
        return rest is not None and bool(read_authors([rest], strict=True)[0])

    def take_references(self, chunk: _Chunk) -> None:
        for line in chunk.raw:  # raw: layout gaps help split the entry
            item = _list_item(line)
            text = item[1] if item else line
            if clean(text):
                self.piece.references.append(split_reference(text))

    def take_questions(self, chunk: _Chunk) -> bool:
        """Questions as a numbered or bulleted list, one a line, or as paragraphs; a
        lead-in sentence ending ':' before the list is reported as unplaced."""
        items = _list_items(chunk.lines)
        if items:
            self.piece.questions.extend(items[1])
            return True
        lines = chunk.lines
        if len(lines) > 1 and all(line.endswith("?") for line in lines):
            self.piece.questions.extend(lines)
            return True
        if is_question(chunk.text):
            self.piece.questions.append(chunk.text)
            return True
        following = self.next_chunk()
        if chunk.text.endswith(":") and following and _list_items(following.lines):
            self.unplaced(chunk.text)
            return True
        return False

    def take_body(self, chunk: _Chunk) -> None:
        for handler in (
            self.take_figure,
            self.take_statute,
            self.take_list,
            self.take_table,
            self.take_quotation,
            self.take_heading,
            self.split_heading,
        ):
            if handler(chunk):
                return
        self.take_paragraph(chunk.text)

    def split_heading(self, chunk: _Chunk) -> bool:
        """'Introduction' with its paragraph directly under it: a heading, then the rest."""
        if not _heading_over_text(chunk):
            return False
        self.take(_Chunk(chunk.raw[:1]))
        self.take(_Chunk(chunk.raw[1:]))
        return True

    def take_paragraph(self, text: str) -> None:
        if self.mode == "abstract":
            self.abstract.append(text)
        elif self.mode == "summary":
            self.flush()
            self.summary.append(text)
        else:
            self.paragraphs.append(text)
            self.seen_body = True

    def take_figure(self, chunk: _Chunk) -> bool:
        match = _FIGURE.match(chunk.lines[0])
        if not match:
            return False
        self.set_mode("body")
        rest = chunk.lines[1:]
        alt_text = ""
        if rest and rest[0].casefold() == match["text"].casefold():
            alt_text, rest = rest[0], rest[1:]
        elif not rest:
            following = self.next_chunk()
            if following and following.text.casefold() == match["text"].casefold():
                alt_text = following.text
                self.position += 1
        self.emit("figure", {"caption": chunk.lines[0], "alt_text": alt_text})
        if rest:
            self.take(_Chunk(chunk.raw[len(chunk.raw) - len(rest) :]))
        return True

    def take_statute(self, chunk: _Chunk) -> bool:
        heading = split_statute_heading(chunk.lines[0])
        if not heading:
            return False
        lines = chunk.lines[1:]
        following = self.next_chunk()
        consumed = 0
        if not any(_NUMBERED.match(line) for line in lines) and following:
            lines, consumed = lines + following.lines, 1
        first_clause = next((i for i, line in enumerate(lines) if _NUMBERED.match(line)), None)
        if first_clause is None:
            return False
        introduction = lines[:first_clause]
        items = _list_items(lines[first_clause:])
        if not items or items[0] != "numbered":
            return False
        self.position += consumed
        self.set_mode("body")
        self.emit(
            "statute",
            {
                "title": heading[0],
                "citation": heading[1],
                "introduction": " ".join(introduction),
                "clauses": items[1],
            },
        )
        return True

    def take_list(self, chunk: _Chunk) -> bool:
        items = _list_items(chunk.lines)
        if not items:
            if len(chunk.raw) > 1 and _is_heading_text(chunk.lines[0]):
                rest = _list_items(chunk.lines[1:])
                if rest:  # a heading with its list directly under it
                    self.take_heading(_Chunk(chunk.raw[:1]))
                    self.take(_Chunk(chunk.raw[1:]))
                    return True
            return False
        kind, values = items
        self.emit("bullet_list" if kind == "bullet" else "numbered_list", values)
        return True

    def take_table(self, chunk: _Chunk) -> bool:
        if len(chunk.raw) < 2:
            return False
        rows = [_cells(line) for line in chunk.raw]
        if not all(rows):
            return False
        lead_in = self.paragraphs[-1] if self.paragraphs else ""
        self.set_mode("body")
        self.emit("table", _table([row for row in rows if row], lead_in))
        return True

    def take_quotation(self, chunk: _Chunk) -> bool:
        match = _QUOTATION.match(chunk.text)
        if not match:
            return False
        self.emit("quotation", {"quote": match["quote"].strip(), "attribution": match["source"]})
        return True

    def take_heading(self, chunk: _Chunk) -> bool:
        if not _is_heading(chunk):
            return False
        self.set_mode("body")
        self.emit("heading", {"text": _heading_text(chunk.lines[0]), "level": 2})
        return True


def parse_text(source: str) -> ParsedPiece:
    """Parse pasted plain text into a ParsedPiece; ImportFailure when it cannot."""
    reject_binary(source)
    chunks = _chunks(source)
    if not chunks:
        raise ImportFailure("no title found (the text holds only site navigation)")
    return _Builder(chunks).run()

"""
The importer's intermediate form: what a parser reads out of a Markdown file
or pasted text, before anything touches the database.

Parsers (`parse_markdown.py`, `parse_text.py`) return a `ParsedPiece`;
`services.thought_piece_import` validates it and writes the page. A parser
that cannot make sense of its input raises `ImportFailure` with a one-line
message; the caller adds the file name.

Block values, by `ParsedBlock.type` (they match thoughtpieces.blocks):

    heading        {"text": str, "level": 2 | 3}
    paragraph      str: HTML of one or more <p> elements; inline <b>, <i>,
                   <a href="https://..."> only, text HTML-escaped
    quotation      {"quote": str (plain text), "attribution": str}
    table          {"caption": str, "header": [str, ...], "rows": [[str, ...], ...]}
                   (every row has len(header) cells, at least 2 columns)
    figure         {"caption": str, "alt_text": str}  (imported figures have no image)
    statute        {"title": str, "citation": str, "introduction": str,
                    "clauses": [str, ...]}
    bullet_list    [str, ...]   (plain text items)
    numbered_list  [str, ...]
    summary        {"text": str}  (HTML like paragraph)
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

BLOCK_TYPES = (
    "heading",
    "paragraph",
    "quotation",
    "table",
    "figure",
    "statute",
    "bullet_list",
    "numbered_list",
    "summary",
)


class ImportFailure(Exception):
    """The input cannot be imported; str(error) is one line saying why."""


@dataclass
class ParsedAuthor:
    name: str
    role: str = ""  # e.g. "Senior Lecturer"
    affiliation: str = ""  # e.g. "University of Nottingham"


@dataclass
class ParsedReference:
    """A reference split into Harvard parts where the parser could; the original
    line is always kept in `free_text`, which is what renders when `title` is empty."""

    free_text: str
    authors: str = ""  # "Bottoms, A." / "Robinson, G. and McNeill, F."
    year: str = ""  # "2001" (or "2001a", "n.d.")
    title: str = ""  # the work's own title (an article or chapter title, or a book)
    container: str = ""  # journal or edited book the title appears in, with editors
    publisher: str = ""
    place: str = ""
    volume: str = ""  # "Vol 12" / "12(4)"
    pages: str = ""  # "431-449"
    url: str = ""


@dataclass
class ParsedBlock:
    type: str
    value: Any


@dataclass
class ParsedPiece:
    title: str
    reference: str = ""  # "KR/TP/8" (without the version)
    version: str = ""  # "1.0"
    authors: list[ParsedAuthor] = field(default_factory=list)
    publication_date: date | None = None
    topics: list[str] = field(default_factory=list)
    abstract: str = ""  # plain text, paragraphs separated by a blank line
    blocks: list[ParsedBlock] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)  # in order, numbering removed
    references: list[ParsedReference] = field(default_factory=list)
    # Text the parser read but could not place anywhere in the piece, as written
    # (a site name above the title, a "Date: spring 2019" line, a lead-in inside
    # the questions, links under "Related articles"). Reported, never imported.
    unplaced: list[str] = field(default_factory=list)

    def missing(self) -> list[str]:
        """The parts of a piece the input did not give, in the order a page shows them."""
        wanted = {
            "reference": self.reference,
            "version": self.version,
            "authors": self.authors,
            "abstract": self.abstract,
            "questions": self.questions,
        }
        return [name for name, value in wanted.items() if not value]

    def count(self, block_type: str) -> int:
        return sum(1 for block in self.blocks if block.type == block_type)

    def summary_counts(self) -> dict[str, int]:
        return {
            "headings": self.count("heading"),
            "tables": self.count("table"),
            "figures": self.count("figure"),
            "questions": len(self.questions),
            "references": len(self.references),
        }

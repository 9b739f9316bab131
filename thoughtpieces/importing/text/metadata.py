"""Metadata lines (reference and version, authors, date, topics, bylines), the
days they give, and setting what they say on a parsed piece."""

import re
from dataclasses import dataclass, field
from datetime import date

from .authors import read_authors
from .cleaning import clean

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def parse_day(text: str) -> date | None:
    """A full day: '2011-03-14', '14/03/2011', '14 March 2011', 'Monday 14th March 2011'.

    Anything less precise (a month, a year) or impossible gives None.
    """
    text = clean(text).lower().replace(",", " ")
    numbers: tuple[int, int, int] | None = None
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        numbers = (int(match[1]), int(match[2]), int(match[3]))
    elif match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        numbers = (int(match[3]), int(match[2]), int(match[1]))
    elif match := re.fullmatch(
        r"(?:[a-z]+day\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?\s+(\d{4})", text
    ):
        if match[2] in _MONTHS:
            numbers = (int(match[3]), _MONTHS[match[2]], int(match[1]))
    if numbers is None:
        return None
    try:
        return date(*numbers)
    except ValueError:
        return None


_CODE = re.compile(
    r"(?<![A-Za-z0-9/])(?P<code>[A-Z][A-Z0-9]*(?:[/-][A-Z0-9]+)*[/-][A-Z0-9]*\d[A-Z0-9]*)"
    r"(?:/v?(?P<tail>\d+(?:\.\d+)+))?(?![A-Za-z0-9]|\.\d)"
)
_VERSION = re.compile(r"\b(?:version|ver\.?|v\.?)\s*:?\s*(?P<version>\d+(?:\.\d+){0,2})\b", re.I)
_REFERENCE_LABELS = re.compile(
    r"\b(?:document|reference|ref|number|no|code|thought piece|version|ver|v)\b\.?", re.I
)
_META_LABEL = re.compile(
    r"^(?P<key>version|reference|ref\.?|reference number|document reference|author|authors"
    r"|contributors?|date|published|date published|publication date"
    r"|tags|topics|keywords|categories|filed under)(?:\s*:|\s+[–—-])\s*(?P<value>.*)$"
    r"|^(?P<posted>posted|published)\s+on\s*:?\s*(?P<day>\S.{0,40})$",
    re.IGNORECASE,
)
_AUTHOR_LABEL_ALONE = re.compile(r"^(?:authors?|contributors?|written by)\s*[:–—-]?$", re.I)
_BYLINE = re.compile(
    r"^(?:(?:an?\s+)?(?:article|paper|piece|thought piece|blog(?: post)?|post)\s+by\s*:?"
    r"|written\s+by\s*:?|posted\s+by\s*:?|by\s*:|By\s)"
    r"\s*(?P<rest>\S.*)$",
)
_BYLINE_LOWER = re.compile(
    r"^(?:(?:an?\s+)?(?:article|paper|piece|thought piece|blog(?: post)?|post)\s+by\s*:?"
    r"|written\s+by\s*:?|posted\s+by\s*:?|by\s*:)\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)


@dataclass
class MetaLine:
    """What one metadata line says. `kind`: reference, authors, date, topics or unusable."""

    kind: str
    reference: str = ""
    version: str = ""
    authors: str = ""  # the byline text ("" for a bare 'Authors:' label: names follow)
    labelled: bool = False  # 'Author:' (explicit), not a 'By …' byline
    day: date | None = None
    topics: list[str] = field(default_factory=list)


def read_reference(line: str) -> tuple[str, str] | None:
    """A line holding only a reference and/or version, in any of the usual shapes:
    'Version: KR/TP/5/1.2', 'Reference: KR/TP/8', 'Version 1.0', 'KR/TP/8 v1.0',
    'Version 1.2 (KR/TP/5)', 'Thought Piece KR/TP/8/1.0'. None for anything else."""
    text = clean(line)
    if len(text) > 80:
        return None
    reference = version = ""
    rest = text
    if code := _CODE.search(rest):
        reference, version = code["code"], code["tail"] or ""
        rest = rest[: code.start()] + " " + rest[code.end() :]
    if found := _VERSION.search(rest):
        version = version or found["version"]
        rest = rest[: found.start()] + " " + rest[found.end() :]
    elif not reference:
        return None
    rest = _REFERENCE_LABELS.sub(" ", rest)
    if re.sub(r"[\s:;,.|()\[\]–—\-/]", "", rest):
        return None
    if not reference and not re.match(r"^(?:version|ver\.?|v)", text, re.I):
        return None
    return reference, version


def read_meta_line(line: str) -> MetaLine | None:
    """The metadata a line states (reference, version, authors, date, topics), or None.

    A labelled line whose value cannot be used ('Date: spring 2019', 'Reference: tbc')
    is `unusable`, so the caller can report it."""
    text = clean(line)
    if not text or len(text) > 300:
        return None
    if found := read_reference(text):
        return MetaLine("reference", reference=found[0], version=found[1])
    if _AUTHOR_LABEL_ALONE.match(text):
        return MetaLine("authors", labelled=True)
    labelled = _META_LABEL.match(text)
    if labelled and labelled["posted"]:
        day = parse_day(labelled["day"])
        return MetaLine("date", day=day) if day else None
    if labelled:
        key, value = labelled["key"].lower().rstrip("."), labelled["value"]
        if key in ("author", "authors", "contributor", "contributors"):
            return MetaLine("authors", authors=value, labelled=True)
        if key in ("tags", "topics", "keywords", "categories", "filed under"):
            topics = [clean(t) for t in re.split(r"[,;|]", value) if clean(t)]
            return MetaLine("topics", topics=topics) if topics else MetaLine("unusable")
        if key in ("version", "reference", "ref", "reference number", "document reference"):
            return MetaLine("unusable")
        day = parse_day(value)
        return MetaLine("date", day=day) if day else MetaLine("unusable")
    return None


def apply_meta(piece, meta: MetaLine, line: str, names: list[str] | None = None) -> list[str]:
    """Set what `meta` (read from `line`) says on a ParsedPiece where it is still empty.

    `names` are the lines under a bare 'Authors:' label. Returns what could not be
    placed: the line itself when it contradicts what the piece already says or its
    value is unusable, and byline parts that are neither a name, role nor body."""
    unplaced: list[str] = []
    if meta.kind == "reference":
        for name, value in (("reference", meta.reference), ("version", meta.version)):
            if value and not getattr(piece, name):
                setattr(piece, name, value)
            elif value and getattr(piece, name) != value:
                unplaced.append(line)
    elif meta.kind == "authors":
        given = [meta.authors] if meta.authors else names or []
        authors, leftovers = read_authors(given, strict=False)
        known = {author.name for author in piece.authors}
        piece.authors.extend(author for author in authors if author.name not in known)
        unplaced.extend(leftovers if authors else [line])
    elif meta.kind == "date" and not piece.publication_date:
        piece.publication_date = meta.day
    elif meta.kind == "topics":
        piece.topics.extend(topic for topic in meta.topics if topic not in piece.topics)
    elif meta.kind == "unusable":
        unplaced.append(line)
    return list(dict.fromkeys(unplaced))


def read_byline(line: str) -> str | None:
    """The text after 'Written by', 'An article by:', 'By …' (capital B), or None."""
    found = _BYLINE.match(clean(line)) or _BYLINE_LOWER.match(clean(line))
    return found["rest"] if found else None

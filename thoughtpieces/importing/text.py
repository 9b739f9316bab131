"""
Text helpers shared by the Thought Piece parsers.

Conventions:

* Typography is kept: curly quotes, apostrophes and dashes stay as written.
  Only the *spacing* is normalised: non-breaking and other Unicode spaces
  become ordinary spaces, runs of spaces collapse to one, ends are stripped
  (`clean`).
* Paragraph HTML is built here (`paragraphs_html`) so every parser escapes
  the same way: each paragraph becomes one `<p>` with its text HTML-escaped.
* `split_reference` turns one reference-list entry into a `ParsedReference`.
  It understands the Harvard shapes found in practitioner texts:

      Authors (Year) Title. Place: Publisher.
      Authors (Year) ‘Title’ in Editors (eds.) Book, pp. 1-20. Place: Publisher.
      Authors (Year) ‘Title’, Journal, 12(4), pp. 1-20.
      Authors (Year) ‘Title’ in Journal  Vol 12: 431-449

  where fields may also be separated by runs of two or more spaces (text copied
  from a web page's layout). Anything it cannot split keeps only `free_text`.
* `split_reference_version` splits "KR/TP/8/1.0" into ("KR/TP/8", "1.0").
"""

import html
import re
from datetime import date

from thoughtpieces.importing.document import ImportFailure, ParsedAuthor, ParsedReference

# Unicode spaces that web pages use for layout; all become a plain space.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

HONORIFICS = ("dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame")


def reject_binary(source: str) -> None:
    """Raise ImportFailure when `source` is empty or does not look like text."""
    if "\x00" in source:
        raise ImportFailure("the input looks like a binary file (it contains NUL bytes)")
    if not source.strip():
        raise ImportFailure("the input is empty")
    controls = len(_CONTROL.findall(source))
    if controls > max(8, len(source) // 20):
        raise ImportFailure("the input looks like a binary file (too many control characters)")


def split_lines(source: str) -> list[str]:
    """The lines of `source` (any line ending), with the BOM and zero-width characters removed."""
    text = _ZERO_WIDTH.sub("", source)
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def plain_spaces(text: str) -> str:
    """`text` with non-breaking and other Unicode spaces as plain spaces (runs kept)."""
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", text))


def clean(text: str) -> str:
    """`text` on one line: Unicode spaces normalised, runs collapsed, ends stripped."""
    return " ".join(plain_spaces(text).split())


def paragraphs_html(paragraphs: list[str]) -> str:
    """HTML for plain-text paragraphs: one escaped `<p>` each, empty ones dropped."""
    return "".join(
        f"<p>{html.escape(text, quote=False)}</p>" for text in map(clean, paragraphs) if text
    )


def split_reference_version(reference: str) -> tuple[str, str]:
    """Split a document reference with a trailing version: "KR/TP/8/1.0" -> ("KR/TP/8", "1.0")."""
    reference = clean(reference)
    match = re.fullmatch(r"(?P<ref>.+?)\s*/\s*v?(?P<version>\d+(?:\.\d+)+)", reference, re.I)
    if match:
        return match["ref"], match["version"]
    return reference, ""


def strip_honorific(name: str) -> str:
    """'Dr Emily Evans' -> 'Emily Evans'; names without a title are returned unchanged."""
    words = clean(name).split(" ")
    while len(words) > 1 and words[0].rstrip(".").lower() in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def parse_authors(text: str) -> list[ParsedAuthor]:
    """Authors from a byline: 'Dr Emily Evans, University of Nottingham, UK'.

    Groups are separated by ';'. In each group the part before the first comma holds
    one or more names ('A Smith and B Jones', 'A Smith & B Jones'), honorifics dropped;
    the next comma-separated part is their affiliation (later parts, e.g. a country, are
    ignored).
    """
    authors = []
    for group in clean(text).split(";"):
        parts = [part.strip() for part in group.strip(" .").split(",") if part.strip()]
        if not parts:
            continue
        affiliation = parts[1] if len(parts) > 1 else ""
        for name in re.split(r"\s+and\s+|\s*&\s*", parts[0]):
            name = strip_honorific(name).strip(" .")
            if name:
                authors.append(ParsedAuthor(name=name, affiliation=affiliation))
    return authors


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


# --- references --------------------------------------------------------------

# Spaces in the working copy: a run of 2+ (a layout gap) is kept as two spaces.
_GAP = re.compile(r" {2,}")
_YEAR = re.compile(r"\(\s*(?P<year>\d{4}[a-z]?|n\.\s?d\.?)\s*\)")
_PLACE_PUBLISHER = re.compile(
    r"(?:(?<=[.,])\s+|\s{2,})"
    r"(?P<place>[A-Z][A-Za-z'’\-]*(?: [A-Za-z'’\-]+){0,3}):\s*"
    r"(?P<publisher>[^:]+?)[\s.]*$"
)
_JOURNAL = re.compile(
    r"^(?P<container>.+?)[,\s]\s*(?P<volume>(?:Vol\.?\s*)?\d+(?:\s*\(\d+\))?)\s*[:,]\s*"
    r"(?:pp?\.\s*)?(?P<pages>\d+\s*[-–]\s*\d+)[\s.]*$"
)
_PAGES = re.compile(r"[,\s]\s*pp?\.\s*(?P<pages>\d+\s*[-–]\s*\d+)[\s.]*$")
_URL = re.compile(r"https?://\S+")
_QUOTED_TITLE = re.compile(
    r"^(?P<open>[‘“'\"])(?P<title>.+?)[’”'\"](?=\s*(?:[,.;:]|in\s|$)|\s+[A-Z(]|\s{2,})"
)


def _strip_trailing_period(text: str) -> str:
    """Drop a final full stop unless it ends an initial ('Bottoms, A.')."""
    text = text.strip(" ,;")
    if text.endswith(".") and not re.search(r"(?:^|[\s.,])[A-Z]\.$|\bal\.$|\beds?\.\)?$", text):
        text = text[:-1]
    return text.strip()


def _split_title_and_rest(rest: str) -> tuple[str, str, bool]:
    """(title, what follows it, whether the title was quoted)."""
    quoted = _QUOTED_TITLE.match(rest)
    if quoted:
        return quoted["title"].strip(), rest[quoted.end() :], True
    return rest, "", False


def split_reference(line: str) -> ParsedReference:
    """One reference-list entry split into Harvard parts where its shape allows."""
    working = _GAP.sub("  ", plain_spaces(line).strip())
    free_text = clean(line)
    reference = ParsedReference(free_text=free_text)
    url = _URL.search(free_text)
    if url:
        reference.url = url.group(0).rstrip(".,;)")
    year = _YEAR.search(working)
    if not year or not working[: year.start()].strip():
        return reference
    authors = _strip_trailing_period(clean(working[: year.start()]))
    rest = working[year.end() :].strip()
    if url:
        rest = _URL.sub(" ", rest)
        rest = re.sub(r"\(?\s*\[?accessed[^)\]]*[)\]]?", " ", rest, flags=re.I)
        rest = re.sub(r"\[online\]|available (?:at|from|online)\s*:?", " ", rest, flags=re.I)
        rest = rest.strip()

    place = publisher = ""
    found = _PLACE_PUBLISHER.search(rest)
    if found:
        place, publisher = found["place"].strip(), clean(found["publisher"])
        rest = rest[: found.start()]

    title, after, quoted = _split_title_and_rest(rest.strip())
    if not quoted:
        title = clean(title)
    container = volume = pages = ""
    after = after.strip(" ,")
    if after.lower().startswith("in "):
        after = after[3:]
    if after:
        journal = _JOURNAL.match(after)
        page_match = _PAGES.search(after)
        if journal:
            container, volume, pages = journal["container"], journal["volume"], journal["pages"]
        elif page_match:
            container, pages = after[: page_match.start()], page_match["pages"]
        else:
            container = after
    title = _strip_trailing_period(clean(title))
    if not title:
        return reference
    reference.authors = authors
    reference.year = year["year"]
    reference.title = title
    reference.container = _strip_trailing_period(clean(container))
    reference.volume = clean(volume)
    reference.pages = re.sub(r"\s+", "", pages)
    reference.place = place
    reference.publisher = _strip_trailing_period(publisher)
    return reference


# --- sections and statutes ------------------------------------------------------

# Headings that open a special section rather than becoming a heading block.
SECTION_NAMES = {
    "abstract": "abstract",
    "summary": "summary",
    "questions to consider": "questions",
    "questions for reflection": "questions",
    "references": "references",
    "bibliography": "references",
    "reference list": "references",
}

_CITATIONS = {
    "echr": "European Convention on Human Rights",
    "hra": "Human Rights Act 1998",
}
_STATUTE_HEADING = re.compile(
    r"^(?P<kind>article|section)\s+(?P<number>\d+[a-z]?)\b\s*(?:[-–—:,]\s*)?(?P<citation>.*)$",
    re.IGNORECASE,
)


def section_name(heading: str) -> str:
    """'References' -> 'references', 'Questions to consider:' -> 'questions', others -> ''."""
    return SECTION_NAMES.get(clean(heading).rstrip(" :").lower(), "")


def split_statute_heading(text: str) -> tuple[str, str] | None:
    """'ARTICLE 8  ECHR' -> ('Article 8', 'European Convention on Human Rights').

    None unless the text is a short heading naming an article or section (it must
    not end like a sentence, with a full stop, colon, semicolon or comma).
    """
    text = clean(text)
    match = _STATUTE_HEADING.match(text)
    if not match or len(match["citation"]) > 80 or text[-1] in ".:;,":
        return None
    citation = re.sub(r"^of\s+(?:the\s+)?", "", match["citation"].strip(" -–—:,"), flags=re.I)
    citation = _CITATIONS.get(citation.lower(), citation)
    return f"{match['kind'].capitalize()} {match['number']}", citation

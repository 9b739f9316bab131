"""One reference-list entry split into its Harvard parts (see the package's docstring
for the shapes understood)."""

import re

from thoughtpieces.importing.document import ParsedReference

from .cleaning import clean, plain_spaces

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

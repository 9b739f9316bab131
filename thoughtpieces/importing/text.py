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
from dataclasses import dataclass, field
from datetime import date

from thoughtpieces.importing.document import ImportFailure, ParsedAuthor, ParsedReference

# Unicode spaces that web pages use for layout; all become a plain space.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

HONORIFICS = (
    "dr",
    "prof",
    "professor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "sir",
    "dame",
    "rev",
    "revd",
)


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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.split(r"[\n\u2028\u2029\x0b\x0c\x85]", text)


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

    See `read_authors`; this is the lenient form with the leftovers discarded.
    """
    return read_authors([text], strict=False)[0]


# --- authors -------------------------------------------------------------------

_ROLE_WORDS = frozenset(
    """lecturer professor reader officer manager worker sergeant inspector constable
    detective superintendent director researcher fellow coordinator co-ordinator lead head
    chief practitioner adviser advisor analyst trainer tutor student candidate consultant
    chair chairperson volunteer mentor specialist supervisor editor assistant associate
    deputy senior principal navigator caseworker keyworker nurse psychologist psychiatrist
    counsellor commissioner governor educator administrator secretary ceo founder trustee
    leader facilitator scientist solicitor barrister magistrate chaplain councillor
    spokesperson apprentice intern""".split()
)
_ORG_WORDS = frozenset(
    """university college school institute centre center police constabulary probation
    service services trust council ministry office foundation charity partnership
    department agency association nhs hmpps nps crc prison hmp group network project
    society ltd limited unit team board authority commission court company cic initiative
    programme program hub alliance federation forum consortium clinic hospital academy
    faculty division directorate inspectorate""".split()
)
_PLACES = frozenset(
    [
        "uk",
        "u.k.",
        "united kingdom",
        "england",
        "wales",
        "scotland",
        "northern ireland",
        "ireland",
        "gb",
        "great britain",
        "britain",
    ]
)
_PARTICLES = frozenset("de van von der den la le du da di bin al el ter st".split())
_NAME_WORD = re.compile(r"^(?:[A-Z][a-zà-ÿ'’]*(?:[-'’][A-Z]?[a-zà-ÿ]+)*|[A-Z]\.?(?:[A-Z]\.?)?)$")
_PAREN = re.compile(r"^(?P<outer>[^()]*?)\s*\((?P<inner>[^()]*)\)\s*(?P<after>.*)$")


def _words_of(part: str) -> set[str]:
    return set(re.findall(r"[a-z][a-z\-]*", part.lower()))


def _is_name(part: str) -> bool:
    """'Jane Smith', 'Dr A. N. Other', 'Ruud van Dijk': a person's name, not a role or body."""
    words = clean(part).split(" ")
    honorific = len(words) > 1 and words[0].rstrip(".").lower() in HONORIFICS
    words = strip_honorific(part).split(" ")
    if _words_of(part) & (_ROLE_WORDS | _ORG_WORDS) and not honorific:
        return False
    if not 2 <= len(words) <= 5 and not (honorific and len(words) == 1):
        return False
    if words[0].lower() in _PARTICLES:
        return False
    return all(_NAME_WORD.match(word) or word.lower() in _PARTICLES for word in words)


def _kind(part: str) -> str:
    """'name', 'role', 'org', 'place' or 'other' for one comma-separated part of a byline."""
    lowered = clean(part).lower().strip(" .")
    if lowered in _PLACES:
        return "place"
    if _is_name(part):
        return "name"
    words = _words_of(part)
    if words & _ROLE_WORDS:
        return "role"
    if words & _ORG_WORDS:
        return "org"
    return "other"


def _split_outside_parentheses(text: str, separators: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in text:
        depth += char == "("
        depth -= char == ")" and depth > 0
        if char in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [clean(part).strip(" .") for part in parts if clean(part).strip(" .")]


def _split_and(part: str) -> list[str]:
    """'A Smith (Drug and Alcohol Worker) and B Jones' -> the two people, split at an
    'and' or '&' outside brackets."""
    pieces, start, depth = [], 0, 0
    for match in re.finditer(r"[()]|\s+(?:and|&)\s+", part):
        token = match.group(0)
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            pieces.append(part[start : match.start()])
            start = match.end()
    pieces.append(part[start:])
    return [clean(piece) for piece in pieces if clean(piece)]


def _person(part: str) -> tuple[str, list[str]] | None:
    """'Jane Smith (Probation Officer)' -> ('Jane Smith', ['Probation Officer'])."""
    match = _PAREN.match(part)
    outer, extras = (match["outer"], [match["inner"], match["after"]]) if match else (part, [])
    if not _is_name(outer):
        return None
    details = [d for extra in extras for d in _split_outside_parentheses(extra, ",;")]
    return strip_honorific(outer).strip(" ."), details


def _place_detail(author: ParsedAuthor, detail: str, leftovers: list[str]) -> None:
    """Give `author` a role or an affiliation from one part of a byline."""
    role, at, body = detail.partition(" at ")
    if at and _kind(body) == "org":
        _place_detail(author, role, leftovers)
        _place_detail(author, body, leftovers)
        return
    kind = _kind(detail)
    if kind == "place":
        return
    if kind == "role" and not author.role:
        author.role = detail
    elif kind in ("org", "other") and not author.affiliation:
        author.affiliation = detail
    elif kind == "other" and not author.role:
        author.role = detail
    else:
        leftovers.append(detail)


def read_authors(lines: list[str], *, strict: bool) -> tuple[list[ParsedAuthor], list[str]]:
    """Authors from byline text, and the parts that could not be placed.

    Each line (and each ';'-separated group in it) is read on its own. A group is
    split at commas outside brackets; a part that is a person's name ('Jane Smith',
    'Dr Jane Smith', 'Jane Smith (Probation Officer)', 'A Smith and B Jones') starts
    one or more authors, and the parts after it are their role ('Senior Lecturer',
    words like Officer, Lecturer, Manager) or affiliation ('University of X', words
    like University, Police, Trust, Service), a country being ignored. With `strict`
    off, a group that opens with something that is not a name still gives an author
    of that name (an organisation, 'The Northmoor IOM Team').
    """
    authors: list[ParsedAuthor] = []
    leftovers: list[str] = []
    for line in lines:
        for group in clean(line).split(";"):
            current: list[ParsedAuthor] = []
            for index, part in enumerate(_split_outside_parentheses(group, ",")):
                part = re.sub(r"^(?:and|&)\s+", "", part)
                pieces = _split_and(part)
                people = [_person(piece) for piece in pieces]
                if current and len(pieces) > 1 and people[0] is None and all(people[1:]):
                    # '…, University of X and Tom Brown, …': the last detail of one
                    # author, then the next author.
                    for author in current:
                        _place_detail(author, pieces[0], leftovers if author is current[0] else [])
                    pieces, people = pieces[1:], people[1:]
                if all(people):
                    current = [ParsedAuthor(name=name) for name, _ in people]
                    authors.extend(current)
                    for author, (_, details) in zip(current, people, strict=True):
                        for detail in details:
                            _place_detail(author, detail, leftovers)
                    if any(details for _, details in people[:-1]):
                        # 'A Smith (Officer) and B Jones, Lecturer, University of X':
                        # A has her own details, so the parts after belong to B only.
                        current = current[-1:]
                elif current:
                    for author in current:
                        _place_detail(author, part, leftovers if author is current[0] else [])
                elif index == 0 and not strict and _kind(part) != "place":
                    current = [ParsedAuthor(name=strip_honorific(part))]
                    authors.extend(current)
                else:
                    leftovers.append(part)
    return authors, leftovers


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
# "related" sections (links to other pages) are navigation: their lines are left
# out of the piece and reported as unplaced.
SECTION_NAMES = {
    "abstract": "abstract",
    "summary": "summary",
    "questions to consider": "questions",
    "questions for reflection": "questions",
    "questions for discussion": "questions",
    "discussion questions": "questions",
    "discussion points": "questions",
    "points for discussion": "questions",
    "points for reflection": "questions",
    "points to consider": "questions",
    "reflection points": "questions",
    "reflective questions": "questions",
    "questions to think about": "questions",
    "things to think about": "questions",
    "questions": "questions",
    "references": "references",
    "bibliography": "references",
    "reference list": "references",
    "further reading": "references",
    "related articles": "related",
    "related content": "related",
    "related pages": "related",
    "related thought pieces": "related",
    "you may also like": "related",
    "you might also be interested in": "related",
    "more thought pieces": "related",
    "more from this section": "related",
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
    name = clean(heading).replace("’", "'").rstrip(" :：–—-").lower()
    return SECTION_NAMES.get(name, "")


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


# --- site chrome, breadcrumbs, cookie banners ------------------------------------

_WEEKDAY_DATE = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"\s+[a-z]+,?\s+\d{4}"
)
_CHROME = re.compile(
    r"^(?:"
    r"create your own brochure|\[?(?:skip|jump) to (?:the )?(?:main )?(?:content|navigation)\]?"
    r"|skip navigation|search our site|search this site|search|menu|main menu|close menu"
    r"|log ?in|sign in|log ?out|sign out|register"
    r"|(?:↑\s*)?back to (?:the )?top(?: of (?:the )?page)?|return to top|top of page|to top"
    r"|back to (?:list|index|results|search results|news|blog|home|all [\w ]{1,30})"
    r"|print|print this (?:page|article|post|piece)|print page|email this page"
    r"|share|share this|share this (?:page|article|post|piece)|share (?:on|via) \w+"
    r"|facebook|twitter|x|linkedin|email|whatsapp|tweet|bluesky"
    r"|download (?:as )?pdf|download this (?:page|article|piece|thought piece)(?: as pdf)?"
    r"|accept(?: all| additional)? cookies|reject(?: all| additional)? cookies|accept all"
    r"|reject all|accept|reject|cookie (?:settings|preferences|policy)|manage cookies"
    r"|manage cookie preferences|view cookies|change your cookie settings|hide this message"
    r"|hide cookie message|i agree|got it"
    r"|(?:page )?last (?:updated|modified|reviewed|edited)(?: on)?:?\s*"
    r"(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\b|today|yesterday).{0,40}"
    r"|(?:©|\(c\)|copyright\s+(?:©|\(c\)|\d{4})).{0,120}|all rights reserved"
    r"|comments?(?: \(\d+\))?|\d+ comments?|leave a (?:comment|reply)|add a comment"
    r"|no comments yet|be the first to comment"
    r"|was this page (?:helpful|useful)\?(?: yes no)?|is this page useful\?(?: yes no)?"
    r"|yes|no|report a problem with this page|rate this page|advertisement"
    r"|\d+ min(?:ute)?s? read|reading time:? .{0,20}"
    r"|" + _WEEKDAY_DATE + r"|[.·|•]+"
    r")[.!]?$",
    re.IGNORECASE,
)
_PAGER_WORDS = re.compile(
    r"previous|prev|next|older|newer|post|posts|article|articles|page|piece|thought|entries"
    r"|[‹›«»←→<>|:\-–—\s]",
    re.IGNORECASE,
)
_CRUMB_SEPARATOR = re.compile(r"\s*(?:>|»|›|→|\\)\s*|\s+[/|]\s+")
_CRUMB_START = re.compile(r"^(?:you are here|breadcrumbs?|location)\s*:\s*", re.IGNORECASE)
_COOKIE_BANNER = re.compile(
    r"\bcookies?\b.*\b(?:accept|agree|consent|settings|preferences|improve|essential|"
    r"analytics)\b|\b(?:we use|this (?:web)?site uses|uses)\b.*\bcookies?\b",
    re.IGNORECASE,
)


def is_chrome(line: str) -> bool:
    """A whole line of site navigation: 'Print this page', '‹ Previous Next ›', 'Back to top'."""
    text = clean(line)
    if len(text) > 160:
        return False
    if _CHROME.match(text):
        return True
    # Pagers: 'Previous Next', '« Previous post | Next post »', '← Older posts'.
    return bool(re.search(r"previous|prev|next|older|newer", text, re.I)) and not (
        _PAGER_WORDS.sub("", text)
    )


def is_breadcrumb(line: str) -> bool:
    """'Home > Knowledge Resource > Thought Pieces', 'Home / Blog / …', 'Home » News'."""
    text = _CRUMB_START.sub("", clean(line))
    if len(text) > 200 or not any(mark in text for mark in ">»›→\\/|"):
        return False
    parts = [part for part in _CRUMB_SEPARATOR.split(text) if part]
    if len(parts) < 2 or any(len(part.split()) > 15 for part in parts):
        return False
    if parts[0].lower() in ("home", "homepage", "home page", "start"):
        return True
    arrows = len(re.findall(r">|»|›|→", text))
    return arrows >= 2 and len(parts) >= 3 and all(len(p.split()) <= 8 for p in parts)


def is_cookie_banner(text: str) -> bool:
    """A paragraph asking about cookies ('We use cookies to … Accept all cookies')."""
    text = clean(text)
    return len(text.split()) <= 90 and bool(_COOKIE_BANNER.search(text))


# --- metadata lines --------------------------------------------------------------

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


# --- questions -------------------------------------------------------------------

_PROMPT_VERBS = re.compile(
    r"^(?:think|consider|reflect|describe|discuss|identify|list|explain|compare|imagine|"
    r"recall|note|write|talk|look|share|map|outline|suggest)\b",
    re.IGNORECASE,
)


def is_question(text: str) -> bool:
    """A discussion question or reflection prompt: ends with '?' or opens with a prompt verb."""
    text = clean(text)
    return text.endswith("?") or bool(_PROMPT_VERBS.match(text) and not text.endswith(":"))

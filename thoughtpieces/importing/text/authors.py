"""Authors from a byline: people's names (titles dropped), their roles and the
bodies they work for, and what could not be placed."""

import re

from thoughtpieces.importing.document import ParsedAuthor

from .cleaning import clean

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

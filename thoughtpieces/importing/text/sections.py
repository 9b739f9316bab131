"""Section headings (Abstract, Questions to consider, References, Related articles),
statute headings ("Article 8  ECHR") and discussion questions."""

import re

from .cleaning import clean

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

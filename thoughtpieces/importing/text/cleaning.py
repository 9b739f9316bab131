"""Cleaning what was pasted: binary input refused, lines split, spaces made plain,
paragraph HTML escaped one way for every parser, and a reference's version split off."""

import html
import re

from thoughtpieces.importing.document import ImportFailure

# Unicode spaces that web pages use for layout; all become a plain space.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


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

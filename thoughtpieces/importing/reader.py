"""Turning a file's bytes into a ParsedPiece: decoding, format choice, parsing."""

import re
from pathlib import Path

from .document import ImportFailure, ParsedPiece

FORMATS = ("markdown", "text")
MAX_BYTES = 2_000_000
_ATX_HEADING = re.compile(r"^#{1,6} +\S", re.MULTILINE)


def decode(data: bytes) -> str:
    if not data.strip():
        raise ImportFailure("the file is empty")
    if len(data) > MAX_BYTES:
        raise ImportFailure(f"the file is larger than {MAX_BYTES // 1_000_000} MB")
    if b"\x00" in data:
        raise ImportFailure("this is a binary file, not Markdown or text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise ImportFailure("the file is not readable text (UTF-8 or Windows-1252)")
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(5, len(text) // 200):
        raise ImportFailure("this is a binary file, not Markdown or text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def guess_format(*, name: str, text: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in {".md", ".markdown"} or text.lstrip().startswith("---\n"):
        return "markdown"
    if suffix not in {".txt", ".text"} and len(_ATX_HEADING.findall(text[:200_000])) >= 2:
        return "markdown"  # pasted Markdown: "# Title", "## Abstract", …
    return "text"


def parse(*, data: bytes, name: str, fmt: str | None = None) -> ParsedPiece:
    """Decode and parse; raises ImportFailure with a one-line reason."""
    from .parse_markdown import parse_markdown
    from .parse_text import parse_text

    text = decode(data)
    chosen = fmt or guess_format(name=name, text=text)
    if chosen not in FORMATS:
        raise ImportFailure(f"unknown format {chosen!r}: use markdown or text")
    piece = parse_markdown(text) if chosen == "markdown" else parse_text(text)
    if not piece.title.strip():
        raise ImportFailure("no title found")
    return piece

"""Shared by the parser tests: where the fixtures are, and what a parsed piece holds."""

from pathlib import Path

from django.conf import settings

from thoughtpieces.importing.document import ParsedPiece
from thoughtpieces.importing.reader import parse

WEB = Path(__file__).parent / "fixtures" / "web"
SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
NBSP = "\u00a0"


def parse_web(name: str) -> ParsedPiece:
    """The piece parsed from one of fixtures/web/, as the importer reads it."""
    return parse(data=(WEB / name).read_bytes(), name=name)


def authors_of(piece: ParsedPiece) -> list[tuple[str, str, str]]:
    return [(a.name, a.role, a.affiliation) for a in piece.authors]


def headings_of(piece: ParsedPiece) -> list[str]:
    return [block.value["text"] for block in piece.blocks if block.type == "heading"]


def blocks_of(piece: ParsedPiece, block_type: str) -> list:
    return [block.value for block in piece.blocks if block.type == block_type]


def everything(piece: ParsedPiece) -> str:
    """All the text a piece carries, for 'does not contain' checks."""
    parts = [piece.title, piece.abstract, *piece.questions]
    parts += [str(block.value) for block in piece.blocks]
    parts += [reference.free_text for reference in piece.references]
    return "\n".join(parts)

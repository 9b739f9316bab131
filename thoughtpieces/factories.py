"""Test and demo helpers: Thought Pieces built through the real import service."""

from .importing.document import (
    ParsedAuthor,
    ParsedBlock,
    ParsedPiece,
    ParsedReference,
)
from .models import ThoughtPieceIndexPage
from .services import thought_piece_import


def parsed_piece(**overrides) -> ParsedPiece:
    """A small but complete piece using every block type."""
    fields = {
        "title": "Proportionality in practice",
        "reference": "TEST/TP/1",
        "version": "1.0",
        "authors": [ParsedAuthor("Sam Okafor", "Trainer", "Northmoor IOM")],
        "topics": ["Rights"],
        "abstract": "How IOM teams weigh intrusion against benefit.",
        "blocks": [
            ParsedBlock("heading", {"text": "Why it matters", "level": 2}),
            ParsedBlock("paragraph", "<p>IOM work touches family life every day.</p>"),
            ParsedBlock(
                "quotation",
                {"quote": "We knock, we do not barge.", "attribution": "Police officer"},
            ),
            ParsedBlock("heading", {"text": "Two models", "level": 3}),
            ParsedBlock(
                "table",
                {
                    "caption": "Two models",
                    "header": ["Crime Control", "Due Process"],
                    "rows": [["Reduce crime first", "Protect rights first"]],
                },
            ),
            ParsedBlock("figure", {"caption": "Fig 1: The balance", "alt_text": ""}),
            ParsedBlock(
                "statute",
                {
                    "title": "Article 8",
                    "citation": "ECHR",
                    "introduction": "",
                    "clauses": ["Respect for private life.", "Limits on interference."],
                },
            ),
            ParsedBlock("bullet_list", ["Necessary", "Proportionate"]),
            ParsedBlock("numbered_list", ["Assess", "Decide", "Record"]),
            ParsedBlock("summary", {"text": "<p>Balance is a daily judgement.</p>"}),
        ],
        "questions": ["Where do you draw the line?", "Who decides?"],
        "references": [
            ParsedReference(
                "Packer, H. (1968) The Limits of the Criminal Sanction. Stanford: "
                "Stanford University Press.",
                authors="Packer, H.",
                year="1968",
                title="The Limits of the Criminal Sanction",
                place="Stanford",
                publisher="Stanford University Press",
            ),
        ],
    }
    fields.update(overrides)
    return ParsedPiece(**fields)


def make_thought_piece(*, publish: bool = True, **overrides):
    index = ThoughtPieceIndexPage.objects.get()
    return thought_piece_import(
        parsed=parsed_piece(**overrides), parent=index, publish=publish
    ).page

"""parse_text: plain text copied from a web page -> ParsedPiece, on synthetic inputs
written for these tests (the seed documents: test_parse_text_seeds.py)."""

from datetime import date

import pytest

from tests.thoughtpieces.parsed import (
    NBSP,
    everything,
)
from thoughtpieces.importing.document import ImportFailure
from thoughtpieces.importing.parse_text import parse_text

# --- synthetic inputs ---------------------------------------------------------------

SMALL = f"""Create your own Brochure

[Skip to content]

Search our Site
Tuesday 3 March 2015
.

{NBSP}{NBSP}{NBSP}

Working With Families

Version: KR/TP/21/2.0

Author: Dr Sam Lee, Riverside College

Date: 14 March 2011

Abstract

A short look at family contact.{NBSP} It covers two ideas.

Why families matter

Contact with family can support change & keep people <engaged>.

Fig 5: Family contact map

Family contact map

{NBSP}
  1. Agree the visit plan
  2. Review it monthly

Method{NBSP}{NBSP} Purpose
Home visit{NBSP} Builds trust

‘They rang me every week and it helped.’ (Parent 3)

Summary

Families help.

Questions to consider

  1. Who is in the family network?
  2. How is contact recorded?

References

Lee, S.{NBSP} (2010){NBSP} Family Work{NBSP} {NBSP} Leeds: Northmoor Press
Just a note without a year

‹ Previous Next ›
"""


def test_small_document_metadata_and_chrome():
    piece = parse_text(SMALL)
    assert piece.title == "Working With Families"
    assert (piece.reference, piece.version) == ("KR/TP/21", "2.0")
    assert [(a.name, a.affiliation) for a in piece.authors] == [("Sam Lee", "Riverside College")]
    assert piece.publication_date == date(2011, 3, 14)
    assert piece.abstract == "A short look at family contact. It covers two ideas."
    text = everything(piece)
    for chrome in ("Brochure", "Skip to content", "Search our Site", "Tuesday", "Previous"):
        assert chrome not in text


def test_small_document_blocks_in_order():
    piece = parse_text(SMALL)
    assert [block.type for block in piece.blocks] == [
        "heading",
        "paragraph",
        "figure",
        "numbered_list",
        "table",
        "quotation",
        "summary",
    ]
    heading, paragraph, figure, numbered, table, quotation, summary = (
        b.value for b in piece.blocks
    )
    assert heading == {"text": "Why families matter", "level": 2}
    assert (
        paragraph
        == "<p>Contact with family can support change &amp; keep people &lt;engaged&gt;.</p>"
    )
    assert figure == {"caption": "Fig 5: Family contact map", "alt_text": "Family contact map"}
    assert numbered == ["Agree the visit plan", "Review it monthly"]
    assert table == {
        "caption": "",
        "header": ["Method", "Purpose"],
        "rows": [["Home visit", "Builds trust"]],
    }
    assert quotation == {
        "quote": "They rang me every week and it helped.",
        "attribution": "Parent 3",
    }
    assert summary == {"text": "<p>Families help.</p>"}


def test_small_document_questions_and_references():
    piece = parse_text(SMALL)
    assert piece.questions == ["Who is in the family network?", "How is contact recorded?"]
    first, second = piece.references
    assert (first.authors, first.year, first.title) == ("Lee, S.", "2010", "Family Work")
    assert (first.place, first.publisher) == ("Leeds", "Northmoor Press")
    assert first.free_text == "Lee, S. (2010) Family Work Leeds: Northmoor Press"
    assert second.free_text == "Just a note without a year"
    assert (second.authors, second.year, second.title) == ("", "", "")


def test_windows_line_endings_and_stray_blank_lines():
    unix = parse_text(SMALL)
    messy = SMALL.replace("\n\n", f"\n   \n{NBSP}\n\n").replace("\n", "  \r\n")
    windows = parse_text(messy)
    assert windows == unix


def test_paragraph_lines_in_one_chunk_are_joined():
    piece = parse_text(
        "A Title\n\nThe first line of a wrapped\nparagraph ends here.\n\nAnother one.\n"
    )
    assert [block.type for block in piece.blocks] == ["paragraph"]
    assert piece.blocks[0].value == (
        "<p>The first line of a wrapped paragraph ends here.</p><p>Another one.</p>"
    )


def test_statute_with_clauses_in_the_next_chunk():
    source = (
        "A Title\n\nSection 3  Human Rights Act\n\n1. Read laws compatibly.\n2. Where possible.\n"
    )
    (block,) = parse_text(source).blocks
    assert block.type == "statute"
    assert block.value == {
        "title": "Section 3",
        "citation": "Human Rights Act",
        "introduction": "",
        "clauses": ["Read laws compatibly.", "Where possible."],
    }


def test_sentence_mentioning_an_article_is_a_paragraph():
    source = "A Title\n\nArticle 8 of the Convention matters here:\n\n1. One thing\n2. Another\n"
    piece = parse_text(source)
    assert [block.type for block in piece.blocks] == ["paragraph", "numbered_list"]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("", "empty"),
        ("   \n\t\n" + NBSP + "\n", "empty"),
        ("Create your own Brochure\n\nSearch our Site\n.\n", "no title found"),
        ("This whole text is one long paragraph that ends with a full stop.\n", "no title found"),
        ("Title\x00\x00binary", "binary"),
        ("\x01\x02\x03\x04\x05\x06\x07\x08" * 20, "binary"),
    ],
)
def test_unusable_input_fails_with_one_line(source, message):
    with pytest.raises(ImportFailure) as error:
        parse_text(source)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_questions_end_at_a_plain_paragraph():
    source = "A Title\n\nQuestions to consider\n\n1. Why?\n\nA closing note.\n\n1. Not a question\n"
    piece = parse_text(source)
    assert piece.questions == ["Why?"]
    assert [block.type for block in piece.blocks] == ["paragraph", "numbered_list"]


def test_dash_bullets_need_a_space():
    piece = parse_text("A Title\n\n- first\n- second\n\n-5 is a number, not a bullet.\n")
    assert piece.blocks[0].value == ["first", "second"]
    assert piece.blocks[1].value == "<p>-5 is a number, not a bullet.</p>"


def test_authors_one_a_line_under_a_bare_label_after_a_blank_line():
    from thoughtpieces.importing.parse_text import parse_text

    piece = parse_text(
        "A Title\n\nAuthors:\n\nAmy Wu, Team Manager\nBen Ode (Police Constable)\n\nSome text.\n"
    )
    assert [(a.name, a.role) for a in piece.authors] == [
        ("Amy Wu", "Team Manager"),
        ("Ben Ode", "Police Constable"),
    ]
    assert piece.blocks[0].value == "<p>Some text.</p>"


def test_a_reference_that_contradicts_the_first_is_reported_not_used():
    from thoughtpieces.importing.parse_text import parse_text

    piece = parse_text("A Title\n\nVersion: KR/TP/8/1.0\n\nText.\n\nKR/TP/9 v2.0\n")
    assert (piece.reference, piece.version) == ("KR/TP/8", "1.0")
    assert piece.unplaced == ["KR/TP/9 v2.0"]

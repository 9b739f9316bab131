"""parse_text: plain text copied from a web page -> ParsedPiece.

The seed documents are third-party texts read from the shared folder; the
synthetic inputs below are written for these tests.
"""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from thoughtpieces.importing.document import ImportFailure, ParsedPiece
from thoughtpieces.importing.parse_text import parse_text
from thoughtpieces.importing.text import (
    clean,
    paragraphs_html,
    parse_authors,
    parse_day,
    split_reference,
    split_reference_version,
    split_statute_heading,
)

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
THOUGHT_PIECE = SEEDS / "004_eda3a18fbc1bb373.txt"
ARTICLE = SEEDS / "000_5f16f30e4b50c4db.txt"
CHROME = (
    "Create your own Brochure",
    "Search our Site",
    "Skip to content",
    "Monday 22 January 2018",
)
NBSP = "\u00a0"


def _seed(path: Path) -> ParsedPiece:
    if not path.exists():
        pytest.skip(f"seed document {path} is not available in this checkout")
    return parse_text(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def legal_framework() -> ParsedPiece:
    return _seed(THOUGHT_PIECE)


@pytest.fixture(scope="module")
def article() -> ParsedPiece:
    return _seed(ARTICLE)


def _everything(piece: ParsedPiece) -> str:
    """All the text a piece carries, for 'does not contain' checks."""
    parts = [piece.title, piece.abstract, *piece.questions]
    parts += [str(block.value) for block in piece.blocks]
    parts += [reference.free_text for reference in piece.references]
    return "\n".join(parts)


def _blocks(piece: ParsedPiece, block_type: str) -> list:
    return [block.value for block in piece.blocks if block.type == block_type]


# --- seed 004: the Thought Piece "The Legal Framework" ------------------------------


def test_seed_thought_piece_metadata(legal_framework):
    assert legal_framework.title == "The Legal Framework"
    assert legal_framework.reference == "KR/TP/8"
    assert legal_framework.version == "1.0"
    assert [author.name for author in legal_framework.authors] == ["Anne Robinson"]
    assert legal_framework.publication_date is None


def test_seed_thought_piece_abstract_is_not_a_block(legal_framework):
    assert legal_framework.abstract.startswith("In one sense the title")
    assert NBSP not in legal_framework.abstract
    assert not any("In one sense the title" in str(block.value) for block in legal_framework.blocks)


def test_seed_thought_piece_drops_site_chrome(legal_framework):
    text = _everything(legal_framework)
    for chrome in CHROME:
        assert chrome not in text
    first = legal_framework.blocks[0]
    assert first.type == "heading"
    assert first.value == {"text": "So where does IOM come from?", "level": 2}


def test_seed_thought_piece_headings(legal_framework):
    headings = [value["text"] for value in _blocks(legal_framework, "heading")]
    assert headings == [
        "So where does IOM come from?",
        "How has IOM grown out of this?",
        "Key issues in implementing IOM",
        "Looking critically at compliance",
        "And the future of IOM?",
    ]


def test_seed_thought_piece_questions(legal_framework):
    questions = legal_framework.questions
    assert len(questions) == 6
    assert questions[0].startswith("To what extent do your local IOM arrangements")
    assert questions[5].startswith("What do you feel will be the most significant")
    assert not any(question[0].isdigit() for question in questions)
    assert "experience? How could you guard" in questions[1]


def test_seed_thought_piece_tables(legal_framework):
    tables = _blocks(legal_framework, "table")
    assert len(tables) == 2
    strands, models = tables
    assert strands["header"] == ["Strand", "Lead agency"]
    assert len(strands["rows"]) == 3
    assert strands["rows"][0] == ["Catch and Convict", "police"]
    assert [row[1] for row in strands["rows"]] == ["police", "probation", "youth offending team"]
    assert models["header"] == ["Crime Control", "Due Process"]
    assert len(models["rows"]) == 1
    # The second cell had a layout gap in the middle of its sentence: it stays one cell.
    assert models["rows"][0][1].startswith("Actions to reduce crime, even if")
    assert models["rows"][0][1].endswith("key rights of individuals")


def test_seed_thought_piece_statute(legal_framework):
    (statute,) = _blocks(legal_framework, "statute")
    assert statute["title"] == "Article 8"
    assert statute["citation"] == "European Convention on Human Rights"
    assert len(statute["clauses"]) == 2
    assert statute["clauses"][0].startswith("Everyone has the right to respect")
    assert not statute["clauses"][1][0].isdigit()


def test_seed_thought_piece_figures(legal_framework):
    figures = _blocks(legal_framework, "figure")
    assert [figure["caption"] for figure in figures] == [
        "Fig 1: Influences on IOM",
        "Fig 2: Types of compliance",
        "Fig 3: Promoting compliance",
        "Fig 4: Future influences on IOM",
    ]
    assert figures[1]["alt_text"] == "Types of compliance"
    assert figures[0]["alt_text"] == ""
    # The alt text leftover is not repeated as a heading or paragraph.
    headings = [value["text"] for value in _blocks(legal_framework, "heading")]
    assert "Types of compliance" not in headings
    assert "<p>Types of compliance</p>" not in "".join(_blocks(legal_framework, "paragraph"))


def test_seed_thought_piece_bullet_lists(legal_framework):
    lists = _blocks(legal_framework, "bullet_list")
    assert len(lists) == 3
    assert all(len(items) == 3 for items in lists)
    assert not any("•" in item for items in lists for item in items)
    assert _blocks(legal_framework, "numbered_list") == []


def test_seed_thought_piece_summary(legal_framework):
    (summary,) = _blocks(legal_framework, "summary")
    assert summary["text"].startswith("<p>This Thought Piece has raised")
    assert summary["text"].count("<p>") == 1


def test_seed_thought_piece_references(legal_framework):
    references = legal_framework.references
    assert len(references) >= 4
    carter = next(ref for ref in references if ref.free_text.startswith("Carter"))
    assert carter.authors == "Carter, P."
    assert carter.year == "2003"
    assert carter.title == "Managing Offenders – Reducing Crime"
    assert (carter.place, carter.publisher) == ("London", "Home Office")
    robinson = next(ref for ref in references if ref.free_text.startswith("Robinson"))
    assert robinson.authors == "Robinson, G. and McNeill, F."
    assert robinson.title == "Exploring the Dynamics of Compliance with Community Penalties"
    assert robinson.container == "Theoretical Criminology"
    assert (robinson.volume, robinson.pages) == ("Vol 12", "431-449")


def test_seed_thought_piece_paragraphs_are_clean_html(legal_framework):
    for value in _blocks(legal_framework, "paragraph"):
        assert value.startswith("<p>") and value.endswith("</p>")
        assert NBSP not in value
        assert "  " not in value
    # Curly quotes are kept as written.
    assert any("‘Carter Report’" in value for value in _blocks(legal_framework, "paragraph"))


# --- seed 000: the research article ------------------------------------------------


def test_seed_article_byline(article):
    (author,) = article.authors
    assert author.name == "Emily Evans"
    assert author.affiliation == "University of Nottingham"
    assert article.publication_date is None
    assert (article.reference, article.version) == ("", "")


def test_seed_article_title_and_standfirst(article):
    assert article.title == "Integrated Offender Management"
    assert article.abstract.startswith("This article outlines the findings")
    assert not any("An article by" in str(block.value) for block in article.blocks)


def test_seed_article_references(article):
    assert len(article.references) == 14
    assert article.references[0].free_text.startswith("Bonta, J. and Andrews, D. (2010)")
    assert article.references[-1].authors == "Worrall, A. and Mawby, R. C."
    assert all(ref.year for ref in article.references)
    canton = article.references[1]
    assert (canton.container, canton.volume, canton.pages) == (
        "Criminology & Criminal Justice",
        "13(5)",
        "577-593",
    )


def test_seed_article_quotations(article):
    quotations = _blocks(article, "quotation")
    assert [quotation["attribution"] for quotation in quotations] == [
        "Staff Interview – Probation Director",
        "Offender 14",
        "Staff Interview – IOM Inspector",
        "Day et al., 2010, p. 11",
        "Staff Interview – Drugs worker",
    ]
    offender = quotations[1]["quote"]
    assert not offender.startswith("‘") and not offender.endswith("’")
    assert "‘who have you being hanging round with?’" in offender  # inner quotes kept


def test_seed_article_has_no_chrome_or_questions(article):
    assert "Previous" not in _everything(article)
    assert "›" not in _everything(article)
    assert article.questions == []
    headings = [value["text"] for value in _blocks(article, "heading")]
    assert headings == ["Underlying IOM Mechanisms", "Mechanisms and Context"]


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
    text = _everything(piece)
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


# --- shared helpers ----------------------------------------------------------------


def test_clean_normalises_spaces_but_keeps_typography():
    assert clean(f"  ‘Quoted’{NBSP} text – here{NBSP}\t ") == "‘Quoted’ text – here"


def test_paragraphs_html_escapes_and_drops_empty():
    assert paragraphs_html(["a < b & c", NBSP, "“d”"]) == "<p>a &lt; b &amp; c</p><p>“d”</p>"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("KR/TP/8/1.0", ("KR/TP/8", "1.0")),
        ("KR/TP/8/v2.10", ("KR/TP/8", "2.10")),
        ("KR/TP/8", ("KR/TP/8", "")),
    ],
)
def test_split_reference_version(value, expected):
    assert split_reference_version(value) == expected


def test_parse_authors():
    authors = parse_authors("Prof. Ann Cole and Dr Ben Ray, Northmoor University, UK")
    assert [(a.name, a.affiliation) for a in authors] == [
        ("Ann Cole", "Northmoor University"),
        ("Ben Ray", "Northmoor University"),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2011-03-14", date(2011, 3, 14)),
        ("14/03/2011", date(2011, 3, 14)),
        ("Monday 14th March 2011", date(2011, 3, 14)),
        ("March 2011", None),
        ("2011", None),
        ("2011-02-30", None),
    ],
)
def test_parse_day(value, expected):
    assert parse_day(value) == expected


def test_split_statute_heading():
    assert split_statute_heading(f"ARTICLE 8 {NBSP}ECHR") == (
        "Article 8",
        "European Convention on Human Rights",
    )
    assert split_statute_heading("Article 8 of the Convention is relevant:") is None


def test_split_reference_shapes():
    journal = split_reference("Cole, A. (2015) ‘Short Title’, Journal of Practice, 3(1), pp. 5-9.")
    assert (journal.title, journal.container, journal.volume, journal.pages) == (
        "Short Title",
        "Journal of Practice",
        "3(1)",
        "5-9",
    )
    chapter = split_reference(
        "Ray, B. (2009) ‘A Chapter’ in Cole, A. (ed.) A Book, pp. 1-20. Leeds: Some Press."
    )
    assert chapter.container == "Cole, A. (ed.) A Book"
    assert (chapter.pages, chapter.place, chapter.publisher) == ("1-20", "Leeds", "Some Press")
    book = split_reference("Cole, A. (2015a) A Book: With Subtitle. Leeds: Some Press.")
    assert (book.year, book.title, book.place) == ("2015a", "A Book: With Subtitle", "Leeds")
    online = split_reference(
        "Team (2020) Guidance. Available at: https://example.org/g (accessed 1 May)"
    )
    assert online.url == "https://example.org/g"
    unsplit = split_reference("Notes kept by the team")
    assert unsplit.free_text == "Notes kept by the team"
    assert not (unsplit.authors or unsplit.year or unsplit.title)


def test_questions_end_at_a_plain_paragraph():
    source = "A Title\n\nQuestions to consider\n\n1. Why?\n\nA closing note.\n\n1. Not a question\n"
    piece = parse_text(source)
    assert piece.questions == ["Why?"]
    assert [block.type for block in piece.blocks] == ["paragraph", "numbered_list"]


def test_dash_bullets_need_a_space():
    piece = parse_text("A Title\n\n- first\n- second\n\n-5 is a number, not a bullet.\n")
    assert piece.blocks[0].value == ["first", "second"]
    assert piece.blocks[1].value == "<p>-5 is a number, not a bullet.</p>"

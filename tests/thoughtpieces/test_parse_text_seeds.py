"""parse_text on the seed documents: third-party texts read from the shared folder
(the tests skip when it is not there)."""

from pathlib import Path

import pytest

from tests.thoughtpieces.parsed import (
    NBSP,
    SEEDS,
    blocks_of,
    everything,
)
from thoughtpieces.importing.document import ParsedPiece
from thoughtpieces.importing.parse_text import parse_text

THOUGHT_PIECE = SEEDS / "004_eda3a18fbc1bb373.txt"
ARTICLE = SEEDS / "000_5f16f30e4b50c4db.txt"
CHROME = (
    "Create your own Brochure",
    "Search our Site",
    "Skip to content",
    "Monday 22 January 2018",
)


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
    text = everything(legal_framework)
    for chrome in CHROME:
        assert chrome not in text
    first = legal_framework.blocks[0]
    assert first.type == "heading"
    assert first.value == {"text": "So where does IOM come from?", "level": 2}


def test_seed_thought_piece_headings(legal_framework):
    headings = [value["text"] for value in blocks_of(legal_framework, "heading")]
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
    tables = blocks_of(legal_framework, "table")
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
    (statute,) = blocks_of(legal_framework, "statute")
    assert statute["title"] == "Article 8"
    assert statute["citation"] == "European Convention on Human Rights"
    assert len(statute["clauses"]) == 2
    assert statute["clauses"][0].startswith("Everyone has the right to respect")
    assert not statute["clauses"][1][0].isdigit()


def test_seed_thought_piece_figures(legal_framework):
    figures = blocks_of(legal_framework, "figure")
    assert [figure["caption"] for figure in figures] == [
        "Fig 1: Influences on IOM",
        "Fig 2: Types of compliance",
        "Fig 3: Promoting compliance",
        "Fig 4: Future influences on IOM",
    ]
    assert figures[1]["alt_text"] == "Types of compliance"
    assert figures[0]["alt_text"] == ""
    # The alt text leftover is not repeated as a heading or paragraph.
    headings = [value["text"] for value in blocks_of(legal_framework, "heading")]
    assert "Types of compliance" not in headings
    assert "<p>Types of compliance</p>" not in "".join(blocks_of(legal_framework, "paragraph"))


def test_seed_thought_piece_bullet_lists(legal_framework):
    lists = blocks_of(legal_framework, "bullet_list")
    assert len(lists) == 3
    assert all(len(items) == 3 for items in lists)
    assert not any("•" in item for items in lists for item in items)
    assert blocks_of(legal_framework, "numbered_list") == []


def test_seed_thought_piece_summary(legal_framework):
    (summary,) = blocks_of(legal_framework, "summary")
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
    for value in blocks_of(legal_framework, "paragraph"):
        assert value.startswith("<p>") and value.endswith("</p>")
        assert NBSP not in value
        assert "  " not in value
    # Curly quotes are kept as written.
    assert any("‘Carter Report’" in value for value in blocks_of(legal_framework, "paragraph"))


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
    quotations = blocks_of(article, "quotation")
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
    assert "Previous" not in everything(article)
    assert "›" not in everything(article)
    assert article.questions == []
    headings = [value["text"] for value in blocks_of(article, "heading")]
    assert headings == ["Underlying IOM Mechanisms", "Mechanisms and Context"]

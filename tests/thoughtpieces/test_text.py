"""The text helpers the parsers share (thoughtpieces/importing/text/): spaces and
paragraph HTML, references and versions, authors and roles, days, statute and
section headings, site chrome and breadcrumbs, questions."""

from datetime import date

import pytest

from tests.thoughtpieces.parsed import NBSP
from thoughtpieces.importing.text import (
    clean,
    is_breadcrumb,
    is_chrome,
    is_question,
    paragraphs_html,
    parse_authors,
    parse_day,
    read_authors,
    read_reference,
    split_reference,
    split_reference_version,
    split_statute_heading,
)

# --- spaces, versions, authors, days, statutes, references ----------------------------


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


# --- metadata lines, bylines, breadcrumbs, chrome, sections, questions --------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Version: KR/TP/5/1.2", ("KR/TP/5", "1.2")),
        ("Version: KR/TP/8/1.0", ("KR/TP/8", "1.0")),
        ("Reference: KR/TP/8", ("KR/TP/8", "")),
        ("Version 1.0", ("", "1.0")),
        ("Version: 2.1", ("", "2.1")),
        ("KR/TP/8 v1.0", ("KR/TP/8", "1.0")),
        ("Version 1.2 (KR/TP/5)", ("KR/TP/5", "1.2")),
        ("Thought Piece KR/TP/8/1.0", ("KR/TP/8", "1.0")),
        ("Ref: ART/NL/31 v1.0", ("ART/NL/31", "1.0")),
        ("Reference: NC/IOM/14 | Version 2.0", ("NC/IOM/14", "2.0")),
        ("Version – KR/TP/5/1.2", ("KR/TP/5", "1.2")),
        ("Version\u00a0:\tKR/TP/5/1.2", ("KR/TP/5", "1.2")),
        ("Reference —\u00a0KR/TP/5", ("KR/TP/5", "")),
        ("The PPO/IOM model", None),
        ("Version control matters", None),
        ("Article 8 and KR/TP/8 are both cited here", None),
    ],
)
def test_reference_and_version_lines(line, expected):
    assert read_reference(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Jane Smith, Senior Lecturer, University of X",
            [("Jane Smith", "Senior Lecturer", "University of X")],
        ),
        ("Jane Smith (Probation Officer)", [("Jane Smith", "Probation Officer", "")]),
        ("Helen Marsh and David Owusu", [("Helen Marsh", "", ""), ("David Owusu", "", "")]),
        ("Jo Bell, Tom Hale", [("Jo Bell", "", ""), ("Tom Hale", "", "")]),
        (
            "Jane Smith, Senior Lecturer, University of X and Tom Brown, Probation Officer",
            [
                ("Jane Smith", "Senior Lecturer", "University of X"),
                ("Tom Brown", "Probation Officer", ""),
            ],
        ),
        (
            "Maya Flint, Housing Navigator, Colin Barr, Peer Mentor",
            [("Maya Flint", "Housing Navigator", ""), ("Colin Barr", "Peer Mentor", "")],
        ),
        (
            "Dr Leah Brennan, Senior Lecturer at University of Westmoor",
            [("Leah Brennan", "Senior Lecturer", "University of Westmoor")],
        ),
        (
            "Sam Okafor (Housing Officer) and Priya Natt, Lecturer, Midshire University",
            [
                ("Sam Okafor", "Housing Officer", ""),
                ("Priya Natt", "Lecturer", "Midshire University"),
            ],
        ),
        (
            "Prof. Ann Cole & Dr Ben Ray, Northmoor University, UK",
            [
                ("Ann Cole", "", "Northmoor University"),
                ("Ben Ray", "", "Northmoor University"),
            ],
        ),
    ],
)
def test_authors_with_roles(line, expected):
    authors, leftovers = read_authors([line], strict=True)
    assert [(a.name, a.role, a.affiliation) for a in authors] == expected
    assert leftovers == []


def test_a_sentence_is_not_a_byline():
    assert read_authors(["probation officers for probation officers"], strict=True)[0] == []


@pytest.mark.parametrize(
    "line",
    [
        "Home > Knowledge Resource > Thought Pieces",
        "Home / Knowledge Hub / Integrated Offender Management",
        "Home » Blogs » Criminology Matters",
        "You are here: Home › News",
        "Resources > Thought Pieces > Compliance",
    ],
)
def test_breadcrumbs(line):
    assert is_breadcrumb(line)


@pytest.mark.parametrize(
    "line", ["Crime Control > Due Process", "KR/TP/8", "Risk, need and responsivity"]
)
def test_not_breadcrumbs(line):
    assert not is_breadcrumb(line)


@pytest.mark.parametrize(
    "line",
    [
        "Print this page",
        "Share this page",
        "‹ Previous Next ›",
        "« Previous post | Next post »",
        "Back to top",
        "Skip to main content",
        "Accept all cookies",
        "Last updated: 14 March 2023",
        "Page last reviewed 2 May 2024",
        "Last updated on Monday 3 June 2024",
        "Copyright 2021 Northshire Constabulary. All rights reserved.",
        "© 2022 Southvale IOM Partnership",
        "Was this page helpful?",
    ],
)
def test_chrome_lines(line):
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Next steps",
        "Back to basics",
        "Printing and sharing case notes",
        "Previous convictions",
        "Last updated guidance says little.",
        "Copyright and the law",
    ],
)
def test_headings_that_mention_chrome_words_are_kept(line):
    assert not is_chrome(line)


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Questions to consider", "questions"),
        ("Questions for discussion", "questions"),
        ("QUESTIONS FOR DISCUSSION:", "questions"),
        ("Discussion questions", "questions"),
        ("Points for reflection:", "questions"),
        ("Points for reflection –", "questions"),
        ("Practitioner’s questions", ""),
        ("Questions\u00a0:", "questions"),
        ("Related articles", "related"),
    ],
)
def test_section_headings(heading, section):
    from thoughtpieces.importing.text import section_name

    assert section_name(heading) == section


def test_prompts_count_as_questions():
    assert is_question("Think about a client who changed.")
    assert is_question("Why?")
    assert not is_question("Use these in your next team meeting:")
    assert not is_question("The panel meets monthly.")

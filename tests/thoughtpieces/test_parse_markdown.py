"""parse_markdown: Markdown with YAML front matter -> ParsedPiece."""

from datetime import date
from pathlib import Path

import pytest

from thoughtpieces.importing.document import ImportFailure, ParsedAuthor, ParsedPiece
from thoughtpieces.importing.parse_markdown import parse_markdown

FIXTURE = Path(__file__).parent / "fixtures" / "engagement.md"


@pytest.fixture(scope="module")
def piece() -> ParsedPiece:
    return parse_markdown(FIXTURE.read_text(encoding="utf-8"))


def _blocks(piece: ParsedPiece, block_type: str) -> list:
    return [block.value for block in piece.blocks if block.type == block_type]


def _doc(body: str, front_matter: str = "title: A Piece") -> str:
    return f"---\n{front_matter}\n---\n\n{body}\n"


# --- the fixture: every feature at once -------------------------------------------


def test_front_matter(piece):
    assert piece.title == "Engagement Without a Court Order"
    assert (piece.reference, piece.version) == ("KR/TP/12", "2.1")
    assert piece.authors == [
        ParsedAuthor("Priya Shah", role="Senior Lecturer", affiliation="Northmoor University"),
        ParsedAuthor("Tom Hale"),
    ]
    assert piece.publication_date == date(2012, 5, 9)
    assert piece.topics == ["compliance", "engagement", "IOM"]
    assert piece.abstract == (
        "Many people supervised under Integrated Offender Management have no order "
        "that obliges them to attend.\n\nThis piece asks what keeps them coming back."
    )


def test_block_order(piece):
    assert [block.type for block in piece.blocks] == [
        "heading",
        "paragraph",
        "heading",
        "quotation",
        "quotation",
        "quotation",
        "heading",
        "table",
        "figure",
        "paragraph",
        "bullet_list",
        "paragraph",
        "numbered_list",
        "heading",
        "statute",
        "summary",
    ]


def test_h1_repeating_the_title_is_not_a_block(piece):
    headings = [value["text"] for value in _blocks(piece, "heading")]
    assert piece.title not in headings


def test_heading_levels(piece):
    assert _blocks(piece, "heading") == [
        {"text": "Why voluntary contact matters", "level": 2},
        {"text": "What practitioners told us", "level": 3},
        {"text": "Four reasons people comply", "level": 2},
        {"text": "Rights and proportionality", "level": 2},
    ]


def test_paragraph_inline_markup_and_escaping(piece):
    html = _blocks(piece, "paragraph")[0]
    assert html.count("<p>") == 2  # two consecutive paragraphs share a block
    assert "<b>enforcement</b>" in html
    assert "<i>continuity</i>" in html
    assert '<a href="https://example.org/iom-guidance">national guidance</a>' in html
    # A relative link keeps its text only; inline code is plain text.
    assert "kept at the team drive and the contact-log sheet" in html
    assert "/shared/handouts" not in html
    # Raw HTML is not passed through.
    assert "&lt;b&gt;defiance&lt;/b&gt; &amp; move" in html
    assert "<b>defiance" not in html


def test_quotations(piece):
    assert _blocks(piece, "quotation") == [
        {
            "quote": "I keep turning up because she rings me the day before "
            "and asks how my week went.",
            "attribution": "Service user, focus group 2",
        },
        {
            "quote": "Nobody made me come. I wanted the help with housing.",
            "attribution": "Service user, interview 7",
        },
        {"quote": "The team meeting is where the real work gets shared.", "attribution": ""},
    ]


def test_table_with_caption_paragraph(piece):
    (table,) = _blocks(piece, "table")
    assert table == {
        "caption": "Reasons for compliance and what supports them",
        "header": ["Reason", "What supports it"],
        "rows": [
            ["Constraint", "Curfews and exclusion zones"],
            ["Instrumental", "Quick access to treatment"],
            ["Habit", "A weekly routine that sticks"],
        ],
    }
    assert not any("Table:" in value for value in _blocks(piece, "paragraph"))


def test_image_alone_in_a_paragraph_is_a_figure(piece):
    assert _blocks(piece, "figure") == [
        {"caption": "Fig 1: Reasons for compliance", "alt_text": "Four linked circles"}
    ]


def test_lists(piece):
    assert _blocks(piece, "bullet_list") == [
        [
            "a named lead professional",
            "appointments at predictable times",
            "honest explanations of any sanction",
        ]
    ]
    assert _blocks(piece, "numbered_list") == [
        [
            "agree what contact will look like",
            "write down the support offered",
            "review after four weeks",
        ]
    ]


def test_statute_blockquote(piece):
    assert _blocks(piece, "statute") == [
        {
            "title": "Article 8",
            "citation": "European Convention on Human Rights",
            "introduction": "The right to respect for private and family life.",
            "clauses": [
                "Everyone is entitled to respect for their home and correspondence.",
                "Interference must be lawful, necessary and proportionate.",
            ],
        }
    ]


def test_summary_section(piece):
    assert _blocks(piece, "summary") == [
        {
            "text": "<p>Voluntary engagement rests on <i>relationships</i> rather than threat.</p>"
            "<p>Schemes should check that their controls stay proportionate.</p>"
        }
    ]


def test_questions_section(piece):
    assert piece.questions == [
        "How does your team respond when someone stops attending?",
        "Which of the four reasons for compliance do you see most often?",
        "What would make a first appointment feel worth keeping?",
    ]


def test_references_section(piece):
    chapter, article, report, note = piece.references
    assert chapter.title == "Compliance and Community Penalties"
    assert chapter.container.endswith("Community Penalties: Change and Challenges")
    assert (chapter.pages, chapter.place, chapter.publisher) == ("87-116", "Cullompton", "Willan")
    assert (article.container, article.volume, article.pages) == (
        "Probation Quarterly",
        "4(2)",
        "10-18",
    )
    assert (report.authors, report.year, report.title) == (
        "Northmoor IOM Team",
        "2011",
        "Annual Review",
    )
    assert note.url == "https://example.org/pilot-report"
    assert note.free_text.startswith("Shah, P. and Hale, T. (2012)")


def test_special_section_headings_are_not_blocks(piece):
    headings = [value["text"] for value in _blocks(piece, "heading")]
    for name in ("Summary", "Questions to consider", "References"):
        assert name not in headings


# --- single rules -----------------------------------------------------------------


def test_title_from_first_h1_without_front_matter():
    piece = parse_markdown("# Plain Title\n\nSome text.\n\n# Another Part\n")
    assert piece.title == "Plain Title"
    assert [block.type for block in piece.blocks] == ["paragraph", "heading"]
    assert piece.blocks[1].value == {"text": "Another Part", "level": 2}


def test_front_matter_title_wins_over_h1():
    piece = parse_markdown(_doc("# Different Heading\n\nText."))
    assert piece.title == "A Piece"
    assert piece.blocks[0].value == {"text": "Different Heading", "level": 2}


def test_deep_headings_become_level_three():
    piece = parse_markdown(_doc("#### Deep\n\n###### Deeper"))
    assert [block.value["level"] for block in piece.blocks] == [3, 3]


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ("authors: Ann Cole", [ParsedAuthor("Ann Cole")]),
        ("authors: Dr Ann Cole and Ben Ray", [ParsedAuthor("Ann Cole"), ParsedAuthor("Ben Ray")]),
        (
            "authors: ['Ann Cole, Northmoor University']",
            [ParsedAuthor("Ann Cole", affiliation="Northmoor University")],
        ),
        ("author: {name: Ann Cole, role: Lecturer}", [ParsedAuthor("Ann Cole", role="Lecturer")]),
    ],
)
def test_author_shapes(front_matter, expected):
    piece = parse_markdown(_doc("Text.", f"title: T\n{front_matter}"))
    assert piece.authors == expected


def test_reference_and_version_keys():
    piece = parse_markdown(_doc("Text.", "title: T\nreference: KR/TP/3\nversion: 1.0"))
    assert (piece.reference, piece.version) == ("KR/TP/3", "1.0")
    piece = parse_markdown(_doc("Text.", "title: T\nreference: KR/TP/3/1.2\nversion: '2.0'"))
    assert (piece.reference, piece.version) == ("KR/TP/3", "2.0")


def test_dates_topics_and_unknown_keys():
    piece = parse_markdown(_doc("Text.", "title: T\ndate: '2014-07-01'\ntopics: [a, ' b ']\nx: 1"))
    assert piece.publication_date == date(2014, 7, 1)
    assert piece.topics == ["a", "b"]


def test_abstract_section_when_front_matter_has_none():
    piece = parse_markdown(_doc("## Abstract\n\nFirst *part*.\n\nSecond part.\n\n## Body\n\nText."))
    assert piece.abstract == "First part.\n\nSecond part."
    assert [block.type for block in piece.blocks] == ["heading", "paragraph"]


def test_unsafe_links_keep_only_their_text():
    piece = parse_markdown(
        _doc("See [this](ftp://example.org/x) and [that](mailto:a@example.org).")
    )
    assert piece.blocks[0].value == 'See this and <a href="mailto:a@example.org">that</a>.'.join(
        ("<p>", "</p>")
    )


def test_figure_caption_falls_back_to_alt():
    piece = parse_markdown(_doc("![Fig 2: A diagram](x.png)"))
    assert piece.blocks[0].value == {"caption": "Fig 2: A diagram", "alt_text": "Fig 2: A diagram"}


@pytest.mark.parametrize(
    "quote",
    [
        "> Keep going -- A worker",
        "> Keep going — A worker",
        "> Keep going\n> — A worker",
        "> Keep going\n> - A worker",
    ],
)
def test_quotation_attribution_forms(quote):
    (block,) = parse_markdown(_doc(quote)).blocks
    assert block.value == {"quote": "Keep going", "attribution": "A worker"}


def test_blockquote_without_ordered_list_is_a_quotation_not_a_statute():
    (block,) = parse_markdown(_doc("> **Article 8 – ECHR**\n>\n> Only a paragraph.")).blocks
    assert block.type == "quotation"


def test_table_caption_only_applies_to_a_following_table():
    piece = parse_markdown(_doc("Table: not a caption\n\nJust text."))
    assert piece.blocks[0].value == "<p>Table: not a caption</p><p>Just text.</p>"


def test_ragged_table_rows_are_padded_to_the_header():
    piece = parse_markdown(_doc("| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 |"))
    assert piece.blocks[0].value["rows"] == [["1", "", ""], ["1", "2", "3"]]


def test_questions_may_be_a_bullet_list():
    piece = parse_markdown(_doc("## Questions to consider:\n\n- One?\n- Two?\n\n## After\n\nText."))
    assert piece.questions == ["One?", "Two?"]
    assert [block.type for block in piece.blocks] == ["heading", "paragraph"]


def test_references_as_paragraphs():
    piece = parse_markdown(
        _doc("## References\n\nCole, A. (2015) A Book. Leeds: Some Press.\n\nNotes.")
    )
    assert [ref.free_text for ref in piece.references] == [
        "Cole, A. (2015) A Book. Leeds: Some Press.",
        "Notes.",
    ]
    assert piece.references[0].place == "Leeds"


def test_windows_line_endings():
    source = FIXTURE.read_text(encoding="utf-8")
    assert parse_markdown(source.replace("\n", "\r\n")) == parse_markdown(source)


# --- failures -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("---\ntitle: [unclosed\n---\n\nText.\n", "front matter is not valid YAML: "),
        ("---\ntitle: a\n  bad: indent\n---\n", "front matter is not valid YAML: "),
        (
            "---\n- one\n- two\n---\n\n# Title\n",
            "front matter is not valid YAML: expected key: value",
        ),
        ("---\njust a string\n---\n\n# Title\n", "front matter is not valid YAML: "),
        ("---\ntitle: T\n\n# Never closed\n", "no closing '---'"),
        ("---\ntopics: [a]\n---\n\nNo heading here.\n", "no title found"),
        ("Only text, no heading.\n", "no title found"),
        ("", "empty"),
        ("  \n\n", "empty"),
        ("# T\x00\x00", "binary"),
        ("---\ntitle: T\ndate: next week\n---\n", "date"),
    ],
)
def test_failures_are_one_line(source, message):
    with pytest.raises(ImportFailure) as error:
        parse_markdown(source)
    assert message in str(error.value)
    assert "\n" not in str(error.value)

"""Web copies of Thought Pieces in the layouts different sites give them.

Each fixture in fixtures/web/ is invented for these tests (IOM themes, our own
words) and copies the *layout* of one kind of site: a probation Knowledge
Resource, a police intranet, a university blog, a charity newsletter, a Markdown
save with a cookie banner, a page with chrome in the middle and at the end, and
a partnership bulletin that gives no reference or authors. Each test checks the
parse field by field: title, reference, version, authors with roles, abstract,
section headings, questions, references and what the report leaves unplaced.
Copies that differ in their line breaks are in test_parse_line_breaks.py.
"""

from datetime import date

import pytest

from tests.thoughtpieces.parsed import (
    WEB,
    authors_of,
    everything,
    headings_of,
    parse_web,
)
from thoughtpieces.importing.reader import parse


def test_probation_knowledge_resource_copy():
    """The shape from the issue: breadcrumb, 'Version: KR/TP/5/1.2', 'Authors:' with two
    names, 'Questions for discussion' and a numbered list, Print and Previous/Next."""
    piece = parse_web("kr_non_statutory.txt")
    assert piece.title == "Working with Non-Statutory Clients"
    assert piece.reference == "KR/TP/5"
    assert piece.version == "1.2"
    assert authors_of(piece) == [("Helen Marsh", "", ""), ("David Owusu", "", "")]
    assert piece.abstract == (
        "Around a third of the people an IOM team works with are under no court order. "
        "This piece looks at what keeps them engaged when nothing obliges them to be."
    )
    assert headings_of(piece) == ["Why people stay", "What the team can offer"]
    assert [block.type for block in piece.blocks] == [
        "heading",
        "paragraph",
        "heading",
        "bullet_list",
    ]
    assert piece.questions == [
        "How do you explain to a non-statutory client what the team will and will not share?",
        "Which offers of help have kept people engaged on your caseload?",
        "When is it right to close a voluntary case?",
    ]
    bottoms, home_office = piece.references
    assert (bottoms.authors, bottoms.year, bottoms.title) == (
        "Bottoms, A.",
        "2001",
        "Compliance and Community Penalties",
    )
    assert (bottoms.pages, bottoms.place, bottoms.publisher) == ("87-116", "Cullompton", "Willan")
    assert (home_office.authors, home_office.year) == ("Home Office", "2009")
    assert home_office.title == "Integrated Offender Management: Government Policy Statement"
    assert piece.unplaced == []
    assert piece.missing() == []
    text = everything(piece)
    for chrome in ("Home >", "Knowledge Resource", "Print this page", "Previous", "›"):
        assert chrome not in text


def test_police_intranet_copy():
    """Site name and a slash breadcrumb above the title, 'Reference:' and 'Version'
    on two lines, an author with rank and unit in brackets, 'Last updated', no
    Abstract heading, 'Questions to consider:' with '•' bullets, 'Back to top'."""
    piece = parse_web("police_intranet.txt")
    assert piece.title == "Sharing Information Safely in IOM Teams"
    assert (piece.reference, piece.version) == ("NC/IOM/14", "2.0")
    assert authors_of(piece) == [("Rob Kellett", "Detective Sergeant", "Northshire IOM Unit")]
    assert piece.publication_date is None  # "Last updated" is chrome, not a publication date
    # No Abstract heading: the introduction before the first heading is the abstract.
    assert piece.abstract == (
        "Co-located teams share more than an office. This guidance sets out when police "
        "intelligence can be passed to partners and how to record the decision."
    )
    assert headings_of(piece) == ["The legal test", "Recording the decision"]
    assert [block.type for block in piece.blocks] == ["heading", "paragraph"] * 2
    assert piece.questions == [
        "What would you record if a housing officer asked about a client's new partner?",
        "How does your team check that shared information is still accurate?",
    ]
    assert piece.references == []
    assert piece.unplaced == ["Northshire Constabulary Intranet"]
    assert piece.missing() == []
    text = everything(piece)
    for chrome in ("Skip to main content", "Knowledge Hub", "Last updated", "Back to top"):
        assert chrome not in text


def test_university_blog_copy():
    """'Home » …' breadcrumb, 'Written by Dr …, role, university', 'Posted on' date,
    a quotation, 'Points for reflection' as paragraphs (prompts, not only '?'),
    tags, comments and share chrome; no reference or version."""
    piece = parse_web("university_blog.txt")
    assert piece.title == "Why Relationships Matter More Than Contact Counts"
    assert (piece.reference, piece.version) == ("", "")
    assert authors_of(piece) == [
        ("Leah Brennan", "Senior Lecturer in Criminology", "University of Westmoor")
    ]
    assert piece.publication_date == date(2024, 10, 9)
    assert piece.topics == ["desistance", "relationships", "supervision"]
    assert piece.abstract == (
        "Inspection reports still count appointments kept. People who have stopped "
        "offending talk instead about the worker who believed they could."
    )
    assert headings_of(piece) == ["What the research says", "A note for managers"]
    (quotation,) = [block.value for block in piece.blocks if block.type == "quotation"]
    assert quotation == {
        "quote": "She was the first one who asked what I wanted, not what I had done.",
        "attribution": "Former IOM client",
    }
    assert piece.questions == [
        "Think about a client who surprised you by changing. What did your working "
        "relationship with them look like?",
        "Consider how your team's performance measures reward or discourage time spent listening.",
    ]
    assert piece.references == []
    assert piece.unplaced == []
    assert piece.missing() == ["reference", "version"]
    text = everything(piece)
    for chrome in ("Blogs", "Share this page", "Comments", "Leave a comment", "Posted on"):
        assert chrome not in text


def test_charity_newsletter_copy():
    """A cookie banner and its buttons, a '›' breadcrumb, a bare 'ART/NL/31 v1.0'
    line, comma-separated contributors with roles in brackets, 'Discussion
    questions' bulleted with '-'."""
    piece = parse_web("charity_newsletter.txt")
    assert piece.title == "Housing First, Then Everything Else"
    assert (piece.reference, piece.version) == ("ART/NL/31", "1.0")
    assert authors_of(piece) == [
        ("Maya Flint", "Housing Navigator", ""),
        ("Colin Barr", "Peer Mentor", ""),
        ("Dee Sandhu", "Volunteer Coordinator", "Ashgrove Recovery Trust"),
    ]
    assert piece.abstract == (
        "Our peer mentors meet people on the day they leave prison. This issue explains "
        "why a safe bed comes before any talk about drug treatment."
    )
    assert headings_of(piece) == ["The first night", "Working alongside the IOM team"]
    assert piece.questions == [
        "What does your area offer on the day of release?",
        "Who in your partnership holds the list of emergency beds?",
        "How could peer mentors join your case meetings?",
    ]
    assert piece.references == []
    assert piece.unplaced == []
    assert piece.missing() == []
    text = everything(piece).lower()
    for chrome in ("cookie", "home ›", "newsletter", "back to top"):
        assert chrome not in text


def test_markdown_copy_with_a_cookie_banner():
    """Markdown saved from a page: cookie banner, a linked breadcrumb, '# Title', the
    reference and version on two lines, '**Author:**' with role and unit,
    '## Discussion questions', chrome after the references."""
    piece = parse_web("kr_markdown_cookie.md")
    assert piece.title == "Lead Professionals and Legitimacy"
    assert (piece.reference, piece.version) == ("KR/TP/14", "1.1")
    assert authors_of(piece) == [
        ("Nadia Rahman", "Practice Tutor", "Eastfield Probation Delivery Unit")
    ]
    assert piece.abstract == (
        "People comply with rules they see as fair. This piece asks what makes a lead "
        "professional's authority feel legitimate to the person supervised."
    )
    assert headings_of(piece) == ["Fair process"]
    assert [block.type for block in piece.blocks] == ["heading", "paragraph", "bullet_list"]
    assert piece.questions == [
        "When did a client last tell you a decision felt unfair?",
        "What could you explain better at a first appointment?",
    ]
    (tyler,) = piece.references
    assert (tyler.authors, tyler.year, tyler.title) == (
        "Tyler, T.",
        "2006",
        "Why People Obey the Law",
    )
    assert (tyler.place, tyler.publisher) == ("Princeton", "Princeton University Press")
    assert piece.unplaced == []
    assert piece.missing() == []
    text = everything(piece)
    for chrome in ("cookies", "Accept", "Home", "Print this page", "Previous", "Reference:"):
        assert chrome not in text


def test_copy_with_chrome_in_the_middle_and_at_the_end():
    """Menu and search lines, a site name and a section name above the title,
    'Version 3.0 (IOM/TP/22)', a bare 'Authors:' with one author a line, share
    buttons and 'Back to top' between sections, questions as a paragraph and a
    numbered list after a lead-in, 'Related articles', 'Last updated' and ©."""
    piece = parse_web("chrome_everywhere.txt")
    assert piece.title == "Proportionality Without an End Date"
    assert (piece.reference, piece.version) == ("IOM/TP/22", "3.0")
    assert authors_of(piece) == [
        ("Grace Liddell", "Probation Officer", ""),
        ("Sam Achebe", "Drug and Alcohol Worker", "Southvale Recovery Service"),
    ]
    assert piece.publication_date is None
    assert piece.abstract == (
        "IOM interventions have no fixed end and no set intensity. We ask how a team "
        "decides when enough contact is enough."
    )
    assert headings_of(piece) == ["Reviewing intensity"]
    assert [block.type for block in piece.blocks] == ["heading", "paragraph"]
    assert piece.questions == [
        "Has anyone on your caseload had contact stepped down this year?",
        "Who decides that intensity should fall, and on what evidence?",
        "How do you explain a step down to victims and partners?",
    ]
    (moj,) = piece.references
    assert (moj.authors, moj.year) == ("Ministry of Justice", "2015")
    assert moj.title == "Integrated Offender Management: Key Principles"
    assert piece.unplaced == [
        "Southvale IOM Partnership",
        "Thought Pieces",
        "Date: sometime in 2021",
        "Use these in your next team meeting:",
        "Working with Non-Statutory Clients",
        "Sharing Information Safely in IOM Teams",
    ]
    assert piece.missing() == []
    text = everything(piece)
    for chrome in ("Menu", "Share this page", "Facebook", "LinkedIn", "Back to top", "©"):
        assert chrome not in text
    assert "Last updated" not in text


def test_bulletin_with_no_reference_or_authors_names_the_gaps():
    """A '|' breadcrumb, a masthead line, an unusable 'Date:' line; no reference,
    version, authors or questions: the report names each, nothing is invented."""
    piece = parse_web("partnership_bulletin.txt")
    assert piece.title == "A Week in the Eastfield Hub"
    assert (piece.reference, piece.version) == ("", "")
    assert piece.authors == []
    assert piece.publication_date is None
    assert piece.abstract.startswith("The Eastfield hub opened its doors")
    assert headings_of(piece) == ["Morning briefing", "Afternoon visits"]
    assert piece.questions == []
    assert piece.references == []
    assert piece.unplaced == ["Community Safety Bulletin", "Date: the week of 3 March"]
    assert piece.missing() == ["reference", "version", "authors", "questions"]


@pytest.mark.parametrize("seed", range(4))
def test_cut_and_shuffled_copies_fail_only_with_a_one_line_reason(seed):
    """Whatever a trainer pastes, parsing ends in a piece or an ImportFailure, never
    another exception (which the admin would show as a server error)."""
    import random

    from thoughtpieces.importing.document import ImportFailure

    rng = random.Random(seed)
    sources = sorted(WEB.iterdir())
    for _ in range(60):
        lines = rng.choice(sources).read_text(encoding="utf-8").split("\n")
        if rng.random() < 0.5:
            rng.shuffle(lines)
        lines = [
            line[: rng.randrange(len(line) + 1)] if rng.random() < 0.3 else line for line in lines
        ]
        for name in ("pasted text", "copy.md"):
            try:
                parse(data="\n".join(lines).encode(), name=name)
            except ImportFailure as failure:
                assert "\n" not in str(failure)

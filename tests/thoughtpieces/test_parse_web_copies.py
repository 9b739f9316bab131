"""Web copies of Thought Pieces in the shapes different sites give them.

Each fixture in fixtures/web/ is invented for these tests (IOM themes, our own
words) and copies the *layout* of one kind of site: a probation Knowledge
Resource, a police intranet, a university blog, a charity newsletter, a Markdown
save with a cookie banner, a page with chrome in the middle and at the end, and
a partnership bulletin that gives no reference or authors; and copies where every
block is on its own line (a div-based page, a Word document), a Windows copy with
CRLF, non-breaking and zero-width spaces and tabs, and an email with hard-wrapped
paragraphs. Each test checks the
parse field by field: title, reference, version, authors with roles, abstract,
section headings, questions, references and what the report leaves unplaced.
"""

from datetime import date
from pathlib import Path

import pytest

from thoughtpieces.importing.document import ParsedPiece
from thoughtpieces.importing.reader import parse
from thoughtpieces.importing.text import (
    is_breadcrumb,
    is_chrome,
    is_question,
    read_authors,
    read_reference,
)

WEB = Path(__file__).parent / "fixtures" / "web"


def _parse(name: str) -> ParsedPiece:
    return parse(data=(WEB / name).read_bytes(), name=name)


def _authors(piece: ParsedPiece) -> list[tuple[str, str, str]]:
    return [(a.name, a.role, a.affiliation) for a in piece.authors]


def _headings(piece: ParsedPiece) -> list[str]:
    return [block.value["text"] for block in piece.blocks if block.type == "heading"]


def _everything(piece: ParsedPiece) -> str:
    parts = [piece.title, piece.abstract, *piece.questions]
    parts += [str(block.value) for block in piece.blocks]
    parts += [reference.free_text for reference in piece.references]
    return "\n".join(parts)


def test_probation_knowledge_resource_copy():
    """The shape from the issue: breadcrumb, 'Version: KR/TP/5/1.2', 'Authors:' with two
    names, 'Questions for discussion' and a numbered list, Print and Previous/Next."""
    piece = _parse("kr_non_statutory.txt")
    assert piece.title == "Working with Non-Statutory Clients"
    assert piece.reference == "KR/TP/5"
    assert piece.version == "1.2"
    assert _authors(piece) == [("Helen Marsh", "", ""), ("David Owusu", "", "")]
    assert piece.abstract == (
        "Around a third of the people an IOM team works with are under no court order. "
        "This piece looks at what keeps them engaged when nothing obliges them to be."
    )
    assert _headings(piece) == ["Why people stay", "What the team can offer"]
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
    text = _everything(piece)
    for chrome in ("Home >", "Knowledge Resource", "Print this page", "Previous", "›"):
        assert chrome not in text


def test_police_intranet_copy():
    """Site name and a slash breadcrumb above the title, 'Reference:' and 'Version'
    on two lines, an author with rank and unit in brackets, 'Last updated', no
    Abstract heading, 'Questions to consider:' with '•' bullets, 'Back to top'."""
    piece = _parse("police_intranet.txt")
    assert piece.title == "Sharing Information Safely in IOM Teams"
    assert (piece.reference, piece.version) == ("NC/IOM/14", "2.0")
    assert _authors(piece) == [("Rob Kellett", "Detective Sergeant", "Northshire IOM Unit")]
    assert piece.publication_date is None  # "Last updated" is chrome, not a publication date
    # No Abstract heading: the introduction before the first heading is the abstract.
    assert piece.abstract == (
        "Co-located teams share more than an office. This guidance sets out when police "
        "intelligence can be passed to partners and how to record the decision."
    )
    assert _headings(piece) == ["The legal test", "Recording the decision"]
    assert [block.type for block in piece.blocks] == ["heading", "paragraph"] * 2
    assert piece.questions == [
        "What would you record if a housing officer asked about a client's new partner?",
        "How does your team check that shared information is still accurate?",
    ]
    assert piece.references == []
    assert piece.unplaced == ["Northshire Constabulary Intranet"]
    assert piece.missing() == []
    text = _everything(piece)
    for chrome in ("Skip to main content", "Knowledge Hub", "Last updated", "Back to top"):
        assert chrome not in text


def test_university_blog_copy():
    """'Home » …' breadcrumb, 'Written by Dr …, role, university', 'Posted on' date,
    a quotation, 'Points for reflection' as paragraphs (prompts, not only '?'),
    tags, comments and share chrome; no reference or version."""
    piece = _parse("university_blog.txt")
    assert piece.title == "Why Relationships Matter More Than Contact Counts"
    assert (piece.reference, piece.version) == ("", "")
    assert _authors(piece) == [
        ("Leah Brennan", "Senior Lecturer in Criminology", "University of Westmoor")
    ]
    assert piece.publication_date == date(2024, 10, 9)
    assert piece.topics == ["desistance", "relationships", "supervision"]
    assert piece.abstract == (
        "Inspection reports still count appointments kept. People who have stopped "
        "offending talk instead about the worker who believed they could."
    )
    assert _headings(piece) == ["What the research says", "A note for managers"]
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
    text = _everything(piece)
    for chrome in ("Blogs", "Share this page", "Comments", "Leave a comment", "Posted on"):
        assert chrome not in text


def test_charity_newsletter_copy():
    """A cookie banner and its buttons, a '›' breadcrumb, a bare 'ART/NL/31 v1.0'
    line, comma-separated contributors with roles in brackets, 'Discussion
    questions' bulleted with '-'."""
    piece = _parse("charity_newsletter.txt")
    assert piece.title == "Housing First, Then Everything Else"
    assert (piece.reference, piece.version) == ("ART/NL/31", "1.0")
    assert _authors(piece) == [
        ("Maya Flint", "Housing Navigator", ""),
        ("Colin Barr", "Peer Mentor", ""),
        ("Dee Sandhu", "Volunteer Coordinator", "Ashgrove Recovery Trust"),
    ]
    assert piece.abstract == (
        "Our peer mentors meet people on the day they leave prison. This issue explains "
        "why a safe bed comes before any talk about drug treatment."
    )
    assert _headings(piece) == ["The first night", "Working alongside the IOM team"]
    assert piece.questions == [
        "What does your area offer on the day of release?",
        "Who in your partnership holds the list of emergency beds?",
        "How could peer mentors join your case meetings?",
    ]
    assert piece.references == []
    assert piece.unplaced == []
    assert piece.missing() == []
    text = _everything(piece).lower()
    for chrome in ("cookie", "home ›", "newsletter", "back to top"):
        assert chrome not in text


def test_markdown_copy_with_a_cookie_banner():
    """Markdown saved from a page: cookie banner, a linked breadcrumb, '# Title', the
    reference and version on two lines, '**Author:**' with role and unit,
    '## Discussion questions', chrome after the references."""
    piece = _parse("kr_markdown_cookie.md")
    assert piece.title == "Lead Professionals and Legitimacy"
    assert (piece.reference, piece.version) == ("KR/TP/14", "1.1")
    assert _authors(piece) == [
        ("Nadia Rahman", "Practice Tutor", "Eastfield Probation Delivery Unit")
    ]
    assert piece.abstract == (
        "People comply with rules they see as fair. This piece asks what makes a lead "
        "professional's authority feel legitimate to the person supervised."
    )
    assert _headings(piece) == ["Fair process"]
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
    text = _everything(piece)
    for chrome in ("cookies", "Accept", "Home", "Print this page", "Previous", "Reference:"):
        assert chrome not in text


def test_copy_with_chrome_in_the_middle_and_at_the_end():
    """Menu and search lines, a site name and a section name above the title,
    'Version 3.0 (IOM/TP/22)', a bare 'Authors:' with one author a line, share
    buttons and 'Back to top' between sections, questions as a paragraph and a
    numbered list after a lead-in, 'Related articles', 'Last updated' and ©."""
    piece = _parse("chrome_everywhere.txt")
    assert piece.title == "Proportionality Without an End Date"
    assert (piece.reference, piece.version) == ("IOM/TP/22", "3.0")
    assert _authors(piece) == [
        ("Grace Liddell", "Probation Officer", ""),
        ("Sam Achebe", "Drug and Alcohol Worker", "Southvale Recovery Service"),
    ]
    assert piece.publication_date is None
    assert piece.abstract == (
        "IOM interventions have no fixed end and no set intensity. We ask how a team "
        "decides when enough contact is enough."
    )
    assert _headings(piece) == ["Reviewing intensity"]
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
    text = _everything(piece)
    for chrome in ("Menu", "Share this page", "Facebook", "LinkedIn", "Back to top", "©"):
        assert chrome not in text
    assert "Last updated" not in text


def test_bulletin_with_no_reference_or_authors_names_the_gaps():
    """A '|' breadcrumb, a masthead line, an unusable 'Date:' line; no reference,
    version, authors or questions: the report names each, nothing is invented."""
    piece = _parse("partnership_bulletin.txt")
    assert piece.title == "A Week in the Eastfield Hub"
    assert (piece.reference, piece.version) == ("", "")
    assert piece.authors == []
    assert piece.publication_date is None
    assert piece.abstract.startswith("The Eastfield hub opened its doors")
    assert _headings(piece) == ["Morning briefing", "Afternoon visits"]
    assert piece.questions == []
    assert piece.references == []
    assert piece.unplaced == ["Community Safety Bulletin", "Date: the week of 3 March"]
    assert piece.missing() == ["reference", "version", "authors", "questions"]


def test_single_newline_copy_of_a_knowledge_resource_page():
    """A div-based page copied by the browser: every block on its own line, no blank
    lines. Headings, section names, metadata, bullets and questions are still told
    apart, and a byline whose first author has a role in brackets gives the second
    author's role and university to her alone."""
    piece = _parse("kr_single_newline.txt")
    assert piece.title == "Keeping Tenancies Alive After Release"
    assert (piece.reference, piece.version) == ("KR/TP/11", "2.0")
    assert _authors(piece) == [
        ("Sam Okafor", "Housing Officer", ""),
        ("Priya Natt", "Lecturer", "Midshire University"),
    ]
    assert piece.abstract == (
        "A tenancy lost in the first month undoes much of the work done in custody. "
        "This piece asks how IOM partners share the job of keeping one."
    )
    assert _headings(piece) == ["Introduction", "What partners can do", "Conclusion"]
    assert [block.type for block in piece.blocks] == [
        "heading",
        "paragraph",
        "heading",
        "bullet_list",
        "heading",
        "paragraph",
    ]
    assert piece.blocks[1].value == (
        "<p>Housing is often the first thing to go when someone returns to offending.</p>"
        "<p>Each partner holds a different part of the picture, and no one holds all of it.</p>"
    )
    assert piece.blocks[3].value == [
        "Flag rent arrears at the weekly meeting",
        "Agree who calls the landlord",
        "Record the tenancy start date on the shared case note",
    ]
    assert piece.questions == [
        "What does your team know about a person's housing before release?",
        "Who in your partnership is best placed to follow up a tenancy warning?",
    ]
    (bottoms,) = piece.references
    assert (bottoms.authors, bottoms.year, bottoms.title) == (
        "Bottoms, A.",
        "2001",
        "Compliance and community penalties",
    )
    assert piece.unplaced == []
    assert piece.missing() == []
    text = _everything(piece)
    for chrome in ("Skip to main content", "Menu", "Home »", "Share this page", "Previous"):
        assert chrome not in text


def test_windows_copy_with_crlf_non_breaking_spaces_tabs_and_zero_width_spaces():
    """CRLF line endings, lines holding only a non-breaking space, 'Version – …' with an
    en dash, 'Authors\u00a0:' (a French-style space before the colon), a zero-width
    space before a name, a tab between a name and its role, a tab-separated table and
    tab-indented numbered questions under 'Questions to consider –'."""
    data = (WEB / "windows_crlf_nbsp.txt").read_bytes()
    assert b"\r\n" in data and "\u00a0".encode() in data and "\u200b".encode() in data
    piece = _parse("windows_crlf_nbsp.txt")
    assert piece.title == "Curfews and Consent"
    assert (piece.reference, piece.version) == ("IOM/TP/7", "1.3")
    assert _authors(piece) == [
        ("Ruth Adebayo", "Senior Probation Officer", ""),
        ("Tom Greer", "Police Constable", ""),
    ]
    assert piece.abstract == (
        "Electronic monitoring keeps a person home at night. It does not, by itself, "
        "keep them engaged."
    )
    assert _headings(piece) == ["Constraint is not compliance"]
    assert [block.type for block in piece.blocks] == ["heading", "paragraph", "table"]
    assert piece.blocks[1].value == (
        "<p>A curfew is the plainest example of constraint-based compliance: it works "
        "while the tag is on.</p>"
    )
    assert piece.blocks[2].value == {
        "caption": "",
        "header": ["Type", "Example"],
        "rows": [
            ["Constraint", "A curfew with a tag"],
            ["Normative", "Keeping to a plan agreed with the lead professional"],
        ],
    }
    assert piece.questions == [
        "What happens in the week after a tag comes off?",
        "How do you talk about a curfew with someone who did not choose it?",
    ]
    assert piece.references == []
    assert piece.unplaced == ["Southvale Probation Intranet"]
    assert piece.missing() == []
    text = _everything(piece)
    for odd in ("\u00a0", "\u200b", "\t", "\r", "Back to top", "Home >"):
        assert odd not in text


def test_email_copy_with_hard_wrapped_paragraphs_and_smart_punctuation():
    """An email body: blank lines between paragraphs and every paragraph hard-wrapped
    at about 76 characters, so each wrapped paragraph is joined back into one; curly
    quotes and en dashes are kept; 'Points for reflection –' with '•' bullets."""
    piece = _parse("email_hard_wrapped.txt")
    assert piece.title == "Due Process on a Busy Monday"
    assert (piece.reference, piece.version) == ("KR/TP/19", "1.0")
    assert _authors(piece) == [
        ("Joanna Pike", "Practice Development Lead", "Eastfield Probation Delivery Unit")
    ]
    assert piece.abstract == (
        "Packer’s two models describe ends of a line, not camps. This piece asks where a "
        "co-located team sits on that line when the Monday list is long and the “usual "
        "suspects” are on it."
    )
    assert _headings(piece) == ["The Monday list"]
    assert [block.type for block in piece.blocks] == ["heading", "paragraph"]
    assert piece.blocks[1].value == (
        "<p>Every Monday the police and probation officers in the team go through a list "
        "of names. Some are there because of new intelligence, others because they have "
        "always been there. A name that stays on the list for a year – with no new "
        "offence – deserves a second look.</p>"
        "<p>Nobody in the room wants to be unfair. But the habit of the list can do what "
        "no single officer intends.</p>"
    )
    assert piece.questions == [
        "Which names on your list have not changed in a year?",
        "What would a “due process” reading of the list look like?",
    ]
    (packer,) = piece.references
    assert (packer.authors, packer.year, packer.title) == (
        "Packer, H.",
        "1968",
        "The Limits of the Criminal Sanction",
    )
    assert (packer.place, packer.publisher) == ("Stanford", "Stanford University Press")
    assert piece.unplaced == []
    assert piece.missing() == []


def test_word_copy_with_single_newlines_colons_and_a_stray_blank_line():
    """Copied from a Word document: single newlines with one stray blank line,
    'Thought Piece KR/TP/23/1.0', 'Abstract:' and 'Introduction:' with colons, a
    '1)' list, a sentence Word broke over two lines, 'Q1.' questions and a
    'Reference list' entry in journal shape."""
    piece = _parse("word_single_newline.txt")
    assert piece.title == "Recall as a Last Resort"
    assert (piece.reference, piece.version) == ("KR/TP/23", "1.0")
    assert _authors(piece) == [("Imran Shah", "Senior Lecturer", "Northfield University")]
    assert piece.abstract == (
        "Recall protects the public but ends the relationship the IOM team built. This "
        "piece asks when it is the “right” call."
    )
    assert _headings(piece) == ["Introduction", "Three questions to ask first", "Conclusion"]
    assert [block.type for block in piece.blocks] == [
        "heading",
        "paragraph",
        "heading",
        "numbered_list",
        "paragraph",
        "heading",
        "paragraph",
    ]
    assert piece.blocks[1].value == (
        "<p>A recall is quick to request and slow to undo.</p>"
        "<p>For the person recalled, it can mean losing a tenancy, a job and a place on a "
        "treatment programme.</p>"
    )
    assert piece.blocks[3].value == [
        "Is the risk new, or newly known?",
        "Has the lead professional spoken to the person since?",
        "What would a short-term change of conditions achieve?",
    ]
    assert piece.blocks[4].value == (
        "<p>The team’s ‘last resort’ rule was written after a review of recalls that had "
        "gone badly for everyone involved.</p>"
    )
    assert piece.questions == [
        "When did your team last decide against a recall, and why?",
        "Who should be in the room when a recall is requested?",
    ]
    (padfield,) = piece.references
    assert (padfield.authors, padfield.year) == ("Padfield, N. and Maruna, S.", "2006")
    assert padfield.title == "The revolving door at the prison gate"
    assert (padfield.container, padfield.volume, padfield.pages) == (
        "Criminology and Criminal Justice",
        "6(3)",
        "329-352",
    )
    assert piece.unplaced == []
    assert piece.missing() == []


def test_single_newline_and_blank_line_copies_of_one_page_parse_the_same():
    """The same page with blank lines between blocks parses as its single-newline copy."""
    from thoughtpieces.importing.parse_text import parse_text

    single = (WEB / "kr_single_newline.txt").read_text(encoding="utf-8")
    spaced = "\n\n".join(single.split("\n"))
    assert parse_text(spaced) == parse_text(single)


def test_a_hard_wrapped_paragraph_without_blank_lines_around_headings_still_joins():
    """Blank lines separate paragraphs; the lines inside one are a single paragraph even
    when a wrapped line opens with a capital (a name) and is short."""
    from thoughtpieces.importing.parse_text import parse_text

    piece = parse_text(
        "A Title\n\nVersion: KR/TP/60/1.0\n\nAbstract\n\nA short abstract.\n\nContext\n\n"
        "The team met weekly with partners from\nHousing Options\nand agreed a plan "
        "that everyone could follow\nfor the first month after release.\n\n"
        "A second paragraph, also\nwrapped.\n"
    )
    assert [block.type for block in piece.blocks] == ["heading", "paragraph"]
    assert piece.blocks[1].value == (
        "<p>The team met weekly with partners from Housing Options and agreed a plan that "
        "everyone could follow for the first month after release.</p>"
        "<p>A second paragraph, also wrapped.</p>"
    )


def test_headings_directly_over_their_paragraphs_with_blank_lines_between_sections():
    """Another browser's copy: a blank line between sections, but each heading (and the
    title) sits directly over its first paragraph."""
    from thoughtpieces.importing.parse_text import parse_text

    piece = parse_text(
        "Curfews and Consent\nA tag keeps a person in at night; it does not keep them "
        "engaged.\n\nVersion: KR/TP/61/1.0\n\nWhy it matters\nA curfew is the plainest "
        "form of constraint.\nIt works while the tag is on.\n\nNext steps\nAsk what happens "
        "the week after it comes off.\n"
    )
    assert piece.title == "Curfews and Consent"
    assert (piece.reference, piece.version) == ("KR/TP/61", "1.0")
    assert piece.abstract == "A tag keeps a person in at night; it does not keep them engaged."
    assert _headings(piece) == ["Why it matters", "Next steps"]
    assert [block.value for block in piece.blocks if block.type == "paragraph"] == [
        "<p>A curfew is the plainest form of constraint. It works while the tag is on.</p>",
        "<p>Ask what happens the week after it comes off.</p>",
    ]
    assert piece.unplaced == []


def test_names_under_a_bare_authors_label_end_at_the_first_non_name_line():
    """In a single-newline copy no blank line ends the names under 'Authors:'."""
    from thoughtpieces.importing.parse_text import parse_text

    piece = parse_text(
        "A Title\nVersion: KR/TP/1/1.0\nAuthors:\nJane Smith, Team Manager\n"
        "Ben Ode (Police Constable)\nAbstract\nA short abstract.\nIntroduction\n"
        "Some text.\nMore text.\n"
    )
    assert _authors(piece) == [
        ("Jane Smith", "Team Manager", ""),
        ("Ben Ode", "Police Constable", ""),
    ]
    assert piece.abstract == "A short abstract."
    assert _headings(piece) == ["Introduction"]
    assert piece.blocks[1].value == "<p>Some text.</p><p>More text.</p>"
    assert piece.unplaced == []


# --- the pieces the parsers share --------------------------------------------------


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

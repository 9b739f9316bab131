"""Web copies that differ in their line breaks and spaces.

Copies where every block is on its own line (a div-based page, a Word document),
a Windows copy with CRLF, non-breaking and zero-width spaces and tabs, and an
email with hard-wrapped paragraphs (fixtures in fixtures/web/, invented for these
tests). Each test checks the parse field by field.
"""

from tests.thoughtpieces.parsed import (
    WEB,
    authors_of,
    everything,
    headings_of,
    parse_web,
)


def test_single_newline_copy_of_a_knowledge_resource_page():
    """A div-based page copied by the browser: every block on its own line, no blank
    lines. Headings, section names, metadata, bullets and questions are still told
    apart, and a byline whose first author has a role in brackets gives the second
    author's role and university to her alone."""
    piece = parse_web("kr_single_newline.txt")
    assert piece.title == "Keeping Tenancies Alive After Release"
    assert (piece.reference, piece.version) == ("KR/TP/11", "2.0")
    assert authors_of(piece) == [
        ("Sam Okafor", "Housing Officer", ""),
        ("Priya Natt", "Lecturer", "Midshire University"),
    ]
    assert piece.abstract == (
        "A tenancy lost in the first month undoes much of the work done in custody. "
        "This piece asks how IOM partners share the job of keeping one."
    )
    assert headings_of(piece) == ["Introduction", "What partners can do", "Conclusion"]
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
    text = everything(piece)
    for chrome in ("Skip to main content", "Menu", "Home »", "Share this page", "Previous"):
        assert chrome not in text


def test_windows_copy_with_crlf_non_breaking_spaces_tabs_and_zero_width_spaces():
    """CRLF line endings, lines holding only a non-breaking space, 'Version – …' with an
    en dash, 'Authors\u00a0:' (a French-style space before the colon), a zero-width
    space before a name, a tab between a name and its role, a tab-separated table and
    tab-indented numbered questions under 'Questions to consider –'."""
    data = (WEB / "windows_crlf_nbsp.txt").read_bytes()
    assert b"\r\n" in data and "\u00a0".encode() in data and "\u200b".encode() in data
    piece = parse_web("windows_crlf_nbsp.txt")
    assert piece.title == "Curfews and Consent"
    assert (piece.reference, piece.version) == ("IOM/TP/7", "1.3")
    assert authors_of(piece) == [
        ("Ruth Adebayo", "Senior Probation Officer", ""),
        ("Tom Greer", "Police Constable", ""),
    ]
    assert piece.abstract == (
        "Electronic monitoring keeps a person home at night. It does not, by itself, "
        "keep them engaged."
    )
    assert headings_of(piece) == ["Constraint is not compliance"]
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
    text = everything(piece)
    for odd in ("\u00a0", "\u200b", "\t", "\r", "Back to top", "Home >"):
        assert odd not in text


def test_email_copy_with_hard_wrapped_paragraphs_and_smart_punctuation():
    """An email body: blank lines between paragraphs and every paragraph hard-wrapped
    at about 76 characters, so each wrapped paragraph is joined back into one; curly
    quotes and en dashes are kept; 'Points for reflection –' with '•' bullets."""
    piece = parse_web("email_hard_wrapped.txt")
    assert piece.title == "Due Process on a Busy Monday"
    assert (piece.reference, piece.version) == ("KR/TP/19", "1.0")
    assert authors_of(piece) == [
        ("Joanna Pike", "Practice Development Lead", "Eastfield Probation Delivery Unit")
    ]
    assert piece.abstract == (
        "Packer’s two models describe ends of a line, not camps. This piece asks where a "
        "co-located team sits on that line when the Monday list is long and the “usual "
        "suspects” are on it."
    )
    assert headings_of(piece) == ["The Monday list"]
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
    piece = parse_web("word_single_newline.txt")
    assert piece.title == "Recall as a Last Resort"
    assert (piece.reference, piece.version) == ("KR/TP/23", "1.0")
    assert authors_of(piece) == [("Imran Shah", "Senior Lecturer", "Northfield University")]
    assert piece.abstract == (
        "Recall protects the public but ends the relationship the IOM team built. This "
        "piece asks when it is the “right” call."
    )
    assert headings_of(piece) == ["Introduction", "Three questions to ask first", "Conclusion"]
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
    assert headings_of(piece) == ["Why it matters", "Next steps"]
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
    assert authors_of(piece) == [
        ("Jane Smith", "Team Manager", ""),
        ("Ben Ode", "Police Constable", ""),
    ]
    assert piece.abstract == "A short abstract."
    assert headings_of(piece) == ["Introduction"]
    assert piece.blocks[1].value == "<p>Some text.</p><p>More text.</p>"
    assert piece.unplaced == []

"""The admin import form: who may use it, drafts and publishing, and what a trainer's
paste of each web copy in fixtures/web/ becomes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.thoughtpieces.imported import GOOD_MARKDOWN, piece_revision
from tests.thoughtpieces.parsed import WEB
from thoughtpieces.models import ThoughtPiecePage

pytestmark = pytest.mark.django_db


def _paste(client, name: str, **extra):
    return client.post(
        reverse("thoughtpieces_import"),
        {"pasted": (WEB / name).read_text(encoding="utf-8"), **extra},
    )


def test_practitioners_cannot_reach_the_import_form(signed_in, practitioner, site_tree):
    response = signed_in(practitioner).get(reverse("thoughtpieces_import"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_team_leads_cannot_reach_the_import_form(signed_in, team_lead, site_tree):
    assert signed_in(team_lead).get(reverse("thoughtpieces_import")).status_code == 302


def test_a_trainer_imports_a_draft_and_cannot_publish_from_the_form(signed_in, trainer, site_tree):
    client = signed_in(trainer)
    page = client.get(reverse("thoughtpieces_import"))
    assert page.status_code == 200
    assert 'name="publish"' not in page.content.decode()
    response = client.post(
        reverse("thoughtpieces_import"),
        {"files": SimpleUploadedFile("short.md", GOOD_MARKDOWN.encode()), "publish": "on"},
    )
    assert response.status_code == 200
    assert "created as a draft" in response.content.decode()
    piece = ThoughtPiecePage.objects.get()
    assert not piece.live
    assert piece.get_latest_revision().user == trainer


def test_an_administrator_can_publish_from_the_form(signed_in, administrator, site_tree):
    client = signed_in(administrator)
    assert 'name="publish"' in client.get(reverse("thoughtpieces_import")).content.decode()
    client.post(
        reverse("thoughtpieces_import"),
        {"pasted": GOOD_MARKDOWN, "format": "markdown", "publish": "on"},
    )
    assert ThoughtPiecePage.objects.get().live


def test_the_form_reports_a_bad_file_in_one_line_and_writes_nothing(signed_in, trainer, site_tree):
    response = signed_in(trainer).post(
        reverse("thoughtpieces_import"),
        {"files": SimpleUploadedFile("broken.md", b"---\ntitle: [oops\n---\n")},
    )
    assert "broken.md: front matter is not valid YAML" in response.content.decode()
    assert not ThoughtPiecePage.objects.exists()


def test_the_form_needs_a_file_or_text(signed_in, trainer, site_tree):
    response = signed_in(trainer).post(reverse("thoughtpieces_import"), {})
    assert response.status_code == 400
    assert "Choose at least one file or paste a piece." in response.content.decode()


# The web copies of tests/thoughtpieces/fixtures/web/: what a trainer pastes, and
# the draft page that comes out.


def test_a_pasted_knowledge_resource_copy_becomes_a_complete_draft(signed_in, trainer, site_tree):
    response = _paste(signed_in(trainer), "kr_non_statutory.txt")
    assert response.status_code == 200
    page = ThoughtPiecePage.objects.get()
    draft = piece_revision(page)
    assert not page.live
    assert draft.title == "Working with Non-Statutory Clients"
    assert (draft.reference, draft.version, draft.full_reference) == (
        "KR/TP/5",
        "1.2",
        "KR/TP/5/1.2",
    )
    assert [(a.name, a.role) for a in draft.authors.all()] == [
        ("Helen Marsh", ""),
        ("David Owusu", ""),
    ]
    assert draft.abstract.startswith("Around a third of the people an IOM team works with")
    assert [b.value["text"] for b in draft.body if b.block_type == "heading"] == [
        "Why people stay",
        "What the team can offer",
    ]
    assert [q.text for q in draft.questions.all()] == [
        "How do you explain to a non-statutory client what the team will and will not share?",
        "Which offers of help have kept people engaged on your caseload?",
        "When is it right to close a voluntary case?",
    ]
    assert [r.authors for r in draft.references.all()] == ["Bottoms, A.", "Home Office"]
    assert "Home &gt;" not in str(draft.body.raw_data) and "Print this page" not in draft.abstract
    content = " ".join(response.content.decode().split())
    assert "Working with Non-Statutory Clients</strong> (KR/TP/5): created as a draft" in content
    assert "2 headings" in content and "3 questions" in content and "2 references" in content
    assert "0 tables" in content and "Could not find" not in content


def test_the_report_counts_in_the_singular_and_names_what_it_left_out(
    signed_in, trainer, site_tree
):
    response = _paste(signed_in(trainer), "chrome_everywhere.txt")
    content = " ".join(response.content.decode().split())
    assert "1 heading," in content and "1 headings" not in content
    assert "1 reference." in content and "3 questions" in content
    assert "These 6 lines could not be placed and were left out:" in content
    for line in ("Southvale IOM Partnership", "Date: sometime in 2021", "Use these in your next"):
        assert f"<li>{line}" in content
    draft = piece_revision(ThoughtPiecePage.objects.get())
    assert [(a.name, a.role, a.affiliation) for a in draft.authors.all()] == [
        ("Grace Liddell", "Probation Officer", ""),
        ("Sam Achebe", "Drug and Alcohol Worker", "Southvale Recovery Service"),
    ]
    assert draft.reference == "IOM/TP/22"


def test_a_piece_without_a_reference_is_not_filed_under_a_made_up_one(
    signed_in, trainer, site_tree
):
    client = signed_in(trainer)
    response = _paste(client, "partnership_bulletin.txt")
    assert response.status_code == 400
    content = " ".join(response.content.decode().split())
    assert "could not find the reference. Nothing was saved" in content
    assert "Could not find: reference, version, authors, questions." in content
    assert "IMPORT/" not in content
    assert not ThoughtPiecePage.objects.exists()
    # The pasted text is still in the form, so the trainer only types the reference.
    assert "The Eastfield hub opened its doors" in content
    assert "Could not find the reference in the text: type it here" in content

    response = _paste(client, "partnership_bulletin.txt", reference="csp/nb/7")
    assert response.status_code == 200
    draft = piece_revision(ThoughtPiecePage.objects.get())
    assert (draft.title, draft.reference, draft.version) == (
        "A Week in the Eastfield Hub",
        "CSP/NB/7",
        "1.0",
    )
    content = " ".join(response.content.decode().split())
    assert "(CSP/NB/7): created as a draft" in content
    assert "Could not find: version, authors, questions." in content
    assert "The draft says version 1.0 until you change it." in content


def test_a_typed_reference_does_not_replace_the_texts_own(signed_in, trainer, site_tree):
    response = _paste(signed_in(trainer), "police_intranet.txt", reference="XX/1")
    assert piece_revision(ThoughtPiecePage.objects.get()).reference == "NC/IOM/14"
    assert "the one typed in the form was not used" in response.content.decode()


def test_a_badly_typed_reference_is_a_form_error(signed_in, trainer, site_tree):
    response = _paste(signed_in(trainer), "partnership_bulletin.txt", reference="not a code!")
    assert response.status_code == 400
    assert "Use capital letters and numbers separated by slashes" in response.content.decode()
    assert not ThoughtPiecePage.objects.exists()


def test_only_check_reports_a_missing_reference_and_writes_nothing(signed_in, trainer, site_tree):
    response = _paste(signed_in(trainer), "university_blog.txt", dry_run="on")
    content = " ".join(response.content.decode().split())
    assert "could not find the reference" in content
    assert "Could not find: reference, version." in content
    assert not ThoughtPiecePage.objects.exists()


@pytest.mark.parametrize(
    ("name", "title", "reference", "authors", "questions"),
    [
        (
            "police_intranet.txt",
            "Sharing Information Safely in IOM Teams",
            "NC/IOM/14",
            [("Rob Kellett", "Detective Sergeant", "Northshire IOM Unit")],
            2,
        ),
        (
            "charity_newsletter.txt",
            "Housing First, Then Everything Else",
            "ART/NL/31",
            [
                ("Maya Flint", "Housing Navigator", ""),
                ("Colin Barr", "Peer Mentor", ""),
                ("Dee Sandhu", "Volunteer Coordinator", "Ashgrove Recovery Trust"),
            ],
            3,
        ),
        (
            "kr_markdown_cookie.md",
            "Lead Professionals and Legitimacy",
            "KR/TP/14",
            [("Nadia Rahman", "Practice Tutor", "Eastfield Probation Delivery Unit")],
            2,
        ),
    ],
)
def test_other_web_copies_through_the_form(
    signed_in, trainer, site_tree, name, title, reference, authors, questions
):
    """Pasted (the Markdown one is recognised as Markdown by its # headings)."""
    assert _paste(signed_in(trainer), name).status_code == 200
    draft = piece_revision(ThoughtPiecePage.objects.get())
    assert (draft.title, draft.reference) == (title, reference)
    assert [(a.name, a.role, a.affiliation) for a in draft.authors.all()] == authors
    assert draft.questions.count() == questions
    assert "cookie" not in (draft.abstract + str(draft.body.raw_data)).lower()


def test_a_single_newline_paste_becomes_a_complete_draft(signed_in, trainer, site_tree):
    """A div-based page copied by the browser, every block on its own line; a browser
    posts a textarea with CRLF line endings."""
    pasted = (WEB / "kr_single_newline.txt").read_text(encoding="utf-8").replace("\n", "\r\n")
    response = signed_in(trainer).post(reverse("thoughtpieces_import"), {"pasted": pasted})
    assert response.status_code == 200
    page = ThoughtPiecePage.objects.get()
    draft = piece_revision(page)
    assert not page.live
    assert draft.title == "Keeping Tenancies Alive After Release"
    assert draft.full_reference == "KR/TP/11/2.0"
    assert [(a.name, a.role, a.affiliation) for a in draft.authors.all()] == [
        ("Sam Okafor", "Housing Officer", ""),
        ("Priya Natt", "Lecturer", "Midshire University"),
    ]
    assert draft.abstract == (
        "A tenancy lost in the first month undoes much of the work done in custody. "
        "This piece asks how IOM partners share the job of keeping one."
    )
    assert [b.block_type for b in draft.body] == [
        "heading",
        "paragraph",
        "heading",
        "bullet_list",
        "heading",
        "paragraph",
    ]
    assert [b.value["text"] for b in draft.body if b.block_type == "heading"] == [
        "Introduction",
        "What partners can do",
        "Conclusion",
    ]
    assert [q.text for q in draft.questions.all()] == [
        "What does your team know about a person's housing before release?",
        "Who in your partnership is best placed to follow up a tenancy warning?",
    ]
    assert [r.authors for r in draft.references.all()] == ["Bottoms, A."]
    content = " ".join(response.content.decode().split())
    assert "Keeping Tenancies Alive After Release</strong> (KR/TP/11): created as a draft" in (
        content
    )
    assert "3 headings" in content and "2 questions" in content and "1 reference." in content
    assert "could not be placed" not in content and "Could not find" not in content


def test_a_paste_with_no_abstract_says_how_to_mark_one(signed_in, trainer, site_tree):
    response = signed_in(trainer).post(
        reverse("thoughtpieces_import"),
        {"pasted": "A Title\n\nVersion: KR/TP/40/1.0\n\nOnly one paragraph, no headings.\n"},
    )
    assert response.status_code == 400
    assert "pasted text: no abstract: the text has none (put a line “Abstract” above" in (
        response.content.decode()
    )
    assert not ThoughtPiecePage.objects.exists()

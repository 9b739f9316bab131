"""Writing: revisions, stale autosaves, the length cap, safe Markdown, reflection steps."""

import time
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError

from courses.factories import make_course, step
from courses.models import Status, StepProgress
from courses.services import enrolment_self_enrol
from journals import services
from journals.markdown import ALLOWED_TAGS, render_markdown
from journals.models import BODY_MAX_LENGTH, JournalEntry, JournalEntryRevision

pytestmark = pytest.mark.django_db


def test_every_save_is_a_revision_and_a_stale_one_changes_nothing(entry, practitioner):
    assert entry.revision == 1
    saved = services.journal_entry_save(
        entry_id=entry.pk, author=practitioner, body="Second thoughts.", base_revision=1
    )
    assert saved.revision == 2
    with pytest.raises(services.StaleRevision) as stale:
        services.journal_entry_save(
            entry_id=entry.pk, author=practitioner, body="An older draft", base_revision=1
        )
    assert stale.value.current == 2
    entry.refresh_from_db()
    assert entry.body == "Second thoughts."
    assert list(entry.revisions.values_list("number", "body")) == [
        (2, "Second thoughts."),
        (1, "I would ask first.\n\nThen decide."),
    ]


def test_saving_the_same_text_adds_no_revision(entry, practitioner):
    services.journal_entry_save(
        entry_id=entry.pk, author=practitioner, body=entry.body, base_revision=1
    )
    assert JournalEntryRevision.objects.filter(entry=entry).count() == 1


def test_the_body_is_capped_with_a_clear_error(entry, practitioner):
    with pytest.raises(ValidationError) as error:
        services.journal_entry_save(
            entry_id=entry.pk,
            author=practitioner,
            body="x" * (BODY_MAX_LENGTH + 1),
            base_revision=1,
        )
    assert "20,000 characters or fewer" in error.value.message_dict["body"][0]
    entry.refresh_from_db()
    assert entry.revision == 1


XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "[a](javascript:alert(1))",
    "[a](JaVaScRiPt:alert(1))",
    "[a](java&#115;cript:alert(1))",
    "[a](&#x6A;avascript:alert(1))",
    "[a](java\tscript:alert(1))",
    "[a](%6Aavascript:alert(1))",
    "[a]( javascript:alert(1))",
    "<javascript:alert(1)>",
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[a][ref]\n\n[ref]: javascript:alert(1)",
    "[a][ref]\n\n[ref]: data:text/html,<script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    "![x](https://evil.example/track.png)",
    "<iframe src=https://evil.example>",
    "`<script>` is fine as code",
]


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize("payload", XSS)
def test_markdown_payloads_render_inert(payload):
    parser = _Elements()
    parser.feed(render_markdown(payload))
    for tag, attrs in parser.found:
        assert tag in ALLOWED_TAGS, tag
        assert not [name for name in attrs if name.startswith("on")], attrs
        href = attrs.get("href")
        if href is not None:
            assert href.startswith(("http://", "https://", "mailto:")), href
            assert attrs.get("rel") == "noopener noreferrer nofollow"


def test_links_are_nofollow_and_headings_sit_below_the_page():
    html = render_markdown("# Mine\n\n[GOV.UK](https://www.gov.uk)")
    assert "<h2>Mine</h2>" in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_nul_and_bidirectional_overrides_are_removed(practitioner, question):
    entry = services.journal_entry_create(
        author=practitioner, question=question, body="safe\x00 text \u202egnirts\u2066"
    )
    assert entry.body == "safe text gnirts"


def test_deeply_nested_brackets_render_in_bounded_time():
    started = time.perf_counter()
    render_markdown("[" * 10_000 + "x" + "]" * 9_999)
    render_markdown("> " * 10_000 + "x")
    render_markdown("*" * 20_000)
    assert time.perf_counter() - started < 2.0


def test_a_non_empty_entry_completes_the_reflection_step_once(site_tree, piece, question):
    from iomsite.accounts.factories import UserFactory

    course = make_course(
        title="Reflective",
        modules=[{"title": "M", "steps": [step("reflect", question=question.pk)]}],
        open_=True,
    )
    learner = UserFactory()
    enrolment_self_enrol(user=learner, course=course)
    entry = services.journal_entry_create(author=learner, question=question, scaffold="driscoll")
    assert entry.body.startswith("## What?")
    assert not StepProgress.objects.filter(user=learner, status=Status.COMPLETED).exists()
    services.journal_entry_save(
        entry_id=entry.pk, author=learner, body=entry.body + "It went well.", base_revision=1
    )
    assert StepProgress.objects.get(user=learner).status == Status.COMPLETED
    entry.refresh_from_db()
    assert entry.reflected_at is not None
    assert not entry.shares.exists()  # sharing is never needed


def test_scaffolds_prefill_headed_sections(practitioner):
    gibbs = services.journal_entry_create(author=practitioner, scaffold="gibbs")
    headings = [line for line in gibbs.body.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Description",
        "## Feelings",
        "## Evaluation",
        "## Analysis",
        "## Conclusion",
        "## Action plan",
    ]
    with pytest.raises(ValidationError):
        services.journal_entry_create(author=practitioner, scaffold="made-up")


def test_a_question_entry_keeps_its_title_on_a_plain_save(client, practitioner, question):
    entry = services.journal_entry_create(
        author=practitioner, question=question, title="My own heading", body="Text."
    )
    client.force_login(practitioner)
    client.post(f"/journal/entries/{entry.pk}/", {"body": "Text, more.", "revision": "1"})
    entry.refresh_from_db()
    assert entry.title == "My own heading" and entry.body == "Text, more."


def test_the_length_cap_counts_newlines_the_same_way_everywhere(client, entry):
    client.force_login(entry.author)
    text = "a\r\n" * 9_500  # 28,500 as posted, 19,000 as stored
    response = client.post(f"/journal/entries/{entry.pk}/", {"body": text, "revision": "1"})
    assert response.status_code == 302
    assert len(JournalEntry.objects.get(pk=entry.pk).body) == 19_000

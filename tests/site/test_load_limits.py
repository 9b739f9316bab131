"""
Issue 12: every expensive or email-sending action has a rate per person and per
address (iomsite.ratelimits); past it the answer is the 429 page and nothing
already written is lost. Comment emails are capped per recipient and commenter:
the comment and its in-app notification are always kept.
"""

import pytest
from django.core import mail
from django.test import override_settings

from iomsite.accounts.models import DataExport
from iomsite.teams.factories import TeamMembershipFactory
from journals.models import Comment, JournalEntry, Notification
from journals.services import journal_entry_create
from thoughtpieces.factories import make_thought_piece


def _limits(**groups):
    return override_settings(RATE_LIMITS={"default": ("30/m", "300/m"), **groups})


@pytest.fixture
def entry(site_tree, practitioner):
    question = make_thought_piece().questions.order_by("sort_order").first()
    return journal_entry_create(author=practitioner, question=question, body="Kept safe.")


@_limits(preview=("2/m", "20/m"))
def test_previews_past_the_rate_are_429_and_the_entry_is_untouched(client, entry):
    client.force_login(entry.author)
    url = f"/journal/entries/{entry.pk}/preview/"
    for _ in range(2):
        assert client.post(url, {"body": "*draft*"}).status_code == 200
    refused = client.post(url, {"body": "*draft*"})
    assert refused.status_code == 429
    entry.refresh_from_db()
    assert entry.body == "Kept safe."
    # Saving is not a preview: it still works, so nothing written is lost.
    saved = client.post(
        f"/journal/entries/{entry.pk}/", {"body": "Saved anyway.", "revision": entry.revision}
    )
    assert saved.status_code == 302
    assert JournalEntry.objects.get(pk=entry.pk).body == "Saved anyway."


@_limits(export=("2/m", "20/m"))
def test_journal_exports_past_the_rate_are_429(client, entry):
    client.force_login(entry.author)
    params = {"format": "md"}
    for _ in range(2):
        assert client.get("/journal/export/", params).status_code == 200
    assert client.get("/journal/export/", params).status_code == 429


@_limits(export=("1/m", "20/m"))
def test_download_my_data_requests_past_the_rate_are_429(client, practitioner):
    client.force_login(practitioner)
    assert client.post("/account/my-data/request/").status_code == 302
    assert client.post("/account/my-data/request/").status_code == 429
    assert DataExport.objects.filter(user=practitioner).count() == 1


@_limits(certificate=("1/m", "20/m"))
def test_certificate_downloads_past_the_rate_are_429(client, practitioner):
    client.force_login(practitioner)
    client.get("/certificates/NOSUCHCODE/download/")  # counted even when it is a 404
    assert client.get("/certificates/NOSUCHCODE/download/").status_code == 429


@_limits(thoughtpiece_import=("1/m", "20/m"))
def test_thought_piece_imports_past_the_rate_are_429(client, site_tree, trainer):
    client.force_login(trainer)
    first = client.post("/admin/thought-pieces/import/", {"pasted": "Not a piece"})
    assert first.status_code in {200, 400}
    assert client.post("/admin/thought-pieces/import/", {"pasted": "Again"}).status_code == 429


@_limits(comment_email=("2/h", "30/h"))
def test_comment_emails_past_the_cap_are_skipped_but_comments_and_notifications_kept(
    client, entry, team
):
    TeamMembershipFactory(team=team, user=entry.author)
    mate = TeamMembershipFactory(team=team).user
    client.force_login(entry.author)
    client.post(f"/journal/entries/{entry.pk}/share/", {"audience": f"team-{team.pk}"})
    client.force_login(mate)
    url = f"/journal/teams/{team.pk}/entries/{entry.pk}/comments/"
    mail.outbox.clear()
    with pytest.MonkeyPatch.context() as patch:
        # on_commit callbacks run at once in these tests (no surrounding commit).
        patch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())
        for n in range(4):
            client.post(url, {"body": f"Comment {n}"})
    assert Comment.objects.filter(entry=entry).count() == 4
    assert Notification.objects.filter(user=entry.author).count() == 4
    assert len(mail.outbox) == 2
    assert all(entry.author.email in m.to for m in mail.outbox)


@pytest.mark.parametrize("shape", ["[", "*a", "a\n"])
def test_thought_piece_imports_have_a_size_cap_and_a_max_size_one_is_quick(
    client, site_tree, trainer, shape
):
    import time

    from django.conf import settings

    client.force_login(trainer)
    limit = settings.THOUGHTPIECE_IMPORT_MAX_BYTES
    too_big = (shape * (limit + 1))[: limit + 1]
    refused = client.post("/admin/thought-pieces/import/", {"pasted": too_big})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "a piece can be at most 100 KB" in page, page[page.find("help-critical") :][:600]
    started = time.process_time()
    at_limit = client.post("/admin/thought-pieces/import/", {"pasted": too_big[:limit]})
    assert at_limit.status_code in {200, 400}  # imported, or refused as not a piece
    assert time.process_time() - started < 3.0

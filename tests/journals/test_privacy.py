"""Privacy by default: another person's entry is a 404 through every URL, sharing is
checked, revoking takes effect on the next request, and reads are audited."""

import pytest
from django.utils.html import escape

from iomsite.accounts.factories import UserFactory
from iomsite.accounts.roles import PRACTITIONER, TEAM_LEAD, TRAINER
from iomsite.teams.factories import TeamFactory, TeamMembershipFactory
from journals import services
from journals.models import Comment, EntryRead, JournalShare, Notification
from journals.privacy import identifiable_data_findings

pytestmark = pytest.mark.django_db


def urls_for(entry, share_id=1, team_id=1):
    base = f"/journal/entries/{entry.pk}"
    return {
        "page": ("get", f"{base}/"),
        "save": ("post", f"{base}/"),
        "autosave": ("post", f"{base}/autosave/"),
        "preview (htmx partial)": ("post", f"{base}/preview/"),
        "history": ("get", f"{base}/history/"),
        "share": ("get", f"{base}/share/"),
        "share (post)": ("post", f"{base}/share/"),
        "revoke": ("post", f"{base}/shares/{share_id}/revoke/"),
        "shared with a trainer": ("get", f"/journal/shared/{entry.pk}/"),
        "comment as a trainer": ("post", f"/journal/shared/{entry.pk}/comments/"),
        "comment in a team": ("post", f"/journal/teams/{team_id}/entries/{entry.pk}/comments/"),
        "entry in a team": ("get", f"/journal/teams/{team_id}/entries/{entry.pk}/"),
    }


@pytest.mark.parametrize("name", list(urls_for(type("E", (), {"pk": 1})())))
def test_another_users_entry_is_404_through_every_url(client, entry, team, name):
    TeamMembershipFactory(team=team, user=entry.author)
    share = services.journal_entry_share(entry=entry, author=entry.author, team=team)
    services.journal_share_revoke(share_id=share.pk, author=entry.author)
    stranger = UserFactory(roles=[PRACTITIONER])
    TeamMembershipFactory(team=team, user=stranger)  # even a teammate, after revoking
    client.force_login(stranger)
    method, url = urls_for(entry, share.pk, team.pk)[name]
    data = {"body": "Overwritten!", "revision": "1", "audience": f"team-{team.pk}"}
    response = getattr(client, method)(url, data) if method == "post" else client.get(url)
    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.body.startswith("I would ask first") and entry.revision == 1
    assert not Comment.objects.exists()


def test_a_team_lead_cannot_read_an_unshared_entry(client, entry, team, team_lead):
    TeamMembershipFactory(team=team, user=entry.author)
    client.force_login(team_lead)
    assert client.get(f"/journal/entries/{entry.pk}/").status_code == 404
    assert client.get(f"/journal/shared/{entry.pk}/").status_code == 404
    page = client.get(f"/journal/teams/{team.pk}/questions/{entry.question_id}/")
    assert page.status_code == 200 and "I would ask first" not in page.content.decode()


def test_sharing_to_a_team_you_are_not_in_is_refused(client, entry, other_team):
    client.force_login(entry.author)
    response = client.post(
        f"/journal/entries/{entry.pk}/share/", {"audience": f"team-{other_team.pk}"}
    )
    assert response.status_code == 400
    assert not JournalShare.objects.exists()
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied from the service
        services.journal_entry_share(entry=entry, author=entry.author, team=other_team)


def test_share_read_comment_revoke(client, entry, team):
    TeamMembershipFactory(team=team, user=entry.author)
    mate = TeamMembershipFactory(team=team).user
    client.force_login(entry.author)
    client.post(f"/journal/entries/{entry.pk}/share/", {"audience": f"team-{team.pk}"})
    share = JournalShare.objects.get()
    discussion = f"/journal/teams/{team.pk}/questions/{entry.question_id}/"

    client.force_login(mate)
    page = client.get(discussion).content.decode()
    assert "I would ask first." in page
    client.post(f"/journal/teams/{team.pk}/entries/{entry.pk}/comments/", {"body": "Agreed."})
    comment = Comment.objects.get()
    assert not comment.is_feedback
    assert Notification.objects.get(user=entry.author).comment == comment
    assert EntryRead.objects.filter(entry=entry, reader=mate).exists()

    client.force_login(entry.author)
    page = client.get(f"/journal/entries/{entry.pk}/").content.decode()
    assert "Who has read it" in page and escape(mate.display_name) in page
    client.post(f"/journal/entries/{entry.pk}/shares/{share.pk}/revoke/")

    client.force_login(mate)
    assert "I would ask first." not in client.get(discussion).content.decode()
    response = client.post(
        f"/journal/teams/{team.pk}/entries/{entry.pk}/comments/", {"body": "Still here?"}
    )
    assert response.status_code == 404
    assert Comment.objects.count() == 1


def test_lead_and_trainer_comments_are_feedback(client, entry, team, team_lead):
    TeamMembershipFactory(team=team, user=entry.author)
    services.journal_entry_share(entry=entry, author=entry.author, team=team)
    client.force_login(team_lead)
    client.post(f"/journal/teams/{team.pk}/entries/{entry.pk}/comments/", {"body": "Good."})
    assert Comment.objects.get().is_feedback
    trainer = UserFactory(roles=[TRAINER])
    services.journal_entry_share(entry=entry, author=entry.author, trainer=trainer)
    client.force_login(trainer)
    assert client.get(f"/journal/shared/{entry.pk}/").status_code == 200
    client.post(f"/journal/shared/{entry.pk}/comments/", {"body": "Try Gibbs next time."})
    assert Comment.objects.filter(team=None, is_feedback=True).count() == 1


def test_comments_are_validated_not_500(client, entry, team):
    TeamMembershipFactory(team=team, user=entry.author)
    mate = TeamMembershipFactory(team=team).user
    services.journal_entry_share(entry=entry, author=entry.author, team=team)
    client.force_login(mate)
    url = f"/journal/teams/{team.pk}/entries/{entry.pk}/comments/"
    for data in [
        {"body": ""},
        {"body": "x" * 5000},
        {"body": "ok", "parent": "abc"},
        {"body": "ok", "parent": "99999999999999999999999"},
        {"body": "ok", "parent": "7"},
    ]:
        assert client.post(url, data).status_code == 302
    assert Comment.objects.count() == 0


def test_identifiable_case_data_is_found_before_sharing(client, practitioner, team):
    text = (
        "Met Mr Jones today. DOB 12/03/1990. PNC 98/123456X and CRN X123456. Born on 3 March 1989."
    )
    kinds = {f.kind for f in identifiable_data_findings(text)}
    assert kinds >= {
        "a name after a title",
        "a date of birth",
        "a Police National Computer number",
        "a case reference number",
    }
    assert identifiable_data_findings("We met the probation officer on Tuesday.") == []
    entry = services.journal_entry_create(author=practitioner, body=text)
    TeamMembershipFactory(team=team, user=practitioner)
    client.force_login(practitioner)
    url = f"/journal/entries/{entry.pk}/share/"
    warned = client.post(url, {"audience": f"team-{team.pk}"})
    assert warned.status_code == 400 and "Mr Jones" in warned.content.decode()
    assert not JournalShare.objects.exists()
    client.post(url, {"audience": f"team-{team.pk}", "confirm": "on"})
    assert JournalShare.objects.count() == 1


def test_a_stale_autosave_is_refused_without_overwriting(client, entry):
    client.force_login(entry.author)
    url = f"/journal/entries/{entry.pk}/autosave/"
    first = client.post(url, {"body": "Newer text", "revision": "1"})
    assert first.status_code == 200 and first.json()["revision"] == 2
    late = client.post(url, {"body": "Older text arriving late", "revision": "1"})
    assert late.status_code == 409 and late.json()["revision"] == 2
    entry.refresh_from_db()
    assert entry.body == "Newer text"
    for bad in ["", "x", "-1", "1" * 30, "²"]:
        assert client.post(url, {"body": "y", "revision": bad}).status_code == 400
    client.logout()
    assert client.post(url, {"body": "y", "revision": "2"}).status_code == 401


def test_the_preview_is_an_htmx_fragment_and_the_page_a_full_page(client, entry):
    client.force_login(entry.author)
    fragment = client.post(
        f"/journal/entries/{entry.pk}/preview/", {"body": "**bold**"}, HTTP_HX_REQUEST="true"
    )
    assert fragment.content.decode().startswith('<div id="journal-preview"')
    assert "<strong>bold</strong>" in fragment.content.decode()
    page = client.post(
        f"/journal/entries/{entry.pk}/", {"body": "**bold**", "revision": "1", "action": "preview"}
    )
    html = page.content.decode()
    assert "<footer" in html and "<strong>bold</strong>" in html
    entry.refresh_from_db()
    assert entry.revision == 1  # previewing saves nothing


def test_no_javascript_save_that_went_stale_keeps_the_text(client, entry):
    client.force_login(entry.author)
    services.journal_entry_save(
        entry_id=entry.pk, author=entry.author, body="From another tab", base_revision=1
    )
    response = client.post(
        f"/journal/entries/{entry.pk}/", {"body": "From this tab", "revision": "1"}
    )
    assert response.status_code == 409
    assert "From this tab" in response.content.decode()
    entry.refresh_from_db()
    assert entry.body == "From another tab"
    again = client.post(f"/journal/entries/{entry.pk}/", {"body": "From this tab", "revision": "2"})
    assert again.status_code == 302
    entry.refresh_from_db()
    assert entry.body == "From this tab"


def test_the_journal_list_and_discussion_query_counts_are_flat(client, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thoughtpieces.factories import make_thought_piece

    piece = make_thought_piece(reference="QC/TP/1", questions=["One?", "Two?", "Three?"])
    questions = list(piece.questions.order_by("sort_order"))

    def counts(n):
        crew = TeamFactory()
        writer, reader = UserFactory(), UserFactory(roles=[PRACTITIONER, TEAM_LEAD])
        TeamMembershipFactory(team=crew, user=writer)
        TeamMembershipFactory(team=crew, user=reader, is_lead=True)
        for i in range(n):
            entry = services.journal_entry_create(
                author=writer, question=questions[i % 3], body=f"Entry {i}"
            )
            services.journal_entry_share(entry=entry, author=writer, team=crew)
            services.comment_add(
                entry=entry,
                author=reader,
                body="Feedback",
                audience=services.Audience(team_id=crew.pk, is_lead=True),
            )
        client.force_login(writer)
        client.get("/journal/")  # warm per-process caches (site root paths)
        with CaptureQueriesContext(connection) as index:
            client.get("/journal/")
        client.force_login(reader)
        with CaptureQueriesContext(connection) as discussion:
            client.get(f"/journal/teams/{crew.pk}/questions/{questions[0].pk}/")
        return len(index), len(discussion)

    small, large = counts(2), counts(12)
    assert small == large, (small, large)

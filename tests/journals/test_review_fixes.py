"""Regression tests for what the review of the first cut of journals found."""

import pytest
from django.contrib.auth import get_user_model

from iomsite.accounts.data_rights import account_erase, personal_data_zip
from iomsite.accounts.factories import UserFactory
from iomsite.accounts.models import DataExport
from iomsite.accounts.roles import PRACTITIONER, TRAINER
from iomsite.teams.factories import TeamMembershipFactory
from iomsite.teams.models import TeamMembership
from journals import services
from journals.models import Comment, EntryRead, JournalEntry

pytestmark = pytest.mark.django_db


def test_an_export_works_for_someone_with_an_admin_profile(trainer, tmp_path):
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(trainer)
    counts = personal_data_zip(user=trainer, path=tmp_path / "t.zip")
    assert counts["admin/profile"] == 1


def test_erasure_removes_export_files_admin_log_names_and_roles(
    client, practitioner, administrator, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    settings.PRIVATE_FILES_ROOT = tmp_path
    client.force_login(practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/my-data/request/")
    assert list((tmp_path / "exports").iterdir())
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_id=str(practitioner.pk),
        label=practitioner.display_name,
        action="wagtail.edit",
        timestamp="2026-11-01T10:00:00Z",
    )
    account_erase(user=practitioner, actor=administrator)
    assert list((tmp_path / "exports").iterdir()) == []
    assert not DataExport.objects.filter(user=practitioner).exists()
    assert ModelLogEntry.objects.get(object_id=str(practitioner.pk)).label == "Former user"
    assert not get_user_model().objects.get(pk=practitioner.pk).groups.exists()


def test_the_trainer_comment_url_is_404_for_a_team_member_not_500(client, entry, team):
    TeamMembershipFactory(team=team, user=entry.author)
    services.journal_entry_share(entry=entry, author=entry.author, team=team)
    mate = TeamMembershipFactory(team=team).user
    client.force_login(mate)
    response = client.post(f"/journal/shared/{entry.pk}/comments/", {"body": "Hi"})
    assert response.status_code == 404


def test_each_trainer_has_their_own_feedback_thread_and_the_author_can_reply(client, entry):
    first, second = UserFactory(roles=[TRAINER]), UserFactory(roles=[TRAINER])
    share = services.journal_entry_share(entry=entry, author=entry.author, trainer=first)
    client.force_login(first)
    client.post(f"/journal/shared/{entry.pk}/comments/", {"body": "First trainer's view."})
    services.journal_share_revoke(share_id=share.pk, author=entry.author)
    services.journal_entry_share(entry=entry, author=entry.author, trainer=second)
    client.force_login(second)
    assert "First trainer" not in client.get(f"/journal/shared/{entry.pk}/").content.decode()
    client.post(f"/journal/shared/{entry.pk}/comments/", {"body": "Second view."})
    client.force_login(entry.author)
    client.post(f"/journal/shared/{entry.pk}/comments/", {"body": "Thanks!", "trainer": second.pk})
    reply = Comment.objects.get(author=entry.author)
    assert reply.trainer == second and reply.team is None
    refused = client.post(
        f"/journal/shared/{entry.pk}/comments/", {"body": "To the first?", "trainer": first.pk}
    )
    assert refused.status_code == 404  # that share was revoked


def test_access_ends_when_the_author_leaves_the_team(client, entry, team):
    TeamMembershipFactory(team=team, user=entry.author)
    services.journal_entry_share(entry=entry, author=entry.author, team=team)
    mate = TeamMembershipFactory(team=team).user
    client.force_login(mate)
    permalink = f"/journal/teams/{team.pk}/entries/{entry.pk}/"
    assert client.get(permalink).status_code == 200
    TeamMembership.objects.filter(team=team, user=entry.author).delete()
    assert client.get(permalink).status_code == 404
    page = client.get(f"/journal/teams/{team.pk}/").content.decode()
    assert "shared reflection" not in page


def test_a_trainer_who_loses_the_role_loses_access(client, entry):
    trainer = UserFactory(roles=[TRAINER])
    services.journal_entry_share(entry=entry, author=entry.author, trainer=trainer)
    client.force_login(trainer)
    assert client.get(f"/journal/shared/{entry.pk}/").status_code == 200
    trainer.groups.clear()
    assert client.get(f"/journal/shared/{entry.pk}/").status_code == 404


def test_the_identifiable_data_check_covers_the_title_and_later_edits(client, practitioner, team):
    TeamMembershipFactory(team=team, user=practitioner)
    entry = services.journal_entry_create(
        author=practitioner, title="Visit to Mrs Patel", body="It went well."
    )
    client.force_login(practitioner)
    warned = client.post(f"/journal/entries/{entry.pk}/share/", {"audience": f"team-{team.pk}"})
    assert warned.status_code == 400 and "Mrs Patel" in warned.content.decode()
    clean = services.journal_entry_create(author=practitioner, body="Nothing personal.")
    services.journal_entry_share(entry=clean, author=practitioner, team=team)
    services.journal_entry_save(
        entry_id=clean.pk, author=practitioner, body="Met Mr Jones today.", base_revision=1
    )
    page = client.get(f"/journal/entries/{clean.pk}/").content.decode()
    assert "people you shared it with see your latest text" in page and "Mr Jones" in page


def test_the_preview_does_nothing_when_signed_out(client, entry):
    response = client.post(
        f"/journal/entries/{entry.pk}/preview/", {"body": "x"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204


def test_a_reply_cannot_point_into_another_teams_thread(entry, team, other_team):
    TeamMembershipFactory(team=team, user=entry.author)
    TeamMembershipFactory(team=other_team, user=entry.author)
    services.journal_entry_share(entry=entry, author=entry.author, team=team)
    services.journal_entry_share(entry=entry, author=entry.author, team=other_team)
    in_a = services.comment_add(
        entry=entry, author=entry.author, body="In A", audience=services.Audience(team_id=team.pk)
    )
    with pytest.raises(Exception, match="not part of this discussion"):
        services.comment_add(
            entry=entry,
            author=entry.author,
            body="Into A from B",
            audience=services.Audience(team_id=other_team.pk),
            parent_id=in_a.pk,
        )


def test_a_question_entry_keeps_its_title_on_a_plain_save(client, practitioner, question):
    entry = services.journal_entry_create(
        author=practitioner, question=question, title="My own heading", body="Text."
    )
    client.force_login(practitioner)
    client.post(f"/journal/entries/{entry.pk}/", {"body": "Text, more.", "revision": "1"})
    entry.refresh_from_db()
    assert entry.title == "My own heading" and entry.body == "Text, more."


def test_questions_of_unpublished_pieces_are_not_shown(client, practitioner, piece, question):
    client.force_login(practitioner)
    type(piece).objects.filter(pk=piece.pk).update(live=False)  # unpublished
    assert client.get(f"/journal/questions/{question.pk}/").status_code == 404


def test_a_trainer_in_the_team_leaves_feedback(entry, team):
    TeamMembershipFactory(team=team, user=entry.author)
    services.journal_entry_share(entry=entry, author=entry.author, team=team)
    trainer = UserFactory(roles=[TRAINER, PRACTITIONER])
    TeamMembershipFactory(team=team, user=trainer)
    comment = services.comment_add(
        entry=entry, author=trainer, body="Try Kolb.", audience=services.Audience(team_id=team.pk)
    )
    assert comment.is_feedback


def test_the_length_cap_counts_newlines_the_same_way_everywhere(client, entry):
    client.force_login(entry.author)
    text = "a\r\n" * 9_500  # 28,500 as posted, 19,000 as stored
    response = client.post(f"/journal/entries/{entry.pk}/", {"body": text, "revision": "1"})
    assert response.status_code == 302
    assert len(JournalEntry.objects.get(pk=entry.pk).body) == 19_000


def test_the_read_audit_keeps_one_row_per_reader(client, entry, team):
    TeamMembershipFactory(team=team, user=entry.author)
    services.journal_entry_share(entry=entry, author=entry.author, team=team)
    mate = TeamMembershipFactory(team=team).user
    client.force_login(mate)
    for _ in range(3):
        client.get(f"/journal/teams/{team.pk}/questions/{entry.question_id}/")
    read = EntryRead.objects.get()
    assert read.reader == mate and read.last_read_at >= read.read_at

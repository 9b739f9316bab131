"""Sharing with a team or a trainer and the comments where an entry is shared: who
may read and reply, each trainer's own feedback thread, access ending with
membership or role, the identifiable-data check, and the read audit."""

import pytest

from iomsite.accounts.factories import UserFactory
from iomsite.accounts.roles import PRACTITIONER, TRAINER
from iomsite.teams.factories import TeamMembershipFactory
from iomsite.teams.models import TeamMembership
from journals import services
from journals.models import Comment, EntryRead

pytestmark = pytest.mark.django_db


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


def test_a_trainer_in_the_team_leaves_feedback(entry, team):
    TeamMembershipFactory(team=team, user=entry.author)
    services.journal_entry_share(entry=entry, author=entry.author, team=team)
    trainer = UserFactory(roles=[TRAINER, PRACTITIONER])
    TeamMembershipFactory(team=team, user=trainer)
    comment = services.comment_add(
        entry=entry, author=trainer, body="Try Kolb.", audience=services.Audience(team_id=team.pk)
    )
    assert comment.is_feedback


def test_the_read_audit_keeps_one_row_per_reader(client, entry, team):
    TeamMembershipFactory(team=team, user=entry.author)
    services.journal_entry_share(entry=entry, author=entry.author, team=team)
    mate = TeamMembershipFactory(team=team).user
    client.force_login(mate)
    for _ in range(3):
        client.get(f"/journal/teams/{team.pk}/questions/{entry.question_id}/")
    read = EntryRead.objects.get()
    assert read.reader == mate and read.last_read_at >= read.read_at

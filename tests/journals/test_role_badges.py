"""Staff names carry a role badge wherever they write, from their roles now, so a
display name alone cannot pass for a trainer's (issue 12)."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iomsite.accounts.factories import UserFactory
from iomsite.accounts.roles import ADMINISTRATOR, PRACTITIONER, TEAM_LEAD, TRAINER
from iomsite.teams.factories import TeamFactory, TeamMembershipFactory
from journals import services
from thoughtpieces.factories import make_thought_piece

pytestmark = pytest.mark.django_db

BADGE = r'<strong class="govuk-tag govuk-tag--turquoise app-role-badge">{}</strong>'


def badges_after(html: str, name: str) -> list[str]:
    """The role badges straight after each appearance of a name in bold."""
    found = []
    for match in re.finditer(re.escape(f"<strong>{name}</strong>"), html):
        tags = re.match(r"((?:\s*" + BADGE.format("[^<]+") + ")*)", html[match.end() :])
        found.append(re.findall(BADGE.format("([^<]+)"), tags.group(1)))
    return found


@pytest.fixture
def discussion(site_tree):
    piece = make_thought_piece(reference="RB/TP/1", questions=["Why?"])
    question = piece.questions.first()
    crew = TeamFactory(name="Badge crew")
    writer = UserFactory(display_name="Wren Writer", roles=[PRACTITIONER])
    lead = UserFactory(display_name="Lena Lead", roles=[PRACTITIONER, TEAM_LEAD])
    fake = UserFactory(display_name="Lena (Trainer)", roles=[PRACTITIONER])
    boss = UserFactory(display_name="Ari Admin", roles=[ADMINISTRATOR, PRACTITIONER])
    for person in (writer, fake, boss):
        TeamMembershipFactory(team=crew, user=person)
    TeamMembershipFactory(team=crew, user=lead, is_lead=True)
    entry = services.journal_entry_create(author=writer, question=question, body="My view")
    services.journal_entry_share(entry=entry, author=writer, team=crew)
    for person, is_lead in ((lead, True), (fake, False), (boss, False)):
        services.comment_add(
            entry=entry,
            author=person,
            body=f"A note from {person.display_name}",
            audience=services.Audience(team_id=crew.pk, is_lead=is_lead),
        )
    url = f"/journal/teams/{crew.pk}/questions/{question.pk}/"
    return {"url": url, "entry": entry, "writer": writer, "lead": lead, "fake": fake, "boss": boss}


def test_staff_comments_carry_their_role_and_a_lookalike_name_does_not(client, discussion):
    client.force_login(discussion["writer"])
    html = client.get(discussion["url"]).content.decode()
    assert badges_after(html, "Lena Lead") == [["Team lead"]]
    assert badges_after(html, "Ari Admin") == [["Administrator"]]
    assert badges_after(html, "Lena (Trainer)") == [[]]  # a name, not a role
    assert badges_after(html, "Wren Writer") == []  # the entry heading is not bold


def test_the_badge_follows_current_roles(client, discussion):
    lead, fake = discussion["lead"], discussion["fake"]
    client.force_login(discussion["writer"])
    assert badges_after(client.get(discussion["url"]).content.decode(), "Lena Lead") == [
        ["Team lead"]
    ]
    lead.groups.clear()
    fake.groups.add(Group.objects.get(name=TRAINER))  # promoted: the badge is earned now
    html = client.get(discussion["url"]).content.decode()
    assert badges_after(html, "Lena Lead") == [[]]
    assert badges_after(html, "Lena (Trainer)") == [["Trainer"]]


def test_the_author_sees_badges_on_their_own_entry_and_in_notifications(client, discussion):
    client.force_login(discussion["writer"])
    html = client.get(f"/journal/entries/{discussion['entry'].pk}/").content.decode()
    assert badges_after(html, "Lena Lead") == [["Team lead"]]
    assert badges_after(html, "Lena (Trainer)") == [[]]
    notes = client.get("/journal/notifications/").content.decode()
    assert badges_after(notes, "Lena Lead") == [["Team lead"]]
    assert badges_after(notes, "Lena (Trainer)") == [[]]


def test_trainer_feedback_carries_the_trainer_badge(client, discussion):
    trainer = UserFactory(display_name="Tara Trainer", roles=[TRAINER])
    entry, writer = discussion["entry"], discussion["writer"]
    services.journal_entry_share(entry=entry, author=writer, trainer=trainer)
    services.comment_add(
        entry=entry,
        author=trainer,
        body="Feedback",
        audience=services.Audience(as_trainer=True, trainer_id=trainer.pk),
    )
    client.force_login(trainer)
    html = client.get(f"/journal/shared/{entry.pk}/").content.decode()
    assert badges_after(html, "Tara Trainer") == [["Trainer"]]


def test_badges_cost_one_query_however_many_staff_comment(client, site_tree):
    piece = make_thought_piece(reference="RB/TP/2", questions=["How?"])
    question = piece.questions.first()

    def queries(n):
        crew = TeamFactory()
        writer = UserFactory()
        TeamMembershipFactory(team=crew, user=writer)
        entry = services.journal_entry_create(author=writer, question=question, body="Text")
        services.journal_entry_share(entry=entry, author=writer, team=crew)
        for _ in range(n):
            lead = UserFactory(roles=[PRACTITIONER, TEAM_LEAD])
            TeamMembershipFactory(team=crew, user=lead, is_lead=True)
            services.comment_add(
                entry=entry,
                author=lead,
                body="Note",
                audience=services.Audience(team_id=crew.pk, is_lead=True),
            )
        client.force_login(writer)
        url = f"/journal/teams/{crew.pk}/questions/{question.pk}/"
        client.get(url)
        with CaptureQueriesContext(connection) as page:
            html = client.get(url).content.decode()
        assert html.count("app-role-badge") == n
        return len(page)

    assert queries(1) == queries(8)

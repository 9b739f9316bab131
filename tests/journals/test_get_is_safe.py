"""A GET never changes state. Notifications are marked read by a POST ("Mark all
as read", or following one), and a walk over the learner pages finds no row
changed except in the read audit (a record of reading, not a change a person
makes)."""

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from iomsite.teams.factories import TeamMembershipFactory
from journals import services
from journals.models import Notification

pytestmark = pytest.mark.django_db

#: Tables a GET may write: records that someone looked, never what they changed.
# Records of reading, not changes a person makes: the read audit, the access log
# learners see ("Who has looked at my records"), and sessions.
AUDIT_TABLES = {"journals.EntryRead", "courses.AccessLog", "sessions.Session"}


@pytest.fixture
def world(entry, team, team_lead, trainer):
    TeamMembershipFactory(team=team, user=entry.author)
    services.journal_entry_share(entry=entry, author=entry.author, team=team)
    services.journal_entry_share(entry=entry, author=entry.author, trainer=trainer)
    lead_comment = services.comment_add(
        entry=entry,
        author=team_lead,
        body="Well argued.",
        audience=services.Audience(team_id=team.pk, is_lead=True),
    )
    services.comment_add(
        entry=entry,
        author=trainer,
        body="Consider the GP.",
        audience=services.Audience(as_trainer=True, trainer_id=trainer.pk),
    )
    services.team_prompt_create(team=team, author=team_lead, text="What would you ask?")
    return {"entry": entry, "team": team, "lead_comment": lead_comment}


def test_opening_notifications_marks_nothing_read(client, world):
    author = world["entry"].author
    client.force_login(author)
    page = client.get("/journal/notifications/").content.decode()
    assert "Mark all as read" in page and page.count(">New<") == 2
    assert Notification.objects.filter(user=author, read_at=None).count() == 2
    assert client.get("/journal/notifications/").content.decode().count(">New<") == 2


def test_mark_all_as_read_is_a_post(client, world):
    author = world["entry"].author
    client.force_login(author)
    response = client.post("/journal/notifications/")
    assert response.status_code == 302 and response["Location"] == "/journal/notifications/"
    assert not Notification.objects.filter(user=author, read_at=None).exists()
    assert ">New<" not in client.get("/journal/notifications/").content.decode()


def test_following_a_notification_marks_that_one_read(client, world):
    author, team = world["entry"].author, world["team"]
    note = Notification.objects.get(comment=world["lead_comment"])
    client.force_login(author)
    open_url = f"/journal/notifications/{note.pk}/open/"
    assert open_url in client.get("/journal/notifications/").content.decode()
    assert client.get(open_url).status_code == 405  # following by GET changes nothing
    response = client.post(open_url)
    entry = world["entry"]
    assert response["Location"] == (
        f"/journal/teams/{team.pk}/entries/{entry.pk}/#comment-{world['lead_comment'].pk}"
    )
    note.refresh_from_db()
    assert note.read_at is not None
    assert Notification.objects.filter(user=author, read_at=None).count() == 1
    trainer_note = Notification.objects.get(user=author, read_at=None)
    response = client.post(f"/journal/notifications/{trainer_note.pk}/open/")
    assert response["Location"] == f"/journal/entries/{entry.pk}/"


def test_someone_elses_notification_is_404(client, world):
    from iomsite.accounts.factories import UserFactory

    note = Notification.objects.first()
    client.force_login(UserFactory())
    assert client.post(f"/journal/notifications/{note.pk}/open/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def _snapshot() -> dict:
    state = {}
    for model in apps.get_models():
        label = model._meta.label
        if label in AUDIT_TABLES or model._meta.app_label not in {
            "journals",
            "accounts",
            "teams",
            "courses",
            "quizzes",
        }:
            continue
        state[label] = sorted(map(repr, model.objects.values_list()))
    return state


def test_a_walk_over_the_learner_pages_changes_nothing(client, world, question, trainer):
    entry, team = world["entry"], world["team"]
    lead = world["lead_comment"].author
    pages = {
        entry.author: [
            "/journal/",
            "/journal/new/",
            f"/journal/new/?question={question.pk}",
            "/journal/notifications/",
            "/journal/export/",
            "/journal/export/?format=md",
            f"/journal/entries/{entry.pk}/",
            f"/journal/entries/{entry.pk}/history/",
            f"/journal/entries/{entry.pk}/share/",
            f"/journal/questions/{question.pk}/",
            f"/journal/teams/{team.pk}/",
            "/learning/",
            "/account/my-data/",
            "/account/profile/",
        ],
        lead: [
            f"/journal/teams/{team.pk}/",
            f"/journal/teams/{team.pk}/questions/{question.pk}/",
            f"/journal/teams/{team.pk}/entries/{entry.pk}/",
            "/journal/notifications/",
        ],
        trainer: [f"/journal/shared/{entry.pk}/", "/journal/notifications/"],
    }
    tabs = {}
    for user in pages:  # signing in sets last_login: before the snapshot
        tabs[user] = Client()
        tabs[user].force_login(user)
    before = _snapshot()
    for user, urls in pages.items():
        for url in urls:
            assert tabs[user].get(url).status_code == 200, url
    after = _snapshot()
    changed = [label for label in before if before[label] != after[label]]
    assert not changed, f"a GET changed {changed}"


def test_the_read_audit_is_the_one_thing_a_get_records(client, world):
    from journals.models import EntryRead

    entry, team = world["entry"], world["team"]
    client.force_login(world["lead_comment"].author)
    assert not EntryRead.objects.exists()
    client.get(f"/journal/teams/{team.pk}/entries/{entry.pk}/")
    read = EntryRead.objects.get()
    assert read.last_read_at <= timezone.now()

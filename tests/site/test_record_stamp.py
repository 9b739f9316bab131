"""Record stamps (issue 15): database triggers count every write to a learner's
own record, the signed-in user arrives with their stamp, and what a page keeps
under it is read afresh after any write, a publish or a new day."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user
from django.db import connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from iomsite import page_routes
from iomsite.accounts import record_stamp
from iomsite.accounts.factories import UserFactory
from iomsite.accounts.models import RecordStamp, User

# Tables that name a person but are not their own record as their pages show
# it, each with the reason. A new table naming a person must go in one list or
# the other.
UNSTAMPED = {
    "accounts_dataexport": "the data-rights page reads it afresh",
    "accounts_user_groups": "roles: signed_in_facts has its own version",
    "accounts_user_user_permissions": "permissions_cache has its own version",
    "courses_accesslog": "who read the learner's record, never shown on their own pages",
    "journals_comment": "teammates' writes, not kept under the learner's stamp",
    "journals_entryread": "who read a shared entry",
    "learning_record_statement": "the statements; pages read ActivityState",
    "learning_record_learneraccount": "the xAPI actor, written once",
    "teams_teaminvitation": "read afresh",
}
LEARNER_APPS = {"accounts", "courses", "journals", "quizzes", "learning_record", "teams"}


def _stamp(user) -> int:
    row = RecordStamp.objects.filter(user_id=user.pk).first()
    return row.version if row else 0


def _triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'record_stamp_%%'")
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'record_stamp_%'"
            )
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.django_db
def test_every_stamped_table_has_its_triggers():
    names = _triggers()
    for table in record_stamp.STAMPED_TABLES:
        if connection.vendor == "postgresql":
            assert f"record_stamp_{table}" in names
        else:
            events = {"accounts_user": ("delete",), "teams_team": ("update",)}.get(
                table, record_stamp.EVENTS
            )
            assert {f"record_stamp_{table}_{event}" for event in events} <= names


def test_every_table_naming_a_person_is_stamped_or_says_why_not():
    person = apps.get_model("accounts", "User")
    naming = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in LEARNER_APPS or model is RecordStamp:
            continue
        for field in model._meta.concrete_fields:
            declared_here = field.model is model  # not a Wagtail page's owner
            if field.is_relation and field.related_model is person and declared_here:
                naming.add(model._meta.db_table)
    stamped = set(record_stamp.STAMPED_TABLES)
    assert naming - stamped - set(UNSTAMPED) == set()


@pytest.mark.django_db(transaction=True)
def test_inserts_updates_deletes_and_bulk_writes_move_the_stamp(site_tree):
    from journals.models import JournalEntry

    learner, other = UserFactory(), UserFactory()
    start = _stamp(learner)  # an id handed out before starts where its last holder left it
    entry = JournalEntry.objects.create(author=learner, title="Mine", body="text")
    first = _stamp(learner)
    assert first > start
    entry.body = "more text"
    entry.save()
    assert _stamp(learner) > first
    before = _stamp(learner)
    JournalEntry.objects.filter(author=learner).update(title="Renamed")  # no signals
    assert _stamp(learner) > before
    before, others = _stamp(learner), _stamp(other)
    JournalEntry.objects.filter(pk=entry.pk).update(author=other)  # both records changed
    assert _stamp(learner) > before and _stamp(other) > others
    before = _stamp(other)
    with connection.cursor() as cursor:  # raw SQL counts too
        cursor.execute("DELETE FROM journals_journalentry WHERE id = %s", [entry.pk])
    assert _stamp(other) > before
    before = _stamp(learner)
    with pytest.raises(RuntimeError), transaction.atomic():
        JournalEntry.objects.create(author=learner, title="Never", body="text")
        raise RuntimeError("rolled back")
    assert _stamp(learner) == before  # a write that never happened changes nothing


@pytest.mark.django_db
def test_a_deleted_person_leaves_a_stamp_their_id_never_had():
    from journals.models import JournalEntry

    learner = UserFactory()
    JournalEntry.objects.create(author=learner, title="Mine", body="text")
    had, pk = _stamp(learner), learner.pk
    learner.delete()
    assert RecordStamp.objects.get(user_id=pk).version > had


@pytest.mark.django_db
def test_the_signed_in_user_arrives_with_their_stamp_in_one_query(
    client, practitioner, django_assert_num_queries
):
    from journals.models import JournalEntry

    JournalEntry.objects.create(author=practitioner, title="Mine", body="text")
    client.force_login(practitioner)
    request = RequestFactory().get("/")
    request.session = client.session
    with django_assert_num_queries(2):  # the session, then the user with their stamp
        user = get_user(request)
        seen = record_stamp.version(user)
    assert seen == _stamp(practitioner) >= 1
    assert record_stamp.version(UserFactory()) == 0  # none yet: no row, no error


@pytest.mark.django_db
def test_kept_reads_afresh_after_a_write_a_publish_or_a_new_day(practitioner, monkeypatch):
    from journals.models import JournalEntry

    made = []

    def make():
        made.append(1)
        return len(made)

    def kept(method="get", user=practitioner):
        request = getattr(RequestFactory(), method)("/")
        request.user = User.objects.select_related("record_stamp").get(pk=user.pk)
        return record_stamp.kept(request, "test", make)

    assert kept() == kept() == 1  # kept
    JournalEntry.objects.create(author=practitioner, title="Mine", body="text")
    assert kept() == kept() == 2  # their record changed
    page_routes.invalidate()
    assert kept() == 3  # content published
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(record_stamp.timezone, "localdate", lambda: tomorrow)
    assert kept() == 4  # due and overdue move at midnight
    assert kept("post") == 5 and kept("post") == 6  # never for a request that may write
    other = UserFactory()
    assert kept(user=other) == 7  # each person their own


def test_kept_never_keeps_for_someone_signed_out():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    calls = []
    for _ in range(2):
        record_stamp.kept(request, "test", lambda: calls.append(1))
    assert len(calls) == 2


@pytest.mark.django_db
def test_team_writes_reach_every_member_and_a_share_its_author_and_trainer(team, team_lead):
    from django.utils import timezone as tz

    from iomsite.teams.factories import TeamMembershipFactory
    from journals.models import JournalEntry, JournalShare, TeamPrompt

    members = [TeamMembershipFactory(team=team).user for _ in range(3)]
    outsider, trainer = UserFactory(), UserFactory()
    joined = TeamMembershipFactory(team=team).user
    assert _stamp(joined) >= 1  # joining counts

    def moved(people, write) -> list[bool]:
        before = [_stamp(person) for person in people]
        write()
        return [_stamp(person) > was for person, was in zip(people, before, strict=True)]

    def prompt():
        TeamPrompt.objects.create(team=team, author=team_lead, text="Discuss")

    assert moved([*members, outsider], prompt) == [True, True, True, False]
    team.name = "Renamed team"
    assert moved([*members, outsider], team.save) == [True, True, True, False]
    entry = JournalEntry.objects.create(author=members[0], title="Mine", body="text")

    def share():
        JournalShare.objects.create(entry=entry, trainer=trainer)

    def revoke():  # in bulk, as a data-rights erasure might
        JournalShare.objects.filter(entry=entry).update(revoked_at=tz.now())

    assert moved([members[0], trainer, members[1]], share) == [True, True, False]
    assert moved([members[0], trainer], revoke) == [True, True]

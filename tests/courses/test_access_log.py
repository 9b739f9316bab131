"""Learners see who opened their records: team progress, the drill-down, a CSV
row, a shared reflection; a row per reader per day, pruned after the retention."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from freezegun import freeze_time

from courses import services
from courses.models import AccessKind, AccessLog, ReaderRole
from iomsite.accounts.data_rights import account_erase, personal_data_zip
from iomsite.accounts.factories import UserFactory
from iomsite.accounts.roles import ADMINISTRATOR, PRACTITIONER, TRAINER
from iomsite.teams.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db


def team_url(team, suffix=""):
    return f"/learning/team/{team.pk}/{suffix}"


def learners(team, course, lead, count, **user):
    people = [TeamMembershipFactory(team=team, user=UserFactory(**user)).user for _ in range(count)]
    services.assignment_create(actor=lead, course=course, team=team, users=people)
    return people


def test_the_team_progress_page_logs_each_learner_shown_in_one_query(
    client, course, enrolled, team, team_lead
):
    others = learners(team, course, team_lead, 11)
    client.force_login(team_lead)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(team_url(team), {"course": course.pk}).status_code == 200
    writes = [q for q in queries if "courses_accesslog" in q["sql"]]
    assert len(writes) == 1
    logged = AccessLog.objects.filter(kind=AccessKind.PROGRESS, reader=team_lead, course=course)
    assert set(logged.values_list("learner_id", flat=True)) == {
        enrolled.pk,
        *(p.pk for p in others),
    }
    assert not AccessLog.objects.filter(learner=team_lead).exists()  # not their own
    assert set(logged.values_list("reader_role", flat=True)) == {ReaderRole.TEAM_LEAD}


def test_one_row_per_reader_per_day_and_a_new_one_the_next_day(
    client, course, enrolled, team, team_lead
):
    client.force_login(team_lead)
    with freeze_time("2026-11-02 09:00"):
        client.get(team_url(team))
    with freeze_time("2026-11-02 16:30"):
        client.get(team_url(team))
    row = AccessLog.objects.get(learner=enrolled)
    assert row.first_at.hour == 9 and row.last_at.hour == 16
    with freeze_time("2026-11-03 08:00"):
        client.get(team_url(team))
    assert AccessLog.objects.filter(learner=enrolled).count() == 2


def test_the_drill_down_logs_only_that_learner(client, course, enrolled, team, team_lead):
    bystander = learners(team, course, team_lead, 1)[0]
    client.force_login(team_lead)
    response = client.get(team_url(team, f"members/{enrolled.pk}/courses/{course.pk}/"))
    assert response.status_code == 200
    row = AccessLog.objects.get(kind=AccessKind.PROGRESS_DETAIL)
    assert (row.learner, row.reader, row.course, row.team) == (enrolled, team_lead, course, team)
    assert not AccessLog.objects.filter(learner=bystander).exists()


def test_each_learner_in_the_csv_gets_an_entry_and_only_they_do(
    client, course, enrolled, team, team_lead
):
    police = learners(team, course, team_lead, 3, agency="police")
    learners(team, course, team_lead, 2, agency="health")
    client.force_login(team_lead)
    response = client.get(team_url(team, "export.csv"), {"course": course.pk, "agency": "police"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    in_the_file = {name for name, *_ in rows[1:]}
    logged = AccessLog.objects.filter(kind=AccessKind.PROGRESS_CSV).select_related("learner")
    assert {row.learner.display_name for row in logged} == in_the_file
    assert {row.learner for row in logged} == set(police) | (
        {enrolled} if enrolled.agency == "police" else set()
    )


def test_an_administrator_is_logged_as_an_administrator(client, course, enrolled, team):
    admin = UserFactory(roles=[ADMINISTRATOR])
    client.force_login(admin)
    client.get(team_url(team))
    assert AccessLog.objects.get(learner=enrolled).reader_role == ReaderRole.ADMINISTRATOR


def test_reading_a_shared_reflection_is_logged_for_its_author(client, team, piece):
    from journals.services import journal_entry_create, journal_entry_share

    author = UserFactory(display_name="Ana Author", roles=[PRACTITIONER])
    teammate = UserFactory(display_name="Tom Teammate", roles=[PRACTITIONER])
    for person in (author, teammate):
        TeamMembershipFactory(team=team, user=person)
    question = piece.questions.order_by("sort_order").first()
    entry = journal_entry_create(author=author, question=question, body="My view.")
    journal_entry_share(entry=entry, author=author, team=team)
    trainer = UserFactory(display_name="Tia Trainer", roles=[TRAINER])
    journal_entry_share(entry=entry, author=author, trainer=trainer)

    client.force_login(teammate)
    assert client.get(f"/journal/teams/{team.pk}/questions/{question.pk}/").status_code == 200
    client.force_login(trainer)
    assert client.get(f"/journal/shared/{entry.pk}/").status_code == 200
    client.force_login(author)
    client.get(f"/journal/teams/{team.pk}/questions/{question.pk}/")  # the author's own: no row
    rows = AccessLog.objects.filter(
        learner=author, kind=AccessKind.SHARED_ENTRY, object_id=entry.pk
    )
    assert {(r.reader, r.reader_role) for r in rows} == {
        (teammate, ReaderRole.MEMBER),
        (trainer, ReaderRole.TRAINER),
    }
    page = client.get(reverse("courses:access_log")).content.decode()
    assert "Tom Teammate" in page and "Tia Trainer" in page
    assert f'href="/journal/entries/{entry.pk}/"' in page


def test_the_learner_sees_who_what_and_when_newest_first_and_only_their_own(
    client, course, enrolled, team, team_lead
):
    someone_else = learners(team, course, team_lead, 1)[0]
    client.force_login(team_lead)
    with freeze_time("2026-10-01 10:00"):
        # Logged as the rows are sent, so the file is read here.
        b"".join(client.get(team_url(team, "export.csv"), {"course": course.pk}).streaming_content)
    with freeze_time("2026-10-05 10:00"):
        client.get(team_url(team, f"members/{enrolled.pk}/courses/{course.pk}/"))
    client.force_login(enrolled)
    response = client.get(reverse("courses:access_log"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Who has looked at my records" in page
    assert page.count("Lee Lead") == 2
    assert "Team lead" in page
    detail = page.index("Your progress step by step: Induction")
    spreadsheet = page.index("Your progress, in a downloaded spreadsheet: Induction")
    assert detail < spreadsheet  # newest first
    assert "5 October 2026" in page and "1 October 2026" in page
    assert escape(someone_else.display_name) not in page
    client.force_login(someone_else)
    assert "step by step" not in client.get(reverse("courses:access_log")).content.decode()


def test_the_list_is_paginated(client, enrolled, team, course):
    now = timezone.now()
    readers = UserFactory.create_batch(30)
    AccessLog.objects.bulk_create(
        AccessLog(
            learner=enrolled,
            reader=reader,
            reader_role=ReaderRole.TEAM_LEAD,
            kind=AccessKind.PROGRESS,
            object_id=course.pk,
            course=course,
            team=team,
            day=(now - timedelta(days=n)).date(),
            first_at=now - timedelta(days=n),
            last_at=now - timedelta(days=n),
        )
        for n, reader in enumerate(readers)
    )
    client.force_login(enrolled)
    first = client.get(reverse("courses:access_log")).content.decode()
    assert (
        escape(readers[0].display_name) in first and escape(readers[29].display_name) not in first
    )
    assert "1 of 2" in first and 'rel="next"' in first
    second = client.get(reverse("courses:access_log"), {"page": 2}).content.decode()
    assert (
        escape(readers[29].display_name) in second and escape(readers[0].display_name) not in second
    )
    assert client.get(reverse("courses:access_log"), {"page": "x"}).status_code == 200


def test_profile_and_my_learning_link_to_the_log(client, practitioner, site_tree):
    client.force_login(practitioner)
    link = f'href="{reverse("courses:access_log")}"'
    assert link in client.get(reverse("accounts:profile")).content.decode()
    assert link in client.get(reverse("courses:my_learning")).content.decode()


def test_old_rows_are_pruned_after_the_retention_period(enrolled, team_lead, course, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 30
    for days_ago in (31, 30, 2):
        with freeze_time(timezone.now() - timedelta(days=days_ago)):
            services.access_log_record(
                reader=team_lead, kind=AccessKind.PROGRESS, subjects=[(enrolled.pk, course.pk)]
            )
    out = io.StringIO()
    call_command("access_log_prune", stdout=out)
    assert "Deleted 1 access log rows older than 30 days" in out.getvalue()
    assert AccessLog.objects.count() == 2


def test_the_log_is_in_my_data_and_erased_with_the_learner(
    enrolled, team_lead, course, tmp_path, administrator
):
    services.access_log_record(
        reader=team_lead, kind=AccessKind.PROGRESS, subjects=[(enrolled.pk, course.pk)]
    )
    counts = personal_data_zip(user=enrolled, path=tmp_path / "data.zip")
    assert counts["learning/access_log"] == 1
    # The reader's own export does not carry other people's log.
    assert personal_data_zip(user=team_lead, path=tmp_path / "lead.zip")["learning/access_log"] == 0
    account_erase(user=enrolled, actor=administrator)
    assert not AccessLog.objects.exists()


def test_the_bulk_write_stores_what_the_orm_would(course, enrolled, team, team_lead):
    """`access_log_record` writes by SQL: its dates and times compare and sort
    with rows the ORM wrote (SQLite keeps them as text), and its rows read back
    as the ORM's."""
    earlier = timezone.now() - timedelta(days=1)
    orm_row = AccessLog.objects.create(
        learner=enrolled,
        reader=team_lead,
        reader_role=ReaderRole.TEAM_LEAD,
        kind=AccessKind.PROGRESS,
        object_id=course.pk,
        course=course,
        team=team,
        day=timezone.localdate(earlier),
        first_at=earlier,
        last_at=earlier,
    )
    services.access_log_record(
        reader=team_lead,
        kind=AccessKind.PROGRESS,
        subjects=[(enrolled.pk, course.pk)],
        course=course,
        team=team,
    )
    rows = list(AccessLog.objects.filter(learner=enrolled).order_by("-last_at"))
    assert [row.pk == orm_row.pk for row in rows] == [False, True]
    written = rows[0]
    assert written.day == timezone.localdate()
    assert written.first_at == written.last_at > orm_row.last_at
    assert written.reader_role == ReaderRole.TEAM_LEAD and written.team == team
    assert AccessLog.objects.filter(day__gte=timezone.localdate()).get() == written
    assert AccessLog.objects.filter(last_at__gt=earlier).get() == written
    with connection.cursor() as cursor:  # stored as the ORM stores a moment
        cursor.execute(
            f"SELECT first_at FROM {AccessLog._meta.db_table} ORDER BY id"  # noqa: S608
        )
        stored = [value for (value,) in cursor.fetchall()]
    assert type(stored[0]) is type(stored[1])
    if isinstance(stored[0], str):
        assert len(stored[0]) == len(stored[1])

"""Team progress at any size: the same page, queries and bytes for 30 learners as
for 3,000; filters, order and pages worked out in SQL; the CSV in flat memory."""

import csv
import io
import re
import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.factories import cohort_bulk_create
from courses.models import AccessKind, AccessLog, Assignment, CourseProgress, Status
from courses.team_table import PER_PAGE, TableFilters, learners_shown, summary
from iomsite.teams.factories import TeamFactory, TeamMembershipFactory

pytestmark = pytest.mark.django_db


def url(team, suffix=""):
    return f"/learning/team/{team.pk}/{suffix}"


def _page(client, team, course, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(team), {"course": course.pk, **params})
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def _names(html: str) -> list[str]:
    matrix = html[html.index('class="govuk-table app-matrix"') : html.index("</table>")]
    return [chunk.split("</a>")[0].rsplit(">", 1)[-1] for chunk in matrix.split('scope="row"')[1:]]


def test_the_page_costs_the_same_for_30_learners_as_for_3000(client, course, team, team_lead):
    cohort_bulk_create(team=team, course=course, count=30)
    client.force_login(team_lead)
    _page(client, team, course)  # warm the chrome cache
    small, small_queries = _page(client, team, course)
    cohort_bulk_create(team=team, course=course, count=2970, start=30)
    large, large_queries = _page(client, team, course)
    assert large_queries == small_queries
    assert len(large.encode()) < 100_000
    assert abs(len(large) - len(small)) < 2_000  # counts and page links, not rows
    assert len(_names(large)) == PER_PAGE
    assert "3000" in large.replace(",", "") and "Learners 1 to 25 of 3000" in large.replace(",", "")


def test_the_summary_partitions_the_learners_and_each_count_filters_the_table(
    client, course, team, team_lead
):
    cohort_bulk_create(team=team, course=course, count=60)
    counts = summary(team=team, course=course)
    assert counts["total"] == 60
    assert sum(counts[k] for k in ("overdue", "not_started", "in_progress", "completed")) == 60
    assert counts["completed"] == CourseProgress.objects.filter(status=Status.COMPLETED).count()
    assert counts["overdue"] > 0 and counts["not_started"] > 0 and counts["in_progress"] > 0
    client.force_login(team_lead)
    for status in ("overdue", "not_started", "in_progress", "completed"):
        shown = learners_shown(team=team, course=course, filters=TableFilters(status=status))
        assert shown.count() == counts[status], status
        html, _ = _page(client, team, course, status=status)
        assert f"of {counts[status]}</caption>" in html or counts[status] <= PER_PAGE
        assert len(_names(html)) == min(counts[status], PER_PAGE)


def test_overdue_learners_come_first_then_the_unfinished(client, course, team, team_lead):
    cohort_bulk_create(team=team, course=course, count=40)
    rows = list(learners_shown(team=team, course=course, filters=TableFilters()))
    flags = [(not r.overdue, r.course_status == Status.COMPLETED) for r in rows]
    assert flags == sorted(flags)
    assert rows[0].overdue


def test_search_sort_and_pages(client, course, team, team_lead):
    cohort_bulk_create(team=team, course=course, count=80)
    client.force_login(team_lead)
    html, _ = _page(client, team, course, q="o'neill", sort="name")
    names = _names(html)
    assert names and all("O&#x27;Neill" in name for name in names)
    assert names == sorted(names)
    by_email, _ = _page(client, team, course, q=f"cohort{team.pk}-00")  # no such address
    assert _names(by_email) == [] and "Nobody matches these filters." in by_email
    least, _ = _page(client, team, course, sort="progress")
    assert "0%" in least.split('scope="row"')[1]
    second, _ = _page(client, team, course, sort="name", page=2)
    first, _ = _page(client, team, course, sort="name")
    assert set(_names(first)).isdisjoint(_names(second))
    assert 'aria-current="page">2<' in second
    assert "?course=" in second and "sort=name" in second  # page links keep the filters


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"sort": "'; DROP TABLE users"},
        {"page": "abc"},
        {"page": "99999"},
        {"q": "x" * 500},
        {"q": "nul\x00byte"},
        {"agency": "nowhere"},
        {"course": "not-a-number"},
    ],
)
def test_bad_filters_fall_back_and_never_fail(client, course, team, team_lead, params):
    cohort_bulk_create(team=team, course=course, count=5)
    client.force_login(team_lead)
    response = client.get(url(team), {"course": course.pk, **params})
    assert response.status_code == 200


def test_only_the_rows_shown_are_logged(client, course, team, team_lead):
    cohort_bulk_create(team=team, course=course, count=60)
    client.force_login(team_lead)
    html, _ = _page(client, team, course, sort="name")
    logged = AccessLog.objects.filter(kind=AccessKind.PROGRESS, reader=team_lead)
    assert logged.count() == PER_PAGE
    assert sorted(logged.values_list("learner__display_name", flat=True)) == sorted(
        name.replace("&#x27;", "'") for name in _names(html)
    )


def test_with_htmx_only_the_results_come_back(client, course, team, team_lead):
    cohort_bulk_create(team=team, course=course, count=30)
    client.force_login(team_lead)
    response = client.get(
        url(team),
        {"course": course.pk, "status": "completed"},
        headers={"HX-Request": "true", "HX-Target": "team-results"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="team-results"')
    assert "<html" not in body and "Assign a course" not in body
    restore = client.get(
        url(team),
        {"course": course.pk},
        headers={
            "HX-Request": "true",
            "HX-Target": "team-results",
            "HX-History-Restore-Request": "true",
        },
    )
    assert "<html" in restore.content.decode()


def test_finding_people_to_assign_keeps_the_ticked_and_checks_the_team(
    client, course, team, team_lead
):
    ids = cohort_bulk_create(team=team, course=course, count=40)
    outsider = TeamMembershipFactory(team=TeamFactory()).user
    before = Assignment.objects.count()
    client.force_login(team_lead)
    found = client.post(
        url(team),
        {"assign-action": "find", "assign-find": "Ahmed", "assign-members": [ids[1]]},
    )
    html = found.content.decode()
    assert found.status_code == 200 and "govuk-error-summary" not in html
    assert html.count('name="assign-members"') == 1 + 5  # the ticked one and five matches
    ticked = re.search(rf'<input[^>]*value="{ids[1]}"[^>]*>', html).group(0)
    assert "checked" in ticked
    assert Assignment.objects.count() == before  # finding assigns nothing
    refused = client.post(
        url(team),
        {
            "assign-course": course.pk,
            "assign-members": [ids[2], outsider.pk],
            "assign-who": "chosen",
        },
    )
    assert refused.status_code == 400 and "Choose people from this team" in refused.content.decode()
    nobody = client.post(url(team), {"assign-course": course.pk, "assign-who": "chosen"})
    assert nobody.status_code == 400
    assert "Tick at least one person" in nobody.content.decode()
    assert Assignment.objects.count() == before
    partial = client.post(
        url(team),
        {"assign-action": "find", "assign-find": "Learner 0001"},
        headers={"HX-Request": "true", "HX-Target": "assign-people"},
    )
    assert partial.content.decode().lstrip().startswith('<div id="assign-people">')
    assert partial.content.decode().count('name="assign-members"') == 10  # the first ten


def test_assigning_to_everyone_and_to_the_ticked(client, course, team, team_lead):
    from courses.models import CoursePage

    ids = cohort_bulk_create(team=team, course=course, count=12)
    other = CoursePage.objects.exclude(pk=course.pk).first() or course
    client.force_login(team_lead)
    response = client.post(
        url(team), {"assign-course": other.pk, "assign-members": ids[:2], "assign-who": "chosen"}
    )
    assert response.status_code == 302
    assert set(Assignment.objects.filter(course=other).values_list("user_id", flat=True)) >= set(
        ids[:2]
    )
    everyone = client.post(url(team), {"assign-course": other.pk, "assign-who": "team"})
    assert everyone.status_code == 302
    team_ids = set(team.memberships.values_list("user_id", flat=True))
    assigned = set(
        Assignment.objects.filter(course=other, removed_at=None).values_list("user_id", flat=True)
    )
    assert team_ids <= assigned


def _csv(client, team, course, **params):
    response = client.get(url(team, "export.csv"), {"course": course.pk, **params})
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_csv_has_every_page_and_follows_the_filters(client, course, team, team_lead):
    cohort_bulk_create(team=team, course=course, count=1100)
    client.force_login(team_lead)
    rows = _csv(client, team, course)
    assert len(rows) == 1 + 1100
    assert len({row[1] for row in rows[1:]}) == 1100
    counts = summary(team=team, course=course)
    overdue = _csv(client, team, course, status="overdue")
    assert len(overdue) == 1 + counts["overdue"] and {r[4] for r in overdue[1:]} == {"Overdue"}
    assert AccessLog.objects.filter(kind=AccessKind.PROGRESS_CSV).count() == 1100


def _csv_peak(client, team, course) -> int:
    tracemalloc.start()
    try:
        response = client.get(url(team, "export.csv"), {"course": course.pk})
        size = sum(len(chunk) for chunk in response.streaming_content)
        return tracemalloc.get_traced_memory()[1], size
    finally:
        tracemalloc.stop()


def test_the_csv_streams_in_flat_memory(client, course, team, team_lead):
    # Four chunks, then forty: memory stays with the chunk, not the file.
    cohort_bulk_create(team=team, course=course, count=2000)
    client.force_login(team_lead)
    small_peak, small_size = _csv_peak(client, team, course)
    cohort_bulk_create(team=team, course=course, count=18000, start=2000)
    large_peak, large_size = _csv_peak(client, team, course)
    assert large_size > 9 * small_size  # ten times the rows went out
    assert large_peak < small_peak * 1.5 + 500_000, (small_peak, large_peak)


def test_assigning_to_everyone_costs_a_few_queries_not_a_few_per_person(course, team, team_lead):
    from courses import services
    from courses.models import Enrolment

    other_team = TeamFactory()
    TeamMembershipFactory(team=other_team, user=team_lead, is_lead=True)
    warm = TeamFactory()
    TeamMembershipFactory(team=warm, user=team_lead, is_lead=True)
    cohort_bulk_create(team=warm, course=course, count=3)
    services.assignment_create(actor=team_lead, course=course, team=warm)  # the lead's roles
    cohort_bulk_create(team=team, course=course, count=30)
    cohort_bulk_create(team=other_team, course=course, count=300)
    counts = []
    for each in (team, other_team):
        with CaptureQueriesContext(connection) as queries:
            done = services.assignment_create(actor=team_lead, course=course, team=each)
        counts.append(len(queries))
        members = set(each.memberships.values_list("user_id", flat=True))
        assert {a.user_id for a in done} == members
        assert (
            set(
                Enrolment.objects.filter(course=course, active=True).values_list(
                    "user_id", flat=True
                )
            )
            >= members
        )
    # Ten times the people add only insert batches (SQLite caps a statement's
    # parameters, so its batches are smaller): one at a time it was ~12 a person.
    assert counts[1] <= counts[0] + 6 and counts[1] < 40, counts

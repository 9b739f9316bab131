"""The team lead's dashboard: boundaries, overdue first, drill-down, CSV safety, queries."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from courses import services
from courses.models import Assignment, Step
from courses.team_views import csv_safe
from iomsite.accounts.factories import UserFactory
from iomsite.teams.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db


def url(team, suffix=""):
    return f"/learning/team/{team.pk}/{suffix}"


def test_only_leads_of_the_team_see_it(
    client, course, enrolled, team, team_lead, other_team, practitioner
):
    client.force_login(practitioner)
    assert client.get(url(team)).status_code == 403
    assert client.get(url(team, "export.csv")).status_code == 403
    client.force_login(team_lead)
    assert client.get(url(team)).status_code == 200
    assert client.get(url(other_team)).status_code == 404
    assert client.get(url(other_team, "export.csv")).status_code == 404


def test_a_member_of_another_team_is_a_404_in_the_drill_down(
    client, course, enrolled, team, team_lead, other_team
):
    outsider = TeamMembershipFactory(team=other_team).user
    client.force_login(team_lead)
    assert client.get(url(team, f"members/{outsider.pk}/courses/{course.pk}/")).status_code == 404
    page = client.get(url(team, f"members/{enrolled.pk}/courses/{course.pk}/"))
    assert page.status_code == 200
    assert "journals stay private" in page.content.decode()


@freeze_time("2026-11-23 09:00")
def test_the_matrix_lists_overdue_learners_first(client, course, team, team_lead, piece):
    late, on_time = (
        TeamMembershipFactory(team=team, user=UserFactory(display_name=name)).user
        for name in ("Zed Late", "Amy Ontime")
    )
    services.assignment_create(
        actor=team_lead, course=course, team=team, users=[late], due_date=date(2026, 11, 24)
    )
    services.assignment_create(
        actor=team_lead, course=course, team=team, users=[on_time], due_date=date(2026, 12, 24)
    )
    with freeze_time("2026-11-30"):
        client.force_login(team_lead)
        content = client.get(url(team)).content.decode()
    assert content.index("Zed Late") < content.index("Amy Ontime")
    assert "1 overdue" in content


def test_the_agency_filter(client, course, team, team_lead):
    police = TeamMembershipFactory(
        team=team, user=UserFactory(display_name="Pol Ice", agency="police")
    ).user
    housing = TeamMembershipFactory(
        team=team, user=UserFactory(display_name="Hou Sing", agency="local_authority")
    ).user
    services.assignment_create(actor=team_lead, course=course, team=team, users=[police, housing])
    client.force_login(team_lead)
    content = client.get(url(team), {"course": course.pk, "agency": "police"}).content.decode()
    matrix = content[content.index('class="govuk-table app-matrix"') : content.index("</table>")]
    assert "Pol Ice" in matrix and "Hou Sing" not in matrix


def test_a_lead_assigns_through_the_form_and_bad_input_is_explained(
    client, course, team, team_lead
):
    member = TeamMembershipFactory(team=team).user
    client.force_login(team_lead)
    bad = client.post(
        url(team),
        {
            "assign-course": course.pk,
            "assign-due_date_day": "1",
            "assign-due_date_month": "1",
            "assign-due_date_year": "2000",
            "assign-members": [member.pk],
            "assign-who": "chosen",
        },
    )
    assert bad.status_code == 400
    assert "The due date must be today or in the future" in bad.content.decode()
    assert not Assignment.objects.exists()
    client.post(
        url(team),
        {"assign-course": course.pk, "assign-members": [member.pk], "assign-who": "chosen"},
    )
    assert list(Assignment.objects.values_list("user_id", flat=True)) == [member.pk]


def test_a_lead_marks_a_lead_only_step_done_for_a_member(client, course, enrolled, team, team_lead):
    shadow = Step.objects.get(course=course, title="Shadow a panel")
    client.force_login(team_lead)
    response = client.post(url(team, f"members/{enrolled.pk}/steps/{shadow.pk}/done/"), follow=True)
    assert "Complete the earlier steps first." in response.content.decode()


def test_csv_export_is_formula_safe(client, course, team, team_lead):
    nasty = TeamMembershipFactory(
        team=team, user=UserFactory(display_name='=HYPERLINK("http://x","y")')
    ).user
    services.assignment_create(actor=team_lead, course=course, team=team, users=[nasty])
    client.force_login(team_lead)
    response = client.get(url(team, "export.csv"), {"course": course.pk})
    assert response["Content-Type"] == "text/csv"
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:4] == ["Name", "Email", "Agency", "Course"]
    names = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x","y")' in names
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1"):
        assert csv_safe(value).startswith("'")
    assert csv_safe("Plain") == "Plain"


def test_dashboard_queries_do_not_grow_with_learners_or_records(
    client, course, team, team_lead, piece
):
    client.force_login(team_lead)
    # One learner besides the lead, so the access log write is in both counts.
    TeamMembershipFactory(team=team)
    services.assignment_create(actor=team_lead, course=course, team=team)
    client.get(url(team))
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(team)).status_code == 200
    for _ in range(12):
        learner = TeamMembershipFactory(team=team).user
        services.assignment_create(actor=team_lead, course=course, team=team, users=[learner])
        services.thought_piece_mark_read(user=learner, page=piece)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(team)).status_code == 200
    assert len(many) == len(few)

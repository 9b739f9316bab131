"""Enrolment and assignments (courses/enrolment_services.py): who may unassign."""

import pytest

from courses import services
from courses.models import Assignment
from iomsite.teams.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db


def test_a_lead_cannot_remove_another_teams_assignment(
    client, course, team, other_team, team_lead, practitioner
):
    from iomsite.accounts.factories import UserFactory
    from iomsite.accounts.roles import PRACTITIONER, TEAM_LEAD

    other_lead = UserFactory(roles=[TEAM_LEAD, PRACTITIONER])
    TeamMembershipFactory(team=other_team, user=other_lead, is_lead=True)
    for each in (team, other_team):
        TeamMembershipFactory(team=each, user=practitioner)
    services.assignment_create(
        actor=other_lead, course=course, team=other_team, users=[practitioner]
    )
    client.force_login(team_lead)
    response = client.post(
        f"/learning/team/{team.pk}/members/{practitioner.pk}/courses/{course.pk}/unassign/"
    )
    assert response.status_code == 404
    assert Assignment.objects.get(user=practitioner).removed_at is None

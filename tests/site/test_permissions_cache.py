"""Django's permission checks come from the shared cache after the first request,
and any change to who holds what is seen on the next one
(`iomsite.accounts.permissions_cache`, issue 15)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iomsite.accounts.roles import TEAM_LEAD
from iomsite.benchmark import two_factor_session_verify

pytestmark = pytest.mark.django_db


def _permission_reads(client, url, status=200) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == status
    return sum("auth_permission" in query["sql"] for query in captured)


@pytest.fixture
def lead_client(client, team_lead):
    client.force_login(team_lead)
    two_factor_session_verify(client, team_lead)
    return client


def test_the_second_request_reads_no_permissions(lead_client, team):
    url = f"/team/{team.pk}/"
    assert _permission_reads(lead_client, url) == 2  # Django's two: own and groups'
    assert _permission_reads(lead_client, url) == 0


def test_leaving_the_role_is_seen_at_once(lead_client, team, team_lead):
    url = f"/learning/team/{team.pk}/"
    lead_client.get(url)
    team_lead.groups.remove(Group.objects.get(name=TEAM_LEAD))
    assert lead_client.get(url).status_code in (403, 404)


def test_a_permission_taken_from_the_group_is_seen_at_once(lead_client, team):
    url = f"/learning/team/{team.pk}/"
    assert lead_client.get(url).status_code == 200
    lead_team = Permission.objects.get(codename="lead_team")
    Group.objects.get(name=TEAM_LEAD).permissions.remove(lead_team)
    assert lead_client.get(url).status_code in (403, 404)
    Group.objects.get(name=TEAM_LEAD).permissions.add(lead_team)
    assert lead_client.get(url).status_code == 200


def test_a_practitioner_gains_nothing_from_the_cache(client, practitioner, team):
    client.force_login(practitioner)
    for _ in range(2):
        assert client.get(f"/learning/team/{team.pk}/").status_code in (403, 404)


def test_someone_elses_new_role_leaves_my_kept_permissions(lead_client, team, practitioner):
    url = f"/team/{team.pk}/"
    lead_client.get(url)
    practitioner.groups.add(Group.objects.get(name=TEAM_LEAD))
    assert _permission_reads(lead_client, url) == 0

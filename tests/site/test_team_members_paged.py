"""The team page pages its member list in SQL: 30 members or 3,000, the same
queries and (within a few digits) the same bytes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iomsite.accounts.models import User
from iomsite.teams.models import TeamMembership
from iomsite.teams.selectors import MEMBERS_PER_PAGE

pytestmark = pytest.mark.django_db


def _add_members(team, start: int, count: int) -> None:
    users = User.objects.bulk_create(
        [
            User(email=f"member{n}@paged.example.org", display_name=f"Member {n:05d}", password="!")
            for n in range(start, start + count)
        ]
    )
    if not all(user.pk for user in users):  # SQLite before 3.35 returns no ids
        users = User.objects.filter(email__endswith="@paged.example.org", pk__isnull=False)
        users = [u for u in users if not team.memberships.filter(user=u).exists()]
    TeamMembership.objects.bulk_create([TeamMembership(team=team, user=u) for u in users])


def _measure(client, url):
    client.get(url)  # warm the session and per-request caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.content), response.content.decode()


def test_the_team_page_is_the_same_size_and_query_count_at_30_and_3000_members(
    signed_in, team_lead, team
):
    client = signed_in(team_lead)
    url = reverse("teams:detail", args=[team.pk])
    _add_members(team, 1, 29)
    few_queries, few_bytes, few = _measure(client, url)
    _add_members(team, 30, 2970)
    many_queries, many_bytes, many = _measure(client, url)
    assert many_queries == few_queries
    assert abs(many_bytes - few_bytes) < 0.05 * few_bytes
    assert "Members (30)" in few and "Members (3000)" in many
    assert many.count('<tr class="govuk-table__row">') == few.count('<tr class="govuk-table__row">')
    # The lead and 24 others, each named twice (the row and the hidden "Remove" label).
    assert few.count("Member 0") == (MEMBERS_PER_PAGE - 1) * 2


def test_members_are_paged_25_at_a_time_leads_first(signed_in, team_lead, team):
    _add_members(team, 1, 60)
    client = signed_in(team_lead)
    url = reverse("teams:detail", args=[team.pk])
    first = client.get(url).content.decode()
    assert "Lee Lead" in first and "Member 00024" in first and "Member 00025" not in first
    assert "Members 1 to 25 of 61" in first
    assert 'href="?page=2#members"' in first and 'rel="next"' in first
    last = client.get(url, {"page": 3}).content.decode()
    assert "Members 51 to 61 of 61" in last and "Member 00060" in last
    assert "Lee Lead" not in last.split("Members 51 to 61")[1].split("</table>")[0]
    # A page past the end, or not a number, shows the nearest real page, never a 500.
    assert "Members 51 to 61" in client.get(url, {"page": 99}).content.decode()
    assert "Members 1 to 25" in client.get(url, {"page": "x"}).content.decode()


def test_members_are_searched_by_name_or_address_and_the_search_is_kept_across_pages(
    signed_in, team_lead, team
):
    _add_members(team, 1, 60)
    client = signed_in(team_lead)
    url = reverse("teams:detail", args=[team.pk])
    content = client.get(url, {"q": "Member 0003"}).content.decode()
    assert "10 members match" in content
    assert "Member 00030" in content and "Member 00039" in content
    assert "Member 00040" not in content and "Lee Lead</td>" not in content
    assert "Members (61)" in content
    content = client.get(url, {"q": "Member 000"}).content.decode()
    assert 'href="?q=Member+000&amp;page=2#members"' in content
    content = client.get(url, {"q": "nobody-here"}).content.decode()
    assert "No members match that search." in content
    assert client.get(url, {"q": "a\x00b" + "x" * 500}).status_code == 200


def test_an_administrator_sees_all_teams_25_a_page_for_the_same_queries(signed_in, administrator):
    from iomsite.teams.models import Team

    client = signed_in(administrator)
    url = reverse("teams:list")
    Team.objects.bulk_create([Team(name=f"Paged team {n:03d}", area="Paged") for n in range(30)])
    few_queries, _, few = _measure(client, url)
    Team.objects.bulk_create(
        [Team(name=f"Paged team {n:03d}", area="Paged") for n in range(30, 300)]
    )
    many_queries, _, many = _measure(client, url)
    assert many_queries == few_queries
    assert many.count("Paged team ") == few.count("Paged team ") <= 25
    assert 'aria-label="Pages of teams"' in many
    later = client.get(url, {"page": 12}).content.decode()
    assert "Paged team 299" in later and "Paged team 000" not in later

"""Team leads manage the membership of their own teams only."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from iomsite.accounts.factories import UserFactory
from iomsite.accounts.roles import ADMINISTRATOR
from iomsite.teams import services
from iomsite.teams.factories import TeamMembershipFactory
from iomsite.teams.models import TeamMembership

pytestmark = pytest.mark.django_db


def test_a_lead_cannot_invite_members_to_a_team_they_do_not_lead(signed_in, team_lead, other_team):
    newcomer = UserFactory()
    response = signed_in(team_lead).post(
        reverse("teams:detail", args=[other_team.pk]), {"email": newcomer.email}
    )
    assert response.status_code == 404
    assert not other_team.memberships.exists()
    assert not other_team.invitations.exists()


def test_a_lead_cannot_remove_members_of_a_team_they_do_not_lead(signed_in, team_lead, other_team):
    membership = TeamMembershipFactory(team=other_team)
    response = signed_in(team_lead).post(
        reverse("teams:member_remove", args=[other_team.pk, membership.pk])
    )
    assert response.status_code == 404
    assert TeamMembership.objects.filter(pk=membership.pk).exists()


def test_a_membership_of_another_team_cannot_be_removed_through_your_own_team(
    signed_in, team_lead, team, other_team
):
    membership = TeamMembershipFactory(team=other_team)
    response = signed_in(team_lead).post(
        reverse("teams:member_remove", args=[team.pk, membership.pk])
    )
    assert response.status_code == 404
    assert TeamMembership.objects.filter(pk=membership.pk).exists()


def test_a_lead_removes_a_member(signed_in, team_lead, team):
    membership = TeamMembershipFactory(team=team)
    response = signed_in(team_lead).post(
        reverse("teams:member_remove", args=[team.pk, membership.pk]), follow=True
    )
    # Escaped: generated names can hold an apostrophe ("O'Neil").
    removed = escape(f"{membership.user} has been removed from Northmoor IOM")
    assert removed in response.content.decode()
    assert not TeamMembership.objects.filter(pk=membership.pk).exists()


def test_removing_a_member_asks_first_and_only_a_post_removes(signed_in, team_lead, team):
    membership = TeamMembershipFactory(team=team)
    response = signed_in(team_lead).get(
        reverse("teams:member_remove", args=[team.pk, membership.pk])
    )
    assert response.status_code == 200
    question = escape(f"Are you sure you want to remove {membership.user.display_name}?")
    assert question in response.content.decode()
    assert TeamMembership.objects.filter(pk=membership.pk).exists()


def test_a_lead_cannot_add_or_remove_leads(team_lead, team):
    with pytest.raises(PermissionDenied):
        services.team_member_add(
            team=team, actor=team_lead, email=UserFactory().email, is_lead=True
        )
    co_lead = TeamMembershipFactory(team=team, is_lead=True)
    with pytest.raises(PermissionDenied):
        services.team_member_remove(team=team, actor=team_lead, membership_id=co_lead.pk)


def test_an_administrator_adds_a_lead_but_cannot_remove_the_last_one(team):
    admin = UserFactory(roles=[ADMINISTRATOR])
    lead = services.team_member_add(team=team, actor=admin, email=UserFactory().email, is_lead=True)
    assert lead.is_lead
    with pytest.raises(ValidationError, match="at least one lead"):
        services.team_member_remove(team=team, actor=admin, membership_id=lead.pk)


def test_the_team_page_lists_members_with_their_agencies(signed_in, team_lead, team):
    TeamMembershipFactory(
        team=team, user=UserFactory(display_name="Mo Housing", agency="local_authority")
    )
    content = signed_in(team_lead).get(reverse("teams:detail", args=[team.pk])).content.decode()
    assert "Mo Housing" in content
    assert "Local authority or housing" in content
    assert "Team lead" in content


def test_the_team_page_query_count_does_not_grow_with_members(
    signed_in, team_lead, team, django_assert_num_queries
):
    client = signed_in(team_lead)
    url = reverse("teams:detail", args=[team.pk])
    TeamMembershipFactory.create_batch(2, team=team)
    client.get(url)  # warm the session and per-request caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    TeamMembershipFactory.create_batch(25, team=team)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_team_list_shows_leads_and_sizes(signed_in, practitioner, team, team_lead):
    TeamMembershipFactory(team=team, user=practitioner)
    content = signed_in(practitioner).get(reverse("teams:list")).content.decode()
    assert "Northmoor IOM" in content
    assert "2 members" in content
    assert "Led by Lee Lead" in content
    assert "Teams you lead" not in content


def test_an_empty_invite_form_says_what_is_missing(signed_in, team_lead, team):
    response = signed_in(team_lead).post(reverse("teams:detail", args=[team.pk]), {})
    assert response.status_code == 400
    assert '<a href="#id_email">Enter the email address of the person to invite</a>' in (
        response.content.decode()
    )


def test_an_administrator_who_leads_no_team_sees_them_under_all_teams(
    signed_in, administrator, team, other_team, team_lead
):
    content = signed_in(administrator).get(reverse("teams:list")).content.decode()
    led, _, rest = content.partition("All teams")
    assert "Teams you lead" in led and "You do not lead a team." in led
    assert team.name not in led and other_team.name not in led
    assert team.name in rest and other_team.name in rest


def test_a_lead_sees_only_their_own_teams_and_no_all_teams_heading(
    signed_in, team_lead, team, other_team
):
    content = signed_in(team_lead).get(reverse("teams:list")).content.decode()
    assert "Teams you lead" in content and team.name in content
    assert "All teams" not in content and other_team.name not in content

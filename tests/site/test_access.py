"""Each role reaches what it should and is refused what it should not."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from iomsite.home.models import HomePage
from iomsite.teams.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db

LEARNER_PAGES = ["/learning/", "/journal/", "/team/", "/account/profile/"]


@pytest.mark.parametrize("url", LEARNER_PAGES)
def test_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def test_visitors_see_the_home_page(client, site_tree):
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("url", LEARNER_PAGES)
def test_practitioners_reach_their_own_pages(signed_in, practitioner, site_tree, url):
    assert signed_in(practitioner).get(url).status_code == 200


def test_practitioners_are_refused_the_wagtail_admin(signed_in, practitioner):
    response = signed_in(practitioner).get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/admin/login/")
    assert b"You do not have permission to access the admin" in response.content


def test_practitioners_are_refused_a_team_page(signed_in, practitioner, team):
    response = signed_in(practitioner).get(reverse("teams:detail", args=[team.pk]))
    assert response.status_code == 403
    assert b"You cannot see this page" in response.content


def test_team_members_who_are_not_leads_are_refused_their_team_page(signed_in, practitioner, team):
    TeamMembershipFactory(team=team, user=practitioner)
    response = signed_in(practitioner).get(reverse("teams:detail", args=[team.pk]))
    assert response.status_code == 403


def test_trainers_reach_the_admin_and_can_draft_but_not_publish(signed_in, trainer, site_tree):
    client = signed_in(trainer)
    assert client.get("/admin/").status_code == 200
    home = HomePage.objects.get()
    permissions = home.permissions_for_user(trainer)
    assert permissions.can_add_subpage()
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_trainers_are_refused_team_pages(signed_in, trainer, team):
    assert signed_in(trainer).get(reverse("teams:detail", args=[team.pk])).status_code == 403


def test_team_leads_reach_the_teams_they_lead(signed_in, team_lead, team):
    response = signed_in(team_lead).get(reverse("teams:detail", args=[team.pk]))
    assert response.status_code == 200
    assert b"Northmoor IOM" in response.content


def test_team_leads_get_404_for_a_team_they_do_not_lead(signed_in, team_lead, other_team):
    response = signed_in(team_lead).get(reverse("teams:detail", args=[other_team.pk]))
    assert response.status_code == 404


def test_team_leads_are_refused_the_admin(signed_in, team_lead):
    response = signed_in(team_lead).get("/admin/")
    assert response.status_code == 302


def test_administrators_reach_the_admin_every_team_and_user_management(
    signed_in, administrator, team, other_team
):
    client = signed_in(administrator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/users/").status_code == 200
    assert client.get("/admin/team_admin/").status_code == 200
    for each in (team, other_team):
        assert client.get(reverse("teams:detail", args=[each.pk])).status_code == 200


def test_administrators_publish_content(administrator, site_tree):
    home = HomePage.objects.get()
    assert home.permissions_for_user(administrator).can_publish()


def test_nobody_but_an_administrator_manages_users(signed_in, trainer):
    assert signed_in(trainer).get("/admin/users/").status_code in {302, 403}


def test_the_site_root_is_the_home_page(site_tree):
    site_root = Page.objects.get(depth=2)
    assert site_root.specific_class is HomePage


def test_a_trainers_submission_goes_to_administrators_for_approval(trainer, site_tree):
    from wagtail.models import GroupApprovalTask

    home = HomePage.objects.get()
    workflow = home.get_workflow()
    assert workflow.name == "Content review"
    task = GroupApprovalTask.objects.get(workflow_tasks__workflow=workflow)
    assert list(task.groups.values_list("name", flat=True)) == ["Administrator"]


def test_administrators_create_people_with_display_name_and_agency(signed_in, administrator):
    from iomsite.accounts.models import User

    response = signed_in(administrator).post(
        reverse("wagtailusers_users:add"),
        {
            "email": "New.Worker@Example.org",
            "first_name": "Nia",
            "last_name": "Worker",
            "display_name": "Nia Worker",
            "agency": "health",
            "password1": "a-long-new-password-9",
            "password2": "a-long-new-password-9",
            "groups": [],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email__iexact="new.worker@example.org")
    assert (user.display_name, user.agency) == ("Nia Worker", "health")
    form_page = signed_in(administrator).get(reverse("wagtailusers_users:edit", args=[user.pk]))
    assert 'name="display_name"' in form_page.content.decode()
    assert 'name="agency"' in form_page.content.decode()

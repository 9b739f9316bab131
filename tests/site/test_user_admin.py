"""Wagtail's user admin as an administrator uses it: one way to make an
administrator, only our four roles, everyone's role shown, nothing to erase on
an erased account."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage

from iomsite.accounts.data_rights import account_erase
from iomsite.accounts.factories import UserFactory
from iomsite.accounts.models import User
from iomsite.accounts.roles import (
    ADMINISTRATOR,
    ALL_ROLES,
    PRACTITIONER,
    REVIEW_TASK,
    TEAM_LEAD,
    TRAINER,
    roles_ensure,
)

pytestmark = pytest.mark.django_db

USERS = "/admin/users/"


def _row_of(content: str, email: str) -> str:
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*" + re.escape(email) + r".*?</tr>", content, re.S)
    assert row, email
    return row.group(0)


def _level_cell(row: str) -> str:
    cell = re.search(r'<td class="level"[^>]*>(.*?)</td>', row, re.S).group(1)
    return re.sub(r"\s+", " ", cell).strip()


def test_the_listing_shows_every_persons_role(client, administrator):
    people = {
        "learner@example.org": ([PRACTITIONER], "Practitioner"),
        "lead@example.org": ([TEAM_LEAD, PRACTITIONER], "Team lead, Practitioner"),
        "writer@example.org": ([TRAINER], "Trainer"),
        "boss@example.org": ([ADMINISTRATOR], "Administrator"),
        "nobody@example.org": ([], "Practitioner (no role set)"),
    }
    for email, (roles, _label) in people.items():
        UserFactory(email=email, roles=roles)
    UserFactory(email="root@example.org", is_superuser=True, is_staff=True)
    client.force_login(administrator)
    content = client.get(USERS).content.decode()
    assert "Sort by &#x27;Role&#x27;" in content and "Access level" not in content
    for email, (_roles, label) in people.items():
        assert _level_cell(_row_of(content, email)) == label
    assert _level_cell(_row_of(content, "root@example.org")) == "Administrator (superuser)"


def test_the_listing_costs_the_same_queries_for_more_people(client, administrator):
    client.force_login(administrator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(USERS).status_code == 200
        return len(captured)

    UserFactory.create_batch(2, roles=[PRACTITIONER])
    queries()  # fills the site-chrome cache
    few = queries()
    UserFactory.create_batch(12, roles=[TRAINER, TEAM_LEAD])
    assert queries() == few


def test_an_administrator_gives_access_through_the_role_not_a_superuser_box(client, administrator):
    client.force_login(administrator)
    form = client.get(reverse("wagtailusers_users:add")).content.decode()
    assert 'name="is_superuser"' not in form
    offered = re.findall(r'name="groups"[^>]*value="(\d+)"', form)
    assert sorted(Group.objects.filter(pk__in=offered).values_list("name", flat=True)) == sorted(
        ALL_ROLES
    )
    assert "Roles" in form
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "new.admin@example.org",
            "first_name": "New",
            "last_name": "Admin",
            "display_name": "New Admin",
            "agency": "police",
            "password1": "a-long-new-password-77",
            "password2": "a-long-new-password-77",
            "is_superuser": "on",  # a crafted post: ignored, the field is not there
            "groups": [Group.objects.get(name=ADMINISTRATOR).pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    made = User.objects.get(email="new.admin@example.org")
    assert not made.is_superuser
    assert list(made.groups.values_list("name", flat=True)) == [ADMINISTRATOR]


def test_a_superuser_sees_the_flag_named_for_what_it_is(client):
    root = UserFactory(email="root@example.org", is_superuser=True, is_staff=True)
    person = UserFactory(roles=[TRAINER])
    client.force_login(root)
    form = client.get(reverse("wagtailusers_users:edit", args=[person.pk])).content.decode()
    assert 'name="is_superuser"' in form
    assert "Superuser (technical access)" in form
    assert "give them the Administrator role instead" in form
    listing = client.get(USERS).content.decode()
    assert "Superuser (technical access)" in listing  # the filter's label
    assert ">Administrator</label>" not in listing.split("groups")[0]


def test_an_erased_account_offers_nothing_to_erase(client, administrator):
    person = UserFactory(email="leaving@example.org", roles=[PRACTITIONER])
    other = UserFactory(email="staying@example.org", roles=[PRACTITIONER])
    account_erase(user=person, actor=administrator)
    person.refresh_from_db()
    client.force_login(administrator)
    content = client.get(USERS).content.decode()
    erased_row = _row_of(content, person.email)
    assert "Erase personal data" not in erased_row
    assert _level_cell(erased_row) == "Erased account"
    assert reverse("accounts_user_erase", args=[other.pk]) in content

    url = reverse("accounts_user_erase", args=[person.pk])
    for response in (
        client.get(url, follow=True),
        client.post(url, {"confirm_email": person.email}, follow=True),
    ):
        assert response.redirect_chain[0][0] == reverse("wagtailusers_users:index")
        assert "This account has already been erased" in response.content.decode()


def test_wagtails_default_groups_are_gone_and_their_people_moved():
    """The data migration, run against a database that still has Wagtail's groups
    with members and an approval task naming them (as an upgraded one would)."""
    import importlib

    from django.apps import apps

    retire = importlib.import_module(
        "iomsite.accounts.migrations.0005_retire_wagtail_default_groups"
    ).retire
    moderators = Group.objects.create(name="Moderators")
    editors = Group.objects.create(name="Editors")
    moderator, editor = UserFactory(), UserFactory(roles=[TRAINER])
    moderator.groups.add(moderators)
    editor.groups.add(editors)
    task = GroupApprovalTask.objects.create(name="Old approval")
    task.groups.add(moderators)

    retire(apps, None)
    roles_ensure()

    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    assert list(moderator.groups.values_list("name", flat=True)) == [ADMINISTRATOR]
    assert list(editor.groups.values_list("name", flat=True)) == [TRAINER]
    assert list(task.groups.values_list("name", flat=True)) == [ADMINISTRATOR]


def test_migrated_database_has_our_four_roles_and_one_active_review_workflow():
    roles_ensure()
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(ALL_ROLES)
    [workflow] = Workflow.objects.filter(active=True)
    [task] = [t.specific for t in workflow.tasks]
    assert task.name == REVIEW_TASK
    assert list(task.groups.values_list("name", flat=True)) == [ADMINISTRATOR]
    assert WorkflowPage.objects.filter(workflow=workflow).exists()

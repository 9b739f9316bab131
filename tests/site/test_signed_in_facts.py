"""A signed-in request reads the person's groups and two-factor app once
(`iomsite.accounts.roles.signed_in_facts`), however many role checks it makes."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from iomsite.accounts.roles import TRAINER, has_role, role_names, user_roles
from iomsite.accounts.two_factor import two_factor_owed, two_factor_required_by_role

pytestmark = pytest.mark.django_db


def _group_reads(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured if "accounts_user_groups" in q["sql"]]


def test_one_signed_in_page_reads_the_groups_once_then_never(client, practitioner, site_tree):
    client.force_login(practitioner)
    assert len(_group_reads(client, "/learning/")) <= 1  # signing in may have read them
    assert _group_reads(client, "/learning/") == []


def test_every_check_on_one_object_is_one_query(practitioner, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert not two_factor_owed(practitioner)
        assert not two_factor_required_by_role(practitioner)
        assert user_roles(practitioner) == ["Practitioner"]
        assert not has_role(practitioner, TRAINER)


def test_a_group_added_through_the_object_is_seen(practitioner):
    assert TRAINER not in role_names(practitioner)
    practitioner.groups.add(Group.objects.get(name=TRAINER))
    assert TRAINER in role_names(practitioner)
    assert two_factor_owed(practitioner)  # staff now
    practitioner.groups.remove(Group.objects.get(name=TRAINER))
    assert TRAINER not in role_names(practitioner)


def test_an_app_confirmed_for_the_object_is_seen(practitioner):
    assert not two_factor_owed(practitioner)
    TOTPDevice.objects.create(user=practitioner, name="Phone", confirmed=True)
    assert two_factor_owed(practitioner)


def test_a_superuser_holds_the_administrator_role(db):
    from iomsite.accounts.factories import UserFactory

    superuser = UserFactory(is_superuser=True)
    assert has_role(superuser, "Administrator")
    assert not has_role(superuser, TRAINER)


def test_the_next_request_reads_them_from_the_shared_cache(practitioner):
    from iomsite.accounts.models import User

    role_names(practitioner)
    fresh = User.objects.get(pk=practitioner.pk)  # the next request's own object
    from django.test.utils import CaptureQueriesContext as Capture

    with Capture(connection) as captured:
        assert role_names(fresh) == frozenset({"Practitioner"})
    assert len(captured) == 0


def test_a_change_from_the_groups_side_reaches_the_next_request(practitioner):
    from iomsite.accounts.models import User

    role_names(practitioner)
    trainers = Group.objects.get(name=TRAINER)
    trainers.user_set.add(practitioner)
    assert TRAINER in role_names(User.objects.get(pk=practitioner.pk))
    trainers.user_set.clear()
    assert TRAINER not in role_names(User.objects.get(pk=practitioner.pk))


def test_an_app_confirmed_elsewhere_reaches_the_next_request(practitioner):
    from iomsite.accounts.models import User

    assert not two_factor_owed(practitioner)
    TOTPDevice.objects.create(user_id=practitioner.pk, name="Phone", confirmed=True)
    assert two_factor_owed(User.objects.get(pk=practitioner.pk))
    TOTPDevice.objects.filter(user_id=practitioner.pk).delete()
    assert not two_factor_owed(User.objects.get(pk=practitioner.pk))


def test_a_deleted_or_renamed_group_reaches_the_next_request(practitioner):
    """Deleting a group removes its memberships without m2m_changed."""
    from iomsite.accounts.models import User

    extra = Group.objects.create(name="Visiting assessors")
    practitioner.groups.add(extra)
    assert "Visiting assessors" in role_names(User.objects.get(pk=practitioner.pk))
    extra.name = "Assessors"
    extra.save()
    assert "Assessors" in role_names(User.objects.get(pk=practitioner.pk))
    extra.delete()
    assert role_names(User.objects.get(pk=practitioner.pk)) == frozenset({"Practitioner"})


def test_facts_read_while_a_change_was_made_are_not_kept_as_current(practitioner):
    """The person's version is read before the query: an entry stored under a
    version a change has since bumped is never used."""
    from django.core.cache import cache

    from iomsite.accounts import roles
    from iomsite.accounts.models import User

    role_names(practitioner)
    key = f"accounts:signed-in-facts:{practitioner.pk}"
    version, _facts = cache.get(key)
    roles.forget_signed_in_facts(user_id=practitioner.pk)  # a change commits
    cache.set(key, (version, (frozenset({"Administrator"}), False)))  # a late, stale write
    assert role_names(User.objects.get(pk=practitioner.pk)) == frozenset({"Practitioner"})

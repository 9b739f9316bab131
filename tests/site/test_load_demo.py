"""`load_demo` builds the demo once, safely, and only locally gives out accounts."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page

from iomsite.accounts.models import Agency
from iomsite.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from iomsite.teams.models import Team, TeamMembership

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_refuses_to_create_accounts_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run with DJANGO_DEBUG off"):
        call_command("load_demo")
    assert not User.objects.exists()


def test_content_only_builds_the_site_without_accounts_with_debug_off(settings):
    settings.DEBUG = False
    call_command("load_demo", "--content-only")
    assert not User.objects.exists()
    assert Team.objects.count() == 3
    assert Page.objects.filter(slug="thought-pieces").exists()


def test_running_twice_neither_fails_nor_duplicates(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    counts = (
        Page.objects.count(),
        User.objects.count(),
        Team.objects.count(),
        TeamMembership.objects.count(),
    )
    call_command("load_demo")
    assert (
        Page.objects.count(),
        User.objects.count(),
        Team.objects.count(),
        TeamMembership.objects.count(),
    ) == counts
    out = capsys.readouterr().out
    assert "0 page(s) and 0 account(s) created" in out
    assert DEMO_PASSWORD in out


def test_one_team_per_area_each_with_several_agencies_and_a_lead(settings):
    settings.DEBUG = True
    call_command("load_demo")
    for team in Team.objects.all():
        memberships = TeamMembership.objects.filter(team=team).select_related("user")
        agencies = {m.user.agency for m in memberships}
        assert len(agencies) >= 3, team
        assert any(m.is_lead for m in memberships), team
    assert Team.objects.values("area").distinct().count() == 3
    assert set(User.objects.values_list("agency", flat=True)) >= {
        Agency.POLICE,
        Agency.PROBATION,
        Agency.DRUG_ALCOHOL,
        Agency.LOCAL_AUTHORITY,
    }


@pytest.mark.parametrize("person", DEMO_ACCOUNTS, ids=lambda p: p.roles[0])
def test_each_demo_account_signs_in_and_holds_its_role(settings, client, person):
    settings.DEBUG = True
    call_command("load_demo")
    response = client.post(
        "/account/sign-in/", {"username": person.email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    user = User.objects.get(email=person.email)
    assert set(user.groups.values_list("name", flat=True)) == set(person.roles)


def test_the_home_page_is_the_site_root_and_wagtails_placeholder_is_gone(settings, client):
    settings.DEBUG = True
    call_command("load_demo")
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    assert "Learning and reflective practice" in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_rebuilds_wagtails_base_tree_after_a_flush(settings, client):
    settings.DEBUG = True
    call_command("flush", "--no-input")
    assert not Page.objects.exists()
    call_command("load_demo")
    assert Page.objects.get(depth=1).slug == "root"
    assert "Learning and reflective practice" in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True)  # comments' emails go on commit, as in real use
def test_prints_a_summary_of_the_demo_emails_not_the_emails(settings, capsys):
    """The console backend (the development default) would print every email."""
    from django.core import mail

    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    mail.outbox = []
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "Subject:" not in out and "Content-Type" not in out
    assert (
        "3 notification email(s) for the demo's comments were composed and not sent; "
        "their links start http://127.0.0.1:8123." in out
    )
    assert mail.outbox == []  # the suite's own outbox is left as it was
    assert settings.EMAIL_BACKEND.endswith("console.EmailBackend")


def test_email_links_and_the_site_record_follow_the_port_the_site_runs_on(settings):
    """`make run PORT=8123` sets WAGTAILADMIN_BASE_URL: our links and Wagtail's
    page URLs (its moderation emails use a page's full_url) both name that port."""
    from django.core import mail
    from wagtail.models import Site

    from iomsite.home.models import HomePage
    from journals.models import Comment

    settings.DEBUG = True
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    call_command("load_demo")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    assert HomePage.objects.get().full_url == "http://127.0.0.1:8123/"

    from django.test import TestCase

    from journals.services import notify_comment

    comment = Comment.objects.select_related("entry__author", "author").first()
    mail.outbox = []
    with TestCase.captureOnCommitCallbacks(execute=True):
        notify_comment(comment=comment)
    [email] = mail.outbox
    assert "http://127.0.0.1:8123/journal/notifications/" in email.body
    assert ":8000" not in email.body

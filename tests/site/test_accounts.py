"""Signing in and out, passwords, and the profile page."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse

from iomsite.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_people_sign_in_with_their_email_in_any_case(client, practitioner, password):
    response = client.post(
        reverse("accounts:login"),
        {"username": practitioner.email.upper(), "password": password},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:my_learning")
    assert client.get(reverse("courses:my_learning")).context["user"] == practitioner


def test_sign_in_returns_to_the_page_asked_for(client, practitioner, password):
    response = client.post(
        f"{reverse('accounts:login')}?next=/team/",
        {"username": practitioner.email, "password": password, "next": "/team/"},
    )
    assert response["Location"] == "/team/"


def test_a_wrong_password_shows_the_error_summary_linked_to_the_field(client, practitioner):
    response = client.post(
        reverse("accounts:login"), {"username": practitioner.email, "password": "nope"}
    )
    content = response.content.decode()
    assert "<title>Error: Sign in – IOM Compass</title>" in content
    assert 'class="govuk-error-summary"' in content
    assert '<a href="#id_password">Enter the email address and password for your account</a>' in (
        content
    )
    assert 'id="id_password-error"' in content
    assert re.search(r'<input type="password"[^>]*aria-describedby="id_password-error"', content)
    assert "_auth_user_id" not in client.session


def test_empty_sign_in_says_what_is_missing(client, db):
    content = client.post(reverse("accounts:login"), {}).content.decode()
    assert '<a href="#id_username">Enter your email address</a>' in content
    assert '<a href="#id_password">Enter your password</a>' in content


def test_a_switched_off_account_cannot_sign_in(client, password):
    user = UserFactory(is_active=False)
    client.post(reverse("accounts:login"), {"username": user.email, "password": password})
    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post_and_ends_the_session(signed_in, practitioner, site_tree):
    client = signed_in(practitioner)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"), follow=True)
    assert "You have signed out." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_emails_a_link_that_sets_a_new_password(client, practitioner):
    response = client.post(reverse("accounts:password_reset"), {"email": practitioner.email})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [practitioner.email]
    assert message.subject == "Reset your IOM Compass password"
    link = re.search(r"http://testserver(/account/password/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new_password = "a-brand-new-passphrase-42"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    practitioner.refresh_from_db()
    assert practitioner.check_password(new_password)


def test_password_reset_for_an_unknown_email_sends_nothing_and_says_the_same(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "who@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_change_checks_the_old_password(signed_in, practitioner, password):
    client = signed_in(practitioner)
    url = reverse("accounts:password_change")
    bad = client.post(url, {"old_password": "wrong", "new_password1": "x", "new_password2": "x"})
    assert "There is a problem" in bad.content.decode()
    new_password = "another-long-passphrase-7"
    good = client.post(
        url,
        {"old_password": password, "new_password1": new_password, "new_password2": new_password},
    )
    assert good["Location"] == reverse("accounts:profile")
    practitioner.refresh_from_db()
    assert practitioner.check_password(new_password)


def test_profile_shows_roles_and_teams(signed_in, team_lead):
    content = signed_in(team_lead).get(reverse("accounts:profile")).content.decode()
    assert "Practitioner, Team lead" in content
    assert "Northmoor IOM, Northmoor" in content


def test_profile_change_saves_and_validates(signed_in, practitioner):
    client = signed_in(practitioner)
    url = reverse("accounts:profile_edit")
    bad = client.post(url, {"display_name": "   ", "agency": "police"})
    assert bad.status_code == 400
    assert '<a href="#id_display_name">' in bad.content.decode()
    unknown = client.post(url, {"display_name": "Pat P", "agency": "astronauts"})
    assert unknown.status_code == 400
    assert '<a href="#id_agency_0">' in unknown.content.decode()
    good = client.post(url, {"display_name": "  Pat   Okafor ", "agency": "police"})
    assert good["Location"] == reverse("accounts:profile")
    practitioner.refresh_from_db()
    assert (practitioner.display_name, practitioner.agency) == ("Pat Okafor", "police")


def test_email_addresses_are_unique_regardless_of_case(db):
    User.objects.create_user(email="Sam@Example.org", password="x", display_name="Sam")
    with pytest.raises(IntegrityError):
        User.objects.create_user(email="sam@example.ORG", password="x", display_name="Sam 2")


def test_users_are_shown_by_display_name(db):
    user = UserFactory(display_name="Sam Okafor", first_name="", last_name="")
    assert str(user) == "Sam Okafor"
    assert user.get_full_name() == "Sam Okafor"


def test_an_empty_profile_form_says_what_is_missing(signed_in, practitioner):
    response = signed_in(practitioner).post(reverse("accounts:profile_edit"), {})
    assert response.status_code == 400
    assert "Enter the name colleagues know you by" in response.content.decode()

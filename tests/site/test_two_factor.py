"""Two-factor sign-in (django-otp): required for staff before any page and the
Wagtail admin, optional for practitioners, recovery codes, and the
administrator's reset (issue 12). These use the real sign-in page, never the
test suite's verified `force_login`."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from iomsite.accounts.factories import UserFactory
from iomsite.accounts.roles import ADMINISTRATOR, PRACTITIONER, TEAM_LEAD, TRAINER
from iomsite.accounts.two_factor import recovery_codes_create

pytestmark = pytest.mark.django_db

SET_UP = "/account/two-factor/set-up/"
VERIFY = "/account/two-factor/"
RECOVERY = "/account/two-factor/recovery-code/"
CODES = "/account/two-factor/recovery-codes/"


def code_for(device) -> str:
    device.refresh_from_db()
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(6)


def password_sign_in(client, user, password, next_url=""):
    data = {"username": user.email, "password": password}
    url = reverse("accounts:login")
    if next_url:
        data["next"] = next_url
        url += f"?next={next_url}"
    return client.post(url, data)


def staff(kind):
    if kind == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    return UserFactory(
        roles={
            "trainer": [TRAINER],
            "team lead": [TEAM_LEAD, PRACTITIONER],
            "administrator": [ADMINISTRATOR],
        }[kind]
    )


def app_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


STAFF = ["trainer", "team lead", "administrator", "superuser"]
STAFF_PAGES = [
    "/team/",
    "/learning/reports/",
    "/admin/",
    "/admin/login/",
    "/admin/pages/",
    "/learning/",
]


@pytest.mark.parametrize("kind", STAFF)
def test_staff_without_an_app_are_sent_to_set_up_before_any_staff_page(client, password, kind):
    user = staff(kind)
    response = password_sign_in(client, user, password)
    assert response.status_code == 302
    assert response["Location"].startswith(SET_UP)
    for path in STAFF_PAGES:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(SET_UP), path
    assert client.get(SET_UP).status_code == 200


@pytest.mark.parametrize("kind", STAFF)
def test_staff_with_an_app_must_enter_its_code(client, password, kind):
    user = staff(kind)
    device = app_for(user)
    response = password_sign_in(client, user, password, next_url="/admin/")
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    for path in STAFF_PAGES:
        assert client.get(path)["Location"].startswith(VERIFY), path
    page = client.get(response["Location"]).content.decode()
    assert "Enter the 6-digit code from your authenticator app" in page
    assert "Use a recovery code instead" in page
    response = client.post(VERIFY, {"code": code_for(device), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    staff_page = "/team/" if kind == "team lead" else "/admin/"
    assert client.get(staff_page).status_code == 200
    assert client.get("/learning/").status_code == 200


def test_the_wagtail_admin_login_leads_to_the_code_too(client, password):
    user = staff("trainer")
    app_for(user)
    response = client.post("/admin/login/", {"username": user.email, "password": password})
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert follow.status_code == 302 and follow["Location"].startswith(VERIFY)


def test_a_wrong_code_is_refused_with_the_same_message_and_throttled(client, password):
    user = staff("administrator")
    device = app_for(user)
    password_sign_in(client, user, password)
    wrong = client.post(VERIFY, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert "That code did not work" in wrong.content.decode()
    # The device now asks for a pause: even the right code is refused at once.
    throttled = client.post(VERIFY, {"code": code_for(device)})
    assert throttled.status_code == 400
    assert "That code did not work" in throttled.content.decode()
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_too_many_codes_from_one_person_hit_the_rate_limit(client, password, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "two_factor": ("2/m", "100/m")}
    user = staff("trainer")
    device = app_for(user)
    password_sign_in(client, user, password)
    client.post(VERIFY, {"code": "12"})
    client.post(VERIFY, {"code": "34"})
    device.throttle_reset()
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 400


def test_the_set_up_page_shows_a_qr_code_and_the_key_as_text(client, password):
    user = staff("team lead")
    password_sign_in(client, user, password)
    page = client.get(SET_UP).content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    from base64 import b32encode

    key = b32encode(device.bin_key).decode()
    grouped = " ".join(key[i : i + 4] for i in range(0, len(key), 4))
    assert grouped in page
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert "<script" not in svg and "style=" not in svg
    assert "data:" not in svg
    # Reloading keeps the same key, so a half-finished scan still works.
    client.get(SET_UP)
    assert TOTPDevice.objects.filter(user=user, confirmed=False).count() == 1


def test_setting_up_shows_ten_single_use_recovery_codes_once(client, password):
    user = staff("trainer")
    password_sign_in(client, user, password, next_url="/admin/")
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SET_UP, {"code": code_for(device), "next": "/admin/"})
    assert response["Location"] == f"{CODES}?next=%2Fadmin%2F"
    page = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert 'href="/admin/"' in page
    # Shown once only.
    assert client.get(CODES)["Location"] == reverse("accounts:profile")
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_recovery_code_works_once(client, password):
    user = staff("administrator")
    app_for(user)
    codes = recovery_codes_create(user=user)
    password_sign_in(client, user, password)
    assert client.get(RECOVERY).status_code == 200
    response = client.post(RECOVERY, {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post(reverse("accounts:logout"))

    again = Client()
    password_sign_in(again, user, password)
    assert again.post(RECOVERY, {"code": codes[0]}).status_code == 400
    assert again.get("/admin/")["Location"].startswith(VERIFY)
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_someone_with_an_app_cannot_set_up_another_before_giving_a_code(client, password):
    user = staff("trainer")
    app_for(user)
    password_sign_in(client, user, password)
    response = client.get(SET_UP)
    assert response["Location"].startswith(VERIFY)
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()
    assert client.post(SET_UP, {"code": "123456"})["Location"].startswith(VERIFY)


def test_new_recovery_codes_replace_the_old_ones(client, password):
    user = UserFactory(roles=[PRACTITIONER])
    device = app_for(user)
    old = recovery_codes_create(user=user)
    password_sign_in(client, user, password)
    client.post(VERIFY, {"code": code_for(device)})
    assert "Make new recovery codes" in client.get(reverse("accounts:profile")).content.decode()
    response = client.post(reverse("accounts:two_factor_recovery_codes_new"))
    page = client.get(response["Location"]).content.decode()
    new = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert not StaticToken.objects.filter(token__in=old).exists()


# Practitioners -------------------------------------------------------------------


def test_practitioners_sign_in_without_a_code_until_they_turn_it_on(client, password):
    user = UserFactory(roles=[PRACTITIONER])
    response = password_sign_in(client, user, password)
    assert response["Location"] == reverse("courses:my_learning")
    assert client.get("/learning/").status_code == 200
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "Set up two-factor sign-in" in profile

    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post(SET_UP, {"code": code_for(device)})
    assert len(re.findall(r"<li><code>", client.get(CODES).content.decode())) == 10
    client.post(reverse("accounts:logout"))

    later = Client()
    response = password_sign_in(later, user, password)
    assert response["Location"].startswith(VERIFY)
    assert later.get("/learning/")["Location"].startswith(VERIFY)


def test_a_practitioner_may_turn_it_off_but_staff_may_not(client, password):
    user = UserFactory(roles=[PRACTITIONER])
    device = app_for(user)
    password_sign_in(client, user, password)
    client.post(VERIFY, {"code": code_for(device)})
    assert client.get(reverse("accounts:two_factor_remove")).status_code == 200
    client.post(reverse("accounts:two_factor_remove"))
    assert not TOTPDevice.objects.filter(user=user).exists()

    lead = staff("team lead")
    lead_device = app_for(lead)
    other = Client()
    password_sign_in(other, lead, password)
    other.post(VERIFY, {"code": code_for(lead_device)})
    assert (
        "Turn off two-factor sign-in" not in other.get(reverse("accounts:profile")).content.decode()
    )
    assert other.post(reverse("accounts:two_factor_remove")).status_code == 403
    assert TOTPDevice.objects.filter(user=lead).exists()


def test_a_new_staff_role_needs_the_code_at_once(client, signed_in, password):
    """Promoted while signed in: the next page asks for set-up."""
    user = UserFactory(roles=[PRACTITIONER])
    password_sign_in(client, user, password)
    assert client.get("/learning/").status_code == 200
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get(name=TRAINER))
    assert client.get("/learning/")["Location"].startswith(SET_UP)


# The administrator's reset --------------------------------------------------------


def test_an_administrator_resets_a_lost_device_with_the_button(signed_in, administrator, password):
    trainer = staff("trainer")
    device = app_for(trainer)
    recovery_codes_create(user=trainer)
    trainer_client = Client()
    password_sign_in(trainer_client, trainer, password)
    trainer_client.post(VERIFY, {"code": code_for(device)})
    assert trainer_client.get("/admin/").status_code == 200

    admin = signed_in(administrator)
    url = reverse("accounts_user_two_factor_reset", args=[trainer.pk])
    listing = admin.get(reverse("wagtailusers_users:index")).content.decode()
    assert url in listing and "Reset two-factor sign-in" in listing
    assert admin.get(url).status_code == 200
    response = admin.post(url)
    assert response["Location"] == reverse("wagtailusers_users:index")

    assert not TOTPDevice.objects.filter(user=trainer).exists()
    assert not StaticToken.objects.filter(device__user=trainer).exists()
    entry = ModelLogEntry.objects.get(action="compass.two_factor_reset")
    assert entry.object_id == str(trainer.pk) and entry.user == administrator
    # Signed out everywhere; at the next sign-in, set-up again.
    assert trainer_client.get("/admin/").status_code == 302
    fresh = Client()
    assert password_sign_in(fresh, trainer, password)["Location"].startswith(SET_UP)


def test_only_administrators_reset_two_factor(signed_in, trainer, team_lead, practitioner):
    target = staff("trainer")
    app_for(target)
    url = reverse("accounts_user_two_factor_reset", args=[target.pk])
    for user in (trainer, team_lead):
        response = signed_in(user).post(url)
        assert response.status_code in {302, 403}
    assert TOTPDevice.objects.filter(user=target).exists()


def test_force_login_in_tests_gives_staff_a_verified_session(signed_in, trainer, practitioner):
    assert signed_in(trainer).get("/admin/").status_code == 200
    assert not TOTPDevice.objects.filter(user=practitioner).exists()


def test_the_code_page_sends_someone_who_owes_none_on(client, password):
    user = UserFactory(roles=[PRACTITIONER])
    password_sign_in(client, user, password)
    assert client.get(f"{VERIFY}?next=/journal/")["Location"] == "/journal/"
    assert client.get(f"{VERIFY}?next=https://evil.example/")["Location"] == "/learning/"


def test_htmx_requests_are_sent_on_with_a_client_redirect(client, password):
    user = staff("trainer")
    password_sign_in(client, user, password)
    response = client.get("/learning/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(SET_UP)

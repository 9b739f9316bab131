"""
Two-factor sign-in (django-otp): an authenticator app (TOTP) plus single-use
recovery codes.

Who must use it: trainers, team leads, administrators, superusers and staff
(`two_factor_required_by_role`), before any page at all once they have signed
in with their password (`iomsite.accounts.middleware.TwoFactorMiddleware`).
Practitioners may turn it on; once they have, it is asked for at every sign-in
too. Losing the device: an administrator resets it in the Wagtail admin
(`two_factor_reset`), and the person sets it up again at their next sign-in.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .roles import ADMINISTRATOR, TEAM_LEAD, TRAINER, role_names, signed_in_facts

STAFF_ROLES = [TRAINER, TEAM_LEAD, ADMINISTRATOR]
APP_DEVICE_NAME = "Authenticator app"
CODES_DEVICE_NAME = "Recovery codes"


# Reads -----------------------------------------------------------------------


def two_factor_required_by_role(user) -> bool:
    """Staff must use two-factor sign-in: the three staff roles, superusers and
    Django staff."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return bool(role_names(user) & set(STAFF_ROLES))


def two_factor_owed(user) -> bool:
    """True when this signed-in person must give a code before going further:
    staff always, anyone else once they have set up an app. One query, shared
    with every role check on the request (`signed_in_facts`)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    names, has_app = signed_in_facts(user)
    return has_app or bool(names & set(STAFF_ROLES))


def app_device_for(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def key_for_display(device: TOTPDevice) -> str:
    """The secret as an app expects it typed: base32, in groups of four."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The set-up QR code as inline SVG markup (no script, no style attribute)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5,
        border=4,
        svgclass="app-qr-code",
        light="#fff",
        title="QR code for your authenticator app",
        omitsize=False,
    )


# Writes ----------------------------------------------------------------------


def app_device_start(*, user) -> TOTPDevice:
    """The unconfirmed device set-up shows; the same one until it is confirmed,
    so reloading the page keeps the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice(user=user, name=APP_DEVICE_NAME, confirmed=False)
        device.full_clean()
        device.save()
    return device


@transaction.atomic
def app_device_confirm(*, user, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the app with a code it shows. On success the new app replaces any
    old one, fresh recovery codes replace old ones, and the codes are returned
    (to show once); on a wrong code, None."""
    if device.user_id != user.pk or device.confirmed:
        return None
    if not device.verify_token(token_clean(token)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_create(user=user)


@transaction.atomic
def recovery_codes_create(*, user) -> list[str]:
    """A new set of recovery codes; the old set stops working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=CODES_DEVICE_NAME, confirmed=True)
    codes = []
    while len(codes) < settings.TWO_FACTOR_RECOVERY_CODES:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def token_clean(token: str) -> str:
    return "".join((token or "").split()).replace("-", "").lower()


def two_factor_verify(*, user, token: str, recovery: bool = False):
    """The device that accepts this code, or None. Each device throttles wrong
    codes itself (1, 2, 4, 8… seconds); a recovery code is used up when it works."""
    token = token_clean(token)
    if not token:
        return None
    model = StaticDevice if recovery else TOTPDevice
    for device in model.objects.filter(user=user, confirmed=True):
        if device.verify_token(token):
            return device
    return None


@transaction.atomic
def two_factor_remove(*, user) -> None:
    """Turn two-factor sign-in off for this person (their app and codes go)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def two_factor_reset(*, user, actor) -> None:
    """An administrator's reset after a lost device: the app and codes go, every
    session the person has ends, and the Wagtail log records who did it. The
    person sets up a new app at their next sign-in."""
    from wagtail.log_actions import log

    from .data_rights import _end_sessions

    if user.pk == actor.pk:
        raise ValueError("Administrators cannot reset their own two-factor sign-in here.")
    two_factor_remove(user=user)
    _end_sessions(user)
    log(instance=user, action="compass.two_factor_reset", user=actor)

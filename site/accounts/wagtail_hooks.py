from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton

from .admin_views import can_erase, lockout_unlock, lockouts, user_erase, user_two_factor_reset
from .data_rights import account_is_erased


@hooks.register("register_admin_urls")
def register_erase_url():
    return [
        path("people/<int:user_id>/erase/", user_erase, name="accounts_user_erase"),
        path(
            "people/<int:user_id>/two-factor-reset/",
            user_two_factor_reset,
            name="accounts_user_two_factor_reset",
        ),
        path("sign-in-lockouts/", lockouts, name="accounts_lockouts"),
        path("sign-in-lockouts/unlock/", lockout_unlock, name="accounts_lockout_unlock"),
    ]


@hooks.register("register_user_listing_buttons")
def erase_button(user, request_user):
    """Nothing to reset or erase on an account that has been erased already."""
    if can_erase(request_user) and user.pk != request_user.pk and not account_is_erased(user):
        yield ListingButton(
            _("Reset two-factor sign-in"),
            reverse("accounts_user_two_factor_reset", args=[user.pk]),
            priority=80,
        )
        yield ListingButton(
            _("Erase personal data"),
            reverse("accounts_user_erase", args=[user.pk]),
            priority=90,
        )


class AdministratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_erase(request.user)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return AdministratorsMenuItem(
        _("Sign-in lock-outs"), reverse("accounts_lockouts"), icon_name="lock", order=900
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "compass.two_factor_reset", _("Reset two-factor sign-in"), _("Two-factor sign-in reset")
    )
    actions.register_action(
        "compass.lockout_lift", _("Lift sign-in lock-out"), _("Sign-in lock-out lifted")
    )

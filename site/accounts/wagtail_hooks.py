from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from .admin_views import can_erase, user_erase


@hooks.register("register_admin_urls")
def register_erase_url():
    return [path("people/<int:user_id>/erase/", user_erase, name="accounts_user_erase")]


@hooks.register("register_user_listing_buttons")
def erase_button(user, request_user):
    if can_erase(request_user) and user.pk != request_user.pk:
        yield ListingButton(
            "Erase personal data",
            reverse("accounts_user_erase", args=[user.pk]),
            priority=90,
        )

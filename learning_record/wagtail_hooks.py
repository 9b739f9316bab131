from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from iomsite.accounts.admin_views import can_erase as is_administrator

from .admin_views import forwarding_queue, forwarding_send_now


@hooks.register("register_admin_urls")
def register_queue_urls():
    return [
        path("xapi-forwarding/", forwarding_queue, name="learning_record_queue"),
        path("xapi-forwarding/send/", forwarding_send_now, name="learning_record_send_now"),
    ]


class AdministratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_administrator(request.user)


@hooks.register("register_reports_menu_item")
def register_queue_menu_item():
    return AdministratorsMenuItem(
        _("Learning record forwarding"),
        reverse("learning_record_queue"),
        icon_name="upload",
        order=900,
    )

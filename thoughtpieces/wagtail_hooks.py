from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import import_view
from .choosers import question_chooser_viewset
from .models import ThoughtPieceIndexPage


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("thought-pieces/import/", import_view, name="thoughtpieces_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        index = ThoughtPieceIndexPage.objects.first()
        return bool(index and index.permissions_for_user(request.user).can_add_subpage())


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        "Import Thought Pieces",
        reverse("thoughtpieces_import"),
        icon_name="upload",
        order=220,
    )


@hooks.register("register_admin_viewset")
def register_question_chooser():
    return question_chooser_viewset

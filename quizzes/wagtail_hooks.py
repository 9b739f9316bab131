from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from .admin_views import quiz_export_view, quiz_import_view, quiz_statistics_view
from .models import QuizIndexPage, QuizPage


@hooks.register("register_admin_urls")
def register_quiz_admin_urls():
    return [
        path("quizzes/import/", quiz_import_view, name="quizzes_import"),
        path("quizzes/<int:page_id>/statistics/", quiz_statistics_view, name="quizzes_statistics"),
        path("quizzes/<int:page_id>/export/", quiz_export_view, name="quizzes_export"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        index = QuizIndexPage.objects.first()
        return bool(index and index.permissions_for_user(request.user).can_add_subpage())


@hooks.register("register_admin_menu_item")
def register_quiz_import_menu_item():
    return ImportMenuItem("Import a quiz", reverse("quizzes_import"), icon_name="upload", order=230)


def _quiz_buttons(page, user):
    if page.specific_class is not QuizPage or not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        "Statistics",
        reverse("quizzes_statistics", args=[page.pk]),
        icon_name="table",
        priority=90,
    )
    yield Button(
        "Export as a quiz file",
        reverse("quizzes_export", args=[page.pk]),
        icon_name="download",
        priority=91,
    )


@hooks.register("register_page_header_buttons")
def quiz_header_buttons(page, user, view_name, next_url=None):
    yield from _quiz_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def quiz_listing_buttons(page, user, next_url=None):
    yield from _quiz_buttons(page, user)


@hooks.register("before_delete_page")
def keep_quizzes_with_attempts(request, page):
    """Learners' attempts point at the quiz's revisions: unpublish such a quiz instead."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from .models import QuizAttempt

    if page.specific_class is QuizPage and QuizAttempt.objects.filter(quiz_id=page.pk).exists():
        messages.error(
            request,
            f"‘{page.title}’ cannot be deleted because learners have taken it. "
            "Unpublish it instead: their attempts and scores are kept.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None

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


def _taken_quizzes_under(pages) -> list[str]:
    """Titles of quizzes learners have taken, among these pages and their descendants."""
    from django.db.models import Q

    from .models import QuizAttempt

    if not pages:
        return []
    under = Q()
    for page in pages:
        under |= Q(quiz__path__startswith=page.path)
    taken = QuizAttempt.objects.filter(under).values_list("quiz__title", flat=True).distinct()
    return sorted(taken)


def _refuse(request, message: str, fallback: str):
    from django.contrib import messages
    from django.shortcuts import redirect

    messages.error(request, message)
    return redirect(fallback)


@hooks.register("before_delete_page")
def keep_quizzes_with_attempts(request, page):
    """Learners' attempts point at a quiz's revisions, so a taken quiz (or a page
    above one) is not deleted; unpublishing keeps every attempt and record."""
    taken = _taken_quizzes_under([page])
    if taken:
        return _refuse(
            request,
            f"‘{page.title}’ cannot be deleted because learners have taken "
            f"{', '.join(f'‘{t}’' for t in taken)}. Unpublish it instead: learners’ attempts, "
            "scores and learning records are kept.",
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
        )
    return None


@hooks.register("before_bulk_action")
def check_bulk_quiz_actions(request, action_type, objects, action_class_instance):
    from .forms import quiz_items_problems

    pages = [obj for obj in objects if hasattr(obj, "path")]
    back = request.META.get("HTTP_REFERER") or reverse("wagtailadmin_home")
    if action_type == "delete":
        taken = _taken_quizzes_under(pages)
        if taken:
            return _refuse(
                request,
                "Not deleted: learners have taken "
                f"{', '.join(f'‘{t}’' for t in taken)}. Unpublish instead.",
                back,
            )
    if action_type == "publish":
        for page in pages:
            if page.specific_class is QuizPage:
                draft = page.specific.get_latest_revision_as_object()
                if quiz_items_problems(draft.items):
                    return _refuse(
                        request,
                        f"Not published: ‘{page.title}’ has a scenario that cannot be "
                        "published yet. Open it in the editor to see why.",
                        back,
                    )
    return None

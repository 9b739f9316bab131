"""Quizzes in site search (registered in registrations.py): their question
text only, through `QuizPage.get_items_for_search`."""

from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from iomsite.search.selectors import Hit, Kind, highlight, live_visible, snippet

from .models import QuizPage


class Quizzes(Kind):
    key = "quizzes"
    label = _("Quizzes")

    def queryset(self, *, hidden):
        return live_visible(QuizPage.objects.all(), hidden)

    def hits(self, objects, *, terms, request):
        hits = []
        for quiz in objects:
            count = len(quiz.items.raw_data)
            hits.append(
                Hit(
                    url=quiz.get_url(request=request),
                    title_html=highlight(quiz.title, terms),
                    label=str(_("Quiz")),
                    meta_html=escape(
                        ngettext("%(count)s question", "%(count)s questions", count)
                        % {"count": count}
                    ),
                    # The same question text the index holds: never answers or feedback.
                    snippet_html=snippet([quiz.introduction, quiz.get_items_for_search()], terms),
                )
            )
        return hits

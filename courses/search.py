"""Courses and modules in site search (registered in registrations.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from iomsite.search.selectors import Hit, Kind, highlight, live_visible, snippet, text_from_html

from .models import CoursePage, ModulePage


class CoursesAndModules(Kind):
    key = "courses"
    label = _("Courses and modules")

    def queryset(self, *, hidden):
        return live_visible(Page.objects.type(CoursePage, ModulePage), hidden)

    def hits(self, objects, *, terms, request):
        specific = {
            page.pk: page for page in Page.objects.filter(pk__in=[o.pk for o in objects]).specific()
        }
        parent_paths = {
            page.path[: -Page.steplen] for page in specific.values() if isinstance(page, ModulePage)
        }
        courses = {
            course.path: course for course in CoursePage.objects.filter(path__in=parent_paths)
        }
        hits = []
        for found in objects:
            page = specific.get(found.pk)
            if page is None:
                continue
            if isinstance(page, ModulePage):
                course = courses.get(page.path[: -Page.steplen])
                label = str(_("Module"))
                meta = str(_("Part of %(course)s") % {"course": course.title}) if course else ""
                parts = [page.summary]
            else:
                label = str(_("Course"))
                meta = ""
                parts = [page.summary, text_from_html(page.description)]
            hits.append(
                Hit(
                    url=page.get_url(request=request),
                    title_html=highlight(page.title, terms),
                    label=label,
                    meta_html=highlight(meta, terms),
                    snippet_html=snippet(parts, terms),
                )
            )
        return hits

import functools

from django import template
from django.utils import translation
from django.utils.html import conditional_escape, format_html

from iomsite.accounts import record_stamp

from ..progress.status import Shown
from ..selectors import piece_reading

register = template.Library()


@register.inclusion_tag("courses/components/mark_read.html", takes_context=True)
def mark_read_button(context, page):
    request = context["request"]
    reading = record_stamp.kept(
        request, f"piece-reading:{page.pk}", lambda: piece_reading(user=request.user, page=page)
    )
    return {
        "page": page,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "has_read": reading.has_read,
        "locked_message": reading.locked_message,
    }


@register.simple_tag
def status_tag(shown, completed_tag=False):
    """A progress status as a GOV.UK tag: `shown` is a courses.progress.Shown (its
    words and colour come from the one wording table). Completed is plain text
    unless `completed_tag` (a green tag, for tables). A tag, not an included
    template: team progress prints one per cell."""
    return _status_tag(shown.value, bool(completed_tag), translation.get_language())


@functools.lru_cache(maxsize=64)
def _status_tag(value: int, completed_tag: bool, language: str | None) -> str:
    """One status's tag in one language, made once (a page of 25 learners × 8
    modules prints 200)."""
    shown = Shown(value)
    if shown.is_completed and not completed_tag:
        return conditional_escape(shown.text)
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>', shown.colour, shown.text
    )

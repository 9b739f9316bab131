"""Small presentation helpers shared by every template."""

import re

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html_join

register = template.Library()


@register.filter
def govuk_date(value):
    """22 November 2026"""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "j F Y")


@register.filter
def govuk_time(value):
    """2:02pm, 9am, midday, midnight: the GOV.UK style for times."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{suffix}"


@register.filter
def govuk_datetime(value):
    """22 November 2026 at 2:02pm"""
    if not value:
        return ""
    return f"{govuk_date(value)} at {govuk_time(value)}"


@register.filter
def govuk_paragraphs(value, size="body"):
    """Plain text as escaped GOV.UK paragraphs: a blank line starts a paragraph, and
    single line breaks are soft wraps, as in Markdown."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", str(value or "")) if p.strip()]
    return format_html_join(
        "\n",
        '<p class="govuk-{}">{}</p>',
        ((size, " ".join(p.split())) for p in paragraphs),
    )


@register.filter
def lookup(mapping, key):
    """mapping[key] in a template, or "" when absent."""
    try:
        return mapping.get(key, "") if hasattr(mapping, "get") else mapping[key]
    except (KeyError, IndexError, TypeError):
        return ""


# --- What other apps add to a page (iomsite.registry, issue 14) ----------------------


@register.simple_tag(takes_context=True)
def app_slot(context, slot: str, **values):
    """Every fragment the apps registered for `slot` (`iomsite.registry.panels`),
    drawn with this template's context plus `values`, as `{% include %}` would."""
    from django.utils.safestring import mark_safe

    from iomsite import registry

    parts = []
    for panel in registry.panels_for(slot):
        template = context.template.engine.get_template(panel.template)
        extra = panel.context(context, **values) if panel.context else {}
        with context.push(**values, **extra):
            parts.append(template.render(context))
    return mark_safe("".join(parts))


@register.simple_tag(takes_context=True)
def question_actions(context, questions) -> dict:
    """{question id: the actions the apps offer beside it, as HTML}
    (`iomsite.registry.question_actions`): each app answers for all the questions
    at once, so its queries do not grow with their number."""
    from django.utils.safestring import mark_safe

    from iomsite import registry

    request = context.get("request")
    found: dict[int, list] = {question.pk: [] for question in questions}
    for action in registry.question_actions:
        for pk, html in action(request, questions).items():
            found.setdefault(pk, []).append(html)
    return {pk: mark_safe("".join(parts)) for pk, parts in found.items()}

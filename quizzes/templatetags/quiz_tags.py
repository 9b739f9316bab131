"""Template helpers for quiz items."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag(takes_context=True)
def radios(context, name, choices, checked="", modifiers="", idp=None):
    """One GOV.UK radio group: `choices` are (value, label) pairs, the one equal
    to `checked` (as text) is checked, ids are "<idp><name>-<n>" (`idp` from the
    context unless given: a preview puts several items on one page). Built here
    rather than included: a classification prints one group per case."""
    prefix = context.get("idp", "") if idp is None else idp
    chosen = str(checked)
    items = format_html_join(
        "\n",
        '<div class="govuk-radios__item">'
        '<input class="govuk-radios__input" id="{0}" name="{1}" type="radio" value="{2}"{3}>'
        '<label class="govuk-label govuk-radios__label" for="{0}">{4}</label></div>',
        (
            (
                f"{prefix}{name}-{n}",
                name,
                str(value),
                " checked" if str(value) == chosen else "",
                label,
            )
            for n, (value, label) in enumerate(choices, start=1)
        ),
    )
    classes = f"govuk-radios {modifiers}" if modifiers else "govuk-radios"
    return format_html('<div class="{}" data-module="govuk-radios">{}</div>', classes, items)


@register.filter
def category_label(item, category_id):
    """A classification item's category name for an id."""
    return item.category_label(category_id) if category_id else ""


@register.filter
def continuum_label(item, position):
    """The label of a 1-based point on a continuum item."""
    try:
        return item.labels[int(position) - 1]
    except (TypeError, ValueError, IndexError):
        return ""


OUTCOME_TAGS = {"positive": "green", "mixed": "yellow", "negative": "red"}


@register.filter
def outcome_colour(outcome):
    return OUTCOME_TAGS.get(outcome, "grey")


@register.filter
def right_count(item, response):
    """How many vignettes of a classification item the learner put right."""
    choices = (response or {}).get("choices", {})
    return sum(1 for vignette in item.vignettes if choices.get(vignette.id) == vignette.answer)

"""Template helpers for quiz items."""

from django import template

register = template.Library()


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

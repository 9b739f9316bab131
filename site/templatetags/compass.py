"""Small presentation helpers shared by every template."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

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

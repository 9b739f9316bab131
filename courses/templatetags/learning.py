from django import template

from ..selectors import piece_reading

register = template.Library()


@register.inclusion_tag("courses/components/mark_read.html", takes_context=True)
def mark_read_button(context, page):
    request = context["request"]
    reading = piece_reading(user=request.user, page=page)
    return {
        "page": page,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "has_read": reading.has_read,
        "locked_message": reading.locked_message,
    }

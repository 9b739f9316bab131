from django import template

from ..selectors import learner_has_read, piece_lock_message

register = template.Library()


@register.inclusion_tag("courses/components/mark_read.html", takes_context=True)
def mark_read_button(context, page):
    request = context["request"]
    has_read = learner_has_read(user=request.user, page=page)
    return {
        "page": page,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "has_read": has_read,
        "locked_message": "" if has_read else piece_lock_message(user=request.user, page=page),
    }

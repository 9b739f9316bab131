"""`{% team_invitations_pending %}`: the signed-in person's open invitations, on
Team, My learning and Notifications (one query; nothing when there are none)."""

from django import template

from ..selectors import invitations_pending_for

register = template.Library()


@register.inclusion_tag("teams/components/invitations_pending.html", takes_context=True)
def team_invitations_pending(context, heading_level: int = 2):
    request = context.get("request")
    user = getattr(request, "user", None)
    invitations = list(invitations_pending_for(user=user)) if user is not None else []
    return {"invitations": invitations, "heading_level": heading_level}

"""Journal pieces drawn inside other apps' pages: team prompts on My learning
(through the `my_learning_aside` slot, see registrations.py), and the form key.
Other apps' templates never load this library (tests/test_architecture.py)."""

import uuid

from django import template
from django.utils.html import format_html

from iomsite.accounts import record_stamp

from ..models import TeamPrompt

register = template.Library()


@register.simple_tag
def client_key_field():
    """A hidden idempotency key for a form that creates something: a new one each
    time the form is drawn, so a double submit of one form creates one row."""
    return format_html('<input type="hidden" name="client_key" value="{}">', uuid.uuid4())


@register.inclusion_tag("journals/components/team_prompts.html", takes_context=True)
def team_prompts(context, limit: int = 3):
    """The latest prompts of the person's teams, kept under their record stamp
    (a prompt posted reaches every member's)."""
    request = context["request"]
    if not request.user.is_authenticated:
        return {"prompts": []}

    def latest() -> list[TeamPrompt]:
        return list(
            TeamPrompt.objects.filter(team__memberships__user=request.user)
            .select_related("team", "question__page")
            .order_by("-created_at")[:limit]
        )

    return {"prompts": record_stamp.kept(request, f"team-prompts:{limit}", latest)}

"""Journal pieces that other apps' templates show: reflections beside a Thought
Piece's questions, and team prompts on My learning. Loaded by templates only, so
`thoughtpieces` and `courses` do not import `journals`."""

import uuid

from django import template
from django.utils.html import format_html

from ..models import JournalEntry, TeamPrompt

register = template.Library()


@register.simple_tag
def client_key_field():
    """A hidden idempotency key for a form that creates something: a new one each
    time the form is drawn, so a double submit of one form creates one row."""
    return format_html('<input type="hidden" name="client_key" value="{}">', uuid.uuid4())


@register.simple_tag(takes_context=True)
def reflections_by_question(context, questions) -> dict:
    """{question id: [the signed-in learner's entries]} in one query."""
    user = context["request"].user
    if not user.is_authenticated or not questions:
        return {}
    found: dict[int, list] = {}
    entries = JournalEntry.objects.filter(
        author=user, question_id__in=[q.pk for q in questions]
    ).order_by("created_at")
    for entry in entries.only("pk", "question_id", "created_at"):
        found.setdefault(entry.question_id, []).append(entry)
    return found


@register.inclusion_tag("journals/components/team_prompts.html", takes_context=True)
def team_prompts(context, limit: int = 3):
    user = context["request"].user
    prompts = []
    if user.is_authenticated:
        prompts = list(
            TeamPrompt.objects.filter(team__memberships__user=user)
            .select_related("team", "question__page")
            .order_by("-created_at")[:limit]
        )
    return {"prompts": prompts}

"""Small helpers the journal views share: ids from forms and query strings,
the question an entry answers, and where a discussion lives."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from thoughtpieces.models import DiscussionQuestion


def posted_id(raw, *, digits: int = 11) -> int | None:
    """An id from a query string or form field: ASCII digits only, bounded, or None."""
    raw = raw or ""
    if raw.isascii() and raw.isdigit() and len(raw) <= digits:
        return int(raw)
    return None


def question_or_404(raw) -> DiscussionQuestion | None:
    if not raw:
        return None
    question_id = posted_id(raw)
    if question_id is None:
        raise Http404("No such question")
    return get_object_or_404(
        DiscussionQuestion.objects.select_related("page"), pk=question_id, page__live=True
    )


def discussion_url(team_id: int, question_id: int | None) -> str:
    if question_id is None:
        return reverse("journals:team_other", args=[team_id])
    return reverse("journals:team_discussion", args=[team_id, question_id])

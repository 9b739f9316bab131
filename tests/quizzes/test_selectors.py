"""Quiz reads: compiled content per revision."""

import pytest

from quizzes.factories import make_quiz, single_choice

pytestmark = pytest.mark.django_db


def test_a_cached_quiz_from_another_page_is_not_used(site_tree):
    from django.core.cache import cache

    from quizzes.selectors import quiz_compiled

    first = make_quiz(title="First", items=[single_choice()])
    stale = quiz_compiled(revision_id=first.live_revision_id, page_id=first.pk)
    second = make_quiz(title="Second", items=[single_choice("Other?")])
    cache.set(f"quizzes:compiled:v3:{second.live_revision_id}", stale)  # as after a restore
    fresh = quiz_compiled(revision_id=second.live_revision_id, page_id=second.pk)
    assert fresh.page_id == second.pk and fresh.items[0].prompt == "Other?"

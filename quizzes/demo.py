"""
Demo quizzes: the YAML files in site/demo_content/quizzes/, imported through the
same importer trainers use, and demo learners who have taken them through the
real services (so spreads, statistics and progress have life).
"""

import hashlib
from pathlib import Path

from django.conf import settings

from . import services
from .exchange import quiz_file_parse, quiz_import
from .items import item_type
from .models import QuizAttempt, QuizIndexPage, QuizPage
from .selectors import quiz_compiled

QUIZ_FILES = Path(settings.BASE_DIR) / "site" / "demo_content" / "quizzes"
DEMO_QUIZZES = [
    "four-types-of-compliance",
    "formal-or-substantive",
    "crime-control-or-due-process",
    "missed-appointments",
]


def demo_quizzes_load(*, index: QuizIndexPage) -> dict[str, QuizPage]:
    """Import each demo quiz file once, published; returns them by file name."""
    quizzes = {}
    for name in DEMO_QUIZZES:
        text = (QUIZ_FILES / f"{name}.yaml").read_text(encoding="utf-8")
        title = quiz_file_parse(text).title
        quiz = QuizPage.objects.child_of(index).filter(title=title).first()
        quizzes[name] = quiz or quiz_import(text=text, parent=index, publish=True)
    return quizzes


def _pick(user, item_id: str, count: int) -> int:
    """A stable, varied choice per learner and item, so demo spreads look real."""
    digest = hashlib.sha256(f"{user.email}:{item_id}".encode()).digest()
    return digest[0] % count


def _answers_for(item, user) -> list[dict]:
    """The posts a plausible learner makes, from the item's type."""
    return item_type(item.type).sample_answers(
        item, lambda count, salt: _pick(user, item.id + salt, count)
    )


def demo_quiz_take(*, user, quiz: QuizPage) -> QuizAttempt:
    """One complete, submitted attempt: right answers where there are right answers."""
    attempt = services.attempt_start(user=user, quiz=quiz)
    compiled = quiz_compiled(revision_id=attempt.revision_id, page_id=attempt.quiz_id)
    for item_id in attempt.item_order:
        item = compiled.item(item_id)
        for data in _answers_for(item, user):
            services.answer_save(attempt_id=attempt.pk, user=user, item_id=item_id, data=data)
    return services.attempt_submit(attempt_id=attempt.pk, user=user).attempt

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


# --- load_demo's parts (registered in registrations.py) -----------------------


def _take(*, user, page) -> QuizAttempt:
    return demo_quiz_take(user=user, quiz=page)


def quizzes_load(state: dict) -> dict[str, int]:
    """The quiz index and the demo quizzes; courses find them by file name in
    `state["activity_pages"]` and take them through `state["activity_takers"]`."""
    from iomsite.demo import child_page

    index, _ = child_page(
        state["home"],
        QuizIndexPage,
        slug="quizzes",
        title="Quizzes and scenarios",
        introduction="Practise judgement: compliance types, rights dilemmas and a branching "
        "case. Some questions have a right answer; some do not.",
    )
    state["activity_pages"].update(demo_quizzes_load(index=index))
    state["activity_takers"][QuizPage._meta.label] = _take
    return {}


def colleagues_dilemmas_load(state: dict) -> dict[str, int]:
    """Colleagues have answered the rights dilemmas, so the anonymised spreads
    show; the demo practitioner has not, so they can try it fresh."""
    from django.contrib.auth import get_user_model

    from iomsite.accounts.roles import PRACTITIONER
    from iomsite.demo import DEMO_PEOPLE

    User = get_user_model()
    dilemmas = QuizPage.objects.filter(slug="crime-control-or-due-process").first()
    for person in DEMO_PEOPLE:
        learner = User.objects.filter(email=person.email).first()
        if (
            dilemmas is not None
            and learner is not None
            and PRACTITIONER in person.roles
            and person.email != "practitioner@example.org"
            and not QuizAttempt.objects.filter(user=learner, quiz=dilemmas).exists()
        ):
            demo_quiz_take(user=learner, quiz=dilemmas)
    return {}

"""What `quizzes` holds about a person, for "Download my data" and erasure
(registered in `registrations.py`; see `iomsite.accounts.data_rights`)."""

from iomsite.accounts.data_rights import ANONYMISE, KEEP, Holding, page_type_holdings

HOLDINGS = [
    Holding("quizzes.QuizAttempt", "user", "quizzes/attempts", KEEP, "scores in statistics"),
    Holding("quizzes.QuizAnswer", "user", "quizzes/answers", ANONYMISE, "reasons removed"),
    *page_type_holdings("quizzes.QuizIndexPage", "quizzes.QuizPage"),
]


def answers_erase(user) -> None:
    """Blank what a person wrote in their own words in their answers; the
    answers themselves stay for the statistics."""
    from . import items  # each item type knows what of an answer is personal
    from .models import QuizAnswer

    answers = QuizAnswer.objects.filter(user=user, item_type__in=items.personal_answer_types())
    for answer in answers.iterator():
        if items.answer_erase(answer):
            answer.save(update_fields=["response"])

"""What `quizzes` holds about a person, for "Download my data" and erasure
(registered in `registrations.py`; see `iomsite.accounts.data_rights`)."""

from iomsite.accounts.data_rights import ANONYMISE, KEEP, Holding, page_type_holdings

HOLDINGS = [
    Holding("quizzes.QuizAttempt", "user", "quizzes/attempts", KEEP, "scores in statistics"),
    Holding("quizzes.QuizAnswer", "user", "quizzes/answers", ANONYMISE, "reasons removed"),
    *page_type_holdings("quizzes.QuizIndexPage", "quizzes.QuizPage"),
]


def answers_erase(user) -> None:
    """Blank what a person wrote in their answers (a dilemma's reasons); the
    answers themselves stay for the statistics."""
    from .models import QuizAnswer

    for answer in QuizAnswer.objects.filter(user=user, item_type="dilemma").iterator():
        if answer.response.get("rationale"):
            answer.response = {**answer.response, "rationale": ""}
            answer.save(update_fields=["response"])

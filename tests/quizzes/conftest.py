import pytest

from quizzes.factories import classification, make_quiz, multiple_response, single_choice
from quizzes.models import QuizAttempt
from quizzes.selectors import quiz_compiled


@pytest.fixture
def quiz(site_tree):
    """Immediate feedback: single choice, multiple response, classification."""
    return make_quiz(items=[single_choice(), multiple_response(), classification()])


def compiled_for(attempt):
    return quiz_compiled(revision_id=attempt.revision_id)


def start_attempt(client, quiz):
    """Start (or resume) through the start page: the attempt and where it sent us."""
    response = client.post(quiz.url)
    assert response.status_code == 302
    return QuizAttempt.objects.latest("pk"), response["Location"]

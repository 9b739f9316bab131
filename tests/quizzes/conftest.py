import pytest

from quizzes.factories import classification, make_quiz, multiple_response, single_choice
from quizzes.selectors import quiz_compiled


@pytest.fixture
def quiz(site_tree):
    """Immediate feedback: single choice, multiple response, classification."""
    return make_quiz(items=[single_choice(), multiple_response(), classification()])


def compiled_for(attempt):
    return quiz_compiled(revision_id=attempt.revision_id)

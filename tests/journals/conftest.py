import pytest

from journals.services import journal_entry_create
from thoughtpieces.factories import make_thought_piece


@pytest.fixture
def piece(site_tree):
    return make_thought_piece()


@pytest.fixture
def question(piece):
    return piece.questions.order_by("sort_order").first()


@pytest.fixture
def entry(practitioner, question):
    return journal_entry_create(
        author=practitioner, question=question, body="I would ask first.\n\nThen decide."
    )

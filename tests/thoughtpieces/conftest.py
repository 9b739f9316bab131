import pytest

from thoughtpieces.factories import make_thought_piece


@pytest.fixture
def piece(site_tree):
    return make_thought_piece()

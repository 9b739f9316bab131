import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Every upload test stores its files in a throwaway MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"

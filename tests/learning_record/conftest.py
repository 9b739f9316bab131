import pytest

from tests.courses.conftest import course, enrolled, piece  # noqa: F401

from .lrs_double import LrsDouble


@pytest.fixture
def lrs(settings):
    double = LrsDouble().start()
    settings.XAPI_LRS_ENDPOINT = double.endpoint
    settings.XAPI_LRS_USERNAME = double.username
    settings.XAPI_LRS_PASSWORD = double.password
    settings.XAPI_LRS_TIMEOUT_SECONDS = 0.5
    settings.XAPI_LRS_BATCH_SIZE = 4
    settings.TASKS = {
        **settings.TASKS,
        "xapi": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
    }
    yield double
    double.stop()

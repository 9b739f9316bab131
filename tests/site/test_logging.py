"""Logs: an expected 403 is one short line without a traceback; a 500 keeps its
traceback; nothing reaches the console twice."""

import logging

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def request_records(caplog):
    return [record for record in caplog.records if record.name == "django.request"]


def test_an_expected_403_logs_one_short_line_with_its_reason(signed_in, practitioner, caplog):
    caplog.set_level(logging.INFO)
    response = signed_in(practitioner).get(reverse("courses:report_index"))
    assert response.status_code == 403
    [record] = request_records(caplog)
    assert record.levelname == "WARNING"
    assert record.exc_info is None and record.exc_text is None
    assert record.getMessage() == (
        "Forbidden (Permission denied): /learning/reports/ "
        "(Course reports are for trainers and administrators.)"
    )
    assert "Traceback" not in caplog.text


@pytest.mark.urls("tests.urls_logging")
def test_a_403_without_a_reason_is_one_line_too(client, caplog):
    caplog.set_level(logging.INFO)
    assert client.get("/denied/").status_code == 403
    [record] = request_records(caplog)
    assert record.exc_info is None
    assert record.getMessage() == "Forbidden (Permission denied): /denied/"
    assert "Traceback" not in caplog.text


@pytest.mark.urls("tests.urls_boom")
def test_a_500_still_logs_its_traceback_once(client, caplog):
    client.raise_request_exception = False
    caplog.set_level(logging.INFO)
    assert client.get("/boom/").status_code == 500
    [record] = request_records(caplog)
    assert record.levelname == "ERROR"
    assert isinstance(record.exc_info[1], RuntimeError)
    assert caplog.text.count("Traceback") == 1
    assert "deliberate failure" in caplog.text


def _console_handlers_reached(name: str) -> list[logging.Handler]:
    """The handlers a record logged on `name` passes through (pytest's own aside)."""
    found, logger = [], logging.getLogger(name)
    while logger is not None:
        found += [h for h in logger.handlers if type(h).__module__ != "_pytest.logging"]
        logger = logger.parent if logger.propagate else None
    return found


@pytest.mark.parametrize("name", ["django.request", "django.security.csrf", "iomsite.csp"])
def test_each_record_reaches_one_console_handler(name, settings):
    settings.DEBUG = True  # Django's own console handler printed only with DEBUG on
    handlers = _console_handlers_reached(name)
    assert len(handlers) == 1, handlers
    assert isinstance(handlers[0], logging.StreamHandler)

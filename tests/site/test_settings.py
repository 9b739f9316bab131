"""Settings read the environment and fail fast in production."""

import os
import subprocess
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from iomsite.templatetags.compass import govuk_date, govuk_datetime, govuk_time

REPO = settings.BASE_DIR
CLEAN_ENV_KEYS = (
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV_KEYS}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**base, "DJANGO_SETTINGS_MODULE": "iomsite.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


SETUP = "import django; django.setup(); from django.conf import settings; "


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(SETUP + "print(settings.DEBUG)")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is false" in result.stderr


def test_debug_must_be_a_clear_true_or_false():
    result = run_python(SETUP, DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_production_settings_read_the_environment():
    result = run_python(
        SETUP + "print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.DATABASES['default']"
        "['ENGINE'], settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE, "
        "settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE)",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="compass.example.org, www.compass.example.org",
        DATABASE_URL="postgres://someone@db.example.org:5432/compass",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "['compass.example.org',",
        "'www.compass.example.org']",
        "django.db.backends.postgresql",
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",
        "True",
        "True",
    ]


def test_without_redis_the_cache_is_local_memory_and_sessions_use_the_database():
    result = run_python(
        SETUP + "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE)",
        DJANGO_DEBUG="true",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
    ]


def test_check_deploy_reports_nothing_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env={
            **{k: v for k, v in os.environ.items() if k not in CLEAN_ENV_KEYS},
            "DJANGO_SETTINGS_MODULE": "iomsite.settings.production",
            "DJANGO_SECRET_KEY": "k" * 20 + "Zq8!vX2@pL5#rT9$wY3%nB6^" + "m" * 20,
            "DJANGO_ALLOWED_HOSTS": "compass.example.org",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_language_and_time_zone_are_uk():
    assert settings.LANGUAGE_CODE == "en-gb"
    assert settings.TIME_ZONE == "Europe/London"


def test_dates_render_the_govuk_way():
    with translation.override("en-gb"):
        rendered = Template("{{ day|date }}").render(Context({"day": date(2026, 11, 22)}))
    assert rendered == "22 November 2026"
    assert govuk_date(date(2026, 11, 22)) == "22 November 2026"


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [(14, 2, "2:02pm"), (9, 0, "9am"), (12, 0, "midday"), (0, 0, "midnight"), (0, 5, "12:05am")],
)
def test_times_render_the_govuk_way(hour, minute, expected):
    london = ZoneInfo("Europe/London")
    assert govuk_time(datetime(2026, 11, 22, hour, minute, tzinfo=london)) == expected


def test_aware_datetimes_are_shown_in_london_time():
    utc_summer = datetime(2026, 7, 1, 13, 30, tzinfo=ZoneInfo("UTC"))
    assert govuk_datetime(utc_summer) == "1 July 2026 at 2:30pm"

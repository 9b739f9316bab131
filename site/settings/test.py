"""The test suite: fast password hashing, mail kept in memory, no real secrets."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_DEBUG", "true")

from .base import *  # noqa: E402,F403

DEBUG = False  # behave as production does (error pages, no debug toolbar)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Exports written by tests go to a throwaway folder, never the project's private/.
PRIVATE_FILES_ROOT = Path(tempfile.mkdtemp(prefix="compass-test-private-"))  # noqa: F405
BROCHURE_CACHE_ROOT = PRIVATE_FILES_ROOT / "brochures"
# `make test` runs the browser journeys in a second process beside the rest of the
# suite (.ci/test-suite); on PostgreSQL each process needs a test database of its own.
_database = DATABASES["default"]  # noqa: F405
if (suffix := os.environ.get("TEST_DATABASE_SUFFIX")) and "sqlite" not in _database["ENGINE"]:
    _database["TEST"] = {"NAME": f"test_{_database['NAME']}{suffix}"}

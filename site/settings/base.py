"""
Settings shared by every environment, read from environment variables.

`dev.py`, `test.py` and `production.py` import this module; they only set
defaults for the variables below or switch development helpers on. The
variables are listed in `.env.example` and the README.

The settings are grouped by topic: `core` (Django, Wagtail, database, cache,
email, files, logging) and `hardening` (issue 12's security blocks), run in that
order in one namespace; this module takes everything from them. New settings go
in a block at the end of this file headed `# --- <topic> (issue N)`: a block may
add to what an earlier one set (`RATE_LIMITS[...]`, `MIDDLEWARE.append(...)`).
"""

from .env import env_str
from .hardening import *  # noqa: F403

# --- Logs and email links (issue 13): docs/SECURITY.md "Logging"
# An expected 403 (PermissionDenied) logs one short line, no traceback; a 500
# still logs its traceback. Django's own "django" console handler is dropped so
# that nothing is printed twice (records reach the root handler once).
LOGGING["filters"] = {"expected_denials": {"()": "iomsite.logfilters.ExpectedDenialFilter"}}
LOGGING["loggers"]["django"] = {"handlers": [], "level": "INFO", "propagate": True}
LOGGING["loggers"]["django.request"]["filters"] = ["expected_denials"]

# --- Page creation under autosave (issue 13)
# One new-page form creates one page even when "Save draft" races Wagtail's
# autosave (iomsite/editing/models.py; docs/AUTHORING.md, "Quizzes").
INSTALLED_APPS.insert(INSTALLED_APPS.index("iomsite"), "iomsite.editing")

# --- Site-wide search (issue 13): iomsite.search, docs/ARCHITECTURE.md
# Wagtail's database backend is PostgreSQL full-text search on PostgreSQL and SQLite
# FTS5 on SQLite. English stemming whatever the server's default text search config
# ("compliant" finds "compliance"); changing it needs `manage.py update_index`.
WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = env_str("SEARCH_CONFIG", "english")
# Per person, per address: only requests that run a search count (an office may
# share one address).
RATE_LIMITS["search"] = ("40/m", "240/m")

# --- The learning record and xAPI forwarding (issue 14): learning_record/, docs/INTEROP.md
INSTALLED_APPS.insert(INSTALLED_APPS.index("courses"), "learning_record")
# Activity and platform-verb IRIs: <XAPI_IRI_BASE>/xapi/activities/... Set once and
# never change it (statements already sent keep the IRIs they were written with).
XAPI_IRI_BASE = env_str("XAPI_IRI_BASE") or WAGTAILADMIN_BASE_URL
# The actor's account homePage: {"homePage": XAPI_ACCOUNT_HOMEPAGE, "name": <opaque id>}.
XAPI_ACCOUNT_HOMEPAGE = env_str("XAPI_ACCOUNT_HOMEPAGE") or WAGTAILADMIN_BASE_URL
# The external LRS: forwarding is on when the endpoint is set (…/xapi/, "statements" is added).
XAPI_LRS_ENDPOINT = env_str("XAPI_LRS_ENDPOINT", "")
XAPI_LRS_USERNAME = env_str("XAPI_LRS_USERNAME", "")
XAPI_LRS_PASSWORD = env_str("XAPI_LRS_PASSWORD", "")
XAPI_LRS_TIMEOUT_SECONDS = int(env_str("XAPI_LRS_TIMEOUT_SECONDS", "10"))
XAPI_LRS_BATCH_SIZE = int(env_str("XAPI_LRS_BATCH_SIZE", "100"))
# After a failure the forwarder waits 30 s, 60 s, 120 s … up to an hour.
XAPI_LRS_BACKOFF_SECONDS = (30, 3600)
# The queue behind the forwarder: a database queue everywhere (worker: manage.py
# db_worker --backend xapi), so a learner's request only inserts a row; the sweep
# `manage.py xapi_forward` sends whatever a missing worker left.
TASKS["xapi"] = {"BACKEND": env_str("DJANGO_XAPI_TASK_BACKEND", "django_tasks_db.DatabaseBackend")}

# --- Covering indexes (issue 15)
# The course report's indexes carry extra columns (INCLUDE) so PostgreSQL answers
# from the index alone; SQLite, the `make run` default, builds them as plain
# indexes, which is all it needs. Its warning about that is expected.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    SILENCED_SYSTEM_CHECKS.append("models.W040")  # noqa: F405

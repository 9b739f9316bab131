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

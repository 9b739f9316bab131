"""
Settings shared by every environment, read from environment variables.

`dev.py`, `test.py` and `production.py` import this module; they only set
defaults for the variables below or switch development helpers on. The
variables are listed in `.env.example` and the README.
"""

import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from .env import env_bool, env_list, env_required, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent  # the repository root
PROJECT_DIR = BASE_DIR / "site"

DEBUG = env_bool("DJANGO_DEBUG", default=False)

if DEBUG:
    # Only ever used with DJANGO_DEBUG on: a development server on your machine.
    SECRET_KEY = env_str("DJANGO_SECRET_KEY") or "django-insecure-local-development-only"
else:
    SECRET_KEY = env_required("DJANGO_SECRET_KEY", reason="when DJANGO_DEBUG is false")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

SITE_NAME = "IOM Compass"
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Project apps first, so their templates override the libraries' ones.
    "iomsite.accounts",
    "iomsite.teams",
    "iomsite.home",
    "iomsite.uploads",
    "iomsite",
    "thoughtpieces",
    "courses",
    "quizzes",
    "journals",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "iomsite.accounts.apps.CompassUsersConfig",  # replaces "wagtail.users"
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_htmx",
    "django_tasks_db",  # the queued task backend for production (docs/DEPLOYMENT.md)
    "template_partials",
    "django_ratelimit",
    "csp",
    "axes",  # sign-in lock-outs (issue 12; settings at the end)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
]

MIDDLEWARE = [
    "iomsite.security.SecurityHeadersMiddleware",  # first: sees static files and errors too
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "iomsite.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "iomsite.security.CompassCSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lock-out into our page
]

ROOT_URLCONF = "iomsite.urls"
WSGI_APPLICATION = "iomsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "iomsite.context_processors.site_chrome",
                "iomsite.context_processors.csp_nonce",
            ],
        },
    },
]

# The project's own forms render as GOV.UK form groups: see iomsite/forms.py.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env_str("DJANGO_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one request writes; the busy timeout makes
    # a second writer wait instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "compass",
        }
    }
    # Sessions live in Redis for speed and in the database for durability, so
    # a Redis restart does not sign everyone out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# People
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "courses:my_learning"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "IOM Compass <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Language and dates: UK English, London time, dates the GOV.UK way
# ("22 November 2026") through site/formats/en_GB.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["iomsite.formats"]

# Static files: our own assets plus the GOV.UK Frontend build from npm
# (`npm run build` writes static_build/).
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static", BASE_DIR / "static_build"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Before `collectstatic` (development, tests, benchmarks) STATIC_ROOT does not exist yet.
warnings.filterwarnings("ignore", message="No directory at")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")

# Wagtail
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Background work (django-tasks). Wagtail's own tasks use "default". Personal data
# exports use "exports": immediate here (no worker needed for `make run`); in
# production a database queue with a `db_worker` process (production.py).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "exports": {
        "BACKEND": env_str(
            "DJANGO_EXPORTS_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    },
}
# Files only their owner may download (personal data exports); never under MEDIA_ROOT.
PRIVATE_FILES_ROOT = Path(env_str("DJANGO_PRIVATE_FILES_ROOT") or BASE_DIR / "private")

# Quizzes: anonymised spreads of others' answers are hidden below this many people,
# so no one's choice can be worked out.
QUIZ_MIN_GROUP_SIZE = int(env_str("QUIZ_MIN_GROUP_SIZE", "5"))
WAGTAIL_PASSWORD_RESET_ENABLED = True

# Rate limits (django-ratelimit, through iomsite/ratelimits.py): per group, the
# rate per account (or per address when signed out) and the rate per address.
# The per-address rate is higher because a whole police station or probation
# office can share one address. Past either, the request gets the 429 page.
RATELIMIT_VIEW = "iomsite.views.rate_limited"
RATELIMIT_USE_CACHE = "default"
RATE_LIMITS = {
    "default": ("30/m", "300/m"),
    "csp_report": ("60/m", "600/m"),
}
# With Redis the counters are shared by every process (Django's own RedisCache
# increments atomically, though django-ratelimit only lists django-redis). Without
# Redis the counters are per process, which is right for one `runserver`;
# production with several processes sets REDIS_URL (docs/DEPLOYMENT.md).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if not REDIS_URL:
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# Security. Development runs over plain HTTP; everything else is HTTPS only.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12  # a working day
CSRF_COOKIE_HTTPONLY = False  # htmx reads nothing from it: the token is in hx-headers
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env_str("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request bodies never reach the log; Django logs only the path on errors.
        "django.request": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Access: team invitations and the access log (issue 12)
# A team lead's invitation stays open this many days.
TEAM_INVITATION_DAYS = int(env_str("TEAM_INVITATION_DAYS", "14"))
RATE_LIMITS["team_invite"] = ("20/h", "100/h")  # per person, per address
# Rows of "Who has looked at my records" are kept this long, then
# `manage.py access_log_prune` (run daily, docs/DEPLOYMENT.md) deletes them.
ACCESS_LOG_RETENTION_DAYS = int(env_str("ACCESS_LOG_RETENTION_DAYS", "365"))

# --- Expired sessions lose nothing (issue 12)
# A learner's post that arrives after their session ended is kept server-side for
# this long, then offered back after sign-in (iomsite.accounts.pending).
PENDING_SUBMISSION_MAX_AGE = 60 * 60 * 24
# Who last signed in on a browser (a keyed hash, no account id), so a kept post is
# only ever offered to them. `__Host-` when cookies are HTTPS only.
PENDING_OWNER_COOKIE_NAME = (
    "__Host-compass_owner" if globals().get("SESSION_COOKIE_SECURE") else "compass_owner"
)
PENDING_OWNER_COOKIE_AGE = 60 * 60 * 24 * 30
MIDDLEWARE.append("iomsite.accounts.pending.OwnerHintMiddleware")
RATE_LIMITS["pending_submission"] = ("20/h", "60/h")
# A refused form (usually: signed in again in another tab) shows the text it held.
CSRF_FAILURE_VIEW = "iomsite.accounts.pending.csrf_failure"

# --- Browser-side defences (issue 12): docs/security/csp.md
# A fresh nonce per request (request.csp_nonce, `csp_nonce` in templates) goes on
# every <script> our templates emit; nothing inline runs without it.
REPORTING_ENDPOINTS = 'csp="/csp-report/"'
_CSP_STRICT = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],  # data: for the QR code on the two-factor set-up page
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [NONE],
    "frame-ancestors": [NONE],
    "form-action": [SELF],
    "report-uri": ["/csp-report/"],
    "report-to": "csp",
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_STRICT}
# The Wagtail admin (everything under /admin/ except page previews, which get the
# learner policy framed by 'self'): the strictest policy Wagtail 8 works under.
# Each relaxation and why: docs/security/csp.md.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **_CSP_STRICT,
        # Wagtail 8 writes inline <script>s without nonces (date pickers, InlinePanel,
        # MultipleChooserPanel, listings' filters) and jQuery re-runs scripts in
        # chooser modals. No nonce here: a nonce would make browsers ignore
        # 'unsafe-inline'. Still no 'unsafe-eval'.
        "script-src": [SELF, UNSAFE_INLINE],
        # Draftail and the StreamField editor insert <style> elements and style= attributes.
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
    }
}
# No third-party avatars in the admin: an email hash to gravatar.com, and broken
# images offline. Wagtail shows its default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Browser features no page of ours uses (current feature names).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

# --- Uploads and cookies (issue 12)
# Images: every original, avatar and rendition is stored without GPS, camera
# EXIF, XMP, IPTC or comments (iomsite/uploads/, docs/security/uploads.md). The
# caps apply to the admin's image forms; more pixels than the cap is refused
# before Pillow decodes it (a "decompression bomb").
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(env_str("UPLOAD_IMAGE_MAX_MB", "10")) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(env_str("UPLOAD_IMAGE_MAX_MEGAPIXELS", "50")) * 1_000_000
STORAGES["renditions"] = {"BACKEND": "iomsite.uploads.storage.MetadataFreeFileSystemStorage"}
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
# Documents: checked by content for their extension, capped in size, and always
# downloaded (Content-Disposition: attachment), never opened in the browser.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "iomsite.uploads.forms.DocumentForm"  # content check
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(env_str("UPLOAD_DOCUMENT_MAX_MB", "20")) * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Cookies: over HTTPS the session, CSRF and language cookies carry the __Host-
# prefix, so the browser keeps them only if Secure, Path=/ and with no Domain:
# no other host (a subdomain, a sibling site) can set or overwrite them.
# Renaming the session cookie signs everyone out once, at the first deploy.
if env_bool("DJANGO_HOST_PREFIX_COOKIES", default=not DEBUG):
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-django_language"
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = True

# --- Load: bounded work per request (issue 12, docs/security/load.md)
# The CPU bound (ms) the test suite holds every renderer of user text to, for an
# input of the maximum size (tests/journals/test_render_cost.py).
RENDER_TIME_BOUND_MS = int(env_str("RENDER_TIME_BOUND_MS", "100"))
# Quiz import (quizzes/exchange.py): the largest file or paste, and the most items
# (no more than the quiz editor's own limit of 100). A file at both limits imports
# in about a second.
QUIZ_IMPORT_MAX_BYTES = int(env_str("QUIZ_IMPORT_MAX_BYTES", "500000"))
QUIZ_IMPORT_MAX_ITEMS = min(int(env_str("QUIZ_IMPORT_MAX_ITEMS", "100")), 100)
# Brochures (thoughtpieces/brochure.py): built PDFs are kept as files here, one per
# set of piece revisions and day; a set of more pieces than this is built in the
# background by the "brochures" task backend.
BROCHURE_CACHE_ROOT = Path(
    env_str("DJANGO_BROCHURE_CACHE_ROOT") or PRIVATE_FILES_ROOT / "brochures"
)
BROCHURE_BACKGROUND_PIECES = int(env_str("BROCHURE_BACKGROUND_PIECES", "5"))
TASKS["brochures"] = {
    "BACKEND": env_str(
        "DJANGO_BROCHURES_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
    )
}
# Rate limits for the expensive and email-sending actions (iomsite/ratelimits.py):
# (per account or, signed out, per address; per address).
RATE_LIMITS |= {
    "preview": ("60/m", "600/m"),  # the live preview posts as the learner types
    "export": ("20/h", "200/h"),  # journal export (page and downloads), Download my data
    "brochure": ("10/h", "60/h"),  # builds only: a ready brochure is not counted
    "quiz_import": ("20/h", "100/h"),
    "thoughtpiece_import": ("20/h", "100/h"),
    "certificate": ("30/h", "300/h"),
    # Not per account and address: emails per recipient, and per commenter, each
    # hour (journals/services.py). Past either the email is skipped; the comment
    # and its in-app notification are kept.
    "comment_email": ("10/h", "30/h"),
}
# Thought Piece import (thoughtpieces/admin_forms.py): the largest file or paste, and
# three times that in one import. A piece is typically 5-30 KB.
THOUGHTPIECE_IMPORT_MAX_BYTES = int(env_str("THOUGHTPIECE_IMPORT_MAX_BYTES", "100000"))

# --- Sign-in protection and two-factor sign-in (issue 12)
# See docs/security/signin.md. django-axes counts failed sign-ins (every call to
# authenticate(), so the Wagtail admin's login too) per email address typed and
# per client address, each on its own: either reaching the limit locks it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env_str("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env_str("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # in this order (AddressAwareHandler)
# One client address may be a whole office behind one firewall: its own, higher limit.
AXES_ADDRESS_FAILURE_LIMIT = int(env_str("AXES_ADDRESS_FAILURE_LIMIT", "30"))
AXES_HANDLER = "iomsite.accounts.signin.AddressAwareHandler"
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in forms' field (it holds the email)
AXES_USERNAME_CALLABLE = "iomsite.accounts.signin.axes_username"
AXES_CLIENT_IP_CALLABLE = "iomsite.accounts.client_address"
AXES_LOCKOUT_CALLABLE = "iomsite.accounts.signin.lockout_response"
AXES_RESET_ON_SUCCESS = False  # a success must not clear an address's failures
AXES_DISABLE_ACCESS_LOG = True  # no history of every sign-in (privacy)
AXES_VERBOSE = False
# The client's address, for lock-outs and rate limits alike
# (iomsite.accounts.client_address): REMOTE_ADDR, or with
# DJANGO_TRUSTED_PROXY_COUNT=n the n-th address from the right of
# X-Forwarded-For (what n trusted proxies in front of the site appended).
TRUSTED_PROXY_COUNT = int(env_str("DJANGO_TRUSTED_PROXY_COUNT", "0"))
CLIENT_ADDRESS_HEADER = env_str("DJANGO_CLIENT_ADDRESS_HEADER", "HTTP_X_FORWARDED_FOR")
RATELIMIT_IP_META_KEY = "iomsite.accounts.client_address"
# Password reset: per address (RATE_LIMITS) and per email address typed.
RATE_LIMITS["password_reset"] = ("10/h", "30/h")
RATE_LIMITS["two_factor"] = ("10/15m", "100/15m")
PASSWORD_RESET_EMAILS_PER_EMAIL = int(env_str("PASSWORD_RESET_EMAILS_PER_EMAIL", "3"))
PASSWORD_RESET_EMAIL_WINDOW = 60 * 60  # seconds
# Two-factor sign-in (django-otp): an authenticator app (TOTP) and recovery codes.
OTP_TOTP_ISSUER = SITE_NAME
TWO_FACTOR_RECOVERY_CODES = 10
# Paths a signed-in person who still owes a two-factor code may reach.
# /csp-report/: browsers post violation reports from any page, the code step included.
TWO_FACTOR_EXEMPT_PREFIXES = ["/static/", "/media/", "/healthz/", "/favicon.ico", "/csp-report/"]
LOGGING["loggers"]["axes"] = {"level": "WARNING"}

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

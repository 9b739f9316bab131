"""
The core settings: Django, Wagtail, the database, cache, email, language, files,
tasks, rate limits and logging, read from environment variables.

Imported (through `hardening`) by `base`, which is what `dev.py`, `test.py` and
`production.py` import.
"""

import warnings
from pathlib import Path

import dj_database_url

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
    "iomsite.warm_up.FreezeAfterWarmUp",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "iomsite.accounts.permissions_cache.PermissionsFromCacheMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "iomsite.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "iomsite.security.CompassCSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "iomsite.page_routes.SiteFromCacheMiddleware",
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
        # Persistent connections (issue 15): a new connection per request (connect,
        # schema, pragmas) cost ~11% of a page. Health checks drop a dead one.
        conn_max_age=int(env_str("DJANGO_CONN_MAX_AGE", "600")),
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
# Without Redis each process has its own cache, and a change made through one
# process retires only that process's entries: whatever must agree across
# processes (page routes, the site chrome, roles, permissions) is then kept for
# this many seconds at most (`iomsite.cache_versions.timeout`). With Redis it is
# retired everywhere at once and kept for its full time.
CACHE_IS_SHARED = bool(REDIS_URL)
UNSHARED_CACHE_SECONDS = int(env_str("DJANGO_UNSHARED_CACHE_SECONDS", "10"))

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

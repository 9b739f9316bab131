"""
Security hardening (issue 12), one block per topic: access, expired sessions,
browser-side defences, uploads and cookies, bounded work per request, sign-in
protection and two-factor sign-in (docs/security/).

The blocks run after `core` in its namespace (a star import), so they add to what
it set (`RATE_LIMITS`, `MIDDLEWARE`, `LOGGING`, ...) as they did when they were
the end of `base.py`. `base` imports this module.
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from .core import *  # noqa: F403
from .env import env_bool, env_str

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
    "iomsite.accounts.backends.StampedModelBackend",
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

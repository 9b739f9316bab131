"""
An expired session loses nothing.

A learner's form posted after their session ended (a journal save, a new entry,
a comment, a share, a team prompt, a quiz answer) is not redirected away and
dropped: the view keeps the post server-side as a `PendingSubmission`, sends the
person to sign in with `next` pointing at the "kept" page, and after any sign-in
path (the password form, and a two-factor step after it, since it is the
`next` URL that brings them there) that page shows what they wrote with a
button that posts it again, with a fresh CSRF token, to the same view. So every
normal check applies again: validation, ownership, stale revisions, closed quiz
attempts.

Who can see a kept post:
- It is reachable only through a random token kept in the browser session that
  posted it (the row holds only the token's SHA-256), so it cannot be guessed,
  and another browser never sees it. Signing in keeps the session's data (Django
  cycles the key), so the token survives the sign-in.
- It names no account. `owner_hint` is a keyed hash (HMAC with the secret key)
  of who last signed in on that browser, read from a cookie set at sign-in. If
  someone else signs in there, the kept post is deleted unseen.
- It lasts `PENDING_SUBMISSION_MAX_AGE` (24 hours) at most, is deleted once
  re-posted or discarded, and is never logged (its `str()` is its id).

Use `@keeps_signed_out_posts("journal entry")` in place of `@login_required` on
a view, or call `signed_out_post` where a view checks sign-in itself.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.exceptions import Ratelimited

from iomsite.ratelimits import rate_limit_exceeded

from .models import PendingSubmission

SESSION_KEY = "pending_submissions"
#: The hidden field on the kept page's form: which kept post this re-post settles.
FIELD = "kept_submission"
NOT_KEPT = {"csrfmiddlewaretoken", FIELD}
#: More than any valid learner form (a 20,000-character entry and its title).
MAX_CHARS = 60_000
MAX_PER_SESSION = 5
_HINT = re.compile(r"[0-9a-f]{64}")

#: What each protected view keeps, as the kept page names it.
KINDS = {
    "journal_entry": gettext_lazy("A save of your journal entry"),
    "new_entry": gettext_lazy("A new journal entry"),
    "comment": gettext_lazy("A comment"),
    "share": gettext_lazy("Sharing a journal entry"),
    "share_revoke": gettext_lazy("Stopping sharing a journal entry"),
    "prompt": gettext_lazy("A prompt for your team"),
    "quiz_answer": gettext_lazy("An answer in a quiz"),
    "quiz_submit": gettext_lazy("Submitting a quiz attempt"),
}
#: Fields whose text the kept page shows, so the person can see what is kept.
SHOWN = {
    "title": gettext_lazy("Title"),
    "body": gettext_lazy("Your text"),
    "rationale": gettext_lazy("Your reasons"),
    "text": gettext_lazy("Your question"),
}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def owner_hint(user) -> str:
    return salted_hmac(
        "iomsite.accounts.pending.owner", str(user.pk), algorithm="sha256"
    ).hexdigest()


def _wants_fragment(request) -> bool:
    accept = request.headers.get("Accept", "")
    return bool(getattr(request, "htmx", False)) or (
        "application/json" in accept and "text/html" not in accept
    )


# Writes ----------------------------------------------------------------------


def pending_clear_expired() -> int:
    """Delete every kept post past its expiry; how many went."""
    return PendingSubmission.objects.filter(expires_at__lte=timezone.now()).delete()[0]


def pending_keep(request, *, kind: str) -> PendingSubmission | None:
    """Keep this signed-out post for the browser session that sent it; None when
    it is larger than any valid form (the normal view would refuse it anyway)."""
    data = {key: request.POST.getlist(key) for key in request.POST if key not in NOT_KEPT}
    size = sum(len(key) + sum(len(v) for v in values) for key, values in data.items())
    path = request.get_full_path()
    if size > MAX_CHARS or len(path) > 500:
        return None
    now = timezone.now()
    pending_clear_expired()
    hint = request.COOKIES.get(settings.PENDING_OWNER_COOKIE_NAME, "")
    token = secrets.token_urlsafe(32)
    kept = PendingSubmission.objects.create(
        token_hash=_hash(token),
        kind=kind,
        path=path,
        data=data,
        owner_hint=hint if _HINT.fullmatch(hint) else "",
        expires_at=now + timedelta(seconds=settings.PENDING_SUBMISSION_MAX_AGE),
    )
    tokens = [*request.session.get(SESSION_KEY, []), token]
    if len(tokens) > MAX_PER_SESSION:
        oldest, tokens = tokens[:-MAX_PER_SESSION], tokens[-MAX_PER_SESSION:]
        PendingSubmission.objects.filter(token_hash__in=[_hash(t) for t in oldest]).delete()
    request.session[SESSION_KEY] = tokens
    return kept


def pending_finish(request, *, token: str) -> bool:
    """Delete a kept post of this session (saved again, or discarded)."""
    tokens = request.session.get(SESSION_KEY) or []
    if not isinstance(token, str) or token not in tokens:
        return False
    PendingSubmission.objects.filter(token_hash=_hash(token)).delete()
    request.session[SESSION_KEY] = [t for t in tokens if t != token]
    return True


# Reads -------------------------------------------------------------------------


def pending_for(request) -> list[PendingSubmission]:
    """This browser session's kept posts that the signed-in person may see, oldest
    first, each with its `token`. Posts made while someone else was signed in on
    this browser are deleted, unseen."""
    tokens = request.session.get(SESSION_KEY) or []
    if not tokens or not request.user.is_authenticated:
        return []
    by_hash = {_hash(t): t for t in tokens}
    rows = PendingSubmission.objects.filter(
        token_hash__in=by_hash, expires_at__gt=timezone.now()
    ).order_by("created_at", "pk")
    mine = owner_hint(request.user)
    kept, foreign = [], []
    for row in rows:
        (foreign if row.owner_hint and row.owner_hint != mine else kept).append(row)
        row.token = by_hash[row.token_hash]
    if foreign:
        PendingSubmission.objects.filter(pk__in=[row.pk for row in foreign]).delete()
    live = [row.token for row in kept]
    if live != tokens:
        request.session[SESSION_KEY] = live
    return kept


def kept_fields(kept: PendingSubmission) -> dict:
    """The kept post as the kept page draws it: text to show, and every value
    (shown or not) to post again."""
    shown = [
        (SHOWN[name], value)
        for name, values in kept.data.items()
        if name in SHOWN
        for value in values
        if value.strip()
    ]
    values = [(name, value) for name, values in kept.data.items() for value in values]
    return {"label": KINDS.get(kept.kind, kept.kind), "shown": shown, "values": values}


# The view side -------------------------------------------------------------------


def signed_out_post(request, *, kind: str) -> HttpResponse:
    """A post from someone whose session has ended: keep it, then sign in. htmx and
    fetch get a 401 (with HX-Redirect, which htmx follows), never a lost answer."""
    if rate_limit_exceeded(request, "pending_submission"):
        raise Ratelimited
    kept = pending_keep(request, kind=kind)
    if kept is not None:
        text = _(
            "You were signed out, so this was not saved yet. It is kept for you: "
            "sign in and you can save it."
        )
        messages.warning(request, text)
        login = redirect_to_login(reverse("accounts:kept"))
    else:
        text = _("You were signed out, so this was not saved. Sign in and send it again.")
        messages.warning(request, text)
        login = redirect_to_login(request.get_full_path())
    if _wants_fragment(request):
        response = HttpResponse(text, status=401, content_type="text/plain; charset=utf-8")
        response["HX-Redirect"] = login.url
        return response
    return login


def keeps_signed_out_posts(kind: str):
    """`login_required` for a learner view whose posts must survive an ended
    session; also settles the kept post when its re-post has been handled."""

    assert kind in KINDS, kind

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                if request.method == "POST":
                    return signed_out_post(request, kind=kind)
                return redirect_to_login(request.get_full_path())
            token = request.POST.get(FIELD) if request.method == "POST" else None
            if token and token not in (request.session.get(SESSION_KEY) or []):
                # The kept page's form sent twice (or after a discard): once only.
                messages.info(request, _("That was already saved or discarded."))
                return redirect("accounts:kept")
            response = view(request, *args, **kwargs)
            # Handled by the view (saved, or shown again with its error and the
            # text in the form): done. A 404 or 403 keeps it until it expires.
            if token and response.status_code < 500 and response.status_code not in (403, 404):
                pending_finish(request, token=token)
            return response

        return wrapped

    return decorator


def _same_origin(request) -> bool:
    """The browser says the post came from one of our own pages (Origin, or Referer
    when a browser sends no Origin). A forged cross-site post cannot say so."""
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    if not source or source == "null":
        return False
    parsed = urlsplit(source)
    return parsed.scheme == request.scheme and parsed.netloc == request.get_host()


def csrf_failure(request, reason: str = ""):
    """The 403 page for a refused form (`CSRF_FAILURE_VIEW`), usually a page left open
    while its person signed in again in another tab. When the post came from one
    of our own pages, the text they wrote is shown on it to copy: shown only,
    never stored or applied, since the post failed its CSRF check."""
    shown = []
    if request.method == "POST" and _same_origin(request):
        shown = [
            (SHOWN[name], value)
            for name in SHOWN
            for value in request.POST.getlist(name)[:1]
            if value.strip() and len(value) <= MAX_CHARS
        ]
    return render(request, "403_csrf.html", {"shown": shown}, status=403)


@receiver(user_logged_in, dispatch_uid="pending_owner_hint")
def _note_who_signed_in(sender, request, user, **kwargs):
    """Whoever signs in, on any path: `OwnerHintMiddleware` sets the cookie."""
    if request is not None:
        request.pending_owner_hint = owner_hint(user)


class OwnerHintMiddleware:
    """Sets the owner-hint cookie on the response to a sign-in (see module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        hint = getattr(request, "pending_owner_hint", None)
        if hint:
            response.set_cookie(
                settings.PENDING_OWNER_COOKIE_NAME,
                hint,
                max_age=settings.PENDING_OWNER_COOKIE_AGE,
                path="/",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

"""One new-page form creates one page, however its saves race (models.py says why).

`before_create_page` claims the form's token, then runs Wagtail's own create
view; a request whose token another request has claimed waits for that page and
is handed to Wagtail's edit view for it instead, as the form itself would have
been once the autosave's answer arrived. Claims are short writes, not a
transaction held across the whole view, so nothing else waits on them.
"""

import json
import re
import time
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail import hooks

from .models import PageCreation

TOKEN_FIELD = "compass-creation-token"
TOKEN = re.compile(r"[0-9a-f]{32}")
KEEP_FOR = timedelta(days=1)  # a form left open longer starts afresh
WAIT_SECONDS = 15  # for the racing request to create the page; then give up
POLL_SECONDS = 0.1


def _token(request) -> str | None:
    token = request.POST.get(TOKEN_FIELD, "") if request.method == "POST" else ""
    return token if TOKEN.fullmatch(token) else None


@hooks.register("insert_editor_js")
def page_creation_token_script():
    return format_html('<script src="{}"></script>', static("js/page-creation.js"))


@hooks.register("before_create_page")
def create_each_new_page_once(request, parent_page, page_class):
    token = _token(request)
    if token is None or getattr(request, "_compass_creation_token", None):
        return None  # no token (no JavaScript, so no autosave), or the inner call below
    PageCreation.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    deadline = time.monotonic() + WAIT_SECONDS
    while (claim := _claim(token)) is None:
        # Another request with this token has created the page, or is creating it.
        row = PageCreation.objects.filter(token=token).select_related("page").first()
        if row is not None and row.page is not None:
            page = row.page.specific
            if page.owner_id != request.user.pk:
                return None  # someone else's token: an ordinary create (slug in use)
            return _edit_instead(request, page)
        if time.monotonic() > deadline:
            return None  # it never came: an ordinary create
        if row is not None:
            time.sleep(POLL_SECONDS)
        # No row: that request was refused and released it; claim it for this one.
    request._compass_creation_token = token
    from wagtail.admin.views.pages.create import CreateView

    try:
        return CreateView.as_view()(request, **request.resolver_match.kwargs)
    finally:
        # Not created (a validation error, a refusal): release the claim.
        PageCreation.objects.filter(pk=claim.pk, page=None).delete()


def _claim(token: str) -> PageCreation | None:
    try:
        with transaction.atomic():
            return PageCreation.objects.create(token=token)
    except IntegrityError:
        return None


@hooks.register("after_create_page")
def remember_the_created_page(request, page):
    token = getattr(request, "_compass_creation_token", None)
    if token:
        PageCreation.objects.filter(token=token).update(page=page)


def _edit_instead(request, page):
    from wagtail.admin.views.pages.edit import EditView

    response = EditView.as_view()(request, page_id=page.pk)
    if response.headers.get("Content-Type") == "application/json" and response.status_code == 200:
        # An autosave: answer as the create view does, so the form moves to the
        # edit view (its address, its action, its side panels) from here on.
        data = json.loads(response.content)
        if data.get("success"):
            url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            data.pop("html", None)
            data.update(url=url, hydrate_url=f"{url}?_w_hydrate_create_view=1")
            response.content = json.dumps(data)
    return response

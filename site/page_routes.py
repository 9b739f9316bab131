"""Wagtail's page routing, answered from the shared cache.

Wagtail finds the page for a request by looking up the site (a query), walking
the tree from the site's root one level per query, and then asking for the
view restrictions on the page and its ancestors (another query): five or six
queries, about half a Thought Piece's serving time, to learn the same answer
for every reader. `serve` remembers that answer (the routed page as loaded, its
route arguments and its view restrictions) per host, port, language and path,
and `SiteFromCacheMiddleware` the site per host and port, both under a version
(`cache_versions`, name `page-routes`) that any publish, unpublish, move or
delete of a page, a live page's saved content, a view restriction's change and
a site's change bump on every server at once (wired in `iomsite.home.apps`).

Only what does not depend on the reader is kept: the restrictions themselves
are still checked against each request (Wagtail's `check_view_restrictions`
hook runs as before), and a route that fails (a 404) is never stored.
"""

import pickle

from django.core.cache import cache
from django.utils import translation
from django.utils.http import urlencode

from . import cache_versions

VERSION = "page-routes"
TIMEOUT = 60 * 60


def invalidate(**kwargs) -> None:
    """Something a route depends on changed (a signal receiver, hence **kwargs)."""
    cache_versions.bump(VERSION)


# Saving a draft revision writes these on the live page row; they change nothing
# a reader is served, so they leave the routes alone (a trainer's autosave would
# otherwise empty the cache every few seconds).
DRAFT_FIELDS = {
    "draft_title",
    "has_unpublished_changes",
    "latest_revision",
    "latest_revision_created_at",
    "locked",
    "locked_at",
    "locked_by",
}


def _where(request) -> dict:
    return {"host": request._get_raw_host(), "port": request.get_port()}  # as Wagtail reads them


def _key(request) -> str:
    where = urlencode(
        {**_where(request), "lang": translation.get_language() or "", "path": request.path_info}
    )
    return f"page-route:{cache_versions.current(VERSION)}:{where}"


def _remembered(key: str) -> tuple | None:
    """The route and view restrictions served last time, or None."""
    stored = cache.get(key)
    if stored is None:
        return None
    try:
        return pickle.loads(stored)
    except (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError):
        return None  # a class renamed by a deploy since: route afresh


def _remember(key: str, route) -> list:
    """Keep the route as loaded, before the page is served: nothing a request
    sets on the page object (a reader's context) can reach the cache."""
    restrictions = list(route.page.get_view_restrictions())
    try:
        stored = pickle.dumps((route, restrictions), pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, AttributeError, TypeError):
        return restrictions  # a route argument that cannot be kept: route it each time
    cache.set(key, stored, cache_versions.timeout(TIMEOUT))
    return restrictions


class KeptRoutePage:
    """For every page type of the site: the view restrictions `serve` brought
    with a kept route, without a query; Wagtail's own lookup otherwise (which
    resolves aliases among the ancestors). Put it before `Page` in the bases."""

    def get_view_restrictions(self):
        kept = self.__dict__.get("_kept_view_restrictions")
        if kept is not None:
            return list(kept)
        return super().get_view_restrictions()


def serve(request, path: str):
    """Wagtail's `serve` view (hooks, view restrictions, the page's own serve),
    with the route taken from the cache when it is there."""
    from wagtail import views as wagtail_views
    from wagtail.models import Page

    if request.method in ("GET", "HEAD"):
        key = _key(request)  # the version read before the rows it will hold
        remembered = _remembered(key)
        if remembered is not None:
            route, restrictions = remembered
            request._wagtail_route_for_request = route
        else:
            route = Page.route_for_request(request, path)  # Wagtail's walk; kept on the request
            restrictions = _remember(key, route) if route is not None else None
        if route is not None:
            # The page object is this request's own: its restrictions come with
            # it instead of from another query (`KeptRoutePage`).
            route.page._kept_view_restrictions = restrictions
    return wagtail_views.serve(request, path)


class SiteFromCacheMiddleware:
    """Wagtail finds the request's site with a query wherever a page's URL is
    built for a request (`{% pageurl %}`, `get_url(request)`), on views that are
    not pages too. On a GET this gives it the site from the shared cache, read
    with the routes' version in one round trip; a new version reads it afresh."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            _site_prime(request)
        return self.get_response(request)


def _site_prime(request) -> None:
    from wagtail.models import Site

    request._wagtail_site = cache_versions.kept(
        VERSION,
        "page-site:" + urlencode(_where(request)),
        lambda: Site.find_for_request(request),
        seconds=TIMEOUT,
    )

"""What the base template needs on every page: navigation, roles, footer links.

The navigation's areas are what the apps register (`iomsite.registry.nav_entries`,
in each app's `registrations.py`), in their order: public ones for everyone and
on the home page, the rest for people signed in."""

from django.core.cache import cache
from django.urls import reverse

from . import cache_versions, registry
from .accounts.roles import ADMINISTRATOR, TEAM_LEAD, TRAINER, role_names
from .registry import NavEntry


def _nav_item(label: str, url: str | None, *also: str) -> dict | None:
    """`also`: other path prefixes that belong to this area (e.g. team progress)."""
    return {"label": label, "url": url, "prefixes": [url, *also]} if url else None


def _mark_current(request, items: list[dict]) -> list[dict]:
    """The area whose prefix matches the path most specifically is the current one."""
    best, best_length = None, 0
    for item in items:
        for prefix in item["prefixes"]:
            if request.path.startswith(prefix) and len(prefix) > best_length:
                best, best_length = item, len(prefix)
    for item in items:
        item["current"] = item is best
    return items


def _page_url(page, request) -> str | None:
    return page.get_url(request) if page is not None and page.live else None


def _footer_links(request) -> dict:
    from .home.models import FooterLinks

    links = FooterLinks.objects.select_related("accessibility_statement", "privacy_notice").first()
    if links is None:
        return {}
    return {
        "accessibility_url": _page_url(links.accessibility_statement, request),
        "privacy_url": _page_url(links.privacy_notice, request),
    }


def _index_urls(request, entries: list[NavEntry]) -> dict[str, str]:
    """The live, public index pages' URLs by area key, in one query."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    kinds = {entry.key: apps.get_model(entry.index_page) for entry in entries if entry.index_page}
    if not kinds:
        return {}
    pages = (
        Page.objects.live()
        .public()
        .type(*kinds.values())
        .only("id", "path", "url_path", "content_type_id")
        .order_by("path")
    )
    by_type = {}
    for page in pages:
        by_type.setdefault(page.content_type_id, page)
    urls = {}
    for key, model in kinds.items():
        page = by_type.get(ContentType.objects.get_for_model(model).pk)
        if page is not None:
            urls[key] = page.get_url(request)
    return urls


CHROME_VERSION = "site-chrome"
CHROME_TIMEOUT = 60 * 60


def invalidate_chrome(**kwargs) -> None:
    """A page published, unpublished, moved or deleted, or the footer links saved:
    every server builds the chrome afresh (a signal receiver, hence **kwargs)."""
    cache_versions.bump(CHROME_VERSION)


def _cached_pages(request) -> tuple[dict, dict[str, str]]:
    """Footer links and index-page URLs: the same for every request to one host,
    cached in the shared cache under a version that a publish bumps."""
    found = getattr(request, "_site_chrome", None)
    if found is not None:
        return found
    key = f"site-chrome:{cache_versions.current(CHROME_VERSION)}:{request.get_host()}"
    found = cache.get(key)
    if found is None:
        entries = [entry for entry in registry.nav_entries if entry.index_page]
        found = (_footer_links(request), _index_urls(request, entries))
        cache.set(key, found, cache_versions.timeout(CHROME_TIMEOUT))
    request._site_chrome = found
    return found


def _entry_urls(request) -> list[tuple[NavEntry, str]]:
    """Every registered area with its URL; an index page not (yet) published, or an
    area whose URL is None for this request, is left out."""
    entries = list(registry.nav_entries)
    index_urls = _cached_pages(request)[1]
    found = []
    for entry in entries:
        if entry.index_page:
            url = index_urls.get(entry.key)
        elif callable(entry.url):
            url = entry.url(request)
        else:
            url = reverse(entry.url)
        if url:
            found.append((entry, url))
    return found


def public_sections(request, entry_urls=None) -> list[dict]:
    """The public areas with their URLs (the header and the home page list them)."""
    if entry_urls is None:
        entry_urls = _entry_urls(request)
    return [
        {"key": entry.key, "label": entry.label, "url": url, "description": entry.description}
        for entry, url in entry_urls
        if entry.public
    ]


def site_chrome(request):
    context = {"footer_links": _cached_pages(request)[0], "nav_items": [], "user_roles": set()}
    entry_urls = _entry_urls(request)
    context["public_sections"] = public_sections(request, entry_urls)
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        items = [_nav_item(entry.label, url) for entry, url in entry_urls if entry.public]
        context["nav_items"] = _mark_current(request, items)
        return context

    roles = set(role_names(user))
    if user.is_superuser:
        roles.add(ADMINISTRATOR)
    prefixes: dict[str, list[str]] = {}
    for key, prefix in registry.nav_prefixes:
        prefixes.setdefault(key, []).append(prefix())
    nav_items = [
        _nav_item(entry.label, url, *prefixes.get(entry.key, [])) for entry, url in entry_urls
    ]
    context.update(
        nav_items=_mark_current(request, nav_items),
        user_roles=roles,
        can_use_admin=bool(roles & {TRAINER, ADMINISTRATOR}),
        is_team_lead=bool(roles & {TEAM_LEAD, ADMINISTRATOR}),
    )
    return context


def csp_nonce(request):
    """This request's CSP nonce as `csp_nonce`, the name django-htmx's
    {% htmx_script %} reads. Lazy: a page without scripts makes none."""
    return {"csp_nonce": getattr(request, "csp_nonce", None)}

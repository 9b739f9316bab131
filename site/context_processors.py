"""What the base template needs on every page: navigation, roles, footer links."""

from django.urls import reverse

from .accounts.roles import ADMINISTRATOR, TEAM_LEAD, TRAINER


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


def _thought_pieces_url(request) -> str | None:
    from thoughtpieces.models import ThoughtPieceIndexPage

    index = ThoughtPieceIndexPage.objects.live().only("id", "path", "url_path").first()
    return index.get_url(request) if index else None


def site_chrome(request):
    context = {"footer_links": _footer_links(request), "nav_items": [], "user_roles": set()}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context

    roles = {group.name for group in user.groups.all()}
    if user.is_superuser:
        roles.add(ADMINISTRATOR)
    nav_items = [
        _nav_item("My learning", reverse("courses:my_learning")),
        _nav_item("Thought Pieces", _thought_pieces_url(request)),
        _nav_item("Journal", reverse("journals:index")),
        _nav_item("Team", reverse("teams:list"), reverse("courses:my_learning") + "team/"),
    ]
    context.update(
        nav_items=_mark_current(request, [item for item in nav_items if item]),
        user_roles=roles,
        can_use_admin=bool(roles & {TRAINER, ADMINISTRATOR}),
        is_team_lead=bool(roles & {TEAM_LEAD, ADMINISTRATOR}),
    )
    return context


def csp_nonce(request):
    """This request's CSP nonce as `csp_nonce`, the name django-htmx's
    {% htmx_script %} reads. Lazy: a page without scripts makes none."""
    return {"csp_nonce": getattr(request, "csp_nonce", None)}

"""What the base template needs on every page: navigation, roles, footer links."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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


def _index_urls(request) -> dict[str, str]:
    """The live Thought Piece, course and quiz index pages' URLs, in one query."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from courses.models import CourseIndexPage
    from quizzes.models import QuizIndexPage
    from thoughtpieces.models import ThoughtPieceIndexPage

    kinds = {
        "thought_pieces": ThoughtPieceIndexPage,
        "courses": CourseIndexPage,
        "quizzes": QuizIndexPage,
    }
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


# What anyone may open, signed in or not: the header and the home page list them.
PUBLIC_SECTIONS = [
    # (key, label, description); key is an index page kind or a URL name.
    (
        "thought_pieces",
        _("Thought Pieces"),
        _("Short readings on IOM practice, each ending with questions to reflect on."),
    ),
    ("courses", _("Courses"), _("Induction and CPD courses, module by module.")),
    ("quizzes", _("Quizzes"), _("Practise with questions and branching cases.")),
    ("thoughtpieces:glossary", _("Glossary"), _("The acronyms and terms IOM teams use.")),
    (
        "certificates:verify",
        _("Check a certificate"),
        _("Confirm that a course certificate is genuine from its code."),
    ),
]


def public_sections(request) -> list[dict]:
    """The public areas with their URLs; an index page not (yet) published is left out."""
    urls = _index_urls(request)
    sections = []
    for key, label, description in PUBLIC_SECTIONS:
        url = urls.get(key) if ":" not in key else reverse(key)
        if url:
            sections.append({"key": key, "label": label, "url": url, "description": description})
    return sections


def site_chrome(request):
    context = {"footer_links": _footer_links(request), "nav_items": [], "user_roles": set()}
    sections = public_sections(request)
    context["public_sections"] = sections
    public = {section["key"]: _nav_item(section["label"], section["url"]) for section in sections}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        context["nav_items"] = _mark_current(request, list(public.values()))
        return context

    roles = {group.name for group in user.groups.all()}
    if user.is_superuser:
        roles.add(ADMINISTRATOR)
    nav_items = [
        _nav_item(_("My learning"), reverse("courses:my_learning")),
        public.get("thought_pieces"),
        public.get("courses"),
        public.get("quizzes"),
        _nav_item(_("Journal"), reverse("journals:index")),
        _nav_item(_("Team"), reverse("teams:list"), reverse("courses:my_learning") + "team/"),
        public.get("thoughtpieces:glossary"),
        public.get("certificates:verify"),
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

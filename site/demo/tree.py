"""The demo's site tree: Wagtail's root pieces, the home page, the accessibility
statement and privacy notice, and the default Site's address."""

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from thoughtpieces.models import ThoughtPieceIndexPage

from ..accounts.roles import roles_ensure
from ..home.models import FooterLinks, HomePage, StandardPage

HOME_LEAD = (
    "Learning and reflective practice for Integrated Offender Management teams: police, "
    "probation, drug and alcohol, housing and voluntary-sector staff who manage prolific "
    "offenders together."
)
HOME_BODY = (
    "<h2>What you can do here</h2>"
    "<ul><li>Read Thought Pieces on the law, policy and practice behind IOM, and the questions "
    "they leave you with.</li>"
    "<li>Work through induction courses at your own pace, with your progress saved as you go.</li>"
    "<li>Practise judgement on realistic cases, including dilemmas with no single right "
    "answer.</li>"
    "<li>Keep a private reflective journal, and share the entries you choose with your team.</li>"
    "</ul>"
)
ACCESSIBILITY_BODY = (
    "<p>IOM Compass is run by the IOM partnership training team. We want as many people as "
    "possible to be able to use it. You should be able to:</p>"
    "<ul><li>change colours, contrast levels and fonts using your browser or device settings</li>"
    "<li>zoom in up to 400% without the text spilling off the screen</li>"
    "<li>navigate the whole service using just a keyboard</li>"
    "<li>use every page without JavaScript</li>"
    "<li>listen to the service using a screen reader</li></ul>"
    "<h2>How accessible this service is</h2>"
    "<p>We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. "
    "Every page is checked automatically with axe-core as part of our tests, and by keyboard.</p>"
    "<h2>Reporting accessibility problems</h2>"
    "<p>If you find a problem that is not listed on this page, tell your trainer or your "
    "partnership administrator. We aim to reply within 5 working days.</p>"
)
PRIVACY_BODY = (
    "<p>IOM Compass keeps your account details (name, email address, agency, teams), your "
    "learning progress and your journal.</p>"
    "<h2>Your journal</h2>"
    "<p>Your journal is private by default. Your team lead sees your course progress but never "
    "your journal. An entry is visible to others only after you choose to share it, and you can "
    "stop sharing at any time.</p>"
    "<h2>Case information</h2>"
    "<p>Do not write names, dates of birth or reference numbers of the people you work with. "
    "Reflect on practice, not on identifiable cases.</p>"
)


def child_page(parent: Page, model, *, slug: str, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _wagtail_base_tree() -> None:
    """Wagtail's default locale, root page and root collection, as its migrations make them.

    They are missing only after `manage.py flush` (or a transactional test),
    which empties tables without re-running migrations.
    """
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def _site_tree() -> dict[str, Page]:
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    created = {}
    if home is None:
        home = HomePage(title="IOM Compass", slug="home-compass", lead=HOME_LEAD, body=HOME_BODY)
        root.add_child(instance=home)
        home.save_revision().publish()
        created["home"] = home
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "IOM Compass"
            site.save()
        else:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="IOM Compass",
            )
        # Wagtail's own "Welcome to your new Wagtail site!" placeholder page.
        if old_root and old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
            home.refresh_from_db()
        if home.slug != "home":
            home.slug = "home"
            home.save_revision().publish()
        home = HomePage.objects.get(pk=home.pk)  # publishing saved a copy: reload url_path

    index, made = child_page(
        home,
        ThoughtPieceIndexPage,
        slug="thought-pieces",
        title="Thought Pieces",
        introduction=(
            "Short, referenced articles on the law, policy and practice of Integrated Offender "
            "Management. Each ends with questions to consider on your own or with your team."
        ),
    )
    if made:
        created["thought_pieces"] = index
    accessibility, made = child_page(
        home,
        StandardPage,
        slug="accessibility-statement",
        title="Accessibility statement",
        summary="This statement applies to IOM Compass.",
        body=ACCESSIBILITY_BODY,
    )
    if made:
        created["accessibility"] = accessibility
    privacy, made = child_page(
        home,
        StandardPage,
        slug="privacy-notice",
        title="Privacy notice",
        summary="What IOM Compass keeps about you, and who can see it.",
        body=PRIVACY_BODY,
    )
    if made:
        created["privacy"] = privacy
    links = FooterLinks.load()
    if links.accessibility_statement_id is None or links.privacy_notice_id is None:
        links.accessibility_statement = links.accessibility_statement or accessibility
        links.privacy_notice = links.privacy_notice or privacy
        links.save()
    return created


@transaction.atomic
def site_address_sync() -> None:
    """The default Site's hostname and port from WAGTAILADMIN_BASE_URL, the one
    setting for where the site runs: our emails' links use the setting, and
    Wagtail's own (a page's `full_url` in its moderation emails) the Site record."""
    from urllib.parse import urlsplit

    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if not address.hostname:
        return
    port = address.port or (443 if address.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (address.hostname, port):
        site.hostname, site.port = address.hostname, port
        site.save(update_fields=["hostname", "port"])


def site_tree_load(state: dict) -> dict[str, int]:
    """The demo loader for the base: runs first."""
    _wagtail_base_tree()
    roles_ensure()
    created = _site_tree()
    site_address_sync()
    state["home"] = HomePage.objects.get()
    return {"pages": len(created)}

"""Wagtail's routing answered from the shared cache (`iomsite.page_routes`, issue 15):
no query once warm, and every change a reader could see retires the routes."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from iomsite import cache_versions, page_routes
from thoughtpieces.factories import make_thought_piece
from thoughtpieces.models import ThoughtPieceIndexPage

pytestmark = pytest.mark.django_db


def _get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        _get(client, url)
    return len(captured)


@pytest.fixture
def piece(site_tree):
    made = make_thought_piece(title="Routes and restrictions")
    return Page.objects.get(pk=made.pk).specific  # as an editor's action loads it


def test_a_warm_page_asks_the_database_nothing(client, piece):
    for url in (piece.url, "/"):
        _get(client, url)
        assert _queries(client, url) == 0, url


def test_a_routable_page_is_routed_from_the_cache_too(client, piece):
    library = ThoughtPieceIndexPage.objects.get()  # its list is a RoutablePageMixin route
    _get(client, library.url)
    with CaptureQueriesContext(connection) as captured:
        assert piece.title in _get(client, library.url).content.decode()
    routing = [q["sql"] for q in captured if "wagtailcore_site" in q["sql"]]
    assert not routing


def test_a_new_title_is_served_at_once(client, piece):
    _get(client, piece.url)
    draft = piece.get_latest_revision_as_object()
    draft.title = "Routes, renamed"
    draft.save_revision().publish()
    assert "Routes, renamed" in _get(client, piece.url).content.decode()


def test_an_unpublished_page_is_gone_at_once(client, piece):
    _get(client, piece.url)
    piece.unpublish()
    _get(client, piece.url, status=404)


def test_a_moved_page_answers_at_its_new_address_only(client, piece, site_tree):
    old_url = piece.url
    _get(client, old_url)
    home = Page.objects.get(depth=2)
    piece.move(home, pos="last-child")
    piece.refresh_from_db()
    moved = client.get(old_url)  # Wagtail's redirects app sends the old address on
    assert moved.status_code in (301, 404)
    if moved.status_code == 301:
        assert moved["Location"] == piece.url
    _get(client, piece.url)


def test_a_view_restriction_applies_at_once_and_is_still_checked_per_reader(
    client, piece, practitioner
):
    _get(client, piece.url)
    restriction = PageViewRestriction.objects.create(
        page=piece.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(piece.url).status_code == 302  # to sign in
    assert client.get(piece.url).status_code == 302  # from the cache, still checked
    client.force_login(practitioner)
    _get(client, piece.url)
    client.logout()
    restriction.delete()
    _get(client, piece.url)


def test_saving_a_draft_leaves_the_routes_alone(piece):
    before = cache_versions.current(page_routes.VERSION)
    draft = piece.get_latest_revision_as_object()
    draft.title = "Only a draft"
    draft.save_revision()
    assert cache_versions.current(page_routes.VERSION) == before


def test_a_draft_title_is_not_served(client, piece):
    _get(client, piece.url)
    draft = piece.get_latest_revision_as_object()
    draft.title = "Only a draft"
    draft.save_revision()
    assert "Only a draft" not in _get(client, piece.url).content.decode()


def test_a_site_change_retires_the_routes(piece):
    before = cache_versions.current(page_routes.VERSION)
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed"
    site.save()
    assert cache_versions.current(page_routes.VERSION) != before


def test_nothing_a_reader_was_served_reaches_the_next_reader(client, piece, practitioner):
    """The route is kept before the page is served: a signed-in reader's page
    (their name in the header) fills the cache, and an anonymous reader gets
    the anonymous page from it."""
    client.force_login(practitioner)
    assert "Pat Practitioner" in _get(client, piece.url).content.decode()
    client.logout()
    assert _queries(client, piece.url) == 0  # served from what the first reader left
    assert "Pat Practitioner" not in _get(client, piece.url).content.decode()


def test_a_post_is_routed_afresh(client, piece):
    _get(client, piece.url)
    with CaptureQueriesContext(connection) as captured:
        client.post(piece.url)
    assert any("wagtailcore_page" in query["sql"] for query in captured)


def test_an_entry_left_by_an_older_deploy_is_routed_afresh(client, piece):
    request = RequestFactory().get(piece.url)
    # A pickle naming a class this deploy no longer has.
    gone = b"cgone_module\nGonePage\n."
    cache.set(page_routes._key(request), gone)
    assert piece.title in _get(client, piece.url).content.decode()
    assert cache.get(page_routes._key(request)) not in (None, gone)  # kept afresh


def test_without_a_shared_cache_entries_live_seconds_not_an_hour(settings):
    """Another process's publish cannot retire this process's entries, so they
    are kept briefly; with Redis for their full time."""
    settings.CACHE_IS_SHARED = False
    settings.UNSHARED_CACHE_SECONDS = 10
    assert cache_versions.timeout(page_routes.TIMEOUT) == 10
    settings.CACHE_IS_SHARED = True
    assert cache_versions.timeout(page_routes.TIMEOUT) == page_routes.TIMEOUT


def test_the_admins_buttons_retire_a_cached_route(client, site_tree, trainer, administrator):
    """What an administrator does in the Wagtail admin reaches a reader whose
    route was cached: approving a change from the editor, then unpublishing."""
    from django.urls import reverse

    from iomsite.home.models import StandardPage

    from .test_moderation import footer_action

    page = StandardPage.objects.get(slug="accessibility-statement")
    _get(client, page.url)  # a reader's visit fills the cache
    draft = page.get_latest_revision_as_object()
    draft.summary = "Checked with screen-reader users in November."
    draft.save_revision(user=trainer)
    page.refresh_from_db()
    page.get_workflow().start(page, trainer)
    assert "Checked with screen-reader users" not in _get(client, page.url).content.decode()

    client.force_login(administrator)
    footer_action(client, page, "approve")
    client.logout()
    assert "Checked with screen-reader users" in _get(client, page.url).content.decode()

    client.force_login(administrator)
    unpublish = reverse("wagtailadmin_pages:unpublish", args=[page.pk])
    assert client.post(unpublish).status_code == 302
    client.logout()
    _get(client, page.url, status=404)


def test_a_bump_inside_a_transaction_bumps_again_on_commit(django_capture_on_commit_callbacks):
    """A signal's bump runs before the change commits; a request in that gap
    could store the old rows under the new version, so it is bumped again."""
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            page_routes.invalidate()
            inside = cache_versions.current(page_routes.VERSION)
    assert cache_versions.current(page_routes.VERSION) != inside


def test_a_page_under_an_alias_of_a_restricted_page_stays_restricted(client, site_tree):
    """Wagtail takes an alias ancestor's restrictions from its source page."""
    from iomsite.home.models import StandardPage

    home = Page.objects.get(depth=2)
    source = home.add_child(
        instance=StandardPage(title="Restricted source", slug="source", body="<p>Source.</p>")
    )
    source.save_revision().publish()
    PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.LOGIN)
    alias = source.create_alias(update_slug="source-alias")
    child = alias.add_child(
        instance=StandardPage(title="Under the alias", slug="under", body="<p>Under.</p>")
    )
    child.save_revision().publish()
    child.refresh_from_db()
    for _ in range(2):  # routed afresh, then from the cache
        assert client.get(child.url).status_code == 302


def test_renaming_a_draft_parent_moves_its_live_childrens_addresses(
    client, site_tree, django_capture_on_commit_callbacks
):
    """The children's addresses change by QuerySet.update (no save signal);
    Wagtail's page_slug_changed retires the routes."""
    from iomsite.home.models import StandardPage

    home = Page.objects.get(depth=2)
    parent = home.add_child(
        instance=StandardPage(
            title="Draft parent", slug="draft-parent", body="<p>Parent.</p>", live=False
        )
    )
    parent.save_revision()  # never published
    child = parent.add_child(
        instance=StandardPage(title="Live child", slug="live-child", body="<p>Child.</p>")
    )
    child.save_revision().publish()
    child.refresh_from_db()
    old_url = child.url
    _get(client, old_url)
    parent = Page.objects.get(pk=parent.pk).specific
    with django_capture_on_commit_callbacks(execute=True):
        parent.slug = "renamed-parent"
        parent.save()
    child.refresh_from_db()
    assert child.url != old_url
    assert client.get(old_url).status_code in (301, 404)
    _get(client, child.url)


def test_a_course_pages_cpd_hours_follow_its_recount(client, site_tree):
    """CPD minutes are recounted by QuerySet.update after a module's steps are
    synced (no save signal, and after the publish's own bump); the course page
    a reader is routed to carries them, so the recount retires the routes."""
    from courses.factories import make_course, step
    from courses.models import ModulePage, Step
    from courses.progress import completion

    course = make_course(
        title="Hours course",
        modules=[{"title": "Only", "steps": [step("external", 60, title="First")]}],
    )
    assert "1.0 CPD hours" in _get(client, course.url).content.decode()
    Step.objects.filter(course=course).update(minutes=90)  # as a sync of new steps would
    completion._course_totals_refresh(course=course, module=ModulePage.objects.get(title="Only"))
    assert "1.5 CPD hours" in _get(client, course.url).content.decode()

"""The site chrome (footer links, index-page URLs) is cached and a publish,
an unpublish or a footer-links change is seen at once (issue 15)."""

from django.conf import settings
from django.test import RequestFactory
from wagtail.models import Page

from iomsite.context_processors import site_chrome
from iomsite.home.models import FooterLinks


def _chrome():
    request = RequestFactory().get("/")
    request.user = None
    return site_chrome(request)


def test_unpublish_and_publish_change_the_cached_navigation(site_tree):
    before = _chrome()["public_sections"]
    assert before
    first_url = before[0]["url"]
    page = next(p for p in Page.objects.live().filter(depth__gt=2) if p.url == first_url).specific
    page.unpublish()
    assert first_url not in [item["url"] for item in _chrome()["public_sections"]]
    page.save_revision().publish()
    assert first_url in [item["url"] for item in _chrome()["public_sections"]]


def test_a_footer_links_change_is_seen_at_once(site_tree):
    links = FooterLinks.load()
    links.privacy_notice = None
    links.save()
    assert not _chrome()["footer_links"].get("privacy_url")
    page = Page.objects.live().filter(depth__gt=2).first()
    links.privacy_notice = page
    links.save()
    assert _chrome()["footer_links"]["privacy_url"] == page.url


def test_a_second_render_asks_the_database_nothing_for_the_chrome(
    site_tree, django_assert_num_queries
):
    _chrome()
    with django_assert_num_queries(0):
        _chrome()


def test_database_connections_persist_by_default():
    database = settings.DATABASES["default"]
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True

"""The site's chrome: layout, error pages, strict-CSP readiness, query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iomsite.teams.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)


def assert_ready_for_a_strict_csp(response) -> None:
    """No inline script, handler, javascript: URL, <style> or style=; every <script>
    carries the nonce of this response's Content-Security-Policy header."""
    content = response.content.decode()
    assert not INLINE_SCRIPT.search(content), "inline <script> block"
    assert not EVENT_HANDLER.search(content), "inline event handler"
    assert "javascript:" not in content
    assert "<style" not in content, "inline <style> block"
    assert not STYLE_ATTRIBUTE.search(content), "style= attribute"
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    scripts = SCRIPT_TAG.findall(content)
    assert scripts
    for tag in scripts:
        assert f'nonce="{nonce}"' in tag, f"script without the nonce: {tag}"


def pages_for(client):
    return ["/", "/accessibility-statement/", "/thought-pieces/", reverse("accounts:login")]


def test_home_page_has_skip_link_brand_navigation_and_footer(client, site_tree):
    content = client.get("/").content.decode()
    assert '<a href="#main-content" class="govuk-skip-link"' in content
    assert 'id="main-content"' in content
    assert "IOM Compass" in content
    assert "govuk-phase-banner" in content
    assert 'href="/accessibility-statement/">Accessibility statement</a>' in content
    assert 'href="/privacy-notice/">Privacy notice</a>' in content
    assert 'href="/account/sign-in/"' in content


NAV_LINK = re.compile(
    r'class="govuk-service-navigation__link" href="([^"]+)"[^>]*>\s*(?:<strong[^>]*>)?([^<]+?)\s*<'
)


@pytest.fixture
def indexes(site_tree):
    """The course and quiz index pages load_demo makes with its content (site_tree
    makes only the Thought Pieces index)."""
    from courses.models import CourseIndexPage
    from iomsite.home.models import HomePage
    from quizzes.models import QuizIndexPage

    home = HomePage.objects.get()
    for model, slug, title in [
        (CourseIndexPage, "courses", "Courses"),
        (QuizIndexPage, "quizzes", "Quizzes"),
    ]:
        if not model.objects.exists():
            home.add_child(instance=model(title=title, slug=slug)).save_revision().publish()


def test_signed_in_navigation_lists_every_area_and_marks_the_current_one(
    signed_in, practitioner, indexes
):
    content = signed_in(practitioner).get("/learning/").content.decode()
    links = [(url, label) for url, label in NAV_LINK.findall(content)]
    assert links == [
        ("/learning/", "My learning"),
        ("/thought-pieces/", "Thought Pieces"),
        ("/courses/", "Courses"),
        ("/quizzes/", "Quizzes"),
        ("/journal/", "Journal"),
        ("/team/", "Team"),
        ("/glossary/", "Glossary"),
        ("/certificates/", "Check a certificate"),
    ]
    assert 'href="/learning/" aria-current="page"' in content


def test_a_visitor_finds_every_public_area_from_the_header_and_the_home_page(client, indexes):
    content = client.get("/").content.decode()
    public = [
        ("/thought-pieces/", "Thought Pieces"),
        ("/courses/", "Courses"),
        ("/quizzes/", "Quizzes"),
        ("/glossary/", "Glossary"),
        ("/certificates/", "Check a certificate"),
    ]
    assert NAV_LINK.findall(content) == public
    home_list = content.split('class="govuk-list govuk-list--spaced app-home-sections"')[1]
    for url, label in public:
        assert f'href="{url}">{label}</a>' in home_list
        assert client.get(url).status_code == 200  # open to a visitor
    assert 'href="/journal/"' not in content


def test_an_unpublished_index_is_left_out_of_the_navigation(client, indexes):
    from quizzes.models import QuizIndexPage

    QuizIndexPage.objects.get().unpublish()
    content = client.get("/glossary/").content.decode()
    assert "/quizzes/" not in content
    assert ("/glossary/", "Glossary") in NAV_LINK.findall(content)
    assert 'href="/glossary/" aria-current="page"' in content


def test_the_home_page_title_names_the_service_once(client, indexes):
    content = client.get("/").content.decode()
    assert "<title>IOM Compass</title>" in content
    assert "<title>Glossary – IOM Compass</title>" in client.get("/glossary/").content.decode()


def test_the_navigation_costs_one_query_for_the_three_index_pages(client, indexes):
    from django.test import RequestFactory

    from iomsite.context_processors import public_sections

    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as queries:
        sections = public_sections(request)
    assert len(sections) == 5
    # One for the three index pages, one for view restrictions, and the site
    # lookups Wagtail caches on the request (a served page has made them already).
    assert len([q for q in queries if 'FROM "wagtailcore_page"' in q["sql"]]) == 1
    # Filling the site-chrome cache also looks up the request's site once.
    assert len(queries) <= 5
    with CaptureQueriesContext(connection) as again:
        assert public_sections(RequestFactory().get("/")) == sections
    assert len(again) == 0, "the second request reads the shared cache"


def test_no_govuk_crown_or_gds_transport_font(client, site_tree):
    content = client.get("/").content.decode()
    assert "govuk-header__logotype" not in content
    assert "GDS Transport" not in content


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accessibility-statement/",
        "/thought-pieces/",
        "/account/sign-in/",
        "/account/password/reset/",
    ],
)
def test_pages_are_ready_for_a_strict_csp(client, site_tree, path):
    assert_ready_for_a_strict_csp(client.get(path))


@pytest.mark.parametrize("path", ["/learning/", "/journal/", "/team/", "/account/profile/"])
def test_signed_in_pages_are_ready_for_a_strict_csp(signed_in, team_lead, site_tree, path):
    assert_ready_for_a_strict_csp(signed_in(team_lead).get(path))


def test_htmx_is_loaded_and_the_csrf_header_is_set_once_on_body(client, site_tree):
    content = client.get("/").content.decode()
    assert re.search(r'<script src="[^"]*django_htmx/htmx[^"]*\.js"', content)
    token = client.cookies["csrftoken"].value
    body = re.search(r"<body[^>]*>", content).group(0)
    assert 'hx-headers=\'{"X-CSRFToken": "' in body
    assert content.count("hx-headers") == 1
    assert token  # the cookie is set for the header's token to pair with


def test_404_page_is_in_the_site_style(client, site_tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "<title>Page not found – IOM Compass</title>" in content
    assert "govuk-skip-link" in content


@pytest.mark.urls("tests.urls_boom")
def test_500_page_is_in_the_site_style(client, site_tree):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "Sorry, there is a problem with the service" in content
    assert "deliberate failure" not in content


def test_the_accessibility_statement_is_a_page_trainers_can_edit(client, site_tree):
    content = client.get("/accessibility-statement/").content.decode()
    assert '<h1 class="govuk-heading-l">Accessibility statement</h1>' in content
    assert "WCAG" in content


def test_healthcheck_answers(client, db):
    assert client.get("/healthz/").json() == {"status": "ok"}


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/", "/learning/", "/team/", "/account/profile/"])
def test_page_query_counts_do_not_grow_with_teams(signed_in, team_lead, team, site_tree, url):
    client = signed_in(team_lead)
    client.get(url)
    before = _count_queries(client, url)
    for _ in range(5):
        membership = TeamMembershipFactory(user=team_lead, is_lead=True)
        TeamMembershipFactory.create_batch(3, team=membership.team)
    client.get(url)  # joining teams moved their record stamp: warm it again (issue 15)
    after = _count_queries(client, url)
    assert after == before
    assert before <= 20  # a ceiling, so a new per-page query is a deliberate choice

"""The Content-Security-Policy as a browser enforces it: a violation fails a
journey, and the Wagtail admin works under its own policy (docs/security/csp.md)."""

import pytest

from .helpers import sign_in

pytestmark = pytest.mark.e2e


def test_a_csp_violation_is_caught_by_the_page_fixture(page):
    page.goto("/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
            const box = document.createElement("div");
            box.innerHTML = '<p style="color: red">styled</p>';
            document.body.append(box);
        }"""
    )
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.injected === undefined"), "the inline script ran"
    caught = "\n".join(page.csp_violations)
    assert "script-src-elem" in caught
    assert "style-src-attr" in caught
    page.csp_violations.clear()  # expected here; any other journey would fail


def test_the_site_own_scripts_run_under_the_csp(page):
    page.goto("/")
    # app.mjs (nonce) ran: GOV.UK Frontend marked the body; htmx (nonce) loaded.
    assert page.evaluate("() => document.body.classList.contains('govuk-frontend-supported')")
    assert page.evaluate("() => typeof window.htmx === 'object'")
    assert page.evaluate("() => htmx.config.allowEval === false")


ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/images/multiple/add/",
    "/admin/documents/",
    "/admin/workflows/list/",
    "/admin/users/",
    "/admin/reports/site-history/",
    "/admin/quizzes/import/",
]


def test_the_wagtail_admin_works_under_its_policy(page, demo):
    """Each page loads its scripts with no violation (the page fixture fails the test
    on any), StreamField and InlinePanel editing included, and the preview panel
    shows the page framed by the admin."""
    from thoughtpieces.models import ThoughtPiecePage

    piece = ThoughtPiecePage.objects.live().first()
    sign_in(page, "admin@example.org", demo)
    for url in [*ADMIN_PAGES, f"/admin/pages/{piece.get_parent().pk}/"]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert "Wagtail" in page.title(), url
    page.goto(f"/admin/pages/{piece.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-streamfield-stream-container]").count() >= 1
    page.get_by_role("button", name="Toggle preview").click()
    # Wagtail swaps in a fresh iframe for each refresh: wait for the one with the page.
    page.wait_for_function(
        """(title) => [...document.querySelectorAll("iframe.w-preview__iframe")].some(
            (frame) => frame.contentDocument?.querySelector("h1")?.textContent.includes(title)
        )""",
        arg=piece.title,
    )
    assert "gravatar" not in page.content().lower()

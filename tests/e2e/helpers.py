"""What the journeys share: signing in, and the axe-core accessibility check."""

from functools import cache

from .conftest import AXE_SOURCE, WIDTHS, watch_for_csp_violations

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def sign_in(page, email: str, password: str) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  help: {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  target: {', '.join(map(str, node['target']))}")
    return "\n".join(lines)


@cache
def _axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


def inject_axe(page) -> None:
    """axe-core into the page through the DevTools protocol: the strict CSP blocks
    the inline <script> that `add_script_tag` would insert, but not this."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())  # evaluated as a script expression


def assert_accessible(page, widths=WIDTHS) -> None:
    """Zero axe-core violations at WCAG 2.0/2.1/2.2 A and AA, at each width."""
    original = page.viewport_size
    failures = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": original["height"]})
        inject_axe(page)
        results = page.evaluate(
            """async (tags) => await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            })""",
            AXE_TAGS,
        )
        if results["violations"]:
            failures.append(f"{page.url} at {width}px:\n{format_violations(results['violations'])}")
    page.set_viewport_size(original)
    assert not failures, "axe-core found accessibility violations:\n" + "\n".join(failures)


def assert_accessible_as_served(page, browser) -> None:
    """axe on a page as the server sent it, for journeys with JavaScript off.

    A JavaScript-disabled tab cannot run axe, so the same URL is opened in a tab
    that shares its cookies and blocks the site's own scripts (the DOM stays as
    served), with the CSP enforced; axe itself is injected through the DevTools
    protocol, which the CSP does not govern.
    """
    import re

    state = page.context.storage_state()
    origin = re.match(r"https?://[^/]+", page.url).group(0)
    context = browser.new_context(base_url=origin, storage_state=state, viewport=page.viewport_size)
    violations = watch_for_csp_violations(context)
    context.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())
    try:
        twin = context.new_page()
        twin.goto(page.url)
        assert_accessible(twin)
    finally:
        context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)

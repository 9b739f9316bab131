"""What the journeys share: signing in, and the axe-core accessibility check."""

from functools import cache

from .conftest import AXE_SOURCE, WIDTHS, watch_for_csp_violations

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def sign_in(page, email: str, password: str) -> None:
    """Sign in as a person would, giving the two-factor code when asked: staff
    set up an app the first time (the code computed from the key the page's
    device holds), and enter the app's current code after that."""
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/account/two-factor/set-up/" in page.url:
        page.get_by_label("Code from your authenticator app").fill(app_code(email, confirmed=False))
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("link", name="I have saved my codes, continue").click()
        page.wait_for_load_state()
    elif "/account/two-factor/" in page.url:
        page.get_by_label("Code from your authenticator app").fill(app_code(email))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state()


def app_code(email: str, *, confirmed: bool = True) -> str:
    """The code the person's authenticator app would show now, as the phone
    would compute it from the shared key (a code is used once, so a second
    sign-in within 30 seconds takes the next one, waiting if need be)."""
    import time

    from django_otp.oath import TOTP, hotp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__email=email, confirmed=confirmed).latest("pk")
    clock = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    clock.time = time.time()
    counter = max(clock.t(), device.last_t + 1)
    if counter > clock.t() + 1:  # beyond the one step of tolerance: wait for it
        time.sleep(device.step * (counter - clock.t() - 1) + 1)
    return str(hotp(device.bin_key, counter, device.digits)).zfill(device.digits)


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

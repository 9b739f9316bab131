"""Journeys through the site in a real browser, each page checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PRACTITIONER = "practitioner@example.org"
TEAM_LEAD = "teamlead@example.org"

MARK_CONTROLS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]';
  const visible = (el) => !el.hidden && el.getClientRects().length > 0
      && getComputedStyle(el).visibility !== 'hidden'
      && el.getAttribute('tabindex') !== '-1';
  const controls = [...document.querySelectorAll(selector)].filter(visible);
  controls.forEach((el, i) => el.setAttribute('data-e2e-control', String(i)));
  return controls.map((el) => el.outerHTML.slice(0, 120));
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
      && style.outlineColor !== 'rgba(0, 0, 0, 0)' && style.outlineColor !== 'transparent';
  return {
    id: el.getAttribute('data-e2e-control'),
    html: el.outerHTML.slice(0, 120),
    visibleFocus: outline || style.boxShadow !== 'none',
  };
}"""


def tab_through(page) -> tuple[list[str], dict[str, dict]]:
    controls = page.evaluate(MARK_CONTROLS)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    reached: dict[str, dict] = {}
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["id"] is not None:
            reached[focused["id"]] = focused
    return controls, reached


def test_a_visitor_signs_in_reaches_my_learning_and_signs_out(page, demo):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("IOM Compass")
    assert_accessible(page)

    page.get_by_role("link", name="Sign in").first.click()
    expect(page).to_have_title("Sign in – IOM Compass")
    assert_accessible(page)

    page.get_by_label("Email address").fill(PRACTITIONER)
    page.get_by_label("Password").fill(demo)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/learning/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    expect(page.get_by_role("link", name="My learning")).to_have_attribute("aria-current", "page")
    assert_accessible(page)

    sign_out(page)
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    expect(page.get_by_role("link", name="My learning")).to_have_count(0)
    assert_accessible(page)


def test_the_skip_link_moves_focus_to_main_content(page, demo):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
    page.keyboard.press("Tab")
    # The next stop is inside the main content, not back in the header.
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


@pytest.mark.parametrize("path", ["/", "/account/sign-in/"])
def test_every_control_is_reachable_by_tab_with_a_visible_focus_style(page, demo, path):
    page.goto(path)
    controls, reached = tab_through(page)
    assert len(controls) >= 4
    missing = [html for i, html in enumerate(controls) if str(i) not in reached]
    assert not missing, f"not reachable with Tab: {missing}"
    invisible = [f["html"] for f in reached.values() if not f["visibleFocus"]]
    assert not invisible, f"no visible focus style: {invisible}"


def test_a_wrong_password_shows_a_focused_error_summary_linked_to_the_field(page, demo):
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(PRACTITIONER)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_title("Error: Sign in – IOM Compass")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    link = summary.get_by_role("link", name="Enter the email address and password for your account")
    expect(link).to_have_attribute("href", "#id_password")
    expect(page.locator("#id_password-error")).to_contain_text("Enter the email address")
    assert_accessible(page)

    link.click()
    expect(page.get_by_label("Password")).to_be_focused()


def test_a_team_lead_reaches_the_team_page_and_a_practitioner_is_refused(page, demo):
    sign_in(page, TEAM_LEAD, demo)
    page.get_by_role("link", name="Team", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team")
    assert_accessible(page)
    page.get_by_role("link", name="Northmoor IOM", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Northmoor IOM")
    expect(page.get_by_role("table")).to_contain_text("Priya Shah")
    assert_accessible(page)
    team_url = page.url

    page.get_by_role("link", name="Remove Dan Hughes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Are you sure you want to remove Dan Hughes?"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Remove from team").click()
    expect(page.get_by_text("Dan Hughes has been removed from Northmoor IOM.")).to_be_visible()

    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Email address").fill("nobody@example.org")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("If that address belongs to an IOM Compass account")).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="Invitations waiting")).to_contain_text(
        "n•••@example.org"
    )
    assert_accessible(page)
    sign_out(page)

    sign_in(page, PRACTITIONER, demo)
    response = page.goto(team_url)
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot see this page")
    assert_accessible(page)


def test_a_practitioner_visits_every_page_in_the_navigation_and_their_profile(page, demo):
    sign_in(page, PRACTITIONER, demo)
    for link, heading in [
        ("Thought Pieces", "Thought Pieces"),
        ("Journal", "Your journal"),
        ("Team", "Team"),
        ("My learning", "My learning"),
    ]:
        page.get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)

    page.get_by_role("link", name="Priya Shah").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    assert_accessible(page)

    page.get_by_role("link", name="Change display name").click()
    page.get_by_label("Display name").fill("")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Display name").fill("Priya K Shah")
    page.get_by_label("Police").check()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Your profile has been updated.")).to_be_visible()
    expect(page.get_by_role("definition").filter(has_text="Police")).to_be_visible()

    page.get_by_role("link", name="Change password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")
    assert_accessible(page)


def test_a_visitor_reads_the_statements_and_asks_for_a_password_reset(page, demo):
    page.goto("/")
    page.get_by_role("link", name="Accessibility statement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    assert_accessible(page)
    page.get_by_role("link", name="Privacy notice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    assert_accessible(page)

    page.goto("/account/sign-in/")
    page.get_by_role("link", name="Forgotten your password?").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill(PRACTITIONER)
    page.get_by_role("button", name="Send reset link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)

    response = page.goto("/no-such-page/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)


def test_the_accessibility_check_reports_each_violation_with_rule_target_and_help(page, demo):
    page.goto("/")
    page.evaluate(
        """() => {
          const img = document.createElement('img');
          img.src = '/static/images/compass.svg';
          img.id = 'no-alt-text';
          document.querySelector('main').append(img);
        }"""
    )
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, widths=(1280,))
    message = str(failure.value)
    assert "image-alt" in message
    assert "#no-alt-text" in message
    assert "https://dequeuniversity.com/rules/axe/" in message


def test_the_focus_check_notices_a_control_without_a_focus_style(page, demo):
    page.goto("/")
    # A constructed style sheet (CSSOM): the strict CSP blocks add_style_tag's <style>.
    page.evaluate(
        """() => {
            const sheet = new CSSStyleSheet();
            sheet.replaceSync("a:focus { outline: none !important; box-shadow: none !important; }");
            document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        }"""
    )
    _, reached = tab_through(page)
    assert any(not focused["visibleFocus"] for focused in reached.values())

"""Every demo quiz to its review page, with JavaScript (htmx) and without; axe on the way."""

import re
from collections import Counter

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, assert_accessible_as_served, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO_QUIZZES = [
    "Four types of compliance",
    "Formal or substantive compliance?",
    "Crime Control or Due Process?",
    "Missed appointments: a branching case",
]


class Journey:
    """Answers whatever question is on screen, as a learner would, by label."""

    def __init__(self, page, browser, javascript: bool):
        self.page, self.browser, self.javascript = page, browser, javascript
        self.checked_types: set[str] = set()
        self.visits: Counter = Counter()

    def go(self, locator):
        """Click, then wait until the page (or, with htmx, the question) is replaced."""
        self.page.evaluate(
            "() => (document.querySelector('#quiz-question') || document.querySelector('main'))"
            ".dataset.old = '1'"
        )
        locator.click()
        expect(self.page.locator("[data-old]")).to_have_count(0)
        self.page.wait_for_load_state()

    def check_accessible(self, kind: str):
        if kind in self.checked_types:
            return
        self.checked_types.add(kind)
        if self.javascript:
            assert_accessible(self.page)
        else:
            assert_accessible_as_served(self.page, self.browser)

    def answer_screen(self):
        region = self.page.locator("#quiz-question")
        if region.locator("input[name=choice]").count():
            kind = "branching"
            self.check_accessible(kind)
            heading = region.get_by_role("heading", level=1).inner_text()
            choices = region.locator("input[name=choice]")
            choices.nth(self.visits[heading] % choices.count()).check()
            self.visits[heading] += 1
            self.go(region.get_by_role("button", name="Choose"))
        elif region.locator("input[name^='vignette-']").count():
            kind = "classification"
            self.check_accessible(kind)
            for group in region.locator("fieldset").all():
                group.locator("input").first.check()
            self.go(region.locator("form button[type=submit]"))
        elif region.locator("textarea[name=rationale]").count():
            kind = "dilemma"
            self.check_accessible(kind)
            region.locator("input[name=option]").first.check()
            region.get_by_label("3", exact=True).check()
            region.get_by_label("Why?").fill("Consent first: the intrusion must be necessary.")
            self.go(region.get_by_role("button", name="Commit my answer"))
        elif region.locator("input[name=position]").count():
            kind = "continuum"
            self.check_accessible(kind)
            region.locator("input[name=position]").nth(3).check()
            self.go(region.get_by_role("button", name="Save my position"))
        else:
            kind = "choice"
            self.check_accessible(kind)
            region.locator("input[name=option]").first.check()
            self.go(region.locator("form button[type=submit]"))
        return kind

    def take(self, title: str) -> None:
        page = self.page
        page.goto("/quizzes/")
        page.get_by_role("link", name=title).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        self.go(page.locator("main form button[type=submit]"))
        for _ in range(60):
            if page.get_by_role("heading", name="Check your answers", exact=True).count():
                self.check_accessible("check your answers")
                self.go(page.get_by_role("button", name="Submit answers"))
                break
            onward = page.locator("#quiz-question a.govuk-button")
            if onward.count():
                self.check_accessible("feedback")
                if "How others answered" in page.content():
                    self.check_accessible("spread")
                self.go(onward)
                continue
            expect(page.locator(".app-quiz-progress")).to_contain_text("Question")
            self.answer_screen()
        else:
            raise AssertionError(f"{title}: never reached the check-your-answers page")
        expect(page.locator(".govuk-panel__title")).to_be_visible()
        assert "/review/" in page.url
        if self.javascript:
            assert_accessible(page)
        else:
            assert_accessible_as_served(page, self.browser)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without"])
def test_every_item_type_to_the_review_page(request, browser, demo, javascript):
    page = request.getfixturevalue("page" if javascript else "nojs_page")
    sign_in(page, "practitioner@example.org", demo)
    journey = Journey(page, browser, javascript=javascript)
    for title in DEMO_QUIZZES:
        journey.take(title)
    assert {
        "choice",
        "classification",
        "dilemma",
        "continuum",
        "branching",
    } <= journey.checked_types
    if javascript:
        assert "spread" in journey.checked_types  # colleagues' answers shown after committing


def test_htmx_swaps_each_question_in_place_and_moves_focus(page, demo):
    sign_in(page, "dc.hughes@example.org", demo)
    page.goto("/quizzes/")
    page.get_by_role("link", name="Four types of compliance").click()
    page.get_by_role("button", name="Start").click()
    page.evaluate("() => { window.stillTheSamePage = true; }")
    region = page.locator("#quiz-question")
    region.get_by_role("button", name="Check answer").click()  # nothing chosen
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    for group in region.locator("fieldset").all():  # the first item sorts twelve cases
        group.locator("input").first.check()
    region.locator("form button[type=submit]").click()
    expect(region.locator(".app-quiz-result")).to_be_visible()
    page.locator("#quiz-question a.govuk-button").click()
    expect(page).to_have_url(re.compile(r"/questions/2/$"))
    expect(page.locator("[data-swap-focus]")).to_be_focused()
    assert page.evaluate("() => window.stillTheSamePage === true")
    expect(page).to_have_title("Question 2 of 3 – Four types of compliance – IOM Compass")
    page.go_back()
    expect(page.locator(".app-quiz-progress")).to_contain_text("Question 1 of 3")


def test_leaving_mid_quiz_and_coming_back_resumes(nojs_page, demo):
    page = nojs_page
    sign_in(page, "m.osei@example.org", demo)
    page.goto("/quizzes/")
    page.get_by_role("link", name="Formal or substantive compliance?").click()
    page.get_by_role("button", name="Start").click()
    region = page.locator("#quiz-question")
    for group in region.locator("fieldset").all():
        group.locator("input").last.check()
    region.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".app-quiz-progress")).to_contain_text("Question 2 of 2")
    page.goto("/quizzes/")
    page.get_by_role("link", name="Formal or substantive compliance?").click()
    expect(page.get_by_text("You have an attempt in progress")).to_be_visible()
    page.get_by_role("button", name="Continue where you left off").click()
    expect(page.locator(".app-quiz-progress")).to_contain_text("Question 2 of 2")
    page.get_by_role("link", name="Previous question").click()
    expect(page.locator(".app-quiz-progress")).to_contain_text("Question 1 of 2")
    groups = page.locator("#quiz-question fieldset").count()  # the order is shuffled
    assert groups >= 1
    expect(page.locator("#quiz-question input:checked")).to_have_count(groups)


def test_a_dilemma_by_keyboard_alone(page, demo):
    sign_in(page, "practitioner@example.org", demo)  # colleagues have answered; she has not
    page.goto("/quizzes/")
    page.get_by_role("link", name="Crime Control or Due Process?").click()
    page.get_by_role("button", name="Start now").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".app-quiz-progress")).to_contain_text("Question 1 of 5")

    def tab_to(selector: str) -> None:
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("input[name=option]")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # radios in a group: arrows move and select
    tab_to("input[name=confidence]")
    page.keyboard.press("Space")
    tab_to("textarea[name=rationale]")
    page.keyboard.type("Typed without a mouse: ask first, then decide.")
    tab_to("button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Ways of reading this case")).to_be_visible()
    expect(page.get_by_text("Typed without a mouse")).to_be_visible()
    tab_to("a.govuk-button")
    page.keyboard.press("Enter")
    expect(page.locator(".app-quiz-progress")).to_contain_text("Question 2 of 5")

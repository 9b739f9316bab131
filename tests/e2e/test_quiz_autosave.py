"""A trainer builds a new quiz while Wagtail autosaves, and clicks "Save draft"
before the autosave's answer has come back: one page, no "slug already in use".

The autosave reaches the server (which creates the page) but its answer is held
back in the browser, as on a slow connection, until "Save draft" has been sent;
so the server sees the two one after the other (the test database, an in-memory
SQLite, cannot take two page writes at once) and the form still points at the
create view when "Save draft" is clicked, which is what went wrong."""

import pytest
from playwright.sync_api import expect

from .helpers import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_save_draft_before_the_autosave_answers_keeps_one_quiz(page, demo):
    from quizzes.models import QuizIndexPage, QuizPage

    sign_in(page, "trainer@example.org", demo)
    before = set(QuizPage.objects.values_list("pk", flat=True))
    held = []

    def hold_autosave_answers(route):
        request = route.request
        if request.method == "POST" and "application/json" in request.headers.get("accept", ""):
            held.append((route, route.fetch()))  # the server has answered; the page waits
        else:
            route.continue_()

    page.route("**/admin/pages/add/**", hold_autosave_answers)
    page.goto(f"/admin/pages/add/quizzes/quizpage/{QuizIndexPage.objects.get().pk}/")
    assert page.locator("input[name=compass-creation-token]").count() == 1
    page.wait_for_timeout(3000)  # Wagtail takes the form's starting state after a moment
    page.locator("#id_title").fill("Built while autosaving")
    page.locator("#id_introduction").fill("What the quiz practises.")
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "Wagtail never autosaved"
    assert QuizPage.objects.exclude(pk__in=before).count() == 1  # the autosave created it
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    created = list(QuizPage.objects.exclude(pk__in=before))
    assert [quiz.slug for quiz in created] == ["built-while-autosaving"]
    expect(page).to_have_url(f"{page.url.split('/admin/')[0]}/admin/pages/{created[0].pk}/edit/")
    expect(page.locator(".messages")).to_contain_text("has been updated")
    expect(page.get_by_text("already in use")).to_have_count(0)
    for route, _ in held:
        try:
            route.abort()
        except Exception:  # the page that sent it has gone
            pass

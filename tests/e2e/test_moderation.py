"""Moderation through the admin in a real browser: an administrator approves a
trainer's submission from the editor's footer and from the dashboard, approves
with a comment, and asks for changes; what is approved answers to a visitor.

One demo load for all the journeys (loading it is most of the cost)."""

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _submitted_piece(title: str, reference: str):
    """A new Thought Piece a trainer has submitted for review (never live)."""
    from django.contrib.auth import get_user_model

    from thoughtpieces.factories import parsed_piece
    from thoughtpieces.models import ThoughtPieceIndexPage
    from thoughtpieces.services import thought_piece_import

    trainer = get_user_model().objects.get(email="trainer@example.org")
    page = thought_piece_import(
        parsed=parsed_piece(title=title, reference=reference),
        parent=ThoughtPieceIndexPage.objects.get(),
        user=trainer,
    ).page
    page = type(page).objects.get(pk=page.pk)
    page.get_workflow().start(page, trainer)
    return page


def _submitted_quiz(title: str):
    """A new quiz a trainer has imported and submitted (never live)."""
    import yaml
    from django.contrib.auth import get_user_model

    from quizzes.exchange import FORMAT, quiz_import
    from quizzes.factories import quiz_index, single_choice

    trainer = get_user_model().objects.get(email="trainer@example.org")
    text = yaml.safe_dump({"format": FORMAT, "title": title, "items": [single_choice()]})
    page = quiz_import(text=text, parent=quiz_index(), user=trainer)
    page = type(page).objects.get(pk=page.pk)
    assert not page.live
    page.get_workflow().start(page, trainer)
    return page


def _submitted_module(title: str):
    """A new module in a demo course, added and submitted by a trainer."""
    import json

    from django.contrib.auth import get_user_model
    from django.utils.text import slugify

    from courses.factories import step
    from courses.models import CoursePage, ModulePage

    trainer = get_user_model().objects.get(email="trainer@example.org")
    course = CoursePage.objects.live().order_by("pk").first()
    module = ModulePage(
        title=title,
        slug=slugify(title),
        live=False,
        steps=json.dumps(
            [step("external", 30, title="Meet the housing officer", marked_done_by="learner")]
        ),
    )
    course.add_child(instance=module)
    module.save_revision(user=trainer, log_action=True)
    module = ModulePage.objects.get(pk=module.pk)
    module.get_workflow().start(module, trainer)
    return module


def _submitted_change_to_statement(summary: str):
    """A change to the live accessibility statement, submitted by a trainer."""
    from django.contrib.auth import get_user_model

    from iomsite.home.models import StandardPage

    trainer = get_user_model().objects.get(email="trainer@example.org")
    page = StandardPage.objects.get(slug="accessibility-statement")
    draft = page.get_latest_revision_as_object()
    draft.summary = summary
    draft.save_revision(user=trainer)
    page.refresh_from_db()
    page.get_workflow().start(page, trainer)
    return page


def _submitted_change_to_live(pages, title_suffix: str):
    """A trainer's retitling of the first live demo page in `pages`, submitted for review."""
    from django.contrib.auth import get_user_model

    trainer = get_user_model().objects.get(email="trainer@example.org")
    live = pages.live().order_by("pk").first()
    draft = live.get_latest_revision_as_object()
    draft.title = f"{live.title} {title_suffix}"
    draft.save_revision(user=trainer)
    live = type(live).objects.get(pk=live.pk)
    live.get_workflow().start(live, trainer)
    return live, draft.title


def _footer_action(page, label: str) -> None:
    footer = page.locator("footer")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name=label, exact=True).click()


def _visitor_sees(browser, live_server, url: str, text: str, as_learner=None) -> None:
    context = browser.new_context(base_url=live_server.url)
    visitor = context.new_page()
    if as_learner:
        sign_in(visitor, "practitioner@example.org", as_learner)
    response = visitor.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    expect(visitor.locator("main")).to_contain_text(text)
    assert_accessible(visitor)
    context.close()


def test_approving_from_the_editor_and_the_dashboard_publishes(page, browser, live_server, demo):
    from wagtail.models import WorkflowState

    from iomsite.home.models import StandardPage
    from thoughtpieces.models import ThoughtPiecePage

    from_editor = _submitted_piece("Consent and the voluntary case", "TEST/TP/81")
    from_dashboard = _submitted_piece("Information sharing in practice", "TEST/TP/82")
    sent_back = _submitted_piece("Curfews and proportionality", "TEST/TP/83")
    _submitted_piece("Sharing a case with drug services", "TEST/TP/85")  # from the dashboard
    _submitted_piece("Night-time economy and IOM", "TEST/TP/86")  # sent back from there
    corrected = _submitted_piece("Desistance and the lead professional", "TEST/TP/84")
    statement = _submitted_change_to_statement("Reviewed again after the moderation fix.")

    quiz = _submitted_quiz("Compliance in a curfew case")
    module = _submitted_module("Working with housing providers")

    sign_in(page, "admin@example.org", demo)

    # A new quiz and a new course module, from the editor's footer.
    for new, label in ((quiz, "Approve and Publish"), (module, "Approve and Publish")):
        page.goto(f"/admin/pages/{new.pk}/edit/")
        _footer_action(page, label)
        expect(page.locator(".messages")).to_contain_text(new.title)
        published = type(new).objects.get(pk=new.pk)
        assert published.live and not published.has_unpublished_changes, new.title
    _visitor_sees(browser, live_server, quiz.url, "Compliance in a curfew case")
    _visitor_sees(browser, live_server, module.url, "Meet the housing officer", as_learner=demo)

    # A new page, from the editor's footer.
    page.goto(f"/admin/pages/{from_editor.pk}/edit/")
    _footer_action(page, "Approve and Publish")
    expect(page.locator(".messages")).to_contain_text("Consent and the voluntary case")
    from_editor = ThoughtPiecePage.objects.get(pk=from_editor.pk)
    assert from_editor.live and not from_editor.has_unpublished_changes
    _visitor_sees(browser, live_server, from_editor.url, "Consent and the voluntary case")

    # The administrator corrects a word and approves at once (what goes live is the
    # corrected text, and it does go live).
    page.goto(f"/admin/pages/{corrected.pk}/edit/")
    page.locator("#id_title").fill("Desistance and the lead practitioner")
    _footer_action(page, "Approve and Publish")
    expect(page.locator(".messages")).to_contain_text("Desistance and the lead practitioner")
    page.wait_for_timeout(1500)  # let anything the editor still had in flight land
    corrected = ThoughtPiecePage.objects.get(pk=corrected.pk)
    assert corrected.live and corrected.title == "Desistance and the lead practitioner"
    assert not corrected.has_unpublished_changes
    _visitor_sees(browser, live_server, corrected.url, "Desistance and the lead practitioner")

    # A change to a live page, approved with a comment (the modal) from the editor.
    page.goto(f"/admin/pages/{statement.pk}/edit/")
    _footer_action(page, "Approve with comment and Publish")
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Comment").fill("Thanks, reads well.")
    dialog.get_by_role("button", name="Approve with comment").click()
    expect(page.locator(".messages")).to_be_visible()
    statement = StandardPage.objects.get(pk=statement.pk)
    assert statement.live and not statement.has_unpublished_changes
    assert statement.summary == "Reviewed again after the moderation fix."
    _visitor_sees(browser, live_server, statement.url, "Reviewed again after the moderation fix.")

    # Request changes from the editor: stays offline, back with the trainer.
    page.goto(f"/admin/pages/{sent_back.pk}/edit/")
    _footer_action(page, "Request changes")
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Comment").fill("Please add a question on Article 8.")
    dialog.get_by_role("button", name="Request changes").click()
    expect(page.locator(".messages")).to_be_visible()
    sent_back = ThoughtPiecePage.objects.get(pk=sent_back.pk)
    assert not sent_back.live
    state = WorkflowState.objects.filter(object_id=str(sent_back.pk)).latest("pk")
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    # A new page, from the dashboard's "Awaiting your review" panel.
    page.goto("/admin/")
    row = page.locator("tr", has_text="Information sharing in practice")
    row.get_by_role("button", name="Actions").click()
    with page.expect_navigation():
        row.get_by_role("button", name="Approve", exact=True).click()
    from_dashboard = ThoughtPiecePage.objects.get(pk=from_dashboard.pk)
    assert from_dashboard.live
    _visitor_sees(browser, live_server, from_dashboard.url, "Information sharing in practice")

    # Changes to a live Thought Piece, quiz and course module, each approved from
    # the editor's footer: the new title goes live and the page stays live.
    from courses.models import CoursePage, ModulePage
    from quizzes.models import QuizPage

    course = CoursePage.objects.live().order_by("pk").first()
    for model in (ThoughtPiecePage, QuizPage, ModulePage):
        pages = ModulePage.objects.child_of(course) if model is ModulePage else model.objects
        changed, title = _submitted_change_to_live(pages.all(), "(revised)")
        page.goto(f"/admin/pages/{changed.pk}/edit/")
        _footer_action(page, "Approve and Publish")
        expect(page.locator(".messages")).to_contain_text(title)
        published = model.objects.get(pk=changed.pk)
        assert published.live and published.title == title, title
        assert not published.has_unpublished_changes
        _visitor_sees(
            browser,
            live_server,
            published.url,
            title,
            as_learner=demo if model is ModulePage else None,
        )

    # From the dashboard too: approve with a comment, and request changes (each asks
    # for its comment in a dialog).
    for title, label, goes_live in (
        ("Sharing a case with drug services", "Approve with comment", True),
        ("Night-time economy and IOM", "Request changes", False),
    ):
        page.goto("/admin/")
        row = page.locator("tr", has_text=title)
        row.get_by_role("button", name="Actions").click()
        row.get_by_role("button", name=label, exact=True).click()
        dialog = page.get_by_role("dialog")
        dialog.get_by_label("Comment").fill("From the dashboard.")
        with page.expect_navigation():
            dialog.get_by_role("button", name=label).click()
        reviewed = ThoughtPiecePage.objects.get(title=title)
        assert reviewed.live is goes_live, title
        if goes_live:
            _visitor_sees(browser, live_server, reviewed.url, title)
        else:
            state = WorkflowState.objects.filter(object_id=str(reviewed.pk)).latest("pk")
            assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

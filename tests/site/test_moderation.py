"""Moderation through the page editor's own form (no browser): what the footer's
workflow buttons post, for a new page and for a change to a live page.

The editor's form is read from the edit page the administrator is shown, so the
test posts what a browser would (the footer's JavaScript adds the two
`action-workflow-action` / `workflow-action-name` fields, and for a modal action
`workflow-action-extra-data`). The browser journeys are in
tests/e2e/test_moderation.py.

Issue 13 reported that *Approve and Publish* in the editor left a new page
offline while the log showed an approval and a publish. Neither these posts
nor the browser journeys (new Thought Piece, quiz, course module; a change to
the live accessibility statement; a correction typed just before approving)
reproduce it on this code: each page is live, at its latest revision, and
answers to a visitor. The project has no workflow hook, signal or custom task
that could undo a publish. One shape that would match the report, not shown
here (a throw-away browser run that typed a correction 350, 450, 520 and
600 ms before approving, around Wagtail's 500 ms autosave interval, published
every time and made no autosave revision): an editor request already in
flight (an autosave of the not-yet-live page, which Wagtail saves with
`form.save(commit=True)` from the copy it loaded) landing after the approval
and writing `live=False` back. That race is now reproduced and closed
by iomsite/editing/publication.py (tests/site/test_publication_guard.py)."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from iomsite.home.models import StandardPage

pytestmark = pytest.mark.django_db


def editor_form(html: str) -> dict[str, str]:
    """The fields of the page editor's form as the browser would submit them
    (submit buttons left out: the test names its own action)."""
    form = BeautifulSoup(html, "html.parser").find("form", attrs={"data-edit-form": True})
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name:
            continue
        if field.name == "textarea":
            data[name] = field.text.removeprefix("\n")
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", chosen.text) if chosen else ""
        else:
            kind = field.get("type", "text")
            if kind in ("submit", "button", "file"):
                continue
            if kind in ("checkbox", "radio") and not field.has_attr("checked"):
                continue
            data[name] = field.get("value", "on" if kind == "checkbox" else "")
    return data


def footer_action(client, page, action: str, comment: str | None = None, **changes):
    """Open the editor and choose a workflow action from its footer."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    shown = client.get(url)
    assert shown.status_code == 200
    data = editor_form(shown.content.decode())
    data.update(changes)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = action
    if comment is not None:
        data["workflow-action-extra-data"] = json.dumps({"comment": comment})
    return client.post(url, data)


@pytest.fixture
def changed_live_page(site_tree, trainer):
    """The live accessibility statement with a trainer's change submitted."""
    page = StandardPage.objects.get(slug="accessibility-statement")
    assert page.live
    draft = page.get_latest_revision_as_object()
    draft.summary = "We reviewed this statement with screen-reader users."
    draft.save_revision(user=trainer)
    page.refresh_from_db()
    page.get_workflow().start(page, trainer)
    return page


def _state(page):
    return WorkflowState.objects.filter(object_id=str(page.pk)).latest("pk")


@pytest.mark.parametrize("comment", [None, "Reads well."])
def test_approving_a_new_page_from_the_editor_publishes_it(
    client, new_page, administrator, comment
):
    client.force_login(administrator)
    response = footer_action(client, new_page, "approve", comment=comment)
    assert response.status_code == 302
    page = StandardPage.objects.get(pk=new_page.pk)
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision_id == page.latest_revision_id
    assert _state(page).status == WorkflowState.STATUS_APPROVED
    actions = list(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert "wagtail.workflow.approve" in actions and "wagtail.publish" in actions
    client.logout()
    visit = client.get(page.url)
    assert visit.status_code == 200
    assert "How IOM teams and housing officers share a case." in visit.content.decode()


def test_the_approvers_own_edits_are_what_goes_live(client, new_page, administrator):
    client.force_login(administrator)
    footer_action(client, new_page, "approve", summary="Corrected by the administrator.")
    page = StandardPage.objects.get(pk=new_page.pk)
    assert page.live and page.summary == "Corrected by the administrator."
    client.logout()
    assert "Corrected by the administrator." in client.get(page.url).content.decode()


@pytest.mark.parametrize("comment", [None, "Thanks."])
def test_approving_a_change_to_a_live_page_from_the_editor_publishes_the_change(
    client, changed_live_page, administrator, comment
):
    client.force_login(administrator)
    footer_action(client, changed_live_page, "approve", comment=comment)
    page = StandardPage.objects.get(pk=changed_live_page.pk)
    assert page.live and not page.has_unpublished_changes
    assert page.summary == "We reviewed this statement with screen-reader users."
    client.logout()
    assert "screen-reader users" in client.get(page.url).content.decode()


def test_requesting_changes_from_the_editor_leaves_the_page_as_it_was(
    client, new_page, changed_live_page, administrator
):
    client.force_login(administrator)
    footer_action(client, new_page, "reject", comment="Add a source, please.")
    footer_action(client, changed_live_page, "reject", comment="Not yet.")
    assert not StandardPage.objects.get(pk=new_page.pk).live
    live = StandardPage.objects.get(pk=changed_live_page.pk)
    assert live.live and live.summary != "We reviewed this statement with screen-reader users."
    assert _state(new_page).status == WorkflowState.STATUS_NEEDS_CHANGES
    assert _state(changed_live_page).status == WorkflowState.STATUS_NEEDS_CHANGES


def test_approving_from_the_dashboard_publishes_too(client, new_page, administrator):
    """The dashboard's panel posts to Wagtail's separate workflow-action view."""
    client.force_login(administrator)
    task_state = _state(new_page).current_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[new_page.pk, "approve", task_state.pk]
    )
    assert client.post(url, {"comment": "From the dashboard."}).status_code in (200, 302)
    assert StandardPage.objects.get(pk=new_page.pk).live


def test_a_trainer_is_offered_no_approval_in_the_editor(client, new_page, trainer):
    client.force_login(trainer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[new_page.pk])).content.decode()
    assert 'data-workflow-action-name="approve"' not in html
    footer_action(client, new_page, "approve")
    assert not StandardPage.objects.get(pk=new_page.pk).live

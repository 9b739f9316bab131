"""A save that loaded a page before it was published cannot take it offline
(iomsite/editing/publication.py): the shape that matches issue 13's report of
*Approve and Publish* leaving a new page offline while the log showed the
approval and the publish. The editor's autosave of a not-yet-live page writes
the whole row it loaded; here that request is made to land after the approval."""

import pytest
from django.urls import reverse
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.models import Page

from iomsite.home.models import StandardPage

from .test_moderation import editor_form

pytestmark = pytest.mark.django_db


def _approve(page_pk, user):
    """The moderator's approval, committed by another request."""
    page = Page.objects.get(pk=page_pk).specific
    page.current_workflow_task.on_action(page.current_workflow_task_state, user, "approve")


def test_a_stale_whole_row_save_after_publishing_keeps_the_page_live(new_page, administrator):
    stale = StandardPage.objects.get(pk=new_page.pk)
    assert not stale.live
    _approve(new_page.pk, administrator)

    stale.summary = "Typed by the second tab."
    stale.save()

    page = StandardPage.objects.get(pk=new_page.pk)
    assert page.live and page.live_revision_id
    assert page.summary == "How IOM teams and housing officers share a case."  # the approved words


def test_unpublishing_still_takes_a_page_offline(new_page, administrator):
    _approve(new_page.pk, administrator)
    page = StandardPage.objects.get(pk=new_page.pk)
    page.unpublish(user=administrator)
    assert not StandardPage.objects.get(pk=new_page.pk).live
    page.save_revision(user=administrator)  # a draft of an offline page saves as before
    assert not StandardPage.objects.get(pk=new_page.pk).live


def test_an_autosave_landing_after_approve_and_publish_leaves_the_page_live(
    client, new_page, administrator, monkeypatch
):
    """The editor's autosave request loaded the page while it was offline; the
    approval commits before the autosave writes the row back."""
    client.force_login(administrator)
    url = reverse("wagtailadmin_pages:edit", args=[new_page.pk])
    data = editor_form(client.get(url).content.decode())
    data["summary"] = "A correction typed while approving."

    original_save = WagtailAdminPageForm.save

    def save_after_approval(form, *args, **kwargs):
        monkeypatch.setattr(WagtailAdminPageForm, "save", original_save)
        _approve(new_page.pk, administrator)
        return original_save(form, *args, **kwargs)

    monkeypatch.setattr(WagtailAdminPageForm, "save", save_after_approval)
    response = client.post(url, data, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["success"]

    page = StandardPage.objects.get(pk=new_page.pk)
    assert page.live and page.live_revision_id
    assert page.summary == "How IOM teams and housing officers share a case."
    # The correction is not lost: it is the newest draft, awaiting publication.
    assert page.get_latest_revision_as_object().summary == "A correction typed while approving."
    assert client.get(page.url).status_code == 200


def test_without_the_guard_the_same_race_takes_the_page_offline(new_page, administrator):
    """The test above fails for the reason it names: with the guard disconnected
    the stale save writes live=False back."""
    from django.db.models.signals import pre_save

    from iomsite.editing import publication

    stale = StandardPage.objects.get(pk=new_page.pk)
    _approve(new_page.pk, administrator)
    pre_save.disconnect(
        publication.keep_publication,
        sender=StandardPage,
        dispatch_uid="compass-keep-home.StandardPage",
    )
    try:
        stale.save()
    finally:
        publication.connect()
    assert not StandardPage.objects.get(pk=new_page.pk).live

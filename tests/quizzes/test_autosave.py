"""A trainer building a new quiz while Wagtail autosaves: one page, never a slug error.

The posts are the ones the editor's JavaScript sends: the autosave posts the
create form with `Accept: application/json`; "Save draft" posts the same form
normally. The browser journey (tests/e2e/test_quiz_autosave.py) races them for real.
"""

import json

import pytest
from wagtail.models import Page

from quizzes.factories import quiz_index
from quizzes.models import QuizPage

from .test_branching import _editor_post

pytestmark = pytest.mark.django_db

TOKEN = "0123456789abcdef0123456789abcdef"
AUTOSAVE = {"HTTP_ACCEPT": "application/json"}
SCENARIO = [("start", "Start", ["end"]), ("end", "End", [], True)]


def _form(token=TOKEN, **changes):
    data = _editor_post(SCENARIO, {})
    if token:
        data["compass-creation-token"] = token
    data.update(changes)
    return data


@pytest.fixture
def add_url(site_tree):
    return f"/admin/pages/add/quizzes/quizpage/{quiz_index().pk}/"


def test_save_draft_after_an_autosave_it_overtook_edits_the_autosaved_page(
    client, trainer, add_url
):
    client.force_login(trainer)
    autosaved = client.post(add_url, _form(), **AUTOSAVE)
    assert autosaved.status_code == 200
    data = json.loads(autosaved.content)
    quiz = QuizPage.objects.get()
    assert data["success"] and data["pk"] == quiz.pk
    # "Save draft" was sent from the create form before that answer arrived.
    saved = client.post(add_url, _form(introduction="Typed since."))
    assert saved.status_code == 302
    assert saved["Location"] == f"/admin/pages/{quiz.pk}/edit/"
    assert QuizPage.objects.count() == 1
    assert QuizPage.objects.get().get_latest_revision_as_object().introduction == "Typed since."
    page = client.get(saved["Location"]).content.decode()
    assert "already in use" not in page


def test_an_autosave_after_save_draft_moves_the_form_to_the_edit_view(client, trainer, add_url):
    client.force_login(trainer)
    assert client.post(add_url, _form()).status_code == 302
    quiz = QuizPage.objects.get()
    late = client.post(add_url, _form(introduction="Later."), **AUTOSAVE)
    data = json.loads(late.content)
    assert late.status_code == 200 and data["success"]
    assert data["url"] == f"/admin/pages/{quiz.pk}/edit/"
    assert data["hydrate_url"] == f"/admin/pages/{quiz.pk}/edit/?_w_hydrate_create_view=1"
    assert QuizPage.objects.count() == 1
    # The next autosave goes where the answer pointed, overwriting its own revision.
    again = client.post(
        data["url"],
        _form(introduction="Later still.", overwrite_revision_id=str(data["revision_id"])),
        **AUTOSAVE,
    )
    assert json.loads(again.content)["success"]
    assert quiz.revisions.count() == 2
    assert QuizPage.objects.get().get_latest_revision_as_object().introduction == "Later still."


def test_publishing_from_the_create_form_publishes_the_autosaved_page(
    client, administrator, add_url
):
    client.force_login(administrator)
    client.post(add_url, _form(), **AUTOSAVE)
    published = client.post(add_url, _form(**{"action-publish": "publish"}))
    assert published.status_code == 302
    quiz = QuizPage.objects.get()
    assert quiz.live


def test_a_different_new_page_with_the_same_slug_is_still_refused(client, trainer, add_url):
    client.force_login(trainer)
    client.post(add_url, _form())
    other = client.post(add_url, _form(token="f" * 32))
    assert other.status_code == 200
    assert "already in use" in other.content.decode()
    no_javascript = client.post(add_url, _form(token=None))
    assert "already in use" in no_javascript.content.decode()
    assert QuizPage.objects.count() == 1


def test_another_persons_token_creates_nothing_of_theirs(client, trainer, administrator, add_url):
    client.force_login(trainer)
    client.post(add_url, _form(), **AUTOSAVE)
    client.force_login(administrator)
    theirs = client.post(add_url, _form(introduction="Not yours."))
    assert "already in use" in theirs.content.decode()
    assert QuizPage.objects.get().get_latest_revision_as_object().introduction == ""


def test_a_malformed_token_is_ignored(client, trainer, add_url):
    client.force_login(trainer)
    assert client.post(add_url, _form(token="<script>")).status_code == 302
    assert Page.objects.type(QuizPage).count() == 1

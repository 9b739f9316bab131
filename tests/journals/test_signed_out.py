"""An expired session loses nothing: a journal save, a new entry, a comment or a
quiz answer posted after the session ended is kept, and offered again once the
person signs in, to them alone, through the normal view (iomsite.accounts.pending).
"""

import html
import io
import logging
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from iomsite.accounts.factories import TEST_PASSWORD, UserFactory
from iomsite.accounts.models import PendingSubmission
from iomsite.teams.factories import TeamMembershipFactory
from journals import services
from journals.models import Comment, JournalEntry
from quizzes import services as quiz_services
from quizzes.factories import dilemma, make_quiz
from quizzes.models import QuizAnswer
from quizzes.selectors import quiz_compiled

pytestmark = pytest.mark.django_db

TEXT = "After the case conference I realised\n\nthat I had not asked about housing."


def _sign_in(client, user, next_url=""):
    """Through the sign-in form, as a person does (so the owner cookie is set);
    staff then enter the code from their authenticator app, and `next` (the
    kept page) must survive that step."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from iomsite.accounts.two_factor import two_factor_owed

    device = None
    if two_factor_owed(user):
        device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    response = client.post(
        "/account/sign-in/",
        {"username": user.email, "password": TEST_PASSWORD, "next": next_url},
    )
    if device is None:
        return response
    assert response["Location"].startswith("/account/two-factor/")
    code = str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift))
    response = client.post("/account/two-factor/", {"code": code.zfill(6), "next": next_url})
    assert response["Location"] == (next_url or "/learning/")
    return response


def _expire(client):
    """The session ends (its cookie is gone, as when it times out)."""
    del client.cookies[settings.SESSION_COOKIE_NAME]


def _kept_forms(page: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(action, [(name, value)]) of each "Save it now" form on the kept page."""
    forms = []
    for action, inner in re.findall(
        r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', page, re.S
    ):
        if "Save it now" not in inner:
            continue
        fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', inner)
        forms.append((html.unescape(action), [(n, html.unescape(v)) for n, v in fields]))
    return forms


def _post_kept(client, form):
    action, fields = form
    data = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return client.post(action, data)


def test_a_no_javascript_save_after_the_session_ended_is_kept_and_saved(
    client, entry, practitioner, caplog
):
    caplog.set_level(logging.DEBUG)
    _sign_in(client, practitioner)
    url = f"/journal/entries/{entry.pk}/"
    client.get(url)
    _expire(client)
    response = client.post(url, {"body": TEXT, "revision": entry.revision, "action": "save"})
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/account/kept/"
    entry.refresh_from_db()
    assert "housing" not in entry.body  # not saved while signed out ...
    kept = PendingSubmission.objects.get()  # ... but kept, with no account on it
    assert kept.data["body"] == [TEXT] and "csrfmiddlewaretoken" not in kept.data
    assert "housing" not in str(kept)
    sign_in_page = client.get(response["Location"]).content.decode()
    assert "It is kept for you" in sign_in_page
    signed_in = _sign_in(client, practitioner, "/account/kept/")
    assert signed_in["Location"] == "/account/kept/"
    page = client.get("/account/kept/").content.decode()
    assert "You were signed out before this was saved" in page
    assert "that I had not asked about housing." in page
    [form] = _kept_forms(page)
    assert form[0] == url
    saved = _post_kept(client, form)
    assert saved.status_code == 302 and saved["Location"] == url
    entry.refresh_from_db()
    assert entry.body == TEXT and entry.revision == 2
    assert not PendingSubmission.objects.exists()
    assert client.get("/account/kept/")["Location"] == "/learning/"
    assert not any("housing" in record.getMessage() for record in caplog.records)


def test_a_dilemma_answer_after_the_session_ended_is_kept(client, practitioner, site_tree):
    quiz = make_quiz(title="Stop or search", items=[dilemma()])
    attempt = quiz_services.attempt_start(user=practitioner, quiz=quiz)
    item = quiz_compiled(revision_id=attempt.revision_id).items[0]
    url = f"{quiz.url}attempts/{attempt.pk}/questions/1/"
    _sign_in(client, practitioner)
    client.get(url)
    _expire(client)
    answer = {"option": item.options[1].id, "confidence": "4", "rationale": "Due process first."}
    response = client.post(url, answer)
    assert response["Location"] == "/account/sign-in/?next=/account/kept/"
    assert not QuizAnswer.objects.exists()
    _sign_in(client, practitioner, "/account/kept/")
    page = client.get("/account/kept/").content.decode()
    assert "An answer in a quiz" in page and "Due process first." in page
    [form] = _kept_forms(page)
    assert form[0] == url
    assert _post_kept(client, form).status_code == 302
    saved = QuizAnswer.objects.get(attempt=attempt)
    assert saved.response["rationale"] == "Due process first."
    assert saved.response["option"] == item.options[1].id
    assert not PendingSubmission.objects.exists()


def test_an_htmx_answer_after_the_session_ended_gets_a_401_and_is_kept(
    client, practitioner, site_tree
):
    quiz = make_quiz(title="Stop or search", items=[dilemma()])
    attempt = quiz_services.attempt_start(user=practitioner, quiz=quiz)
    item = quiz_compiled(revision_id=attempt.revision_id).items[0]
    url = f"{quiz.url}attempts/{attempt.pk}/questions/1/"
    answer = {"option": item.options[0].id, "confidence": "2", "rationale": "Ask first."}
    response = client.post(url, answer, headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response["HX-Redirect"] == "/account/sign-in/?next=/account/kept/"
    assert "It is kept for you" in response.content.decode()
    assert PendingSubmission.objects.get().data["rationale"] == ["Ask first."]


def test_a_new_entry_and_a_comment_after_the_session_ended_are_kept(
    client, entry, practitioner, team, team_lead
):
    TeamMembershipFactory(team=team, user=practitioner)
    services.journal_entry_share(entry=entry, author=practitioner, team=team)
    client.post("/journal/new/", {"title": "Free-standing", "client_key": ""})
    comment_url = f"/journal/teams/{team.pk}/entries/{entry.pk}/comments/"
    client.post(comment_url, {"body": "Ask the GP too."})
    assert PendingSubmission.objects.count() == 2
    _sign_in(client, team_lead, "/account/kept/")
    page = client.get("/account/kept/").content.decode()
    assert "A new journal entry" in page and "A comment" in page
    new, comment = _kept_forms(page)
    _post_kept(client, comment)
    assert Comment.objects.get().body == "Ask the GP too."
    _post_kept(client, comment)  # the same kept form again: still one comment
    assert Comment.objects.count() == 1
    assert PendingSubmission.objects.count() == 1
    discard = client.post("/account/kept/", {"kept_submission": dict(new[1])["kept_submission"]})
    assert discard.status_code == 302
    assert not PendingSubmission.objects.exists()
    assert not JournalEntry.objects.filter(title="Free-standing").exists()


def test_someone_else_signing_in_on_that_browser_never_sees_it(client, entry, practitioner):
    _sign_in(client, practitioner)
    _expire(client)
    client.post(f"/journal/entries/{entry.pk}/", {"body": TEXT, "revision": 1})
    assert PendingSubmission.objects.get().owner_hint
    stranger = UserFactory(display_name="Sam Stranger")
    response = _sign_in(client, stranger, "/account/kept/")
    kept = client.get(response["Location"])
    assert kept.status_code == 302 and "housing" not in kept.content.decode()
    assert not PendingSubmission.objects.exists()  # deleted unseen


def test_a_kept_post_belongs_to_the_browser_session_that_sent_it(client, entry, practitioner):
    from django.test import Client

    client.post(f"/journal/entries/{entry.pk}/", {"body": TEXT, "revision": 1})
    assert PendingSubmission.objects.count() == 1
    other_browser = Client()
    _sign_in(other_browser, practitioner, "/account/kept/")
    assert other_browser.get("/account/kept/")["Location"] == "/learning/"
    # Discarding with a made-up token touches nothing.
    other_browser.post("/account/kept/", {"kept_submission": "x" * 43})
    assert PendingSubmission.objects.count() == 1


def test_a_kept_save_meets_the_stale_revision_rule(client, entry, practitioner):
    client.post(f"/journal/entries/{entry.pk}/", {"body": TEXT, "revision": 1})
    services.journal_entry_save(
        entry_id=entry.pk, author=practitioner, body="Saved elsewhere.", base_revision=1
    )
    _sign_in(client, practitioner, "/account/kept/")
    [form] = _kept_forms(client.get("/account/kept/").content.decode())
    response = _post_kept(client, form)
    assert response.status_code == 409  # the normal view's answer, the text kept on it
    assert "that I had not asked about housing." in response.content.decode()
    entry.refresh_from_db()
    assert entry.body == "Saved elsewhere."


def test_an_expired_kept_post_is_not_offered(client, entry, practitioner):
    client.post(f"/journal/entries/{entry.pk}/", {"body": TEXT, "revision": 1})
    PendingSubmission.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    _sign_in(client, practitioner, "/account/kept/")
    assert client.get("/account/kept/")["Location"] == "/learning/"
    client.logout()
    client.post(f"/journal/entries/{entry.pk}/", {"body": "Later.", "revision": 1})
    assert PendingSubmission.objects.count() == 1  # the expired one went


def test_a_post_larger_than_any_form_is_not_kept(client, entry):
    response = client.post(f"/journal/entries/{entry.pk}/", {"body": "x" * 70_000})
    assert response["Location"].startswith("/account/sign-in/?next=/journal/entries/")
    assert not PendingSubmission.objects.exists()


def test_a_refused_form_shows_its_text_to_copy_only_when_it_came_from_our_pages(
    entry, practitioner
):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(practitioner)
    browser.get(f"/journal/entries/{entry.pk}/")  # sets the CSRF cookie
    stale = {"body": TEXT, "revision": 1, "csrfmiddlewaretoken": "x" * 64}
    url = f"/journal/entries/{entry.pk}/"
    ours = browser.post(url, stale, headers={"Origin": "http://testserver"})
    assert ours.status_code == 403
    assert "that I had not asked about housing." in ours.content.decode()
    theirs = browser.post(url, stale, headers={"Origin": "https://evil.example"})
    assert theirs.status_code == 403 and "housing" not in theirs.content.decode()
    unknown = browser.post(url, stale)
    assert unknown.status_code == 403 and "housing" not in unknown.content.decode()
    assert "Your form could not be sent" in unknown.content.decode()
    entry.refresh_from_db()
    assert "housing" not in entry.body and not PendingSubmission.objects.exists()


def test_expired_kept_posts_are_cleared_by_the_daily_command(client, entry):
    from django.core.management import call_command

    client.post(f"/journal/entries/{entry.pk}/", {"body": TEXT, "revision": 1})
    client.post(f"/journal/entries/{entry.pk}/", {"body": "Newer.", "revision": 1})
    newer = PendingSubmission.objects.order_by("-pk").first()
    PendingSubmission.objects.filter(pk=newer.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    call_command("clear_pending_submissions", stdout=io.StringIO())
    assert [kept.data["body"] for kept in PendingSubmission.objects.all()] == [[TEXT]]


def test_the_preview_does_nothing_when_signed_out(client, entry):
    response = client.post(
        f"/journal/entries/{entry.pk}/preview/", {"body": "x"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204

"""Create actions are idempotent: the same form posted twice (a double click, a
retry after a lost reply, two requests racing) creates one row.

A form that creates something carries a hidden `client_key`, drawn fresh each
time the form is drawn; the created row keeps it under a unique constraint per
author. "Download my data" has a database rule instead: one export in progress
per person. The threaded tests need PostgreSQL (SQLite serialises writers)."""

import re
import threading
import uuid

import pytest
from django.core import mail
from django.db import IntegrityError, connection
from django.test import Client

from iomsite.accounts.factories import UserFactory
from iomsite.accounts.models import DataExport
from iomsite.teams.factories import TeamMembershipFactory
from journals import services
from journals.models import Comment, JournalEntry, JournalShare, Notification, TeamPrompt

KEY = re.compile(r'name="client_key" value="([0-9a-f-]{36})"')


def _key(page: str) -> str:
    found = KEY.findall(page)
    assert found, "the form carries no idempotency key"
    return found[-1]


@pytest.mark.django_db
def test_a_double_submitted_new_entry_creates_one_entry(client, practitioner, question):
    client.force_login(practitioner)
    page = client.get("/journal/new/", {"question": question.pk}).content.decode()
    # Each drawing of the form has its own key.
    assert _key(page) != _key(client.get("/journal/new/").content.decode())
    form = {"question": question.pk, "scaffold": "driscoll", "client_key": _key(page)}
    first = client.post("/journal/new/", form)
    second = client.post("/journal/new/", form)
    entry = JournalEntry.objects.get(author=practitioner)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/journal/entries/{entry.pk}/"
    assert entry.revisions.count() == 1
    # A new form (a new key) is a new entry, as it should be.
    again = _key(client.get("/journal/new/").content.decode())
    client.post("/journal/new/", {**form, "client_key": again})
    assert JournalEntry.objects.filter(author=practitioner).count() == 2


@pytest.mark.django_db
def test_a_key_is_per_author(client, practitioner, question):
    other = UserFactory(display_name="Olu Other")
    form = {"title": "Mine", "client_key": str(uuid.uuid4())}
    client.force_login(practitioner)
    client.post("/journal/new/", form)
    client.force_login(other)
    response = client.post("/journal/new/", form)
    mine = JournalEntry.objects.get(author=practitioner)
    theirs = JournalEntry.objects.get(author=other)
    assert response["Location"] == f"/journal/entries/{theirs.pk}/" and mine != theirs


@pytest.mark.django_db
def test_saving_dilemma_reasons_twice_makes_one_entry(client, practitioner, piece, question):
    from quizzes import services as quiz_services
    from quizzes.factories import dilemma, make_quiz
    from quizzes.selectors import quiz_compiled

    link = {"piece": piece.reference, "number": 1}
    quiz = make_quiz(title="Stop or search", items=[dilemma(discussion_question=link)])
    attempt = quiz_services.attempt_start(user=practitioner, quiz=quiz)
    item = quiz_compiled(revision_id=attempt.revision_id).items[0]
    client.force_login(practitioner)
    url = f"{quiz.url}attempts/{attempt.pk}/questions/1/"
    client.post(url, {"option": item.options[0].id, "confidence": "3", "rationale": "Ask first."})
    page = client.get(url).content.decode()
    answer_id = re.search(r'name="answer" value="(\d+)"', page).group(1)
    form = {"question": question.pk, "answer": answer_id, "client_key": _key(page)}
    client.post("/journal/new/", form)
    client.post("/journal/new/", form)
    assert JournalEntry.objects.filter(author=practitioner).count() == 1


@pytest.fixture
def shared(entry, team, team_lead):
    TeamMembershipFactory(team=team, user=entry.author)
    services.journal_entry_share(entry=entry, author=entry.author, team=team)
    return entry


@pytest.mark.django_db
def test_a_double_submitted_comment_is_one_comment_and_one_email(client, shared, team, team_lead):
    client.force_login(team_lead)
    page = client.get(f"/journal/teams/{team.pk}/entries/{shared.pk}/").content.decode()
    url = f"/journal/teams/{team.pk}/entries/{shared.pk}/comments/"
    form = {"body": "Have you asked the housing officer?", "client_key": _key(page)}
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302
    assert Comment.objects.count() == 1
    assert Notification.objects.count() == 1
    with_reply = {"body": "And the GP.", "client_key": str(uuid.uuid4())}
    client.post(url, with_reply)
    assert Comment.objects.count() == 2


@pytest.mark.django_db
def test_a_double_submitted_trainer_reply_is_one_comment(client, entry, trainer):
    services.journal_entry_share(entry=entry, author=entry.author, trainer=trainer)
    client.force_login(entry.author)
    page = client.get(f"/journal/entries/{entry.pk}/").content.decode()
    form = {"body": "Thank you.", "trainer": trainer.pk, "client_key": _key(page)}
    client.post(f"/journal/shared/{entry.pk}/comments/", form)
    client.post(f"/journal/shared/{entry.pk}/comments/", form)
    assert Comment.objects.filter(author=entry.author).count() == 1


@pytest.mark.django_db
def test_a_double_submitted_prompt_is_one_prompt(client, team, team_lead, question):
    client.force_login(team_lead)
    page = client.get(f"/journal/teams/{team.pk}/").content.decode()
    form = {"question": question.pk, "text": "", "client_key": _key(page)}
    assert client.post(f"/journal/teams/{team.pk}/", form).status_code == 302
    assert client.post(f"/journal/teams/{team.pk}/", form).status_code == 302
    assert TeamPrompt.objects.count() == 1


@pytest.mark.django_db
def test_one_data_export_in_progress_is_a_database_rule(practitioner):
    DataExport.objects.create(user=practitioner)
    with pytest.raises(IntegrityError):
        DataExport.objects.create(user=practitioner, status=DataExport.Status.RUNNING)


@pytest.mark.django_db
def test_a_double_clicked_data_export_is_one_export(
    client, practitioner, django_capture_on_commit_callbacks
):
    client.force_login(practitioner)
    first = client.post("/account/my-data/request/")
    second = client.post("/account/my-data/request/")
    export = DataExport.objects.get()
    assert first["Location"] == second["Location"] == f"/account/my-data/{export.pk}/"


# Two requests at once -----------------------------------------------------------


def _at_once(calls):
    barrier, errors, results = threading.Barrier(len(calls)), [], []

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def _tabs(user, count: int = 4) -> list[Client]:
    tabs = [Client() for _ in range(count)]
    for tab in tabs:
        tab.force_login(user)
    return tabs


@pytest.fixture
def on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent requests need PostgreSQL (SQLite serialises writers)")


@pytest.mark.django_db(transaction=True)
def test_concurrent_identical_new_entries_make_one(on_postgresql, site_tree):
    learner = UserFactory()
    form = {"title": "Race", "client_key": str(uuid.uuid4())}
    statuses = _at_once(
        [lambda t=t: t.post("/journal/new/", form).status_code for t in _tabs(learner)]
    )
    assert statuses == [302] * 4
    assert JournalEntry.objects.filter(author=learner).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_identical_comments_and_prompts_make_one(on_postgresql, site_tree):
    from iomsite.accounts.roles import PRACTITIONER, TEAM_LEAD
    from iomsite.teams.models import Team

    team = Team.objects.create(name="Race IOM", area="Race")
    lead = UserFactory(roles=[TEAM_LEAD, PRACTITIONER])
    author = UserFactory(roles=[PRACTITIONER])
    TeamMembershipFactory(team=team, user=lead, is_lead=True)
    TeamMembershipFactory(team=team, user=author)
    entry = services.journal_entry_create(author=author, title="Shared", body="Text.")
    services.journal_entry_share(entry=entry, author=author, team=team)
    comment = {"body": "Same comment.", "client_key": str(uuid.uuid4())}
    url = f"/journal/teams/{team.pk}/entries/{entry.pk}/comments/"
    statuses = _at_once([lambda t=t: t.post(url, comment).status_code for t in _tabs(lead)])
    assert statuses == [302] * 4
    assert Comment.objects.count() == 1 and Notification.objects.count() == 1
    assert len(mail.outbox) <= 1
    prompt = {"text": "What would you ask?", "client_key": str(uuid.uuid4())}
    statuses = _at_once(
        [lambda t=t: t.post(f"/journal/teams/{team.pk}/", prompt).status_code for t in _tabs(lead)]
    )
    assert statuses == [302] * 4
    assert TeamPrompt.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_shares_and_exports_make_one(on_postgresql, site_tree):
    from iomsite.teams.models import Team

    team = Team.objects.create(name="Share Race IOM", area="Race")
    author = UserFactory()
    TeamMembershipFactory(team=team, user=author)
    entry = services.journal_entry_create(author=author, title="To share", body="Text.")
    share = {"audience": f"team-{team.pk}"}
    url = f"/journal/entries/{entry.pk}/share/"
    statuses = _at_once([lambda t=t: t.post(url, share).status_code for t in _tabs(author)])
    assert statuses == [302] * 4
    assert JournalShare.objects.count() == 1
    statuses = _at_once(
        [lambda t=t: t.post("/account/my-data/request/").status_code for t in _tabs(author)]
    )
    assert statuses == [302] * 4
    assert DataExport.objects.filter(user=author).count() == 1

"""Data rights: every user-linked model is covered, the export holds everything, journal
exports for CPD, and erasure by an administrator."""

import io
import json
import zipfile

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session

from iomsite.accounts.data_rights import HOLDINGS, account_erase, personal_data_zip
from iomsite.accounts.factories import UserFactory
from iomsite.accounts.models import DataExport
from iomsite.accounts.roles import PRACTITIONER
from iomsite.teams.factories import TeamMembershipFactory
from iomsite.teams.models import TeamMembership
from journals import services
from journals.models import Comment, JournalEntry, JournalEntryRevision
from quizzes import services as quiz_services
from quizzes.factories import dilemma, make_quiz
from quizzes.models import QuizAnswer, QuizAttempt
from quizzes.selectors import quiz_compiled

pytestmark = pytest.mark.django_db


def test_every_foreign_key_to_the_user_has_export_and_erasure_handling():
    User = get_user_model()
    covered = {(h.label, h.field) for h in HOLDINGS}
    missing = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is User:
                if (model._meta.label, field.name) not in covered:
                    missing.append(f"{model._meta.label}.{field.name}")
    assert not missing, f"No data-rights handling for: {', '.join(missing)}"
    for holding in HOLDINGS:
        assert holding.erase in {"delete", "anonymise", "keep"}
        assert holding.section or holding.why or holding.erase == "delete", holding


@pytest.fixture
def busy_learner(site_tree, team, question):
    learner = UserFactory(display_name="Busy Learner", roles=[PRACTITIONER])
    TeamMembershipFactory(team=team, user=learner)
    entry = services.journal_entry_create(author=learner, question=question, body="First.")
    services.journal_entry_save(entry_id=entry.pk, author=learner, body="Second.", base_revision=1)
    services.journal_entry_share(entry=entry, author=learner, team=team)
    mate = TeamMembershipFactory(team=team).user
    services.comment_add(
        entry=entry, author=mate, body="Nice.", audience=services.Audience(team_id=team.pk)
    )
    theirs = services.journal_entry_create(author=mate, question=question, body="Mate's.")
    services.journal_entry_share(entry=theirs, author=mate, team=team)
    services.comment_add(
        entry=theirs,
        author=learner,
        body="My private thought on yours.",
        audience=services.Audience(team_id=team.pk),
    )
    quiz = make_quiz(title="Rights", items=[dilemma()], pass_mark=0)
    attempt = quiz_services.attempt_start(user=learner, quiz=quiz)
    item = quiz_compiled(revision_id=attempt.revision_id).items[0]
    quiz_services.answer_save(
        attempt_id=attempt.pk,
        user=learner,
        item_id=item.id,
        data={"option": item.options[0].id, "confidence": "2", "rationale": "My reasons."},
    )
    quiz_services.attempt_submit(attempt_id=attempt.pk, user=learner)
    return learner


def test_download_my_data_holds_everything_in_json_and_a_readable_index(
    client, busy_learner, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PRIVATE_FILES_ROOT = tmp_path
    client.force_login(busy_learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/my-data/request/")
    export = DataExport.objects.get()
    assert response["Location"] == f"/account/my-data/{export.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Your download is ready" in page
    download = client.get(f"/account/my-data/{export.pk}/download/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = set(archive.namelist())
    assert {
        "profile.json",
        "teams.json",
        "journal/entries.json",
        "journal/revisions.json",
        "journal/comments.json",
        "quizzes/attempts.json",
        "quizzes/answers.json",
        "learning/records.json",
        "index.html",
    } <= names
    profile = json.loads(archive.read("profile.json"))
    assert profile[0]["email"] == busy_learner.email and "password" not in profile[0]
    assert profile[0]["groups"]  # many-to-many as ids
    revisions = json.loads(archive.read("journal/revisions.json"))
    assert sorted(r["body"] for r in revisions) == ["First.", "Second."]
    answers = json.loads(archive.read("quizzes/answers.json"))
    assert answers[0]["response"]["rationale"] == "My reasons."
    index = archive.read("index.html").decode()
    assert "Second." in index and "journal/entries.json" in index
    other = UserFactory()
    client.force_login(other)
    assert client.get(f"/account/my-data/{export.pk}/").status_code == 404
    assert client.get(f"/account/my-data/{export.pk}/download/").status_code == 404


def test_the_export_reports_progress_while_it_is_built(busy_learner, tmp_path):
    from iomsite.accounts.data_rights import personal_data_zip

    seen = []
    personal_data_zip(user=busy_learner, path=tmp_path / "x.zip", progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 100 and len(seen) > 5


def test_journal_export_as_markdown_filtered_by_piece_and_date(client, busy_learner, piece):
    client.force_login(busy_learner)
    response = client.get("/journal/export/", {"format": "md", "piece": piece.pk})
    assert response["Content-Disposition"].startswith('attachment; filename="journal-')
    text = response.content.decode()
    assert "Second." in text and "Mate's." not in text
    later = client.get(
        "/journal/export/",
        {"format": "md", "start_day": "1", "start_month": "1", "start_year": "2099"},
    )
    assert "Second." not in later.content.decode()
    bad = client.get(
        "/journal/export/",
        {
            "format": "md",
            **{"start_day": "1", "start_month": "5", "start_year": "2026"},
            **{"end_day": "1", "end_month": "1", "end_year": "2026"},
        },
    )
    assert bad.status_code == 400 and "on or after the start date" in bad.content.decode()
    assert client.get("/journal/export/", {"format": "zip"}).status_code == 400


def test_journal_export_as_pdf(client, busy_learner):
    from thoughtpieces.brochure import brochure_unavailable_reason

    if brochure_unavailable_reason():
        pytest.skip(brochure_unavailable_reason())
    client.force_login(busy_learner)
    response = client.get("/journal/export/", {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_erasure_removes_the_personal_and_keeps_the_counts(client, busy_learner, administrator):
    client.force_login(busy_learner)  # a live session that must end
    learner_id = busy_learner.pk
    attempts_before = QuizAttempt.objects.filter(user=busy_learner).count()
    account_erase(user=busy_learner, actor=administrator)
    erased = get_user_model().objects.get(pk=learner_id)
    assert erased.display_name == "Former user" and not erased.is_active
    assert "@erased.invalid" in erased.email and not erased.has_usable_password()
    assert not JournalEntry.objects.filter(author=erased).exists()
    assert not JournalEntryRevision.objects.filter(entry__author=erased).exists()
    assert not TeamMembership.objects.filter(user=erased).exists()
    assert Comment.objects.get(author=erased).body.startswith("[removed")
    assert QuizAnswer.objects.get(user=erased).response["rationale"] == ""
    assert QuizAttempt.objects.filter(user=erased).count() == attempts_before  # counts kept
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(learner_id) for s in Session.objects.all()
    )
    assert client.get("/journal/").status_code == 302  # signed out


def test_only_administrators_erase_and_they_must_confirm(
    client, busy_learner, administrator, trainer
):
    url = f"/admin/people/{busy_learner.pk}/erase/"
    client.force_login(trainer)
    assert client.get(url).status_code in {302, 403}
    client.force_login(administrator)
    assert client.get(url).status_code == 200
    wrong = client.post(url, {"confirm_email": "someone@else.org"})
    assert wrong.status_code == 400
    assert JournalEntry.objects.filter(author=busy_learner).exists()
    client.post(url, {"confirm_email": busy_learner.email.upper()})
    assert not JournalEntry.objects.filter(author=busy_learner).exists()


@pytest.mark.django_db(transaction=True)  # the worker opens its own transactions
def test_with_a_queued_backend_the_export_waits_for_the_worker(
    client, busy_learner, settings, tmp_path
):
    """Production's set-up: the request only queues; `db_worker` builds it."""
    from django.core.management import call_command

    settings.PRIVATE_FILES_ROOT = tmp_path
    settings.TASKS = {
        **settings.TASKS,
        "exports": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    client.force_login(busy_learner)
    response = client.post("/account/my-data/request/")
    export = DataExport.objects.get()
    waiting = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "Waiting to start: 0% done" in waiting and 'hx-trigger="every 2s"' in waiting
    again = client.post("/account/my-data/request/")  # impatience: still one export
    assert again["Location"] == response["Location"] and DataExport.objects.count() == 1
    call_command("db_worker", "--batch", "--backend", "exports", verbosity=0)
    export.refresh_from_db()
    assert export.status == DataExport.Status.READY and export.progress == 100
    ready = client.get(response["Location"]).content.decode()
    assert "Your download is ready." in ready


def test_an_export_works_for_someone_with_an_admin_profile(trainer, tmp_path):
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(trainer)
    counts = personal_data_zip(user=trainer, path=tmp_path / "t.zip")
    assert counts["admin/profile"] == 1


def test_erasure_removes_export_files_admin_log_names_and_roles(
    client, practitioner, administrator, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    settings.PRIVATE_FILES_ROOT = tmp_path
    client.force_login(practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/my-data/request/")
    assert list((tmp_path / "exports").iterdir())
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_id=str(practitioner.pk),
        label=practitioner.display_name,
        action="wagtail.edit",
        timestamp="2026-11-01T10:00:00Z",
    )
    account_erase(user=practitioner, actor=administrator)
    assert list((tmp_path / "exports").iterdir()) == []
    assert not DataExport.objects.filter(user=practitioner).exists()
    assert ModelLogEntry.objects.get(object_id=str(practitioner.pk)).label == "Former user"
    assert not get_user_model().objects.get(pk=practitioner.pk).groups.exists()

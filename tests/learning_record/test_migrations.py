"""learning_record 0002 copies every courses.LearningRecord, of every object type
and verb, into Statement with nothing lost; courses 0003 then drops the old table."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("courses", "0002_access_log"), ("learning_record", "0001_initial")]
AFTER = [
    ("courses", "0003_learning_record_moved"),
    ("learning_record", "0002_records_from_courses"),
]
VERBS = ["started", "viewed", "read", "answered", "completed", "passed", "failed", "reflected"]


def _migrate(targets):
    """Migrate courses and learning_record to `targets`, every other app to its latest."""
    executor = MigrationExecutor(connection)
    ours = dict(targets)
    nodes = [n for n in executor.loader.graph.leaf_nodes() if n[0] not in ours] + targets
    executor.migrate(targets)
    return executor.loader.project_state(nodes).apps


def _page(apps):
    """A page row through historical models (a flushed database has none)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    locale = Locale.objects.first() or Locale.objects.create(language_code="en")
    return apps.get_model("wagtailcore", "Page").objects.create(
        title="Root",
        slug="root",
        path="0001",
        depth=1,
        numchild=0,
        url_path="/",
        locale=locale,
        translation_key=uuid.uuid4(),
        content_type=ContentType.objects.get_or_create(app_label="wagtailcore", model="page")[0],
    )


@pytest.mark.django_db(transaction=True)
def test_every_record_moves_with_its_ids_times_scores_and_context(settings):
    apps = _migrate(BEFORE)
    User = apps.get_model("accounts", "User")
    Page = apps.get_model("wagtailcore", "Page")
    LearningRecord = apps.get_model("courses", "LearningRecord")
    learner = User.objects.create(email="learner@example.org", password="x")
    lead = User.objects.create(email="lead@example.org", password="x")
    piece = Page.objects.order_by("-depth").first() or _page(apps)
    now = timezone.now()
    made = []
    for n, verb in enumerate(VERBS):
        for object_type, object_id in [("page", str(piece.pk)), ("step", str(uuid.uuid4())),
                                       ("question", "17"), ("page", "999999")]:  # fmt: skip
            made.append(
                LearningRecord.objects.create(
                    statement_id=uuid.uuid4(),
                    actor=learner,
                    verb=verb,
                    object_type=object_type,
                    object_id=object_id,
                    object_name=f"{verb} {object_type}",
                    result_score=Decimal("62.50") if verb in {"passed", "failed"} else None,
                    result_success={"passed": True, "failed": False}.get(verb),
                    result_completion=True if verb in {"read", "completed"} else None,
                    result_duration_seconds=90 if verb == "passed" else None,
                    course_id=None,
                    module_id=None,
                    context={"steps": ["a"], "attempt": n, "marked_by": lead.pk},
                    timestamp=now - timedelta(minutes=n),
                    forwarded_at=now if n == 0 else None,
                )
            )
    apps = _migrate(AFTER)
    Statement = apps.get_model("learning_record", "Statement")
    ActivityState = apps.get_model("learning_record", "ActivityState")
    LearnerAccount = apps.get_model("learning_record", "LearnerAccount")
    assert Statement.objects.count() == len(made)
    account = LearnerAccount.objects.get(user_id=learner.pk)
    for old in made:
        new = Statement.objects.get(statement_id=old.statement_id)
        assert new.actor_id == learner.pk and new.actor_name == account.name
        assert new.timestamp == old.timestamp and new.forwarded_at == old.forwarded_at
        assert new.object_kind == old.object_type and new.object_ref == old.object_id
        assert new.object_iri.startswith(settings.XAPI_IRI_BASE.rstrip("/") + "/xapi/activities/")
        assert new.verb.startswith(
            ("http://adlnet.gov/", "https://w3id.org/", settings.XAPI_IRI_BASE)
        )
        assert new.object_name == old.object_name
        assert new.result_score_raw == old.result_score
        assert new.result_success == old.result_success
        assert new.result_completion == old.result_completion
        assert new.result_duration_seconds == old.result_duration_seconds
        assert new.context_extensions["attempt"] == old.context["attempt"]
        assert "marked_by" not in new.context_extensions  # a user id becomes the lead's account
        assert new.context_extensions["instructor"] == str(
            LearnerAccount.objects.get(user_id=lead.pk).name
        )
    passed = Statement.objects.filter(verb="http://adlnet.gov/expapi/verbs/passed").first()
    assert passed.result_score_scaled == Decimal("0.625") and passed.result_score_max == 100
    page_statement = Statement.objects.filter(object_kind="page", object_ref=str(piece.pk)).first()
    assert page_statement.object_iri.endswith(str(piece.translation_key))
    gone = Statement.objects.filter(object_ref="999999").first()
    assert gone.object_iri.endswith("/page-id/999999")  # a deleted page keeps an IRI
    # Outcomes a page asks about ("has read") come over as ActivityState rows.
    assert ActivityState.objects.filter(user_id=learner.pk, verb="read").count() == 4
    assert not ActivityState.objects.exclude(verb="read").exists()
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "courses_learningrecord" not in tables


@pytest.fixture(autouse=True)
def _back_to_the_latest_migrations():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

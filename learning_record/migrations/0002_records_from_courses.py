"""Copy every `courses.LearningRecord` into `learning_record.Statement`, in batches.

Verbs become IRIs, objects activity IRIs (pages by translation_key, steps by
block id, questions by id), statement ids, timestamps and `forwarded_at` are
kept, each learner gets an opaque xAPI account, and `ActivityState` is built
from the copied statements. The vocabulary is frozen here, as it was when this
migration was written. Works on SQLite and PostgreSQL (plain ORM, no SQL).
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import migrations
from django.db.models import Max, Min

BATCH = 2000
ADL = "http://adlnet.gov/expapi/verbs/"
ADL_ACTIVITY = "http://adlnet.gov/expapi/activities/"
ACTIVITY_TYPES = {
    "thoughtpiece": "http://activitystrea.ms/schema/1.0/article",
    "quiz": ADL_ACTIVITY + "assessment",
    "course": ADL_ACTIVITY + "course",
    "module": ADL_ACTIVITY + "module",
    "step": ADL_ACTIVITY + "lesson",
    "question": ADL_ACTIVITY + "question",
}
STATE_VERBS = {"read"}  # as learning_record.services.STATE_VERBS


def _base():
    return (getattr(settings, "XAPI_IRI_BASE", "") or "http://localhost").rstrip("/")


def _verbs():
    return {
        "started": ADL + "attempted",
        "viewed": ADL + "experienced",
        "read": "https://w3id.org/xapi/adb/verbs/read",
        "answered": ADL + "answered",
        "completed": ADL + "completed",
        "passed": ADL + "passed",
        "failed": ADL + "failed",
        "reflected": f"{_base()}/xapi/verbs/reflected",
    }


def _page_activity(pages, page_id):
    """(iri, type) of a page by id; a page deleted since keeps an IRI by its old id."""
    base = f"{_base()}/xapi/activities"
    row = pages.get(int(page_id)) if page_id not in (None, "") else None
    if row is None:
        return f"{base}/page-id/{page_id}", ADL_ACTIVITY + "media"
    kind = row["content_type__model"].removesuffix("page")
    return f"{base}/{kind}/{row['translation_key']}", ACTIVITY_TYPES.get(kind, ADL_ACTIVITY + "media")


def _accounts(LearnerAccount, user_ids):
    have = dict(
        LearnerAccount.objects.filter(user_id__in=user_ids).values_list("user_id", "name")
    )
    missing = [LearnerAccount(user_id=u, name=uuid.uuid4()) for u in user_ids if u not in have]
    LearnerAccount.objects.bulk_create(missing)
    have.update({a.user_id: a.name for a in missing})
    return have


def forwards(apps, schema_editor):
    LearningRecord = apps.get_model("courses", "LearningRecord")
    Statement = apps.get_model("learning_record", "Statement")
    LearnerAccount = apps.get_model("learning_record", "LearnerAccount")
    ActivityState = apps.get_model("learning_record", "ActivityState")
    Page = apps.get_model("wagtailcore", "Page")
    verbs = _verbs()
    base = f"{_base()}/xapi/activities"
    last = 0
    while True:
        batch = list(LearningRecord.objects.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not batch:
            break
        last = batch[-1].pk
        page_ids = set()
        for r in batch:
            if r.object_type == "page" and str(r.object_id).isdigit():
                page_ids.add(int(r.object_id))
            page_ids.update(x for x in (r.course_id, r.module_id) if x)
        pages = {
            p["pk"]: p
            for p in Page.objects.filter(pk__in=page_ids).values(
                "pk", "translation_key", "content_type__model"
            )
        }
        people = {r.actor_id for r in batch} | {
            r.context.get("marked_by") for r in batch if isinstance(r.context, dict)
        }
        accounts = _accounts(LearnerAccount, [p for p in people if isinstance(p, int)])
        rows = []
        for r in batch:
            context = dict(r.context or {})
            if r.object_type == "page":
                iri, kind_type = _page_activity(pages, r.object_id)
            elif r.object_type == "step":
                iri, kind_type = f"{base}/step/{r.object_id}", ACTIVITY_TYPES["step"]
            elif r.object_type == "question":
                iri, kind_type = f"{base}/question/{r.object_id}", ACTIVITY_TYPES["question"]
            else:
                iri, kind_type = f"{base}/{r.object_type}/{r.object_id}", ADL_ACTIVITY + "media"
            parents = []
            for page_id in (r.course_id, r.module_id):
                if page_id:
                    parent_iri, parent_type = _page_activity(pages, page_id)
                    parents.append({"id": parent_iri, "type": parent_type})
            marked_by = context.pop("marked_by", None)
            if marked_by in accounts:
                context["instructor"] = str(accounts[marked_by])
            score = r.result_score
            rows.append(
                Statement(
                    statement_id=r.statement_id,
                    actor_id=r.actor_id,
                    actor_name=accounts[r.actor_id],
                    verb=verbs.get(r.verb, f"{_base()}/xapi/verbs/{r.verb}"),
                    object_iri=iri,
                    object_type=kind_type,
                    object_name=r.object_name,
                    object_kind=r.object_type,
                    object_ref=str(r.object_id),
                    result_score_scaled=(score / 100).quantize(Decimal("0.0001"))
                    if score is not None
                    else None,
                    result_score_raw=score,
                    result_score_min=Decimal(0) if score is not None else None,
                    result_score_max=Decimal(100) if score is not None else None,
                    result_success=r.result_success,
                    result_completion=r.result_completion,
                    result_duration_seconds=r.result_duration_seconds,
                    course_id=r.course_id,
                    module_id=r.module_id,
                    context_parents=parents,
                    context_extensions=context,
                    timestamp=r.timestamp,
                    stored=r.timestamp,
                    forwarded_at=r.forwarded_at,
                )
            )
        Statement.objects.bulk_create(rows)
    # The summary pages read, from the statements just copied.
    key_of = {iri: key for key, iri in verbs.items() if key in STATE_VERBS}
    states = (
        Statement.objects.filter(verb__in=list(key_of))
        .values("actor_id", "object_iri", "verb")
        .annotate(first=Min("timestamp"), last=Max("timestamp"))
        .order_by()
    )
    pending = []
    for s in states.iterator():
        pending.append(
            ActivityState(
                user_id=s["actor_id"],
                activity=s["object_iri"],
                verb=key_of[s["verb"]],
                first_at=s["first"],
                last_at=s["last"],
            )
        )
        if len(pending) >= BATCH:
            ActivityState.objects.bulk_create(pending, ignore_conflicts=True)
            pending = []
    ActivityState.objects.bulk_create(pending, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("learning_record", "0001_initial"),
        ("courses", "0002_access_log"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]

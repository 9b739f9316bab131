"""Who looked at a learner's records: one row per reader, learner, kind, object and day."""

from datetime import datetime

from django.utils import timezone

from .models import CoursePage


def _reader_role(reader) -> str:
    from iomsite.accounts.roles import ADMINISTRATOR, TEAM_LEAD, TRAINER, role_names

    from .models import ReaderRole

    if not hasattr(reader, "_access_log_role"):
        names = role_names(reader)
        reader._access_log_role = next(
            (
                role
                for group, role in (
                    (ADMINISTRATOR, ReaderRole.ADMINISTRATOR),
                    (TRAINER, ReaderRole.TRAINER),
                    (TEAM_LEAD, ReaderRole.TEAM_LEAD),
                )
                if group in names
            ),
            ReaderRole.MEMBER,
        )
    return reader._access_log_role


def access_log_record(
    *, reader, kind: str, subjects, course: CoursePage | None = None, team=None
) -> None:
    """Note that `reader` opened other people's records: `subjects` are
    (learner id, object id) pairs (object: the course, or the journal entry). One
    row per reader, learner, kind, object and day, written in one query however
    many learners a page or a spreadsheet shows; the reader's own are skipped."""
    from .models import AccessLog

    pairs = {(learner_id, object_id) for learner_id, object_id in subjects}
    pairs = {pair for pair in pairs if pair[0] != reader.pk}
    if not pairs:
        return
    now = timezone.now()
    role = _reader_role(reader)
    AccessLog.objects.bulk_create(
        [
            AccessLog(
                learner_id=learner_id,
                reader=reader,
                reader_role=role,
                kind=kind,
                object_id=object_id,
                course=course,
                team=team,
                day=timezone.localdate(now),
                first_at=now,
                last_at=now,
            )
            for learner_id, object_id in sorted(pairs)
        ],
        update_conflicts=True,
        unique_fields=["learner", "reader", "kind", "object_id", "day"],
        update_fields=["last_at"],
    )


def access_log_prune(*, now: datetime | None = None) -> int:
    """Delete access log rows older than ACCESS_LOG_RETENTION_DAYS; returns how many."""
    from datetime import timedelta

    from django.conf import settings

    from .models import AccessLog

    today = timezone.localdate(now or timezone.now())
    cutoff = today - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    deleted, _ = AccessLog.objects.filter(day__lt=cutoff).delete()
    return deleted

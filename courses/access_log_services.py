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


# The columns of one access-log row, in the order the upsert writes them.
_COLUMNS = (
    "learner",
    "reader",
    "reader_role",
    "kind",
    "object_id",
    "course",
    "team",
    "day",
    "first_at",
    "last_at",
)
_KEY = ("learner", "reader", "kind", "object_id", "day")  # the unique constraint


def _upsert_sql(connection) -> str:
    """INSERT … ON CONFLICT (the unique key) DO UPDATE SET last_at: the same
    statement on PostgreSQL and SQLite (3.24+)."""
    from .models import AccessLog

    def column(name: str) -> str:
        return connection.ops.quote_name(AccessLog._meta.get_field(name).column)

    table = connection.ops.quote_name(AccessLog._meta.db_table)
    return (
        f"INSERT INTO {table} ({', '.join(column(name) for name in _COLUMNS)}) "
        f"VALUES ({', '.join(['%s'] * len(_COLUMNS))}) "
        f"ON CONFLICT ({', '.join(column(name) for name in _KEY)}) "
        f"DO UPDATE SET {column('last_at')} = EXCLUDED.{column('last_at')}"
    )


def access_log_record(
    *, reader, kind: str, subjects, course: CoursePage | None = None, team=None
) -> None:
    """Note that `reader` opened other people's records: `subjects` are
    (learner id, object id) pairs (object: the course, or the journal entry). One
    row per reader, learner, kind, object and day; a later read that day moves
    `last_at`. Written as one statement run over every row, however many
    learners a page or a spreadsheet shows (no model object per row: a CSV of
    3,000 learners spent half its time building them); the reader's own are
    skipped."""
    from django.db import connection, transaction

    pairs = {(learner_id, object_id) for learner_id, object_id in subjects}
    pairs = sorted(pair for pair in pairs if pair[0] != reader.pk)
    if not pairs:
        return
    now = timezone.now()
    # As the ORM would store them (SQLite keeps datetimes as naive UTC text).
    at = connection.ops.adapt_datetimefield_value(now)
    day = connection.ops.adapt_datefield_value(timezone.localdate(now))
    role = _reader_role(reader)
    course_id = course.pk if course is not None else None
    team_id = team.pk if team is not None else None
    rows = [
        (learner_id, reader.pk, role, kind, object_id, course_id, team_id, day, at, at)
        for learner_id, object_id in pairs
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(_upsert_sql(connection), rows)


def access_log_prune(*, now: datetime | None = None) -> int:
    """Delete access log rows older than ACCESS_LOG_RETENTION_DAYS; returns how many."""
    from datetime import timedelta

    from django.conf import settings

    from .models import AccessLog

    today = timezone.localdate(now or timezone.now())
    cutoff = today - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    deleted, _ = AccessLog.objects.filter(day__lt=cutoff).delete()
    return deleted

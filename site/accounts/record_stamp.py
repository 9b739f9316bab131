"""What a learner's own pages read, kept in the cache until the learner's record
changes (issue 15: signed-in pages a few times cheaper than a stock Wagtail page).

Every table holding a learner's own record carries a trigger that counts one
more on that learner's `RecordStamp` for each row it inserts, updates or
deletes, inside the writing transaction. The number is read with the signed-in
user (one query, `StampedModelBackend`), so a page can keep what it read from
those tables under it:

    reading = record_stamp.kept(request, f"piece-reading:{page.pk}", lambda: ...)

An entry is keyed by the person, their stamp, the language, today's date (due
and overdue change at midnight) and the content version (`page_routes.VERSION`,
moved by every publish, move and course-structure change), so a new answer, a
course published or a new day each reads afresh, on every server at once,
whatever wrote the rows: a service, a bulk update, a data-rights erasure or
raw SQL. Only GET and HEAD use it (they never write), so a POST that writes and
then renders reads what it wrote. Another person's data shown beside one's own
(a team lead's prompts, teammates' comments) is not kept this way: their
writes do not move this learner's stamp.

A migration adds the triggers to its own app's tables with `triggers(table,
column)`; `STAMPED_TABLES` lists them all and a test checks each one counts.
"""

from functools import partial

from django.db import migrations
from django.utils import timezone
from django.utils.translation import get_language

from .. import cache_versions

# Table → the column naming whose record a row is. Kept in step with the
# migrations that add the triggers (tests/site/test_record_stamp.py); all of a
# table's writes count, but for `accounts_user`'s, where only a delete does.
STAMPED_TABLES = {
    "courses_enrolment": "user_id",
    "courses_assignment": "user_id",
    "courses_stepprogress": "user_id",
    "courses_moduleprogress": "user_id",
    "courses_courseprogress": "user_id",
    "courses_certificate": "user_id",
    "learning_record_activitystate": "user_id",
    "journals_journalentry": "author_id",
    "journals_notification": "user_id",
    "quizzes_quizattempt": "user_id",
    "quizzes_quizanswer": "user_id",
    # A person deleted: a stamp no cached entry was ever kept under, so an id
    # handed out again starts from a number its last holder never had.
    "accounts_user": "id",
}

KEEP_SECONDS = 600  # also bounds how long another person's name (an assigner's) can lag

_BUMP_SQLITE = (
    "INSERT INTO accounts_recordstamp (user_id, version) SELECT {who}, 1 WHERE {when} "
    "ON CONFLICT (user_id) DO UPDATE SET version = version + 1;"
)

_POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION record_stamp_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    new_id bigint;
    old_id bigint;
BEGIN
    IF TG_OP <> 'DELETE' THEN new_id := (to_jsonb(NEW) ->> TG_ARGV[0])::bigint; END IF;
    IF TG_OP <> 'INSERT' THEN old_id := (to_jsonb(OLD) ->> TG_ARGV[0])::bigint; END IF;
    IF new_id IS NOT NULL THEN
        INSERT INTO accounts_recordstamp (user_id, version) VALUES (new_id, 1)
        ON CONFLICT (user_id) DO UPDATE SET version = accounts_recordstamp.version + 1;
    END IF;
    IF old_id IS NOT NULL AND old_id IS DISTINCT FROM new_id THEN
        INSERT INTO accounts_recordstamp (user_id, version) VALUES (old_id, 1)
        ON CONFLICT (user_id) DO UPDATE SET version = accounts_recordstamp.version + 1;
    END IF;
    RETURN NULL;
END
$$;
"""


EVENTS = ("insert", "update", "delete")


def _trigger_sql(
    vendor: str, table: str, column: str, events: tuple[str, ...]
) -> tuple[list[str], list[str]]:
    """(create, drop) statements for `table`'s counting triggers."""
    name = f"record_stamp_{table}"
    if vendor == "postgresql":
        return (
            [
                _POSTGRES_FUNCTION,
                f"CREATE TRIGGER {name} AFTER {' OR '.join(e.upper() for e in events)} "
                f"ON {table} FOR EACH ROW EXECUTE FUNCTION record_stamp_count('{column}');",
            ],
            [f"DROP TRIGGER IF EXISTS {name} ON {table};"],
        )
    if vendor == "sqlite":
        bumps = {
            "insert": [("NEW", "NEW.{c} IS NOT NULL")],
            "update": [("NEW", "NEW.{c} IS NOT NULL"), ("OLD", "OLD.{c} IS NOT NEW.{c}")],
            "delete": [("OLD", "OLD.{c} IS NOT NULL")],
        }
        create = []
        for event in events:
            rows = bumps[event]
            body = " ".join(
                _BUMP_SQLITE.format(who=f"{row}.{column}", when=when.format(c=column))
                for row, when in rows
            )
            create.append(
                f"CREATE TRIGGER {name}_{event} AFTER {event.upper()} ON {table} "
                f"FOR EACH ROW BEGIN {body} END;"
            )
        return create, [f"DROP TRIGGER IF EXISTS {name}_{event};" for event in events]
    raise NotImplementedError(f"Record stamps need SQLite or PostgreSQL, not {vendor}.")


def _run(table, column, events, index, apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in _trigger_sql(vendor, table, column, events)[index]:
        schema_editor.execute(statement, params=None)


def triggers(table: str, column: str, events: tuple[str, ...] = EVENTS) -> migrations.RunPython:
    """The migration operation that makes `table`'s writes (`events` of them)
    count on the stamp of the person `column` names."""
    return migrations.RunPython(
        partial(_run, table, column, events, 0),
        partial(_run, table, column, events, 1),
        elidable=False,
    )


def version(user) -> int:
    """The person's stamp now (0 before their record first changed). Loaded with
    the signed-in user by `StampedModelBackend`; else read once here."""
    from .models import RecordStamp

    try:
        return user.record_stamp.version
    except RecordStamp.DoesNotExist:
        return 0


def kept(request, name: str, make):
    """`make()`, kept for the signed-in person under their stamp, the language,
    today and the content version; made afresh (and not kept) for anyone
    signed out and for anything but GET and HEAD."""
    from ..page_routes import VERSION as CONTENT_VERSION

    user = request.user
    if request.method not in ("GET", "HEAD") or not user.is_authenticated:
        return make()
    key = (
        f"record:{user.pk}:{version(user)}:{get_language()}:"
        f"{timezone.localdate().isoformat()}:{name}"
    )
    return cache_versions.kept(CONTENT_VERSION, key, make, seconds=KEEP_SECONDS)

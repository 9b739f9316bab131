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
then renders reads what it wrote.

A row can concern more people than the one it names: a team's prompt or new
name reaches every member, a share its entry's author and the trainer it is
shared with (`STAMPED_TABLES`). What no trigger reaches is read afresh: team
invitations (matched by e-mail address for people who have no account yet) and
other people's roles.

A migration adds the triggers to its own app's tables with `triggers(table,
column)` or `triggers(table, who=...)`; `STAMPED_TABLES` lists them all and a
test checks each one has them.
"""

from functools import partial

from django.db import migrations
from django.utils import timezone
from django.utils.translation import get_language

from .. import cache_versions


# Who a written row concerns, as a SELECT of `person` over the row ("{row}" is
# NEW or OLD): the person a column names, or the people a row reaches.
def named(column: str) -> str:
    return f"SELECT {{row}}.{column} AS person"


def team_members(column: str) -> str:
    return f"SELECT user_id AS person FROM teams_teammembership WHERE team_id = {{row}}.{column}"


def entry_author(column: str) -> str:
    return f"SELECT author_id AS person FROM journals_journalentry WHERE id = {{row}}.{column}"


# Table → who its writes concern, kept in step with the migrations that add the
# triggers (tests/site/test_record_stamp.py checks each table has them).
STAMPED_TABLES = {
    "courses_enrolment": named("user_id"),
    "courses_assignment": named("user_id"),
    "courses_stepprogress": named("user_id"),
    "courses_moduleprogress": named("user_id"),
    "courses_courseprogress": named("user_id"),
    "courses_certificate": named("user_id"),
    "learning_record_activitystate": named("user_id"),
    "journals_journalentry": named("author_id"),
    "journals_notification": named("user_id"),
    "quizzes_quizattempt": named("user_id"),
    "quizzes_quizanswer": named("user_id"),
    "teams_teammembership": named("user_id"),
    # A team renamed or a prompt posted reaches every member's pages.
    "teams_team": team_members("id"),
    "journals_teamprompt": team_members("team_id"),
    # A share changes its author's journal and the trainer it is shared with.
    "journals_journalshare": f"{named('trainer_id')} UNION {entry_author('entry_id')}",
    # A person deleted (only a delete counts here): a stamp no cached entry was
    # ever kept under, so an id handed out again never finds a number it had.
    "accounts_user": named("id"),
}

KEEP_SECONDS = 600  # also bounds how long another person's name (an assigner's) can lag
EVENTS = ("insert", "update", "delete")

_BUMP = (
    "INSERT INTO accounts_recordstamp (user_id, version) "
    "SELECT person, 1 FROM ({who}) AS reached WHERE person IS NOT NULL{unless} "
    "ORDER BY person "  # every writer takes the rows' locks in one order
    "ON CONFLICT (user_id) DO UPDATE SET version = accounts_recordstamp.version + 1;"
)


def _bumps(who: str, event: str) -> str:
    """The statements counting one write: for an update, the people the new row
    reaches and those only the old row reached."""
    new, old = who.format(row="NEW"), who.format(row="OLD")
    if event == "insert":
        return _BUMP.format(who=new, unless="")
    if event == "delete":
        return _BUMP.format(who=old, unless="")
    still = f" AND NOT EXISTS (SELECT 1 FROM ({new}) AS now WHERE now.person = reached.person)"
    return _BUMP.format(who=new, unless="") + " " + _BUMP.format(who=old, unless=still)


def _trigger_sql(
    vendor: str, table: str, who: str, events: tuple[str, ...]
) -> tuple[list[str], list[str]]:
    """(create, drop) statements for `table`'s counting triggers."""
    name = f"record_stamp_{table}"
    if vendor == "postgresql":
        body = " ".join(
            f"IF TG_OP = '{event.upper()}' THEN {_bumps(who, event)} END IF;" for event in events
        )
        return (
            [
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {body} RETURN NULL; END $$;",
                f"CREATE TRIGGER {name} AFTER {' OR '.join(e.upper() for e in events)} "
                f"ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();",
            ],
            [f"DROP TRIGGER IF EXISTS {name} ON {table};", f"DROP FUNCTION IF EXISTS {name}();"],
        )
    if vendor == "sqlite":
        return (
            [
                f"CREATE TRIGGER {name}_{event} AFTER {event.upper()} ON {table} "
                f"FOR EACH ROW BEGIN {_bumps(who, event)} END;"
                for event in events
            ],
            [f"DROP TRIGGER IF EXISTS {name}_{event};" for event in events],
        )
    raise NotImplementedError(f"Record stamps need SQLite or PostgreSQL, not {vendor}.")


def _run(table, who, events, index, apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in _trigger_sql(vendor, table, who, events)[index]:
        schema_editor.execute(statement, params=None)


def triggers(
    table: str, column: str | None = None, *, who: str | None = None, events=EVENTS
) -> migrations.RunPython:
    """The migration operation that makes `table`'s writes (`events` of them)
    count on the stamp of the person `column` names, or of the people `who`
    (a SELECT of `person` over "{row}") reaches."""
    who = who or named(column)
    return migrations.RunPython(
        partial(_run, table, who, events, 0),
        partial(_run, table, who, events, 1),
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

"""
Writes for journals. Every function checks who is acting: an entry is changed
only by its author, shared only to a team its author is in, commented on only
by someone it is shared with.
"""

from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.models import AccessKind
from courses.services import access_log_record
from iomsite.accounts.roles import TRAINER
from iomsite.teams.models import TeamMembership
from learning_record.services import statement_report
from learning_record.verbs import Verb

from .markdown import clean_text, render_markdown
from .models import (
    BODY_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    Comment,
    EntryRead,
    JournalEntry,
    JournalEntryRevision,
    JournalShare,
    Notification,
    Scaffold,
    TeamPrompt,
)

SCAFFOLDS = {
    Scaffold.GIBBS: [
        "Description",
        "Feelings",
        "Evaluation",
        "Analysis",
        "Conclusion",
        "Action plan",
    ],
    Scaffold.DRISCOLL: ["What?", "So what?", "Now what?"],
    Scaffold.KOLB: [
        "Concrete experience",
        "Reflective observation",
        "Abstract conceptualisation",
        "Active experimentation",
    ],
}


class StaleRevision(Exception):
    """An autosave started from an older revision than the one stored."""

    def __init__(self, current: int):
        super().__init__(f"The entry is at revision {current}.")
        self.current = current


def scaffold_text(scaffold: str) -> str:
    return "".join(f"## {heading}\n\n\n" for heading in SCAFFOLDS.get(scaffold, []))


def _save_once(obj, *, model, client_key: UUID | None, **owner):
    """Insert `obj`; with an idempotency key a second post of the same form (or
    one that raced it) gets the row the first made. Returns (row, created)."""
    if client_key is not None:
        existing = model.objects.filter(client_key=client_key, **owner).first()
        if existing is not None:
            return existing, False
        obj.client_key = client_key
    try:
        with transaction.atomic():  # a savepoint: the race's loser can still read
            obj.save()
    except IntegrityError:
        if client_key is None:
            raise
        return model.objects.get(client_key=client_key, **owner), False
    return obj, True


def _checked_body(body: str) -> str:
    body = clean_text(body)  # the cap counts the text as stored (LF newlines)
    if len(body) > BODY_MAX_LENGTH:
        raise ValidationError(
            {
                "body": f"Your entry must be {BODY_MAX_LENGTH:,} characters or fewer "
                f"(it is {len(body):,})"
            }
        )
    return body


@transaction.atomic
def journal_entry_create(
    *,
    author,
    question=None,
    title: str = "",
    scaffold: str = "",
    body: str = "",
    quiz_answer=None,
    client_key: UUID | None = None,
) -> JournalEntry:
    """A new entry; the same `client_key` again returns the entry it made."""
    if scaffold not in Scaffold.values:
        raise ValidationError({"scaffold": "Choose one of the structures offered"})
    if quiz_answer is not None and quiz_answer.user_id != author.pk:
        raise PermissionDenied
    body = _checked_body(body or scaffold_text(scaffold))
    entry = JournalEntry(
        author=author,
        question=question,
        title=clean_text(title).strip()[:200],
        scaffold=scaffold,
        body=body,
        body_html=render_markdown(body),
        revision=1,
        quiz_answer=quiz_answer,
    )
    entry.full_clean(exclude=["client_key"])
    entry, created = _save_once(entry, model=JournalEntry, client_key=client_key, author=author)
    if created:
        JournalEntryRevision.objects.create(entry=entry, number=1, body=body)
        _report_reflection(entry)
    return entry


@transaction.atomic
def journal_entry_save(
    *, entry_id: int, author, body: str, base_revision: int, title: str | None = None
) -> JournalEntry:
    """Save a new revision, unless the entry has moved on since `base_revision`
    (a late autosave from before a newer one): then nothing changes."""
    body = _checked_body(body)
    entry = JournalEntry.objects.select_for_update().get(pk=entry_id, author=author)
    changed_title = title is not None and clean_text(title).strip()[:200] != entry.title
    if body == entry.body and not changed_title:
        # Nothing new (or a retry of a save whose reply was lost): no empty
        # revision, and no false "saved elsewhere".
        return entry
    if base_revision != entry.revision:
        raise StaleRevision(entry.revision)
    entry.body = body
    entry.body_html = render_markdown(body)
    if title is not None:
        entry.title = clean_text(title).strip()[:200]
    entry.revision += 1
    entry.save()
    JournalEntryRevision.objects.create(entry=entry, number=entry.revision, body=body)
    _report_reflection(entry)
    return entry


def _report_reflection(entry: JournalEntry) -> None:
    """The first non-empty entry on a question completes the module steps that ask
    for a reflection on it. Sharing is never required."""
    if entry.reflected_at or not entry.question_id or not _has_words(entry):
        return
    statement_report(
        user=entry.author,
        verb=Verb.REFLECTED,
        question_id=entry.question_id,
        extra={"journal_entry": entry.pk},
    )
    entry.reflected_at = timezone.now()
    JournalEntry.objects.filter(pk=entry.pk).update(reflected_at=entry.reflected_at)


def _has_words(entry: JournalEntry) -> bool:
    """More than the headings a scaffold put there."""
    headings = set(SCAFFOLDS.get(entry.scaffold, []))
    lines = [line.strip().lstrip("#").strip() for line in entry.body.splitlines()]
    return any(line and line not in headings for line in lines)


# Sharing -------------------------------------------------------------------


@transaction.atomic
def journal_entry_share(*, entry: JournalEntry, author, team=None, trainer=None) -> JournalShare:
    if entry.author_id != author.pk:
        raise PermissionDenied
    if (team is None) == (trainer is None):
        raise ValidationError("Share with one team or one trainer.")
    if team is not None and not TeamMembership.objects.filter(team=team, user=author).exists():
        raise PermissionDenied("You can only share with a team you are in.")
    if trainer is not None and not trainer.groups.filter(name=TRAINER).exists():
        raise ValidationError({"trainer": "Choose a trainer"})
    live = JournalShare.objects.filter(entry=entry, revoked_at=None, team=team, trainer=trainer)
    existing = live.first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():  # two posts at once: the live-share constraint decides
            return JournalShare.objects.create(entry=entry, team=team, trainer=trainer)
    except IntegrityError:
        return live.get()


@transaction.atomic
def journal_share_revoke(*, share_id: int, author) -> None:
    share = JournalShare.objects.select_for_update().get(pk=share_id, entry__author=author)
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])


# Discussion -----------------------------------------------------------------


@dataclass
class Audience:
    """How someone can see an entry: through a team, or as the trainer it is shared
    with; `trainer_id` names the feedback thread (also for the author's replies)."""

    team_id: int | None = None
    is_lead: bool = False
    as_trainer: bool = False
    trainer_id: int | None = None


@transaction.atomic
def comment_add(
    *,
    entry: JournalEntry,
    author,
    body: str,
    audience: Audience,
    parent_id: int | None = None,
    client_key: UUID | None = None,
) -> Comment:
    """A comment in the discussion where the entry is shared (or the author's reply).
    The same `client_key` again returns the comment it made (and notifies no one)."""
    body = clean_text(body).strip()
    if not body:
        raise ValidationError({"body": "Write a comment"})
    if len(body) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {"body": f"Your comment must be {COMMENT_MAX_LENGTH:,} characters or fewer"}
        )
    parent = None
    if parent_id is not None:
        # Threads are two levels deep and never cross from one audience to another.
        parent = Comment.objects.filter(
            pk=parent_id,
            entry=entry,
            parent=None,
            team_id=audience.team_id,
            trainer_id=audience.trainer_id,
        ).first()
        if parent is None:
            raise ValidationError({"body": "That comment is not part of this discussion"})
    comment = Comment(
        entry=entry,
        author=author,
        parent=parent,
        team_id=audience.team_id,
        trainer_id=audience.trainer_id,
        body=body,
        body_html=render_markdown(body),
        is_feedback=audience.is_lead
        or audience.as_trainer
        or author.groups.filter(name=TRAINER).exists(),
    )
    comment, created = _save_once(comment, model=Comment, client_key=client_key, author=author)
    if created and author.pk != entry.author_id:
        notify_comment(comment=comment)
    return comment


def _comment_email_allowed(*, recipient_id: int, author_id: int) -> bool:
    """Emails about comments, counted per recipient and per commenter in fixed
    windows (RATE_LIMITS["comment_email"]); past either, no email is sent."""
    from django.core.cache import cache

    allowed = True
    per_recipient, per_author = settings.RATE_LIMITS["comment_email"]
    for key, rate in (
        (f"comment-email:to:{recipient_id}", per_recipient),
        (f"comment-email:from:{author_id}", per_author),
    ):
        count, unit = rate.split("/")
        period = {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit[-1]] * int(unit[:-1] or 1)
        window_key = f"{key}:{int(timezone.now().timestamp() // period)}"
        cache.add(window_key, 0, period + 60)
        try:
            used = cache.incr(window_key)
        except ValueError:  # expired between add and incr
            cache.set(window_key, 1, period + 60)
            used = 1
        allowed = allowed and used <= int(count)
    return allowed


def notify_comment(*, comment: Comment) -> None:
    """In the app, and by email through the configured backend; the email holds no
    journal or comment text, only a link. Past the email rate (a busy discussion,
    or someone commenting to flood an inbox) the in-app notification and the
    comment are kept and only the email is skipped."""
    owner = comment.entry.author
    Notification.objects.create(user=owner, comment=comment)
    if not _comment_email_allowed(recipient_id=owner.pk, author_id=comment.author_id):
        return
    transaction.on_commit(
        lambda: send_mail(
            subject="New comment on your shared reflection",
            message=(
                f"{comment.author.display_name or 'Someone'} commented on a reflection you "
                f"shared on IOM Compass.\n\nRead it: {settings.WAGTAILADMIN_BASE_URL}"
                "/journal/notifications/\n"
            ),
            from_email=None,
            recipient_list=[owner.email],
            fail_silently=True,
        )
    )


def notifications_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark the user's unread notifications (or one of them) read; how many changed."""
    unread = Notification.objects.filter(user=user, read_at=None)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


def entry_reads_record(*, entries, reader) -> None:
    """Audit reads of other people's entries (never the author's own): one row per
    reader and entry, its last read time updated, in one query."""
    now = timezone.now()
    read = [entry for entry in entries if entry.author_id != reader.pk]
    EntryRead.objects.bulk_create(
        [EntryRead(entry=entry, reader=reader, read_at=now, last_read_at=now) for entry in read],
        update_conflicts=True,
        unique_fields=["entry", "reader"],
        update_fields=["last_read_at"],
    )
    # The authors see it in "Who has looked at my records" (one more query).
    access_log_record(
        reader=reader,
        kind=AccessKind.SHARED_ENTRY,
        subjects=[(entry.author_id, entry.pk) for entry in read],
    )


def team_prompt_allowed(*, user, team) -> bool:
    """Prompts come from the team's lead (or an administrator) or any trainer."""
    from iomsite.teams.selectors import teams_led_by

    return (
        user.groups.filter(name=TRAINER).exists()
        or teams_led_by(user=user).filter(pk=team.pk).exists()
    )


@transaction.atomic
def team_prompt_create(
    *,
    team,
    author,
    question=None,
    text: str = "",
    discuss_by=None,
    client_key: UUID | None = None,
) -> TeamPrompt:
    if not team_prompt_allowed(user=author, team=team):
        raise PermissionDenied("Only the team's lead or a trainer can post a prompt.")
    text = clean_text(text).strip()
    if question is None and not text:
        raise ValidationError({"text": "Choose a question or write one"})
    if discuss_by is not None and discuss_by < timezone.localdate():
        raise ValidationError({"discuss_by": "The date must be today or in the future"})
    prompt = TeamPrompt(
        team=team, author=author, question=question, text=text, discuss_by=discuss_by
    )
    prompt.full_clean(exclude=["client_key"])
    prompt, _ = _save_once(
        prompt, model=TeamPrompt, client_key=client_key, team=team, author=author
    )
    return prompt

"""
Reflective journals: learner data that stands on its own.

An entry belongs to its author and is visible to them alone until they share
it. Every save keeps a revision; the entry carries the latest text (Markdown)
and its HTML, rendered once on save and sanitised. Sharing, comments,
notifications and the read audit are separate rows, so revoking a share is one
UPDATE and the audit never holds journal text.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

BODY_MAX_LENGTH = 20_000
COMMENT_MAX_LENGTH = 4_000


class Scaffold(models.TextChoices):
    NONE = "", "No structure"
    GIBBS = "gibbs", "Gibbs’ reflective cycle"
    DRISCOLL = "driscoll", "Driscoll: What? So what? Now what?"
    KOLB = "kolb", "Kolb’s experiential learning cycle"


class JournalEntry(models.Model):
    """One reflection: on a discussion question, or free-standing."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="journal_entries",
        db_index=False,  # (author, question, created_at) and (author, -updated_at) lead with it
    )
    # A question's id is stable across edits of its piece; an entry outlives the
    # question if a trainer removes it (SET_NULL keeps the reflection).
    question = models.ForeignKey(
        "thoughtpieces.DiscussionQuestion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="journal_entries",
    )
    #: A dilemma's rationale saved to the journal keeps a link back to the answer.
    quiz_answer = models.ForeignKey(
        "quizzes.QuizAnswer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="journal_entries",
    )
    title = models.CharField(max_length=200, blank=True)
    scaffold = models.CharField(max_length=20, choices=Scaffold.choices, blank=True)
    body = models.TextField(blank=True)
    body_html = models.TextField(blank=True, editable=False)
    #: Increases by one with every save; an autosave must name the revision it
    #: started from, so a late, older save cannot overwrite a newer one.
    revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    #: Set when the entry first completed a module's reflection step.
    reflected_at = models.DateTimeField(null=True, blank=True)
    #: The idempotency key of the form that created it: a second post of the same
    #: form (a double click, a retry) finds this entry instead of making another.
    client_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name_plural = "journal entries"
        indexes = [
            models.Index(fields=["author", "question", "created_at"]),
            models.Index(fields=["author", "-updated_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), BODY_MAX_LENGTH),
                name="journal_body_max_length",
            ),
            models.UniqueConstraint(
                fields=["author", "client_key"],
                condition=Q(client_key__isnull=False),
                name="journal_entry_one_per_client_key",
            ),
        ]

    def __str__(self):
        # Never the text: entries appear in logs and admin lists by id only.
        return f"Journal entry {self.pk}"

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        if self.question_id:
            return self.question.text
        return "Untitled reflection"


class JournalEntryRevision(models.Model):
    """Every saved version of an entry, kept for its author."""

    entry = models.ForeignKey(
        JournalEntry,
        on_delete=models.CASCADE,
        related_name="revisions",
        db_index=False,  # (entry, number) leads with it
    )
    number = models.PositiveIntegerField()
    body = models.TextField()
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["entry", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="journal_revision_number")
        ]

    def __str__(self):
        return f"Revision {self.number} of journal entry {self.entry_id}"


class JournalShare(models.Model):
    """An entry shared with one team, or with one trainer for feedback. Revoking
    sets `revoked_at`; access stops on the next request."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="shares")
    team = models.ForeignKey(
        "teams.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(team__isnull=False, trainer__isnull=True)
                | Q(team__isnull=True, trainer__isnull=False),
                name="journal_share_one_audience",
            ),
            models.UniqueConstraint(
                fields=["entry", "team"],
                condition=Q(revoked_at__isnull=True, team__isnull=False),
                name="journal_share_one_live_per_team",
            ),
            models.UniqueConstraint(
                fields=["entry", "trainer"],
                condition=Q(revoked_at__isnull=True, trainer__isnull=False),
                name="journal_share_one_live_per_trainer",
            ),
        ]
        indexes = [models.Index(fields=["team", "revoked_at"])]

    def __str__(self):
        return f"Share of journal entry {self.entry_id}"


class TeamPrompt(models.Model):
    """A question a team lead or trainer puts to a team to reflect on and discuss."""

    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, related_name="prompts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    question = models.ForeignKey(
        "thoughtpieces.DiscussionQuestion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(blank=True, help_text="A question written fresh.")
    discuss_by = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    #: The idempotency key of the form that posted it (see JournalEntry.client_key).
    client_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(question__isnull=False) | ~Q(text=""), name="prompt_has_a_question"
            ),
            models.UniqueConstraint(
                fields=["team", "author", "client_key"],
                condition=Q(client_key__isnull=False),
                name="team_prompt_one_per_client_key",
            ),
        ]

    def __str__(self):
        return f"Prompt {self.pk} for team {self.team_id}"

    @property
    def prompt_text(self) -> str:
        """The prompt's headline: its author's own words when they wrote some, else
        the chosen question (shown as well, by `components/prompt.html`)."""
        return self.text or (self.question.text if self.question_id else "")


class Comment(models.Model):
    """A comment on a shared entry, in a thread. Feedback from a team lead or a
    trainer is marked so the author sees it highlighted."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    team = models.ForeignKey(
        "teams.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    #: The feedback thread between the author and one trainer (team is null).
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    body = models.TextField()
    body_html = models.TextField(editable=False)
    is_feedback = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    #: The idempotency key of the form that posted it (see JournalEntry.client_key).
    client_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), COMMENT_MAX_LENGTH),
                name="comment_max_length",
            ),
            models.UniqueConstraint(
                fields=["author", "client_key"],
                condition=Q(client_key__isnull=False),
                name="comment_one_per_client_key",
            ),
        ]

    def __str__(self):
        return f"Comment {self.pk} on journal entry {self.entry_id}"


class Notification(models.Model):
    """In-app notice (also emailed) that someone commented on your shared entry."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,  # (user, read_at) leads with it
    )
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"Notification {self.pk}"


class EntryRead(models.Model):
    """Audit of someone reading another person's entry: who, which, first and last
    time. Never the text. One row per reader and entry."""

    entry = models.ForeignKey(
        JournalEntry,
        on_delete=models.CASCADE,
        related_name="reads",
        db_index=False,  # (entry, reader) leads with it
    )
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)
    last_read_at = models.DateTimeField()

    class Meta:
        ordering = ["-last_read_at"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "reader"], name="entry_read_once_per_reader")
        ]

    def __str__(self):
        return f"Read of journal entry {self.entry_id}"

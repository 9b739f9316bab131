from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessKind(models.TextChoices):
    PROGRESS = "progress", _("Your progress, on the team progress page")
    PROGRESS_DETAIL = "progress_detail", _("Your progress step by step")
    PROGRESS_CSV = "progress_csv", _("Your progress, in a downloaded spreadsheet")
    SHARED_ENTRY = "shared_entry", _("A reflection you shared")


class ReaderRole(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    TRAINER = "trainer", _("Trainer")
    TEAM_LEAD = "team_lead", _("Team lead")
    MEMBER = "member", _("Team member")


class AccessLog(models.Model):
    """Someone other than the learner opened the learner's records: one row per
    reader, learner, kind, object and day (later reads that day move `last_at`).
    Learners see their own rows; rows older than ACCESS_LOG_RETENTION_DAYS are
    pruned (`manage.py access_log_prune`)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the unique key and (learner, -last_at) lead with it
    )
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reader_role = models.CharField(max_length=20, choices=ReaderRole.choices)
    kind = models.CharField(max_length=20, choices=AccessKind.choices)
    # The course (progress kinds) or journal entry (shared entries) by id: the
    # unique key; `course` and `team` are for display and survive deletion as NULL.
    object_id = models.PositiveBigIntegerField()
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        "teams.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    day = models.DateField()
    first_at = models.DateTimeField()
    last_at = models.DateTimeField()

    class Meta:
        ordering = ["-last_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "reader", "kind", "object_id", "day"],
                name="courses_access_once_per_reader_kind_object_day",
            )
        ]
        indexes = [
            models.Index(fields=["learner", "-last_at"]),
            models.Index(fields=["day"]),
        ]

    def __str__(self):
        return f"Access to {self.learner_id}'s {self.kind} on {self.day}"

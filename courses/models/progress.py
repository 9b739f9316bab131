"""
Learner data, in layers (see docs/ARCHITECTURE.md):

- `Step`: the live steps of every module, copied from the StreamField when a
  module is published, so dashboards count steps with a query.
- The statements themselves live in `learning_record` (`Statement`).
- `StepProgress`, `ModuleProgress`, `CourseProgress`: per-learner summaries
  that only move forward. Dashboards read these, never the record.
- `Enrolment`, `Assignment`, `Certificate`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Status(models.IntegerChoices):
    """Ordered: a summary's status may only increase."""

    NOT_STARTED = 0, "Not started"
    IN_PROGRESS = 1, "In progress"
    COMPLETED = 2, "Completed"


class Step(models.Model):
    """One step of a live module, keyed by its StreamField block id."""

    key = models.UUIDField()
    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="step_rows"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="step_rows"
    )
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=20)  # read, activity, reflect, external
    title = models.CharField(max_length=300)
    minutes = models.PositiveIntegerField(default=0)
    locked = models.BooleanField(default=False)
    marked_done_by = models.CharField(max_length=20, blank=True)  # external steps
    target_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_question_id = models.BigIntegerField(null=True, blank=True)
    # A step removed from its module keeps its row (and learners' records) but stops counting.
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["module__path", "position"]
        constraints = [
            models.UniqueConstraint(fields=["module", "key"], name="courses_step_key_per_module"),
        ]
        indexes = [
            models.Index(fields=["module", "retired", "position"]),
            models.Index(fields=["target_page", "retired"]),
            models.Index(fields=["target_question_id", "retired"]),
        ]

    def __str__(self):
        return self.title


class Enrolment(models.Model):
    class Source(models.TextChoices):
        SELF = "self", "Self-enrolled"
        ASSIGNED = "assigned", "Assigned"

    # No index of their own: the unique (user, course) and (course, active) lead with them.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        db_index=False,
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="enrolments", db_index=False
    )
    source = models.CharField(max_length=10, choices=Source.choices)
    enrolled_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="courses_one_enrolment"),
        ]
        # Covering: the course report reads the course's active learners from the index alone.
        indexes = [
            models.Index(
                fields=["course", "active"], include=["user"], name="courses_enrolment_active"
            )
        ]

    def __str__(self):
        return f"{self.user} on {self.course}"


class Assignment(models.Model):
    """A team lead's assignment of a course to one learner (team assignments fan out)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="assignments"
    )
    team = models.ForeignKey(
        "teams.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
        db_index=False,  # (team, course) leads with it
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_date = models.DateField(null=True, blank=True)
    assigned_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=Q(removed_at__isnull=True),
                name="courses_one_live_assignment",
            ),
        ]
        indexes = [models.Index(fields=["team", "course"])]

    def __str__(self):
        return f"{self.course} for {self.user}"


class StepProgress(models.Model):
    # user and course: no index of their own, (user, step) and (course, user) lead with them.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="step_progress",
        db_index=False,
    )
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="progress")
    module = models.ForeignKey("courses.ModulePage", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    status = models.PositiveSmallIntegerField(choices=Status.choices, default=Status.NOT_STARTED)
    best_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    latest_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    time_spent_seconds = models.PositiveIntegerField(default=0)
    first_activity_at = models.DateTimeField(null=True)
    last_activity_at = models.DateTimeField(null=True)
    completed_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "step"], name="courses_one_step_summary"),
        ]
        # Covering: the course report's per-step pass reads the index alone; team
        # progress and the per-learner checks use its leading columns.
        indexes = [
            models.Index(
                fields=["course", "user"],
                include=["step", "status", "time_spent_seconds"],
                name="courses_stepprogress_course",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.step} ({self.get_status_display()})"


def percent_of(completed: int, total: int) -> int:
    """Steps done as a whole percentage; what every progress figure shows."""
    return round(100 * completed / total) if total else 0


class ProgressSummary(models.Model):
    """What module and course summaries share: a forward-only status and step counts."""

    status = models.PositiveSmallIntegerField(choices=Status.choices, default=Status.NOT_STARTED)
    steps_completed = models.PositiveIntegerField(default=0)
    steps_total = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True)
    completed_at = models.DateTimeField(null=True)

    class Meta:
        abstract = True

    @property
    def percent(self) -> int:
        return percent_of(self.steps_completed, self.steps_total)


class ModuleProgress(ProgressSummary):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="module_progress",
        db_index=False,  # (user, module) leads with it
    )
    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="progress"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+", db_index=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "module"], name="courses_one_module_summary"),
        ]
        # Covering: the course report counts completed modules from the index alone.
        indexes = [
            models.Index(
                fields=["course", "user"],
                include=["module", "status"],
                name="courses_moduleprogress_course",
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.module} ({self.get_status_display()})"


class CourseProgress(ProgressSummary):
    # No index of their own: (user, course) and (course, status) lead with them.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="course_progress",
        db_index=False,
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="progress", db_index=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="courses_one_course_summary"),
        ]
        indexes = [
            models.Index(
                fields=["course", "status"], include=["user"], name="courses_courseprogress_status"
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.course} ({self.get_status_display()})"


class Certificate(models.Model):
    """Issued once when a course is completed; `code` is checkable at a public URL."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="certificates"
    )
    code = models.CharField(max_length=20, unique=True)
    learner_name = models.CharField(max_length=150)
    course_title = models.CharField(max_length=255)
    cpd_hours = models.DecimalField(max_digits=5, decimal_places=1)
    issued_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="courses_one_certificate"),
        ]

    def __str__(self):
        return f"{self.code}: {self.course_title} for {self.learner_name}"

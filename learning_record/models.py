"""
The learning record: xAPI 1.0.3 statements and what is kept beside them.

- `Statement`: append-only. Its id, actor, verb, object, result and context
  are fixed when it is written (`services.statement_report` only), so a
  statement sent twice to an LRS is the same statement.
- `LearnerAccount`: the opaque xAPI account name of each learner (never their
  email or name), created with their first statement.
- `ActivityState`: per learner, activity and verb (only "read" is kept, see
  services.STATE_VERBS), when they first and last did it. The summary pages
  read ("has this learner said they read this?"); no page reads `Statement`.
- `ForwardingState`: one row, the forwarder's last attempt and error.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class LearnerAccount(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="xapi_account"
    )
    name = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return str(self.name)


class Statement(models.Model):
    """An xAPI statement. Append-only: saving an existing row is refused, except
    for `forwarded_at`, which the forwarder sets with an UPDATE."""

    statement_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # (actor, timestamp) serves every read by learner and the cascade on erasure.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    actor_name = models.UUIDField()  # LearnerAccount.name when written
    verb = models.CharField(max_length=200)  # IRI
    object_iri = models.CharField(max_length=400)
    object_type = models.CharField(max_length=200, blank=True)  # activity type IRI
    object_name = models.CharField(max_length=300, blank=True)
    # What the object is here: "page", "step", "question" or "item", and its local id.
    object_kind = models.CharField(max_length=20)
    object_ref = models.CharField(max_length=64)
    result_score_scaled = models.DecimalField(max_digits=7, decimal_places=4, null=True, blank=True)
    result_score_raw = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    result_score_min = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    result_score_max = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    result_success = models.BooleanField(null=True)
    result_completion = models.BooleanField(null=True)
    result_duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    registration = models.UUIDField(null=True, blank=True)
    # The course and module the statement was made in, when it is exactly one of each.
    # Not indexed: no read filters on them alone (the export by course also
    # searches the parents, a scan either way); deleting a page scans once.
    course = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    module = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    # contextActivities.parent as sent: [{"id": IRI, "type": activity type IRI}, ...]
    context_parents = models.JSONField(default=list, blank=True)
    # context.extensions by short name; sent under XAPI_IRI_BASE/xapi/extensions/<name>.
    context_extensions = models.JSONField(default=dict, blank=True)
    timestamp = models.DateTimeField()
    stored = models.DateTimeField()
    # Set by the forwarder once the external LRS has accepted the statement.
    forwarded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["timestamp", "id"]
        indexes = [
            models.Index(fields=["actor", "timestamp"]),
            # The forwarder's "next batch": only the rows still waiting are indexed.
            models.Index(
                fields=["id"],
                condition=Q(forwarded_at__isnull=True),
                name="lr_statement_waiting",
            ),
            models.Index(fields=["forwarded_at"], name="lr_statement_forwarded"),
        ]

    def __str__(self):
        return f"{self.actor_id} {self.verb} {self.object_iri}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Learning records are append-only.")
        return super().save(*args, **kwargs)


class ActivityState(models.Model):
    """When a learner first and last reported a verb on an activity."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="activity_states",
        db_index=False,  # the unique (user, activity, verb) leads with it
    )
    activity = models.CharField(max_length=400)  # IRI
    verb = models.CharField(max_length=20)  # the short key (Verb)
    first_at = models.DateTimeField()
    last_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "activity", "verb"], name="lr_one_activity_state"
            ),
        ]

    def __str__(self):
        return f"{self.user_id} {self.verb} {self.activity}"


class ForwardingState(models.Model):
    """The one row (pk=1) the forwarder keeps about the external LRS."""

    last_attempt_at = models.DateTimeField(null=True)
    last_success_at = models.DateTimeField(null=True)
    last_error = models.CharField(max_length=500, blank=True)
    failures = models.PositiveIntegerField(default=0)  # in a row, for the back-off
    retry_after = models.DateTimeField(null=True)

    def __str__(self):
        return "xAPI forwarding"

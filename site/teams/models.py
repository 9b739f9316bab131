from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.search import index


class Team(index.Indexed, ClusterableModel):
    """A multi-agency IOM team in one area; its leads manage its membership."""

    name = models.CharField(max_length=120, unique=True)
    area = models.CharField(
        max_length=120,
        help_text="The police force or local authority area the team covers.",
    )
    description = models.TextField(blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="TeamMembership", related_name="teams"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("area"),
        FieldPanel("description"),
        InlinePanel("memberships", heading="Members", label="Member"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("area")]

    class Meta:
        ordering = ["area", "name"]
        permissions = [
            ("lead_team", "Can lead teams (manage membership of the teams they lead)"),
            ("manage_all_teams", "Can manage every team's membership"),
        ]

    def __str__(self):
        return f"{self.name} ({self.area})"


class TeamMembership(models.Model):
    """One person's place in one team; `is_lead` marks the team's leads."""

    team = ParentalKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_memberships"
    )
    is_lead = models.BooleanField(default=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("user"), FieldPanel("is_lead")]

    class Meta:
        ordering = ["-is_lead", "user__display_name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="teams_one_membership_per_user"),
        ]
        indexes = [models.Index(fields=["user", "is_lead"])]

    def __str__(self):
        role = "lead" if self.is_lead else "member"
        return f"{self.user} in {self.team} ({role})"


class TeamInvitation(models.Model):
    """An invitation to join a team, which only the invited person can accept.

    The address is kept as a keyed hash (to match an account created later) and a
    masked hint for the lead's list, never in clear. `user` is the account the
    address belonged to when the invitation was sent, if any."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations")
    email_hash = models.CharField(max_length=64)
    email_hint = models.CharField(max_length=120)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="team_invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    as_lead = models.BooleanField(default=False)
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "email_hash"],
                condition=models.Q(accepted_at=None, declined_at=None, cancelled_at=None),
                name="teams_one_open_invitation_per_address",
            ),
        ]
        indexes = [models.Index(fields=["email_hash"]), models.Index(fields=["user"])]

    def __str__(self):
        return f"Invitation to {self.team} ({self.email_hint})"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.declined_at is None and self.cancelled_at is None

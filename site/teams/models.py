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

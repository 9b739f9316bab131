"""Joining or leaving a team, and a team's rename, count on the members' record
stamps (`iomsite.accounts.record_stamp`): their pages show their teams."""

from django.db import migrations

from iomsite.accounts.record_stamp import team_members, triggers


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_record_stamp"),
        ("teams", "0002_team_invitation"),
    ]

    operations = [
        triggers("teams_teammembership", "user_id"),
        # A new team has no members yet and a deleted one's memberships go
        # first (and count), so only a change to the team itself is left.
        triggers("teams_team", who=team_members("id"), events=("update",)),
    ]

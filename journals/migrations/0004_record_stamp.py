"""Writes to this app's learner tables count on the learner's record stamp
(`iomsite.accounts.record_stamp`)."""

from django.db import migrations

from iomsite.accounts.record_stamp import entry_author, named, team_members, triggers


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_record_stamp"),
        ("journals", "0003_indexes_that_earn_their_keep"),
    ]

    operations = [
        triggers("journals_journalentry", "author_id"),
        triggers("journals_notification", "user_id"),
        triggers("journals_teamprompt", who=team_members("team_id")),
        triggers(
            "journals_journalshare",
            who=f"{named('trainer_id')} UNION {entry_author('entry_id')}",
        ),
    ]

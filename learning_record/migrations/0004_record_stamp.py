"""Writes to this app's learner tables count on the learner's record stamp
(`iomsite.accounts.record_stamp`)."""

from django.db import migrations

from iomsite.accounts.record_stamp import triggers


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_record_stamp"),
        ("learning_record", "0003_indexes_that_earn_their_keep"),
    ]

    operations = [
        triggers("learning_record_activitystate", "user_id"),
    ]

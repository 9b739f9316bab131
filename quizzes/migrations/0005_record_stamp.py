"""Writes to this app's learner tables count on the learner's record stamp
(`iomsite.accounts.record_stamp`)."""

from django.db import migrations

from iomsite.accounts.record_stamp import triggers


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_record_stamp"),
        ("quizzes", "0004_indexes_that_earn_their_keep"),
    ]

    operations = [
        triggers("quizzes_quizattempt", "user_id"),
        triggers("quizzes_quizanswer", "user_id"),
    ]

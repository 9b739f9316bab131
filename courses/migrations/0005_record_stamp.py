"""Writes to this app's learner tables count on the learner's record stamp
(`iomsite.accounts.record_stamp`)."""

from django.db import migrations

from iomsite.accounts.record_stamp import triggers


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_record_stamp"),
        ("courses", "0004_indexes_that_earn_their_keep"),
    ]

    operations = [
        triggers("courses_enrolment", "user_id"),
        triggers("courses_assignment", "user_id"),
        triggers("courses_stepprogress", "user_id"),
        triggers("courses_moduleprogress", "user_id"),
        triggers("courses_courseprogress", "user_id"),
        triggers("courses_certificate", "user_id"),
    ]

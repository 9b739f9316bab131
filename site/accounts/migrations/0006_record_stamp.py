"""Record stamps (`iomsite.accounts.record_stamp`): the table, and the trigger
that moves a person's stamp when they are deleted. Each learner-data app adds
the triggers on its own tables in its next migration."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from iomsite.accounts.record_stamp import triggers


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_retire_wagtail_default_groups"),
    ]

    operations = [
        migrations.CreateModel(
            name="RecordStamp",
            fields=[
                (
                    "user",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="record_stamp",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        triggers("accounts_user", "id", events=("delete",)),
    ]

"""Wagtail's default "Moderators" and "Editors" groups, beside our roles, made two
ways to say the same thing. Their members move to our equivalent roles
(Moderators → Administrator, Editors → Trainer), any approval task that named
them names our role instead (so pages in moderation stay approvable), and the
groups go. Our roles' permissions are set by `roles.roles_ensure` after every
migrate; a permission only the old group held is logged, not copied, because a
role grants exactly its own list (docs/ARCHITECTURE.md "Roles")."""

import logging

from django.db import migrations

logger = logging.getLogger(__name__)

MOVES = {"Moderators": "Administrator", "Editors": "Trainer"}


def retire(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("accounts", "User")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Membership = User.groups.through
    for old_name, new_name in MOVES.items():
        old = Group.objects.filter(name=old_name).first()
        if old is None:
            continue
        new, _ = Group.objects.get_or_create(name=new_name)
        members = Membership.objects.filter(group_id=old.pk).values_list("user_id", flat=True)
        have = set(
            Membership.objects.filter(group_id=new.pk).values_list("user_id", flat=True)
        )
        Membership.objects.bulk_create(
            [Membership(user_id=user_id, group_id=new.pk) for user_id in members if user_id not in have]
        )
        for task in GroupApprovalTask.objects.filter(groups=old):
            task.groups.add(new)
            task.groups.remove(old)
        extra = set(old.permissions.values_list("codename", flat=True)) - set(
            new.permissions.values_list("codename", flat=True)
        )
        if extra and new.permissions.exists():
            logger.warning(
                "Group %s held permissions the %s role does not: %s",
                old_name,
                new_name,
                ", ".join(sorted(extra)),
            )
        old.delete()  # its page and collection permissions go with it


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_display_name_mixed_script"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # After every Wagtail migration that creates or grants to these groups.
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(retire, migrations.RunPython.noop)]

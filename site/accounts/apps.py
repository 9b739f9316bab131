from django.apps import AppConfig
from django.db.models.signals import post_migrate
from wagtail.users.apps import WagtailUsersAppConfig


def _ensure_roles(sender, using, **kwargs):
    """After every migrate: make sure every permission exists, then the roles."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from .roles import roles_ensure

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    roles_ensure()


def _people_touched(instance, action, reverse, pk_set, members) -> set:
    """Whose groups (or own permissions) an m2m change touched, from either
    side: `user.groups.add(...)` or `group.user_set.remove(...)`. `members(x)`
    lists the people holding x, read before a `clear` from its side."""
    if not reverse:
        return {instance.pk} if action.startswith("post_") else set()
    if action == "pre_clear":
        return set(members(instance).values_list("pk", flat=True))
    return set(pk_set or ()) if action in ("post_add", "post_remove") else set()


def _groups_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    """Someone's groups changed: their role checks and permissions read afresh."""
    from . import permissions_cache
    from .models import User
    from .roles import forget_signed_in_facts

    def members(group):
        return User.objects.filter(groups=group)

    in_hand = None if reverse else instance  # that object's own copy goes too
    for user_id in _people_touched(instance, action, reverse, pk_set, members):
        forget_signed_in_facts(in_hand, user_id=user_id)
        permissions_cache.forget(user_id)


def _own_permissions_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    """Someone's own permissions changed (none are given that way today)."""
    from . import permissions_cache
    from .models import User

    def members(permission):
        return User.objects.filter(user_permissions=permission)

    for user_id in _people_touched(instance, action, reverse, pk_set, members):
        permissions_cache.forget(user_id)


def _group_changed(sender, instance, **kwargs):
    """A group renamed or about to be deleted (which removes its memberships
    without m2m_changed): its members' role names read afresh."""
    from .models import User
    from .roles import forget_signed_in_facts

    if instance.pk is None:
        return
    for user_id in User.objects.filter(groups=instance).values_list("pk", flat=True):
        forget_signed_in_facts(user_id=user_id)


def _device_changed(sender, instance, **kwargs):
    from .roles import forget_signed_in_facts

    cached_user = instance._state.fields_cache.get("user")
    if cached_user is not None:
        forget_signed_in_facts(cached_user)
    else:
        forget_signed_in_facts(user_id=instance.user_id)


class AccountsConfig(AppConfig):
    name = "iomsite.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    default = True

    def ready(self):
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="accounts.ensure_roles")
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from . import pending  # noqa: F401 - its user_logged_in receiver
        from .models import User

        m2m_changed.connect(
            _groups_changed, sender=User.groups.through, dispatch_uid="accounts.facts-groups"
        )
        for signal in (post_save, post_delete):
            signal.connect(_device_changed, sender=TOTPDevice, dispatch_uid=f"facts-{id(signal)}")
        # Django's permission sets kept in the shared cache (`permissions_cache`).
        from django.contrib.auth.models import Group, Permission

        from . import permissions_cache

        m2m_changed.connect(
            _own_permissions_changed,
            sender=User.user_permissions.through,
            dispatch_uid="perms-user-permissions",
        )
        m2m_changed.connect(
            permissions_cache.invalidate,
            sender=Group.permissions.through,
            dispatch_uid="perms-group-permissions",
        )
        for model in (Group, Permission):
            post_delete.connect(
                permissions_cache.invalidate, sender=model, dispatch_uid=f"perms-{model}"
            )
        from django.db.models.signals import pre_delete

        pre_delete.connect(_group_changed, sender=Group, dispatch_uid="facts-group-delete")
        post_save.connect(_group_changed, sender=Group, dispatch_uid="facts-group-save")
        post_migrate.connect(permissions_cache.invalidate, dispatch_uid="perms-migrate")


class CompassUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with display name and agency on its forms."""

    user_viewset = "iomsite.accounts.viewsets.UserViewSet"

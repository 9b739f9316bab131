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


class AccountsConfig(AppConfig):
    name = "iomsite.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    default = True

    def ready(self):
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="accounts.ensure_roles")
        from . import pending  # noqa: F401 - its user_logged_in receiver


class CompassUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with display name and agency on its forms."""

    user_viewset = "iomsite.accounts.viewsets.UserViewSet"

from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project itself: site-wide templates tags and form rendering."""

    name = "iomsite"
    label = "iomsite"
    verbose_name = "IOM Compass"

    def ready(self):
        from .search.signals import connect

        connect()

        from . import registrations

        registrations.register()

from django.apps import AppConfig


class EditingConfig(AppConfig):
    """Page creation in the Wagtail admin that survives autosave (issue 13)."""

    name = "iomsite.editing"
    label = "editing"
    verbose_name = "Page editing"

    def ready(self):
        from . import publication

        publication.connect()

from django.apps import AppConfig


class UploadsConfig(AppConfig):
    """What happens to uploaded files: images lose their metadata, documents are
    checked by content and size (docs/security/uploads.md)."""

    name = "iomsite.uploads"
    label = "uploads"
    verbose_name = "Uploads"

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers the checks and receivers)

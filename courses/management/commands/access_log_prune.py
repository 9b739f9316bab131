"""Delete access log rows older than ACCESS_LOG_RETENTION_DAYS (run it daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from courses.services import access_log_prune


class Command(BaseCommand):
    help = "Delete 'Who has looked at my records' rows older than ACCESS_LOG_RETENTION_DAYS."

    def handle(self, *args, **options):
        deleted = access_log_prune()
        self.stdout.write(
            f"Deleted {deleted} access log rows older than "
            f"{settings.ACCESS_LOG_RETENTION_DAYS} days."
        )

"""Delete kept forms past their expiry (run daily, like `clearsessions`)."""

from django.core.management.base import BaseCommand

from iomsite.accounts.pending import pending_clear_expired


class Command(BaseCommand):
    help = "Delete forms kept after a session ended that are past their expiry."

    def handle(self, *args, **options):
        deleted = pending_clear_expired()
        self.stdout.write(f"Deleted {deleted} expired kept form(s).")

"""Send every waiting statement to the external LRS now (the periodic sweep).

manage.py xapi_forward          # respects the back-off after a failure
manage.py xapi_forward --force  # tries at once
"""

from django.core.management.base import BaseCommand, CommandError

from learning_record.forwarding import forward_pending, forwarding_enabled


class Command(BaseCommand):
    help = "Forward waiting xAPI statements to the LRS set in XAPI_LRS_ENDPOINT."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="ignore the back-off")

    def handle(self, *args, force, **options):
        if not forwarding_enabled():
            raise CommandError("XAPI_LRS_ENDPOINT is not set: there is no LRS to forward to.")
        result = forward_pending(force=force, max_batches=10_000)
        if result.skipped:
            self.stdout.write("Waiting out the back-off after the last failure (use --force).")
        elif result.error:
            raise CommandError(f"Sent {result.sent}, then the LRS failed: {result.error}")
        else:
            self.stdout.write(f"Sent {result.sent} statement(s).")

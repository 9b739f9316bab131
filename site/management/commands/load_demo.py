from contextlib import contextmanager

from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError

from iomsite.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_load


@contextmanager
def emails_held():
    """The demo's comments notify people by email as real ones do; those emails
    are kept in memory (Django's locmem backend) and never sent or printed. Yields
    the list they land in."""
    backend, had_outbox = settings.EMAIL_BACKEND, hasattr(mail, "outbox")
    outbox = getattr(mail, "outbox", None)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = held = []
    try:
        yield held
    finally:
        settings.EMAIL_BACKEND = backend
        if had_outbox:
            mail.outbox = outbox
        else:
            del mail.outbox


class Command(BaseCommand):
    help = (
        "Load the demo site tree, teams and one account per role. Safe to run again. "
        "Accounts are refused unless DJANGO_DEBUG is on, because their password is public."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--content-only",
            action="store_true",
            help="Build the site tree and teams only (allowed with DJANGO_DEBUG off).",
        )

    def handle(self, *args, content_only=False, **options):
        if not content_only and not settings.DEBUG:
            raise CommandError(
                "load_demo creates accounts with a published password, so it refuses to run "
                "with DJANGO_DEBUG off. Use --content-only for the site tree without accounts."
            )
        with emails_held() as held:
            counts = demo_load(with_accounts=not content_only)
        self.stdout.write(
            f"Demo ready: {counts['pages']} page(s) and {counts['people']} account(s) created, "
            f"{counts['teams']} team(s) in place."
        )
        if held:
            self.stdout.write(
                f"{len(held)} notification email(s) for the demo's comments were composed and "
                f"not sent; their links start {settings.WAGTAILADMIN_BASE_URL}."
            )
        if content_only:
            return
        self.stdout.write(
            f"Demo accounts (for local use only), all with the password {DEMO_PASSWORD!r}:"
        )
        for person in DEMO_ACCOUNTS:
            self.stdout.write(f"  {', '.join(person.roles):<28} {person.email}")
        self.stdout.write(
            "Trainers, team leads and administrators set up two-factor sign-in the first "
            "time they sign in: scan the QR code with any authenticator app (or type the "
            "key it shows). No secrets are pre-seeded."
        )

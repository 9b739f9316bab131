"""
Time the journal on seeded data (run after `seed_scale`):

    manage.py bench_journals --runs 30

It runs in one transaction that is rolled back, so it leaves nothing behind.
Autosave (each run a new revision of a 2,000-character entry), the journal list
of a learner with 200 entries on 3 pieces' questions, and a team discussion with
50 shared entries and 150 comments. Server time around Django's handling of the
request (test client, no network) after a warm-up, with the query count.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from iomsite.benchmark import signed_in_client, table_row, timed_requests
from iomsite.teams.models import TeamMembership
from thoughtpieces.models import DiscussionQuestion

from ... import services


class Command(BaseCommand):
    help = "Benchmark journal autosave, the journal list and a team discussion."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args, runs, **options):
        # Everything it creates is rolled back, and no notification email is sent.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            with transaction.atomic():
                self._bench(runs)
                transaction.set_rollback(True)

    def _bench(self, runs):
        questions = list(DiscussionQuestion.objects.order_by("pk")[:3])
        lead_row = (
            TeamMembership.objects.filter(team__name__startswith="Scale team", is_lead=True)
            .select_related("team", "user")
            .first()
        )
        if not questions or lead_row is None:
            raise CommandError("Run `load_demo --content-only` and `seed_scale` first.")
        team = lead_row.team
        members = [
            m.user
            for m in TeamMembership.objects.filter(team=team, is_lead=False).select_related("user")[
                :50
            ]
        ]
        writer = members[0]
        text = ("I listened first and then we agreed a plan. " * 45)[:2000]
        for n in range(200):
            services.journal_entry_create(
                author=writer, question=questions[n % 3], body=f"{text} ({n})"
            )
        discussed = questions[0]
        for n, member in enumerate(members):
            entry = services.journal_entry_create(
                author=member, question=discussed, body=f"{text} ({n})"
            )
            services.journal_entry_share(entry=entry, author=member, team=team)
            for other in members[n + 1 : n + 4]:
                services.comment_add(
                    entry=entry,
                    author=other,
                    body="Thank you: that helped me think about mine.",
                    audience=services.Audience(team_id=team.pk),
                )
        entry = services.journal_entry_create(author=writer, question=discussed, body=text)
        client = signed_in_client(writer)
        revision = {"n": entry.revision}

        def autosave(run):
            response = client.post(
                f"/journal/entries/{entry.pk}/autosave/",
                {"body": f"{text} edit {run}", "revision": str(revision["n"])},
            )
            revision["n"] = response.json()["revision"]
            return response

        self.stdout.write("| Request | Median ms | p95 ms | Queries |")
        self.stdout.write("| --- | ---: | ---: | ---: |")
        self._row("Autosave (2,000 characters)", *self._timed(autosave, runs))
        self._row(
            "Journal list (200 entries)", *self._timed(lambda run: client.get("/journal/"), runs)
        )
        lead = signed_in_client(lead_row.user)
        url = f"/journal/teams/{team.pk}/questions/{discussed.pk}/"
        self._row(
            f"Team discussion ({len(members)} shared entries, comments)",
            *self._timed(lambda run: lead.get(url), runs),
        )

    def _timed(self, request, runs):
        return timed_requests(request, runs)

    def _row(self, label, timings, queries):
        self.stdout.write(table_row(label, timings, queries))

"""
Time the three dashboards (and the team CSV) on seeded data:

    manage.py seed_scale ... && manage.py bench_dashboards --runs 30

Server time is measured around Django's handling of each request (the test
client: middleware, views, queries, templates; no network), after one warm-up
request. Prints median and p95 milliseconds and the query count per page.
"""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from courses.models import CoursePage, Enrolment
from iomsite.accounts.models import User
from iomsite.benchmark import percentile, signed_in_client
from iomsite.teams.models import Team, TeamMembership


class Command(BaseCommand):
    help = "Benchmark My learning, team progress, course report and the CSV export."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args, runs, **options):
        team = (
            Team.objects.filter(name__startswith="Scale team")
            .annotate(n=Count("memberships"))
            .order_by("-n", "pk")
            .first()
        )
        if team is None:
            raise CommandError("No scale data: run `manage.py seed_scale` first.")
        lead = TeamMembership.objects.filter(team=team, is_lead=True).select_related("user").get()
        learner = (
            TeamMembership.objects.filter(team=team, is_lead=False).select_related("user")[0].user
        )
        trainer = User.objects.get(email="trainer@scale.example.org")
        course = CoursePage.objects.annotate(n=Count("enrolments")).order_by("-n", "pk").first()
        team_course = Enrolment.objects.filter(user=learner).order_by("course_id")[0].course_id
        pages = [
            ("My learning (learner, 3 courses)", learner, "/learning/"),
            (
                f"Team progress ({team.memberships.count()} members)",
                lead.user,
                f"/learning/team/{team.pk}/?course={team_course}",
            ),
            (
                f"Team CSV export ({team.memberships.count()} members)",
                lead.user,
                f"/learning/team/{team.pk}/export.csv?course={team_course}",
            ),
            (
                f"Course report ({course.enrolments.count()} learners)",
                trainer,
                f"/learning/reports/{course.pk}/",
            ),
        ]
        self.stdout.write("| Page | Median ms | p95 ms | Queries |")
        self.stdout.write("| --- | ---: | ---: | ---: |")
        for label, user, url in pages:
            client = signed_in_client(user)
            response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            _drain(response)
            timings, queries = [], 0
            for _ in range(runs):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    _drain(client.get(url))
                    timings.append((time.perf_counter() - started) * 1000)
                queries = len(captured)
            self.stdout.write(
                f"| {label} | {statistics.median(timings):.0f} | "
                f"{percentile(timings, 0.95):.0f} | {queries} |"
            )


def _drain(response) -> None:
    if getattr(response, "streaming", False):
        for _ in response.streaming_content:
            pass

"""
The issue-15 shapes, side by side: team progress, its CSV and the team page for
teams of 30, 300 and 3,000 learners on one course of 40 steps, and content
pages against a bare Django view and a plain Wagtail page.

    manage.py bench_shapes --runs 15 --sizes 30,300,3000

Adds its own course ("Shapes course", 8 modules × 5 steps, published through
Wagtail) and teams ("Shape team N") to the current database the first time,
in bulk (`courses.factories.cohort_bulk_create`), and reuses them after. Times
are medians and 95th percentiles through Django's test client after a warm-up
(middleware, views, queries, templates; no network), with the response size and
query count. On a shared machine read the ratios rather than the milliseconds.
"""

import statistics
import time

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.http import HttpResponse
from django.template import Context, Template
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path

from courses.factories import cohort_bulk_create, make_course, step
from courses.models import CoursePage
from iomsite import warm_up
from iomsite.accounts.models import User
from iomsite.accounts.roles import TEAM_LEAD
from iomsite.benchmark import AS_WITH_REDIS, percentile, signed_in_client
from iomsite.teams.models import Team, TeamMembership

MODULES, STEPS = 8, 5
BARE = Template("<!DOCTYPE html><title>{{ title }}</title><p>{{ text }}</p>")


def bare_view(request):
    """The floor: a Django view rendering a small template, no database."""
    return HttpResponse(BARE.render(Context({"title": "Bare", "text": "A small page."})))


urlpatterns = [path("__bench/bare/", bare_view), path("", include("iomsite.urls"))]


def shapes_course() -> CoursePage:
    """The benchmark's course of 8 modules × 5 steps, made the first time."""
    course = CoursePage.objects.filter(title="Shapes course").first()
    if course is not None:
        return course
    return make_course(
        title="Shapes course",
        modules=[
            {
                "title": f"Shapes module {m}",
                "steps": [
                    step("external", 10, title=f"Activity {m}.{s}") for s in range(1, STEPS + 1)
                ],
            }
            for m in range(1, MODULES + 1)
        ],
    )


def shape_team(size: int, course: CoursePage, log=None) -> tuple[Team, User]:
    """A team of `size` learners on `course` with its lead, made the first time
    (in bulk); `log(text)` hears how long that took."""
    team, created = Team.objects.get_or_create(
        name=f"Shape team {size}", defaults={"area": "Benchmarks"}
    )
    lead, _ = User.objects.get_or_create(
        email=f"shape-lead-{size}@scale.example.org",
        defaults={"display_name": f"Shape lead {size}"},
    )
    lead.groups.add(Group.objects.get(name=TEAM_LEAD))
    TeamMembership.objects.get_or_create(team=team, user=lead, defaults={"is_lead": True})
    if created:
        started = time.perf_counter()
        with transaction.atomic():
            cohort_bulk_create(team=team, course=course, count=size)
        if log:
            log(f"(made a team of {size} in {time.perf_counter() - started:.1f} s)")
    return team, lead


def response_body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


class Command(BaseCommand):
    help = "Time team progress, the CSV and the team page at 30/300/3,000, and content pages."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=15)
        parser.add_argument("--sizes", default="30,300,3000")

    def handle(self, *args, runs, sizes, **options):
        try:
            sizes = [int(size) for size in sizes.split(",")]
        except ValueError as error:
            raise CommandError("--sizes takes whole numbers, e.g. 30,300,3000") from error
        with override_settings(**AS_WITH_REDIS):
            self._measure(sizes, runs)

    def _measure(self, sizes: list[int], runs: int) -> None:
        course = shapes_course()
        self.stdout.write(f"Team pages: one course of {MODULES * STEPS} steps ({course.title}).")
        self.stdout.write("")
        self.stdout.write("| Request | Learners | Median ms | p95 ms | KB | Queries |")
        self.stdout.write("| --- | ---: | ---: | ---: | ---: | ---: |")
        rows = []
        for size in sizes:
            team, lead = shape_team(size, course, log=self.stderr.write)
            client = signed_in_client(lead)
            for label, url in (
                ("Team progress", f"/learning/team/{team.pk}/?course={course.pk}"),
                ("Team CSV (streamed)", f"/learning/team/{team.pk}/export.csv?course={course.pk}"),
                ("Team page", f"/team/{team.pk}/"),
            ):
                rows.append((label, size, client, url))
                response_body(client.get(url))  # every page warm before any is timed
        warm_up.freeze_done()  # as a server has by its hundredth response
        for label, size, client, url in rows:
            self._row(label, size, client, url, runs)
        self.stdout.write("")
        self._content(runs)

    def _row(self, label: str, size, client, url: str, runs: int) -> None:
        timings, queries, size_bytes = [], 0, 0
        for run in range(runs + 1):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                body = response_body(response)
                elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            if run:  # run 0 warms the caches
                timings.append(elapsed)
                queries, size_bytes = len(captured), len(body)
        self.stdout.write(
            f"| {label} | {size} | {statistics.median(timings):.0f} | "
            f"{percentile(timings, 0.95):.0f} | {size_bytes / 1024:.0f} | {queries} |"
        )

    def _content(self, runs: int) -> None:
        from thoughtpieces.models import ThoughtPiecePage

        pieces = sorted(
            ThoughtPiecePage.objects.live().public().specific(),
            key=lambda piece: len(str(piece.body)),
        )
        if not pieces:
            raise CommandError("No Thought Pieces: run `manage.py load_demo --content-only` first.")
        rows = [
            ("Bare Django view, small template", "/__bench/bare/"),
            ("Home page (Wagtail page, site chrome)", "/"),
            (f"Thought Piece, shortest ({pieces[0].title})", pieces[0].url),
            (f"Thought Piece, longest ({pieces[-1].title})", pieces[-1].url),
        ]
        self.stdout.write("Content pages, anonymous:")
        self.stdout.write("")
        self.stdout.write("| Page | Median ms | p95 ms | KB | Queries | × bare view |")
        self.stdout.write("| --- | ---: | ---: | ---: | ---: | ---: |")
        client = Client(HTTP_HOST="localhost")
        floor = None
        with override_settings(ROOT_URLCONF=__name__):
            for label, url in rows:
                timings, queries, size = [], 0, 0
                for run in range(runs + 1):
                    with CaptureQueriesContext(connection) as captured:
                        started = time.perf_counter()
                        response = client.get(url)
                        elapsed = (time.perf_counter() - started) * 1000
                    if response.status_code != 200:
                        raise CommandError(f"{url} answered {response.status_code}")
                    if run:
                        timings.append(elapsed)
                        queries, size = len(captured), len(response.content)
                median = statistics.median(timings)
                floor = floor or median
                self.stdout.write(
                    f"| {label} | {median:.1f} | {percentile(timings, 0.95):.1f} | "
                    f"{size / 1024:.0f} | {queries} | {median / floor:.1f} |"
                )

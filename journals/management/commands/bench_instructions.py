"""
Instructions per warm render under callgrind, which do not drift on a shared
machine the way milliseconds do (issue 15's yardstick):

    make bench-instructions
    manage.py bench_instructions --renders 10 --team 300

Run plainly, the command starts itself again under `valgrind --tool=callgrind
--instr-atstart=no` (valgrind from Debian, /usr/bin/valgrind). Inside, once the
pages are ready (the demo's practitioner signed in, an open quiz attempt, the
benchmark's team of `--team` learners), it switches instrumentation on, renders
each page three times to warm it, then zeroes callgrind's counters, renders the
page `--renders` times through Django's test client and dumps the counters.
A page's figure is that count, less an empty zero-and-dump, divided by the
renders. Queries are counted on one more render. It sits in an activity app
because it visits pages of every layer.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

UNDER_CALLGRIND = "BENCH_INSTRUCTIONS_OUT"
# The bare view and the site's URLs, as bench_shapes serves them.
BENCH_URLS = "courses.management.commands.bench_shapes"


class Command(BaseCommand):
    help = "Count instructions per warm render of the content and learner pages (callgrind)."

    def add_arguments(self, parser):
        parser.add_argument("--renders", type=int, default=10)
        parser.add_argument("--team", type=int, default=300, help="team progress size; 0: skip")
        parser.add_argument("--learner", default="practitioner@example.org")
        parser.add_argument(
            "--only", default="", help="count only pages whose label contains this (any case)"
        )

    def handle(self, *args, renders, team, learner, only, **options):
        if renders < 1:
            raise CommandError("--renders takes a whole number of at least 1")
        if os.environ.get(UNDER_CALLGRIND):
            self._count(renders=renders, team=team, learner=learner, only=only)
        else:
            self._start_under_callgrind()

    def _start_under_callgrind(self) -> None:
        valgrind = shutil.which("valgrind")
        if valgrind is None:
            raise CommandError("valgrind is not installed: apt-get install valgrind")
        out = Path(tempfile.mkdtemp(prefix="bench-instructions-"))
        command = [
            valgrind,
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={out}/cg.%p",
            sys.executable,
            *sys.argv,
        ]
        finished = subprocess.run(command, env={**os.environ, UNDER_CALLGRIND: str(out)})
        shutil.rmtree(out, ignore_errors=True)
        if finished.returncode:
            raise CommandError(f"the run under callgrind failed ({finished.returncode})")

    # --- inside callgrind ------------------------------------------------------------

    def _count(self, *, renders: int, team: int, learner: str, only: str) -> None:
        from iomsite import warm_up
        from iomsite.benchmark import AS_WITH_REDIS

        pages = self._pages(team=team, learner=learner)
        # The bare view always, as the yardstick of the last column.
        wanted = pages[:1] + [page for page in pages[1:] if only.lower() in page[0].lower()]
        if len(wanted) == 1 and only:
            raise CommandError(f"No page's label contains {only!r}.")
        self._callgrind("--instr=on")
        # One override for warming and counting: leaving one and entering
        # another clears the URL resolver's caches, which the first page
        # counted would then rebuild (about 70 M instructions).
        with override_settings(**AS_WITH_REDIS, ROOT_URLCONF=BENCH_URLS):
            for _label, client, url in pages:  # every page warm before any is counted
                for _ in range(3):
                    self._get(client, url)
            warm_up.freeze_done()  # as a server has by its hundredth response
            self._count_pages(wanted, renders)

    def _count_pages(self, pages, renders: int) -> None:
        floor = None
        empty = self._measure(lambda: None)
        self.stdout.write(
            f"Instructions per warm render (callgrind, {renders} renders each, "
            f"DEBUG off, {connection.vendor}):"
        )
        self.stdout.write("")
        self.stdout.write("| Page | M instructions | Queries | KB | × bare view |")
        self.stdout.write("| --- | ---: | ---: | ---: | ---: |")
        for label, client, url in pages:
            total = self._measure(lambda c=client, u=url: [self._get(c, u) for _ in range(renders)])
            per_render = max(0, total - empty) / renders
            with CaptureQueriesContext(connection) as captured:
                body = self._get(client, url)
            floor = floor or per_render
            self.stdout.write(
                f"| {label} | {per_render / 1e6:.1f} | {len(captured)} | "
                f"{len(body) / 1024:.0f} | {per_render / floor:.1f} |"
            )

    @staticmethod
    def _get(client, url: str) -> bytes:
        from courses.management.commands.bench_shapes import response_body

        response = client.get(url)
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        return response_body(response)

    def _measure(self, work) -> int:
        """Instructions `work()` took: zero the counters, run it, dump them."""
        self._callgrind("--zero")
        work()
        return self._dump()

    def _callgrind(self, *arguments: str) -> None:
        subprocess.run(
            ["callgrind_control", *arguments, str(os.getpid())], check=True, capture_output=True
        )

    def _dump(self) -> int:
        out = Path(os.environ[UNDER_CALLGRIND])
        before = set(out.glob(f"cg.{os.getpid()}.*"))
        self._callgrind("--dump")
        for _ in range(200):
            new = set(out.glob(f"cg.{os.getpid()}.*")) - before
            for dump in new:
                match = re.search(r"^(?:summary|totals): (\d+)", dump.read_text(), re.M)
                if match:
                    dump.unlink()
                    return int(match.group(1))
            time.sleep(0.05)
        raise CommandError("callgrind wrote no dump")

    # --- the pages ---------------------------------------------------------------

    def _pages(self, *, team: int, learner: str) -> list[tuple[str, Client, str]]:
        from courses.models import CoursePage, ModulePage
        from iomsite.accounts.models import User
        from iomsite.benchmark import signed_in_client
        from iomsite.home.models import StandardPage
        from quizzes import services as quiz_services
        from quizzes.models import QuizPage
        from thoughtpieces.models import ThoughtPiecePage

        person = User.objects.filter(email=learner).first()
        if person is None:
            raise CommandError(f"No user {learner}: run `manage.py load_demo` first.")
        pieces = sorted(
            ThoughtPiecePage.objects.live().public().specific(),
            key=lambda piece: len(str(piece.body)),
        )
        course = CoursePage.objects.live().public().first()
        module = ModulePage.objects.live().public().first()
        quiz = QuizPage.objects.live().public().first()
        standard = StandardPage.objects.live().public().first()
        if not (pieces and course and module and quiz and standard):
            raise CommandError("The demo content is missing: run `manage.py load_demo` first.")
        attempt = quiz_services.attempt_start(user=person, quiz=quiz)
        anonymous = Client(HTTP_HOST="localhost")
        signed_in = signed_in_client(person)
        pages = [
            ("Bare Django view, small template", anonymous, "/__bench/bare/"),
            (f"Plain Wagtail page ({standard.title})", anonymous, standard.url),
            ("Home page", anonymous, "/"),
            ("Home page, signed in", signed_in, "/"),
            (f"Thought Piece, shortest ({pieces[0].title})", anonymous, pieces[0].url),
            (f"Thought Piece, longest ({pieces[-1].title})", anonymous, pieces[-1].url),
            ("Thought Piece, longest, signed in", signed_in, pieces[-1].url),
            ("My learning, signed in", signed_in, "/learning/"),
            (f"Course page ({course.title}), signed in", signed_in, course.url),
            (f"Module page ({module.title}), signed in", signed_in, module.url),
            (
                "Quiz question, signed in",
                signed_in,
                f"{quiz.url}attempts/{attempt.pk}/questions/1/",
            ),
            ("Journal, signed in", signed_in, "/journal/"),
        ]
        if team:
            from courses.management.commands.bench_shapes import shape_team, shapes_course

            shapes = shapes_course()
            group, lead = shape_team(team, shapes, log=self.stderr.write)
            pages.append(
                (
                    f"Team progress, {team} learners, 40 steps",
                    signed_in_client(lead),
                    f"/learning/team/{group.pk}/?course={shapes.pk}",
                )
            )
        return pages

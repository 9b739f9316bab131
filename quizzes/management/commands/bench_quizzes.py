"""
Time taking a quiz, on seeded data (run after `seed_scale`):

    manage.py bench_quizzes --runs 30

For a 5- and a 50-question quiz: the question page, saving an answer (the
POST, redirect not followed), and submitting a whole attempt. Then, with a
cohort of seeded learners (5,000 by default) who have all answered a dilemma:
the page that reveals the anonymised spread, and the trainer's statistics page.

Server time is measured around Django's handling of each request (test client:
middleware, views, queries, templates; no network) after one warm-up request.
"""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from iomsite.accounts.models import User
from iomsite.benchmark import signed_in_client, table_row, timed_requests
from iomsite.teams.models import TeamMembership

from ... import services
from ...factories import dilemma, make_quiz, single_choice
from ...models import AttemptStatus, QuizAnswer, QuizAttempt
from ...selectors import quiz_compiled


class Command(BaseCommand):
    help = "Benchmark the quiz pages: question, answer save, submission, spreads, statistics."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--cohort", type=int, default=5000)

    def handle(self, *args, runs, cohort, **options):
        trainer = User.objects.filter(email="trainer@scale.example.org").first()
        if trainer is None:
            raise CommandError("No scale data: run `manage.py seed_scale` first.")
        self.stdout.write("| Request | Median ms | p95 ms | Queries |")
        self.stdout.write("| --- | ---: | ---: | ---: |")
        for size in (5, 50):
            self._quiz_of(size, runs)
        self._spread_at_scale(cohort, runs, trainer)

    def _row(self, label: str, timings: list[float], queries: int) -> None:
        self.stdout.write(table_row(label, timings, queries))

    def _timed(self, request, runs: int, prepare=None) -> tuple[list[float], int]:
        return timed_requests(request, runs, prepare)

    def _quiz_of(self, size: int, runs: int) -> None:
        quiz = make_quiz(
            title=f"Benchmark quiz of {size}",
            items=[single_choice(f"Question {n}?") for n in range(size)],
            feedback="after_submission",
        )
        learner, _ = User.objects.get_or_create(email=f"bench{size}@scale.example.org")
        client = signed_in_client(learner)
        client.post(quiz.url)
        attempt = QuizAttempt.objects.get(user=learner, quiz=quiz)
        compiled = quiz_compiled(revision_id=attempt.revision_id, page_id=attempt.quiz_id)
        base = f"{quiz.url}attempts/{attempt.pk}"
        timings, queries = self._timed(lambda run: client.get(f"{base}/questions/1/"), runs)
        self._row(f"Question page ({size} questions)", timings, queries)

        def answer(run):
            number = run % size + 1
            item = compiled.item(attempt.item_order[number - 1])
            return client.post(f"{base}/questions/{number}/", {"option": item.options[run % 3].id})

        timings, queries = self._timed(answer, runs)
        self._row(f"Answer save ({size} questions)", timings, queries)

        def fresh_attempt(run) -> str:
            """A complete attempt, answered through the services, ready to submit."""
            fresh = services.attempt_start(user=learner, quiz=quiz)
            for item_id in fresh.item_order:
                option = compiled.item(item_id).options[0].id
                services.answer_save(
                    attempt_id=fresh.pk, user=learner, item_id=item_id, data={"option": option}
                )
            return f"{quiz.url}attempts/{fresh.pk}/submit/"

        timings, queries = self._timed(client.post, runs, prepare=fresh_attempt)
        self._row(f"Submit an attempt ({size} answers)", timings, queries)

    def _spread_at_scale(self, cohort: int, runs: int, trainer) -> None:
        quiz = make_quiz(title="Benchmark dilemma", items=[dilemma()], pass_mark=0)
        revision_id = quiz.live_revision_id
        item = quiz_compiled(revision_id=revision_id).items[0]
        learners = list(
            User.objects.filter(email__startswith="learner", email__endswith="@scale.example.org")
            .order_by("pk")
            .values_list("pk", flat=True)[:cohort]
        )
        now = timezone.now()
        chooser = random.Random(7)
        with transaction.atomic():
            attempts = QuizAttempt.objects.bulk_create(
                [
                    QuizAttempt(
                        user_id=pk,
                        quiz=quiz,
                        revision_id=revision_id,
                        number=1,
                        status=AttemptStatus.SUBMITTED,
                        item_order=[item.id],
                        started_at=now,
                        submitted_at=now,
                    )
                    for pk in learners
                ],
                batch_size=1000,
            )
            answers = []
            for attempt in attempts:
                option = chooser.choice(item.options)
                answers.append(
                    QuizAnswer(
                        attempt=attempt,
                        user_id=attempt.user_id,
                        quiz=quiz,
                        item_id=item.id,
                        item_type="dilemma",
                        response={
                            "option": option.id,
                            "confidence": 3,
                            "rationale": "Seeded for the benchmark.",
                        },
                        final=True,
                        latest=True,
                        choice=option.id,
                        confidence=chooser.randint(1, 5),
                        answered_at=now,
                    )
                )
            QuizAnswer.objects.bulk_create(answers, batch_size=1000)
        member = (
            TeamMembership.objects.filter(team__name__startswith="Scale team", is_lead=False)
            .select_related("user")
            .order_by("-team__pk")
            .first()
            .user
        )
        QuizAttempt.objects.filter(user=member, quiz=quiz).delete()
        client = signed_in_client(member)
        client.post(quiz.url)
        attempt = QuizAttempt.objects.get(user=member, quiz=quiz)
        url = f"{quiz.url}attempts/{attempt.pk}/questions/1/"
        client.post(url, {"option": item.options[0].id, "confidence": "3", "rationale": "Bench."})
        timings, queries = self._timed(lambda run: client.get(url), runs)
        self._row(f"Dilemma revealed with spreads ({len(learners):,} answers)", timings, queries)
        admin = signed_in_client(trainer)
        timings, queries = self._timed(
            lambda run: admin.get(f"/admin/quizzes/{quiz.pk}/statistics/"), runs
        )
        self._row(f"Quiz statistics ({len(learners):,} attempts)", timings, queries)

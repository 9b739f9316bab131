"""Reads for quizzes: compiled content per revision, attempts, spreads, statistics."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count
from wagtail.models import Revision

from iomsite.teams.models import TeamMembership

from .engine import Branching, Classification, CompiledQuiz, Continuum, Dilemma, quiz_compile
from .models import AttemptStatus, QuizAnswer, QuizAttempt

COMPILED_CACHE_SECONDS = 60 * 60


def quiz_compiled(*, revision_id: int, page_id: int | None = None) -> CompiledQuiz:
    """The quiz exactly as it was at a revision; cached, since revisions never change.
    Given `page_id`, a cached copy from another page (a restored or reseeded
    database reusing ids) is ignored."""
    key = f"quizzes:compiled:v2:{revision_id}"
    compiled = cache.get(key)
    if compiled is None or (page_id is not None and compiled.page_id != page_id):
        revision = Revision.objects.select_related("content_type").get(pk=revision_id)
        compiled = quiz_compile(revision.as_object(), revision_id=revision_id)
        cache.set(key, compiled, COMPILED_CACHE_SECONDS)
    return compiled


@dataclass
class StartPage:
    attempts: list[QuizAttempt]
    current: QuizAttempt | None
    attempts_left: int | None  # None: unlimited

    @property
    def can_start(self) -> bool:
        return self.current is not None or self.attempts_left is None or self.attempts_left > 0


def quiz_start_page(*, user, quiz) -> StartPage:
    attempts = list(QuizAttempt.objects.filter(user=user, quiz=quiz).order_by("-number"))
    current = next((a for a in attempts if a.status == AttemptStatus.IN_PROGRESS), None)
    left = max(0, quiz.attempts_allowed - len(attempts)) if quiz.attempts_allowed else None
    return StartPage(attempts, current, left)


def attempt_answers(*, attempt: QuizAttempt) -> dict[str, QuizAnswer]:
    return {answer.item_id: answer for answer in attempt.answers.all()}


def attempt_resume_number(*, attempt: QuizAttempt, answers: dict[str, QuizAnswer]) -> int:
    """Where the learner left off: the first item without a finished answer."""
    for number, item_id in enumerate(attempt.item_order, start=1):
        answer = answers.get(item_id)
        if answer is None or not answer.done:
            return number
    return len(attempt.item_order) + 1  # all answered: the check-your-answers page


def answers_may_be_revealed(*, attempt: QuizAttempt, settings, attempts_used: int) -> bool:
    """Right answers and their feedback on the review page: after every attempt, or
    only once the learner has passed or used up their attempts (a setting pinned
    to the revision the attempt was taken against)."""
    if not settings.reveal_after_last_attempt:
        return True
    out_of_attempts = settings.attempts_allowed and attempts_used >= settings.attempts_allowed
    return bool(attempt.passed or out_of_attempts)


# Anonymised spreads -------------------------------------------------------


@dataclass
class Bar:
    key: str
    label: str
    count: int
    percent: int
    mine: bool = False


@dataclass
class Spread:
    name: str
    total: int
    bars: list[Bar] = field(default_factory=list)
    hidden: bool = False
    reason: str = ""


def _bars(counts: Counter, choices: list[tuple[str, str]], mine: str) -> list[Bar]:
    total = sum(counts.values())
    return [
        Bar(key, label, counts[key], round(100 * counts[key] / total) if total else 0, key == mine)
        for key, label in choices
    ]


def item_spreads(*, quiz, item, user, mine: str) -> list[Spread]:
    """How the learner's teams and everyone answered a dilemma or continuum item,
    counting each person's latest answer once. A group smaller than
    QUIZ_MIN_GROUP_SIZE is hidden so no one's choice can be worked out."""
    minimum = settings.QUIZ_MIN_GROUP_SIZE
    column = "position" if isinstance(item, Continuum) else "choice"
    choices = item.radio_choices
    latest = QuizAnswer.objects.filter(quiz=quiz, item_id=item.id, latest=True)
    everyone = Counter(
        {str(row[column]): row["n"] for row in latest.values(column).annotate(n=Count("id"))}
    )
    teams = list(
        TeamMembership.objects.filter(user=user).select_related("team").order_by("team__name")
    )
    by_team: dict[int, Counter] = defaultdict(Counter)
    if teams:
        rows = (
            latest.filter(user__team_memberships__team__in=[m.team_id for m in teams])
            .values("user__team_memberships__team", column)
            .annotate(n=Count("id"))
        )
        for row in rows:
            by_team[row["user__team_memberships__team"]][str(row[column])] += row["n"]
    others = sum(everyone.values())
    spreads = []
    for name, counts in [
        *((f"Your team: {m.team.name}", by_team[m.team_id]) for m in teams),
        ("Everyone", everyone),
    ]:
        total = sum(counts.values())
        spread = Spread(name=name, total=total)
        if total < minimum:
            spread.hidden = True
            spread.reason = (
                f"Shown once at least {minimum} people have answered, "
                "so no one’s choice can be worked out."
            )
        elif counts is not everyone and 0 < others - total < minimum:
            # Everyone minus this team would be fewer than `minimum` people.
            spread.hidden = True
            spread.reason = (
                "Not shown separately: nearly everyone who has answered is in this team, "
                "so comparing it with everyone could reveal someone’s choice."
            )
        else:
            spread.bars = _bars(counts, choices, mine)
        spreads.append(spread)
    return spreads


def continuum_history(*, user, quiz, item_id: str) -> list[QuizAnswer]:
    """A learner's own positions on a continuum item over time, oldest first."""
    return list(
        QuizAnswer.objects.filter(user=user, quiz=quiz, item_id=item_id, final=True)
        .only("position", "answered_at")
        .order_by("answered_at")
    )


# Statistics for trainers --------------------------------------------------


@dataclass
class ItemStatistics:
    number: int
    item: object
    answered: int = 0
    facility: float | None = None  # mean score 0-100 of scored items
    options: list[Bar] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)
    vignettes: list[dict] = field(default_factory=list)
    paths: list[tuple[str, int]] = field(default_factory=list)
    other_paths: int = 0  # learners on routes fewer than the minimum group took
    endings: list[Bar] = field(default_factory=list)
    #: Opinions (dilemma, continuum) are not broken down for fewer people than
    #: the minimum group size, here as on learners' pages.
    suppressed: bool = False


@dataclass
class QuizStatistics:
    attempts_submitted: int
    learners: int
    mean_score: float | None
    pass_rate: int | None
    items: list[ItemStatistics]
    min_group: int


def quiz_statistics(*, quiz) -> QuizStatistics:
    """Aggregates only: counts, means and distributions of submitted attempts,
    against the live content. Never an individual's rationale."""
    compiled = quiz_compiled(revision_id=quiz.live_revision_id)
    submitted = QuizAttempt.objects.filter(quiz=quiz, status=AttemptStatus.SUBMITTED)
    totals = submitted.aggregate(
        n=Count("id"), learners=Count("user", distinct=True), mean=Avg("score")
    )
    passed = submitted.filter(passed=True).count()
    answers = QuizAnswer.objects.filter(quiz=quiz, attempt__status=AttemptStatus.SUBMITTED)
    per_item = {
        row["item_id"]: row
        for row in answers.values("item_id").annotate(n=Count("id"), mean=Avg("score"))
    }
    choice_counts: dict[str, Counter] = defaultdict(Counter)
    confidence: dict[str, dict[str, float]] = defaultdict(dict)
    for row in (
        answers.exclude(choice="")
        .values("item_id", "choice")
        .annotate(n=Count("id"), confidence=Avg("confidence"))
    ):
        choice_counts[row["item_id"]][row["choice"]] = row["n"]
        if row["confidence"] is not None:
            confidence[row["item_id"]][row["choice"]] = round(row["confidence"], 1)
    for row in answers.exclude(position=None).values("item_id", "position").annotate(n=Count("id")):
        choice_counts[row["item_id"]][str(row["position"])] = row["n"]
    multi_items = {i.id for i in compiled.items if i.type in {"multiple_response"}}
    detail_items = {i.id for i in compiled.items if isinstance(i, Classification | Branching)}
    detailed = answers.filter(item_id__in=multi_items | detail_items).values_list(
        "item_id", "response"
    )
    vignette_counts: dict[str, Counter] = defaultdict(Counter)
    path_counts: dict[str, Counter] = defaultdict(Counter)
    for item_id, response in detailed.iterator():
        if item_id in multi_items:
            choice_counts[item_id].update(response.get("options", []))
        elif "choices" in response:
            vignette_counts[item_id].update(response["choices"].items())
        elif response.get("ending"):
            route = tuple(step["node"] for step in response["path"]) + (response["ending"],)
            path_counts[item_id][route] += 1
    items = []
    for number, item in enumerate(compiled.items, start=1):
        row = per_item.get(item.id, {"n": 0, "mean": None})
        stats = ItemStatistics(number=number, item=item, answered=row["n"])
        if item.scored and row["mean"] is not None:
            stats.facility = round(100 * row["mean"], 1)
        counts = choice_counts[item.id]
        if isinstance(item, Dilemma | Continuum) and row["n"] < settings.QUIZ_MIN_GROUP_SIZE:
            stats.suppressed = True
        elif hasattr(item, "radio_choices"):
            stats.options = _bars(counts, item.radio_choices, "")
            if isinstance(item, Dilemma):
                stats.confidence = confidence[item.id]
        if isinstance(item, Classification):
            stats.vignettes = _misclassification(item, vignette_counts[item.id])
        if isinstance(item, Branching):
            titles = {node.key: node.title for node in item.nodes}
            for route, n in path_counts[item.id].most_common():
                if n >= settings.QUIZ_MIN_GROUP_SIZE:
                    stats.paths.append((" → ".join(titles.get(key, key) for key in route), n))
                else:
                    stats.other_paths += n
            stats.endings = _bars(counts, [(n.key, n.title) for n in item.nodes if n.ending], "")
        items.append(stats)
    return QuizStatistics(
        attempts_submitted=totals["n"],
        learners=totals["learners"],
        mean_score=round(totals["mean"], 1) if totals["mean"] is not None else None,
        pass_rate=round(100 * passed / totals["n"]) if totals["n"] else None,
        items=items,
        min_group=settings.QUIZ_MIN_GROUP_SIZE,
    )


def _misclassification(item: Classification, counts: Counter) -> list[dict]:
    """Per vignette: how many put it in each category, and the commonest mistake."""
    rows = []
    for number, vignette in enumerate(item.vignettes, start=1):
        cells = [counts[(vignette.id, c.id)] for c in item.categories]
        total = sum(cells)
        wrong = [
            (n, c) for n, c in zip(cells, item.categories, strict=True) if c.id != vignette.answer
        ]
        top_wrong = max(wrong, key=lambda pair: pair[0], default=(0, None))
        rows.append(
            {
                "number": number,
                "vignette": vignette,
                "answer": item.category_label(vignette.answer),
                "cells": cells,
                "total": total,
                "right_percent": round(100 * counts[(vignette.id, vignette.answer)] / total)
                if total
                else None,
                "common_mistake": top_wrong[1].label if top_wrong[0] else "",
            }
        )
    return rows

"""
Statistics for trainers: aggregates of people against a quiz's live content.

The counting common to every item (people, facility, the `choice`, `position`
and `confidence` columns) is here; what is particular to a type (options,
misclassification, routes through a scenario) is its `count_response` and
`statistics` in quizzes/items, drawn by its stats template.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg, Count, OuterRef, Q, Subquery

from .figures import Live, published, snapshots_for
from .items import item_type
from .models import AttemptStatus, QuizAnswer, QuizAttempt
from .selectors import quiz_compiled


@dataclass
class ItemStatistics:
    number: int
    item: object
    answered: int | None = None  # people; None: fewer than the minimum group
    facility: float | None = None  # mean score 0-100 of scored items
    #: What the item's type breaks down (e.g. "options", "vignettes", "endings"),
    #: for its stats template; empty when suppressed.
    detail: dict = field(default_factory=dict)
    #: Nothing is broken down for fewer people than the minimum group size, here
    #: as on learners' pages.
    suppressed: bool = False


@dataclass
class QuizStatistics:
    """Each figure says what it counts: `attempts_submitted` counts attempts (a
    retake counts again); every other count is of people, each once: `people` by
    their latest submitted attempt, items by each person's latest answer.
    `mean_score` and `pass_rate` are over the people whose latest attempt was
    marked (`graded`), and only for a quiz whose live version is `scored`."""

    attempts_submitted: int | None
    people: int | None
    mean_score: float | None
    pass_rate: int | None
    items: list[ItemStatistics]
    min_group: int
    scored: bool = True
    graded: int | None = None


STATISTICS = "statistics"


def _statistics_live(*, quiz, compiled, stored) -> tuple[Live, dict[str, Live]]:
    """Every figure the statistics page shows, counting each person's latest
    answer to each item once, with how many people are new since each snapshot."""
    submitted = QuizAttempt.objects.filter(quiz=quiz, status=AttemptStatus.SUBMITTED)
    last = submitted.filter(user=OuterRef("user")).order_by("-number").values("number")[:1]
    summary_snapshot = stored.get(("", STATISTICS))
    aggregates = {
        "people": Count("id"),
        "mean": Avg("score"),
        "passes": Count("id", filter=Q(passed=True)),
        # Marked attempts only: an unscored version has no pass or fail.
        "graded": Count("id", filter=Q(passed__isnull=False)),
    }
    if summary_snapshot is not None:
        aggregates["fresh"] = Count("id", filter=Q(submitted_at__gt=summary_snapshot.taken_at))
    totals = submitted.filter(number=Subquery(last)).aggregate(**aggregates)
    summary = Live(
        people=totals["people"],
        fresh=totals.get("fresh", totals["people"]),
        figures={
            "attempts": submitted.count(),
            "mean": float(totals["mean"]) if totals["mean"] is not None else None,
            "passed": totals["passes"],
            "graded": totals["graded"],
        },
    )

    answers = QuizAnswer.objects.filter(quiz=quiz, latest=True)
    fresh = Q(pk__in=[])
    for item in compiled.items:
        snapshot = stored.get((item.id, STATISTICS))
        fresh |= (
            Q(item_id=item.id, answered_at__gt=snapshot.taken_at)
            if snapshot
            else Q(item_id=item.id)
        )
    figures: dict[str, dict] = defaultdict(
        lambda: {"mean": None, "counts": Counter(), "confidence": {}, "cells": Counter()}
    )
    people: dict[str, tuple[int, int]] = {}
    for row in answers.values("item_id").annotate(
        n=Count("id"), mean=Avg("score"), fresh=Count("id", filter=fresh)
    ):
        people[row["item_id"]] = (row["n"], row["fresh"])
        figures[row["item_id"]]["mean"] = row["mean"]
    for row in (
        answers.exclude(choice="")
        .values("item_id", "choice")
        .annotate(n=Count("id"), confidence=Avg("confidence"))
    ):
        figures[row["item_id"]]["counts"][row["choice"]] = row["n"]
        if row["confidence"] is not None:
            figures[row["item_id"]]["confidence"][row["choice"]] = round(row["confidence"], 1)
    for row in answers.exclude(position=None).values("item_id", "position").annotate(n=Count("id")):
        figures[row["item_id"]]["counts"][str(row["position"])] = row["n"]
    reading = {i.id: item_type(i.type) for i in compiled.items}
    reading = {pk: kind for pk, kind in reading.items() if kind.stats_reads_responses}
    detailed = answers.filter(item_id__in=list(reading)).values_list("item_id", "response")
    for item_id, response in detailed.iterator():
        reading[item_id].count_response(figures[item_id], response)
    per_item = {}
    for item in compiled.items:
        n, new = people.get(item.id, (0, 0))
        data = figures[item.id]
        per_item[item.id] = Live(
            people=n,
            fresh=new,
            figures={
                "mean": data["mean"],
                "counts": dict(data["counts"]),
                "confidence": data["confidence"],
                "cells": dict(data["cells"]),
            },
        )
    return summary, per_item


def quiz_statistics(*, quiz) -> QuizStatistics:
    """Aggregates only, against the live content, counting people (each person's
    latest answer, each learner's latest submitted attempt); only the number of
    attempts submitted counts attempts.
    Published like the learners' spreads: from snapshots retaken only once at
    least QUIZ_MIN_GROUP_SIZE people have changed, with small cells withheld
    (quizzes/figures.py). Never an individual's rationale."""
    minimum = settings.QUIZ_MIN_GROUP_SIZE
    compiled = quiz_compiled(revision_id=quiz.live_revision_id)
    stored = snapshots_for(
        quiz=quiz, item_ids=["", *(i.id for i in compiled.items)], audiences=[STATISTICS]
    )
    live_summary, live_items = _statistics_live(quiz=quiz, compiled=compiled, stored=stored)
    summary = published(
        quiz=quiz,
        item_id="",
        audience=STATISTICS,
        snapshot=stored.get(("", STATISTICS)),
        live=live_summary,
    )
    items = []
    for number, item in enumerate(compiled.items, start=1):
        snapshot = published(
            quiz=quiz,
            item_id=item.id,
            audience=STATISTICS,
            snapshot=stored.get((item.id, STATISTICS)),
            live=live_items[item.id],
        )
        stats = ItemStatistics(number=number, item=item)
        if snapshot is None or snapshot.people < minimum:
            stats.suppressed = True
        else:
            _item_figures(stats, item, snapshot.people, snapshot.figures)
        items.append(stats)
    shown = summary is not None and summary.people >= minimum
    figures = summary.figures if shown else {}
    scored = bool(compiled.scored_items)
    # Snapshots taken before "graded" was stored: every latest attempt had a mark
    # if there was a mean at all.
    graded = figures.get("graded", summary.people if figures.get("mean") is not None else 0)
    # A mark or pass rate over fewer than the minimum group would give away
    # those few people's results, whatever the number who took part.
    marked = shown and scored and graded >= minimum
    return QuizStatistics(
        attempts_submitted=figures.get("attempts"),
        people=summary.people if shown else None,
        mean_score=round(figures["mean"], 1) if marked and figures["mean"] is not None else None,
        pass_rate=round(100 * figures["passed"] / graded) if marked else None,
        items=items,
        min_group=minimum,
        scored=scored,
        graded=graded if marked else None,
    )


def _item_figures(stats: ItemStatistics, item, people: int, figures: dict) -> None:
    stats.answered = people
    if item.scored and figures["mean"] is not None:
        stats.facility = round(100 * figures["mean"], 1)
    item_type(item.type).statistics(stats, item, figures)

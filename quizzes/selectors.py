"""Reads for quizzes: compiled content per revision, attempts, spreads, statistics."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count, OuterRef, Q, Subquery
from django.utils.translation import gettext
from wagtail.models import Revision

from iomsite.teams.models import TeamMembership

from .engine import Branching, Classification, CompiledQuiz, Continuum, Dilemma, quiz_compile
from .figures import Cell, Live, protected_cells, published, snapshots_for
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
class Spread:
    name: str
    total: int
    bars: list[Cell] = field(default_factory=list)
    hidden: bool = False
    reason: str = ""
    minimum: int = field(default_factory=lambda: settings.QUIZ_MIN_GROUP_SIZE)

    @property
    def withheld(self) -> bool:
        return any(bar.withheld for bar in self.bars)


def _team_rows(*, latest, column: str, team_ids: list[int]):
    """(user, team, value, answered_at, joined_at) for the learner's teams' members:
    a team is small enough to read person by person."""
    return list(
        latest.filter(user__team_memberships__team__in=team_ids).values_list(
            "user_id",
            "user__team_memberships__team",
            column,
            "answered_at",
            "user__team_memberships__joined_at",
        )
    )


def item_spreads(*, quiz, item, user, mine: str) -> list[Spread]:
    """How the learner's teams and everyone else answered a dilemma or continuum
    item: each person's latest answer once, from snapshots refreshed only in
    batches of at least QUIZ_MIN_GROUP_SIZE people, small cells withheld
    (quizzes/figures.py). "Everyone else" leaves out the learner's teams, so it
    cannot be subtracted from anything shown next to it."""
    minimum = settings.QUIZ_MIN_GROUP_SIZE
    column = "position" if isinstance(item, Continuum) else "choice"
    memberships = list(
        TeamMembership.objects.filter(user=user).select_related("team").order_by("team__name")
    )
    team_ids = [m.team_id for m in memberships]
    rest = "outside:" + ",".join(map(str, sorted(team_ids))) if team_ids else "everyone"
    audiences = [f"team:{pk}" for pk in team_ids] + [rest]
    stored = snapshots_for(quiz=quiz, item_ids=[item.id], audiences=audiences)
    latest = QuizAnswer.objects.filter(quiz=quiz, item_id=item.id, latest=True)

    rest_snapshot = stored.get((item.id, rest))
    since = rest_snapshot.taken_at if rest_snapshot else None
    everyone, everyone_fresh = Counter(), 0
    aggregates = {"n": Count("id")}
    if since is not None:
        aggregates["fresh"] = Count("id", filter=Q(answered_at__gt=since))
    for row in latest.values(column).annotate(**aggregates):
        everyone[str(row[column])] += row["n"]
        everyone_fresh += row.get("fresh", row["n"])

    by_team: dict[int, Counter] = defaultdict(Counter)
    team_people: dict[int, int] = defaultdict(int)
    team_fresh: dict[int, int] = defaultdict(int)
    members: dict[int, tuple[str, object]] = {}  # anyone in any of the teams, once
    if team_ids:
        taken = {pk: stored.get((item.id, f"team:{pk}")) for pk in team_ids}
        for person, team, value, answered_at, joined_at in _team_rows(
            latest=latest, column=column, team_ids=team_ids
        ):
            by_team[team][str(value)] += 1
            team_people[team] += 1
            snapshot = taken[team]
            if snapshot is None or max(answered_at, joined_at) > snapshot.taken_at:
                team_fresh[team] += 1
            members[person] = (str(value), answered_at)

    published_by = {}
    for pk in team_ids:
        live = Live(people=team_people[pk], fresh=team_fresh[pk], figures=dict(by_team[pk]))
        key = f"team:{pk}"
        published_by[key] = published(
            quiz=quiz, item_id=item.id, audience=key, snapshot=stored.get((item.id, key)), live=live
        )
    outside = Counter(everyone)
    for value, _ in members.values():
        outside[value] -= 1
    outside_fresh = everyone_fresh - sum(
        1 for _, answered_at in members.values() if since is None or answered_at > since
    )
    live = Live(
        people=sum(everyone.values()) - len(members),
        fresh=outside_fresh,
        figures={key: n for key, n in outside.items() if n > 0},
    )
    published_by[rest] = published(
        quiz=quiz, item_id=item.id, audience=rest, snapshot=rest_snapshot, live=live
    )

    names = {
        f"team:{m.team_id}": gettext("Your team: %(team)s") % {"team": m.team.name}
        for m in memberships
    }
    names[rest] = gettext("Everyone else") if team_ids else gettext("Everyone")
    spreads = []
    for key in audiences:
        snapshot = published_by[key]
        people = snapshot.people if snapshot else 0
        spread = Spread(name=names[key], total=people)
        if people < minimum:
            spread.hidden = True
            spread.reason = gettext(
                "Shown once at least %(minimum)s people have answered, "
                "so no one’s choice can be worked out."
            ) % {"minimum": minimum}
        else:
            spread.bars = protected_cells(snapshot.figures, item.radio_choices, mine)
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
    answered: int | None = None  # people; None: fewer than the minimum group
    facility: float | None = None  # mean score 0-100 of scored items
    options: list[Cell] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)
    vignettes: list[dict] = field(default_factory=list)
    paths: list[tuple[str, int]] = field(default_factory=list)
    other_paths: int = 0  # people on routes fewer than the minimum group took
    endings: list[Cell] = field(default_factory=list)
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
ROUTE = " > "


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
    multi_items = {i.id for i in compiled.items if i.type in {"multiple_response"}}
    detail_items = {i.id for i in compiled.items if isinstance(i, Classification | Branching)}
    detailed = answers.filter(item_id__in=multi_items | detail_items).values_list(
        "item_id", "response"
    )
    for item_id, response in detailed.iterator():
        if item_id in multi_items:
            figures[item_id]["counts"].update(response.get("options", []))
        elif "choices" in response:
            figures[item_id]["cells"].update(f"{v}|{c}" for v, c in response["choices"].items())
        elif response.get("ending"):
            route = [step["node"] for step in response["path"]] + [response["ending"]]
            figures[item_id]["cells"][ROUTE.join(route)] += 1
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
    minimum = settings.QUIZ_MIN_GROUP_SIZE
    stats.answered = people
    if item.scored and figures["mean"] is not None:
        stats.facility = round(100 * figures["mean"], 1)
    counts = figures["counts"]
    if hasattr(item, "radio_choices"):
        multiple = item.type == "multiple_response"
        stats.options = protected_cells(
            counts, item.radio_choices, total=people if multiple else None
        )
        if isinstance(item, Dilemma):
            shown = {cell.key for cell in stats.options if not cell.withheld}
            stats.confidence = {
                key: value for key, value in figures["confidence"].items() if key in shown
            }
    cells = figures["cells"]
    if isinstance(item, Classification):
        stats.vignettes = _misclassification(item, cells)
    if isinstance(item, Branching):
        titles = {node.key: node.title for node in item.nodes}
        endings = Counter()
        for route, n in sorted(cells.items(), key=lambda pair: (-pair[1], pair[0])):
            keys = route.split(ROUTE)
            endings[keys[-1]] += n
            if n >= minimum:
                stats.paths.append((" → ".join(titles.get(key, key) for key in keys), n))
            else:
                stats.other_paths += n
        stats.endings = protected_cells(endings, [(n.key, n.title) for n in item.nodes if n.ending])


def _misclassification(item: Classification, counts: dict) -> list[dict]:
    """Per vignette: how many put it in each category, and the commonest mistake,
    with cells of fewer than the minimum group withheld."""
    rows = []
    for number, vignette in enumerate(item.vignettes, start=1):
        choices = [(c.id, c.label) for c in item.categories]
        raw = {c.id: counts.get(f"{vignette.id}|{c.id}", 0) for c in item.categories}
        cells = protected_cells(raw, choices)
        right = next(cell for cell in cells if cell.key == vignette.answer)
        wrong = [cell for cell in cells if cell.key != vignette.answer and not cell.withheld]
        top_wrong = max(wrong, key=lambda cell: cell.count, default=None)
        rows.append(
            {
                "number": number,
                "vignette": vignette,
                "answer": item.category_label(vignette.answer),
                "cells": [cell.count for cell in cells],
                "total": sum(raw.values()),
                "right_percent": right.percent,
                "common_mistake": top_wrong.label if top_wrong and top_wrong.count else "",
            }
        )
    return rows

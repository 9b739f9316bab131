"""Reads for quizzes: compiled content per revision, attempts, spreads.
Trainers' statistics are in quizzes/statistics.py."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils.translation import gettext
from wagtail.models import Revision

from iomsite.teams.models import TeamMembership

from .engine import CompiledQuiz, quiz_compile
from .figures import Cell, Live, protected_cells, published, snapshots_for
from .items import item_type
from .models import AttemptStatus, QuizAnswer, QuizAttempt

COMPILED_CACHE_SECONDS = 60 * 60


def quiz_compiled(*, revision_id: int, page_id: int | None = None) -> CompiledQuiz:
    """The quiz exactly as it was at a revision; cached, since revisions never change.
    Given `page_id`, a cached copy from another page (a restored or reseeded
    database reusing ids) is ignored."""
    key = f"quizzes:compiled:v3:{revision_id}"
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
    column = item_type(item.type).spread_column
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

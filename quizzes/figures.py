"""Published figures: what learners and trainers see of everyone's answers.

Two rules make the figures safe to compare over time (docs/PRIVACY.md, "Spreads
and statistics"):

- Small cells: any count below QUIZ_MIN_GROUP_SIZE (k) is shown as "fewer than k",
  and when only one cell in a distribution is withheld the next smallest is
  withheld too, so the withheld one cannot be worked out from the total.
- Batches: the figures are a stored snapshot per quiz item and audience. A view
  recomputes it only once at least k people have answered, changed their answer,
  joined or left the audience since it was taken; otherwise it shows the stored
  figures unchanged. So any two views differ by at least k people's answers and
  never reveal one newcomer's choice.

Counting the changes errs low, never high (an answer only counts as new if it was
given after the snapshot, each person at most once; departures only as far as the
audience has shrunk), so a refresh never happens on fewer than k changes.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import FigureSnapshot


@dataclass
class Live:
    """An audience's figures as they are now, with how many of its people are new
    since the stored snapshot (or all of them when there is none)."""

    people: int
    fresh: int
    figures: dict = field(default_factory=dict)


def changed_since(snapshot: FigureSnapshot | None, live: Live) -> int:
    """A lower bound on the people whose answer differs from the snapshot's."""
    if snapshot is None:
        return live.people
    # Fresh people are new, changed or joined; anyone else counted now was in the
    # snapshot unchanged. At least (snapshot - now) people have left: a fresh
    # person may have been in the snapshot too, so this is all that is certain.
    return live.fresh + max(0, snapshot.people - live.people)


def snapshots_for(*, quiz, item_ids, audiences) -> dict[tuple[str, str], FigureSnapshot]:
    rows = FigureSnapshot.objects.filter(quiz=quiz, item_id__in=item_ids, audience__in=audiences)
    return {(row.item_id, row.audience): row for row in rows}


def published(
    *, quiz, item_id: str, audience: str, snapshot: FigureSnapshot | None, live: Live
) -> FigureSnapshot | None:
    """The figures to show: the stored snapshot, unless at least k people have
    changed since it was taken, in which case it is retaken from `live` first.
    None while fewer than k people have ever answered."""
    if changed_since(snapshot, live) < settings.QUIZ_MIN_GROUP_SIZE:
        return snapshot
    # Taken after `live` was read: an answer saved meanwhile counts as old next
    # time (too few changes counted, never too many).
    values = {"people": live.people, "figures": live.figures, "taken_at": timezone.now()}
    if snapshot is None:
        try:
            with transaction.atomic():
                return FigureSnapshot.objects.create(
                    quiz=quiz, item_id=item_id, audience=audience, **values
                )
        except IntegrityError:  # another request published first: show theirs
            return FigureSnapshot.objects.get(quiz=quiz, item_id=item_id, audience=audience)
    # Compare and swap: if another request retook it meanwhile, show theirs, so
    # two near-simultaneous retakes cannot publish figures one answer apart.
    updated = FigureSnapshot.objects.filter(pk=snapshot.pk, taken_at=snapshot.taken_at).update(
        **values
    )
    if not updated:
        return FigureSnapshot.objects.filter(pk=snapshot.pk).first()
    for name, value in values.items():
        setattr(snapshot, name, value)
    return snapshot


@dataclass
class Cell:
    key: str
    label: str
    count: int | None  # None: withheld
    percent: int | None
    mine: bool = False
    #: "fewer": below the minimum; "other": withheld so the first cannot be worked out.
    withheld: str = ""


def protected_cells(
    counts: dict, choices: list[tuple[str, str]], mine: str = "", total: int | None = None
) -> list[Cell]:
    """A distribution with small cells withheld (see the module docstring)."""
    minimum = settings.QUIZ_MIN_GROUP_SIZE
    total = sum(counts.get(key, 0) for key, _ in choices) if total is None else total
    cells = []
    for key, label in choices:
        n = counts.get(key, 0)
        cells.append(Cell(key, label, n, round(100 * n / total) if total else 0, key == mine))
    small = [cell for cell in cells if cell.count < minimum]
    for cell in small:
        cell.withheld = "fewer"
    shown = [cell for cell in cells if not cell.withheld]
    if len(small) == 1 and shown:
        min(shown, key=lambda cell: cell.count).withheld = "other"
    for cell in cells:
        if cell.withheld:
            cell.count = cell.percent = None
    return cells

"""
The quiz engine: a quiz page compiled into plain, immutable items that check a
learner's answer against the question and score it.

Nothing here touches the database. `quiz_compile` turns a quiz page (live, or
as it was at a revision) into a `CompiledQuiz`, each item compiled by its type
(quizzes/items); services cache one per revision so a page of a 50-question
quiz costs no more queries than one of 5.

Refusals (`AnswerError`, `AnswerRejected`) are described in quizzes/items/base.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .items import AnswerError, AnswerRejected, Item, item_type
from .items.dilemma import CONFIDENCE_LABELS

__all__ = [
    "CONFIDENCE_LABELS",
    "AnswerError",
    "AnswerRejected",
    "CompiledQuiz",
    "QuizSettings",
    "quiz_compile",
]


@dataclass(frozen=True)
class QuizSettings:
    pass_mark: int = 70
    attempts_allowed: int = 0
    feedback_immediate: bool = True
    shuffle: bool = False
    time_limit_minutes: int | None = None
    counts_towards_completion: bool = True
    reveal_after_last_attempt: bool = False


@dataclass(frozen=True)
class CompiledQuiz:
    page_id: int
    revision_id: int | None
    title: str
    settings: QuizSettings
    items: tuple[Item, ...] = field(default=())

    @cached_property
    def _by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items}

    def item(self, item_id: str) -> Item:
        try:
            return self._by_id[item_id]
        except (KeyError, TypeError):
            raise AnswerRejected("That question is not part of this quiz.") from None

    @property
    def problems(self) -> list[str]:
        """What stops the quiz being taken (a scenario published by a path that
        skipped the editor's checks)."""
        return [problem for item in self.items for problem in item.problems()]

    @property
    def scored_items(self) -> list[Item]:
        return [item for item in self.items if item.scored]

    def mark(self, scores: dict[str, float | None]) -> float | None:
        """Percent across scored items (unanswered count as 0); None if nothing is scored."""
        scored = self.scored_items
        if not scored:
            return None
        return round(100 * sum(scores.get(i.id) or 0.0 for i in scored) / len(scored), 2)


def quiz_compile(page, *, revision_id: int | None = None) -> CompiledQuiz:
    """A quiz page (or a revision's copy of it) as plain items and settings."""
    return CompiledQuiz(
        page_id=page.pk,
        revision_id=revision_id,
        title=page.title,
        settings=QuizSettings(
            pass_mark=page.pass_mark,
            attempts_allowed=page.attempts_allowed,
            feedback_immediate=page.feedback_timing == "immediate",
            shuffle=page.shuffle,
            time_limit_minutes=page.time_limit_minutes,
            counts_towards_completion=page.counts_towards_completion,
            reveal_after_last_attempt=page.reveal_answers == "after_last_attempt",
        ),
        items=tuple(item_type(block.block_type).compile(block) for block in page.items),
    )

"""
Quiz item types as plug-ins, registered by block type (as Wagtail's form
builder maps field types to methods).

Each module here owns one type end to end: its block, its compiled item with
answer checking and scoring, its quiz-file mapping, its statistics, its
templates (templates/quizzes/items/<type>/) and the answer fields it stores for
a learner's data export and erasure. The quiz page's StreamField, the engine,
the quiz-file exchange, the views, statistics and data rights look a type up
here and never name one. Adding a type is one new module and one `register`
(docs/ARCHITECTURE.md, "Adding a quiz item type").
"""

from .base import AnswerError, AnswerRejected, Item, ItemType

_TYPES: dict[str, ItemType] = {}


def register(kind: ItemType) -> ItemType:
    """Make a type known by its block name. Built-in types register below, in
    the order the editor offers them; a new StreamField child means a no-op
    AlterField migration for QuizPage.items."""
    if kind.name in _TYPES and _TYPES[kind.name] is not kind:
        raise ValueError(f"A quiz item type {kind.name!r} is already registered.")
    _TYPES[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    _TYPES.pop(name, None)


def item_type(name: str) -> ItemType:
    """The registered type for a block name; AnswerRejected if there is none (an
    answer or revision whose type has since been removed)."""
    try:
        return _TYPES[name]
    except KeyError:
        raise AnswerRejected(f"Quiz items of type ‘{name}’ are not supported here.") from None


def item_types() -> list[ItemType]:
    return list(_TYPES.values())


def stream_children() -> list[tuple[str, object]]:
    """(name, block) for the quiz page's items StreamField, in registration order."""
    return [(kind.name, kind.block()) for kind in _TYPES.values()]


def is_stepwise(name: str) -> bool:
    kind = _TYPES.get(name)
    return bool(kind and kind.stepwise)


# Learner data: called from site/accounts/data_rights.py -------------------


def personal_answer_types() -> list[str]:
    """Types whose stored answers hold the learner's own words."""
    return [kind.name for kind in _TYPES.values() if kind.personal_fields]


def answer_erase(answer) -> bool:
    """Blank what the learner wrote in their own words in one QuizAnswer (not
    saved); True if anything changed."""
    kind = _TYPES.get(answer.item_type)
    if kind is None:
        return False
    erased = kind.answer_erase(answer.response)
    if erased == answer.response:
        return False
    answer.response = erased
    return True


def answer_own_words(answer) -> str:
    """What the learner wrote in their own words in one QuizAnswer (a journal
    entry can start from it), one field per paragraph; "" if nothing."""
    kind = _TYPES.get(answer.item_type)
    if kind is None:
        return ""
    return "\n\n".join(
        str(answer.response[key]) for key in kind.personal_fields if answer.response.get(key)
    )


def answer_export(answer) -> dict:
    """The fields of one QuizAnswer's response that its type declares it stores."""
    kind = _TYPES.get(answer.item_type)
    return kind.answer_export(answer.response) if kind else dict(answer.response)


# The built-in types, in the order the editor offers them.
from . import (  # noqa: E402
    branching,
    classification,
    continuum,
    dilemma,
    multiple_response,
    single_choice,
)

for _kind in (
    single_choice.SINGLE_CHOICE,
    multiple_response.MULTIPLE_RESPONSE,
    classification.CLASSIFICATION,
    dilemma.DILEMMA,
    continuum.CONTINUUM,
    branching.BRANCHING,
):
    register(_kind)

__all__ = [
    "AnswerError",
    "AnswerRejected",
    "Item",
    "ItemType",
    "answer_erase",
    "answer_export",
    "is_stepwise",
    "item_type",
    "item_types",
    "personal_answer_types",
    "register",
    "stream_children",
    "unregister",
]

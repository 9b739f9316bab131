"""
Activity IRIs, stable across revisions and languages:

    <XAPI_IRI_BASE>/xapi/activities/<kind>/<id>

- a page (Thought Piece, quiz, course, module): kind from its model
  (`thoughtpiecepage` → `thoughtpiece`), id its Wagtail `translation_key`,
  which every revision and every translation of the page shares;
- a course step: `step/<StreamField block id>` (kept when steps are edited
  or re-ordered);
- a discussion question: `question/<DiscussionQuestion id>` (stable across
  edits of the piece, docs/ARCHITECTURE.md);
- a quiz item: `<quiz IRI>/item/<StreamField block id>`.
"""

from dataclasses import dataclass

from .verbs import iri_base

ADL_ACTIVITY = "http://adlnet.gov/expapi/activities/"
ACTIVITY_TYPES = {
    "thoughtpiece": "http://activitystrea.ms/schema/1.0/article",
    "quiz": ADL_ACTIVITY + "assessment",
    "course": ADL_ACTIVITY + "course",
    "module": ADL_ACTIVITY + "module",
    "step": ADL_ACTIVITY + "lesson",
    "question": ADL_ACTIVITY + "question",
    "item": ADL_ACTIVITY + "cmi.interaction",
}


@dataclass(frozen=True)
class Activity:
    kind: str  # "page", "step", "question" or "item"
    ref: str  # the local id: page pk, step key, question id, item id
    iri: str
    type: str
    name: str = ""


def _activities() -> str:
    return f"{iri_base()}/xapi/activities"


def page_kind(page) -> str:
    return page.specific_class._meta.model_name.removesuffix("page")


def page_activity(page) -> Activity:
    kind = page_kind(page)
    return Activity(
        "page",
        str(page.pk),
        f"{_activities()}/{kind}/{page.translation_key}",
        ACTIVITY_TYPES.get(kind, ADL_ACTIVITY + "media"),
        page.title,
    )


def step_activity(*, key, title: str = "") -> Activity:
    return Activity("step", str(key), f"{_activities()}/step/{key}", ACTIVITY_TYPES["step"], title)


def question_activity(*, question_id: int, text: str = "") -> Activity:
    return Activity(
        "question",
        str(question_id),
        f"{_activities()}/question/{question_id}",
        ACTIVITY_TYPES["question"],
        text,
    )


def item_activity(*, quiz, item_id: str, name: str = "") -> Activity:
    return Activity(
        "item",
        str(item_id),
        f"{page_activity(quiz).iri}/item/{item_id}",
        ACTIVITY_TYPES["item"],
        name,
    )

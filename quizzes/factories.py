"""Tests and demo: quizzes built through the quiz-file importer, as a trainer would."""

import yaml
from wagtail.models import Page

from .exchange import FORMAT, quiz_import
from .models import QuizIndexPage, QuizPage


def quiz_index() -> QuizIndexPage:
    index = QuizIndexPage.objects.first()
    if index is None:
        home = Page.objects.get(depth=2)
        index = QuizIndexPage(title="Quizzes and scenarios", slug="quizzes")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def single_choice(prompt: str = "Which type of compliance is a curfew?", **extra) -> dict:
    return {
        "type": "single_choice",
        "prompt": prompt,
        "options": [
            {
                "text": "Constraint-based",
                "correct": True,
                "feedback": "It limits what they can do.",
            },
            {"text": "Normative", "correct": False, "feedback": "Nothing here is internalised."},
            {"text": "Habit or routine", "correct": False, "feedback": "Not yet a routine."},
        ],
        "feedback": "Curfews constrain.",
        **extra,
    }


def make_quiz(*, title: str = "Compliance check", items: list[dict], **settings) -> QuizPage:
    """A published quiz from items in the quiz-file format (docs/AUTHORING.md)."""
    text = yaml.safe_dump(
        {"format": FORMAT, "title": title, "settings": settings, "items": items},
        sort_keys=False,
        allow_unicode=True,
    )
    return quiz_import(text=text, parent=quiz_index(), publish=True)

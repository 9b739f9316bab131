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


def multiple_response() -> dict:
    return {
        "type": "multiple_response",
        "prompt": "Which build normative compliance? Select all that apply.",
        "options": [
            {"text": "A relationship that shows care", "correct": True, "feedback": "Yes."},
            {"text": "Being listened to", "correct": True, "feedback": "Yes: legitimacy."},
            {"text": "A tag", "correct": False, "feedback": "That constrains."},
            {"text": "Threat of recall", "correct": False, "feedback": "That is instrumental."},
        ],
    }


def classification() -> dict:
    return {
        "type": "classification",
        "prompt": "Which type of compliance is at work?",
        "categories": ["Constraint-based", "Instrumental", "Habit or routine", "Normative"],
        "vignettes": [
            {
                "text": "Sam keeps his curfew because the tag would record a breach.",
                "answer": "Constraint-based",
                "explanation": "The tag makes breaking the curfew hard to hide.",
                "common_mistake": "Instrumental: but the limit is practical, not a calculation.",
            },
            {
                "text": "Jo attends because she wants her children back.",
                "answer": "Instrumental",
                "explanation": "She weighs what she gains.",
                "common_mistake": "Normative: she has not yet taken on the norm itself.",
            },
            {
                "text": "Lee now gets up for work at six and goes to the gym after.",
                "answer": "Habit or routine",
                "explanation": "A new routine has replaced the old one.",
            },
        ],
    }


def dilemma(**extra) -> dict:
    return {
        "type": "dilemma",
        "scenario": "A client under no order lives with his mother. You could visit unannounced.",
        "prompt": "What would you do?",
        "options": [
            {"text": "Visit unannounced"},
            {"text": "Arrange visits with him"},
            {"text": "Do not visit the home"},
        ],
        "rationale_max_length": 200,
        "perspectives": [
            {"title": "A crime control reading", "text": "Visits deter."},
            {"title": "A due process reading", "text": "Article 8: is it necessary?"},
        ],
        **extra,
    }


def continuum() -> dict:
    return {
        "type": "continuum",
        "prompt": "Where does your practice sit?",
        "left": "Crime Control",
        "right": "Due Process",
        "labels": [
            "Firmly CC",
            "Mostly CC",
            "Leaning CC",
            "Balanced",
            "Leaning DP",
            "Mostly DP",
            "Firmly DP",
        ],
    }


def branching(**extra) -> dict:
    def node(key, title, *choices, **more):
        return {
            "key": key,
            "title": title,
            "text": f"{title} text.",
            **more,
            **(
                {
                    "choices": [
                        {"text": t, "goes_to": g, "feedback": f"After {t}."} for t, g in choices
                    ]
                }
                if choices
                else {}
            ),
        }

    return {
        "type": "branching",
        "title": "Missed appointments",
        "introduction": "Craig misses two appointments.",
        "nodes": [
            node("start", "First miss", ("Phone him", "call"), ("Send a warning", "warning")),
            node("call", "He answers", ("Visit together", "good"), ("Back to the start", "start")),
            node("warning", "Letter sent", ("Recall", "bad")),
            node(
                "good",
                "He re-engages",
                ending=True,
                outcome="positive",
                score=100,
                debrief="Care and structure.",
            ),
            node(
                "bad",
                "Recalled",
                ending=True,
                outcome="negative",
                score=0,
                debrief="Enforcement alone.",
            ),
        ],
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

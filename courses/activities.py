"""
How courses know about activities without importing them.

A page type that learners "do" (a quiz, a scenario) subclasses
`LearningActivityPage`'s mixin `LearningActivityMixin`; a module's activity
step accepts any such page. Activities report what learners did through
`learning_record.services.statement_report`, never by writing progress rows.
"""

from django.apps import apps


class LearningActivityMixin:
    """Mark a Page type as something a module step can point at."""

    is_learning_activity = True
    #: The verb that completes a step pointing at this activity.
    completion_verbs: tuple[str, ...] = ("completed", "passed")


def activity_page_models() -> list[str]:
    """ "app_label.ModelName" of every page type that declares itself an activity."""
    from wagtail.models import Page

    return sorted(
        f"{model._meta.app_label}.{model.__name__}"
        for model in apps.get_models()
        if issubclass(model, Page) and getattr(model, "is_learning_activity", False)
    )

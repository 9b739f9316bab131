"""What `journals` adds to the base, content and course pages (see
`iomsite.registry`); called from `JournalsConfig.ready()`."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from iomsite import registry
from iomsite.registry import DemoLoader, NavEntry, Panel


def reflect_on_this(request, questions) -> dict:
    """ "Reflect on this" beside each discussion question, with the signed-in
    learner's reflections on it (one query for all the questions), kept until
    their record changes (`record_stamp`)."""
    from iomsite.accounts import record_stamp

    from .selectors import reflections_by_question

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def render() -> dict:
        mine = reflections_by_question(user=user, questions=questions)
        return {
            question.pk: render_to_string(
                "journals/components/question_action.html",
                {"question": question, "mine": mine.get(question.pk, [])},
            )
            for question in questions
        }

    asked = ",".join(str(question.pk) for question in questions)
    return record_stamp.kept(request, f"reflect-on:{asked}", render)


def _demo_load(state: dict) -> dict[str, int]:
    from .demo import demo_journals_load

    demo_journals_load()
    return {}


def register() -> None:
    from . import data_rights

    registry.nav_entries.register(NavEntry("journal", _("Journal"), url="journals:index"), order=50)
    registry.question_actions.register(reflect_on_this, order=10)
    registry.reflection_urls.register(
        lambda question_id: f"{reverse('journals:new')}?question={question_id}"
    )
    registry.data_holdings.register_all(data_rights.HOLDINGS, order=40)
    registry.data_erasers.register(data_rights.comments_erase, order=40)
    registry.data_export_sections.register(
        Panel(
            "data_export",
            "journals/data_export_section.html",
            context=data_rights.export_section_context,
        ),
        order=40,
    )
    for slot, template in [
        ("my_learning_aside", "journals/components/my_learning_prompts.html"),
        ("team_actions", "journals/components/team_action.html"),
        ("profile_links", "journals/components/profile_link.html"),
        ("data_exports", "journals/components/data_exports_hint.html"),
        ("access_log_row", "journals/components/access_log_row.html"),
    ]:
        registry.panels.register(Panel(slot, template), order=40)
    registry.demo_loaders.register(
        DemoLoader("journals", _demo_load, needs_accounts=True, needs_pieces=True), order=90
    )

"""What `quizzes` adds to the base (see `iomsite.registry`); called from
`QuizzesConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from iomsite import registry
from iomsite.registry import DemoLoader, NavEntry


def register() -> None:
    from . import data_rights, demo
    from .search import Quizzes

    registry.nav_entries.register(
        NavEntry(
            "quizzes",
            _("Quizzes"),
            index_page="quizzes.QuizIndexPage",
            public=True,
            description=_("Practise with questions and branching cases."),
        ),
        order=40,
    )
    registry.home_subpage_types.register("quizzes.QuizIndexPage", order=30)
    registry.search_kinds.register(Quizzes(), order=30)
    registry.data_holdings.register_all(data_rights.HOLDINGS, order=30)
    # Issue 14: the dilemma part becomes a call to the quiz item registry.
    registry.data_erasers.register(data_rights.answers_erase, order=30)
    registry.demo_loaders.register(
        DemoLoader("quizzes", demo.quizzes_load, needs_pieces=True), order=55
    )
    registry.demo_loaders.register(
        DemoLoader(
            "colleagues' dilemmas",
            demo.colleagues_dilemmas_load,
            needs_accounts=True,
            needs_pieces=True,
        ),
        order=80,
    )

"""What `thoughtpieces` adds to the base (see `iomsite.registry`); called from
`ThoughtPiecesConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from iomsite import registry
from iomsite.registry import DemoLoader, NavEntry


def register() -> None:
    from iomsite.search.selectors import Glossary, ThoughtPieces

    from . import data_rights
    from .demo import glossary_and_pieces_load

    registry.nav_entries.register(
        NavEntry(
            "thought_pieces",
            _("Thought Pieces"),
            index_page="thoughtpieces.ThoughtPieceIndexPage",
            public=True,
            description=_(
                "Short readings on IOM practice, each ending with questions to reflect on."
            ),
        ),
        order=20,
    )
    registry.nav_entries.register(
        NavEntry(
            "thoughtpieces:glossary",
            _("Glossary"),
            url="thoughtpieces:glossary",
            public=True,
            description=_("The acronyms and terms IOM teams use."),
        ),
        order=70,
    )
    registry.home_subpage_types.register("thoughtpieces.ThoughtPieceIndexPage", order=10)
    registry.search_kinds.register(ThoughtPieces(), order=10)
    registry.search_kinds.register(Glossary(), order=40)
    registry.data_holdings.register_all(data_rights.HOLDINGS, order=90)
    registry.demo_loaders.register(
        DemoLoader("glossary and pieces", glossary_and_pieces_load), order=20
    )

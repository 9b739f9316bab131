"""
Demo content for local use: the site tree, one team per area with members
from several agencies, and one account per role. Every step is idempotent:
running it again finds what it made and changes nothing.

Each app adds its own part through `iomsite.registry.demo_loaders` (its
`registrations.py`); `demo_load` runs them in order. The demo text is the
project's own, written for this platform.
"""

from collections import Counter

from .. import registry
from .people import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TEAMS, DemoPerson
from .tree import child_page, site_address_sync

__all__ = [
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "DEMO_PEOPLE",
    "DEMO_TEAMS",
    "DemoPerson",
    "child_page",
    "demo_load",
    "site_address_sync",
]


def demo_load(*, with_accounts: bool, with_pieces: bool = True) -> dict[str, int]:
    """Build (or top up) the demo; returns counts of what was created.

    `state` is what the loaders share: the flags, the home page, the teams, and
    pages one app makes for another (by name), so no loader imports another app."""
    state = {
        "with_accounts": with_accounts,
        "with_pieces": with_pieces,
        "activity_pages": {},
        "activity_takers": {},
    }
    counts: Counter = Counter()
    for loader in registry.demo_loaders:
        if (loader.needs_accounts and not with_accounts) or (
            loader.needs_pieces and not with_pieces
        ):
            continue
        counts.update(loader.load(state) or {})
    return {"pages": counts["pages"], "teams": counts["teams"], "people": counts["people"]}

"""
Where the apps above the base plug into it (issue 14).

The base (`iomsite` and its sub-apps) and the content app (`thoughtpieces`)
import no course and no activity. An app that adds something to a page or a
process the base owns registers it here, in its `AppConfig.ready()`; the base
reads the registry. Each registry keeps its entries in `order` (then in the
order they were registered), so the result does not depend on INSTALLED_APPS.

Registries (what an entry is → who reads it):
- `data_holdings`: `accounts.data_rights.Holding` rows → "Download my data",
  erasure, the admin's erase page;
- `data_erasers`: `callable(user)`, run first when an account is erased →
  `account_erase`;
- `data_export_sections`: `Panel` drawn in the export's index.html (its
  `context(user)`) → `personal_data_zip`;
- `nav_entries`: `NavEntry`, an area of the header (public ones also on the
  home page) → `context_processors.site_chrome`;
- `nav_prefixes`: `(key, callable() -> path prefix)`, more paths in an area →
  `site_chrome`;
- `home_subpage_types`: `"app_label.Model"` allowed under the home page →
  `HomePage.subpage_types`;
- `search_kinds`: `search.selectors.Kind` instances → site search;
- `demo_loaders`: `DemoLoader`, one app's part of the demo → `demo_load`;
- `reflection_urls`: `callable(question_id) -> url`, where a learner reflects on
  a question → a course's reflect step;
- `question_actions`: `callable(request, questions) -> {question id: html}` →
  Thought Piece pages, beside each discussion question;
- `panels`: `Panel(slot, template)`, a fragment drawn by `{% app_slot "slot" %}`
  → base, content and course templates.

Slots for `panels` (the template that draws each, and what its context holds):
`piece_footer` (Thought Piece page: `page`), `my_learning_aside` (My learning),
`team_actions` (team list: `team`), `team_detail` (a team: `team`),
`profile_links` (profile), `data_exports` (Download my data), `staff_links`
(the header's staff links), `home_start` (home page), `access_log_row`
(Who has looked at my records: `row`).
"""

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any


class Registry:
    """An ordered list that apps add to at start-up."""

    def __init__(self, name: str):
        self.name = name
        self._entries: list[tuple[int, int, Any]] = []
        self._numbers = itertools.count()

    def register(self, entry, *, order: int = 100):
        """Add `entry` (returned, so this works as a decorator)."""
        self._entries.append((order, next(self._numbers), entry))
        self._entries.sort(key=lambda item: item[:2])
        return entry

    def register_all(self, entries, *, order: int = 100) -> None:
        """Add several entries at one order, keeping theirs (an app's holdings)."""
        for entry in entries:
            self.register(entry, order=order)

    def unregister(self, entry) -> None:
        self._entries = [item for item in self._entries if item[2] is not entry]

    def __iter__(self) -> Iterator:
        return iter([entry for _order, _number, entry in self._entries])

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self):
        return f"<Registry {self.name}: {len(self)} entries>"


@dataclass(frozen=True)
class Panel:
    """A template fragment an app adds to a slot in another app's page.
    `context`: optional `callable(context) -> dict` of extra variables."""

    slot: str
    template: str
    context: Callable[..., dict] | None = None


@dataclass(frozen=True)
class NavEntry:
    """One area of the service navigation.

    `url`: a URL name, or `callable(request) -> url | None`; or `index_page`, an
    index page type ("app_label.Model") whose first live, public page is the area
    (all index pages are found in one query). `public`: shown to everyone and
    listed on the home page with `description`; otherwise signed-in people only."""

    key: str
    label: str
    url: str | Callable | None = None
    index_page: str | None = None
    public: bool = False
    description: str = ""


@dataclass(frozen=True)
class DemoLoader:
    """One app's part of the demo. `load(state)` runs in `load_demo`'s
    transaction and returns {count name: number created}; `state` is a dict the
    loaders share (e.g. "home", "teams", pages by slug) so no loader imports
    another app. `needs_accounts`/`needs_pieces`: run only when accounts / pieces are wanted."""

    name: str
    load: Callable[[dict], dict[str, int] | None]
    needs_accounts: bool = False
    needs_pieces: bool = False


data_holdings = Registry("data_holdings")
data_erasers = Registry("data_erasers")
data_export_sections = Registry("data_export_sections")
nav_entries = Registry("nav_entries")
nav_prefixes = Registry("nav_prefixes")
home_subpage_types = Registry("home_subpage_types")
search_kinds = Registry("search_kinds")
demo_loaders = Registry("demo_loaders")
question_actions = Registry("question_actions")
reflection_urls = Registry("reflection_urls")
panels = Registry("panels")


def panels_for(slot: str) -> list[Panel]:
    return [panel for panel in panels if panel.slot == slot]


class LazyRegistryList:
    """A list read from a registry when first iterated (after every app's
    `ready()`), for class attributes such as Wagtail's `subpage_types`."""

    def __init__(self, *fixed: str, registry: Registry):
        self.fixed, self.registry = list(fixed), registry

    def _items(self) -> list:
        return [*self.fixed, *self.registry]

    def __iter__(self):
        return iter(self._items())

    def __len__(self):
        return len(self._items())

    def __contains__(self, item):
        return item in self._items()

    def __getitem__(self, index):
        return self._items()[index]

    def __repr__(self):
        return repr(self._items())

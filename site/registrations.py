"""What the base registers in its own registries (see `iomsite.registry`);
called from `SiteConfig.ready()`. Orders leave room between: the apps above
the base use the numbers in between (see each app's registrations.py)."""

from django.utils.translation import gettext_lazy as _

from . import registry
from .registry import DemoLoader, NavEntry


def register() -> None:
    from .demo.people import teams_and_people_load
    from .demo.tree import site_tree_load

    registry.nav_entries.register(NavEntry("team", _("Team"), url="teams:list"), order=60)
    registry.demo_loaders.register(DemoLoader("site tree", site_tree_load), order=10)
    registry.demo_loaders.register(DemoLoader("teams and people", teams_and_people_load), order=30)

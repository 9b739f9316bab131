"""What `courses` adds to the base and content pages (see `iomsite.registry`);
called from `CoursesConfig.ready()`."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from iomsite import registry
from iomsite.registry import DemoLoader, NavEntry, Panel


def register() -> None:
    from . import data_rights, demo
    from .search import CoursesAndModules

    registry.nav_entries.register(
        NavEntry("my_learning", _("My learning"), url="courses:my_learning"), order=10
    )
    registry.nav_entries.register(
        NavEntry(
            "courses",
            _("Courses"),
            index_page="courses.CourseIndexPage",
            public=True,
            description=_("Induction and CPD courses, module by module."),
        ),
        order=30,
    )
    registry.nav_entries.register(
        NavEntry(
            "certificates:verify",
            _("Check a certificate"),
            url="certificates:verify",
            public=True,
            description=_("Confirm that a course certificate is genuine from its code."),
        ),
        order=80,
    )
    # Team progress belongs to the Team area of the header.
    registry.nav_prefixes.register(("team", lambda: reverse("courses:my_learning") + "team/"))
    registry.home_subpage_types.register("courses.CourseIndexPage", order=20)
    registry.search_kinds.register(CoursesAndModules(), order=20)
    registry.data_holdings.register_all(data_rights.HOLDINGS, order=20)
    for slot, template in [
        ("piece_footer", "courses/components/piece_footer.html"),
        ("team_detail", "courses/components/team_detail.html"),
        ("staff_links", "courses/components/staff_link.html"),
        ("profile_links", "courses/components/profile_link.html"),
    ]:
        registry.panels.register(Panel(slot, template), order=20)
    for order, name, load, needs_accounts in [
        (50, "course", demo.course_load, False),
        (60, "course modules", demo.course_modules_load, False),
        (70, "course progress", demo.course_progress_load, True),
    ]:
        registry.demo_loaders.register(
            DemoLoader(name, load, needs_accounts=needs_accounts, needs_pieces=True), order=order
        )

"""
The URL × role meta-test: every route has a row in tests/site/access_table.py,
and every row answers each role as the table says.

The first test needs no database: it walks the URL configuration (every include,
Wagtail's admin, documents and page-serving patterns) and each routable page
type's own routes. The others build one World (the practitioner's objects, two
teams with their leads, a trainer and an administrator) per role and request
every row.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Site, get_page_models

from .access_table import (
    ADMIN_LOGIN,
    ADMIN_PREFIX,
    ADMIN_SAMPLES,
    LOGIN,
    REDIRECT,
    ROLES,
    ROWS,
    Row,
)

# Views from these packages under /admin/ are Wagtail's own (the admin rule covers them).
WAGTAIL_MODULES = ("wagtail.", "django.", "modelcluster.", "taggit.")


@dataclass(frozen=True)
class Route:
    key: str  # what a Row names: "namespace:name", the pattern, or "page:<label>:<name>"
    pattern: str
    module: str

    @property
    def is_wagtail_admin(self) -> bool:
        """Under /admin/ and defined by Wagtail (or Django) itself, not by this project."""
        return self.pattern.startswith(ADMIN_PREFIX) and self.module.startswith(WAGTAIL_MODULES)


def _view_module(callback) -> str:
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback
    return getattr(view, "__module__", "") or ""


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            key = f"{namespace}{entry.name}" if entry.name else pattern
            yield Route(key, pattern, _view_module(entry.callback))


def site_routes() -> list[Route]:
    """Every URL pattern, through every include, plus every routable page route."""
    routes = list(_walk(get_resolver().url_patterns))
    for model in get_page_models():
        if issubclass(model, RoutablePageMixin):
            for entry in model.get_subpage_urls():
                key = f"page:{model._meta.label}:{entry.name}"
                routes.append(
                    Route(key, f"<{model._meta.label}>/{entry.pattern}", model.__module__)
                )
    return routes


def routes_without_a_row() -> list[Route]:
    covered = {row.route for row in ROWS}
    return [
        route for route in site_routes() if route.key not in covered and not route.is_wagtail_admin
    ]


def test_every_route_has_a_row_in_the_access_table():
    missing = routes_without_a_row()
    assert not missing, (
        "These routes have no row in tests/site/access_table.py, so nobody has said "
        "who may open them:\n"
        + "\n".join(
            f"  {route.key!r}  (pattern {route.pattern!r}, view in {route.module})"
            for route in missing
        )
        + "\nAdd one line per route to ROWS, for example:\n"
        + "\n".join(
            f"    Row({route.key!r}, {{...url kwargs: world object...}}, default=DENIED, lead=OK),"
            for route in missing[:3]
        )
        + "\n(see the docstring at the top of tests/site/access_table.py)"
    )


def test_a_new_route_without_a_row_is_caught(settings):
    settings.ROOT_URLCONF = "tests.site.urls_with_new_routes"
    missing = {route.key for route in routes_without_a_row()}
    assert missing == {"brand_new", "admin/brand-new-admin/", "brand-new-unnamed/"}


def test_every_row_names_a_route_that_exists():
    keys = {route.key for route in site_routes()}
    unknown = sorted({row.route for row in ROWS + ADMIN_SAMPLES} - keys)
    assert not unknown, f"Rows for routes that no longer exist (remove them): {unknown}"


def test_the_admin_samples_are_wagtail_admin_routes():
    by_key = {route.key: route for route in site_routes()}
    assert all(by_key[row.route].is_wagtail_admin for row in ADMIN_SAMPLES)
    assert len(ADMIN_SAMPLES) >= 10


# Requests ---------------------------------------------------------------------


@pytest.fixture
def world(site_tree, settings, tmp_path):
    """Everything the rows point at, owned by the right people."""
    from wagtail.documents.models import Document

    from courses.factories import make_course, step
    from courses.services import assignment_create, certificate_issue
    from iomsite.accounts.factories import UserFactory
    from iomsite.accounts.models import DataExport
    from iomsite.accounts.roles import ADMINISTRATOR, PRACTITIONER, TEAM_LEAD, TRAINER
    from iomsite.teams.factories import TeamMembershipFactory
    from iomsite.teams.models import Team, TeamInvitation
    from iomsite.teams.services import team_invitation_create
    from journals.services import journal_entry_create, journal_entry_share
    from quizzes.factories import make_quiz, quiz_index, single_choice
    from quizzes.services import attempt_start
    from thoughtpieces.factories import make_thought_piece
    from thoughtpieces.models import ThoughtPieceIndexPage

    team = Team.objects.get_or_create(name="Northmoor IOM", defaults={"area": "Northmoor"})[0]
    other_team = Team.objects.create(name="Access Other IOM", area="Elsewhere")
    users = {
        "practitioner": UserFactory(display_name="Pat Practitioner", roles=[PRACTITIONER]),
        "practitioner_other": UserFactory(display_name="Olu Other", roles=[PRACTITIONER]),
        "lead": UserFactory(display_name="Lee Lead", roles=[TEAM_LEAD, PRACTITIONER]),
        "lead_other": UserFactory(display_name="Lou Otherlead", roles=[TEAM_LEAD, PRACTITIONER]),
        "trainer": UserFactory(display_name="Terry Trainer", roles=[TRAINER]),
        "administrator": UserFactory(display_name="Ada Administrator", roles=[ADMINISTRATOR]),
    }
    membership = TeamMembershipFactory(team=team, user=users["practitioner"])
    TeamMembershipFactory(team=team, user=users["lead"], is_lead=True)
    TeamMembershipFactory(team=other_team, user=users["practitioner_other"])
    TeamMembershipFactory(team=other_team, user=users["lead_other"], is_lead=True)

    piece = make_thought_piece()
    question = piece.questions.order_by("sort_order").first()
    course = make_course(
        modules=[
            {
                "title": "First module",
                "steps": [
                    step("read", 20, piece=piece.pk),
                    step("external", 30, title="Meet a partner", marked_done_by="either"),
                ],
            }
        ]
    )
    module = course.get_children().live().first()
    assignment_create(actor=users["lead"], course=course, team=team, users=[users["practitioner"]])
    certificate = certificate_issue(user=users["practitioner"], course=course)
    entry = journal_entry_create(
        author=users["practitioner"], question=question, body="I would ask first."
    )
    share = journal_entry_share(entry=entry, author=users["practitioner"], team=team)
    team_invitation_create(
        team=other_team, actor=users["lead_other"], email=users["practitioner"].email
    )
    invitation = TeamInvitation.objects.get(team=other_team)
    team_invitation_create(team=team, actor=users["lead"], email="someone@example.org")
    quiz_index()
    quiz = make_quiz(items=[single_choice()])
    attempt = attempt_start(user=users["practitioner"], quiz=quiz)
    export = DataExport.objects.create(
        user=users["practitioner"], status=DataExport.Status.READY, file_name="access-test.zip"
    )
    (settings.PRIVATE_FILES_ROOT / "exports").mkdir(parents=True, exist_ok=True)
    (settings.PRIVATE_FILES_ROOT / "exports" / "access-test.zip").write_bytes(
        b"PK\x05\x06" + b"\0" * 18
    )
    settings.MEDIA_ROOT = tmp_path
    document = Document.objects.create(
        title="Leaflet", file=ContentFile(b"%PDF-1.4\n", name="leaflet.pdf")
    )
    from courses.models import Step
    from iomsite.home.models import FooterLinks

    index = ThoughtPieceIndexPage.objects.get()
    objects = {
        **{name: user.pk for name, user in users.items()},
        "team": team.pk,
        "other_team": other_team.pk,
        "membership": membership.pk,
        "piece": piece.pk,
        "question": question.pk,
        "course": course.pk,
        "step": Step.objects.filter(course=course, kind="external").first().pk,
        "certificate": certificate.code,
        "entry": entry.pk,
        "share": share.pk,
        "quiz": quiz.pk,
        "export": export.pk,
        "invitation": invitation.token,
        "team_invitation": TeamInvitation.objects.get(team=team).pk,
        "site": Site.objects.get(is_default_site=True).pk,
        "footer_links": FooterLinks.load().pk,
    }
    paths = {
        "piece": piece.url,
        "course": course.url,
        "module": module.url,
        "pieces": index.url,
        "brochure": f"{index.url}brochure/",
        "quiz": quiz.url,
        "quizzes": quiz.get_parent().url,
        "attempt_question": f"{quiz.url}attempts/{attempt.pk}/questions/1/",
        "attempt_submit": f"{quiz.url}attempts/{attempt.pk}/submit/",
        "attempt_review": f"{quiz.url}attempts/{attempt.pk}/review/",
        "document": document.url,
    }
    return {"users": users, "objects": objects, "paths": paths}


def url_for(row: Row, world) -> str:
    if row.path:
        url = world["paths"].get(row.path, row.path)
    else:
        kwargs = {
            name: world["objects"][value]
            if isinstance(value, str) and value in world["objects"]
            else value
            for name, value in row.kwargs.items()
        }
        url = reverse(row.route, kwargs=kwargs)
    return f"{url}?{row.query}" if row.query else url


def outcome(response, url: str):
    """What the response means, in the table's words."""
    if response.status_code in (301, 302):
        location = urlsplit(response["Location"])
        if location.path == reverse("accounts:login") and f"next={url}" in response[
            "Location"
        ].replace("%2F", "/"):
            return LOGIN
        if location.path == reverse("wagtailadmin_login"):
            return ADMIN_LOGIN
        return REDIRECT
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_table_says(world, role):
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    wrong = []
    for row in ROWS + ADMIN_SAMPLES:
        url = url_for(row, world)
        response = client.get(url)
        got, expected = outcome(response, url), row.expected(role)
        if got != expected:
            where = response.get("Location", "")
            wrong.append(f"  {row.route:45} GET {url}: expected {expected}, got {got} {where}")
    assert not wrong, f"As {role}:\n" + "\n".join(wrong)

"""
Demo content for local use: the site tree, one team per area with members
from several agencies, and one account per role. Every step is idempotent:
running it again finds what it made and changes nothing.

The demo text is the project's own, written for this platform.
"""

import json
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images.models import Image
from wagtail.models import Collection, Locale, Page, Site

from thoughtpieces.importing.reader import parse
from thoughtpieces.models import GlossaryTerm, ThoughtPieceIndexPage, ThoughtPiecePage
from thoughtpieces.services import thought_piece_import

from .accounts.models import Agency
from .accounts.roles import ADMINISTRATOR, PRACTITIONER, TEAM_LEAD, TRAINER, roles_ensure
from .demo_content.figures import compliance_types_png, timeline_png
from .demo_content.glossary import GLOSSARY
from .home.models import FooterLinks, HomePage, StandardPage
from .teams.models import Team, TeamMembership

# For local use only: printed by load_demo, refused when DJANGO_DEBUG is off.
DEMO_PASSWORD = "compass-demo-2026"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    display_name: str
    agency: str
    roles: tuple[str, ...]
    team: str | None = None
    leads_team: bool = False


DEMO_TEAMS = [
    ("Northmoor IOM", "Northmoor", "Police, probation and partners co-located at Northmoor."),
    ("Riverside IOM", "Riverside", "A city-centre team with a drug and alcohol service hub."),
    ("Eastvale IOM", "Eastvale", "A rural partnership covering three market towns."),
]

# The first four are the demo accounts, one per role, and are listed in the README.
DEMO_PEOPLE = [
    DemoPerson(
        "practitioner@example.org",
        "Priya Shah",
        Agency.PROBATION,
        (PRACTITIONER,),
        team="Northmoor IOM",
    ),
    DemoPerson("trainer@example.org", "Tom Adeyemi", Agency.PROBATION, (TRAINER,)),
    DemoPerson(
        "teamlead@example.org",
        "Lena Novak",
        Agency.POLICE,
        (TEAM_LEAD, PRACTITIONER),
        team="Northmoor IOM",
        leads_team=True,
    ),
    DemoPerson("admin@example.org", "Alex Morgan", Agency.LOCAL_AUTHORITY, (ADMINISTRATOR,)),
    DemoPerson(
        "dc.hughes@example.org", "Dan Hughes", Agency.POLICE, (PRACTITIONER,), team="Northmoor IOM"
    ),
    DemoPerson(
        "m.osei@example.org",
        "Mary Osei",
        Agency.DRUG_ALCOHOL,
        (PRACTITIONER,),
        team="Northmoor IOM",
    ),
    DemoPerson(
        "j.clarke@example.org",
        "Jo Clarke",
        Agency.LOCAL_AUTHORITY,
        (PRACTITIONER,),
        team="Northmoor IOM",
    ),
    DemoPerson(
        "r.iqbal@example.org",
        "Rukhsana Iqbal",
        Agency.POLICE,
        (TEAM_LEAD, PRACTITIONER),
        team="Riverside IOM",
        leads_team=True,
    ),
    DemoPerson(
        "s.brennan@example.org",
        "Sean Brennan",
        Agency.PROBATION,
        (PRACTITIONER,),
        team="Riverside IOM",
    ),
    DemoPerson(
        "a.kowalski@example.org",
        "Anna Kowalski",
        Agency.VOLUNTARY,
        (PRACTITIONER,),
        team="Riverside IOM",
    ),
    DemoPerson(
        "c.mensah@example.org", "Chris Mensah", Agency.HEALTH, (PRACTITIONER,), team="Riverside IOM"
    ),
    DemoPerson(
        "h.price@example.org",
        "Helen Price",
        Agency.PROBATION,
        (TEAM_LEAD, PRACTITIONER),
        team="Eastvale IOM",
        leads_team=True,
    ),
    DemoPerson(
        "g.ward@example.org", "Gareth Ward", Agency.POLICE, (PRACTITIONER,), team="Eastvale IOM"
    ),
    DemoPerson(
        "f.ali@example.org", "Farah Ali", Agency.YOUTH_JUSTICE, (PRACTITIONER,), team="Eastvale IOM"
    ),
    DemoPerson(
        "p.evans@example.org", "Pat Evans", Agency.PRISON, (PRACTITIONER,), team="Eastvale IOM"
    ),
]
DEMO_ACCOUNTS = DEMO_PEOPLE[:4]

HOME_LEAD = (
    "Learning and reflective practice for Integrated Offender Management teams: police, "
    "probation, drug and alcohol, housing and voluntary-sector staff who manage prolific "
    "offenders together."
)
HOME_BODY = (
    "<h2>What you can do here</h2>"
    "<ul><li>Read Thought Pieces on the law, policy and practice behind IOM, and the questions "
    "they leave you with.</li>"
    "<li>Work through induction courses at your own pace, with your progress saved as you go.</li>"
    "<li>Practise judgement on realistic cases, including dilemmas with no single right "
    "answer.</li>"
    "<li>Keep a private reflective journal, and share the entries you choose with your team.</li>"
    "</ul>"
)
ACCESSIBILITY_BODY = (
    "<p>IOM Compass is run by the IOM partnership training team. We want as many people as "
    "possible to be able to use it. You should be able to:</p>"
    "<ul><li>change colours, contrast levels and fonts using your browser or device settings</li>"
    "<li>zoom in up to 400% without the text spilling off the screen</li>"
    "<li>navigate the whole service using just a keyboard</li>"
    "<li>use every page without JavaScript</li>"
    "<li>listen to the service using a screen reader</li></ul>"
    "<h2>How accessible this service is</h2>"
    "<p>We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. "
    "Every page is checked automatically with axe-core as part of our tests, and by keyboard.</p>"
    "<h2>Reporting accessibility problems</h2>"
    "<p>If you find a problem that is not listed on this page, tell your trainer or your "
    "partnership administrator. We aim to reply within 5 working days.</p>"
)
PRIVACY_BODY = (
    "<p>IOM Compass keeps your account details (name, email address, agency, teams), your "
    "learning progress and your journal.</p>"
    "<h2>Your journal</h2>"
    "<p>Your journal is private by default. Your team lead sees your course progress but never "
    "your journal. An entry is visible to others only after you choose to share it, and you can "
    "stop sharing at any time.</p>"
    "<h2>Case information</h2>"
    "<p>Do not write names, dates of birth or reference numbers of the people you work with. "
    "Reflect on practice, not on identifiable cases.</p>"
)


def _child(parent: Page, model, *, slug: str, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _wagtail_base_tree() -> None:
    """Wagtail's default locale, root page and root collection, as its migrations make them.

    They are missing only after `manage.py flush` (or a transactional test),
    which empties tables without re-running migrations.
    """
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def _site_tree() -> dict[str, Page]:
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    created = {}
    if home is None:
        home = HomePage(title="IOM Compass", slug="home-compass", lead=HOME_LEAD, body=HOME_BODY)
        root.add_child(instance=home)
        home.save_revision().publish()
        created["home"] = home
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "IOM Compass"
            site.save()
        else:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="IOM Compass",
            )
        # Wagtail's own "Welcome to your new Wagtail site!" placeholder page.
        if old_root and old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
            home.refresh_from_db()
        if home.slug != "home":
            home.slug = "home"
            home.save_revision().publish()
        home = HomePage.objects.get(pk=home.pk)  # publishing saved a copy: reload url_path

    index, made = _child(
        home,
        ThoughtPieceIndexPage,
        slug="thought-pieces",
        title="Thought Pieces",
        introduction=(
            "Short, referenced articles on the law, policy and practice of Integrated Offender "
            "Management. Each ends with questions to consider on your own or with your team."
        ),
    )
    if made:
        created["thought_pieces"] = index
    accessibility, made = _child(
        home,
        StandardPage,
        slug="accessibility-statement",
        title="Accessibility statement",
        summary="This statement applies to IOM Compass.",
        body=ACCESSIBILITY_BODY,
    )
    if made:
        created["accessibility"] = accessibility
    privacy, made = _child(
        home,
        StandardPage,
        slug="privacy-notice",
        title="Privacy notice",
        summary="What IOM Compass keeps about you, and who can see it.",
        body=PRIVACY_BODY,
    )
    if made:
        created["privacy"] = privacy
    links = FooterLinks.load()
    if links.accessibility_statement_id is None or links.privacy_notice_id is None:
        links.accessibility_statement = links.accessibility_statement or accessibility
        links.privacy_notice = links.privacy_notice or privacy
        links.save()
    return created


DEMO_CONTENT = Path(__file__).parent / "demo_content"
DEMO_PIECES = ["ic-tp-1-where-iom-came-from.md", "ic-tp-2-compliance.md"]
DEMO_FIGURES = {
    "Fig 1: Programmes that shaped IOM": ("Timeline of programmes before IOM", timeline_png),
    "Fig 1: Four types of compliance": ("Four types of compliance", compliance_types_png),
}


def _glossary() -> int:
    created = 0
    for term, expansion, definition in GLOSSARY:
        _, made = GlossaryTerm.objects.get_or_create(
            term=term, defaults={"expansion": expansion, "definition": definition}
        )
        created += made
    return created


def _figure_image(title: str, draw) -> Image:
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, file=ImageFile(BytesIO(draw()), name=f"{slugify(title)}.png"))
        image.save()
    return image


def _thought_pieces() -> int:
    """Import the demo pieces through the same importer trainers use, then add figures."""
    index = ThoughtPieceIndexPage.objects.get()
    created = 0
    for name in DEMO_PIECES:
        parsed = parse(data=(DEMO_CONTENT / name).read_bytes(), name=name)
        if ThoughtPiecePage.objects.filter(reference=parsed.reference).exists():
            continue
        result = thought_piece_import(parsed=parsed, parent=index, publish=True)
        page = result.page.get_latest_revision_as_object()
        body = page.body.raw_data
        for item in body:
            known = (
                DEMO_FIGURES.get(item["value"].get("caption")) if item["type"] == "figure" else None
            )
            if known and not item["value"].get("image"):
                alt_text, draw = known
                item["value"]["image"] = _figure_image(alt_text, draw).pk
        page.body = json.dumps(list(body))
        page.save_revision().publish()
        created += 1
    return created


def _step(kind: str, minutes: int, **value) -> tuple[str, dict]:
    return (kind, {"minutes": minutes, "locked": value.pop("locked", False), **value})


def _induction_modules(pieces: dict[str, ThoughtPiecePage], quizzes: dict) -> list[dict]:
    origins, compliance = pieces["IC/TP/1"], pieces["IC/TP/2"]
    origins_q = origins.questions.order_by("sort_order").first()
    compliance_q = compliance.questions.order_by("sort_order")[1]
    return [
        {
            "title": "Where IOM came from",
            "summary": "The programmes IOM grew out of, and how your team fits the picture.",
            "requires_previous": False,
            "steps": [
                _step("read", 20, piece=origins.pk),
                _step(
                    "external",
                    30,
                    title="Meet the lead professional for two of your team’s cases",
                    description="Ask what each agency brings to the case.",
                    marked_done_by="learner",
                ),
                _step("reflect", 15, question=origins_q.pk),
            ],
        },
        {
            "title": "Compliance in practice",
            "summary": "Four reasons people comply, and the rights questions IOM raises.",
            "requires_previous": True,
            "steps": [
                _step("read", 25, piece=compliance.pk),
                _step("activity", 20, activity=quizzes["four-types-of-compliance"].pk),
                _step("activity", 15, activity=quizzes["formal-or-substantive"].pk),
                _step("activity", 20, activity=quizzes["crime-control-or-due-process"].pk),
                _step("reflect", 15, question=compliance_q.pk, locked=True),
            ],
        },
        {
            "title": "Working in the partnership",
            "summary": "See the partnership at work, then visit a partner agency.",
            "requires_previous": True,
            "steps": [
                _step("activity", 25, activity=quizzes["missed-appointments"].pk),
                _step(
                    "external",
                    120,
                    title="Shadow an IOM panel meeting",
                    description="Your team lead confirms you attended.",
                    marked_done_by="team_lead",
                ),
                _step(
                    "external",
                    180,
                    title="Spend a session with a housing or drug service partner",
                    marked_done_by="either",
                ),
            ],
        },
    ]


def _quizzes(home: HomePage) -> dict:
    from quizzes.demo import demo_quizzes_load
    from quizzes.models import QuizIndexPage

    index, _ = _child(
        home,
        QuizIndexPage,
        slug="quizzes",
        title="Quizzes and scenarios",
        introduction="Practise judgement: compliance types, rights dilemmas and a branching "
        "case. Some questions have a right answer; some do not.",
    )
    return demo_quizzes_load(index=index)


def _courses(teams: dict[str, Team]) -> int:
    """The "IOM induction" course, assigned to Northmoor with learners part-way through."""
    from courses.models import CourseIndexPage, CoursePage, ModulePage

    home = HomePage.objects.get()
    index, _ = _child(
        home,
        CourseIndexPage,
        slug="courses",
        title="Courses",
        introduction="Induction and development courses for IOM teams.",
    )
    if CoursePage.objects.filter(slug="iom-induction").exists():
        return 0
    pieces = {p.reference: p for p in ThoughtPiecePage.objects.filter(reference__startswith="IC/")}
    if len(pieces) < 2:
        return 0
    course, _ = _child(
        index,
        CoursePage,
        slug="iom-induction",
        title="IOM induction",
        summary="Your first weeks in an Integrated Offender Management team: where IOM came "
        "from, how compliance works, and the partnership in practice.",
        open_for_self_enrolment=False,
    )
    for spec in _induction_modules(pieces, _quizzes(home)):
        _child(
            course,
            ModulePage,
            slug=slugify(spec["title"]),
            title=spec["title"],
            summary=spec["summary"],
            requires_previous=spec["requires_previous"],
            steps=json.dumps([{"type": k, "value": v} for k, v in spec["steps"]]),
        )
    return 1


def _demo_progress(teams: dict[str, Team]) -> None:
    """Assign the induction to Northmoor (due in a month) and Riverside (overdue), and
    move some learners forward through the real services."""
    from datetime import timedelta

    from django.utils import timezone

    from courses import services as course_services
    from courses.models import Assignment, CoursePage, Step
    from learning_record.services import statement_report
    from learning_record.verbs import Verb
    from quizzes.demo import demo_quiz_take
    from quizzes.models import QuizAttempt, QuizPage

    course = CoursePage.objects.filter(slug="iom-induction").first()
    if course is None or Assignment.objects.filter(course=course).exists():
        return
    User = get_user_model()
    today = timezone.localdate()
    for team_name, lead_email, due in [
        ("Northmoor IOM", "teamlead@example.org", today + timedelta(days=30)),
        ("Riverside IOM", "r.iqbal@example.org", today),
    ]:
        lead = User.objects.filter(email=lead_email).first()
        if lead is not None:
            course_services.assignment_create(
                actor=lead, course=course, team=teams[team_name], due_date=due
            )
    Assignment.objects.filter(team=teams["Riverside IOM"]).update(
        due_date=today - timedelta(days=7)
    )
    steps = list(
        Step.objects.filter(course=course, retired=False).order_by("module__path", "position")
    )
    verbs = {"read": Verb.READ, "reflect": Verb.REFLECTED, "external": Verb.COMPLETED}
    lead = User.objects.get(email="teamlead@example.org")
    for email, count in [
        ("practitioner@example.org", 2),
        ("dc.hughes@example.org", 5),
        ("j.clarke@example.org", len(steps)),
        ("s.brennan@example.org", 1),
    ]:
        learner = User.objects.filter(email=email).first()
        if learner is None:
            continue
        for step in steps[:count]:
            if step.kind == "activity":
                demo_quiz_take(user=learner, quiz=step.target_page.specific)
            elif step.kind == "external":
                course_services.step_mark_done(
                    actor=lead if step.marked_done_by == "team_lead" else learner,
                    learner=learner,
                    step=step,
                )
            else:
                statement_report(
                    user=learner,
                    verb=verbs[step.kind],
                    page=step.target_page if step.kind == "read" else None,
                    question_id=step.target_question_id,
                )
    # Colleagues have answered the rights dilemmas, so the anonymised spreads
    # show; the demo practitioner has not, so they can try it fresh.
    dilemmas = QuizPage.objects.filter(slug="crime-control-or-due-process").first()
    for person in DEMO_PEOPLE:
        learner = User.objects.filter(email=person.email).first()
        if (
            dilemmas is not None
            and learner is not None
            and PRACTITIONER in person.roles
            and person.email != "practitioner@example.org"
            and not QuizAttempt.objects.filter(user=learner, quiz=dilemmas).exists()
        ):
            demo_quiz_take(user=learner, quiz=dilemmas)


def _teams() -> dict[str, Team]:
    teams = {}
    for name, area, description in DEMO_TEAMS:
        team, _ = Team.objects.get_or_create(
            name=name, defaults={"area": area, "description": description}
        )
        teams[name] = team
    return teams


def _people(teams: dict[str, Team]) -> int:
    User = get_user_model()
    groups = {group.name: group for group in Group.objects.all()}
    created = 0
    for person in DEMO_PEOPLE:
        user = User.objects.filter(email__iexact=person.email).first()
        if user is None:
            user = User.objects.create_user(
                email=person.email,
                password=DEMO_PASSWORD,
                display_name=person.display_name,
                agency=person.agency,
                is_superuser=ADMINISTRATOR in person.roles,
            )
            created += 1
        user.groups.add(*(groups[role] for role in person.roles))
        if person.team:
            TeamMembership.objects.get_or_create(
                team=teams[person.team], user=user, defaults={"is_lead": person.leads_team}
            )
    return created


@transaction.atomic
def site_address_sync() -> None:
    """The default Site's hostname and port from WAGTAILADMIN_BASE_URL, the one
    setting for where the site runs: our emails' links use the setting, and
    Wagtail's own (a page's `full_url` in its moderation emails) the Site record."""
    from urllib.parse import urlsplit

    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if not address.hostname:
        return
    port = address.port or (443 if address.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (address.hostname, port):
        site.hostname, site.port = address.hostname, port
        site.save(update_fields=["hostname", "port"])


def demo_load(*, with_accounts: bool, with_pieces: bool = True) -> dict[str, int]:
    """Build (or top up) the demo; returns counts of what was created."""
    _wagtail_base_tree()
    roles_ensure()
    pages = _site_tree()
    site_address_sync()
    _glossary()
    pieces = _thought_pieces() if with_pieces else 0
    teams = _teams()
    people = _people(teams) if with_accounts else 0
    if with_pieces:
        pieces += _courses(teams)
        if with_accounts:
            _demo_progress(teams)
            from journals.demo import demo_journals_load

            demo_journals_load()
    return {"pages": len(pages) + pieces, "teams": len(teams), "people": people}

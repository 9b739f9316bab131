"""Demo people: one team per area with members from several agencies, and one
account per role (the first four, listed in the README)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from ..accounts.models import Agency
from ..accounts.roles import ADMINISTRATOR, PRACTITIONER, TEAM_LEAD, TRAINER
from ..teams.models import Team, TeamMembership

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


def demo_teams_load() -> dict[str, Team]:
    teams = {}
    for name, area, description in DEMO_TEAMS:
        team, _ = Team.objects.get_or_create(
            name=name, defaults={"area": area, "description": description}
        )
        teams[name] = team
    return teams


def demo_people_load(teams: dict[str, Team]) -> int:
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


def teams_and_people_load(state: dict) -> dict[str, int]:
    """The demo loader: teams always, accounts only when asked for."""
    teams = state["teams"] = demo_teams_load()
    people = demo_people_load(teams) if state["with_accounts"] else 0
    return {"teams": len(teams), "people": people}

import pytest

from iomsite.accounts.factories import TEST_PASSWORD, UserFactory
from iomsite.accounts.roles import ADMINISTRATOR, PRACTITIONER, TEAM_LEAD, TRAINER
from iomsite.demo import demo_load
from iomsite.teams.factories import TeamMembershipFactory
from iomsite.teams.models import Team


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Tests roll back, so ids (and ids in cache keys) can come round again."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _rate_windows_hold_still(monkeypatch):
    """django-ratelimit counts in fixed windows (a minute, an hour) that start at
    a time of its choosing; a test that posts three times can straddle the
    window's end and see its count start again. Its clock stands still in a
    test, so every count a test makes falls in one window."""
    import time
    import types

    import django_ratelimit.core

    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: now))


@pytest.fixture(autouse=True)
def _fresh_brochure_cache(settings, tmp_path):
    """Built brochures are files named by page and revision ids, which come round again."""
    settings.BROCHURE_CACHE_ROOT = tmp_path / "brochures"


@pytest.fixture(autouse=True)
def _force_login_gives_two_factor(monkeypatch):
    """`client.force_login(user)` signs staff in fully, as if they had entered a
    code from their app: it gives them a confirmed app (if they have none) and
    marks the session verified, the way django-otp does. Tests of two-factor
    sign-in itself use the real sign-in page (`tests/site/test_two_factor.py`),
    or set `client.two_factor_skip = True` for a password-only session."""
    from django.test import Client

    from iomsite.benchmark import two_factor_session_verify

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if not getattr(self, "two_factor_skip", False):
            two_factor_session_verify(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def site_tree(db):
    """The demo site tree (home, Thought Pieces index, statements, glossary), no pieces
    and no accounts: tests make the pieces they need."""
    demo_load(with_accounts=False, with_pieces=False)


@pytest.fixture
def password():
    return TEST_PASSWORD


@pytest.fixture
def practitioner(db):
    return UserFactory(display_name="Pat Practitioner", roles=[PRACTITIONER])


@pytest.fixture
def trainer(db):
    return UserFactory(display_name="Terry Trainer", roles=[TRAINER])


@pytest.fixture
def administrator(db):
    return UserFactory(display_name="Ada Administrator", roles=[ADMINISTRATOR])


@pytest.fixture
def team(db):
    # get_or_create: the site_tree fixture's demo data has a team of this name too.
    return Team.objects.get_or_create(name="Northmoor IOM", defaults={"area": "Northmoor"})[0]


@pytest.fixture
def other_team(db):
    return Team.objects.get_or_create(name="Riverside IOM", defaults={"area": "Riverside"})[0]


@pytest.fixture
def team_lead(team):
    lead = UserFactory(display_name="Lee Lead", roles=[TEAM_LEAD, PRACTITIONER])
    TeamMembershipFactory(team=team, user=lead, is_lead=True)
    return lead


@pytest.fixture
def signed_in(client):
    """Sign a user in on the test client: `signed_in(user)` returns the client."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in

"""A team discussion with many shared reflections: ten a page, newest activity
first, the same queries for twelve as for thirty, and reads recorded for the
reflections shown only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iomsite.teams.factories import TeamMembershipFactory
from journals import services
from journals.models import EntryRead
from journals.views.teams import DISCUSSION_PER_PAGE

pytestmark = pytest.mark.django_db


def _shared(team, question, count, start=0):
    entries = []
    for n in range(start, start + count):
        author = TeamMembershipFactory(team=team).user
        entry = services.journal_entry_create(
            author=author, question=question, body=f"Reflection number {n:03d}."
        )
        services.journal_entry_share(entry=entry, author=author, team=team)
        entries.append(entry)
    return entries


def _get(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_ten_a_page_with_the_same_queries_at_any_size(client, team, practitioner, question):
    TeamMembershipFactory(team=team, user=practitioner)
    url = f"/journal/teams/{team.pk}/questions/{question.pk}/"
    _shared(team, question, 12)
    client.force_login(practitioner)
    _get(client, url)
    small, few = _get(client, url)
    _shared(team, question, 18, start=12)
    large, many = _get(client, url)
    assert few == many
    assert large.count('class="app-journal-shared"') == DISCUSSION_PER_PAGE
    assert "Reflection number 029." in large and "Reflection number 019." not in large
    assert "Reflections 1 to 10 of 30" in large
    last, _ = _get(client, url, page=3)
    assert "Reflection number 000." in last and "Reflection number 029." not in last
    assert _get(client, url, page="x")[0].count('class="app-journal-shared"') == 10


def test_only_the_reflections_shown_count_as_read(client, team, practitioner, question):
    TeamMembershipFactory(team=team, user=practitioner)
    _shared(team, question, 15)
    client.force_login(practitioner)
    client.get(f"/journal/teams/{team.pk}/questions/{question.pk}/")
    assert EntryRead.objects.filter(reader=practitioner).count() == DISCUSSION_PER_PAGE


def test_one_shared_reflection_by_its_link(client, team, practitioner, question):
    TeamMembershipFactory(team=team, user=practitioner)
    entries = _shared(team, question, 14)
    client.force_login(practitioner)
    page, _ = _get(client, f"/journal/teams/{team.pk}/entries/{entries[0].pk}/")
    assert page.count('class="app-journal-shared"') == 1 and "Reflection number 000." in page

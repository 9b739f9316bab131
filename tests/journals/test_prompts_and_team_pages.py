"""Issue 13: a prompt keeps its own words beside a chosen question; the team page's
links and access agree (an administrator may prompt any team, never read it)."""

import pytest
from django.utils import timezone

from iomsite.teams.factories import TeamMembershipFactory
from journals import services
from journals.models import TeamPrompt

pytestmark = pytest.mark.django_db


def _date_parts(name, day) -> dict:
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def test_a_prompt_with_a_question_and_words_keeps_both(
    client, team, team_lead, practitioner, question
):
    TeamMembershipFactory(team=team, user=practitioner)
    client.force_login(team_lead)
    words = "Think of the person you saw on Tuesday."
    response = client.post(f"/journal/teams/{team.pk}/", {"question": question.pk, "text": words})
    assert response.status_code == 302
    prompt = TeamPrompt.objects.get()
    assert (prompt.question_id, prompt.text) == (question.pk, words)
    for url in (f"/journal/teams/{team.pk}/", "/journal/", "/learning/"):
        client.force_login(practitioner)
        page = client.get(url).content.decode()
        assert words in page and question.text in page, url


def test_a_bad_date_keeps_the_words_and_says_what_is_wrong(client, team, team_lead, question):
    client.force_login(team_lead)
    words = "What did the panel decide, and why?"
    response = client.post(
        f"/journal/teams/{team.pk}/",
        {"text": words, "discuss_by_day": "31", "discuss_by_month": "2", "discuss_by_year": "2099"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Discuss by date must be a real date" in page and words in page
    assert 'value="31"' in page and 'href="#id_discuss_by_0"' in page
    past = timezone.localdate().replace(year=2000)
    response = client.post(
        f"/journal/teams/{team.pk}/", {"text": words, **_date_parts("discuss_by", past)}
    )
    assert response.status_code == 400 and "today or in the future" in response.content.decode()
    assert not TeamPrompt.objects.exists()


def test_an_administrator_opens_any_teams_prompt_page_but_reads_no_reflections(
    client, administrator, team, practitioner, entry
):
    TeamMembershipFactory(team=team, user=practitioner)
    services.journal_entry_share(entry=entry, author=practitioner, team=team)
    client.force_login(administrator)
    index = client.get("/journal/").content.decode()
    assert f'href="/journal/teams/{team.pk}/"' in index
    response = client.get(f"/journal/teams/{team.pk}/")
    page = response.content.decode()
    assert response.status_code == 200 and "Post prompt" in page
    assert "Shared reflections" not in page and entry.body not in page
    assert client.get(f"/journal/teams/{team.pk}/questions/{entry.question_id}/").status_code == 404
    assert client.get(f"/journal/teams/{team.pk}/entries/{entry.pk}/").status_code == 404
    response = client.post(f"/journal/teams/{team.pk}/", {"text": "From the admin"})
    assert response.status_code == 302 and TeamPrompt.objects.get().author == administrator
    assert client.get("/journal/teams/999999/").status_code == 404


def test_discussion_links_show_only_to_members(
    client, trainer, team, team_lead, practitioner, question
):
    TeamMembershipFactory(team=team, user=practitioner)
    services.team_prompt_create(team=team, author=trainer, question=question)
    link = f'href="/journal/teams/{team.pk}/questions/{question.pk}/"'
    client.force_login(trainer)
    page = client.get(f"/journal/teams/{team.pk}/").content.decode()
    assert question.text in page and link not in page
    assert client.get(f"/journal/teams/{team.pk}/questions/{question.pk}/").status_code == 404
    client.force_login(practitioner)
    page = client.get(f"/journal/teams/{team.pk}/").content.decode()
    assert link in page
    assert client.get(f"/journal/teams/{team.pk}/questions/{question.pk}/").status_code == 200

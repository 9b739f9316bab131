"""My learning (courses/my_learning_selectors.py and its template): it says who
assigned a course, never "your team lead" to the lead who assigned it, and keeps
the due date apart from the percentage."""

import re

import pytest

from courses.models import Assignment
from courses.services import assignment_create

pytestmark = pytest.mark.django_db


def _card_line(page: str) -> str:
    line = re.search(r'<p class="govuk-body-s">(.*?)</p>', page, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", line).split())


def test_a_learner_sees_the_name_of_the_lead_who_assigned_the_course(client, enrolled, team_lead):
    client.force_login(enrolled)
    line = _card_line(client.get("/learning/").content.decode())
    assert f"assigned by {team_lead.display_name}" in line
    assert "your team lead" not in line


def test_a_lead_who_assigned_themselves_reads_assigned_by_you(client, course, team, team_lead):
    from datetime import timedelta

    from django.utils import timezone

    due = timezone.localdate() + timedelta(days=10)
    assignment_create(actor=team_lead, course=course, team=team, users=[team_lead], due_date=due)
    client.force_login(team_lead)
    line = _card_line(client.get("/learning/").content.decode())
    assert "assigned by you" in line and "your team lead" not in line
    # "Due by 12 December 2026 · 0% complete": a separator between the two.
    assert re.search(r"Due by \d{1,2} \w+ \d{4} · 0% complete", line), line


def test_an_assignment_whose_assigner_has_gone_says_assigned_to_you(client, enrolled):
    Assignment.objects.filter(user=enrolled).update(assigned_by=None)
    client.force_login(enrolled)
    line = _card_line(client.get("/learning/").content.decode())
    assert "assigned to you" in line and "assigned by" not in line

"""Journeys for access: a team invitation accepted in the browser, and a learner
reading who has looked at their records. Each page checked with axe-core."""

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEAM_LEAD = "teamlead@example.org"
INVITEE = "c.mensah@example.org"  # Chris Mensah, in Riverside IOM only
PRACTITIONER = "practitioner@example.org"  # Priya Shah, in Northmoor IOM


def test_a_lead_invites_and_the_person_accepts(page, demo):
    sign_in(page, TEAM_LEAD, demo)
    page.get_by_role("link", name="Team", exact=True).click()
    page.get_by_role("link", name="Northmoor IOM", exact=True).click()
    page.get_by_label("Email address").fill(INVITEE.upper())
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("If that address belongs to an IOM Compass account")).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="Members")).not_to_contain_text("Chris Mensah")
    assert_accessible(page)
    sign_out(page)

    sign_in(page, INVITEE, demo)
    page.get_by_role("link", name="Team", exact=True).click()
    banner = page.get_by_role("region", name="Team invitations")
    expect(banner).to_contain_text("has invited you to join Northmoor IOM")
    assert_accessible(page)
    banner.get_by_role("link", name="Accept or decline the invitation to Northmoor IOM").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitation to join Northmoor IOM")
    assert_accessible(page)
    page.get_by_role("button", name="Accept and join the team").click()
    expect(page.get_by_text("You are now a member of Northmoor IOM.")).to_be_visible()
    expect(page.get_by_role("region", name="Team invitations")).to_have_count(0)
    expect(page.locator(".govuk-summary-list")).to_contain_text("Northmoor IOM")
    assert_accessible(page)


def test_a_learner_sees_who_has_looked_at_their_records(page, demo):
    sign_in(page, TEAM_LEAD, demo)
    page.goto("/learning/")
    page.get_by_role("link", name="Team", exact=True).click()
    page.get_by_role("link", name="Northmoor IOM", exact=True).click()
    page.get_by_role("link", name="See the team’s learning progress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team progress")
    sign_out(page)

    sign_in(page, PRACTITIONER, demo)
    page.get_by_role("link", name="My learning", exact=True).click()
    page.get_by_role("link", name="Who has looked at my records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has looked at my records")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Lena")
    expect(table).to_contain_text("Team lead")
    expect(table).to_contain_text("Your progress, on the team progress page")
    assert_accessible(page)
    page.get_by_role("link", name="Back to My learning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")

"""The team page's member search, in the browser, checked with axe-core."""

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_lead_finds_a_member_by_name_and_goes_back_to_everyone(page, demo):
    sign_in(page, "teamlead@example.org", demo)
    page.get_by_role("link", name="Team", exact=True).click()
    page.get_by_role("link", name="Northmoor IOM", exact=True).click()
    page.get_by_label("Find a member by name or email").fill("priya")
    page.get_by_role("button", name="Search members").click()
    members = page.get_by_role("region", name="Members")
    expect(members).to_contain_text("Priya Shah")
    expect(page.get_by_text("1 member matches “priya”.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Show all members").click()
    expect(page.get_by_label("Find a member by name or email")).to_have_value("")
    assert_accessible(page)

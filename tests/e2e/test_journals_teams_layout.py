"""Issue 13: prompts, team pages and team progress as people see them in a browser."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Everything wider than its scrolling box, and whether that box can be scrolled
# (overflow auto/scroll) and reached from the keyboard (focusable, named region).
OVERFLOW_REPORT = """() => {
  const out = {page: document.documentElement.scrollWidth, view: window.innerWidth, cut: []};
  for (const cell of document.querySelectorAll('main th, main td, main svg, main figure')) {
    const box = cell.getBoundingClientRect();
    let scroller = cell.parentElement;
    while (scroller && scroller !== document.body) {
      const style = getComputedStyle(scroller);
      if (['auto', 'scroll'].includes(style.overflowX)) break;
      scroller = scroller.parentElement;
    }
    const inScroller = scroller && scroller !== document.body;
    const limit = inScroller ? scroller.getBoundingClientRect().right : window.innerWidth;
    if (box.right > limit + 1 && !inScroller) out.cut.push(cell.outerHTML.slice(0, 80));
    if (inScroller && box.right > limit + 1) {
      const named = scroller.getAttribute('role') === 'region'
        && scroller.getAttribute('tabindex') === '0'
        && (scroller.getAttribute('aria-labelledby') || scroller.getAttribute('aria-label'));
      if (!named) out.cut.push('unreachable: ' + cell.outerHTML.slice(0, 80));
    }
  }
  return out;
}"""


def test_team_progress_fits_at_320_and_1280_and_the_wide_table_scrolls(page, demo):
    sign_in(page, "teamlead@example.org", demo)
    page.get_by_role("link", name="Team", exact=True).click()
    page.get_by_role("link", name="Northmoor IOM", exact=True).click()
    page.get_by_role("link", name="See the team’s learning progress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team progress")
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        report = page.evaluate(OVERFLOW_REPORT)
        assert report["page"] <= width, f"page {report['page']} px wide at {width}"
        assert not report["cut"], report["cut"]
    region = page.get_by_role("region", name=re.compile("learner"))
    expect(region).to_have_attribute("tabindex", "0")
    region.focus()
    page.keyboard.press("End")
    assert_accessible(page)

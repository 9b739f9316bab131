"""Fixtures shared by the moderation tests."""

import pytest
from wagtail.models import Page

from iomsite.home.models import StandardPage


@pytest.fixture
def new_page(site_tree, trainer):
    """A page a trainer has created and submitted: never live."""
    home = Page.objects.get(depth=2)
    page = StandardPage(
        title="Working with housing providers",
        slug="working-with-housing",
        summary="How IOM teams and housing officers share a case.",
        body="<p>Housing is often the first need.</p>",
        live=False,
    )
    home.add_child(instance=page)
    page.save_revision(user=trainer, log_action=True)
    page.refresh_from_db()
    page.get_workflow().start(page, trainer)
    return page

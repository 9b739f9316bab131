"""Which page a new-page form has created, so that form creates one page only.

Wagtail 8's autosave creates the page on the first autosave of the create form
and only then points the form at the edit view. A "Save draft" (or a second
autosave) sent before that answer arrives posts to the create view again, and
fails with "This slug is already in use", leaving the autosaved draft behind.
Each create form carries a random token (static/js/page-creation.js); the first
request with it records the page here, and later ones edit that page instead
(iomsite/editing/wagtail_hooks.py).
"""

from django.db import models


class PageCreation(models.Model):
    """The page created by the new-page form holding `token`; no page yet while the
    first request with the token is creating it (the row is its claim)."""

    token = models.CharField(max_length=64, unique=True)
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.page_id} ({self.created_at:%Y-%m-%d %H:%M})"

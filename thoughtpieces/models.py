from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class ThoughtPieceIndexPage(Page):
    """The library of Thought Pieces: lists the published pieces beneath it."""

    introduction = models.TextField(
        blank=True, help_text="A sentence or two shown above the list of pieces."
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []  # ThoughtPiecePage arrives with the content model
    max_count = 1

    class Meta:
        verbose_name = "Thought Piece index page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["pieces"] = self.get_children().live().public().specific().order_by("title")
        return context

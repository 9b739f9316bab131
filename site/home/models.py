from django.conf import settings
from django.db import models
from django.shortcuts import resolve_url
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from ..page_routes import KeptRoutePage
from ..registry import LazyRegistryList, home_subpage_types

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HomePage(KeptRoutePage, Page):
    """The site's front page: what the platform is for and where to start."""

    lead = models.TextField(
        help_text="One or two sentences under the title saying who the platform is for."
    )
    body = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    # Each app adds its index page type in its registrations.py.
    subpage_types = LazyRegistryList("home.StandardPage", registry=home_subpage_types)
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["start_url"] = resolve_url(settings.LOGIN_REDIRECT_URL)  # "Go to my learning"
        return context

    class Meta:
        verbose_name = "home page"


class StandardPage(KeptRoutePage, Page):
    """A plain content page: the accessibility statement, privacy notice, help."""

    summary = models.TextField(blank=True, help_text="Optional lead paragraph.")
    body = RichTextField(features=RICH_TEXT_FEATURES)
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="Shown on the page, e.g. for a statement's review date."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "standard page"


@register_setting(icon="list-ul")
class FooterLinks(BaseGenericSetting):
    """Pages the footer links to on every page."""

    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("accessibility_statement"), FieldPanel("privacy_notice")]

    class Meta:
        verbose_name = "footer links"

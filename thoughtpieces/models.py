from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from iomsite.page_routes import KeptRoutePage

from .blocks import ThoughtPieceBodyBlock

reference_validator = RegexValidator(
    r"^[A-Z0-9]+(?:[/-][A-Z0-9]+)*$",
    "Use capital letters and numbers separated by slashes, like KR/TP/8 (no version).",
)
version_validator = RegexValidator(r"^\d+(?:\.\d+){0,2}$", "Use a version like 1.0 or 2.1.")


class ThoughtPieceIndexPage(RoutablePageMixin, KeptRoutePage, Page):
    """The library of Thought Pieces: search, topic filter and brochure builder."""

    introduction = models.TextField(
        blank=True, help_text="A sentence or two shown above the list of pieces."
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["thoughtpieces.ThoughtPiecePage"]
    max_count = 1

    class Meta:
        verbose_name = "Thought Piece index page"

    def route(self, request, path_components):
        """A piece in one query (its specific row with the page's), not Wagtail's two;
        the library's own routes (the list, the brochure) come first as before."""
        if self.live and len(path_components) == 1:
            try:
                self.resolve_subpage(f"/{path_components[0]}/")
            except Http404:
                piece = (
                    ThoughtPiecePage.objects.child_of(self).filter(slug=path_components[0]).first()
                )
                if piece is None:
                    raise
                piece._cached_parent_obj = self  # as Page.route does: no query for the parent
                return piece.route(request, [])
        return super().route(request, path_components)

    @path("")
    def index_route(self, request):
        from .views import thought_piece_index

        return thought_piece_index(request, index_page=self)

    @path("brochure/")
    def brochure_route(self, request):
        from .views import thought_piece_brochure

        return thought_piece_brochure(request, index_page=self)


class ThoughtPieceTopic(TaggedItemBase):
    content_object = ParentalKey(
        "thoughtpieces.ThoughtPiecePage", on_delete=models.CASCADE, related_name="topic_items"
    )


class ThoughtPiecePage(KeptRoutePage, Page):
    """A versioned, referenced article that ends in questions to consider."""

    # NULL, not "", for a copied page awaiting its own code: NULLs never clash on UNIQUE.
    reference = models.CharField(  # noqa: DJ001
        max_length=40,
        unique=True,
        null=True,
        validators=[reference_validator],
        help_text="Unique code for the piece without its version, e.g. KR/TP/8.",
    )
    version = models.CharField(
        max_length=12,
        default="1.0",
        validators=[version_validator],
        help_text="Raise it when a change alters the meaning, e.g. 1.0 → 1.1 or 2.0.",
    )
    publication_date = models.DateField(null=True, blank=True)
    abstract = models.TextField(help_text="A paragraph or two saying what the piece covers.")
    body = StreamField(ThoughtPieceBodyBlock())
    topics = ClusterTaggableManager(through=ThoughtPieceTopic, blank=True)
    reading_time_minutes = models.PositiveSmallIntegerField(default=1, editable=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("reference"), FieldPanel("version")]),
                FieldPanel("publication_date"),
                FieldPanel("topics"),
            ],
            heading="Reference and topics",
        ),
        InlinePanel("authors", heading="Authors", label="Author", min_num=1),
        FieldPanel("abstract"),
        FieldPanel("body"),
        InlinePanel(
            "questions",
            heading="Questions to consider",
            label="Question",
            help_text="Journal entries and team discussions attach to these; re-ordering or "
            "rewording keeps the link.",
        ),
        InlinePanel("references", heading="References", label="Reference"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("reference"),
        index.SearchField("abstract"),
        index.SearchField("body"),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.RelatedFields("questions", [index.SearchField("text")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
        # Through a method: a sub-field named "title" would be indexed as the piece's title.
        index.RelatedFields("references", [index.SearchField("text_for_search")]),
        index.FilterField("reference"),
    ]
    parent_page_types = ["thoughtpieces.ThoughtPieceIndexPage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = ["reference"]

    class Meta:
        verbose_name = "Thought Piece"

    def __str__(self):
        return self.title

    @property
    def full_reference(self) -> str:
        """KR/TP/8/1.0"""
        return f"{self.reference}/{self.version}" if self.reference else self.version

    def save(self, *args, **kwargs):
        from .selectors import reading_time_minutes

        self.reading_time_minutes = reading_time_minutes(abstract=self.abstract, body=self.body)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .rendering import cached_reading_context

        context = super().get_context(request, *args, **kwargs)
        context.update(cached_reading_context(page=self, request=request))
        return context


class ThoughtPieceAuthor(Orderable):
    page = ParentalKey(ThoughtPiecePage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=150, blank=True, help_text="e.g. ‘Senior Lecturer’.")
    affiliation = models.CharField(
        max_length=200, blank=True, help_text="e.g. ‘University of Nottingham’."
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("affiliation")]

    def __str__(self):
        return ", ".join(part for part in (self.name, self.role, self.affiliation) if part)


class DiscussionQuestion(Orderable):
    """One of a piece's questions to consider. Its id is stable across edits and
    re-ordering, so journal entries and discussions can key to it."""

    page = ParentalKey(ThoughtPiecePage, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField()

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "question to consider"

    def __str__(self):
        return f"{self.text} ({self.page.title})" if self.page_id else self.text


class Reference(Orderable):
    """A reference, rendered in Harvard style; `free_text` is used when there is no title."""

    page = ParentalKey(ThoughtPiecePage, on_delete=models.CASCADE, related_name="references")
    authors = models.CharField(max_length=400, blank=True, help_text="e.g. ‘Bottoms, A.’")
    year = models.CharField(max_length=20, blank=True)
    title = models.CharField(max_length=400, blank=True)
    container = models.CharField(
        max_length=400,
        blank=True,
        verbose_name="journal or book",
        help_text="The journal or edited book the title appears in, with its editors.",
    )
    volume = models.CharField(max_length=40, blank=True)
    pages = models.CharField(max_length=40, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    place = models.CharField(max_length=120, blank=True, verbose_name="place of publication")
    url = models.URLField(blank=True, verbose_name="web address")
    free_text = models.TextField(
        blank=True, help_text="Use instead of the fields above for anything that does not fit."
    )

    panels = [
        FieldRowPanel([FieldPanel("authors"), FieldPanel("year")]),
        FieldPanel("title"),
        FieldPanel("container"),
        FieldRowPanel([FieldPanel("volume"), FieldPanel("pages")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("publisher")]),
        FieldPanel("url"),
        FieldPanel("free_text"),
    ]

    def __str__(self):
        return self.free_text or self.title

    def text_for_search(self) -> str:
        """The words a reader might search a reference by: authors, title, source."""
        parts = (self.authors, self.title, self.container, self.publisher, self.free_text)
        return " ".join(part for part in parts if part)

    def harvard(self) -> SafeString:
        """Authors (Year) Title. Place: Publisher. — titles of whole works in italics."""
        if not self.title:
            return format_html("{}", self.free_text)
        parts = []
        lead = " ".join(p for p in (self.authors, f"({self.year})" if self.year else "") if p)
        if lead:
            parts.append(format_html("{} ", lead))
        is_article = bool(self.container and (self.volume or self.pages) and not self.publisher)
        if is_article:  # ‘Title’, Journal, Vol 12, pp. 431-449.
            parts.append(format_html("‘{}’, <i>{}</i>", self.title, self.container))
            if self.volume:
                parts.append(format_html(", {}", self.volume))
            if self.pages:
                parts.append(format_html(", pp. {}", self.pages))
        elif self.container:  # ‘Chapter’, in Book (eds). Place: Publisher.
            parts.append(format_html("‘{}’, in <i>{}</i>", self.title, self.container))
            if self.pages:
                parts.append(format_html(", pp. {}", self.pages))
        else:
            parts.append(format_html("<i>{}</i>", self.title))
        tail = ": ".join(p for p in (self.place, self.publisher) if p)
        parts.append(format_html(". {}.", tail) if tail else mark_safe("."))
        if self.url:
            parts.append(
                format_html(' Available at: <a class="govuk-link" href="{0}">{0}</a>.', self.url)
            )
        return mark_safe("".join(parts))


@register_snippet
class GlossaryTerm(index.Indexed, models.Model):
    """An acronym or term, expanded where it first appears in a Thought Piece."""

    term = models.CharField(max_length=40, unique=True, help_text="As written, e.g. ‘IOM’.")
    expansion = models.CharField(max_length=200, help_text="e.g. ‘Integrated Offender Management’.")
    definition = models.TextField(blank=True)

    panels = [FieldPanel("term"), FieldPanel("expansion"), FieldPanel("definition")]
    search_fields = [
        index.SearchField("term"),
        index.SearchField("expansion"),
        index.SearchField("definition"),
        index.AutocompleteField("term"),
    ]

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} ({self.expansion})"

    @property
    def anchor(self) -> str:
        return "term-" + "".join(ch if ch.isalnum() else "-" for ch in self.term.lower())

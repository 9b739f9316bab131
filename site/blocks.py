"""
Content blocks shared by every kind of page; apps extend them (see
thoughtpieces/blocks.py). Each block's template is in templates/components/blocks/.
"""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link"]
FIGURE_RENDITIONS = ("width-960", "width-640")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("2", "Section (level 2)"), ("3", "Sub-section (level 3)")], default="2"
    )

    class Meta:
        icon = "title"
        label = "Heading"
        template = "components/blocks/heading.html"
        help_text = "Level 2 headings make up the contents list at the top of the page."

    def anchor(self, value) -> str:
        # Prefixed so trainer text cannot take an id the page relies on (DOM clobbering).
        return "section-" + (slugify(value["text"])[:60] or "untitled")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Paragraph"
        template = "components/blocks/paragraph.html"


class QuotationBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text="Who said it, e.g. ‘Staff interview – Probation Director’.",
    )

    class Meta:
        icon = "openquote"
        label = "Quotation"
        template = "components/blocks/quotation.html"


class DataTableBlock(TableBlock):
    """A table of two or more columns with a header row and a caption."""

    def __init__(self, **kwargs):
        kwargs.setdefault("table_options", {"startRows": 3, "startCols": 2, "colHeaders": False})
        super().__init__(**kwargs)

    class Meta:
        icon = "table"
        label = "Table"
        template = "components/blocks/table.html"
        help_text = "Tick ‘Row header’ for the first row; add a caption saying what it compares."

    def clean(self, value):
        value = super().clean(value)
        rows = [row for row in (value or {}).get("data") or [] if any(cell for cell in row)]
        if not rows or max(len(row) for row in rows) < 2:
            raise ValidationError("A table needs at least two columns.")
        if len(rows) < 2:
            raise ValidationError("A table needs a header row and at least one row of data.")
        return value


class FigureImageChooserBlock(ImageChooserBlock):
    """Fetches every figure's image and its renditions in one query per page."""

    def bulk_to_python(self, values):
        values = list(values)
        objects = self.model_class.objects.prefetch_renditions(*FIGURE_RENDITIONS).in_bulk(
            [value for value in values if value is not None]
        )
        return [objects.get(value) for value in values]


class FigureBlock(blocks.StructBlock):
    image = FigureImageChooserBlock(
        required=False,
        help_text="Leave empty while the image is being prepared: the caption still shows.",
    )
    caption = blocks.CharBlock(max_length=250, help_text="e.g. ‘Fig 2: Types of compliance’.")
    alt_text = blocks.CharBlock(
        required=False,
        max_length=400,
        label="Alternative text",
        help_text="What the image shows, for people who cannot see it. Required with an image.",
    )

    class Meta:
        icon = "image"
        label = "Figure"
        template = "components/blocks/figure.html"

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={"alt_text": ValidationError("Describe the image for screen readers.")}
            )
        return value


class BulletListBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(blocks.TextBlock(label="Item"), **kwargs)

    class Meta:
        icon = "list-ul"
        label = "Bulleted list"
        template = "components/blocks/bullet_list.html"


class NumberedListBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(blocks.TextBlock(label="Item"), **kwargs)

    class Meta:
        icon = "list-ol"
        label = "Numbered list"
        template = "components/blocks/numbered_list.html"

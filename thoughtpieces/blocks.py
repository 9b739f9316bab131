"""The blocks of a Thought Piece's body: the shared ones plus the genre's own."""

from wagtail import blocks

from iomsite.blocks import (
    PARAGRAPH_FEATURES,
    BulletListBlock,
    DataTableBlock,
    FigureBlock,
    HeadingBlock,
    NumberedListBlock,
    ParagraphBlock,
    QuotationBlock,
)


class StatuteBlock(blocks.StructBlock):
    """A boxed extract from legislation, with its numbered clauses."""

    title = blocks.CharBlock(max_length=200, help_text="e.g. ‘Article 8’.")
    citation = blocks.CharBlock(
        required=False, max_length=200, help_text="e.g. ‘European Convention on Human Rights’."
    )
    introduction = blocks.TextBlock(required=False)
    clauses = blocks.ListBlock(blocks.TextBlock(label="Clause"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = "Statute or extract"
        template = "components/blocks/statute.html"


class SummaryBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "list-ul"
        label = "Summary"
        template = "components/blocks/summary.html"
        help_text = "The piece's summary, shown in a highlighted box."


class ThoughtPieceBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quotation = QuotationBlock()
    table = DataTableBlock()
    figure = FigureBlock()
    statute = StatuteBlock()
    bullet_list = BulletListBlock()
    numbered_list = NumberedListBlock()
    summary = SummaryBlock()

    class Meta:
        block_counts = {"summary": {"max_num": 1}}

"""
Quiz items as trainers author them. Each item is a StreamField block, defined
with its type in quizzes/items/<type>.py; its block id is the item's stable
key, and each option, vignette, category and choice is a ListBlock child whose
id is equally stable. Learners' answers refer to these ids.

All learner-facing text is plain text (blank line = new paragraph), so a quiz
exports to YAML and back without loss (see quizzes/exchange.py).

Blocks validate what can be checked on a draft. Checks that need the whole
item (a branching scenario's graph) run when a quiz is published or submitted
for review, so a trainer can save a half-built scenario.

Each item block's `text_for_search(value)` takes the item as stored (JSON) and
returns what site search may index: the question, never answers or feedback.
"""

from wagtail import blocks


def text_block(label="", *, required=True, max_length=2000, help_text="", rows=None):
    return blocks.TextBlock(
        label=label or None,
        required=required,
        max_length=max_length,
        help_text=help_text,
        rows=rows or 2,
    )


def list_items(raw) -> list:
    """A ListBlock's stored items, in either of the forms Wagtail stores them."""
    return [
        item["value"] if isinstance(item, dict) and item.get("type") == "item" else item
        for item in raw or []
    ]


class QuizItemsBlock(blocks.StreamBlock):
    """Every registered item type (quizzes/items) as a child block, by its name."""

    def __init__(self, local_blocks=None, **kwargs):
        from .items import stream_children

        super().__init__([*stream_children(), *(local_blocks or [])], **kwargs)

    class Meta:
        min_num = 1
        max_num = 100

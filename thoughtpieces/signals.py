"""Keep the cached piece pages (`rendering`) in step with publishing and the glossary."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from .models import GlossaryTerm, ThoughtPiecePage
from .rendering import bump_glossary_version, forget_piece


def connect() -> None:
    for name, signal in [
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("deleted", post_delete),
    ]:
        signal.connect(forget_piece, sender=ThoughtPiecePage, dispatch_uid=f"piece-{name}")
    for name, signal in [("saved", post_save), ("deleted", post_delete)]:
        signal.connect(bump_glossary_version, sender=GlossaryTerm, dispatch_uid=f"term-{name}")

"""The demo's glossary and Thought Pieces (part of `load_demo`)."""

import json
from io import BytesIO
from pathlib import Path

from django.core.files.images import ImageFile
from django.utils.text import slugify
from wagtail.images.models import Image

from iomsite import demo_content
from iomsite.demo_content.figures import compliance_types_png, timeline_png
from iomsite.demo_content.glossary import GLOSSARY

from .importing.reader import parse
from .models import GlossaryTerm, ThoughtPieceIndexPage, ThoughtPiecePage
from .services import thought_piece_import

DEMO_CONTENT = Path(demo_content.__file__).parent
DEMO_PIECES = ["ic-tp-1-where-iom-came-from.md", "ic-tp-2-compliance.md"]
DEMO_FIGURES = {
    "Fig 1: Programmes that shaped IOM": ("Timeline of programmes before IOM", timeline_png),
    "Fig 1: Four types of compliance": ("Four types of compliance", compliance_types_png),
}


def _glossary() -> int:
    created = 0
    for term, expansion, definition in GLOSSARY:
        _, made = GlossaryTerm.objects.get_or_create(
            term=term, defaults={"expansion": expansion, "definition": definition}
        )
        created += made
    return created


def _figure_image(title: str, draw) -> Image:
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, file=ImageFile(BytesIO(draw()), name=f"{slugify(title)}.png"))
        image.save()
    return image


def _thought_pieces() -> int:
    """Import the demo pieces through the same importer trainers use, then add figures."""
    index = ThoughtPieceIndexPage.objects.get()
    created = 0
    for name in DEMO_PIECES:
        parsed = parse(data=(DEMO_CONTENT / name).read_bytes(), name=name)
        if ThoughtPiecePage.objects.filter(reference=parsed.reference).exists():
            continue
        result = thought_piece_import(parsed=parsed, parent=index, publish=True)
        page = result.page.get_latest_revision_as_object()
        body = page.body.raw_data
        for item in body:
            known = (
                DEMO_FIGURES.get(item["value"].get("caption")) if item["type"] == "figure" else None
            )
            if known and not item["value"].get("image"):
                alt_text, draw = known
                item["value"]["image"] = _figure_image(alt_text, draw).pk
        page.body = json.dumps(list(body))
        page.save_revision().publish()
        created += 1
    return created


def glossary_and_pieces_load(state: dict) -> dict[str, int]:
    """The demo loader: the glossary always, the pieces unless left out."""
    _glossary()
    return {"pages": _thought_pieces() if state["with_pieces"] else 0}

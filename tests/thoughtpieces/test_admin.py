"""Trainers edit pieces in the Wagtail admin; the blocks refuse what would render badly."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from iomsite.blocks import DataTableBlock, FigureBlock
from thoughtpieces.models import ThoughtPieceIndexPage

pytestmark = pytest.mark.django_db


def test_a_trainer_opens_the_editor_for_a_piece_and_for_a_new_one(signed_in, trainer, piece):
    client = signed_in(trainer)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[piece.pk]))
    assert edit.status_code == 200
    content = edit.content.decode()
    for panel in ("Questions to consider", "References", "Authors"):
        assert panel in content
    index = ThoughtPieceIndexPage.objects.get()
    add = client.get(
        reverse("wagtailadmin_pages:add", args=["thoughtpieces", "thoughtpiecepage", index.pk])
    )
    assert add.status_code == 200


def test_a_trainer_previews_a_draft(signed_in, trainer, piece):
    client = signed_in(trainer)
    response = client.get(
        reverse("wagtailadmin_pages:revisions_view", args=[piece.pk, piece.latest_revision_id])
    )
    assert response.status_code == 200
    assert "Proportionality in practice" in response.content.decode()


def test_practitioners_cannot_open_the_editor(signed_in, practitioner, piece):
    response = signed_in(practitioner).get(reverse("wagtailadmin_pages:edit", args=[piece.pk]))
    assert response.status_code == 302


def table(rows):
    return {
        "data": rows,
        "table_header_choice": "row",
        "table_caption": "",
        "cell": [],
        "mergedCells": [],
    }


def test_a_table_needs_two_columns_and_a_data_row():
    block = DataTableBlock()
    with pytest.raises(ValidationError, match="at least two columns"):
        block.clean(table([["Only"], ["one"]]))
    with pytest.raises(ValidationError, match="header row and at least one row"):
        block.clean(table([["A", "B"]]))
    assert block.clean(table([["A", "B"], ["1", "2"]]))


def test_a_figure_with_an_image_needs_alternative_text(site_tree):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = BytesIO()
    PILImage.new("RGB", (10, 10)).save(buffer, format="PNG")
    image = Image.objects.create(title="x", file=ImageFile(buffer, name="x.png"))
    block = FigureBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "caption": "Fig 1", "alt_text": " "}))
    assert block.clean(block.to_python({"image": None, "caption": "Fig 1", "alt_text": ""}))

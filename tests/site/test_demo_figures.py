"""The demo Thought Pieces' figures: no label runs past its box or the picture."""

import pytest
from PIL import Image, ImageDraw

from iomsite.demo_content.figures import compliance_types_layout, timeline_layout


@pytest.mark.parametrize("layout", [compliance_types_layout, timeline_layout])
def test_every_label_stays_inside_its_box(layout):
    drawn = layout(ImageDraw.Draw(Image.new("RGB", (960, 560), "white")))
    assert len(drawn) >= 8
    border = 4  # the cells' outline
    for box, ink in drawn:
        assert box[0] + border < ink[0] and ink[2] < box[2] - border, (box, ink)
        assert box[1] + border < ink[1] and ink[3] < box[3] - border, (box, ink)


def test_labels_on_the_same_side_of_the_timeline_do_not_touch():
    drawn = timeline_layout(ImageDraw.Draw(Image.new("RGB", (960, 360), "white")))
    inks = [ink for _, ink in drawn]
    # year and label per event; events alternate above (0, 2) and below (1, 3)
    first, third = inks[1], inks[5]
    assert first[2] + 8 < third[0], (first, third)

"""Figures for the demo Thought Pieces, drawn with Pillow so no binary is committed."""

from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

BRAND = (11, 79, 87)
TINT = (238, 244, 244)


def _font(size: int):
    for name in ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def compliance_types_png() -> bytes:
    """A 2 × 2 grid of the four types of compliance."""
    width, height, gap = 960, 560, 24
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    cells = [
        ("Constraint-based", "limits on time, place or contact"),
        ("Instrumental", "weighing costs and benefits"),
        ("Habit or routine", "a new daily structure"),
        ("Normative", "values and relationships"),
    ]
    box_w, box_h = (width - 3 * gap) // 2, (height - 3 * gap) // 2
    title_font, body_font = _font(34), _font(24)
    for i, (title, body) in enumerate(cells):
        x = gap + (i % 2) * (box_w + gap)
        y = gap + (i // 2) * (box_h + gap)
        draw.rectangle([x, y, x + box_w, y + box_h], fill=TINT, outline=BRAND, width=4)
        draw.text((x + 24, y + 60), title, fill=BRAND, font=title_font)
        draw.text((x + 24, y + 120), body, fill=(11, 12, 12), font=body_font)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def timeline_png() -> bytes:
    """2003 to 2009: the programmes that came before IOM, on one line."""
    width, height = 960, 360
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.line([60, 180, 900, 180], fill=BRAND, width=6)
    events = [
        (2003, "Drug programme"),
        (2004, "Priority offenders"),
        (2004.6, "National service"),
        (2009, "IOM launched"),
    ]
    label_font, year_font = _font(22), _font(26)
    for i, (year, label) in enumerate(events):
        x = 60 + (year - 2003) / 6 * 840
        draw.ellipse([x - 14, 166, x + 14, 194], fill=BRAND)
        y = 90 if i % 2 == 0 else 220
        draw.text((x - 40, y), str(int(year)), fill=BRAND, font=year_font)
        draw.text((x - 40, y + 34), label, fill=(11, 12, 12), font=label_font)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()

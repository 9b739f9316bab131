"""Figures for the demo Thought Pieces, drawn with Pillow so no binary is committed.

Every label is measured before it is drawn: it wraps to fit its box and is kept
inside the picture, so nothing is clipped at a box's edge at any font (the
fallback fonts differ in width from one machine to another)."""

from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

BRAND = (11, 79, 87)
TINT = (238, 244, 244)
INK = (11, 12, 12)
# (left, top, right, bottom)
Box = tuple[float, float, float, float]


def _font(size: int):
    for name in ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _wrap(draw, text: str, font, max_width: float) -> list[str]:
    """Words into lines no wider than max_width (a single longer word gets a line)."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= max_width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _text_block(draw, xy, text: str, font, max_width: float, *, fill) -> Box:
    """Draw wrapped text with its top-left at xy; returns the box the ink covers."""
    x, y = xy
    line_height = font.size * 1.25
    left, top, right, bottom = x, y, x, y
    for n, line in enumerate(_wrap(draw, text, font, max_width)):
        at = (x, y + n * line_height)
        draw.text(at, line, fill=fill, font=font)
        box = draw.textbbox(at, line, font=font)
        left, top = min(left, box[0]), min(top, box[1])
        right, bottom = max(right, box[2]), max(bottom, box[3])
    return (left, top, right, bottom)


def _png(image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def compliance_types_layout(draw) -> list[tuple[Box, Box]]:
    """Draw the 2 × 2 grid; (cell, ink of its text) for each label drawn."""
    width, height, gap, padding = 960, 560, 24, 24
    cells = [
        ("Constraint-based", "limits on time, place or contact"),
        ("Instrumental", "weighing costs and benefits"),
        ("Habit or routine", "a new daily structure"),
        ("Normative", "values and relationships"),
    ]
    box_w, box_h = (width - 3 * gap) // 2, (height - 3 * gap) // 2
    title_font, body_font = _font(34), _font(24)
    drawn = []
    for i, (title, body) in enumerate(cells):
        x = gap + (i % 2) * (box_w + gap)
        y = gap + (i // 2) * (box_h + gap)
        cell = (x, y, x + box_w, y + box_h)
        draw.rectangle(cell, fill=TINT, outline=BRAND, width=4)
        inner = box_w - 2 * padding
        ink = _text_block(draw, (x + padding, y + 56), title, title_font, inner, fill=BRAND)
        drawn.append((cell, ink))
        ink = _text_block(draw, (x + padding, ink[3] + 20), body, body_font, inner, fill=INK)
        drawn.append((cell, ink))
    return drawn


def compliance_types_png() -> bytes:
    """A 2 × 2 grid of the four types of compliance."""
    image = Image.new("RGB", (960, 560), "white")
    compliance_types_layout(ImageDraw.Draw(image))
    return _png(image)


def timeline_layout(draw) -> list[tuple[Box, Box]]:
    """Draw the timeline; (picture, ink of the label) for each label drawn."""
    width, height, margin, label_width = 960, 360, 16, 190
    picture = (0, 0, width, height)
    draw.line([60, 180, 900, 180], fill=BRAND, width=6)
    events = [
        (2003, "Drug programme"),
        (2004, "Priority offenders"),
        (2004.6, "National service"),
        (2009, "IOM launched"),
    ]
    label_font, year_font = _font(22), _font(26)
    drawn = []
    for i, (year, label) in enumerate(events):
        x = 60 + (year - 2003) / 6 * 840
        draw.ellipse([x - 14, 166, x + 14, 194], fill=BRAND)
        # Centred under its dot, but never past the picture's edges.
        lines = _wrap(draw, label, label_font, label_width)
        wide = max(draw.textlength(line, font=label_font) for line in lines)
        wide = max(wide, draw.textlength(str(int(year)), font=year_font))
        left = min(max(x - wide / 2, margin), width - margin - wide)
        above = i % 2 == 0
        y = 150 - 34 - 28 * len(lines) if above else 212
        ink = _text_block(draw, (left, y), str(int(year)), year_font, label_width, fill=BRAND)
        drawn.append((picture, ink))
        ink = _text_block(draw, (left, y + 34), label, label_font, label_width, fill=INK)
        drawn.append((picture, ink))
    return drawn


def timeline_png() -> bytes:
    """2003 to 2009: the programmes that came before IOM, on one line."""
    image = Image.new("RGB", (960, 360), "white")
    timeline_layout(ImageDraw.Draw(image))
    return _png(image)

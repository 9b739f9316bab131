"""Metadata in uploaded images, and taking it out.

A photo from a phone or camera carries more than its pixels: EXIF (where it
was taken, to a few metres; the camera's make, model and serial number; when),
XMP and IPTC (editing software, author, captions), and comments. Trainers
upload photos as figures and staff upload avatars, and every stored file under
MEDIA_ROOT is public, so none of it may survive. The colour (ICC) profile is
kept: it says how to show the colours, not who or where.

`image_bytes_clean` re-encodes an image without any of it, with the EXIF
orientation applied to the pixels first so the picture stays the right way up.
A JPEG that only loses its metadata keeps its original quantisation tables
(no second round of compression loss).
"""

import io

from PIL import ExifTags, Image, ImageSequence

# Pillow `info` keys that describe the encoding, not the picture or who made it.
TECHNICAL_INFO = frozenset(
    {
        "adobe",
        "adobe_transform",
        "aspect",
        "background",
        "bbox",
        "blend",
        "chromaticity",
        "compression",
        "default_image",
        "disposal",
        "dpi",
        "duration",
        "gamma",
        "icc_profile",
        "interlace",
        "jfif",
        "jfif_density",
        "jfif_unit",
        "jfif_version",
        "loop",
        "progression",
        "progressive",
        "srgb",
        "timestamp",
        "transparency",
        "version",
    }
)
# JPEG application segments that hold no metadata: JFIF, Adobe colour transform
# and the ICC profile. Everything else (APP1 EXIF and XMP, APP13 IPTC, MPF
# secondary pictures, makers' own segments) goes.
JPEG_KEPT_SEGMENTS = (("APP0", b"JFIF"), ("APP14", b"Adobe"), ("APP2", b"ICC_PROFILE"))
ANIMATION_EXTENSIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")
FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "GIF": "GIF", "WEBP": "WEBP"}
# The file extensions of those formats: any other image format an upload setting
# allowed would keep its metadata (a deployment check says so).
EXTENSIONS = frozenset({"gif", "jpg", "jpeg", "png", "webp"})


def image_metadata_present(image: Image.Image) -> bool:
    """Whether an opened image carries anything beyond pixels and colour profile."""
    if image.format == "MPO" or image.getexif().get(ExifTags.Base.Orientation, 1) != 1:
        return True
    for segment, payload in getattr(image, "applist", []):
        if not any(segment == s and payload.startswith(p) for s, p in JPEG_KEPT_SEGMENTS):
            return True
    try:
        for frame in ImageSequence.Iterator(image):
            if any(not _technical(key, value) for key, value in frame.info.items()):
                return True
    finally:
        image.seek(0)
    return False


def _technical(key, value) -> bool:
    if key == "extension":  # a GIF application block: only the looping ones are harmless
        return bytes(value[0][:11]) in ANIMATION_EXTENSIONS
    return key in TECHNICAL_INFO


def image_bytes_clean(data: bytes) -> bytes | None:
    """The image re-encoded without metadata, or None if it has none to remove
    (or is not an image format this site stores: the upload forms refuse those)."""
    with Image.open(io.BytesIO(data)) as image:
        target = FORMATS.get(image.format or "")
        if target is None:
            return None
        try:
            if not image_metadata_present(image):
                return None
            orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
        except Exception:  # noqa: BLE001  (malformed metadata: keep only the pixels)
            orientation = 0
        output = io.BytesIO()
        icc = image.info.get("icc_profile")
        extra = {"icc_profile": icc} if icc else {}
        if getattr(image, "n_frames", 1) > 1 and image.format != "MPO":
            _animation_save(image, output, target, extra)
        elif target == "JPEG":
            _jpeg_save(image, output, orientation, extra)
        else:
            _still(_upright(image, orientation)).save(output, target, **extra)
        return output.getvalue()


# EXIF orientation → the turn that puts the pixels upright (as ImageOps.exif_transpose).
TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _upright(image: Image.Image, orientation: int) -> Image.Image:
    turn = TURNS.get(orientation)
    return image.transpose(turn) if turn is not None else image


def _still(image: Image.Image) -> Image.Image:
    """The same pixels in a new image with no `info` and no EXIF attached."""
    image.load()
    fresh = Image.frombytes(image.mode, image.size, image.tobytes())
    if image.mode in ("P", "PA"):
        fresh.putpalette(image.getpalette(rawmode="RGBA"), rawmode="RGBA")
    if "transparency" in image.info:
        fresh.info["transparency"] = image.info["transparency"]
    return fresh


def _jpeg_save(image, output, orientation, extra) -> None:
    image.seek(0)  # an MPO keeps only its main picture
    progressive = bool(image.info.get("progressive"))
    if orientation == 1 and image.format == "JPEG" and image.mode in ("RGB", "L", "CMYK"):
        # Same pixels: re-use the original quantisation, so no quality is lost.
        image.info = {}
        image.applist = []
        image.save(
            output, "JPEG", quality="keep", subsampling="keep", progressive=progressive, **extra
        )
        return
    still = _still(_upright(image, orientation))
    if still.mode not in ("RGB", "L", "CMYK"):
        still = still.convert("RGB")
    still.save(output, "JPEG", quality=90, progressive=progressive, **extra)


def _animation_save(image, output, target, extra) -> None:
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        durations.append(frame.info.get("duration", 100))
        frames.append(_still(frame.convert("RGBA")))
    frames[0].save(
        output,
        target,
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        **({"loop": image.info["loop"]} if "loop" in image.info else {}),
        **extra,
    )


def image_file_has_metadata(fieldfile) -> bool:
    """Whether a stored image file carries metadata (False if it cannot be read)."""
    try:
        with fieldfile.open("rb") as handle, Image.open(handle) as image:
            return image.format in FORMATS and image_metadata_present(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False  # not an image Pillow can open: nothing the command could do
    except Exception:  # noqa: BLE001  (malformed metadata: the command rewrites the pixels)
        return True

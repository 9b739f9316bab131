"""What the upload tests make: phone photos carrying metadata, files disguised as
images, and where a stored or served file's bytes are."""

import io
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, PngImagePlugin
from PIL import Image as PILImage
from wagtail.images.models import Image

# What a phone writes into a photo; none of it may reach storage.
SECRETS = (b"SecretCam", b"Spy 3000", b"SN-4471-XK", b"Sam Okafor", b"Northmoor custody suite")
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Sam Okafor"/></rdf:RDF></x:xmpmeta>'
)


def camera_exif(orientation=1):
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    exif[ExifTags.Base.Model] = "Spy 3000"
    exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = "SN-4471-XK"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (53.0, 28.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (2.0, 14.0, 40.0)
    return exif


def picture(width=120, height=80):
    """Left half blue, right half red: shows which way up the pixels are."""
    image = PILImage.new("RGB", (width, height), (220, 0, 0))
    image.paste((0, 0, 230), (0, 0, width // 2, height))
    return image


def photo(kind="jpeg", orientation=1, size=(120, 80)) -> bytes:
    buffer = io.BytesIO()
    image = picture(*size)
    exif = camera_exif(orientation)
    if kind == "jpeg":
        image.save(buffer, "JPEG", exif=exif, xmp=XMP.encode(), comment=b"Northmoor custody suite")
    elif kind == "png":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", "Northmoor custody suite")
        info.add_itxt("XML:com.adobe.xmp", XMP)
        image.save(buffer, "PNG", exif=exif, pnginfo=info)
    elif kind == "webp":
        image.save(buffer, "WEBP", exif=exif, xmp=XMP.encode(), lossless=True)
    return buffer.getvalue()


def assert_no_metadata(data: bytes):
    for secret in SECRETS:
        assert secret not in data, secret
    with PILImage.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert ExifTags.Base.Make not in exif and ExifTags.Base.Model not in exif
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert "xmp" not in image.info and "comment" not in image.info
        assert "exif" not in image.info


def assert_upright(data: bytes, *, width, height):
    """Blue on the left, red on the right, at the size a viewer would show."""
    with PILImage.open(io.BytesIO(data)) as image:
        assert image.size == (width, height)
        rgb = image.convert("RGB")
        left, right = rgb.getpixel((2, height // 2)), rgb.getpixel((width - 3, height // 2))
    assert left[2] > 150 and left[0] < 80, left
    assert right[0] > 150 and right[2] < 80, right


def stored(fieldfile) -> bytes:
    with fieldfile.open("rb") as handle:
        return handle.read()


def served(rendition) -> bytes:
    """The bytes behind the URL a page puts in <img src> (MEDIA_ROOT is served as is)."""
    assert rendition.url.startswith(settings.MEDIA_URL)
    return (Path(settings.MEDIA_ROOT) / rendition.url.removeprefix(settings.MEDIA_URL)).read_bytes()


def admin_image_add(client, name, data, **extra):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, data), "collection": 1, **extra},
    )


def legacy_image(name, data) -> Image:
    """An image saved the way it was before this change: bytes straight to storage."""
    image = Image.objects.create(title=name, file=ContentFile(picture_png(), name="x.png"))
    path = image.file.storage.save(f"original_images/{name}", ContentFile(data))
    Image.objects.filter(pk=image.pk).update(file=path)
    image.refresh_from_db()
    return image


def picture_png() -> bytes:
    buffer = io.BytesIO()
    picture().save(buffer, "PNG")
    return buffer.getvalue()


DISGUISED = {
    "php": b"<?php system($_GET['c']); ?>",
    "html": b"<!doctype html><html><script>alert(document.cookie)</script></html>",
    "svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
}

"""Uploaded images lose their metadata on every path into storage: the admin's forms,
the multiple uploader, staff avatars and the one-off command for images stored
before (docs/security/uploads.md)."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image, Rendition
from wagtail.models import UploadedFile
from wagtail.users.models import UserProfile

from tests.site.uploads.photos import (
    admin_image_add,
    assert_no_metadata,
    assert_upright,
    camera_exif,
    legacy_image,
    photo,
    picture,
    picture_png,
    served,
    stored,
)

pytestmark = pytest.mark.django_db


# --- Images: the trainer's paths through the admin ---------------------------------


@pytest.mark.parametrize(("kind", "name"), [("jpeg", "station.jpg"), ("png", "map.png")])
def test_a_photo_added_in_the_admin_is_stored_and_rendered_without_its_metadata(
    signed_in, trainer, kind, name
):
    response = admin_image_add(signed_in(trainer), name, photo(kind))
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get(title=name)
    original = stored(image.file)
    assert_no_metadata(original)
    assert image.file_size == len(original)
    rendition = image.get_rendition("width-400")
    assert_no_metadata(served(rendition))
    for rendition in image.get_renditions("width-60", "fill-40x40", "format-webp").values():
        assert_no_metadata(served(rendition))


def test_a_sideways_phone_photo_is_stored_the_right_way_up(signed_in, trainer):
    """The phone saved it landscape with 'rotate 90°' in EXIF: the pixels are turned."""
    data = photo("jpeg", orientation=6, size=(120, 80))
    assert admin_image_add(signed_in(trainer), "door.jpg", data).status_code == 302
    image = Image.objects.get(title="door.jpg")
    assert (image.width, image.height) == (80, 120)
    rotated = picture(120, 80).transpose(PILImage.Transpose.ROTATE_270)
    assert rotated.getpixel((40, 2))[2] > 150  # the blue half is now on top
    with PILImage.open(io.BytesIO(stored(image.file))) as original:
        assert original.size == (80, 120)
        assert original.convert("RGB").getpixel((40, 2))[2] > 150
        assert original.convert("RGB").getpixel((40, 117))[0] > 150
    assert_no_metadata(stored(image.file))
    rendition = image.get_rendition("width-40")
    assert (rendition.width, rendition.height) == (40, 60)


def test_a_webp_photo_loses_its_metadata_and_keeps_its_orientation(signed_in, trainer):
    data = photo("webp", orientation=3)  # upside down
    assert admin_image_add(signed_in(trainer), "yard.webp", data).status_code == 302
    image = Image.objects.get(title="yard.webp")
    original = stored(image.file)
    assert_no_metadata(original)
    with PILImage.open(io.BytesIO(original)) as upright:
        assert upright.convert("RGB").getpixel((2, 40))[0] > 150  # red now on the left
    assert_no_metadata(served(image.get_rendition("width-50")))


def test_the_multiple_uploader_stores_photos_without_metadata(signed_in, trainer):
    client = signed_in(trainer)
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("custody.jpg", photo("jpeg", orientation=8))},
    )
    body = json.loads(response.content)
    assert body["success"], body
    image = Image.objects.get(pk=body["image_id"])
    assert_no_metadata(stored(image.file))
    assert (image.width, image.height) == (80, 120)
    assert_no_metadata(served(image.get_rendition("max-100x100")))


def test_a_photo_the_multiple_uploader_parks_is_cleaned_before_it_is_stored(signed_in, trainer):
    """When another field fails, the uploader keeps the file as an UploadedFile
    until the form is finished; that copy is public under MEDIA_ROOT too."""
    client = signed_in(trainer)
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": SimpleUploadedFile("cell.jpg", photo("jpeg")),
            "title": "x" * 300,  # too long: the uploader parks the file
        },
    )
    body = json.loads(response.content)
    assert body["success"], body
    upload = UploadedFile.objects.get(pk=body["uploaded_file_id"])
    assert_no_metadata(stored(upload.file))
    response = client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload.pk]),
        {
            f"uploaded-image-{upload.pk}-title": "Cell",
            f"uploaded-image-{upload.pk}-collection": 1,
            f"uploaded-image-{upload.pk}-tags": "",
        },
    )
    body = json.loads(response.content)
    assert body["success"], body
    image = Image.objects.get(pk=body["image_id"])
    assert_no_metadata(stored(image.file))


def test_replacing_an_images_file_in_the_admin_strips_the_new_file(signed_in, trainer):
    client = signed_in(trainer)
    buffer = io.BytesIO()
    picture().save(buffer, "PNG")
    assert admin_image_add(client, "plan.png", buffer.getvalue()).status_code == 302
    image = Image.objects.get(title="plan.png")
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "plan.png", "file": SimpleUploadedFile("plan2.jpg", photo()), "collection": 1},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.file.name.endswith(".jpg")
    assert_no_metadata(stored(image.file))
    assert_no_metadata(served(image.get_rendition("width-30")))


def test_a_large_photo_uploaded_through_a_temporary_file_is_cleaned(signed_in, trainer, settings):
    """Uploads over FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB: most phone photos) go to disk."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    client = signed_in(trainer)
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "big",
            "file": SimpleUploadedFile("big.jpg", photo(orientation=6)),
            "collection": 1,
        },
    )
    assert response.status_code == 302
    image = Image.objects.get(title="big")
    assert_no_metadata(stored(image.file))
    assert (image.width, image.height) == (80, 120)


def test_an_iphone_style_multi_picture_jpeg_keeps_only_its_main_picture(db):
    """iPhones save an MPO: the photo plus hidden secondary pictures, each with EXIF."""
    buffer = io.BytesIO()
    main, secondary = picture(), picture(40, 30)
    main.save(buffer, "MPO", save_all=True, append_images=[secondary], exif=camera_exif())
    with PILImage.open(io.BytesIO(buffer.getvalue())) as mpo:
        assert mpo.format == "MPO" and mpo.n_frames == 2
    image = Image.objects.create(title="mpo", file=ContentFile(buffer.getvalue(), name="m.jpg"))
    original = stored(image.file)
    assert_no_metadata(original)
    with PILImage.open(io.BytesIO(original)) as jpeg:
        assert jpeg.format == "JPEG" and getattr(jpeg, "n_frames", 1) == 1
    assert_upright(original, width=120, height=80)


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data", "ignore:Tag data larger than file")
def test_a_photo_with_broken_exif_keeps_only_its_pixels(db):
    data = bytearray(photo())
    start = data.index(b"Exif\x00\x00") + 6
    data[start + 8 : start + 40] = b"\xff" * 32  # the IFD entries are garbage now
    image = Image.objects.create(title="broken", file=ContentFile(bytes(data), name="b.jpg"))
    original = stored(image.file)
    assert b"Exif" not in original and b"Sam Okafor" not in original
    assert_upright(original, width=120, height=80)


def test_the_colour_profile_is_kept(signed_in, trainer):
    """The ICC profile says how to show the colours, not who or where: it stays."""
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    picture().save(buffer, "JPEG", exif=camera_exif(), icc_profile=profile)
    assert admin_image_add(signed_in(trainer), "p3.jpg", buffer.getvalue()).status_code == 302
    original = stored(Image.objects.get(title="p3.jpg").file)
    assert_no_metadata(original)
    with PILImage.open(io.BytesIO(original)) as image:
        assert image.info["icc_profile"] == profile


def test_an_animated_gif_keeps_its_frames_and_loses_its_comment(db):
    frames = [picture(), picture().transpose(PILImage.Transpose.FLIP_LEFT_RIGHT)]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=[200, 400],
        loop=0,
        comment=b"Northmoor custody suite",
    )
    image = Image.objects.create(title="gif", file=ContentFile(buffer.getvalue(), name="a.gif"))
    original = stored(image.file)
    assert_no_metadata(original)
    with PILImage.open(io.BytesIO(original)) as gif:
        assert gif.n_frames == 2
        assert gif.info["duration"] == 200 and gif.info["loop"] == 0


def test_an_image_format_whose_metadata_cannot_be_removed_is_not_allowed(settings):
    from django.core.checks import run_checks

    settings.WAGTAILIMAGES_EXTENSIONS = ["jpg", "png", "avif", "heic"]
    assert [e.id for e in run_checks() if e.id.startswith("uploads.")] == ["uploads.E003"]


def test_a_clean_jpeg_is_stored_byte_for_byte(signed_in, trainer):
    """Nothing to remove: no second round of JPEG compression."""
    buffer = io.BytesIO()
    picture().save(buffer, "JPEG", quality=70)
    assert admin_image_add(signed_in(trainer), "clean.jpg", buffer.getvalue()).status_code == 302
    assert stored(Image.objects.get(title="clean.jpg").file) == buffer.getvalue()


def test_a_rendition_of_an_original_that_still_has_metadata_carries_none(db):
    """An original stored before this change (or by any path that skipped the
    cleaning): Willow copies its EXIF into renditions unless storage strips it."""
    image = legacy_image("old.jpg", photo())
    assert b"SecretCam" in stored(image.file)
    assert_no_metadata(served(image.get_rendition("width-400")))
    for rendition in image.get_renditions("width-100", "width-50").values():  # bulk insert
        assert_no_metadata(served(rendition))


# --- Staff avatars -----------------------------------------------------------------


def account_form(user, **extra):
    return {
        "name_email-first_name": "Terry",
        "name_email-last_name": "Trainer",
        "name_email-email": user.email,
        "notifications-submitted_notifications": "false",
        "notifications-approved_notifications": "false",
        "notifications-rejected_notifications": "false",
        "notifications-updated_comments_notifications": "false",
        "locale-preferred_language": "en-gb",
        "locale-current_time_zone": "Europe/London",
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
        "keyboard-shortcuts": "true",
        **extra,
    }


@pytest.mark.parametrize("size", [(120, 80), (900, 600)], ids=["small", "resized"])
def test_an_avatar_uploaded_in_the_admin_keeps_no_metadata(signed_in, trainer, size):
    client = signed_in(trainer)
    avatar = SimpleUploadedFile("me.jpg", photo(size=size))
    form = account_form(trainer, **{"avatar-avatar": avatar})
    response = client.post(reverse("wagtailadmin_account"), form)
    assert response.status_code == 302, response.context and [
        f.errors for f in response.context.get("panel_forms", [])
    ]
    profile = UserProfile.get_for_user(trainer)
    assert profile.avatar
    assert_no_metadata(stored(profile.avatar))


# --- Existing images: the one-off command ------------------------------------------


def test_the_strip_command_cleans_stored_images_renditions_and_avatars(db, trainer):
    image = legacy_image("before.jpg", photo(orientation=6))
    clean = Image.objects.create(title="plain", file=ContentFile(picture_png(), name="plain.png"))
    dirty_rendition = image.renditions.create(
        filter_spec="width-10", focal_point_key="", file=ContentFile(photo(), name="r.jpg")
    )
    # A rendition written before renditions were cleaned: straight to storage.
    path = dirty_rendition.file.storage.save("images/old_rendition.jpg", ContentFile(photo()))
    Rendition.objects.filter(pk=dirty_rendition.pk).update(file=path)
    clean_rendition = clean.get_rendition("width-20")
    profile = UserProfile.get_for_user(trainer)
    avatar = profile.avatar.storage.save("avatar_images/me.jpg", ContentFile(photo()))
    UserProfile.objects.filter(pk=profile.pk).update(avatar=avatar)

    out = io.StringIO()
    call_command("strip_image_metadata", "--dry-run", stdout=out)
    assert "Would clean 1 image(s) and 1 avatar(s)" in out.getvalue()
    assert b"SecretCam" in stored(Image.objects.get(pk=image.pk).file)

    out = io.StringIO()
    call_command("strip_image_metadata", stdout=out)
    assert "Cleaned 1 image(s) and 1 avatar(s); deleted 1 rendition(s)" in out.getvalue()
    image.refresh_from_db()
    original = stored(image.file)
    assert_no_metadata(original)
    assert (image.width, image.height) == (80, 120)
    assert image.file_size == len(original)
    assert not image.renditions.exists()
    assert_no_metadata(served(image.get_rendition("width-40")))
    assert Rendition.objects.filter(pk=clean_rendition.pk).exists()
    profile.refresh_from_db()
    assert_no_metadata(stored(profile.avatar))
    out = io.StringIO()
    call_command("strip_image_metadata", stdout=out)
    assert "Cleaned 0 image(s) and 0 avatar(s); deleted 0 rendition(s)" in out.getvalue()

"""Take metadata out of every image already stored, once, after deploying
issue 12 (docs/security/uploads.md). New uploads are cleaned as they arrive."""

from django.core.management.base import BaseCommand
from wagtail.images import get_image_model
from wagtail.users.models import UserProfile

from iomsite.uploads.metadata import image_file_has_metadata
from iomsite.uploads.services import image_field_clean


class Command(BaseCommand):
    help = (
        "Strip GPS, camera EXIF, XMP, IPTC and comments from stored images and avatars, "
        "and delete renditions that carry any so they are made again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would change; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        Image = get_image_model()
        Rendition = Image.get_rendition_model()
        images = renditions = avatars = 0
        for image in Image.objects.order_by("pk").iterator():
            if dry_run:
                changed = image_file_has_metadata(image.file)
            else:
                changed = image_field_clean(instance=image, field_name="file")
                if changed:
                    image.save(update_fields=["width", "height", "file_size", "file_hash"])
            if changed:
                images += 1
                count = image.renditions.count()
                if not dry_run:
                    image.renditions.all().delete()  # Wagtail deletes their files
                renditions += count
        # Renditions of clean originals made before renditions were cleaned.
        for rendition in Rendition.objects.order_by("pk").iterator():
            if image_file_has_metadata(rendition.file):
                renditions += 1
                if not dry_run:
                    rendition.delete()
        for profile in UserProfile.objects.exclude(avatar="").order_by("pk").iterator():
            if dry_run:
                changed = image_file_has_metadata(profile.avatar)
            else:
                changed = image_field_clean(instance=profile, field_name="avatar")
                if changed:
                    profile.save(update_fields=["avatar"])
            avatars += changed
        verb = "Would clean" if dry_run else "Cleaned"
        self.stdout.write(
            f"{verb} {images} image(s) and {avatars} avatar(s); "
            f"{'would delete' if dry_run else 'deleted'} {renditions} rendition(s) "
            "(made again when next shown)."
        )

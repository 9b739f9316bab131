"""Storage for image renditions that never writes metadata.

Willow copies the original's EXIF into JPEG and PNG renditions (and its XMP
into some), so a rendition of a photo would carry the GPS position even after
Wagtail resized it. Renditions are written through this storage
(`WAGTAILIMAGES_RENDITION_STORAGE`), which catches every way Wagtail makes them,
including `get_renditions()`'s bulk insert that sends no model signals.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from .metadata import image_bytes_clean
from .services import UNREADABLE


class MetadataFreeStorageMixin:
    def _save(self, name, content):
        content.seek(0)
        data = content.read()
        try:
            clean = image_bytes_clean(data)
        except UNREADABLE:
            clean = None
        return super()._save(name, ContentFile(data if clean is None else clean))


class MetadataFreeFileSystemStorage(MetadataFreeStorageMixin, FileSystemStorage):
    """The default file system storage (MEDIA_ROOT), with metadata stripped."""

"""Writes on stored files: taking metadata out of an image held in a model field."""

import hashlib
import logging
import os

from django.core.files.base import ContentFile
from PIL import Image

from .metadata import image_bytes_clean

logger = logging.getLogger(__name__)
UNREADABLE = (OSError, SyntaxError, ValueError, Image.DecompressionBombError)


def image_field_clean(*, instance, field_name: str) -> bool:
    """Re-encode the image in `instance.<field_name>` without metadata, if it has
    any. A file not yet in storage is replaced before it is written; one already
    stored is overwritten under its name. Updates the instance's width, height,
    file size and hash where the model has them (the caller saves). Returns
    whether anything changed."""
    fieldfile = getattr(instance, field_name)
    if not fieldfile:
        return False
    try:
        fieldfile.open("rb")
        fieldfile.seek(0)
        data = fieldfile.read()
        fieldfile.seek(0)
        clean = image_bytes_clean(data)
    except UNREADABLE:
        # Not an image Pillow reads: the upload forms refuse those before saving.
        logger.warning("Could not read %s.%s %s", instance._meta.label, field_name, instance.pk)
        return False
    if clean is None:
        return False
    if fieldfile._committed:
        name = fieldfile.name
        storage = fieldfile.storage
        fieldfile.close()
        storage.delete(name)
        fieldfile.name = storage.save(name, ContentFile(clean))
        fieldfile.__dict__.pop("_dimensions_cache", None)
        setattr(instance, field_name, fieldfile.name)
    else:
        setattr(instance, field_name, ContentFile(clean, name=os.path.basename(fieldfile.name)))
    field = instance._meta.get_field(field_name)
    if hasattr(field, "update_dimension_fields"):
        field.update_dimension_fields(instance, force=True)
    if hasattr(instance, "file_size"):
        instance.file_size = len(clean)
    if hasattr(instance, "file_hash"):
        instance.file_hash = hashlib.sha1(clean).hexdigest()  # noqa: S324 (Wagtail's duplicate check)
    return True

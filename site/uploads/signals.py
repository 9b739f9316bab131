"""Every image that reaches storage through a model loses its metadata first:
Wagtail image originals (the admin's add, edit and multiple-upload views, the
Thought Piece importer, `load_demo`), the files the multiple uploader parks
while a form is incomplete, and staff avatars. Renditions go through
`storage.MetadataFreeFileSystemStorage`."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import UploadedFile
from wagtail.users.models import UserProfile

from .services import image_field_clean

IMAGE_FIELDS = ((get_image_model(), "file"), (UserProfile, "avatar"), (UploadedFile, "file"))


def _file_is_new(instance, field_name) -> bool:
    fieldfile = getattr(instance, field_name)
    if not fieldfile:
        return False
    if not fieldfile._committed or instance._state.adding:
        return True
    stored = (
        type(instance)
        ._base_manager.filter(pk=instance.pk)
        .values_list(field_name, flat=True)
        .first()
    )
    return stored != fieldfile.name


def _image_clean_on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    field_name = dict(IMAGE_FIELDS)[sender]
    if raw or (update_fields is not None and field_name not in update_fields):
        return
    if isinstance(instance, UploadedFile) and not _for_images(instance):
        return
    if _file_is_new(instance, field_name):
        image_field_clean(instance=instance, field_name=field_name)


def _for_images(upload) -> bool:
    content_type = upload.for_content_type
    return content_type is not None and content_type.model_class() is get_image_model()


for model, _field in IMAGE_FIELDS:
    receiver(pre_save, sender=model, dispatch_uid=f"uploads.clean.{model._meta.label}")(
        _image_clean_on_save
    )

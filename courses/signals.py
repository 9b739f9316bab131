"""Keep `Step` rows in step with published modules."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .models import ModulePage
from .services import course_structure_retire, course_structure_sync


@receiver(page_published, sender=ModulePage)
def module_published(sender, instance, **kwargs):
    course_structure_sync(module=instance)


@receiver(page_unpublished, sender=ModulePage)
def module_unpublished(sender, instance, **kwargs):
    course_structure_retire(module=instance)

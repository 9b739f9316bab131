"""Background work for accounts: building a personal data export."""

import logging
import secrets

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .data_rights import personal_data_zip
from .models import DataExport

logger = logging.getLogger(__name__)


@task(backend="exports")
def personal_data_export_build(export_id: int) -> None:
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or not export.user.is_active:  # erased meanwhile
        return
    folder = settings.PRIVATE_FILES_ROOT / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{export.pk}-{secrets.token_hex(12)}.zip"
    DataExport.objects.filter(pk=export.pk).update(status=DataExport.Status.RUNNING)

    def progress(percent: int) -> None:
        DataExport.objects.filter(pk=export.pk).update(progress=percent)

    try:
        personal_data_zip(user=export.user, path=folder / name, progress=progress)
    except Exception:
        logger.exception("Data export %s failed", export.pk)  # ids only, never content
        (folder / name).unlink(missing_ok=True)
        DataExport.objects.filter(pk=export.pk).update(status=DataExport.Status.FAILED)
        raise
    DataExport.objects.filter(pk=export.pk).update(
        status=DataExport.Status.READY, file_name=name, progress=100, finished_at=timezone.now()
    )
    # Only the newest download is kept: older zips of this person's data are removed.
    for older in DataExport.objects.filter(user=export.user).exclude(pk=export.pk):
        if older.file_name:
            (folder / older.file_name).unlink(missing_ok=True)
    DataExport.objects.filter(user=export.user).exclude(pk=export.pk).update(file_name="")
